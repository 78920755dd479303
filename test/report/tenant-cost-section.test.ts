/**
 * The report's per-tenant section on the bundled example with its add-ons: quota totals against the pools the tenant
 * may use, Kueue nominal quotas where it has a queue, and the billing-export query that gives its cost.
 */
import { tenantCapacityRows, tenantCostQuery } from '../../lib/domain/platform/tenant-cost';
import { renderTenantCostSection } from '../../lib/report/tenant-cost-section';
import { loadSeed } from '../addons/seed-fixtures';

const plan = loadSeed().plan;
const GIB = 1024 ** 3;

describe('tenant quota, capacity and cost', () => {
  const rows = Object.fromEntries(tenantCapacityRows(plan).map((r) => [`${r.cluster}/${r.tenant}`, r]));

  test('one row per tenant and cluster, with the pools its pods may use', () => {
    expect(Object.keys(rows)).toEqual(['prod-usc1/mapping', 'prod-usc1/routing', 'prod-usc1/simulation', 'prod-usc1/ml-training', 'payments-usc1/payments']);
    expect(rows['prod-usc1/simulation'].pools).toEqual(['tenant-simulation']);
    expect(rows['prod-usc1/ml-training'].pools).toEqual(['tenant-ml-training', 'tenant-ml-training-cpu']);
    expect(rows['prod-usc1/mapping'].pools).toEqual(['services', 'batch-spot', 'gpu-l4']);
  });

  test('quota totals from the ResourceQuota (GPUs as the plan derived them), Kueue nominal quotas added up per cluster', () => {
    expect(rows['prod-usc1/ml-training'].quota).toEqual({ cpu: 400, memory: 2400 * GIB, gpus: 32 });
    expect(rows['prod-usc1/ml-training'].nominal).toEqual({ cpu: 376, memory: 2200 * GIB, gpus: 32 });
    expect(rows['prod-usc1/simulation'].nominal).toEqual({ cpu: 2000, memory: 8000 * GIB, gpus: 0 });
    expect(rows['prod-usc1/mapping'].nominal).toBeUndefined();
  });

  test('capacity: what the pools hold at maxNodes, GPUs included', () => {
    expect(rows['prod-usc1/simulation'].capacity.cpu).toBeCloseTo(6270, 0);
    expect(rows['prod-usc1/ml-training'].capacity.gpus).toBe(32);
    expect(rows['prod-usc1/mapping'].capacity.gpus).toBe(48);
  });

  test("the cost query: the namespace's allocated rows on its clusters or its labelled resources, in its projects, credits included", () => {
    const simulation = plan.tenants.find((t) => t.name === 'simulation')!;
    expect(tenantCostQuery(simulation, 'billing.export.gcp_billing_export_resource_v1_0000')).toBe(
      [
        "-- simulation: its namespace's share of clusters prod-usc1 (GKE cost allocation) and its own labelled resources, per month",
        'SELECT',
        '  invoice.month AS month,',
        '  currency,',
        '  SUM(cost) + SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS net_cost',
        'FROM `billing.export.gcp_billing_export_resource_v1_0000`',
        "WHERE project.id IN ('drive-gke-prod')",
        "  AND ((EXISTS (SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = 'k8s-namespace' AND l.value = 'simulation')",
        "       AND EXISTS (SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = 'goog-k8s-cluster-name' AND l.value IN ('prod-usc1')))",
        "    OR EXISTS (SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = 'tenant' AND l.value = 'simulation'))",
        'GROUP BY month, currency',
        'ORDER BY month',
      ].join('\n'),
    );
  });

  test('the section: a row per tenant and cluster, and a query per tenant', () => {
    const section = renderTenantCostSection(plan)!;
    expect(section).toContain('| `ml-training` | `prod-usc1` | 400 CPU (94%) · 2400Gi (89%) · 32 GPU | 376 CPU · 2200Gi · 32 GPU | `tenant-ml-training`, `tenant-ml-training-cpu` | 424.1 CPU · 2687.9Gi · 32 GPU |');
    expect(section.match(/```sql/g)).toHaveLength(plan.tenants.length);
    expect(section).toContain('BILLING_PROJECT.BILLING_DATASET.gcp_billing_export_resource_v1_BILLING_ACCOUNT_ID');
  });
});
