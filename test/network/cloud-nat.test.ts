import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CloudNat, CloudNatProps } from '../../lib/network/cloud-nat';
import { Network } from '../../lib/network/network';

function natStack(props: Partial<CloudNatProps> = {}): { stack: TerraformStack; network: Network; nat: CloudNat } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'acme' });
  const network = new Network(stack, 'Network', {
    projectId: 'acme',
    name: 'vpc',
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
      { name: 'euw4', region: 'europe-west4', cidr: '10.0.16.0/20' },
    ],
  });
  const nat = new CloudNat(stack, 'Nat', { network, region: 'us-central1', subnets: [{ subnet: network.subnet('usc1') }], ...props });
  return { stack, network, nat };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const synth = (stack: TerraformStack): any => JSON.parse(Testing.synth(stack, true));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const first = (json: any, type: string): any => Object.values(json.resource[type])[0];

describe('CloudNat', () => {
  test('minimal snapshot', () => {
    expect(Testing.synth(natStack().stack)).toMatchSnapshot();
  });

  describe('defaults', () => {
    const json = synth(natStack().stack);
    const nat = first(json, 'google_compute_router_nat');
    const router = first(json, 'google_compute_router');

    test('router with private ASN 64514 in the region', () => {
      expect(router).toMatchObject({ name: 'vpc-us-central1-nat-router', region: 'us-central1', bgp: { asn: 64514 }, project: 'acme' });
      expect(nat.router).toMatch(/^\$\{google_compute_router\.Nat_Router_[0-9A-F]{8}\.name\}$/);
    });
    test('NAT only for listed subnets, all their ranges (pods included)', () => {
      expect(nat.source_subnetwork_ip_ranges_to_nat).toBe('LIST_OF_SUBNETWORKS');
      expect(nat.subnetwork).toEqual([{ name: expect.stringMatching(/^\$\{google_compute_subnetwork\.Network_Subnet-usc1_[0-9A-F]{8}\.id\}$/), source_ip_ranges_to_nat: ['ALL_IP_RANGES'] }]);
    });
    test('auto-allocated external IPs', () => {
      expect(nat.nat_ip_allocate_option).toBe('AUTO_ONLY');
      expect(nat.nat_ips).toBeUndefined();
    });
    test('dynamic port allocation 64..4096, endpoint-independent mapping off', () => {
      expect(nat).toMatchObject({ min_ports_per_vm: 64, max_ports_per_vm: 4096, enable_dynamic_port_allocation: true, enable_endpoint_independent_mapping: false });
    });
    test('logs errors only', () => expect(nat.log_config).toEqual({ enable: true, filter: 'ERRORS_ONLY' }));
    test('named after network and region', () => expect(nat.name).toBe('vpc-us-central1-nat'));
  });

  test('primary plus listed secondary ranges', () => {
    const { stack } = natStack();
    const s = new Network(stack, 'N2', {
      name: 'vpc2',
      subnets: [
        {
          name: 'x',
          region: 'us-central1',
          cidr: '10.9.0.0/20',
          secondaryRanges: [
            { rangeName: 'pods', cidr: '100.96.0.0/14' },
            { rangeName: 'svc', cidr: '100.100.0.0/20' },
          ],
        },
      ],
    }).subnet('x');
    new CloudNat(stack, 'Nat2', {
      network: Network.fromExisting(stack, 'Ex', { projectId: 'acme', name: 'vpc2', subnets: [] }),
      region: 'us-central1',
      subnets: [
        { subnet: s, secondaryRangeNames: ['pods'] },
        { subnet: { ...s, name: 'y', id: 'projects/acme/regions/us-central1/subnetworks/y' }, secondaryRangeNames: [] },
      ],
    });
    const nat = Object.values(synth(stack).resource.google_compute_router_nat).find((n: any) => n.name === 'vpc2-us-central1-nat') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(nat.subnetwork[0]).toMatchObject({ source_ip_ranges_to_nat: ['PRIMARY_IP_RANGE', 'LIST_OF_SECONDARY_IP_RANGES'], secondary_ip_range_names: ['pods'] });
    expect(nat.subnetwork[1]).toEqual({ name: 'projects/acme/regions/us-central1/subnetworks/y', source_ip_ranges_to_nat: ['PRIMARY_IP_RANGE'] });
  });

  test('existing router, manual IPs, static ports, logging off', () => {
    const { stack } = natStack({ existingRouterName: 'hybrid-router', natIps: ['projects/acme/regions/us-central1/addresses/nat-1'], enableDynamicPortAllocation: false, minPortsPerVm: 128, logFilter: false, name: 'egress' });
    const json = synth(stack);
    expect(json.resource.google_compute_router).toBeUndefined();
    expect(first(json, 'google_compute_router_nat')).toMatchObject({
      name: 'egress',
      router: 'hybrid-router',
      nat_ip_allocate_option: 'MANUAL_ONLY',
      nat_ips: ['projects/acme/regions/us-central1/addresses/nat-1'],
      enable_dynamic_port_allocation: false,
      min_ports_per_vm: 128,
      log_config: { enable: false, filter: 'ALL' },
    });
    expect(first(json, 'google_compute_router_nat').max_ports_per_vm).toBeUndefined();
  });

  test('router ASN is configurable', () => {
    expect(first(synth(natStack({ routerAsn: 4200000001 }).stack), 'google_compute_router').bgp.asn).toBe(4200000001);
  });

  describe('validation', () => {
    test('throws when min ports is not a power of two', () => {
      expect(() => natStack({ minPortsPerVm: 100 })).toThrow('test/Nat: minPortsPerVm 100 must be a power of two between 32 and 65536; use 32, 64, 128, ... (64 is the default)');
    });
    test('throws when min ports is below 32', () => {
      expect(() => natStack({ minPortsPerVm: 16 })).toThrow(/minPortsPerVm 16 must be a power of two between 32 and 65536/);
    });
    test('throws when max ports is set without dynamic allocation', () => {
      expect(() => natStack({ enableDynamicPortAllocation: false, maxPortsPerVm: 1024 })).toThrow(/maxPortsPerVm 1024 only applies with dynamic port allocation/);
    });
    test('throws when the ASN is public', () => {
      expect(() => natStack({ routerAsn: 15169 })).toThrow(/routerAsn 15169 is not a private ASN/);
    });
    test('throws when a subnet is in another region', () => {
      expect(() => natStack({ subnets: [{ subnet: natStack().network.subnet('euw4') }] })).toThrow(/subnets\[0\]\.subnet "euw4" is in europe-west4, not us-central1; create one CloudNat per region/);
    });
    test('throws when a secondary range is unknown', () => {
      const { network } = natStack();
      expect(() => natStack({ subnets: [{ subnet: network.subnet('usc1'), secondaryRangeNames: ['pod'] }] })).toThrow(/secondaryRangeNames "pod" is not a secondary range of subnet usc1 \(has: pods, services\)/);
    });
    test('throws when no subnet is listed', () => {
      expect(() => natStack({ subnets: [] })).toThrow(/subnets \[\] is empty; list the node subnets/);
    });
    test('throws when a subnet is listed twice', () => {
      const { network } = natStack();
      expect(() => natStack({ subnets: [{ subnet: network.subnet('usc1') }, { subnet: network.subnet('usc1') }] })).toThrow(/subnets\[1\]\.subnet "usc1" is listed twice/);
    });
    test('throws when the region is a zone', () => {
      expect(() => natStack({ region: 'us-central1-a' })).toThrow(/region "us-central1-a" is not a region name/);
    });
  });
});
