/**
 * GKE address sizing, from intent (how many nodes, how many pods per node) to prefix lengths.
 * Rules from GKE's "Optimize IP address allocation" and "Flexible Pod CIDR" documentation.
 */

/** GCP reserves four addresses in every subnet primary range (network, gateway, second-to-last, broadcast). */
export const GCP_RESERVED_ADDRESSES_PER_SUBNET = 4;
/** The smallest primary range a GCP subnet may have. */
export const GCP_SMALLEST_SUBNET_PREFIX = 29;
/** GKE's bounds on maximum pods per node. */
export const GKE_MIN_PODS_PER_NODE = 8;
export const GKE_MAX_PODS_PER_NODE = 256;
/** The GKE control plane of a private cluster takes exactly one /28. */
export const GKE_CONTROL_PLANE_PREFIX = 28;
/** GKE's own default services range is a /20 (4,096 Services); we size the same by default. */
const DEFAULT_MAX_SERVICES = 4096;

/**
 * Each node gets a pod block holding at least twice its max pods (so IPs are not reused at once when
 * pods churn): ≤8 pods /28, ≤16 /27, ≤32 /26, ≤64 /25, ≤128 /24 (GKE caps the /24 row at 110), ≤256 /23.
 */
export function podBlockPrefix(maxPodsPerNode: number): number {
  assertPodsPerNode(maxPodsPerNode);
  const addressesNeeded = 2 * maxPodsPerNode;
  return 32 - Math.ceil(Math.log2(addressesNeeded));
}

function assertPodsPerNode(maxPodsPerNode: number): void {
  if (!Number.isInteger(maxPodsPerNode) || maxPodsPerNode < GKE_MIN_PODS_PER_NODE || maxPodsPerNode > GKE_MAX_PODS_PER_NODE) {
    throw new RangeError(`maxPodsPerNode ${maxPodsPerNode} must be a whole number from ${GKE_MIN_PODS_PER_NODE} to ${GKE_MAX_PODS_PER_NODE}`);
  }
}

/** Nodes a primary range of this prefix holds: 2^(32-p) - 4. */
export function nodesInSubnet(prefixLength: number): number {
  return Math.max(0, 2 ** (32 - prefixLength) - GCP_RESERVED_ADDRESSES_PER_SUBNET);
}

/** Longest prefix (smallest subnet) whose usable addresses cover `nodes`; never longer than /29. */
export function nodeSubnetPrefix(nodes: number): number {
  assertPositiveWhole('nodes', nodes);
  let prefix = GCP_SMALLEST_SUBNET_PREFIX;
  while (nodesInSubnet(prefix) < nodes) prefix -= 1;
  return prefix;
}

/** Nodes a pod range holds: one pod block per node, 2^(blockPrefix - podRangePrefix). */
export function nodesInPodRange(podRangePrefix: number, maxPodsPerNode: number): number {
  const block = podBlockPrefix(maxPodsPerNode);
  return block < podRangePrefix ? 0 : 2 ** (block - podRangePrefix);
}

export function podRangePrefix(nodes: number, maxPodsPerNode: number): number {
  assertPositiveWhole('nodes', nodes);
  return podBlockPrefix(maxPodsPerNode) - Math.ceil(Math.log2(nodes));
}

export function servicesRangePrefix(maxServices: number): number {
  assertPositiveWhole('maxServices', maxServices);
  return 32 - Math.ceil(Math.log2(maxServices));
}

/** The prefix lengths a GKE cluster needs for the given intent. */
interface GkeRangeSizes {
  /** Prefix of the node subnet: the longest whose addresses, less GCP's 4 reserved, hold maxNodes + surge (never longer than /29). */
  readonly nodes: number;
  /**
   * Prefix of the pod range: one pod block (twice maxPodsPerNode, rounded up to a power of two) per node, for
   * maxNodes + surge nodes rounded up to a power of two.
   */
  readonly pods: number;
  /** Prefix of the services range: maxServices rounded up to a power of two (/20 for the default 4096). */
  readonly services: number;
  /** Always 28: a private cluster's control plane takes one /28 (GKE_CONTROL_PLANE_PREFIX). */
  readonly controlPlane: number;
}

/** What a cluster's ranges are sized for: nodes, surge and pods per node. */
export interface GkeSizingIntent {
  /** Nodes the cluster may scale to. */
  readonly maxNodes: number;
  /** Extra nodes that exist during upgrades (surge). @default 0 */
  readonly surgeNodes?: number;
  /**
   * Extra nodes while a blue-green pool upgrades (a second set of its nodes). New ranges are sized for it; a recorded
   * range is held to maxNodes + surge only, and the platform plan checks each blue-green pool against it with a message
   * naming the pool (pool-headroom.ts). @default 0
   */
  readonly blueGreenNodes?: number;
  /** Pods per node, 8-256 (GKE's bounds); sizes each node's pod block (≤8 a /28 ... ≤256 a /23). */
  readonly maxPodsPerNode: number;
  /** @default DEFAULT_MAX_SERVICES (4096) */
  readonly maxServices?: number;
}

export function gkeRangeSizes(intent: GkeSizingIntent): GkeRangeSizes {
  const nodes = intent.maxNodes + (intent.surgeNodes ?? 0) + (intent.blueGreenNodes ?? 0);
  return {
    nodes: nodeSubnetPrefix(nodes),
    pods: podRangePrefix(nodes, intent.maxPodsPerNode),
    services: servicesRangePrefix(intent.maxServices ?? DEFAULT_MAX_SERVICES),
    controlPlane: GKE_CONTROL_PLANE_PREFIX,
  };
}

function assertPositiveWhole(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${field} ${value} must be a whole number of at least 1`);
}
