/**
 * The LimitRange of each namespace the platform places, from the definition: per-container limits derived from
 * the nodes the namespace's pods run on (see tenancy/container-limits.ts). One function for validation, the plan
 * and the charts, so the check and the output can never disagree. Pure.
 */
import { ContainerLimits, containerLimits } from '../tenancy/container-limits';
import { tenantIsolation } from '../tenancy/tenant-placement';
import { DEFAULT_DEVELOPER_QUOTA, resolveTenant } from '../tenancy/tenant-spec';
import type { ClusterDefinition, PlatformDefinition } from './platform-definition';
import { PlatformTenant } from './tenant-definition';
import { tenantMachineTypes } from './cluster-node-pools';
import type { ClusterNodePools } from './tenant-index';

/** A tenant's container limits on one of its clusters. */
export function tenantLimitsOnCluster(
  definition: Pick<PlatformDefinition, 'tenants'>,
  cluster: Pick<ClusterDefinition, 'name' | 'nodePools'>,
  tenant: PlatformTenant,
  /** The cluster's pools when the caller indexed them (per tenant per cluster, rebuilding them is quadratic). @default clusterNodePools(definition, cluster) */
  pools?: ClusterNodePools,
): ContainerLimits {
  return containerLimits({
    isolation: tenantIsolation(tenant),
    declared: tenant.limits,
    quota: resolveTenant(tenant).quota,
    machineTypes: tenantMachineTypes(definition, cluster, tenant, pools),
    path: tenant.clusters.length > 1 ? `tenants[${tenant.name}] on ${cluster.name}` : `tenants[${tenant.name}]`,
  });
}

/** The container limits of the developer namespaces on their cluster (shared nodes, the developer quota). */
export function developerNamespaceLimits(definition: Pick<PlatformDefinition, 'tenants'>, cluster: Pick<ClusterDefinition, 'name' | 'nodePools'>): ContainerLimits {
  return containerLimits({
    isolation: 'shared',
    quota: DEFAULT_DEVELOPER_QUOTA,
    machineTypes: tenantMachineTypes(definition, cluster, { name: '', isolation: 'shared' }),
    path: 'developerNamespaces',
  });
}
