import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing, Token } from 'cdktf';
import { Network, NetworkProps } from '../../lib/network/network';

function stackWith(props: Partial<NetworkProps> = {}): { stack: TerraformStack; network: Network } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'acme' });
  const network = new Network(stack, 'Network', {
    projectId: 'acme',
    name: 'prod-vpc',
    subnets: [
      {
        name: 'usc1',
        region: 'us-central1',
        cidr: '10.0.0.0/20',
        secondaryRanges: [
          { rangeName: 'pods', cidr: '100.64.0.0/14' },
          { rangeName: 'services', cidr: '100.68.0.0/20' },
        ],
      },
      { name: 'euw4', region: 'europe-west4', cidr: '10.0.16.0/20', flowLogs: false },
    ],
    ...props,
  });
  return { stack, network };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const synth = (stack: TerraformStack): any => JSON.parse(Testing.synth(stack, true));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const byName = (json: any, type: string, name: string): any => Object.values(json.resource[type]).find((r: any) => r.name === name);

describe('Network', () => {
  describe('existing VPC', () => {
    test('minimal snapshot', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new Network(stack, 'Network', { projectId: 'host', name: 'corp-vpc', existing: true, subnets: [{ name: 'a', region: 'us-central1', cidr: '10.0.0.0/24' }] });
      expect(Testing.synth(stack)).toMatchSnapshot();
    });

    test('is read by a data source (id Existing), never created; subnets and rules go into it', () => {
      const { stack, network } = stackWith({ existing: true });
      const json = synth(stack);
      expect(json.resource.google_compute_network).toBeUndefined();
      expect(Object.entries(json.data.google_compute_network)).toEqual([[expect.stringMatching(/^Network_Existing_/), expect.objectContaining({ name: 'prod-vpc', project: 'acme' })]]);
      expect(network.vpc).toBeUndefined();
      expect(network.existingVpc!.node.path).toBe('test/Network/Existing');
      const ref = `\${data.google_compute_network.${Object.keys(json.data.google_compute_network)[0]}.id}`;
      for (const subnet of Object.values<any>(json.resource.google_compute_subnetwork)) expect(subnet.network).toBe(ref);
      for (const rule of Object.values<any>(json.resource.google_compute_firewall)) expect(rule.network).toBe(ref);
      expect(Token.isUnresolved(network.selfLink)).toBe(true);
    });

    test.each([
      ['routingMode', { routingMode: 'REGIONAL' as const }, 'routingMode "REGIONAL"'],
      ['mtu', { mtu: 1500 }, 'mtu 1500'],
      ['deleteDefaultRoutesOnCreate', { deleteDefaultRoutesOnCreate: true }, 'deleteDefaultRoutesOnCreate true'],
      ['description', { description: 'corp' }, 'description "corp"'],
    ])('throws when %s is set on an existing VPC', (field, props, shown) => {
      expect(() => stackWith({ existing: true, ...props })).toThrow(
        `test/Network: ${shown} is set, but the VPC is existing (read, never created or changed), so it would never apply; remove ${field}, or change it on the VPC itself through its owners`,
      );
    });
  });

  test('minimal snapshot', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new Network(stack, 'Network', { name: 'vpc', subnets: [{ name: 'a', region: 'us-central1', cidr: '10.0.0.0/24' }] });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe('defaults', () => {
    const { stack } = stackWith();
    const json = synth(stack);
    const vpc = Object.values(json.resource.google_compute_network)[0] as Record<string, unknown>;

    test('custom-mode VPC (no auto subnets)', () => expect(vpc.auto_create_subnetworks).toBe(false));
    test('GLOBAL dynamic routing', () => expect(vpc.routing_mode).toBe('GLOBAL'));
    test('keeps the default route', () => expect(vpc.delete_default_routes_on_create).toBe(false));
    test('Private Google Access on every subnet', () => {
      for (const s of Object.values(json.resource.google_compute_subnetwork) as { private_ip_google_access: boolean }[]) {
        expect(s.private_ip_google_access).toBe(true);
      }
    });
    test('flow logs on with sampling 0.5, 1-minute interval, metadata', () => {
      expect(byName(json, 'google_compute_subnetwork', 'usc1').log_config).toEqual({ flow_sampling: 0.5, aggregation_interval: 'INTERVAL_1_MIN', metadata: 'INCLUDE_ALL_METADATA' });
    });
    test('flowLogs: false turns them off', () => expect(byName(json, 'google_compute_subnetwork', 'euw4').log_config).toBeUndefined());
    test('secondary ranges declared with the subnet', () => {
      expect(byName(json, 'google_compute_subnetwork', 'usc1').secondary_ip_range).toEqual([
        { range_name: 'pods', ip_cidr_range: '100.64.0.0/14' },
        { range_name: 'services', ip_cidr_range: '100.68.0.0/20' },
      ]);
    });
    test('health checks reach only tagged nodes, TCP only', () => {
      const hc = byName(json, 'google_compute_firewall', 'prod-vpc-allow-health-checks');
      expect(hc.source_ranges).toEqual(['35.191.0.0/16', '130.211.0.0/22']);
      expect(hc.target_tags).toEqual(['gke-node']);
      expect(hc.allow).toEqual([{ protocol: 'tcp' }]);
      expect(hc.direction).toBe('INGRESS');
    });
    test('no other firewall rule by default', () => expect(Object.keys(json.resource.google_compute_firewall)).toHaveLength(1));
  });

  test('flow log options are passed through', () => {
    const { stack } = stackWith({ subnets: [{ name: 'a', region: 'us-central1', cidr: '10.0.0.0/24', flowLogs: { flowSampling: 0.1, aggregationInterval: 'INTERVAL_5_MIN', metadata: 'EXCLUDE_ALL_METADATA', filterExpr: 'true' } }] });
    expect(byName(synth(stack), 'google_compute_subnetwork', 'a').log_config).toEqual({ flow_sampling: 0.1, aggregation_interval: 'INTERVAL_5_MIN', metadata: 'EXCLUDE_ALL_METADATA', filter_expr: 'true' });
  });

  test('routing mode, default routes and health-check rule are configurable', () => {
    const { stack } = stackWith({ routingMode: 'REGIONAL', deleteDefaultRoutesOnCreate: true, allowHealthChecks: false });
    const json = synth(stack);
    const vpc = Object.values(json.resource.google_compute_network)[0] as Record<string, unknown>;
    expect(vpc.routing_mode).toBe('REGIONAL');
    expect(vpc.delete_default_routes_on_create).toBe(true);
    expect(json.resource.google_compute_firewall).toBeUndefined();
  });

  test('allowControlPlane opens only the webhook ports from the /28 to node tags', () => {
    const { stack, network } = stackWith({ controlPlaneCidrs: ['172.16.0.0/28'] });
    network.allowControlPlane('172.16.0.16/28', ['gpu-node']);
    const json = synth(stack);
    const a = byName(json, 'google_compute_firewall', 'prod-vpc-allow-cp-172-16-0-0-28');
    expect(a.source_ranges).toEqual(['172.16.0.0/28']);
    expect(a.allow).toEqual([{ protocol: 'tcp', ports: ['443', '8443', '9443', '10250'] }]);
    expect(a.target_tags).toEqual(['gke-node']);
    expect(byName(json, 'google_compute_firewall', 'prod-vpc-allow-cp-172-16-0-16-28').target_tags).toEqual(['gpu-node']);
  });

  test('webhook ports and node tags are configurable', () => {
    const { stack } = stackWith({ controlPlaneCidrs: ['172.16.0.0/28'], webhookPorts: [443, 15017], nodeTags: ['nodes'] });
    const json = synth(stack);
    expect(byName(json, 'google_compute_firewall', 'prod-vpc-allow-cp-172-16-0-0-28').allow[0].ports).toEqual(['443', '15017']);
    expect(byName(json, 'google_compute_firewall', 'prod-vpc-allow-health-checks').target_tags).toEqual(['nodes']);
  });

  test('subnet lookup exposes ranges', () => {
    const { network } = stackWith();
    const s = network.subnet('usc1');
    expect(s).toMatchObject({ name: 'usc1', region: 'us-central1', cidr: '10.0.0.0/20', secondaryRangeNames: ['pods', 'services'] });
    expect(Token.isUnresolved(s.id)).toBe(true);
    expect(network.subnetNames).toEqual(['usc1', 'euw4']);
    expect(network.subnetResources.usc1.node.id).toBe('Subnet-usc1');
  });

  describe('validation', () => {
    test('throws when a subnet is unknown', () => {
      expect(() => stackWith().network.subnet('nope')).toThrow('test/Network: subnet "nope" is not a subnet of this network (known: usc1, euw4); declare the subnet in the network props or use one of the known names');
    });
    test('throws when the network name is invalid', () => {
      expect(() => stackWith({ name: 'Prod_VPC' })).toThrow(/test\/Network: name "Prod_VPC" is not a valid name \(RFC 1035/);
    });
    test('throws when subnets overlap', () => {
      expect(() =>
        stackWith({
          subnets: [
            { name: 'a', region: 'us-central1', cidr: '10.0.0.0/20' },
            { name: 'b', region: 'us-central1', cidr: '10.0.4.0/22' },
          ],
        }),
      ).toThrow('test/Network: subnets "10.0.4.0/22" (subnet b) overlaps 10.0.0.0/20 (subnet a); give every primary and secondary range in the network its own address space (take them from the IP plan)');
    });
    test('throws when subnet names repeat', () => {
      expect(() =>
        stackWith({
          subnets: [
            { name: 'a', region: 'us-central1', cidr: '10.0.0.0/24' },
            { name: 'a', region: 'us-east1', cidr: '10.0.1.0/24' },
          ],
        }),
      ).toThrow(/subnets\[1\]\.name "a" is declared twice in this network/);
    });
    test('throws when secondary range names repeat on a subnet', () => {
      expect(() =>
        stackWith({
          subnets: [
            {
              name: 'a',
              region: 'us-central1',
              cidr: '10.0.0.0/24',
              secondaryRanges: [
                { rangeName: 'p', cidr: '100.64.0.0/16' },
                { rangeName: 'p', cidr: '100.65.0.0/16' },
              ],
            },
          ],
        }),
      ).toThrow(/rangeName "p" is declared twice on subnet a/);
    });
    test('throws when a CIDR is misaligned', () => {
      expect(() => stackWith({ subnets: [{ name: 'a', region: 'us-central1', cidr: '10.0.0.5/24' }] })).toThrow(/subnets\[0\]\.cidr "10.0.0.5\/24" is not aligned to its prefix length \(the block containing it is 10.0.0.0\/24\)/);
    });
    test('reports every mistake at once', () => {
      expect(() => stackWith({ name: 'BAD', subnets: [{ name: 'a', region: 'zone-a', cidr: 'x' }] })).toThrow(/^3 validation errors:/);
    });
    test('throws when node tags are empty', () => {
      expect(() => stackWith({ nodeTags: [] })).toThrow(/nodeTags \[\] is empty, so the baseline rules would apply to every VM in the VPC/);
    });
    test('throws when a webhook port is invalid', () => {
      expect(() => stackWith({ webhookPorts: [0] })).toThrow(/webhookPorts 0 is not a TCP port/);
    });
    test('throws when a control-plane range is not a /28', () => {
      expect(() => stackWith().network.allowControlPlane('172.16.0.0/24')).toThrow(
        'test/Network: controlPlaneCidr "172.16.0.0/24" is a /24, but GKE control-plane ranges are /28; use the /28 the IP plan allocated for this cluster control plane',
      );
    });
    test('throws when a control-plane range overlaps a subnet range', () => {
      expect(() => stackWith().network.allowControlPlane('100.64.0.0/28')).toThrow(/controlPlaneCidr "100.64.0.0\/28" overlaps 100.64.0.0\/14 \(usc1\/pods\)/);
    });
    test('throws when a control-plane range is allowed twice', () => {
      const { network } = stackWith();
      network.allowControlPlane('172.16.0.0/28');
      expect(() => network.allowControlPlane('172.16.0.0/28')).toThrow(/controlPlaneCidr "172.16.0.0\/28" is already allowed/);
    });
    test('throws when target tags are empty', () => {
      expect(() => stackWith().network.allowControlPlane('172.16.0.0/28', [])).toThrow(/targetTags \[\] is empty/);
    });
  });
});

describe('Network.fromExisting', () => {
  test('builds ids from plain attributes, no resources', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const net = Network.fromExisting(stack, 'Shared', { projectId: 'host', name: 'shared-vpc', subnets: [{ name: 'gke', region: 'us-east1', secondaryRanges: [{ rangeName: 'pods' }] }] });
    expect(net.id).toBe('projects/host/global/networks/shared-vpc');
    expect(net.selfLink).toBe('https://www.googleapis.com/compute/v1/projects/host/global/networks/shared-vpc');
    const s = net.subnet('gke');
    expect(s).toMatchObject({ id: 'projects/host/regions/us-east1/subnetworks/gke', networkId: 'projects/host/global/networks/shared-vpc', secondaryRangeNames: ['pods'], cidr: undefined });
    expect(net.subnetNames).toEqual(['gke']);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });
  test('throws when the subnet is unknown', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const net = Network.fromExisting(stack, 'Shared', { projectId: 'host', name: 'shared-vpc', subnets: [] });
    expect(() => net.subnet('x')).toThrow(/test\/Shared: subnet "x" is not a subnet of this network \(known: none\)/);
  });
  test('throws when the name is invalid', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(() => Network.fromExisting(stack, 'Shared', { projectId: 'host', name: 'Shared', subnets: [] })).toThrow(/test\/Shared: name "Shared" is not a valid name/);
  });
});
