/**
 * Lookups over a definition's tenants, built once per validation or plan resolution. Per-tenant rules that
 * scanned every tenant (who else shares my project?) or rebuilt a cluster's pools from every tenant (which nodes do
 * my pods run on?) made validation grow with the square of the tenants: 14 s of 19 s at 50 clusters × 5,000
 * tenants (BENCHMARKS.md). Pure; holds nothing beyond the call that built it.
 */
import type { ClusterDefinition, PlatformDefinition } from './platform-definition';
import { tenantNodePools, tenantProjects } from './tenant-definition';
import { clusterNodePools } from './cluster-node-pools';

export type ClusterNodePools = ReturnType<typeof clusterNodePools>;

interface TenantIndex {
  /**
   * Names of the tenants with a cluster in `project` (their identities live there), sorted; the project of a cluster
   * name is the last cluster declared with that name, as a `Map` built from the clusters gives it.
   */
  tenantsInProject(project: string): readonly string[];
  /** The cluster's node pools, equal to {@link clusterNodePools} (tenant pools are shared between a tenant's clusters: read only). */
  nodePools(cluster: Pick<ClusterDefinition, 'name' | 'nodePools'>): ClusterNodePools;
}

/** Indexes the definition's tenants by project and their dedicated pools by cluster, in one pass over the tenants. */
export function indexTenants(definition: Pick<PlatformDefinition, 'tenants' | 'clusters'>): TenantIndex {
  const projectOf = new Map(definition.clusters.map((c) => [c.name, c.project]));
  const byProject = new Map<string, string[]>();
  // Tenant pools per cluster name, in tenant order: what clusterNodePools appends after the cluster's own.
  const tenantPools = new Map<string, ClusterNodePools>();
  const append = <T>(map: Map<string, T[]>, key: string, values: readonly T[]) => {
    const list = map.get(key);
    if (list) list.push(...values);
    else map.set(key, [...values]);
  };
  for (const tenant of definition.tenants ?? []) {
    for (const project of tenantProjects(tenant, (c) => projectOf.get(c))) append(byProject, project, [tenant.name]);
    const pools = tenantNodePools(tenant);
    // A cluster listed twice gets the tenant's pools once, as in clusterNodePools.
    if (pools.length > 0) for (const cluster of new Set(tenant.clusters)) append(tenantPools, cluster, pools);
  }
  for (const names of byProject.values()) names.sort();
  // Keyed by object, not name: a duplicated cluster name (itself an issue) must still see its own pools.
  const pools = new Map<object, ClusterNodePools>();
  return {
    tenantsInProject: (project) => byProject.get(project) ?? [],
    nodePools: (cluster) => {
      let found = pools.get(cluster);
      if (!found) {
        found = [...cluster.nodePools, ...(tenantPools.get(cluster.name) ?? [])];
        pools.set(cluster, found);
      }
      return found;
    },
  };
}
