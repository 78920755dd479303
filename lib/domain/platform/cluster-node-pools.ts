/** The node pools of a cluster once its dedicated-nodes tenants' pools are added, and the machine types a tenant's pods run on. */
import { tenantIsolation } from '../tenancy/tenant-placement';
import type { TenantSpec } from '../tenancy/tenant-spec';
import { DEFAULT_MACHINE_TYPES } from './platform-defaults';
import type { NodePoolDefinition } from './node-pool-definition';
import type { ClusterDefinition, PlatformDefinition } from './platform-definition';
import { tenantNodePools } from './tenant-definition';

/** A cluster's node pools: its own plus, per dedicated-nodes tenant on it, its pool (and a GPU tenant's CPU companion). */
export function clusterNodePools(definition: Pick<PlatformDefinition, 'tenants'>, cluster: Pick<ClusterDefinition, 'name' | 'nodePools'>): (NodePoolDefinition & { readonly tenant?: string })[] {
  const tenantPools = (definition.tenants ?? []).filter((tenant) => tenant.clusters.includes(cluster.name)).flatMap(tenantNodePools);
  return [...cluster.nodePools, ...tenantPools];
}

/**
 * Machine types of the nodes a tenant's pods run on in a cluster: its own pools when it has dedicated nodes,
 * else the cluster's untainted general pools (the others are tainted for batch or carry GPUs).
 */
export function tenantMachineTypes(
  definition: Pick<PlatformDefinition, 'tenants'>,
  cluster: Pick<ClusterDefinition, 'name' | 'nodePools'>,
  tenant: Pick<TenantSpec, 'name' | 'isolation'>,
  /** The cluster's pools when the caller already has them (a TenantIndex). @default clusterNodePools(definition, cluster) */
  pools: readonly (NodePoolDefinition & { readonly tenant?: string })[] = clusterNodePools(definition, cluster),
): string[] {
  if (tenantIsolation(tenant) === 'dedicated-nodes') {
    return pools.filter((p) => p.tenant === tenant.name).map((p) => p.machineType ?? DEFAULT_MACHINE_TYPES[p.kind]);
  }
  return pools.filter((p) => !p.tenant && p.kind === 'general').map((p) => p.machineType ?? DEFAULT_MACHINE_TYPES.general);
}
