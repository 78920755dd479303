import { Chart, Testing } from 'cdk8s';
import { AddOnTrafficPolicies, AddOnTrafficPoliciesProps } from '../../lib/tenancy/add-on-traffic-policies';

const VAULT = { addOn: 'vault', server: 'vault', host: 'vault.example.com', cidr: '10.8.64.10/32', port: 8200 };
const GMP = { addOn: 'managed-prometheus', namespace: 'gmp-system', ports: [15020] };

function objects(props: Partial<AddOnTrafficPoliciesProps>): any[] {
  const chart = new Chart(Testing.app(), 'tenant');
  new AddOnTrafficPolicies(chart, 'AddOnTraffic', { namespace: 'mapping', ...props });
  return Testing.synth(chart);
}

describe('AddOnTrafficPolicies', () => {
  test("egress to a server: exactly its range and TCP port, in the tenant's namespace, owned by the platform", () => {
    const [policy] = objects({ egress: [VAULT] });
    expect(policy.metadata).toMatchObject({ name: 'add-on-egress-vault', namespace: 'mapping', labels: { 'platform.gke-platform-cdk.io/managed-by': 'platform', 'platform.gke-platform-cdk.io/tenant': 'mapping' } });
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.8.64.10/32' } }], ports: [{ protocol: 'TCP', port: 8200 }] }] });
  });

  test('ingress from a system namespace: only that namespace, only its ports', () => {
    const [policy] = objects({ ingress: [GMP] });
    expect(policy.metadata.name).toBe('add-on-ingress-gmp-system');
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gmp-system' } } }], ports: [{ protocol: 'TCP', port: 15020 }] }] });
  });

  test('nothing declared: no policy', () => {
    expect(objects({})).toEqual([]);
  });

  test('throws when two needs derive the same policy name', () => {
    expect(() => objects({ egress: [VAULT, { ...VAULT, addOn: 'other' }] })).toThrow('tenant/AddOnTraffic: name "add-on-egress-vault" is derived from two add-on traffic needs; give each add-on server (or calling namespace) its own name');
  });
});
