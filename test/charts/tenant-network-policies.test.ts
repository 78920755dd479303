import { tenantNetworkPolicyPlan, tenantPolicyOptions } from '../../lib/domain/platform/tenant-network-policies';
import type { NetworkPolicyPlan } from '../../lib/domain/tenancy/network-policy-plan';
import { addOns, drivePlatform } from '../../examples/drive-platform/platform';
import { K8sObject, synthSeed } from '../addons/seed-fixtures';

/*
 * The tenant NetworkPolicies are planned once in the domain (tenancy/network-policy-plan.ts) and the constructs only
 * map the plan: on the bundled example with its add-ons, every tenant namespace's synthesized policies are exactly
 * the plan's, in the plan's order, and no tenant policy is written that the plan does not hold (besides the mesh's
 * allow-egress-to-istiod, which the istio add-on plans from its own settings).
 */
const output = synthSeed(drivePlatform, addOns);
const plan = output.platform.plan;

/** The object a planned policy must synthesize to (labels aside: they are the owning construct's). */
function expected(p: NetworkPolicyPlan) {
  const ports = (list?: readonly { port: number; protocol: string }[]) => (list ? { ports: list.map((x) => ({ port: x.port, protocol: x.protocol })) } : {});
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: p.name, namespace: p.namespace },
    spec: {
      podSelector: p.podSelector,
      policyTypes: p.policyTypes,
      ...(p.ingress ? { ingress: p.ingress.map((r) => ({ from: r.from, ...ports(r.ports) })) } : {}),
      ...(p.egress ? { egress: p.egress.map((r) => ({ to: r.to, ...ports(r.ports) })) } : {}),
    },
  };
}
const withoutLabels = (o: K8sObject) => ({ ...o, metadata: { name: o.metadata.name, namespace: o.metadata.namespace } });

const cases = plan.clusters.flatMap((cluster) => plan.tenants.filter((t) => t.clusters.includes(cluster.name)).map((t) => [cluster.name, t.name] as const));

describe("the tenants' NetworkPolicies on the bundled example", () => {
  test('covers every tenant on every cluster it runs on', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  test.each(cases)('%s/%s: the synthesized policies are exactly the plan, in order', (cluster, tenant) => {
    const planned = tenantNetworkPolicyPlan(plan, tenant, cluster);
    const written = output.manifests[cluster][`tenant-${tenant}`].filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name !== 'allow-egress-to-istiod');
    expect(written.map(withoutLabels)).toEqual([...planned.namespace, ...planned.addOnTraffic].map(expected));
  });

  test('the plan adds dependents on the same cluster only, and private services to the tenants holding a private-IP role', () => {
    const options = tenantPolicyOptions(plan, 'prod-usc1');
    const dependentsHere = (tenant: string) =>
      plan.tenants
        .filter((t) => t.clusters.includes('prod-usc1') && t.resolved.dependencies.tenants.includes(tenant))
        .map((t) => t.name)
        .sort();
    for (const t of plan.tenants.filter((x) => x.clusters.includes('prod-usc1'))) expect(options(t.name).dependents).toEqual(dependentsHere(t.name));
    const payments = tenantPolicyOptions(plan, 'payments-usc1')('payments');
    expect(payments.privateServicesCidr).toBe(plan.ipPlan.cidr('network/private-service-access'));
    expect(options('mapping').privateServicesCidr).toBeUndefined();
  });

  test('a tenant not placed on the cluster has no policies there', () => {
    expect(tenantNetworkPolicyPlan(plan, 'payments', 'prod-usc1')).toEqual({ namespace: [], addOnTraffic: [] });
  });
});
