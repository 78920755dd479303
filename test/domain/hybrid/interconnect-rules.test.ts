import { formatIssue } from '../../../lib/domain/validation-error';
import { AttachmentTopology, validateCandidateSubnets, validateMtus, validateRouterRegions, validateSla, validateVlanTag } from '../../../lib/domain/hybrid/interconnect-rules';

const att = (name: string, region: string, metro: string, domain: 1 | 2): AttachmentTopology => ({
  name,
  region,
  metro,
  edgeAvailabilityDomain: domain === 1 ? 'AVAILABILITY_DOMAIN_1' : 'AVAILABILITY_DOMAIN_2',
});
const fourNines = [att('fra-1', 'europe-west3', 'fra', 1), att('fra-2', 'europe-west3', 'fra', 2), att('ams-1', 'europe-west4', 'ams', 1), att('ams-2', 'europe-west4', 'ams', 2)];

describe('SLA topology', () => {
  test('99.9%: two attachments in one metro on both domains', () => {
    expect(validateSla('ic', '99.9', fourNines.slice(0, 2), undefined)).toEqual([]);
  });
  test('throws when 99.9% has both attachments on one domain', () => {
    expect(validateSla('ic', '99.9', [att('a', 'r', 'fra', 1), att('b', 'r', 'fra', 1)], undefined).map(formatIssue)).toEqual([
      'ic: attachments ["a@r/fra/1","b@r/fra/1"] do not meet the 99.9% SLA, which needs 2 attachments in one metro on both edge availability domains; add an attachment in the same metro on the other edge availability domain',
    ]);
  });
  test('throws when 99.9% splits the domains across metros', () => {
    expect(validateSla('ic', '99.9', [att('a', 'r', 'fra', 1), att('b', 'r', 'ams', 2)], undefined)).toHaveLength(1);
  });
  test('99.99%: 4 attachments, 2 regions, 2 metros, both domains per region, GLOBAL routing', () => {
    expect(validateSla('ic', '99.99', fourNines, 'GLOBAL')).toEqual([]);
  });
  test.each([
    ['only 3 attachments', fourNines.slice(0, 3), 'GLOBAL', [/are 3, but the 99.99% SLA needs at least 4/, /cover both edge availability domains in 1 region\(s\)/]],
    ['one region', fourNines.map((a) => ({ ...a, region: 'europe-west3' })), 'GLOBAL', [/cover both edge availability domains in 1 region\(s\), but the 99.99% SLA needs 2 regions/]],
    ['one metro', fourNines.map((a) => ({ ...a, metro: 'fra' })), 'GLOBAL', [/use 1 metro\(s\), but the 99.99% SLA needs 2 metros/]],
    ['REGIONAL routing', fourNines, 'REGIONAL', [/routingMode "REGIONAL" must be GLOBAL for the 99.99% SLA/]],
    ['unknown routing', fourNines, undefined, [/routingMode undefined must be GLOBAL for the 99.99% SLA.*pass routingMode: 'GLOBAL'/]],
    ['a region on one domain', [...fourNines.slice(0, 3), att('ams-3', 'europe-west4', 'ams', 1)], 'GLOBAL', [/in 1 region\(s\)/]],
  ] as const)('throws when 99.99%% has %s', (_case, list, mode, messages) => {
    const got = validateSla('ic', '99.99', list, mode).map(formatIssue);
    expect(got).toHaveLength(messages.length);
    messages.forEach((m, i) => expect(got[i]).toMatch(m));
  });
});

describe('routers, MTU, VLAN, candidate subnets', () => {
  test('throws when a region has two routers or none', () => {
    expect(validateRouterRegions('ic', ['europe-west3', 'europe-west3'], fourNines).map(formatIssue)).toEqual([
      'ic: routers[1].region "europe-west3" already has a Cloud Router in this link; use one Cloud Router per region',
      'ic: attachments[2].region "europe-west4" has no Cloud Router in the link; add a router for region europe-west4',
      'ic: attachments[3].region "europe-west4" has no Cloud Router in the link; add a router for region europe-west4',
    ]);
  });
  test.each([
    [[1440, 1440], undefined, []],
    [[8896, 8896], 8896, []],
    [[1400], undefined, ['ic: attachments[0].mtu 1400 is not a VLAN attachment MTU; use one of 1440, 1460, 1500, 8896']],
    [[1440, 1500], undefined, ['ic: attachments[*].mtu [1440,1500] differ between attachments; use the same MTU on every attachment of the VPC']],
    [[1500, 1500], 1460, ['ic: mtu 1500 differs from the VPC MTU 1460; set mtu to 1460 or change the VPC MTU']],
  ])('MTUs %p with network MTU %p', (mtus, networkMtu, messages) => {
    expect(validateMtus('ic', mtus, networkMtu).map(formatIssue)).toEqual(messages);
  });
  test.each([
    [2, 0],
    [4094, 0],
    [1, 1],
    [4095, 1],
    [100.5, 1],
  ])('VLAN tag %p has %p issue(s)', (tag, n) => {
    expect(validateVlanTag('ic', 'attachments[0].vlanTag', tag)).toHaveLength(n);
  });
  test('throws when the VLAN tag is out of range', () => {
    expect(validateVlanTag('ic', 'attachments[0].vlanTag', 4095).map(formatIssue)).toEqual(['ic: attachments[0].vlanTag 4095 is outside 2–4094; use the 802.1Q tag agreed with the colocation provider']);
  });
  test.each([
    [['169.254.64.0/29', '169.254.128.0/20'], []],
    [['169.254.64.0/30'], ['ic: c[0] "169.254.64.0/30" is a /30, longer than /29; use a /29 or shorter prefix']],
    [['10.0.0.0/29'], ['ic: c[0] "10.0.0.0/29" is outside 169.254.0.0/16; take the prefix from 169.254.0.0/16']],
    [Array.from({ length: 17 }, (_, i) => `169.254.${i}.0/29`), [/has 17 entries, more than 16; list at most 16 prefixes/]],
  ])('candidate subnets %p', (subnets, messages) => {
    const got = validateCandidateSubnets('ic', 'c', subnets).map(formatIssue);
    expect(got).toHaveLength(messages.length);
    messages.forEach((m, i) => expect(got[i]).toMatch(m));
  });
});
