/**
 * What each tenant may take and what it costs: per cluster, its quota totals (the namespace's ResourceQuota and, with
 * the kueue add-on, its nominal quotas) against what the pools it may use hold; and the BigQuery query over the
 * Cloud Billing detailed export that gives its cost, from GKE cost allocation (on for every cluster: its namespace's
 * share of every node) and the `tenant` label of its own pools' VMs (their whole cost, idle nodes included). Pure.
 */
import { KUEUE_ADD_ON, KueueSettings } from '../addons/kueue/kueue-settings';
import { PoolCapacity, poolCapacity } from '../addons/kueue/pool-capacity';
import { parseQuantity } from '../tenancy/quantity';
import { clusterNodePools } from './cluster-node-pools';
import { TENANT_CLOUD_LABEL } from './platform-labels';
import type { PlatformPlan, TenantPlan } from './platform-plan';
import { poolsTenantMayUse } from './tenant-gpu-quota';

/** The label GKE cost allocation puts on a cost row with the namespace it is allocated to. */
export const GKE_COST_NAMESPACE_LABEL = 'k8s-namespace';
/** The label GKE puts on a cluster's cost rows with the cluster's name. */
export const GKE_COST_CLUSTER_LABEL = 'goog-k8s-cluster-name';
/** What the report prints for the billing export table when the caller gives none: the team's own `project.dataset.table`. */
export const DEFAULT_BILLING_EXPORT_TABLE = 'BILLING_PROJECT.BILLING_DATASET.gcp_billing_export_resource_v1_BILLING_ACCOUNT_ID';

/** CPU, memory and GPUs added up. */
export interface ResourceTotals {
  /** Cores. */
  readonly cpu: number;
  /** Bytes. */
  readonly memory: number;
  /** `nvidia.com/gpu`. */
  readonly gpus: number;
}

/** One tenant on one cluster: what it may request and what the pools it may use hold. */
export interface TenantCapacityRow {
  /** The tenant. */
  readonly tenant: string;
  /** The cluster. */
  readonly cluster: string;
  /** Its namespace's ResourceQuota: `requests.cpu` (cores), `requests.memory` (bytes), `requests.nvidia.com/gpu`. */
  readonly quota: ResourceTotals;
  /** Its Kueue nominal quotas on this cluster, added up. @default undefined without a kueue queue there */
  readonly nominal?: ResourceTotals;
  /** The pools its pods may use there (poolsTenantMayUse). */
  readonly pools: readonly string[];
  /** What those pools hold together at their maxNodes (CPU and memory undefined when a machine type is unknown). */
  readonly capacity: PoolCapacity;
}

function sum(capacities: readonly PoolCapacity[]): PoolCapacity {
  const known = (of: (c: PoolCapacity) => number | undefined) => (capacities.every((c) => of(c) !== undefined) ? capacities.reduce((s, c) => s + of(c)!, 0) : undefined);
  return { cpu: known((c) => c.cpu), memory: known((c) => c.memory), gpus: capacities.reduce((s, c) => s + c.gpus, 0) };
}

/** Every tenant on every one of its clusters, in definition order. */
export function tenantCapacityRows(plan: PlatformPlan): TenantCapacityRow[] {
  const kueue = plan.definition.addOns?.find((a) => a.name === KUEUE_ADD_ON)?.settings as KueueSettings | undefined;
  return plan.tenants.flatMap((tenant) =>
    tenant.namespaces.map((ns) => {
      const cluster = plan.definition.clusters.find((c) => c.name === ns.cluster)!;
      const pools = poolsTenantMayUse(clusterNodePools(plan.definition, cluster), tenant.definition);
      const queue = kueue?.queues?.find((q) => q.tenant === tenant.name);
      const own = queue?.quotas.filter((q) => pools.some((p) => p.name === q.pool)) ?? [];
      const quota = tenant.resolved.quota;
      return {
        tenant: tenant.name,
        cluster: ns.cluster,
        quota: { cpu: parseQuantity(quota.requestsCpu), memory: parseQuantity(quota.requestsMemory), gpus: ns.gpus },
        ...(own.length > 0 ? { nominal: { cpu: own.reduce((s, q) => s + parseQuantity(q.cpu ?? '0'), 0), memory: own.reduce((s, q) => s + parseQuantity(q.memory ?? '0'), 0), gpus: own.reduce((s, q) => s + (q.gpus ?? 0), 0) } } : {}),
        pools: pools.map((p) => p.name),
        capacity: sum(pools.map(poolCapacity)),
      };
    }),
  );
}

const sqlString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Standard SQL over the detailed (resource-level) billing export: the tenant's net cost (credits included) per month:
 * rows GKE cost allocation gave its namespace on its clusters, and rows of resources labelled with it (its own pools'
 * VMs, whose cost includes their idle nodes). A row matching both counts once.
 */
export function tenantCostQuery(tenant: TenantPlan, table: string = DEFAULT_BILLING_EXPORT_TABLE): string {
  const projects = [...new Set(tenant.namespaces.map((n) => n.project))].map(sqlString).join(', ');
  const clusters = tenant.clusters.map(sqlString).join(', ');
  const label = (key: string, cond: string) => `EXISTS (SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = ${sqlString(key)} AND ${cond})`;
  return [
    `-- ${tenant.name}: its namespace's share of clusters ${tenant.clusters.join(', ')} (GKE cost allocation) and its own labelled resources, per month`,
    'SELECT',
    '  invoice.month AS month,',
    '  currency,',
    '  SUM(cost) + SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS net_cost',
    `FROM \`${table}\``,
    `WHERE project.id IN (${projects})`,
    `  AND ((${label(GKE_COST_NAMESPACE_LABEL, `l.value = ${sqlString(tenant.name)}`)}`,
    `       AND ${label(GKE_COST_CLUSTER_LABEL, `l.value IN (${clusters})`)})`,
    `    OR ${label(TENANT_CLOUD_LABEL, `l.value = ${sqlString(tenant.name)}`)})`,
    'GROUP BY month, currency',
    'ORDER BY month',
  ].join('\n');
}
