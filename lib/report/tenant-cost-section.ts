/**
 * The report's section per tenant: its quota totals (ResourceQuota requests, Kueue nominal quotas) against what the
 * pools it may use hold, per cluster, and the BigQuery query over the billing export that gives its cost.
 */
import type { PlatformPlan } from '../domain/platform/platform-plan';
import { DEFAULT_BILLING_EXPORT_TABLE, tenantCapacityRows, tenantCostQuery } from '../domain/platform/tenant-cost';
import { code, table, text } from './private/markdown';

const GIB = 1024 ** 3;
const cores = (n: number | undefined) => (n === undefined ? 'unknown' : String(Math.round(n * 10) / 10));
const gib = (n: number | undefined) => (n === undefined ? 'unknown' : `${Math.round((n / GIB) * 10) / 10}Gi`);
const share = (part: number, whole: number | undefined) => (whole === undefined || whole === 0 ? '' : ` (${Math.round((100 * part) / whole)}%)`);

/** `## Tenants: quota, capacity and cost`; undefined for a platform without tenants. */
export function renderTenantCostSection(plan: PlatformPlan, billingExportTable: string = DEFAULT_BILLING_EXPORT_TABLE): string | undefined {
  if (plan.tenants.length === 0) return undefined;
  const rows = tenantCapacityRows(plan).map((r) => [
    code(r.tenant),
    code(r.cluster),
    `${cores(r.quota.cpu)} CPU${share(r.quota.cpu, r.capacity.cpu)} · ${gib(r.quota.memory)}${share(r.quota.memory, r.capacity.memory)} · ${r.quota.gpus} GPU`,
    r.nominal ? `${cores(r.nominal.cpu)} CPU · ${gib(r.nominal.memory)} · ${r.nominal.gpus} GPU` : '—',
    r.pools.map(code).join(', ') || '—',
    `${cores(r.capacity.cpu)} CPU · ${gib(r.capacity.memory)} · ${r.capacity.gpus} GPU`,
  ]);
  const queries = plan.tenants.map((t) => ['', `### ${code(t.name)}: cost per month`, '', '```sql', tenantCostQuery(t, billingExportTable), '```'].join('\n'));
  return [
    '## Tenants: quota, capacity and cost',
    '',
    text(
      "Quota: the namespace's ResourceQuota requests (share of the pools it may use). Kueue: its nominal quotas there. Capacity: what those pools hold at their maxNodes (allocatable less GKE's DaemonSets); shared pools are shared with other tenants.",
    ),
    '',
    table(['Tenant', 'Cluster', 'Quota (requests)', 'Kueue nominal', 'Pools it may use', 'Pool capacity'], rows),
    '',
    text(
      `Cost: GKE cost allocation is on for every cluster, so the Cloud Billing detailed export splits node costs by namespace; a tenant's own pools carry its tenant label. Run each query in BigQuery against the detailed export table (here ${billingExportTable}).`,
    ),
    ...queries,
  ].join('\n');
}
