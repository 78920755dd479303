import { formatIssue } from '../../../lib/domain/validation-error';
import {
  BgpLinkRecord,
  awsInsideAddresses,
  awsTunnelWiring,
  validateBgpIdentifierRange,
  validateInsideCidrs,
  validateNoOverlap,
  validateLinkCollisions,
  peerInsideAddresses,
  peerTunnelWiring,
  redundancyTypeFor,
} from '../../../lib/domain/hybrid/bgp-link-rules';

const INSIDE = ['169.254.10.0/30', '169.254.10.4/30', '169.254.10.8/30', '169.254.10.12/30'];
const aws = { expectedCount: 4, awsReserved: true };

describe('tunnel wiring', () => {
  test('AWS: connection A on HA interface 0 and external 0,1; connection B on HA interface 1 and external 2,3', () => {
    expect(awsTunnelWiring()).toEqual([
      { tunnel: 0, haInterface: 0, externalInterface: 0, connection: 0, awsTunnel: 1 },
      { tunnel: 1, haInterface: 0, externalInterface: 1, connection: 0, awsTunnel: 2 },
      { tunnel: 2, haInterface: 1, externalInterface: 2, connection: 1, awsTunnel: 1 },
      { tunnel: 3, haInterface: 1, externalInterface: 3, connection: 1, awsTunnel: 2 },
    ]);
  });

  test.each([
    [
      1,
      'SINGLE_IP_INTERNALLY_REDUNDANT',
      [
        [0, 0],
        [1, 0],
      ],
    ],
    [
      2,
      'TWO_IPS_REDUNDANCY',
      [
        [0, 0],
        [1, 1],
      ],
    ],
    [
      4,
      'FOUR_IPS_REDUNDANCY',
      [
        [0, 0],
        [0, 1],
        [1, 2],
        [1, 3],
      ],
    ],
  ] as const)('peer with %p interface(s): %s, [haInterface, externalInterface] per tunnel %p', (count, type, pairs) => {
    expect(redundancyTypeFor(count)).toBe(type);
    expect(peerTunnelWiring(count).map((w) => [w.haInterface, w.externalInterface])).toEqual(pairs);
    expect(peerTunnelWiring(count).map((w) => w.tunnel)).toEqual(pairs.map((_, i) => i));
  });
});

describe('inside addresses', () => {
  test('AWS: Cloud Router is the customer gateway (second usable), the peer is the AWS side (first usable)', () => {
    expect(awsInsideAddresses('169.254.10.4/30')).toEqual({ gcp: '169.254.10.6', peer: '169.254.10.5', gcpWithPrefix: '169.254.10.6/30' });
  });
  test('peer device: Cloud Router first usable, device second', () => {
    expect(peerInsideAddresses('169.254.20.0/30')).toEqual({ gcp: '169.254.20.1', peer: '169.254.20.2', gcpWithPrefix: '169.254.20.1/30' });
  });
});

describe('validateInsideCidrs', () => {
  test('accepts 4 unique link-local /30s', () => {
    expect(validateInsideCidrs('link', 'insideCidrs', INSIDE, aws)).toEqual([]);
  });

  const withFirst = (cidr: string) => [cidr, ...INSIDE.slice(1)];
  test.each([
    ['not a CIDR', withFirst('169.254.10.0'), 'link: insideCidrs[0] "169.254.10.0" is not an IPv4 CIDR of the form a.b.c.d/prefix; use a /30 such as 169.254.10.0/30'],
    ['not aligned', withFirst('169.254.10.1/30'), 'link: insideCidrs[0] "169.254.10.1/30" is not aligned to its prefix length (the block containing it is 169.254.10.0/30); use a /30 such as 169.254.10.0/30'],
    ['not a /30', withFirst('169.254.16.0/29'), 'link: insideCidrs[0] "169.254.16.0/29" is a /29, but a BGP tunnel link must be a /30; use a /30 such as 169.254.10.0/30'],
    ['outside link-local', withFirst('10.0.0.0/30'), 'link: insideCidrs[0] "10.0.0.0/30" is outside 169.254.0.0/16; take the /30 from 169.254.0.0/16'],
    ['AWS reserved 169.254.0.0/30', withFirst('169.254.0.0/30'), 'link: insideCidrs[0] "169.254.0.0/30" is reserved by AWS for VPN tunnels; pick a /30 outside 169.254.0.0/30–169.254.5.0/30 and 169.254.169.252/30'],
    ['AWS reserved 169.254.5.0/30', withFirst('169.254.5.0/30'), 'link: insideCidrs[0] "169.254.5.0/30" is reserved by AWS for VPN tunnels; pick a /30 outside 169.254.0.0/30–169.254.5.0/30 and 169.254.169.252/30'],
    ['metadata block', withFirst('169.254.169.252/30'), 'link: insideCidrs[0] "169.254.169.252/30" is reserved (metadata server 169.254.169.254, refused by AWS); pick a /30 outside 169.254.0.0/30–169.254.5.0/30 and 169.254.169.252/30'],
    ['repeated', [INSIDE[0], INSIDE[1], INSIDE[2], INSIDE[0]], 'link: insideCidrs[3] "169.254.10.0/30" repeats insideCidrs[0]; each tunnel needs its own /30 on the router; give every tunnel a distinct /30'],
    ['wrong count', INSIDE.slice(0, 3), 'link: insideCidrs ["169.254.10.0/30","169.254.10.4/30","169.254.10.8/30"] has 3 entries but the link has 4 tunnels; give exactly 4 /30s, one per tunnel in tunnel order'],
  ])('throws when a /30 is %s', (_case, cidrs, message) => {
    expect(validateInsideCidrs('link', 'insideCidrs', cidrs, aws).map(formatIssue)).toEqual([message]);
  });

  test('169.254.0.0/30 is fine toward a peer device, but the metadata block is not', () => {
    expect(validateInsideCidrs('p', 'insideCidrs', ['169.254.0.0/30', '169.254.1.0/30'], { expectedCount: 2, awsReserved: false })).toEqual([]);
    expect(validateInsideCidrs('p', 'insideCidrs', ['169.254.169.252/30', '169.254.1.0/30'], { expectedCount: 2, awsReserved: false })).toHaveLength(1);
  });

  test('throws when a /30 falls in the router BGP identifier range', () => {
    const issues = validateInsideCidrs('link', 'insideCidrs', INSIDE, { ...aws, bgpIdentifierRange: '169.254.10.0/29' });
    expect(issues.map(formatIssue)).toEqual([
      'link: insideCidrs[0] "169.254.10.0/30" overlaps the Cloud Router BGP identifier range 169.254.10.0/29; pick a /30 outside the identifier range',
      'link: insideCidrs[1] "169.254.10.4/30" overlaps the Cloud Router BGP identifier range 169.254.10.0/29; pick a /30 outside the identifier range',
    ]);
  });

  test.each([
    ['169.254.255.252/30', 0],
    ['169.254.255.254/31', 1],
    ['10.0.0.0/30', 1],
    ['nope', 1],
  ])('identifier range %p has %p issue(s)', (range, count) => {
    expect(validateBgpIdentifierRange('link', 'cloudRouter.bgpIdentifierRange', range)).toHaveLength(count);
  });
});

describe('validateLinkCollisions', () => {
  const rec = (owner: string, cidr: string, routerKey: string, awsGatewayKey?: string): BgpLinkRecord => ({ owner, field: 'insideCidrs[0]', cidr, routerKey, awsGatewayKey });

  test('throws when two links on one Cloud Router share a /30', () => {
    const issues = validateLinkCollisions('a', [rec('a', '169.254.10.0/30', 'p/r/router'), rec('b', '169.254.10.0/30', 'p/r/router')]);
    expect(issues.map(formatIssue)).toEqual(['a: insideCidrs[0] "169.254.10.0/30" overlaps b insideCidrs[0] (169.254.10.0/30) on Cloud Router p/r/router; give each link on a router or AWS gateway its own /30s']);
  });
  test('throws when two links on one AWS gateway share a /30, even on different routers', () => {
    const issues = validateLinkCollisions('a', [rec('a', '169.254.10.0/30', 'r1', 'tgw'), rec('b', '169.254.10.0/30', 'r2', 'tgw')]);
    expect(issues[0].problem).toBe('overlaps b insideCidrs[0] (169.254.10.0/30) on AWS gateway tgw');
  });
  test('the same /30 on unrelated routers and gateways is fine', () => {
    expect(validateLinkCollisions('a', [rec('a', '169.254.10.0/30', 'r1', 'g1'), rec('b', '169.254.10.0/30', 'r2', 'g2')])).toEqual([]);
  });
});

describe('validateNoOverlap', () => {
  test('throws when a remote range overlaps a GCP range', () => {
    expect(validateNoOverlap('link', ['10.0.0.0/16', '100.64.0.0/14'], ['10.0.128.0/20', '172.16.0.0/16']).map(formatIssue)).toEqual([
      'link: remoteCidrs "10.0.128.0/20" overlaps GCP range 10.0.0.0/16; renumber one side or drop the range from the link; the IP plan should reserve remote ranges',
    ]);
  });
  test('throws when a range is not a CIDR', () => {
    expect(validateNoOverlap('link', ['10.0.0.0/33'], []).map((i) => i.field)).toEqual(['gcpCidrs[0]']);
  });
  test('disjoint ranges pass', () => {
    expect(validateNoOverlap('link', ['10.0.0.0/16'], ['10.1.0.0/16'])).toEqual([]);
  });
});
