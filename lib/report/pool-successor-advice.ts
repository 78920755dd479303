/**
 * What a reviewer should write instead of replacing a node pool: a successor pool beside the unchanged one
 * (docs/node-pool-upgrades.md). `gke-platform diff` appends it to a node pool's likely replacement.
 */
import { successorPoolName } from '../domain/platform/pool-upgrades';

/** The definition field behind each ForceNew argument of a node pool the library sets (prefix match, most specific first). */
const DEFINITION_FIELD: readonly (readonly [string, string])[] = [
  ['node_config.guest_accelerator', 'gpu'],
  ['node_config.spot', "kind ('spot-batch' runs Spot VMs)"],
  ['node_config.reservation_affinity', 'queuedProvisioning'],
  ['queued_provisioning', 'queuedProvisioning'],
  ['max_pods_per_node', 'maxPodsPerNode'],
  ['network_config', 'podRange'],
  ['node_config.service_account', "the node service account (the cluster's)"],
];

/** The definition field a ForceNew argument comes from, or the argument itself when the library sets it on every pool. */
function definitionField(path: string): string {
  return DEFINITION_FIELD.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1] ?? `\`${path}\``;
}

/**
 * The advice for a node pool `name` whose change of `forcing` (ForceNew argument paths) would replace it: the successor
 * declaration to write instead, with the fields that carry the change. A dedicated-nodes tenant's pool (`tenant-*`) has
 * no successor: the advice says so.
 */
export function poolSuccessorAdvice(name: string, forcing: readonly string[]): string {
  const fields = [...new Set(forcing.map(definitionField))];
  if (name.startsWith('tenant-')) {
    return `a dedicated-nodes tenant's pool has no successor pool: this replaces its nodes all at once; change it outside business hours, or move the tenant's workload off it first (docs/node-pool-upgrades.md)`;
  }
  const successor = successorPoolName(name);
  if (!successor) return `${name} has used every generation suffix: declare the changed pool under a new name beside it, move the workload, then remove ${name} (docs/node-pool-upgrades.md)`;
  return (
    `keep \`${name}\` unchanged (a replacement removes every node at once) and add a successor beside it in its cluster's nodePools: ` +
    `\`{ name: '${successor}', successorOf: '${name}', ... }\` with ${name}'s fields and the new ${fields.join(', ')}; ` +
    `move the workload (cordon and drain ${name}), then remove ${name} and successorOf in a later change (docs/node-pool-upgrades.md)`
  );
}
