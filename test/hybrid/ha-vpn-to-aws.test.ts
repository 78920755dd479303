import { TerraformVariable, Testing } from 'cdktf';
import { DataGoogleSecretManagerSecretVersion } from '@cdktf/provider-google/lib/data-google-secret-manager-secret-version';
import { HaVpnToAws } from '../../lib/hybrid/ha-vpn-to-aws';
import { HaVpnToPeer } from '../../lib/hybrid/ha-vpn-to-peer';
import { PRIVATE_GOOGLE_APIS_CIDR } from '../../lib/domain/hybrid/advertisements';
import { INSIDE, ONLY_INTERPOLATIONS, hybridStack, minimalAwsProps, minimalPeerProps, resources, secretFieldValues, synthJson } from './fixtures';

function synthAws(props: Partial<typeof minimalAwsProps> = {}) {
  const { stack } = hybridStack();
  const link = new HaVpnToAws(stack, 'AwsLink', { ...minimalAwsProps, ...props });
  return { stack, link, json: synthJson(stack) };
}

describe('HaVpnToAws', () => {
  test('minimal snapshot', () => {
    const { stack } = hybridStack();
    new HaVpnToAws(stack, 'AwsLink', minimalAwsProps);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('construct ids and resource addresses of a minimal link are fixed', () => {
    const { json } = synthAws();
    const addresses = Object.entries(json.resource as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
    expect(addresses.sort()).toEqual([
      'aws_customer_gateway.AwsLink_CustomerGatewayA_10FBB1C3',
      'aws_customer_gateway.AwsLink_CustomerGatewayB_30FDD978',
      'aws_ec2_transit_gateway.AwsLink_TransitGateway_9F49BD24',
      'aws_vpn_connection.AwsLink_VpnConnectionA_A6A35DF0',
      'aws_vpn_connection.AwsLink_VpnConnectionB_23DEF9BA',
      'google_compute_external_vpn_gateway.AwsLink_PeerGateway_5228CF0F',
      'google_compute_ha_vpn_gateway.AwsLink_3BE92D1F',
      'google_compute_router.AwsLink_Router_082E97FB',
      'google_compute_router_interface.AwsLink_RouterInterface0_C555533A',
      'google_compute_router_interface.AwsLink_RouterInterface1_80986FA1',
      'google_compute_router_interface.AwsLink_RouterInterface2_7D9EB997',
      'google_compute_router_interface.AwsLink_RouterInterface3_55391518',
      'google_compute_router_peer.AwsLink_BgpPeer0_F122E0FC',
      'google_compute_router_peer.AwsLink_BgpPeer1_74687F84',
      'google_compute_router_peer.AwsLink_BgpPeer2_EE59F4EB',
      'google_compute_router_peer.AwsLink_BgpPeer3_AF295DA2',
      'google_compute_vpn_tunnel.AwsLink_Tunnel0_17419B21',
      'google_compute_vpn_tunnel.AwsLink_Tunnel1_BBC6E594',
      'google_compute_vpn_tunnel.AwsLink_Tunnel2_F742DCE8',
      'google_compute_vpn_tunnel.AwsLink_Tunnel3_FD5D97AB',
      'random_password.AwsLink_PreSharedKeys_Tunnel0Body_90C15DBF',
      'random_password.AwsLink_PreSharedKeys_Tunnel0Lead_88E52BAA',
      'random_password.AwsLink_PreSharedKeys_Tunnel1Body_AE06EE7E',
      'random_password.AwsLink_PreSharedKeys_Tunnel1Lead_B64D1922',
      'random_password.AwsLink_PreSharedKeys_Tunnel2Body_C3875D9F',
      'random_password.AwsLink_PreSharedKeys_Tunnel2Lead_DBFBA117',
      'random_password.AwsLink_PreSharedKeys_Tunnel3Body_0F9B4D4C',
      'random_password.AwsLink_PreSharedKeys_Tunnel3Lead_7C9F15F6',
    ]);
    const names = Object.values(json.resource as Record<string, Record<string, any>>)
      .flatMap((byName) => Object.values(byName).map((r) => r.name))
      .filter(Boolean);
    expect(names.sort()).toEqual([
      'aws-prod',
      'aws-prod',
      'aws-prod-0',
      'aws-prod-0',
      'aws-prod-0',
      'aws-prod-1',
      'aws-prod-1',
      'aws-prod-1',
      'aws-prod-2',
      'aws-prod-2',
      'aws-prod-2',
      'aws-prod-3',
      'aws-prod-3',
      'aws-prod-3',
      'aws-prod-router',
    ]);
  });

  describe('wiring', () => {
    const { json } = synthAws();
    const only = (type: string) => {
      const list = resources(json, type);
      expect(list).toHaveLength(1);
      return `${type}.${list[0][0]}`;
    };
    const byId = (type: string, id: string): [string, any] => {
      const hit = resources(json, type).find(([n]) => n.startsWith(`AwsLink_${id}_`));
      if (!hit) throw new Error(`no ${type} ${id}`);
      return [`${type}.${hit[0]}`, hit[1]];
    };
    const ha = only('google_compute_ha_vpn_gateway');
    const tgw = only('aws_ec2_transit_gateway');
    const [cgwA, cgwAConf] = byId('aws_customer_gateway', 'CustomerGatewayA');
    const [cgwB, cgwBConf] = byId('aws_customer_gateway', 'CustomerGatewayB');
    const [connA, connAConf] = byId('aws_vpn_connection', 'VpnConnectionA');
    const [connB, connBConf] = byId('aws_vpn_connection', 'VpnConnectionB');
    const [, ext] = byId('google_compute_external_vpn_gateway', 'PeerGateway');
    const tunnels = [0, 1, 2, 3].map((i) => byId('google_compute_vpn_tunnel', `Tunnel${i}`));
    const ifaces = [0, 1, 2, 3].map((i) => byId('google_compute_router_interface', `RouterInterface${i}`));
    const peers = [0, 1, 2, 3].map((i) => byId('google_compute_router_peer', `BgpPeer${i}`));

    test('customer gateway A is HA interface 0, B is HA interface 1, both with the Cloud Router ASN', () => {
      expect(cgwAConf).toMatchObject({ ip_address: `\${${ha}.vpn_interfaces[0].ip_address}`, bgp_asn: '65010', type: 'ipsec.1' });
      expect(cgwBConf).toMatchObject({ ip_address: `\${${ha}.vpn_interfaces[1].ip_address}`, bgp_asn: '65010', type: 'ipsec.1' });
      expect(cgwAConf.bgp_asn_extended).toBeUndefined();
    });

    test('connection A uses customer gateway A, B uses B, both on the transit gateway with BGP', () => {
      expect(connAConf).toMatchObject({ customer_gateway_id: `\${${cgwA}.id}`, transit_gateway_id: `\${${tgw}.id}`, static_routes_only: false });
      expect(connBConf).toMatchObject({ customer_gateway_id: `\${${cgwB}.id}`, transit_gateway_id: `\${${tgw}.id}`, static_routes_only: false });
    });

    test('external gateway interfaces 0,1 are connection A tunnels 1,2 and 2,3 are connection B tunnels 1,2', () => {
      expect(ext.redundancy_type).toBe('FOUR_IPS_REDUNDANCY');
      expect(ext.interface).toEqual([
        { id: 0, ip_address: `\${${connA}.tunnel1_address}` },
        { id: 1, ip_address: `\${${connA}.tunnel2_address}` },
        { id: 2, ip_address: `\${${connB}.tunnel1_address}` },
        { id: 3, ip_address: `\${${connB}.tunnel2_address}` },
      ]);
    });

    test('tunnels 0,1 leave HA interface 0 and 2,3 HA interface 1, each to its external interface, IKEv2', () => {
      expect(tunnels.map(([, t]) => [t.vpn_gateway_interface, t.peer_external_gateway_interface, t.ike_version])).toEqual([
        [0, 0, 2],
        [0, 1, 2],
        [1, 2, 2],
        [1, 3, 2],
      ]);
      tunnels.forEach(([, t]) => expect(t.vpn_gateway).toBe(`\${${ha}.id}`));
    });

    test('AWS inside CIDRs are the /30s in tunnel order', () => {
      expect([connAConf.tunnel1_inside_cidr, connAConf.tunnel2_inside_cidr, connBConf.tunnel1_inside_cidr, connBConf.tunnel2_inside_cidr]).toEqual(INSIDE);
    });

    test("router interface i takes AWS's customer-gateway inside address of tunnel i; its peer the AWS inside address", () => {
      expect(ifaces.map(([, f]) => f.ip_range)).toEqual(['169.254.10.2/30', '169.254.10.6/30', '169.254.10.10/30', '169.254.10.14/30']);
      expect(peers.map(([, p]) => [p.ip_address, p.peer_ip_address, p.peer_asn])).toEqual([
        ['169.254.10.2', '169.254.10.1', 64600],
        ['169.254.10.6', '169.254.10.5', 64600],
        ['169.254.10.10', '169.254.10.9', 64600],
        ['169.254.10.14', '169.254.10.13', 64600],
      ]);
      ifaces.forEach(([, f], i) => expect(f.vpn_tunnel).toBe(`\${${tunnels[i][0]}.name}`));
      peers.forEach(([, p], i) => expect(p.interface).toBe(`\${${ifaces[i][0]}.name}`));
    });

    test('the key of tunnel i feeds GCP tunnel i and the matching AWS tunnel, and no other', () => {
      const awsKeys = [connAConf.tunnel1_preshared_key, connAConf.tunnel2_preshared_key, connBConf.tunnel1_preshared_key, connBConf.tunnel2_preshared_key];
      const gcpKeys = tunnels.map(([, t]) => t.shared_secret);
      expect(gcpKeys).toEqual(awsKeys);
      expect(new Set(gcpKeys).size).toBe(4);
      gcpKeys.forEach((key, i) => {
        const [lead] = byId('random_password', `PreSharedKeys_Tunnel${i}Lead`);
        const [body] = byId('random_password', `PreSharedKeys_Tunnel${i}Body`);
        expect(key).toBe(`\${${lead}.result}\${${body}.result}`);
      });
    });

    test('generated keys start with a letter and use only AWS-allowed characters', () => {
      const [, lead] = byId('random_password', 'PreSharedKeys_Tunnel0Lead');
      const [, body] = byId('random_password', 'PreSharedKeys_Tunnel0Body');
      expect(lead).toEqual({ length: 1, upper: true, lower: true, numeric: false, special: false });
      expect(body).toEqual({ length: 47, upper: true, lower: true, numeric: true, special: true, override_special: '._' });
    });

    test('IKEv2 only, one algorithm set per phase', () => {
      for (const c of [connAConf, connBConf]) {
        for (const t of ['tunnel1', 'tunnel2']) {
          expect(c[`${t}_ike_versions`]).toEqual(['ikev2']);
          for (const phase of ['phase1', 'phase2']) {
            expect(c[`${t}_${phase}_encryption_algorithms`]).toEqual(['AES256']);
            expect(c[`${t}_${phase}_integrity_algorithms`]).toEqual(['SHA2-256']);
            expect(c[`${t}_${phase}_dh_group_numbers`]).toEqual([20]);
          }
        }
      }
    });

    test('new transit gateway has ECMP on and the Amazon-side ASN', () => {
      expect(json.resource.aws_ec2_transit_gateway[tgw.split('.')[1]]).toMatchObject({ amazon_side_asn: 64600, vpn_ecmp_support: 'enable' });
    });

    test('BGP peers advertise ALL_SUBNETS in CUSTOM mode by default', () => {
      peers.forEach(([, p]) => expect(p).toMatchObject({ advertise_mode: 'CUSTOM', advertised_groups: ['ALL_SUBNETS'] }));
    });
  });

  test('a 32-bit Cloud Router ASN goes in bgp_asn_extended', () => {
    const { json } = synthAws({ cloudRouter: { name: 'r', asn: 4200000010 } });
    for (const [, cgw] of resources(json, 'aws_customer_gateway')) {
      expect(cgw.bgp_asn_extended).toBe('4200000010');
      expect(cgw.bgp_asn).toBeUndefined();
    }
  });

  test('advertises private.googleapis.com and control-plane ranges on every peer', () => {
    const { json } = synthAws({ advertisements: { ranges: [PRIVATE_GOOGLE_APIS_CIDR, { range: '172.16.0.32/28', description: 'cp' }] } });
    for (const [, p] of resources(json, 'google_compute_router_peer')) {
      expect(p.advertised_ip_ranges).toEqual([{ range: '199.36.153.8/30' }, { range: '172.16.0.32/28', description: 'cp' }]);
    }
  });

  test('transit gateway: VPC attachment and a route per route table and GCP range', () => {
    const { json } = synthAws({
      aws: { type: 'transit-gateway', amazonSideAsn: 64600, vpcAttachment: { vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'] }, routeTableIds: { 'private-b': 'rtb-b', 'private-a': 'rtb-a' } },
      gcpCidrs: ['10.0.0.0/16', '100.64.0.0/14'],
    });
    const [[attName, att]] = resources(json, 'aws_ec2_transit_gateway_vpc_attachment');
    expect(att).toMatchObject({ vpc_id: 'vpc-1', subnet_ids: ['subnet-a', 'subnet-b'] });
    const routes = resources(json, 'aws_route');
    expect(routes.map(([n, r]) => [n.replace(/_[0-9A-F]{8}$/, ''), r.route_table_id, r.destination_cidr_block])).toEqual([
      ['AwsLink_Route-private-a-10-0-0-0-16', 'rtb-a', '10.0.0.0/16'],
      ['AwsLink_Route-private-a-100-64-0-0-14', 'rtb-a', '100.64.0.0/14'],
      ['AwsLink_Route-private-b-10-0-0-0-16', 'rtb-b', '10.0.0.0/16'],
      ['AwsLink_Route-private-b-100-64-0-0-14', 'rtb-b', '100.64.0.0/14'],
    ]);
    routes.forEach(([, r]) => expect(r.depends_on).toEqual([`aws_ec2_transit_gateway_vpc_attachment.${attName}`]));
  });

  test('existing transit gateway: nothing created on the AWS side but gateways and connections', () => {
    const { json } = synthAws({ aws: { type: 'transit-gateway', existingTransitGatewayId: 'tgw-0123456789abcdef0', amazonSideAsn: 64700 } });
    expect(json.resource.aws_ec2_transit_gateway).toBeUndefined();
    resources(json, 'aws_vpn_connection').forEach(([, c]) => expect(c.transit_gateway_id).toBe('tgw-0123456789abcdef0'));
    resources(json, 'google_compute_router_peer').forEach(([, p]) => expect(p.peer_asn).toBe(64700));
    // Read at plan time: a missing gateway, or one with another ASN, fails the plan before anything is created.
    const [[key, gateway]] = Object.entries<any>(json.data.aws_ec2_transit_gateway);
    expect(key).toMatch(/^AwsLink_ExistingTransitGateway_/);
    expect(gateway.id).toBe('tgw-0123456789abcdef0');
    expect(gateway.lifecycle.postcondition).toEqual([
      { condition: '${self.amazon_side_asn == 64700}', error_message: expect.stringMatching(/^Transit gateway tgw-0123456789abcdef0 \(hybrid\/AwsLink\) has another Amazon-side ASN than aws.amazonSideAsn 64700/) },
    ]);
  });

  test('virtual private gateway: connections on the VGW, route propagation per route table', () => {
    const { json } = synthAws({ aws: { type: 'vpn-gateway', vpcId: 'vpc-1', routeTableIds: { main: 'rtb-1' } } });
    const [[vgwName, vgw]] = resources(json, 'aws_vpn_gateway');
    expect(vgw).toMatchObject({ vpc_id: 'vpc-1', amazon_side_asn: '64512' });
    resources(json, 'aws_vpn_connection').forEach(([, c]) => {
      expect(c.vpn_gateway_id).toBe(`\${aws_vpn_gateway.${vgwName}.id}`);
      expect(c.transit_gateway_id).toBeUndefined();
    });
    expect(resources(json, 'aws_vpn_gateway_route_propagation').map(([, p]) => p)).toEqual([{ route_table_id: 'rtb-1', vpn_gateway_id: `\${aws_vpn_gateway.${vgwName}.id}` }]);
    expect(json.resource.aws_ec2_transit_gateway).toBeUndefined();
  });

  test('existing virtual private gateway may keep a legacy Amazon ASN', () => {
    const { json } = synthAws({ aws: { type: 'vpn-gateway', existingVpnGatewayId: 'vgw-0a1b2c3d', amazonSideAsn: 7224 } });
    expect(json.resource.aws_vpn_gateway).toBeUndefined();
    resources(json, 'google_compute_router_peer').forEach(([, p]) => expect(p.peer_asn).toBe(7224));
  });

  test('existing Cloud Router: referenced by name, not created', () => {
    const { json } = synthAws({ cloudRouter: { name: 'shared-router', asn: 65010, existing: true } });
    expect(json.resource.google_compute_router).toBeUndefined();
    resources(json, 'google_compute_vpn_tunnel').forEach(([, t]) => expect(t.router).toBe('shared-router'));
    resources(json, 'google_compute_router_peer').forEach(([, p]) => expect(p.router).toBe('shared-router'));
  });

  describe('pre-shared keys never appear as literals', () => {
    test('generated keys: every key field in the synthesized JSON is an interpolation', () => {
      const { json } = synthAws();
      const fields = secretFieldValues(json);
      expect(fields).toHaveLength(8); // 4 GCP shared_secret + 4 AWS tunnelN_preshared_key
      fields.forEach((f) => expect(f.value).toMatch(ONLY_INTERPOLATIONS));
    });

    test('keys by reference: a sensitive variable and a Secret Manager version feed exactly their tunnels', () => {
      const { stack } = hybridStack();
      const vars = [0, 1, 2].map((i) => new TerraformVariable(stack, `psk${i}`, { type: 'string', sensitive: true }));
      const secret = new DataGoogleSecretManagerSecretVersion(stack, 'psk3', { secret: 'aws-prod-psk-3' });
      new HaVpnToAws(stack, 'AwsLink', { ...minimalAwsProps, preSharedKeys: { source: 'reference', keys: [...vars.map((v) => v.stringValue), secret.secretData] } });
      const out = Testing.synth(stack, true);
      const json = JSON.parse(out);
      expect(json.resource.random_password).toBeUndefined();
      expect(json.variable.psk0.sensitive).toBe(true);
      const tunnels = resources(json, 'google_compute_vpn_tunnel').map(([, t]) => t.shared_secret);
      expect(tunnels).toEqual(['${var.psk0}', '${var.psk1}', '${var.psk2}', '${data.google_secret_manager_secret_version.psk3.secret_data}']);
      const conns = resources(json, 'aws_vpn_connection').map(([, c]) => c);
      expect([conns[0].tunnel1_preshared_key, conns[0].tunnel2_preshared_key, conns[1].tunnel1_preshared_key, conns[1].tunnel2_preshared_key]).toEqual(tunnels);
      secretFieldValues(json).forEach((f) => expect(f.value).toMatch(ONLY_INTERPOLATIONS));
    });

    test('throws when a key is passed as a literal, without printing it', () => {
      const { stack } = hybridStack();
      let message = '';
      try {
        new HaVpnToAws(stack, 'AwsLink', { ...minimalAwsProps, preSharedKeys: { source: 'reference', keys: ['Literal.Key_1', '${var.a}', '${var.b}', '${var.c}'] } });
      } catch (e) {
        message = (e as Error).message;
      }
      // '${var.a}' is a plain string here, not a token: refused too.
      expect(message).toMatch(/hybrid\/AwsLink: preSharedKeys.keys\[0\] "<redacted literal>" is a literal and would be written into the synthesized configuration/);
      expect(message).toMatch(/preSharedKeys.keys\[3\]/);
      expect(message).not.toContain('Literal.Key_1');
    });
  });

  describe('validation', () => {
    test.each([
      ['the name is not RFC 1035', { name: 'AWS_prod' }, /hybrid\/AwsLink: name "AWS_prod" must be a lowercase RFC 1035 name of at most 61 characters/],
      ['the Cloud Router ASN is public', { cloudRouter: { name: 'r', asn: 15169 } }, /cloudRouter.asn 15169 is not a private ASN Cloud Router accepts; use an ASN in 64512–65534 or 4200000000–4294967294/],
      ['the Cloud Router ASN is 16550', { cloudRouter: { name: 'r', asn: 16550 } }, /16550 is only for Partner Interconnect/],
      ['the Amazon ASN is invalid', { aws: { type: 'transit-gateway' as const, amazonSideAsn: 7224 } }, /aws.amazonSideAsn 7224 is not a valid Amazon-side ASN; use an ASN in 64512–65534 or 4200000000–4294967294$/],
      ['both sides use one ASN', { aws: { type: 'transit-gateway' as const, amazonSideAsn: 65010 } }, /aws.amazonSideAsn 65010 equals the Cloud Router ASN/],
      ['an inside /30 is AWS-reserved', { insideCidrs: ['169.254.3.0/30', ...INSIDE.slice(1)] }, /insideCidrs\[0\] "169.254.3.0\/30" is reserved by AWS for VPN tunnels/],
      ['an inside /30 repeats', { insideCidrs: [INSIDE[0], INSIDE[0], INSIDE[2], INSIDE[3]] }, /insideCidrs\[1\] "169.254.10.0\/30" repeats insideCidrs\[0\]/],
      ['an inside range is a /29', { insideCidrs: ['169.254.16.0/29', ...INSIDE.slice(1)] }, /is a \/29, but a BGP tunnel link must be a \/30/],
      ['an inside /30 is in the BGP identifier range', { cloudRouter: { name: 'r', asn: 65010, bgpIdentifierRange: '169.254.10.12/30' } }, /insideCidrs\[3\] "169.254.10.12\/30" overlaps the Cloud Router BGP identifier range/],
      ['only 2 inside /30s', { insideCidrs: INSIDE.slice(0, 2) }, /has 2 entries but the link has 4 tunnels/],
      ['ranges are advertised in DEFAULT mode', { advertisements: { mode: 'DEFAULT' as const, ranges: ['10.0.0.0/8'] } }, /advertisements.ranges \["10.0.0.0\/8"\] are only advertised in CUSTOM mode/],
      ['an existing gateway has no ASN', { aws: { type: 'transit-gateway' as const, existingTransitGatewayId: 'tgw-0a1b2c3d' } }, /aws.amazonSideAsn undefined is required with an existing gateway/],
      [
        'an existing transit gateway id is malformed',
        { aws: { type: 'transit-gateway' as const, existingTransitGatewayId: 'tgw-XYZ', amazonSideAsn: 64700 } },
        /aws.existingTransitGatewayId "tgw-XYZ" is not an AWS transit gateway id \(tgw- and 8 or 17 lower-case hex digits\)/,
      ],
      [
        'an existing VPN gateway id is a transit gateway id',
        { aws: { type: 'vpn-gateway' as const, existingVpnGatewayId: 'tgw-0a1b2c3d', amazonSideAsn: 64700 } },
        /aws.existingVpnGatewayId "tgw-0a1b2c3d" is not an AWS virtual private gateway id/,
      ],
      ['a new VGW has no VPC', { aws: { type: 'vpn-gateway' as const } }, /aws.vpcId undefined is required to create a virtual private gateway/],
      ['TGW route tables have no GCP ranges', { aws: { type: 'transit-gateway' as const, routeTableIds: { a: 'rtb-1' } } }, /gcpCidrs undefined is empty, but aws.routeTableIds needs the GCP ranges/],
      ['the AWS VPC overlaps a GCP range', { gcpCidrs: ['10.0.0.0/16'], remoteCidrs: ['10.0.0.0/20'] }, /remoteCidrs "10.0.0.0\/20" overlaps GCP range 10.0.0.0\/16/],
      ['the IKE algorithm is unknown', { ike: { encryption: '3DES' as never } }, /ike.encryption "3DES" is not an AWS VPN encryption algorithm/],
    ])('throws when %s', (_case, props, message) => {
      const { stack } = hybridStack();
      expect(() => new HaVpnToAws(stack, 'AwsLink', { ...minimalAwsProps, ...props })).toThrow(message);
    });

    test('throws all problems at once', () => {
      const { stack } = hybridStack();
      expect(() => new HaVpnToAws(stack, 'AwsLink', { ...minimalAwsProps, name: 'Bad', cloudRouter: { name: 'r', asn: 1 } })).toThrow(/^2 validation errors:/);
    });

    test('throws at synth when two links on one existing router share a /30', () => {
      const { stack } = hybridStack();
      const router = { name: 'shared', asn: 65010, existing: true };
      new HaVpnToAws(stack, 'AwsLink', { ...minimalAwsProps, cloudRouter: router });
      new HaVpnToPeer(stack, 'Garage', { ...minimalPeerProps, cloudRouter: router, insideCidrs: ['169.254.10.4/30', '169.254.30.0/30'] });
      expect(() => Testing.synth(stack, true)).toThrow(/hybrid\/AwsLink: insideCidrs\[1\] "169.254.10.4\/30" overlaps hybrid\/Garage insideCidrs\[0\] \(169.254.10.4\/30\) on Cloud Router europe-west3\/shared/);
    });
  });
});
