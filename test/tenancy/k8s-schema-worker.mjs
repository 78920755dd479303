// Validates Kubernetes objects (JSON array on stdin) with kubernetes-models and prints one result per
// object. A separate Node process because kubernetes-models is ESM-only ("import" export condition),
// which Jest's CommonJS runtime cannot load; plain Node loads it natively.
const API_VERSION = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
// Custom resources of the add-ons are validated against their projects' schemas: Istio's and Argo CD's CRDs.
const MODEL_PACKAGES = [
  [/\.istio\.io\//, '@kubernetes-models/istio'],
  [/^argoproj\.io\//, '@kubernetes-models/argo-cd'],
];
const modelPackage = (apiVersion) => MODEL_PACKAGES.find(([pattern]) => pattern.test(apiVersion))?.[1] ?? 'kubernetes-models';

async function validateOne(obj) {
  const { apiVersion, kind } = obj ?? {};
  if (typeof apiVersion !== 'string' || !API_VERSION.test(apiVersion) || typeof kind !== 'string' || !KIND.test(kind)) {
    return `not a Kubernetes object (apiVersion ${JSON.stringify(apiVersion)}, kind ${JSON.stringify(kind)})`;
  }
  let model;
  try {
    model = (await import(`${modelPackage(apiVersion)}/${apiVersion}/${kind}`))[kind];
  } catch {
    model = undefined;
  }
  // Only top-level API types carry apiVersion/kind statics; nested types (Container, ...) must not pass.
  if (typeof model !== 'function' || model.apiVersion !== apiVersion || model.kind !== kind) {
    return `unknown kind ${kind} in ${apiVersion}: ${modelPackage(apiVersion)} has no schema for it`;
  }
  try {
    new model(obj).validate();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const objects = JSON.parse(input);
const results = [];
for (const obj of objects) results.push(await validateOne(obj) ?? null);
process.stdout.write(JSON.stringify(results));
