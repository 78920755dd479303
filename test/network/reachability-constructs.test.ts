import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Network } from '../../lib/network/network';
import { PrivateGoogleApisDns } from '../../lib/network/private-google-apis-dns';
import { PrivateServiceAccess } from '../../lib/network/private-service-access';

function setup() {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'acme' });
  const network = new Network(stack, 'Network', {
    projectId: 'acme',
    name: 'vpc',
    subnets: [{ name: 'gke-a', region: 'us-central1', cidr: '10.0.0.0/22', secondaryRanges: [{ rangeName: 'a-pods', cidr: '100.64.0.0/16' }] }],
  });
  return { stack, network };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const synth = (stack: TerraformStack): any => JSON.parse(Testing.synth(stack, true));

describe('Network.allowClusterInternal', () => {
  test("admits the cluster's ranges to its own nodes (its tag, not the VPC-wide gke-node) on every protocol, one rule per cluster", () => {
    const { stack, network } = setup();
    network.allowClusterInternal('a', ['10.0.0.0/22', '100.64.0.0/16']);
    const rule = Object.values(synth(stack).resource.google_compute_firewall).find((r: any) => r.name === 'vpc-allow-a-internal');
    expect(rule).toMatchObject({ name: 'vpc-allow-a-internal', project: 'acme', direction: 'INGRESS', source_ranges: ['10.0.0.0/22', '100.64.0.0/16'], target_tags: ['gke-a-nodes'], allow: [{ protocol: 'all' }] });
  });

  test('targets the tags it is given, and refuses an empty list', () => {
    const { stack, network } = setup();
    network.allowClusterInternal('a', ['10.0.0.0/22'], ['a-nodes']);
    expect(Object.values(synth(stack).resource.google_compute_firewall).find((r: any) => r.name === 'vpc-allow-a-internal')).toMatchObject({ target_tags: ['a-nodes'] });
    expect(() => setup().network.allowClusterInternal('a', ['10.0.0.0/22'], [])).toThrow(
      "test/Network: clusterInternalRanges[a].targetTags [] is empty, so the rule would apply to every VM in the VPC; list the network tags of the cluster's nodes (default gke-<cluster>-nodes)",
    );
  });

  test('the props form creates the same rule', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'acme' });
    new Network(stack, 'Network', { name: 'vpc', subnets: [], clusterInternalRanges: [{ cluster: 'a', cidrs: ['10.0.0.0/22'] }] });
    expect(Object.values(synth(stack).resource.google_compute_firewall).map((r: any) => r.name)).toContain('vpc-allow-a-internal');
  });

  test('throws when the cluster has no ranges', () => {
    expect(() => setup().network.allowClusterInternal('a', [])).toThrow("test/Network: clusterInternalRanges[a].cidrs [] is empty; list the cluster's node subnet and pod ranges");
  });

  test('throws when a range is not a CIDR', () => {
    expect(() => setup().network.allowClusterInternal('a', ['10.0.0.1/22'])).toThrow('clusterInternalRanges[a].cidrs[0] "10.0.0.1/22" is not aligned to its prefix length');
  });

  test('throws when the rule name would be too long', () => {
    expect(() => setup().network.allowClusterInternal('a'.repeat(60), ['10.0.0.0/22'])).toThrow(/clusterInternalRanges\[a+\] \(firewall name\) "vpc-allow-a+-internal" is not a valid name/);
  });
});

describe("Network: each control plane and each declared path to one cluster's nodes", () => {
  test("clusterControlPlanes: each /28 reaches only its own cluster's tag, under the CIDR-derived id of controlPlaneCidrs", () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'acme' });
    new Network(stack, 'Network', {
      name: 'vpc',
      subnets: [],
      clusterControlPlanes: [
        { cluster: 'a', cidr: '172.16.0.0/28' },
        { cluster: 'b', cidr: '172.16.0.16/28' },
      ],
    });
    const rules = synth(stack).resource.google_compute_firewall;
    expect(rules['Network_AllowControlPlane-172-16-0-0-28_AD70493F']).toMatchObject({ name: 'vpc-allow-cp-172-16-0-0-28', source_ranges: ['172.16.0.0/28'], target_tags: ['gke-a-nodes'] });
    expect(Object.values<any>(rules).find((r) => r.name === 'vpc-allow-cp-172-16-0-16-28')).toMatchObject({ target_tags: ['gke-b-nodes'] });
  });

  const metrics = { id: 'a-to-b-metrics', name: 'vpc-allow-a-to-b-metrics', from: 'a', to: 'b', sourceCidrs: ['100.64.0.0/16'], targetTag: 'gke-b-nodes', protocol: 'tcp', port: 9090, reason: 'federation' } as const;

  test("allowClusterPath: the sender's ranges to the receiver's tag, on the declared protocol and port only", () => {
    const { stack, network } = setup();
    network.allowClusterPath(metrics);
    const rule = Object.values<any>(synth(stack).resource.google_compute_firewall).find((r) => r.name === 'vpc-allow-a-to-b-metrics');
    expect(rule).toMatchObject({ direction: 'INGRESS', source_ranges: ['100.64.0.0/16'], target_tags: ['gke-b-nodes'], allow: [{ protocol: 'tcp', ports: ['9090'] }], description: 'a to b (declared intent a-to-b-metrics): federation' });
  });

  test('throws when a declared path has no source range', () => {
    expect(() => setup().network.allowClusterPath({ ...metrics, sourceCidrs: [] })).toThrow("test/Network: clusterPaths[a-to-b-metrics].sourceCidrs [] is empty; list the sending cluster's node subnet or pod ranges");
  });
});

describe('PrivateGoogleApisDns', () => {
  test('a private googleapis.com zone on the network with the private.googleapis.com VIPs and a wildcard CNAME', () => {
    const { stack, network } = setup();
    new PrivateGoogleApisDns(stack, 'Dns', { network });
    const json = synth(stack);
    const [zone] = Object.values(json.resource.google_dns_managed_zone) as any[];
    expect(zone).toMatchObject({ name: 'vpc-googleapis', dns_name: 'googleapis.com.', visibility: 'private', project: 'acme', private_visibility_config: { networks: [{ network_url: '${google_compute_network.Network_1C6012B5.id}' }] } });
    const records = Object.values(json.resource.google_dns_record_set) as any[];
    expect(records.map((r) => [r.name, r.type, r.ttl, r.rrdatas])).toEqual([
      ['private.googleapis.com.', 'A', 300, ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11']],
      ['*.googleapis.com.', 'CNAME', 300, ['private.googleapis.com.']],
    ]);
  });

  test('takes a zone name and project', () => {
    const { stack, network } = setup();
    new PrivateGoogleApisDns(stack, 'Dns', { network, name: 'apis', projectId: 'other' });
    expect(Object.values(synth(stack).resource.google_dns_managed_zone)[0]).toMatchObject({ name: 'apis', project: 'other' });
  });

  test('throws when the zone name is invalid', () => {
    const { stack, network } = setup();
    expect(() => new PrivateGoogleApisDns(stack, 'Dns', { network, name: 'Bad_Name' })).toThrow('test/Dns: name "Bad_Name" is not a valid name');
  });
});

describe('PrivateServiceAccess', () => {
  test('reserves the range for VPC peering and connects it to service networking', () => {
    const { stack, network } = setup();
    new PrivateServiceAccess(stack, 'Psa', { network, cidr: '10.10.16.0/20' });
    const json = synth(stack);
    const [range] = Object.values(json.resource.google_compute_global_address) as any[];
    expect(range).toMatchObject({ name: 'vpc-psa', project: 'acme', purpose: 'VPC_PEERING', address_type: 'INTERNAL', address: '10.10.16.0', prefix_length: 20, network: '${google_compute_network.Network_1C6012B5.id}' });
    const [connection] = Object.values(json.resource.google_service_networking_connection) as any[];
    expect(connection).toEqual({ network: '${google_compute_network.Network_1C6012B5.id}', service: 'servicenetworking.googleapis.com', reserved_peering_ranges: ['${google_compute_global_address.Psa_Range_92450279.name}'] });
  });

  test('throws when the range is smaller than a /24', () => {
    const { stack, network } = setup();
    expect(() => new PrivateServiceAccess(stack, 'Psa', { network, cidr: '10.10.16.0/25' })).toThrow('test/Psa: cidr "10.10.16.0/25" is smaller than a /24, the least Private Service Access accepts; use a /24 or larger (a /20 by default)');
  });

  test('throws when the range is not a CIDR', () => {
    const { stack, network } = setup();
    expect(() => new PrivateServiceAccess(stack, 'Psa', { network, cidr: 'ten' })).toThrow('test/Psa: cidr "ten" is not an IPv4 CIDR of the form a.b.c.d/prefix; take the range from the IP plan');
  });
});
