/**
 * Kubernetes OpenAPI schema validation for tests, with the `kubernetes-models` package (and `@kubernetes-models/istio`,
 * `@kubernetes-models/argo-cd` for the add-ons' custom resources). Each object is
 * mapped by apiVersion/kind to its model class (`kubernetes-models/<apiVersion>/<Kind>`) and `.validate()`d;
 * an apiVersion/kind without a model is an error, so nothing escapes validation.
 *
 * kubernetes-models is ESM-only and Jest runs CommonJS, so validation runs in one child Node process per
 * call: pass all objects of a test in one call.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const WORKER = join(__dirname, 'k8s-schema-worker.mjs');

export interface K8sSchemaError {
  readonly index: number;
  readonly apiVersion: unknown;
  readonly kind: unknown;
  readonly name: unknown;
  readonly message: string;
}

/** Schema errors of the objects; empty when every object is valid. */
export function k8sSchemaErrors(objects: readonly unknown[]): K8sSchemaError[] {
  const output = execFileSync(process.execPath, [WORKER], {
    input: JSON.stringify(objects),
    cwd: join(__dirname, '..', '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const results = JSON.parse(output) as (string | null)[];
  return results.flatMap((message, index) => {
    if (message === null) return [];
    const obj = (objects[index] ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    return [{ index, apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name, message }];
  });
}

/** Formats errors one per line: `Kind/name (apiVersion): message`. */
export function formatK8sSchemaErrors(errors: readonly K8sSchemaError[]): string {
  return errors.map((e) => `${String(e.kind)}/${String(e.name)} (${String(e.apiVersion)}): ${e.message}`).join('\n');
}

/** Throws listing every invalid object; use as `expectK8sSchemaValid(Testing.synth(chart))`. */
export function expectK8sSchemaValid(objects: readonly unknown[]): void {
  if (objects.length === 0) throw new Error('expectK8sSchemaValid: no objects given');
  const errors = k8sSchemaErrors(objects);
  if (errors.length > 0) throw new Error(`${errors.length} of ${objects.length} objects fail the Kubernetes schema:\n${formatK8sSchemaErrors(errors)}`);
}
