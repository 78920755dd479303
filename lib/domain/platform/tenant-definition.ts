import type { DeveloperNamespaceSpec, TenantSpec } from '../tenancy/tenant-spec';
import { tenantCpuPoolName, tenantIsolation, tenantPoolName } from '../tenancy/tenant-placement';
import type { NodePoolDefinition } from './node-pool-definition';
import { DEFAULT_COMPANION_CPU_POOL, DEFAULT_TENANT_POOL_KIND } from './platform-defaults';

/** A GPU tenant's companion pool for CPU-only pods, created beside its GPU pool as `tenant-<tenant>-cpu`. */
export interface CompanionCpuPoolDefinition {
  /** @default DEFAULT_COMPANION_CPU_POOL.machineType */
  readonly machineType?: string;
  /** Minimum nodes across all zones. @default 0 (it costs nothing until a CPU pod needs it) */
  readonly minNodes?: number;
  /** Maximum nodes across all zones; counts against the cluster's maxNodes. */
  readonly maxNodes: number;
  /** How GKE upgrades its nodes (NodePoolDefinition.upgrade). @default blue-green, as for every general pool (DEFAULT_UPGRADE_STRATEGY) */
  readonly upgrade?: NodePoolDefinition['upgrade'];
}

/** A dedicated-nodes tenant's node pool, created in each of its clusters as `tenant-<tenant>`. */
export type DedicatedNodesDefinition = Omit<NodePoolDefinition, 'name' | 'kind' | 'successorOf'> & {
  /** @default 'general' (DEFAULT_TENANT_POOL_KIND) */
  readonly kind?: NodePoolDefinition['kind'];
  /**
   * For `gpu` pools: a companion CPU pool `tenant-<tenant>-cpu` with the same tenant label and taint but no GPU.
   * GKE taints GPU nodes `nvidia.com/gpu=present:NoSchedule` and only GPU-requesting pods tolerate it, so
   * without it the tenant's CPU-only pods (data loaders, TensorBoard, controllers) cannot run anywhere: its
   * placement policy keeps them on its own nodes. `false` declines it. Ignored for other kinds.
   * @default DEFAULT_COMPANION_CPU_POOL for gpu pools
   */
  readonly cpuPool?: CompanionCpuPoolDefinition | false;
};

/**
 * A tenant as the platform declares it: the tenancy model plus what the platform provisions for it.
 * Moving a tenant to another cluster is a change of `clusters`.
 */
export interface PlatformTenant extends TenantSpec {
  /**
   * The tainted pool its pods (and only its pods) run on, `tenant-<tenant>` in each of its clusters. Required when
   * isolation is `dedicated-nodes`, refused otherwise (validatePlatformTenants).
   * @default none: the tenant has no pool of its own (shared and dedicated-cluster tenants)
   */
  readonly dedicatedNodes?: DedicatedNodesDefinition;
}

/** Short-lived namespaces for developers on one cluster, declared in one list. */
export interface DeveloperNamespacesDefinition {
  /** The cluster (one of `clusters`, usually a dev cluster) the namespaces are created on. */
  readonly cluster: string;
  /** The namespaces: name, owner and expiry date each. */
  readonly namespaces: readonly DeveloperNamespaceSpec[];
  /** Days an expired entry is tolerated (and reported) before synthesis rejects it. @default 14 (DEFAULT_DEVELOPER_GRACE_PERIOD_DAYS) */
  readonly gracePeriodDays?: number;
}

/** The pools a tenant gets in each of its clusters: none unless it has dedicated nodes; its pool and a GPU tenant's CPU companion. */
export function tenantNodePools(tenant: PlatformTenant): (NodePoolDefinition & { readonly tenant: string })[] {
  if (tenantIsolation(tenant) !== 'dedicated-nodes' || !tenant.dedicatedNodes) return [];
  const { cpuPool: _cpuPool, ...nodes } = tenant.dedicatedNodes;
  const own = { ...nodes, kind: nodes.kind ?? DEFAULT_TENANT_POOL_KIND, name: tenantPoolName(tenant.name), tenant: tenant.name };
  const companion = companionCpuPool(tenant.dedicatedNodes);
  return companion ? [own, { ...companion, kind: 'general' as const, name: tenantCpuPoolName(tenant.name), tenant: tenant.name }] : [own];
}

/** The companion CPU pool of a GPU tenant's dedicated nodes, with its defaults; undefined for other kinds or when declined. */
export function companionCpuPool(nodes: DedicatedNodesDefinition): (CompanionCpuPoolDefinition & Required<Omit<CompanionCpuPoolDefinition, 'upgrade'>>) | undefined {
  if (nodes.kind !== 'gpu' || nodes.cpuPool === false) return undefined;
  return { ...DEFAULT_COMPANION_CPU_POOL, ...Object.fromEntries(Object.entries(nodes.cpuPool ?? {}).filter(([, v]) => v !== undefined)) };
}

/**
 * The projects of a tenant's clusters, each once, in the order of its clusters: its Google service accounts, their
 * grants and the Workload Identity bindings exist in each (one pool per project, `<project>.svc.id.goog`). The first
 * is its primary project: its Terraform state is grouped with that project's tenants.
 */
export function tenantProjects(tenant: Pick<TenantSpec, 'clusters'>, projectOf: (cluster: string) => string | undefined): string[] {
  return [...new Set(tenant.clusters.map(projectOf).filter((p): p is string => !!p))];
}

/** Tenants with a namespace on the cluster. */
export function tenantsOnCluster<T extends Pick<TenantSpec, 'clusters'>>(tenants: readonly T[] | undefined, cluster: string): T[] {
  return (tenants ?? []).filter((tenant) => tenant.clusters.includes(cluster));
}
