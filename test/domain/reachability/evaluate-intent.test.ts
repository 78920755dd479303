import type { ConnectivityIntent } from '../../../lib/domain/reachability/connectivity-intent';
import { evaluateIntent, intentId } from '../../../lib/domain/reachability/evaluate-intent';
import { advertisedRanges, vpcRouteOut } from '../../../lib/domain/reachability/legs';
import type { Topology } from '../../../lib/domain/reachability/topology';
import { cluster, link, policy, rule, topology } from './fixtures';

const judge = (t: Topology, intent: Partial<ConnectivityIntent> & Pick<ConnectivityIntent, 'from' | 'to'>) => evaluateIntent(t, { expect: 'allow', reason: 'test', ...intent });
const internal = rule({ name: 'c1-internal', sourceRanges: ['10.0.0.0/24', '100.64.0.0/20'], targetTags: ['gke-node'] });
const siteToCp = { from: { kind: 'remote', network: 'site', range: '10.200.8.0/24' }, to: { kind: 'control-plane', cluster: 'c1' }, port: 443 } as const;

describe('pods and nodes inside the VPC', () => {
  test('pods across nodes need an ingress rule at the nodes; without one the implied deny decides', () => {
    const intent = { from: { kind: 'pods', cluster: 'c1' }, to: { kind: 'pods', cluster: 'c1' }, protocol: 'any' } as const;
    const denied = judge(topology(), intent);
    expect(denied.message).toBe('pods of c1 → pods of c1 any protocol: DENIED at VPC firewall (ingress to c1 nodes): no rule admits 100.64.0.0/20 to 100.64.0.0/20 any protocol: the implied deny-ingress rule drops it');
    expect(judge(topology({ firewalls: [internal] }), intent)).toMatchObject({ allowed: true, met: true, decisive: undefined });
  });

  test('an egress deny rule at the sender decides before the receiver', () => {
    const deny = rule({ name: 'no-egress', direction: 'EGRESS', action: 'deny', destinationRanges: ['0.0.0.0/0'], priority: 100 });
    expect(judge(topology({ firewalls: [internal, deny] }), { from: { kind: 'nodes', cluster: 'c1' }, to: { kind: 'pods', cluster: 'c1' } }).decisive).toMatchObject({ at: 'firewall rule no-egress', ok: false });
  });

  test("tenant to tenant: the sender's egress, the firewall, then the receiver's ingress", () => {
    const policies = [
      policy({ namespace: 'a', name: 'to-b', policyTypes: ['Egress'], egress: [{ peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }] }] }),
      policy({ namespace: 'b', name: 'default-deny' }),
    ];
    const v = judge(topology({ firewalls: [internal], networkPolicies: policies }), { from: { kind: 'tenant', tenant: 'a', cluster: 'c1' }, to: { kind: 'tenant', tenant: 'b', cluster: 'c1' } });
    expect(v.hops.map((h) => [h.at, h.ok])).toEqual([
      ['NetworkPolicy a/to-b', true],
      ['subnet gke-c1', true],
      ['VPC firewall (egress from c1 nodes)', true],
      ['firewall rule c1-internal', true],
      ['NetworkPolicies of b on c1', false],
    ]);
  });

  test('a deny intent that is allowed names the allowance that let it through', () => {
    const v = judge(topology({ firewalls: [internal] }), { from: { kind: 'pods', cluster: 'c1' }, to: { kind: 'nodes', cluster: 'c1' }, expect: 'deny' });
    expect(v).toMatchObject({ allowed: true, met: false, decisive: { at: 'firewall rule c1-internal', permits: true } });
    expect(v.message).toMatch(/: ALLOWED at firewall rule c1-internal: admits/);
  });
});

describe('control plane hops', () => {
  test('nodes reach their control plane; the control plane reaches kubelets only through a firewall rule', () => {
    expect(judge(topology(), { from: { kind: 'nodes', cluster: 'c1' }, to: { kind: 'control-plane', cluster: 'c1' }, port: 443 }).allowed).toBe(true);
    const cp = { from: { kind: 'control-plane', cluster: 'c1' }, to: { kind: 'nodes', cluster: 'c1' }, port: 10250 } as const;
    expect(judge(topology(), cp).allowed).toBe(false);
    expect(judge(topology({ firewalls: [rule({ sourceRanges: ['172.16.0.0/28'], rules: [{ protocol: 'tcp', ports: ['10250'] }] })] }), cp).allowed).toBe(true);
  });

  test('without global access a control plane is out of reach from another region', () => {
    const t = topology({ clusters: [cluster({ globalAccess: false }), cluster({ name: 'c2', region: 'us-west1', subnet: 'gke-c2', nodeCidr: '10.0.1.0/24' })] });
    expect(judge(t, { from: { kind: 'nodes', cluster: 'c2' }, to: { kind: 'control-plane', cluster: 'c1' }, port: 443 }).decisive?.detail).toBe('global access is off: us-west1 cannot reach a control plane in us-central1');
  });

  test("enforced authorized networks admit the cluster's own ranges and the listed ones only", () => {
    const enforced = cluster({ privateEndpointEnforced: true, authorizedNetworks: [{ name: 'corp', cidr: '10.200.8.0/24' }] });
    const other = cluster({ name: 'c2', subnet: 'gke-c2', nodeCidr: '10.0.1.0/24', podCidrs: ['100.64.16.0/20'] });
    const t = topology({ clusters: [enforced, other], links: [link({ advertisements: [{ ...link().advertisements[0], ranges: ['172.16.0.0/28'] }] })] });
    expect(judge(t, { from: { kind: 'nodes', cluster: 'c1' }, to: { kind: 'control-plane', cluster: 'c1' }, port: 443 }).allowed).toBe(true);
    expect(judge(t, { from: { kind: 'nodes', cluster: 'c2' }, to: { kind: 'control-plane', cluster: 'c1' }, port: 443 }).decisive?.detail).toBe('10.0.1.0/24 is not an authorized network (10.200.8.0/24)');
    expect(judge(t, siteToCp).allowed).toBe(true);
    expect(judge(t, { ...siteToCp, from: { kind: 'remote', network: 'site', range: '10.200.9.0/24' } }).decisive?.at).toBe('authorized networks of c1');
  });

  test('from a remote site: the /28 must be advertised on every router, and the peering must export custom routes', () => {
    const adverts = [
      { ...link().advertisements[0], ranges: ['172.16.0.0/28'] },
      { ...link().advertisements[0], label: 'Cloud Router site-usw1', router: 'site-usw1', region: 'us-west1' },
    ];
    const missing = judge(topology({ links: [link({ regions: ['us-central1', 'us-west1'], advertisements: adverts })] }), siteToCp);
    expect(missing.message).toBe('site:10.200.8.0/24 → control plane of c1 tcp/443: DENIED at Cloud Router site-usw1: 172.16.0.0/28 is not advertised to this peer');
    const both = [adverts[0], { ...adverts[1], ranges: ['172.16.0.0/28'] }];
    const noExport = topology({ links: [link({ regions: ['us-central1', 'us-west1'], advertisements: both })], clusters: [cluster({ controlPlaneRouteExport: undefined })] });
    expect(judge(noExport, siteToCp).decisive).toMatchObject({ kind: 'control-plane-peering', detail: 'does not export custom routes: the control plane has no route back to 10.200.8.0/24' });
    const globalOff = topology({ links: [link({ regions: ['us-central1', 'us-west1'], advertisements: both })], clusters: [cluster({ globalAccess: false })] });
    expect(judge(globalOff, siteToCp).decisive?.detail).toBe('global access is off: traffic entering in us-west1 cannot reach a control plane in us-central1');
  });

  test('a remote network without a link has no path', () => {
    expect(judge(topology({ links: [] }), siteToCp).decisive).toMatchObject({ at: 'remote network site', detail: 'no hybrid link in the output reaches it' });
  });
});

describe('BGP advertisements and routes', () => {
  test("DEFAULT and ALL_SUBNETS announce every subnet range (the router's region only when REGIONAL); CUSTOM adds ranges", () => {
    const t = topology({ subnets: [...topology().subnets, { name: 'w', region: 'us-west1', cidr: '10.0.1.0/24', secondaryRanges: [], privateGoogleAccess: true, at: 'x' }] });
    const advert = { ...link().advertisements[0], ranges: ['199.36.153.8/30'] };
    expect(advertisedRanges(t, advert)).toEqual(['10.0.0.0/24', '100.64.0.0/20', '100.96.0.0/20', '10.0.1.0/24', '199.36.153.8/30']);
    expect(advertisedRanges({ ...t, network: { ...t.network, routingMode: 'REGIONAL' } }, advert)).toEqual(['10.0.0.0/24', '100.64.0.0/20', '100.96.0.0/20', '199.36.153.8/30']);
    expect(advertisedRanges(t, { ...advert, groups: [] })).toEqual(['199.36.153.8/30']);
    expect(advertisedRanges(t, { ...advert, mode: 'DEFAULT', groups: [] })).toEqual(['10.0.0.0/24', '100.64.0.0/20', '100.96.0.0/20', '10.0.1.0/24']);
  });

  test('the VPC routes a remote range over the link that learns it; the default internet route drops private ranges', () => {
    expect(vpcRouteOut(topology(), 'us-central1', '10.200.8.0/24').hop).toMatchObject({ ok: true, at: 'link site', detail: 'dynamic route 10.200.0.0/16 learned over BGP from site' });
    expect(vpcRouteOut(topology({ links: [] }), 'us-central1', '10.200.8.0/24').hop).toMatchObject({ ok: false });
    expect(vpcRouteOut(topology(), 'us-central1', '199.36.153.8/30').hop).toMatchObject({ ok: true, detail: '0.0.0.0/0 to the default internet gateway' });
    const noDefault = topology({ network: { ...topology().network, defaultInternetRoute: false } });
    expect(vpcRouteOut(noDefault, 'us-central1', '199.36.153.8/30').hop).toMatchObject({ ok: false, detail: 'no route to 199.36.153.8/30' });
    const staticRoute = topology({ network: noDefault.network, routes: [{ name: 'pga', destRange: '199.36.153.8/30', nextHop: 'internet', at: 'x' }] });
    expect(vpcRouteOut(staticRoute, 'us-central1', '199.36.153.8/30').hop).toMatchObject({ ok: true, at: 'route pga' });
  });

  test("REGIONAL routing: a link's dynamic routes serve only its own regions", () => {
    const t = topology({ network: { ...topology().network, routingMode: 'REGIONAL' } });
    expect(vpcRouteOut(t, 'us-west1', '10.200.8.0/24').hop.ok).toBe(false);
    expect(vpcRouteOut(t, 'us-central1', '10.200.8.0/24').hop.ok).toBe(true);
  });

  test('pods to an AWS range need the AWS route tables to route the pod range back', () => {
    const aws = link({ name: 'aws', remoteNetwork: 'aws', aws: { routes: [{ routeTableId: 'rtb-1', destination: '10.0.0.0/24', target: 'transit-gateway', at: 'x' }], propagatingRouteTables: [] } });
    const t = topology({ links: [aws], remoteNetworks: [{ name: 'aws', kind: 'aws-vpc', cidrs: ['10.8.0.0/16'] }] });
    const intent = { from: { kind: 'pods', cluster: 'c1' }, to: { kind: 'remote', network: 'aws' }, port: 443 } as const;
    expect(judge(t, intent).decisive?.detail).toBe('no VPC route table routes 100.64.0.0/20 to the transit gateway (the output has routes to 10.0.0.0/24)');
    expect(judge(t, { ...intent, from: { kind: 'nodes', cluster: 'c1' } }).allowed).toBe(true);
    const propagated = topology({ links: [{ ...aws, aws: { routes: [], propagatingRouteTables: ['rtb-1'] } }], remoteNetworks: t.remoteNetworks });
    expect(judge(propagated, intent).allowed).toBe(true);
  });
});

describe('Google APIs, the internet, private services and DNS', () => {
  const zone = { name: 'googleapis', dnsName: 'googleapis.com.', private: true, records: [{ name: 'private.googleapis.com.', type: 'A', rrdatas: ['199.36.153.8'] }], at: 'x' };
  const apis = { from: { kind: 'tenant', tenant: 'a', cluster: 'c1' }, to: { kind: 'google-apis' }, port: 443 } as const;
  const allowVip = policy({ name: 'apis', policyTypes: ['Egress'], egress: [{ peers: [{ ipBlock: { cidr: '199.36.153.8/30' } }] }] });

  test('without a private zone the names resolve to public addresses the tenant may not reach', () => {
    expect(judge(topology({ networkPolicies: [allowVip] }), apis).decisive?.detail).toBe('no policy allows egress to 142.250.0.0/15 tcp/443 (default deny)');
    expect(judge(topology({ networkPolicies: [allowVip], dnsZones: [zone] }), apis).allowed).toBe(true);
  });

  test('Private Google Access must be on for the source subnet', () => {
    const t = topology({ dnsZones: [zone], subnets: [{ ...topology().subnets[0], privateGoogleAccess: false }] });
    expect(judge(t, { ...apis, from: { kind: 'nodes', cluster: 'c1' } }).decisive).toMatchObject({ kind: 'private-google-access', detail: 'Private Google Access is off: private addresses cannot reach Google APIs' });
  });

  test('the internet needs a Cloud NAT that translates the source range', () => {
    const intent = { from: { kind: 'pods', cluster: 'c1' }, to: { kind: 'internet' }, port: 443 } as const;
    expect(judge(topology(), intent).decisive?.detail).toBe('no Cloud NAT translates 100.64.0.0/20: private nodes have no external address');
    const primaryOnly = { name: 'nat', region: 'us-central1', scope: 'LIST_OF_SUBNETWORKS', subnets: [{ subnet: 'gke-c1', allRanges: false, primary: true, secondaryRangeNames: [] }], at: 'x' };
    expect(judge(topology({ nats: [primaryOnly] }), intent).allowed).toBe(false);
    expect(judge(topology({ nats: [{ ...primaryOnly, subnets: [{ ...primaryOnly.subnets[0], secondaryRangeNames: ['c1-pods'] }] }] }), intent).allowed).toBe(true);
  });

  test('private services need a connected Private Service Access range', () => {
    const intent = { from: { kind: 'pods', cluster: 'c1' }, to: { kind: 'private-services' }, port: 3307 } as const;
    expect(judge(topology(), intent).decisive?.detail).toBe('no Private Service Access range (google_compute_global_address with purpose VPC_PEERING) in the synthesized output');
    const reserved = { name: 'psa', cidr: '10.10.0.0/20', connected: false, at: 'x' };
    expect(judge(topology({ privateServiceAccess: [reserved] }), intent).decisive?.detail).toBe('is reserved but no service networking connection uses it');
    expect(judge(topology({ privateServiceAccess: [{ ...reserved, connected: true }] }), intent).allowed).toBe(true);
  });

  test('cluster DNS: NodeLocal DNSCache when enabled (misses from the node to kube-dns), else kube-dns pods', () => {
    const dns = { from: { kind: 'tenant', tenant: 'a', cluster: 'c1' }, to: { kind: 'cluster-dns', cluster: 'c1' }, protocol: 'udp', port: 53 } as const;
    const toKubeDns = policy({
      name: 'dns',
      policyTypes: ['Egress'],
      egress: [{ peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] }],
    });
    const toCache = policy({ name: 'cache', policyTypes: ['Egress'], egress: [{ peers: [{ ipBlock: { cidr: '169.254.20.10/32' } }] }] });
    expect(judge(topology({ firewalls: [internal], networkPolicies: [toKubeDns] }), dns).allowed).toBe(true);
    const cached = topology({ firewalls: [internal], networkPolicies: [toKubeDns], clusters: [cluster({ nodeLocalDnsCache: true })] });
    expect(judge(cached, dns).decisive?.detail).toBe('no policy allows egress to 169.254.20.10/32 udp/53 (default deny)');
    expect(judge({ ...cached, networkPolicies: [toCache] }, dns).hops.map((h) => h.kind)).toEqual(['network-policy', 'node-local-dns', 'vpc-route', 'firewall']);
  });
});

describe('endpoints and ids', () => {
  test('an endpoint the output does not hold is denied at the intent, naming it', () => {
    expect(judge(topology(), { from: { kind: 'tenant', tenant: 'zz', cluster: 'c1' }, to: { kind: 'internet' } }).message).toBe('tenant:zz@c1 → the internet tcp/any port: DENIED at intent: tenant zz has no namespace in dist/c1');
    expect(judge(topology(), { from: { kind: 'nodes', cluster: 'nope' }, to: { kind: 'internet' } }).decisive?.detail).toBe('cluster nope is not in the synthesized output');
    expect(judge(topology(), { from: { kind: 'remote', network: 'site', range: '192.168.0.0/24' }, to: { kind: 'internet' } }).decisive?.detail).toContain('is neither a CIDR inside site');
  });

  test('a named range resolves through the authorized network of that name', () => {
    const t = topology({ clusters: [cluster({ authorizedNetworks: [{ name: 'corp', cidr: '10.200.8.0/24' }] })] });
    expect(judge(t, { ...siteToCp, from: { kind: 'remote', network: 'site', range: 'corp' } }).from).toBe('site:10.200.8.0/24');
  });

  test('ids read as the path', () => {
    expect(intentId({ from: { kind: 'tenant', tenant: 'a', cluster: 'c1' }, to: { kind: 'remote', network: 'aws', range: '10.8.0.0/16' }, port: 443, expect: 'allow', reason: '' })).toBe('tenant:a@c1 -> remote:aws:10.8.0.0/16 tcp/443');
  });
});
