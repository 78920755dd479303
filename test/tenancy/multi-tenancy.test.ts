import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { DedicatedNodeScheduling } from '../../lib/tenancy/dedicated-node-scheduling';
import { DeveloperNamespace } from '../../lib/tenancy/developer-namespace';
import { PlatformPolicies } from '../../lib/tenancy/platform-policies';
import { TenantNamespace } from '../../lib/tenancy/tenant-namespace';
import { TenantSpec, dependentsOf } from '../../lib/domain/tenancy/tenant-spec';
import { assertTenants } from '../../lib/domain/tenancy/tenant-rules';
import { ALL_TENANTS, CLUSTERS } from './fixtures';
import { K8sObject, clusterWideBindingProblems, roleProblems, tenantNamespaceProblems } from './k8s-checks';
import { expectK8sSchemaValid } from './validate-k8s';

/** What the lead's per-cluster chart does: validate, then compose the tenancy constructs. */
function clusterChart(cluster: string, tenants: readonly TenantSpec[]): Chart {
  assertTenants(tenants, { clusters: CLUSTERS });
  const chart = Testing.chart();
  const here = tenants.filter((t) => t.clusters.includes(cluster));
  new PlatformPolicies(chart, 'PlatformPolicies', { tenants: here });
  for (const tenant of here) {
    new TenantNamespace(chart, tenant.name, { tenant, dependents: dependentsOf(tenant.name, here), project: 'prod-project' });
  }
  // A workload the library synthesizes into a dedicated-nodes tenant.
  new k8s.KubeJob(chart, 'SimulationWarmup', { metadata: { name: 'warmup', namespace: 'simulation' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'registry.example.com/warmup:1' }] } } } });
  for (const tenant of here.filter((t) => t.isolation === 'dedicated-nodes')) DedicatedNodeScheduling.apply(chart, { tenant: tenant.name });
  return chart;
}

describe('a multi-tenant production cluster', () => {
  const objects = Testing.synth(clusterChart('prod-usc1', ALL_TENANTS)) as K8sObject[];
  const onCluster = ALL_TENANTS.filter((t) => t.clusters.includes('prod-usc1'));

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('every emitted object is valid against the Kubernetes schema', () => {
    expectK8sSchemaValid(objects);
  });

  test('places only the tenants of the cluster', () => {
    expect(
      objects
        .filter((o) => o.kind === 'Namespace')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['mapping', 'ml', 'routing', 'simulation']);
  });

  test.each(ALL_TENANTS.filter((t) => t.clusters.includes('prod-usc1')).map((t) => [t.name, t] as const))('namespace %s passes the static multi-tenancy checks', (name, tenant) => {
    expect(tenantNamespaceProblems(objects, name, Object.values(tenant.groups))).toEqual([]);
  });

  test('no role escalates and no tenant group is bound cluster-wide', () => {
    expect(roleProblems(objects)).toEqual([]);
    expect(
      clusterWideBindingProblems(
        objects,
        onCluster.flatMap((t) => Object.values(t.groups)),
      ),
    ).toEqual([]);
    expect(objects.filter((o) => o.kind === 'ClusterRoleBinding')).toEqual([]);
  });

  test('dependency policies are symmetric: egress from A to B exactly when ingress to B from A', () => {
    const peers = (o: K8sObject, direction: 'ingress' | 'egress') =>
      (o.spec[direction] ?? []).flatMap((rule: any) => (rule[direction === 'ingress' ? 'from' : 'to'] ?? []).map((p: any) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'])).filter(Boolean);
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy' && /^allow-(egress-to|ingress-from)-/.test(o.metadata.name));
    const egress = new Set(policies.flatMap((p) => peers(p, 'egress').map((to: string) => `${p.metadata.namespace}->${to}`)));
    const ingress = new Set(policies.flatMap((p) => peers(p, 'ingress').map((from: string) => `${from}->${p.metadata.namespace}`)));
    expect([...egress].sort()).toEqual(['mapping->routing', 'simulation->mapping']);
    expect([...ingress].sort()).toEqual([...egress].sort());
  });

  test('pins library workloads in dedicated namespaces to their nodes', () => {
    const job = objects.find((o) => o.kind === 'Job' && o.metadata.name === 'warmup')!;
    expect(job.spec.template.spec.nodeSelector).toEqual({ tenant: 'simulation' });
    expect(job.spec.template.spec.tolerations).toEqual([{ key: 'tenant', operator: 'Equal', value: 'simulation', effect: 'NoSchedule' }]);
  });
});

describe('a dev cluster with developer namespaces', () => {
  test('every emitted object is valid and each namespace has quota, limits and default deny', () => {
    const chart = Testing.chart();
    new PlatformPolicies(chart, 'PlatformPolicies', { tenants: [] });
    for (const spec of [
      { name: 'dev-alice', owner: 'alice@example.com', expires: '2025-06-30' },
      { name: 'dev-bob', owner: 'bob@example.com' },
    ]) {
      new DeveloperNamespace(chart, spec.name, { spec, today: '2025-06-01' });
    }
    const objects = Testing.synth(chart) as K8sObject[];
    expectK8sSchemaValid(objects);
    for (const ns of ['dev-alice', 'dev-bob']) {
      // The only expected finding: the owner is bound as a User, by design of developer namespaces.
      expect(tenantNamespaceProblems(objects, ns, [])).toEqual([expect.stringMatching(new RegExp(`^${ns}: RoleBinding owner binds User`))]);
    }
  });
});
