import { addOnTrafficNetworkPolicies, baselineNetworkPolicies, validatePolicyNames, meshControlPlanePolicy, NetworkPolicyPlan, tenantNetworkPolicies } from '../../../lib/domain/tenancy/network-policy-plan';
import { resolveTenant, TenantSpec } from '../../../lib/domain/tenancy/tenant-spec';

const NAME_LABEL = 'kubernetes.io/metadata.name';
const names = (plans: readonly NetworkPolicyPlan[]) => plans.map((p) => p.name);
const named = (plans: readonly NetworkPolicyPlan[], name: string) => {
  const found = plans.find((p) => p.name === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found;
};
const tenant = (spec: Partial<TenantSpec>) => resolveTenant({ name: 'mapping', clusters: ['prod'], labels: { team: 'mapping', environment: 'prod', costCenter: 'cc-1' }, ...spec } as TenantSpec);

describe('baselineNetworkPolicies', () => {
  const baseline = baselineNetworkPolicies('dev-alice');

  test('default deny both ways, then own namespace, DNS and the metadata server, with stable construct ids', () => {
    expect(baseline.map((p) => [p.id, p.name])).toEqual([
      ['DefaultDeny', 'default-deny'],
      ['AllowSameNamespace', 'allow-same-namespace'],
      ['AllowDns', 'allow-dns'],
      ['AllowMetadataServer', 'allow-metadata-server'],
    ]);
    expect(baseline.every((p) => p.namespace === 'dev-alice' && Object.keys(p.podSelector).length === 0)).toBe(true);
    expect(named(baseline, 'default-deny')).toEqual({ id: 'DefaultDeny', name: 'default-deny', namespace: 'dev-alice', podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('DNS goes to kube-dns pods and NodeLocal DNSCache on 53 UDP and TCP only', () => {
    const dnsPorts = [
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ];
    expect(named(baseline, 'allow-dns').egress).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: dnsPorts },
      { to: [{ ipBlock: { cidr: '169.254.20.10/32' } }], ports: dnsPorts },
    ]);
  });

  test('the metadata server defaults to 169.254.169.254 on TCP 80 and 988; both destinations can be replaced', () => {
    expect(named(baseline, 'allow-metadata-server').egress).toEqual([
      {
        to: [{ ipBlock: { cidr: '169.254.169.254/32' } }],
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 988, protocol: 'TCP' },
        ],
      },
    ]);
    const custom = baselineNetworkPolicies('dev-alice', { nodeLocalDnsCidr: '169.254.20.11/32', metadataServer: [{ cidr: '169.254.169.252/32', ports: [{ port: 988 }] }] });
    expect(named(custom, 'allow-dns').egress![1].to).toEqual([{ ipBlock: { cidr: '169.254.20.11/32' } }]);
    expect(named(custom, 'allow-metadata-server').egress).toEqual([{ to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: 988, protocol: 'TCP' }] }]);
  });
});

describe('tenantNetworkPolicies', () => {
  test('a tenant without declarations gets the baseline only', () => {
    expect(names(tenantNetworkPolicies(tenant({})))).toEqual(['default-deny', 'allow-same-namespace', 'allow-dns', 'allow-metadata-server']);
  });

  test('dependencies (sorted, once each) get egress, dependents ingress, in that order after the baseline', () => {
    const plans = tenantNetworkPolicies(tenant({ dependencies: { tenants: ['routing', 'ml', 'routing'] } }), { dependents: ['simulation', 'analytics', 'simulation'] });
    expect(names(plans).slice(4)).toEqual(['allow-egress-to-ml', 'allow-egress-to-routing', 'allow-ingress-from-analytics', 'allow-ingress-from-simulation']);
    expect(named(plans, 'allow-egress-to-ml')).toEqual({
      id: 'AllowEgressTo-ml',
      name: 'allow-egress-to-ml',
      namespace: 'mapping',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'ml' } } }] }],
    });
    expect(named(plans, 'allow-ingress-from-analytics')).toMatchObject({ id: 'AllowIngressFrom-analytics', policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'analytics' } } }] }] });
  });

  test('external dependencies become one egress policy with a rule per range and exactly its ports', () => {
    const plans = tenantNetworkPolicies(tenant({ dependencies: { external: [{ cidr: '10.20.0.0/16', ports: [{ port: 5432 }, { port: 53, protocol: 'UDP' }] }] } }));
    expect(named(plans, 'allow-external-egress').egress).toEqual([
      {
        to: [{ ipBlock: { cidr: '10.20.0.0/16' } }],
        ports: [
          { port: 5432, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
    ]);
  });

  test('declared ingress sources: a namespace (optionally its labelled pods) or a range, on their ports or every port', () => {
    const plans = tenantNetworkPolicies(tenant({ ingressSources: [{ namespace: 'gateway', podLabels: { app: 'gw' }, ports: [{ port: 8080 }] }, { cidr: '35.191.0.0/16' }] }));
    expect(named(plans, 'allow-declared-ingress').ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'gateway' } }, podSelector: { matchLabels: { app: 'gw' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
      { from: [{ ipBlock: { cidr: '35.191.0.0/16' } }], ports: undefined },
    ]);
  });

  test('Google APIs on 443 only for a tenant with Workload Identities; private services only when given the range', () => {
    const withIdentity = tenant({ workloadIdentities: [{ ksa: 'api', gsa: 'mapping-api', projectRoles: [] }] });
    expect(names(tenantNetworkPolicies(withIdentity)).slice(4)).toEqual(['allow-google-apis']);
    expect(named(tenantNetworkPolicies(withIdentity), 'allow-google-apis').egress).toEqual([{ to: [{ ipBlock: { cidr: '199.36.153.8/30' } }], ports: [{ port: 443, protocol: 'TCP' }] }]);
    expect(named(tenantNetworkPolicies(withIdentity, { googleApisCidr: '199.36.153.4/30' }), 'allow-google-apis').egress![0].to).toEqual([{ ipBlock: { cidr: '199.36.153.4/30' } }]);
    const psa = tenantNetworkPolicies(tenant({}), { privateServicesCidr: '10.60.0.0/20' });
    expect(names(psa).slice(4)).toEqual(['allow-private-services']);
    expect(named(psa, 'allow-private-services').egress![0]).toEqual({ to: [{ ipBlock: { cidr: '10.60.0.0/20' } }], ports: [3307, 3306, 5432, 6379].map((port) => ({ port, protocol: 'TCP' })) });
  });
});

describe('addOnTrafficNetworkPolicies', () => {
  const plans = addOnTrafficNetworkPolicies('mapping', {
    egress: [{ addOn: 'vault', server: 'vault', host: 'vault.example.com', cidr: '10.200.0.10/32', port: 8200 }],
    ingress: [{ addOn: 'managed-prometheus', namespace: 'gmp-system', ports: [9090, 15020] }],
  });

  test('egress to a server on exactly its range and port, ingress from a namespace on exactly its ports', () => {
    expect(plans).toEqual([
      { id: 'Egress-vault', name: 'add-on-egress-vault', namespace: 'mapping', podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.200.0.10/32' } }], ports: [{ port: 8200, protocol: 'TCP' }] }] },
      {
        id: 'Ingress-gmp-system',
        name: 'add-on-ingress-gmp-system',
        namespace: 'mapping',
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'gmp-system' } } }],
            ports: [
              { port: 9090, protocol: 'TCP' },
              { port: 15020, protocol: 'TCP' },
            ],
          },
        ],
      },
    ]);
    expect(addOnTrafficNetworkPolicies('mapping', {})).toEqual([]);
  });

  test('validatePolicyNames names each repeated policy, at the given path', () => {
    expect(validatePolicyNames(plans, 'chart/AddOnTraffic')).toEqual([]);
    const twice = addOnTrafficNetworkPolicies('mapping', { egress: [0, 1].map((i) => ({ addOn: `a${i}`, server: 'vault', host: 'v', cidr: `10.0.0.${i}/32`, port: 8200 })) });
    expect(validatePolicyNames(twice, 'chart/AddOnTraffic')).toEqual([
      { path: 'chart/AddOnTraffic', field: 'name', value: 'add-on-egress-vault', problem: 'is derived from two add-on traffic needs', fix: 'give each add-on server (or calling namespace) its own name' },
    ]);
  });
});

test("meshControlPlanePolicy opens istiod's pods in the mesh's namespace on the xDS port only", () => {
  expect(meshControlPlanePolicy('mapping', 'istio-system', 15012)).toEqual({
    id: 'AllowIstiod',
    name: 'allow-egress-to-istiod',
    namespace: 'mapping',
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'istio-system' } }, podSelector: { matchLabels: { app: 'istiod' } } }], ports: [{ port: 15012, protocol: 'TCP' }] }],
  });
});
