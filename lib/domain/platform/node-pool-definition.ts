import type { GpuSharing } from '../gke/gpu-sharing';
import type { BlueGreenSettings } from '../gke/node-pool-upgrade';

/** A node pool as the platform definition declares it (a cluster's `nodePools`, a dedicated-nodes tenant's pool). */
export type NodePoolKind = 'general' | 'spot-batch' | 'gpu';

/** A pool's upgrade strategy as the definition declares it (NodePoolDefinition.upgrade). */
export type NodePoolUpgradeDefinition =
  | {
      /** Surge: maxSurge new nodes per zone at a time, none unavailable. */
      readonly strategy: 'surge';
    }
  | ({
      /** Blue-green: a second set of nodes, the old ones drained in batches and kept until the soak ends. */
      readonly strategy: 'blue-green';
    } & BlueGreenSettings);

/** A node pool of a cluster in the definition (`clusters[].nodePools[]`). */
export interface NodePoolDefinition {
  /** Node pool name; changing it replaces the pool. */
  readonly name: string;
  /** What the pool runs; picks the preset (machine type, spot, taints, GPU driver). */
  readonly kind: NodePoolKind;
  /**
   * @default per kind (DEFAULT_MACHINE_TYPES): general e2-standard-4, spot-batch n2-standard-8, gpu g2-standard-8,
   * for a dedicated-nodes tenant's pool too
   */
  readonly machineType?: string;
  /** Minimum nodes across all zones. @default 0 (spot-batch, gpu) or 1 per zone (general) (defaultMinNodes) */
  readonly minNodes?: number;
  /** Maximum nodes across all zones; the cluster's maxNodes must cover the sum of its pools. */
  readonly maxNodes: number;
  /** GPUs per node, for `gpu` pools. @default { type: 'nvidia-l4', count: 1 } for gpu pools */
  readonly gpu?: {
    /** GPU accelerator type as GKE names it, e.g. `nvidia-l4`; it must fit the machine type (g2 machines carry L4s). */
    readonly type: string;
    /** GPUs attached to each node (a whole number, at least 1). */
    readonly count: number;
    /**
     * Time-sharing or MPS: several containers per physical GPU, each node then advertising count × maxClientsPerGpu
     * `nvidia.com/gpu`. No memory or fault isolation between the containers (docs/threat-model.md): only MIG
     * isolates in hardware. Changing it replaces the pool.
     * @default none: each container gets whole GPUs
     */
    readonly sharing?: GpuSharing;
    /**
     * Multi-instance GPU partition size, e.g. `1g.5gb` on `nvidia-tesla-a100` (MIG_PARTITIONS): each GPU is cut
     * into hardware-isolated partitions, each advertised as one `nvidia.com/gpu`. Changing it replaces the pool.
     * @default none: whole GPUs
     */
    readonly partitionSize?: string;
  };
  /**
   * Queued provisioning (the Dynamic Workload Scheduler): nodes only for admitted ProvisioningRequests, all of a
   * job's nodes at once. The pool then scales from zero, consumes no reservation, does not auto-repair and takes
   * any zone (validateQueuedProvisioning); the kueue add-on gives it an AdmissionCheck. `gpu` pools only, not Spot.
   * Changing it replaces the pool.
   * @default false
   */
  readonly queuedProvisioning?: boolean;
  /** Pods per node; at most the cluster's maxPodsPerNode. @default the cluster's */
  readonly maxPodsPerNode?: number;
  /** Extra nodes per zone during surge upgrades; declaring it makes the pool surge. @default 1 (DEFAULT_MAX_SURGE) */
  readonly maxSurge?: number;
  /**
   * How GKE upgrades the pool's nodes (a version or node-image change, or an in-place change that recreates nodes).
   * `blue-green` needs room for a second full set of the pool's nodes in the cluster's node subnet and pod range at
   * once (checked against the IP plan); `surge` adds maxSurge nodes per zone at a time. Changed in place.
   * @default DEFAULT_UPGRADE_STRATEGY by kind: blue-green (with DEFAULT_BLUE_GREEN_UPGRADE) for general pools, surge for
   * spot-batch and gpu pools, and surge for a pool that declares maxSurge or queuedProvisioning
   */
  readonly upgrade?: NodePoolUpgradeDefinition;
  /**
   * The cluster's additional pod range (by its `name` in `additionalPodRanges`) this pool's pods take their
   * addresses from: how a cluster grows once its default pod range is full. Forces replacement of the pool.
   * @default the cluster's default pod range
   */
  readonly podRange?: string;
  /**
   * The pool of this cluster this one replaces (docs/node-pool-upgrades.md). A change GKE cannot make in place (GPU
   * type, Spot, pod range, pods per node, ...) is declared on a successor named `<pool>-b` (`-c` after `-b`, ...)
   * beside the unchanged old pool: both run while the workload moves (the operator cordons and drains the old
   * nodes), and removing the old pool is a later, separate change; then drop `successorOf` (it changes nothing
   * deployed). The IP plan must hold both pools at their maximum at once (checked). Cluster pools only.
   * @default none: not a successor
   */
  readonly successorOf?: string;
}
