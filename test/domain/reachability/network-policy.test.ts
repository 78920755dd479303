import { evaluateNetworkPolicies, selectorMatches } from '../../../lib/domain/reachability/network-policy';
import type { NamespaceModel, NetworkPolicyModel } from '../../../lib/domain/reachability/topology';
import { policy } from './fixtures';

const namespaces: NamespaceModel[] = [
  { cluster: 'c1', name: 'a', labels: { team: 'a' } },
  { cluster: 'c1', name: 'b', labels: { team: 'b' } },
];
const egress = (policies: NetworkPolicyModel[], peer: Parameters<typeof evaluateNetworkPolicies>[2]['peer'], port = 443) =>
  evaluateNetworkPolicies(policies, namespaces, { cluster: 'c1', namespace: 'a', direction: 'Egress', peer, traffic: { protocol: 'tcp', port } });

describe('NetworkPolicy hop', () => {
  test('pods no policy selects are not isolated', () => {
    expect(egress([], { kind: 'address', cidr: '10.0.0.0/8' })).toEqual({ allowed: true, isolated: false });
    expect(egress([policy({ namespace: 'b', egress: [] })], { kind: 'address', cidr: '10.0.0.0/8' }).isolated).toBe(false);
  });

  test('a default-deny policy isolates both ways and admits nothing', () => {
    expect(egress([policy({ name: 'default-deny' })], { kind: 'address', cidr: '10.0.0.0/8' })).toEqual({ allowed: false, isolated: true });
  });

  test('a namespaceSelector on the name label admits pods of that namespace, and only those', () => {
    const p = policy({ name: 'to-b', policyTypes: ['Egress'], egress: [{ peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }] }] });
    expect(egress([p], { kind: 'pod', namespace: 'b', podLabels: {} })).toMatchObject({ allowed: true, policy: p });
    expect(egress([p], { kind: 'pod', namespace: 'c', podLabels: {} }).allowed).toBe(false);
    expect(egress([p], { kind: 'address', cidr: '10.0.0.0/8' }).allowed).toBe(false);
  });

  test("a bare podSelector peer means the policy's own namespace", () => {
    const p = policy({ egress: [{ peers: [{ podSelector: {} }] }] });
    expect(egress([p], { kind: 'pod', namespace: 'a', podLabels: {} }).allowed).toBe(true);
    expect(egress([p], { kind: 'pod', namespace: 'b', podLabels: {} }).allowed).toBe(false);
  });

  test('ipBlock admits addresses it covers, minus its exceptions, and never in-cluster pods', () => {
    const p = policy({ egress: [{ peers: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.200.0.0/16'] } }] }] });
    expect(egress([p], { kind: 'address', cidr: '10.8.0.0/16' }).allowed).toBe(true);
    expect(egress([p], { kind: 'address', cidr: '10.200.8.0/24' }).allowed).toBe(false);
    expect(egress([p], { kind: 'pod', namespace: 'b', podLabels: {} }).allowed).toBe(false);
  });

  test('ports: protocol and port must both match; a port list does not cover any port', () => {
    const p = policy({
      egress: [
        {
          ports: [
            { protocol: 'UDP', port: 53 },
            { port: 8000, endPort: 8100 },
          ],
        },
      ],
    });
    const q = (protocol: 'tcp' | 'udp', port?: number) => evaluateNetworkPolicies([p], namespaces, { cluster: 'c1', namespace: 'a', direction: 'Egress', peer: { kind: 'address', cidr: '1.1.1.1/32' }, traffic: { protocol, port } }).allowed;
    expect(q('udp', 53)).toBe(true);
    expect(q('tcp', 53)).toBe(false);
    expect(q('tcp', 8050)).toBe(true);
    expect(q('tcp')).toBe(false);
  });

  test('ingress rules judge the sender', () => {
    const p = policy({ namespace: 'b', policyTypes: ['Ingress'], ingress: [{ peers: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }] });
    const from = (namespace: string) => evaluateNetworkPolicies([p], namespaces, { cluster: 'c1', namespace: 'b', direction: 'Ingress', peer: { kind: 'pod', namespace, podLabels: {} }, traffic: { protocol: 'tcp' } }).allowed;
    expect(from('a')).toBe(true);
    expect(from('b')).toBe(false);
  });

  test("a policy whose podSelector needs labels does not select the tenant's pods as a whole", () => {
    expect(egress([policy({ podSelector: { matchLabels: { app: 'x' } } })], { kind: 'address', cidr: '10.0.0.0/8' }).isolated).toBe(false);
  });

  test('label selectors: matchLabels and every matchExpressions operator', () => {
    const labels = { app: 'x', tier: 'web' };
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'x' } }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'db'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
  });
});
