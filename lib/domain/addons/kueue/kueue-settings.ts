/**
 * The kueue add-on's settings: which tenants run batch work through Kueue, with a ClusterQueue each in one cohort,
 * nominal quota per node pool they may use, borrowing and lending limits and a fair-sharing weight. Pure.
 */

export const KUEUE_ADD_ON = 'kueue';

/**
 * The Kueue release the CRDs (and the API version of the objects, kueue.x-k8s.io/v1beta2) are pinned to: the
 * release of the Go module sigs.k8s.io/kueue the conformance judge reads the CRDs from.
 */
export const KUEUE_VERSION = 'v0.17.0';
/** Kueue's repository; its CRDs are in `config/components/crd/bases` at each release tag. */
export const KUEUE_REPOSITORY = 'https://github.com/kubernetes-sigs/kueue.git';
export const KUEUE_CRDS_DIR = 'config/components/crd/bases';
export const KUEUE_CRDS_PREREQUISITE = 'kueue-crds';
/** Kueue's API group and the version the objects are written in. */
export const KUEUE_GROUP = 'kueue.x-k8s.io';
export const KUEUE_API_VERSION = `${KUEUE_GROUP}/v1beta2`;
/** The label a Job (or a CronJob's job template) names its LocalQueue with. */
export const QUEUE_NAME_LABEL = 'kueue.x-k8s.io/queue-name';

/** The cohort every batch tenant's ClusterQueue joins, so unused quota is lent between them. */
export const DEFAULT_COHORT = 'batch';
/** The LocalQueue in each batch tenant's namespace: what its Jobs name in QUEUE_NAME_LABEL. */
export const DEFAULT_LOCAL_QUEUE = 'batch';
/** Fair-sharing weight of a ClusterQueue: Kueue's own default, every tenant equal. */
export const DEFAULT_FAIR_SHARING_WEIGHT = 1;

/** Amounts of the three resources Kueue accounts here. */
export interface KueueResources {
  /** CPU, a Kubernetes quantity (`400`, `1500m`). @default '0' (none) */
  readonly cpu?: string;
  /** Memory, a Kubernetes quantity (`2400Gi`). @default '0' (none) */
  readonly memory?: string;
  /** `nvidia.com/gpu`, counted as the pool's nodes advertise it (MIG partitions, time-sharing clients). @default 0 */
  readonly gpus?: number;
}

/** A tenant's nominal quota on one node pool (a ResourceFlavor), with how much it may borrow and lend. */
export interface KueueFlavorQuota extends KueueResources {
  /** A pool the tenant may use on its clusters: one of its own (dedicated nodes) or one of the cluster's untenanted pools. */
  readonly pool: string;
  /**
   * Most the queue may borrow above its nominal quota from the cohort's unused quota, per resource.
   * @default none: it may borrow all the cohort lends
   */
  readonly borrowingLimit?: KueueResources;
  /**
   * Most of its unused nominal quota the cohort may borrow, per resource.
   * @default none: all of its unused quota may be lent
   */
  readonly lendingLimit?: KueueResources;
}

/** One batch tenant's queue. */
export interface KueueTenantQueue {
  /** The tenant (one of the definition's tenants); its namespace on each of its clusters gets the LocalQueue. */
  readonly tenant: string;
  /** Nominal quota per pool; at least one. */
  readonly quotas: readonly KueueFlavorQuota[];
  /** Fair-sharing weight: a larger weight gets a larger share of what the cohort lends. @default 1 (DEFAULT_FAIR_SHARING_WEIGHT) */
  readonly weight?: number;
}

/** The add-on's settings (`addOns: [{ name: 'kueue', settings: { queues: [...] } }]`). */
export interface KueueSettings {
  /** The batch tenants, each with its ClusterQueue; at least one. */
  readonly queues: readonly KueueTenantQueue[];
  /** The cohort every ClusterQueue joins. @default 'batch' (DEFAULT_COHORT) */
  readonly cohort?: string;
  /** Kueue release tag the CRDs are pinned to. @default KUEUE_VERSION ('v0.17.0') */
  readonly version?: string;
}
