import { AdmissionCase, AdmissionLayer } from '../../lib/domain/isolation/admission-case';
import { Judgement } from './judgement';
import { AGGREGATED_CLUSTER_ROLES, KubeResponse, KubeServer } from './kube-server';

export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [key: string]: unknown }; [key: string]: unknown };

interface ApiResource {
  readonly resource: string;
  readonly namespaced: boolean;
}

/** Kind → resource name and scope, read from the server's discovery, so any served kind (CRDs too) maps. */
export async function discoverResources(server: KubeServer): Promise<Map<string, ApiResource>> {
  const byKind = new Map<string, ApiResource>();
  const groupVersions = ['v1'];
  const apis = await server.request('GET', '/apis');
  for (const group of apis.body.groups ?? []) for (const version of group.versions) groupVersions.push(version.groupVersion);
  for (const groupVersion of groupVersions) {
    const list = await server.request('GET', groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`);
    for (const resource of list.body.resources ?? []) {
      if (resource.name.includes('/')) continue;
      byKind.set(`${groupVersion}/${resource.kind}`, { resource: resource.name, namespaced: resource.namespaced });
    }
  }
  return byKind;
}

function basePath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export function objectPath(resource: ApiResource, apiVersion: string, namespace: string | undefined, name?: string): string {
  const scope = resource.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  return `${basePath(apiVersion)}${scope}/${resource.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

export function describeObject(object: KubeObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

export function statusMessage(response: KubeResponse): string {
  return typeof response.body === 'object' && response.body?.message ? String(response.body.message) : String(response.body).slice(0, 300);
}

/**
 * Kubernetes type-checks every ValidatingAdmissionPolicy's CEL against the schemas of the kinds it matches and
 * writes what it finds into the policy's status: each warning is a failure here (an expression that cannot work).
 */
export async function typeCheckWarnings(server: KubeServer, target: string): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const list = await server.request('GET', '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies');
    const items: any[] = list.body.items ?? [];
    const checked = items.every((policy) => policy.status?.observedGeneration === policy.metadata.generation);
    if (checked) {
      return items.flatMap((policy) =>
        (policy.status?.typeChecking?.expressionWarnings ?? []).map((w: { fieldRef: string; warning: string }) => `${target}: ValidatingAdmissionPolicy ${policy.metadata.name}: ${w.fieldRef}: ${w.warning.replace(/\s+/g, ' ')}`),
      );
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  return [`${target}: kube-controller-manager did not type-check the ValidatingAdmissionPolicies within 60 s`];
}

/**
 * Waits until the controllers have done what tenant requests depend on: a `default` ServiceAccount in each namespace
 * of the manifests, a computed status on each ResourceQuota, and the aggregated `admin`/`edit`/`view` ClusterRoles
 * filled (RBAC judges a binding to them by their rules, as on a real cluster).
 */
export async function waitForControllers(server: KubeServer, objects: readonly KubeObject[]): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  let missing: string[] = [];
  while (Date.now() < deadline) {
    missing = [];
    for (const ns of objects.filter((o) => o.kind === 'Namespace')) {
      const sa = await server.request('GET', `/api/v1/namespaces/${ns.metadata.name}/serviceaccounts/default`);
      if (sa.status !== 200) missing.push(`ServiceAccount ${ns.metadata.name}/default`);
    }
    for (const quota of objects.filter((o) => o.kind === 'ResourceQuota')) {
      const current = await server.request('GET', `/api/v1/namespaces/${quota.metadata.namespace}/resourcequotas/${quota.metadata.name}`);
      if (!current.body?.status?.hard) missing.push(`status of ResourceQuota ${quota.metadata.namespace}/${quota.metadata.name}`);
    }
    for (const role of AGGREGATED_CLUSTER_ROLES) {
      const current = await server.request('GET', `/apis/rbac.authorization.k8s.io/v1/clusterroles/${role}`);
      if (!((current.body?.rules as unknown[] | undefined)?.length ?? 0)) missing.push(`the rules of the aggregated ClusterRole ${role}`);
    }
    if (missing.length === 0) return [];
    await new Promise((done) => setTimeout(done, 500));
  }
  return [`kube-controller-manager did not provide within 60 s: ${missing.join(', ')}`];
}

/** Which layer answered a refusal, read from the API server's message. */
export function refusingLayer(response: KubeResponse): AdmissionLayer | 'invalid' | 'other' {
  const message = statusMessage(response);
  if (/ValidatingAdmissionPolicy '[^']+' with binding/.test(message)) return 'admission-policy';
  if (/violates PodSecurity/.test(message)) return 'pod-security';
  if (/exceeded quota|must specify .*(limits|requests)/.test(message) && /quota/i.test(message)) return 'quota';
  if (/(maximum|minimum) .* usage per (Container|Pod)|LimitRange/.test(message)) return 'limit-range';
  if (/cannot [a-z]+ resource|is attempting to grant RBAC permissions|cannot impersonate/.test(message)) return 'rbac';
  if (response.status === 422) return 'invalid';
  return 'other';
}

/** The policy named in a ValidatingAdmissionPolicy refusal. */
export function refusingPolicy(response: KubeResponse): string | undefined {
  return /ValidatingAdmissionPolicy '([^']+)'/.exec(statusMessage(response))?.[1];
}

/** The request of one case, made as the case's identity with dryRun=All: judged by every layer, stored by none. */
async function ask(server: KubeServer, resources: Map<string, ApiResource>, testCase: AdmissionCase): Promise<KubeResponse | string> {
  const { group, version, resource: plural, subresource } = testCase.resource;
  const apiVersion = group ? `${group}/${version}` : version;
  const resource = [...resources.entries()].find(([key, r]) => key.startsWith(`${apiVersion}/`) && r.resource === plural)?.[1];
  if (!resource) return `${apiVersion} ${plural} is not served`;
  const identity = { user: testCase.as.user, groups: [...testCase.as.groups, 'system:authenticated'] };
  const name = testCase.name ?? (testCase.object?.metadata as { name?: string } | undefined)?.name;
  const dryRun = '?dryRun=All&fieldManager=tenant';
  switch (testCase.operation) {
    case 'CREATE':
      if (subresource) return server.request('POST', `${objectPath(resource, apiVersion, testCase.namespace, name)}/${subresource}${dryRun}`, testCase.object, identity);
      return server.request('POST', `${objectPath(resource, apiVersion, testCase.namespace)}${dryRun}`, testCase.object, identity);
    case 'UPDATE': {
      const path = objectPath(resource, apiVersion, testCase.namespace, name);
      const current = await server.request('GET', path);
      const object = { ...(testCase.object ?? current.body), metadata: { ...((testCase.object?.metadata as object) ?? current.body.metadata), resourceVersion: current.body?.metadata?.resourceVersion } };
      return server.request('PUT', `${path}${subresource ? `/${subresource}` : ''}${dryRun}`, object, identity);
    }
    case 'DELETE':
      return server.request('DELETE', `${objectPath(resource, apiVersion, testCase.namespace, name)}${dryRun}`, undefined, identity);
  }
}

/**
 * The API server's admission plugin loads policies through its own informer, which can lag the policies' status:
 * before judging, wait until each policy the corpus names refuses one of its cases (a canary), for at most 60 s.
 * Returns the policies that never became active.
 */
async function waitForPolicies(server: KubeServer, resources: Map<string, ApiResource>, cases: readonly AdmissionCase[]): Promise<string[]> {
  const canaries = new Map<string, AdmissionCase>();
  for (const testCase of cases) if (testCase.deniedBy === 'admission-policy' && testCase.policy && !canaries.has(testCase.policy)) canaries.set(testCase.policy, testCase);
  const deadline = Date.now() + 60_000;
  let pending = [...canaries.keys()];
  while (pending.length > 0 && Date.now() < deadline) {
    const still: string[] = [];
    for (const policy of pending) {
      const answer = await ask(server, resources, canaries.get(policy)!);
      // A policy whose canary's kind is not served cannot be watched becoming active; its cases are not judged here.
      if (typeof answer !== 'string' && refusingPolicy(answer) !== policy) still.push(policy);
    }
    pending = still;
    if (pending.length > 0) await new Promise((done) => setTimeout(done, 500));
  }
  return pending;
}

/** Sends every case of the corpus and compares the answer, and for refusals the layer (and policy), with the case. */
export async function runTenantSuite(server: KubeServer, cases: readonly AdmissionCase[], target: string, version: string): Promise<Judgement> {
  const resources = await discoverResources(server);
  const inactive = await waitForPolicies(server, resources, cases);
  const failures: string[] = inactive.map((policy) => `${target}: ValidatingAdmissionPolicy ${policy} refused none of its cases within 60 s`);
  let passed = 0;
  // Cases of kinds the server does not serve (Gateway API routes without their CRDs) are answered by the CEL judge
  // in npm test only: listed as not judged here, never counted as passed.
  const unserved = new Map<string, string[]>();
  for (const testCase of cases) {
    const answer = await ask(server, resources, testCase);
    const label = `${target}: ${testCase.id}${testCase.benchmark ? ` [${testCase.benchmark}]` : ''}`;
    if (typeof answer === 'string') {
      unserved.set(answer, [...(unserved.get(answer) ?? []), testCase.id]);
      continue;
    }
    const allowed = answer.status >= 200 && answer.status < 300;
    if (testCase.expect === 'allowed') {
      if (allowed) passed += 1;
      else failures.push(`${label}: expected allowed, refused (${refusingLayer(answer)}): ${statusMessage(answer)}`);
      continue;
    }
    if (allowed) {
      failures.push(`${label}: expected denied by ${testCase.deniedBy ?? 'any layer'}, but ALLOWED (${testCase.description})`);
      continue;
    }
    const layer = refusingLayer(answer);
    const policy = refusingPolicy(answer);
    if (testCase.deniedBy && layer !== testCase.deniedBy) failures.push(`${label}: denied, but by ${layer} instead of ${testCase.deniedBy}: ${statusMessage(answer)}`);
    else if (testCase.policy && policy !== testCase.policy) failures.push(`${label}: denied, but by policy ${policy} instead of ${testCase.policy}`);
    else passed += 1;
  }
  const notAsked = [...unserved.values()].flat();
  const notJudged = notAsked.length > 0 ? `${notAsked.length} case(s) of kinds this API server does not serve (${[...unserved.keys()].join('; ')}), answered by the CEL judge in npm test: ${notAsked.join(', ')}` : undefined;
  return { judge: 'kube-apiserver tenant suite', version, target, checked: cases.length - notAsked.length, passed, failed: failures.length, skipped: 0, failures, notJudged };
}
