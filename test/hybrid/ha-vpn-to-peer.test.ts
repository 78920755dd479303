import { TerraformVariable, Testing } from 'cdktf';
import { HaVpnToPeer, HaVpnToPeerProps } from '../../lib/hybrid/ha-vpn-to-peer';
import { ONLY_INTERPOLATIONS, hybridStack, minimalPeerProps, resources, secretFieldValues, synthJson } from './fixtures';

function synthPeer(props: Partial<HaVpnToPeerProps> = {}) {
  const { stack } = hybridStack();
  const link = new HaVpnToPeer(stack, 'Garage', { ...minimalPeerProps, ...props });
  return { link, json: synthJson(stack) };
}

const FOUR = ['169.254.20.0/30', '169.254.20.4/30', '169.254.20.8/30', '169.254.20.12/30'];

describe('HaVpnToPeer', () => {
  test('minimal snapshot', () => {
    const { stack } = hybridStack();
    new HaVpnToPeer(stack, 'Garage', minimalPeerProps);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test.each([
    [
      ['203.0.113.10'],
      'SINGLE_IP_INTERNALLY_REDUNDANT',
      FOUR.slice(0, 2),
      [
        [0, 0],
        [1, 0],
      ],
    ],
    [
      ['203.0.113.10', '203.0.113.11'],
      'TWO_IPS_REDUNDANCY',
      FOUR.slice(0, 2),
      [
        [0, 0],
        [1, 1],
      ],
    ],
    [
      ['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13'],
      'FOUR_IPS_REDUNDANCY',
      FOUR,
      [
        [0, 0],
        [0, 1],
        [1, 2],
        [1, 3],
      ],
    ],
  ])('%p: %s, tunnels [HA interface, peer interface] %p', (ips, redundancy, insideCidrs, pairs) => {
    const { json, link } = synthPeer({ peerInterfaceIps: ips, insideCidrs });
    const [[, ext]] = resources(json, 'google_compute_external_vpn_gateway');
    expect(ext.redundancy_type).toBe(redundancy);
    expect(ext.interface).toEqual(ips.map((ip, id) => ({ id, ip_address: ip })));
    const tunnels = resources(json, 'google_compute_vpn_tunnel').map(([, t]) => t);
    expect(tunnels.map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface])).toEqual(pairs);
    expect(link.tunnelWiring.map((w) => [w.haInterface, w.externalInterface])).toEqual(pairs);
    // Cloud Router takes the first usable address of each /30, the device the second.
    const peers = resources(json, 'google_compute_router_peer').map(([, p]) => [p.ip_address, p.peer_ip_address, p.peer_asn]);
    expect(peers).toEqual(
      insideCidrs.map((c) => {
        const base = c.split('/')[0].split('.').map(Number);
        return [`169.254.20.${base[3] + 1}`, `169.254.20.${base[3] + 2}`, 65100];
      }),
    );
    expect(resources(json, 'google_compute_router_interface').map(([, f]) => f.ip_range)).toEqual(insideCidrs.map((c) => c.replace(/\.(\d+)\/30$/, (_m, d) => `.${Number(d) + 1}/30`)));
  });

  test('tunnel i uses key i; generated keys are interpolations only', () => {
    const { json } = synthPeer();
    const tunnels = resources(json, 'google_compute_vpn_tunnel').map(([, t]) => t.shared_secret as string);
    tunnels.forEach((key, i) => expect(key).toMatch(new RegExp(`^\\$\\{random_password\\.Garage_PreSharedKeys_Tunnel${i}Lead_[0-9A-F]{8}\\.result\\}\\$\\{random_password\\.Garage_PreSharedKeys_Tunnel${i}Body_[0-9A-F]{8}\\.result\\}$`)));
    secretFieldValues(json).forEach((f) => expect(f.value).toMatch(ONLY_INTERPOLATIONS));
  });

  test('keys by reference from sensitive variables', () => {
    const { stack } = hybridStack();
    const keys = [0, 1].map((i) => new TerraformVariable(stack, `garage_psk_${i}`, { type: 'string', sensitive: true }).stringValue);
    new HaVpnToPeer(stack, 'Garage', { ...minimalPeerProps, preSharedKeys: { source: 'reference', keys } });
    const json = synthJson(stack);
    expect(resources(json, 'google_compute_vpn_tunnel').map(([, t]) => t.shared_secret)).toEqual(['${var.garage_psk_0}', '${var.garage_psk_1}']);
  });

  test('AWS-reserved /30s are allowed toward a peer device', () => {
    expect(() => synthPeer({ insideCidrs: ['169.254.0.0/30', '169.254.1.0/30'] })).not.toThrow();
  });

  test.each([
    ['the device has 3 interfaces', { peerInterfaceIps: ['203.0.113.1', '203.0.113.2', '203.0.113.3'] }, /hybrid\/Garage: peerInterfaceIps \[.*\] has 3 entries, but an external VPN gateway has 1, 2 or 4 interfaces/],
    ['4 interfaces get 2 /30s', { peerInterfaceIps: ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'] }, /insideCidrs .* has 2 entries but the link has 4 tunnels/],
    ['the peer ASN is reserved', { peerAsn: 23456 }, /peerAsn 23456 is not a usable BGP ASN/],
    ['the peer ASN equals the router ASN', { peerAsn: 65020 }, /peerAsn 65020 equals the Cloud Router ASN/],
    ['the metadata /30 is used', { insideCidrs: ['169.254.169.252/30', '169.254.20.4/30'] }, /insideCidrs\[0\] "169.254.169.252\/30" is reserved \(metadata server/],
    ['a key is a literal', { preSharedKeys: { source: 'reference' as const, keys: ['abcdefgh12', 'abcdefgh13'] } }, /preSharedKeys.keys\[0\] "<redacted literal>" is a literal/],
    ['on-prem overlaps GCP', { gcpCidrs: ['10.0.0.0/8'], remoteCidrs: ['10.200.0.0/16'] }, /remoteCidrs "10.200.0.0\/16" overlaps GCP range 10.0.0.0\/8/],
    [
      'an interface has a private address (the link runs over the internet)',
      { peerInterfaceIps: ['203.0.113.1', '192.168.1.2'] },
      /hybrid\/Garage: peerInterfaceIps\[1\] "192.168.1.2" is a private \(RFC 1918\) address \(192.168.0.0\/16\), but this link's HA VPN runs over the internet.*; give the device interface's public IPv4 address/,
    ],
    ['an interface is in the shared CGNAT space', { peerInterfaceIps: ['100.64.3.4', '203.0.113.2'] }, /peerInterfaceIps\[0\] "100.64.3.4" is a shared address space \(RFC 6598\) address/],
    ['allSubnets is off in DEFAULT mode', { advertisements: { mode: 'DEFAULT' as const, allSubnets: false } }, /advertisements.allSubnets false cannot be turned off in DEFAULT mode/],
  ])('throws when %s', (_case, props, message) => {
    const { stack } = hybridStack();
    expect(() => new HaVpnToPeer(stack, 'Garage', { ...minimalPeerProps, ...props })).toThrow(message);
  });
});
