import { Testing } from 'cdktf';
import { Interconnect, InterconnectProps, VlanAttachmentOptions } from '../../lib/hybrid/interconnect';
import { PRIVATE_GOOGLE_APIS_CIDR } from '../../lib/domain/hybrid/advertisements';
import { hybridStack, resources, synthJson } from './fixtures';

const IC = (name: string) => `https://www.googleapis.com/compute/v1/projects/platform-prod/global/interconnects/${name}`;

const dedicatedAttachments: VlanAttachmentOptions[] = [
  { name: 'fra-zone1', region: 'europe-west3', metro: 'fra', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_1', interconnect: IC('fra-zone1'), vlanTag: 101 },
  { name: 'fra-zone2', region: 'europe-west3', metro: 'fra', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_2', interconnect: IC('fra-zone2'), vlanTag: 102 },
];
const dedicated: InterconnectProps = {
  type: 'DEDICATED',
  slaTarget: '99.9',
  network: 'prod',
  routers: [{ name: 'ic-euw3', region: 'europe-west3', asn: 65030 }],
  attachments: dedicatedAttachments,
  peerAsn: 65200,
};

const partnerAttachments: VlanAttachmentOptions[] = [
  { name: 'euw3-d1', region: 'europe-west3', metro: 'fra', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_1' },
  { name: 'euw3-d2', region: 'europe-west3', metro: 'fra', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_2' },
  { name: 'euw4-d1', region: 'europe-west4', metro: 'ams', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_1' },
  { name: 'euw4-d2', region: 'europe-west4', metro: 'ams', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_2' },
];
const partner: InterconnectProps = {
  type: 'PARTNER',
  slaTarget: '99.99',
  network: 'prod',
  routingMode: 'GLOBAL',
  routers: [
    { name: 'partner-euw3', region: 'europe-west3', asn: 16550 },
    { name: 'partner-euw4', region: 'europe-west4', asn: 16550 },
  ],
  attachments: partnerAttachments,
};

function synth(props: InterconnectProps) {
  const { stack } = hybridStack();
  const ic = new Interconnect(stack, 'Ic', props);
  return { ic, json: synthJson(stack) };
}

describe('Interconnect', () => {
  test('minimal Dedicated snapshot', () => {
    const { stack } = hybridStack();
    new Interconnect(stack, 'Ic', dedicated);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('minimal Partner snapshot', () => {
    const { stack } = hybridStack();
    new Interconnect(stack, 'Ic', partner);
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe('Dedicated', () => {
    const { json } = synth({ ...dedicated, advertisements: { ranges: [PRIVATE_GOOGLE_APIS_CIDR] } });
    const attachments = resources(json, 'google_compute_interconnect_attachment');
    const [[routerName]] = resources(json, 'google_compute_router');

    test('attachments: interconnect URL, VLAN, MTU 1440, admin enabled, no encryption, on the region router', () => {
      expect(attachments.map(([, a]) => a)).toEqual(
        dedicatedAttachments.map((a) => ({
          name: a.name,
          region: 'europe-west3',
          router: `\${google_compute_router.${routerName}.self_link}`,
          type: 'DEDICATED',
          interconnect: a.interconnect,
          vlan_tag8021q: a.vlanTag,
          mtu: '1440',
          admin_enabled: true,
          encryption: 'NONE',
        })),
      );
    });

    test("router interface and BGP peer come from each attachment's addresses", () => {
      const ifaces = resources(json, 'google_compute_router_interface');
      const peers = resources(json, 'google_compute_router_peer');
      attachments.forEach(([attName, att], i) => {
        const [ifName, iface] = ifaces[i];
        expect(iface).toMatchObject({
          name: att.name,
          ip_range: `\${google_compute_interconnect_attachment.${attName}.cloud_router_ip_address}`,
          interconnect_attachment: `\${google_compute_interconnect_attachment.${attName}.name}`,
        });
        expect(peers[i][1]).toMatchObject({
          name: att.name,
          interface: `\${google_compute_router_interface.${ifName}.name}`,
          peer_ip_address: `\${element(split("/", google_compute_interconnect_attachment.${attName}.customer_router_ip_address), 0)}`,
          peer_asn: 65200,
          advertise_mode: 'CUSTOM',
          advertised_groups: ['ALL_SUBNETS'],
          advertised_ip_ranges: [{ range: '199.36.153.8/30' }],
        });
      });
    });

    test('no pairing key outputs', () => {
      expect(json.output).toBeUndefined();
    });
  });

  describe('Partner', () => {
    const { json, ic } = synth(partner);

    test('routers use ASN 16550 and carry the advertisements the partner peers inherit', () => {
      expect(resources(json, 'google_compute_router').map(([, r]) => [r.region, r.bgp])).toEqual([
        ['europe-west3', { asn: 16550, advertise_mode: 'CUSTOM', advertised_groups: ['ALL_SUBNETS'] }],
        ['europe-west4', { asn: 16550, advertise_mode: 'CUSTOM', advertised_groups: ['ALL_SUBNETS'] }],
      ]);
    });

    test('attachments carry their edge availability domain and no interconnect; no interfaces or peers', () => {
      expect(resources(json, 'google_compute_interconnect_attachment').map(([, a]) => [a.name, a.type, a.edge_availability_domain, a.interconnect])).toEqual([
        ['euw3-d1', 'PARTNER', 'AVAILABILITY_DOMAIN_1', undefined],
        ['euw3-d2', 'PARTNER', 'AVAILABILITY_DOMAIN_2', undefined],
        ['euw4-d1', 'PARTNER', 'AVAILABILITY_DOMAIN_1', undefined],
        ['euw4-d2', 'PARTNER', 'AVAILABILITY_DOMAIN_2', undefined],
      ]);
      expect(json.resource.google_compute_router_interface).toBeUndefined();
      expect(json.resource.google_compute_router_peer).toBeUndefined();
    });

    test('pairing keys are outputs', () => {
      expect(Object.keys(ic.pairingKeys)).toEqual(['euw3-d1', 'euw3-d2', 'euw4-d1', 'euw4-d2']);
      const outputs = Object.values(json.output as Record<string, { value: string }>).map((o) => o.value);
      expect(outputs).toHaveLength(4);
      outputs.forEach((v) => expect(v).toMatch(/^\$\{google_compute_interconnect_attachment\.Ic_Attachment-euw\d-d\d_[0-9A-F]{8}\.pairing_key\}$/));
    });
  });

  test('MTU 8896 on all attachments, matching the network', () => {
    const { json } = synth({ ...dedicated, mtu: 8896, networkMtu: 8896 });
    resources(json, 'google_compute_interconnect_attachment').forEach(([, a]) => expect(a.mtu).toBe('8896'));
  });

  test('existing router is referenced by name', () => {
    const { json } = synth({ ...dedicated, routers: [{ name: 'shared', region: 'europe-west3', asn: 65030, existing: true }] });
    expect(json.resource.google_compute_router).toBeUndefined();
    resources(json, 'google_compute_interconnect_attachment').forEach(([, a]) => expect(a.router).toBe('shared'));
  });

  test('IPSEC attachments get an encrypted-interconnect router', () => {
    const { json } = synth({ ...dedicated, attachments: dedicatedAttachments.map((a) => ({ ...a, encryption: 'IPSEC' as const })) });
    expect(resources(json, 'google_compute_router')[0][1].encrypted_interconnect_router).toBe(true);
    resources(json, 'google_compute_interconnect_attachment').forEach(([, a]) => expect(a.encryption).toBe('IPSEC'));
  });

  test.each([
    [
      'one region mixes IPSEC and NONE',
      { ...dedicated, attachments: [{ ...dedicatedAttachments[0], encryption: 'IPSEC' as const }, dedicatedAttachments[1]] },
      /attachments\[1\].encryption "NONE" mixes with IPSEC attachments on the europe-west3 router/,
    ],
    ['99.9% lacks a second domain', { ...dedicated, attachments: [dedicatedAttachments[0], { ...dedicatedAttachments[1], edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_1' as const }] }, /hybrid\/Ic: attachments .* do not meet the 99.9% SLA/],
    ['99.99% routing mode is REGIONAL', { ...partner, routingMode: 'REGIONAL' as const }, /routingMode "REGIONAL" must be GLOBAL for the 99.99% SLA/],
    ['99.99% has one region', { ...partner, attachments: partnerAttachments.slice(0, 2) }, /are 2, but the 99.99% SLA needs at least 4/],
    ['a Partner router is not 16550', { ...partner, routers: [partner.routers[0], { ...partner.routers[1], asn: 65000 }] }, /routers\[1\].asn 65000 must be 16550 for a Partner Interconnect Cloud Router/],
    ['a Dedicated router is 16550', { ...dedicated, routers: [{ name: 'r', region: 'europe-west3', asn: 16550 }] }, /routers\[0\].asn 16550 is not a private ASN .*only for Partner Interconnect/],
    ['Dedicated has no peer ASN', { ...dedicated, peerAsn: undefined }, /peerAsn undefined is required for DEDICATED/],
    ['Dedicated peer ASN equals the router', { ...dedicated, peerAsn: 65030 }, /routers\[0\].asn 65030 equals the Cloud Router ASN/],
    ['Partner sets a peer ASN', { ...partner, peerAsn: 65200 }, /peerAsn 65200 is not used for PARTNER/],
    [
      'a Dedicated attachment has no interconnect',
      { ...dedicated, attachments: [{ ...dedicatedAttachments[0], interconnect: undefined }, dedicatedAttachments[1]] },
      /attachments\[0\].interconnect undefined is required for a DEDICATED attachment/,
    ],
    ['a Partner attachment sets a VLAN', { ...partner, attachments: [{ ...partnerAttachments[0], vlanTag: 10 }, ...partnerAttachments.slice(1)] }, /attachments\[0\].vlanTag 10 is managed by the partner/],
    ['the VLAN tag is 4095', { ...dedicated, attachments: [{ ...dedicatedAttachments[0], vlanTag: 4095 }, dedicatedAttachments[1]] }, /attachments\[0\].vlanTag 4095 is outside 2–4094/],
    ['MTUs differ', { ...dedicated, attachments: [{ ...dedicatedAttachments[0], mtu: 1500 }, dedicatedAttachments[1]] }, /attachments\[\*\].mtu \[1500,1440\] differ between attachments/],
    ['MTU is 9000', { ...dedicated, mtu: 9000 }, /attachments\[0\].mtu 9000 is not a VLAN attachment MTU/],
    ['MTU differs from the network', { ...dedicated, networkMtu: 1460 }, /mtu 1440 differs from the VPC MTU 1460/],
    [
      'a candidate subnet is a /30',
      { ...dedicated, attachments: [{ ...dedicatedAttachments[0], candidateSubnets: ['169.254.64.0/30'] }, dedicatedAttachments[1]] },
      /attachments\[0\].candidateSubnets\[0\] "169.254.64.0\/30" is a \/30, longer than \/29/,
    ],
    ['a candidate subnet is not link-local', { ...dedicated, attachments: [{ ...dedicatedAttachments[0], candidateSubnets: ['10.0.0.0/29'] }, dedicatedAttachments[1]] }, /is outside 169.254.0.0\/16/],
    ['encryption is unknown', { ...dedicated, attachments: [{ ...dedicatedAttachments[0], encryption: 'MACSEC' as never }, dedicatedAttachments[1]] }, /attachments\[0\].encryption "MACSEC" must be NONE or IPSEC/],
    ['two routers in one region', { ...dedicated, routers: [dedicated.routers[0], { ...dedicated.routers[0], name: 'other' }] }, /routers\[1\].region "europe-west3" already has a Cloud Router in this link/],
    ['an attachment region has no router', { ...dedicated, routers: [{ ...dedicated.routers[0], region: 'europe-west4' }] }, /attachments\[0\].region "europe-west3" has no Cloud Router in the link/],
    ['attachment names repeat', { ...dedicated, attachments: [dedicatedAttachments[0], { ...dedicatedAttachments[1], name: 'fra-zone1' }] }, /attachments\[1\].name "fra-zone1" repeats another attachment name/],
    ['advertised ranges in DEFAULT mode', { ...dedicated, advertisements: { mode: 'DEFAULT' as const, ranges: [PRIVATE_GOOGLE_APIS_CIDR] } }, /advertisements.ranges .* are only advertised in CUSTOM mode/],
  ])('throws when %s', (_case, props, message) => {
    const { stack } = hybridStack();
    expect(() => new Interconnect(stack, 'Ic', props as InterconnectProps)).toThrow(message);
  });
});
