/**
 * What `gke-platform diff` proposes when a change of the definition would replace a GKE cluster: the definition
 * field behind the argument that forces it, and the change that builds a successor generation instead (the old
 * cluster keeps running while traffic moves). Pure: the cluster's synthesized arguments before and after in, text out.
 */
import { FIRST_GENERATION_NAME } from './cluster-generations';

/** A `google_container_cluster` argument GKE cannot change live, and the definition field a generation sets for it. */
interface ForcingField {
  /** The definition field, as a generation declares it. */
  readonly field: string;
  /** The value the generation takes, read from the new arguments; undefined when the field sizes a range (no single value). */
  readonly value?: (args: Readonly<Record<string, unknown>>) => unknown;
}

/** The cluster arguments (ForceNew in the provider) that follow from a field a generation may set. */
const GENERATION_FIELDS: readonly [RegExp, ForcingField][] = [
  [/^default_max_pods_per_node$/, { field: 'maxPodsPerNode', value: (a) => a.default_max_pods_per_node }],
  [/^project$/, { field: 'project', value: (a) => a.project }],
  [/^location$/, { field: 'region', value: (a) => a.location }],
  [/^ip_allocation_policy(\.|$)/, { field: 'maxNodes, maxPodsPerNode, maxServices, additionalPodRanges or pools (the ranges they size)' }],
  [/^private_cluster_config\.master_ipv4_cidr_block$/, { field: 'pools.controlPlane (its control-plane /28)' }],
];

/**
 * The successor-generation proposal for a cluster a change replaces, or undefined when no forcing argument follows
 * from a field a generation sets (a rename, a library setting: a generation would carry the same change).
 */
export function successorGenerationProposal(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, forcing: readonly string[]): string | undefined {
  const fields = GENERATION_FIELDS.filter(([pattern]) => forcing.some((path) => pattern.test(path))).map(([, field]) => field);
  if (fields.length === 0) return undefined;
  const cluster = typeof before.name === 'string' ? before.name : 'the cluster';
  const set = fields.filter((f) => f.value !== undefined && f.value(after) !== undefined).map((f) => `${f.field}: ${JSON.stringify(f.value!(after))}`);
  const was = fields.filter((f) => f.value !== undefined && f.value(before) !== undefined).map((f) => `${f.field} ${JSON.stringify(f.value!(before))}`);
  const sized = fields.filter((f) => f.value === undefined).map((f) => f.field);
  const successor = [`name: 'b'`, 'trafficWeight: 0', ...set, ...(sized.length > 0 ? [`/* the ${sized.join('; ')} you changed */`] : [])].join(', ');
  return (
    `${fields.map((f) => f.field).join('; ')} cannot change on the live cluster ${cluster}: instead of replacing it, build a successor generation beside it ` +
    `(docs/cluster-generations.md): keep ${cluster}'s own settings as they were${was.length > 0 ? ` (${was.join(', ')})` : ''} and add ` +
    `generations: [{ name: '${FIRST_GENERATION_NAME}', trafficWeight: 100 }, { ${successor} }], then shift trafficWeight in steps and retire '${FIRST_GENERATION_NAME}' (state: 'retiring')`
  );
}
