/**
 * Kueue's objects for one cluster, from the definition: a ResourceFlavor per node pool some batch tenant's queue
 * names (its nodes by GKE's pool label, the platform's taints tolerated), a ClusterQueue per batch tenant in one
 * cohort (nominal quota per flavor, borrowing and lending limits, fair-sharing weight, only its own namespace), a
 * LocalQueue in the tenant's namespace, and for queued-provisioning pools the ProvisioningRequestConfig and the
 * AdmissionCheck that make Kueue obtain their nodes through the Dynamic Workload Scheduler. Plain objects. Pure.
 */
import { QUEUED_PROVISIONING_CLASS } from '../../gke/queued-provisioning';
import { WORKLOAD_CLASS_BATCH, WORKLOAD_CLASS_KEY } from '../../gke/workload-class';
import type { ClusterPlan, NodePoolPlan } from '../../platform/platform-plan';
import { GPU_RESOURCE, NAMESPACE_NAME_LABEL } from '../../tenancy/labels';
import { DEFAULT_COHORT, DEFAULT_FAIR_SHARING_WEIGHT, DEFAULT_LOCAL_QUEUE, KUEUE_API_VERSION, KUEUE_GROUP, KueueFlavorQuota, KueueResources, KueueSettings, KueueTenantQueue } from './kueue-settings';

/** A Kubernetes object as plain JSON. */
export interface KueueObject {
  /** `kueue.x-k8s.io/v1beta2` (KUEUE_API_VERSION). */
  readonly apiVersion: string;
  /** ResourceFlavor, ClusterQueue, LocalQueue, ProvisioningRequestConfig or AdmissionCheck. */
  readonly kind: string;
  /** Its name, and its namespace for a LocalQueue. */
  readonly metadata: {
    /** The object's name: the pool for a flavor, the tenant for a ClusterQueue, DEFAULT_LOCAL_QUEUE for a LocalQueue. */
    readonly name: string;
    /** The tenant's namespace, for a LocalQueue. @default none: cluster-scoped */
    readonly namespace?: string;
  };
  /** The object's spec, as Kueue's v1beta2 CRDs define it. */
  readonly spec: Record<string, unknown>;
}

/** GKE's label naming a node's pool: a flavor selects exactly one pool by it. */
export const GKE_NODEPOOL_LABEL = 'cloud.google.com/gke-nodepool';
/** The taint GKE puts on nodes it created for a ProvisioningRequest (queued provisioning). */
export const GKE_QUEUED_TAINT_KEY = 'cloud.google.com/gke-queued';
/** The one ProvisioningRequestConfig and AdmissionCheck per cluster with a queued pool in some queue. */
export const QUEUED_PROVISIONING_CHECK = 'queued-provisioning';
/** Kueue's controller for ProvisioningRequest admission checks. */
export const PROVISIONING_CONTROLLER = 'kueue.x-k8s.io/provisioning-request';
/** How a ClusterQueue preempts: it reclaims its nominal quota from borrowers; within itself, lower priorities first. */
export const DEFAULT_PREEMPTION = { reclaimWithinCohort: 'Any', withinClusterQueue: 'LowerPriority' } as const;

/** Kueue's objects on one cluster: cluster-scoped ones, and per batch tenant the objects in its namespace. */
export interface KueueClusterObjects {
  /** ResourceFlavors, ClusterQueues, and the ProvisioningRequestConfig and AdmissionCheck where needed. */
  readonly cluster: readonly KueueObject[];
  /** By tenant: its LocalQueue. */
  readonly tenants: Readonly<Record<string, readonly KueueObject[]>>;
}

/** The queues of tenants on this cluster, with only the quotas on pools of this cluster. */
export function queuesOnCluster(settings: KueueSettings, cluster: ClusterPlan): { queue: KueueTenantQueue; quotas: { quota: KueueFlavorQuota; pool: NodePoolPlan }[] }[] {
  return (settings.queues ?? []).flatMap((queue) => {
    if (!cluster.tenants.includes(queue.tenant)) return [];
    const quotas = queue.quotas.flatMap((quota) => {
      const pool = cluster.nodePools.find((p) => p.name === quota.pool);
      return pool ? [{ quota, pool }] : [];
    });
    return quotas.length > 0 ? [{ queue, quotas }] : [];
  });
}

/** The tolerations a workload needs on the pool's nodes for the platform's taints (added by Kueue when it admits to the flavor). */
function poolTolerations(pool: NodePoolPlan): Record<string, string>[] {
  const tolerations: Record<string, string>[] = [];
  if (pool.placement) tolerations.push({ ...pool.placement.toleration });
  if (pool.kind === 'spot-batch' && !pool.placement) tolerations.push({ key: WORKLOAD_CLASS_KEY, operator: 'Equal', value: WORKLOAD_CLASS_BATCH, effect: 'NoSchedule' });
  if (pool.queuedProvisioning) tolerations.push({ key: GKE_QUEUED_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' });
  return tolerations;
}

/** The ResourceFlavor of one pool: named after it, selecting its nodes, tolerating the platform's taints on them. */
export function resourceFlavor(pool: NodePoolPlan): KueueObject {
  const tolerations = poolTolerations(pool);
  return { apiVersion: KUEUE_API_VERSION, kind: 'ResourceFlavor', metadata: { name: pool.name }, spec: { nodeLabels: { [GKE_NODEPOOL_LABEL]: pool.name }, ...(tolerations.length > 0 ? { tolerations } : {}) } };
}

function amounts(resources: readonly string[], of: KueueResources): { name: string; value: string | number }[] {
  return resources.map((name) => ({ name, value: name === 'cpu' ? (of.cpu ?? '0') : name === 'memory' ? (of.memory ?? '0') : (of.gpus ?? 0) }));
}

/** One tenant's ClusterQueue on this cluster. */
export function clusterQueue(queue: KueueTenantQueue, quotas: readonly { quota: KueueFlavorQuota; pool: NodePoolPlan }[], cohort: string): KueueObject {
  // Kueue requires every flavor of a resource group to list the same resources: GPUs for all, or none.
  const gpu = quotas.some(({ quota, pool }) => (quota.gpus ?? 0) > 0 || pool.gpu !== undefined);
  const covered = gpu ? ['cpu', 'memory', GPU_RESOURCE] : ['cpu', 'memory'];
  const flavors = quotas.map(({ quota }) => ({
    name: quota.pool,
    resources: amounts(covered, quota).map(({ name, value }, i) => {
      const borrowing = quota.borrowingLimit ? amounts(covered, quota.borrowingLimit)[i].value : undefined;
      const lending = quota.lendingLimit ? amounts(covered, quota.lendingLimit)[i].value : undefined;
      return { name, nominalQuota: value, ...(borrowing !== undefined ? { borrowingLimit: borrowing } : {}), ...(lending !== undefined ? { lendingLimit: lending } : {}) };
    }),
  }));
  const queued = quotas.filter(({ pool }) => pool.queuedProvisioning).map(({ pool }) => pool.name);
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'ClusterQueue',
    metadata: { name: queue.tenant },
    spec: {
      cohortName: cohort,
      // Only the tenant's own namespace may submit to its queue (a LocalQueue elsewhere naming it stays inactive).
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: queue.tenant } },
      resourceGroups: [{ coveredResources: covered, flavors }],
      fairSharing: { weight: String(queue.weight ?? DEFAULT_FAIR_SHARING_WEIGHT) },
      preemption: { ...DEFAULT_PREEMPTION },
      ...(queued.length > 0 ? { admissionChecksStrategy: { admissionChecks: [{ name: QUEUED_PROVISIONING_CHECK, onFlavors: queued }] } } : {}),
    },
  };
}

/** The LocalQueue in a batch tenant's namespace, pointing at its ClusterQueue. */
export function localQueue(tenant: string, namespace: string): KueueObject {
  return { apiVersion: KUEUE_API_VERSION, kind: 'LocalQueue', metadata: { name: DEFAULT_LOCAL_QUEUE, namespace }, spec: { clusterQueue: tenant } };
}

/** The ProvisioningRequestConfig (GKE's queued-provisioning class, GPUs managed) and the AdmissionCheck naming it. */
export function queuedProvisioningObjects(): KueueObject[] {
  return [
    { apiVersion: KUEUE_API_VERSION, kind: 'ProvisioningRequestConfig', metadata: { name: QUEUED_PROVISIONING_CHECK }, spec: { provisioningClassName: QUEUED_PROVISIONING_CLASS, managedResources: [GPU_RESOURCE] } },
    {
      apiVersion: KUEUE_API_VERSION,
      kind: 'AdmissionCheck',
      metadata: { name: QUEUED_PROVISIONING_CHECK },
      spec: { controllerName: PROVISIONING_CONTROLLER, parameters: { apiGroup: KUEUE_GROUP, kind: 'ProvisioningRequestConfig', name: QUEUED_PROVISIONING_CHECK } },
    },
  ];
}

/** Every Kueue object of one cluster; empty when no batch tenant's queue names a pool of it. */
export function kueueClusterObjects(settings: KueueSettings, cluster: ClusterPlan): KueueClusterObjects {
  const queues = queuesOnCluster(settings, cluster);
  const cohort = settings.cohort ?? DEFAULT_COHORT;
  const pools = cluster.nodePools.filter((p) => queues.some((q) => q.quotas.some(({ pool }) => pool.name === p.name)));
  const queued = pools.some((p) => p.queuedProvisioning);
  return {
    cluster: [...pools.map(resourceFlavor), ...queues.map(({ queue, quotas }) => clusterQueue(queue, quotas, cohort)), ...(queued ? queuedProvisioningObjects() : [])],
    tenants: Object.fromEntries(queues.map(({ queue }) => [queue.tenant, [localQueue(queue.tenant, queue.tenant)]])),
  };
}
