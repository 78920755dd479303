/**
 * The `requests.nvidia.com/gpu` quota of each tenant namespace, from the definition: the GPUs of the node pools
 * the tenant's pods may use on that cluster. One function for validation, the plan and the charts. Pure.
 */
import { gpuUnitsPerGpu } from '../gke/gpu-sharing';
import type { ValidationIssue } from '../validation-error';
import { tenantIsolation } from '../tenancy/tenant-placement';
import { DEFAULT_GPU } from './platform-defaults';
import type { ClusterDefinition, PlatformDefinition } from './platform-definition';
import type { NodePoolDefinition } from './node-pool-definition';
import type { PlatformTenant } from './tenant-definition';
import { clusterNodePools } from './cluster-node-pools';
import type { ClusterNodePools } from './tenant-index';

/** A tenant's GPU quota on one cluster, with the pools it was sized from and any issue with a declared value. */
interface TenantGpuQuota {
  /** GPUs the namespace's pods may request together. */
  readonly gpus: number;
  /** GPUs of the pools the tenant may use there (maxNodes × GPUs per node, summed). */
  readonly capacity: number;
  /** Names of those pools. */
  readonly pools: readonly string[];
  /** Set when a declared `quota.gpus` exceeds the capacity. */
  readonly issues: readonly ValidationIssue[];
}

/**
 * `nvidia.com/gpu` a pool holds at its maximum size: its declared GPUs per node (DEFAULT_GPU's for a `gpu` pool that
 * names none), times the units each GPU advertises when shared (MIG partitions, time-sharing or MPS clients).
 */
export function poolGpus(pool: Pick<NodePoolDefinition, 'kind' | 'maxNodes' | 'gpu'>): number {
  const perNode = pool.gpu?.count ?? (pool.kind === 'gpu' ? DEFAULT_GPU.count : 0);
  return perNode * (pool.gpu ? gpuUnitsPerGpu(pool.gpu) : 1) * pool.maxNodes;
}

/**
 * The pools a tenant's pods may run on in a cluster: a dedicated-nodes tenant its own (its placement policy keeps
 * them there), every other tenant the cluster's untenanted pools (a dedicated-cluster tenant's cluster is its own).
 */
export function poolsTenantMayUse<P extends { readonly tenant?: string }>(pools: readonly P[], tenant: Pick<PlatformTenant, 'name' | 'isolation'>): P[] {
  const isolation = tenantIsolation(tenant);
  return pools.filter((p) => (isolation === 'dedicated-nodes' ? p.tenant === tenant.name : !p.tenant));
}

/**
 * Which GPU pools a tenant may use and how many GPUs its namespace may request:
 * - `dedicated-nodes`: its own pools (its placement policy keeps its pods there): all their GPUs by default;
 * - `dedicated-cluster`: the cluster's pools (the cluster is its own): all their GPUs by default;
 * - `shared`: the cluster's own untenanted GPU pools, shared with every tenant: 0 unless declared, so that one
 *   tenant cannot take a shared GPU pool whole.
 * A declared `quota.gpus` wins, and is refused above the pools' GPUs.
 */
export function tenantGpuQuota(
  definition: Pick<PlatformDefinition, 'tenants'>,
  cluster: Pick<ClusterDefinition, 'name' | 'nodePools'>,
  tenant: PlatformTenant,
  /** The cluster's pools when the caller indexed them. @default clusterNodePools(definition, cluster) */
  pools: ClusterNodePools = clusterNodePools(definition, cluster),
): TenantGpuQuota {
  const isolation = tenantIsolation(tenant);
  const usable = poolsTenantMayUse(pools, tenant).filter((p) => poolGpus(p) > 0);
  const capacity = usable.reduce((sum, p) => sum + poolGpus(p), 0);
  const declared = tenant.quota?.gpus;
  const issues: ValidationIssue[] = [];
  if (declared !== undefined && Number.isInteger(declared) && declared > capacity) {
    const path = tenant.clusters.length > 1 ? `tenants[${tenant.name}] on ${cluster.name}` : `tenants[${tenant.name}]`;
    const where = usable.length > 0 ? `the ${capacity} GPUs of ${usable.map((p) => p.name).join(', ')}` : `the 0 GPUs of the ${isolation === 'dedicated-nodes' ? "tenant's own pools" : 'GPU pools'} on ${cluster.name}`;
    issues.push({
      path,
      field: 'quota.gpus',
      value: declared,
      problem: `exceeds ${where}, the pools its pods may use`,
      fix: `lower quota.gpus to at most ${capacity}, or add GPUs to ${isolation === 'dedicated-nodes' ? 'dedicatedNodes' : `cluster ${cluster.name}'s GPU pools`}`,
    });
  }
  const gpus = declared !== undefined && issues.length === 0 ? declared : isolation === 'shared' ? 0 : capacity;
  return { gpus, capacity, pools: usable.map((p) => p.name), issues };
}
