import type { DeveloperNamespaceSpec, TenantSpec } from '../tenancy/tenant-spec';
import { tenantIsolation, tenantPoolName } from '../tenancy/tenant-placement';
import type { ClusterDefinition, NodePoolDefinition, PlatformDefinition } from './platform-definition';

/** A dedicated-nodes tenant's node pool, created in each of its clusters as `tenant-<tenant>`. */
export type DedicatedNodesDefinition = Omit<NodePoolDefinition, 'name' | 'kind'> & {
  /** @default 'general' */
  readonly kind?: NodePoolDefinition['kind'];
};

/**
 * A tenant as the platform declares it: the tenancy model plus what the platform provisions for it.
 * Moving a tenant to another cluster is a change of `clusters`.
 */
export interface PlatformTenant extends TenantSpec {
  /** Required when isolation is `dedicated-nodes`: the tainted pool its pods (and only its pods) run on. */
  readonly dedicatedNodes?: DedicatedNodesDefinition;
}

/** Short-lived namespaces for developers on one cluster, declared in one list. */
export interface DeveloperNamespacesDefinition {
  readonly cluster: string;
  readonly namespaces: readonly DeveloperNamespaceSpec[];
  /** Days an expired entry is tolerated (and reported) before synthesis rejects it. @default 14 */
  readonly gracePeriodDays?: number;
}

// The pool name of a dedicated-nodes tenant is part of its placement (one resolver, in the tenancy domain).
export { TENANT_POOL_PREFIX, tenantPoolName } from '../tenancy/tenant-placement';

/** A cluster's node pools: its own plus one per dedicated-nodes tenant on it. */
export function clusterNodePools(definition: Pick<PlatformDefinition, 'tenants'>, cluster: Pick<ClusterDefinition, 'name' | 'nodePools'>): (NodePoolDefinition & { readonly tenant?: string })[] {
  const tenantPools = (definition.tenants ?? [])
    .filter((tenant) => tenantIsolation(tenant) === 'dedicated-nodes' && tenant.dedicatedNodes && tenant.clusters.includes(cluster.name))
    .map((tenant) => ({ ...tenant.dedicatedNodes!, kind: tenant.dedicatedNodes!.kind ?? 'general', name: tenantPoolName(tenant.name), tenant: tenant.name }));
  return [...cluster.nodePools, ...tenantPools];
}

/** Tenants with a namespace on the cluster. */
export function tenantsOnCluster<T extends Pick<TenantSpec, 'clusters'>>(tenants: readonly T[] | undefined, cluster: string): T[] {
  return (tenants ?? []).filter((tenant) => tenant.clusters.includes(cluster));
}
