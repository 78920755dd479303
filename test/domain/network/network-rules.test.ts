import { validateAsn, validateControlPlaneCidr, validateName, validatePorts, validateRegion, controlPlaneFirewallName, isPowerOfTwo, isPrivateAsn, validateNatPorts, validateSubnets } from '../../../lib/domain/network/network-rules';

const P = 'test/Network';
const problems = (issues: { field: string; problem: string }[]) => issues.map((i) => `${i.field}: ${i.problem}`);

describe('names', () => {
  test.each(['a', 'prod-vpc', 'a1', 'x'.repeat(63)])('accepts %s', (n) => expect(validateName(P, 'name', n)).toEqual([]));
  test.each(['', 'Prod', '1abc', 'abc-', 'a_b', 'x'.repeat(64)])('rejects %j', (n) => {
    expect(validateName(P, 'name', n)[0].problem).toMatch(/RFC 1035/);
  });
  test.each(['us-central1', 'europe-west4', 'northamerica-northeast2'])('region %s', (r) => expect(validateRegion(P, 'region', r)).toEqual([]));
  test.each(['us-central1-a', 'uscentral', 'US-CENTRAL1'])('rejects region %s', (r) => expect(validateRegion(P, 'region', r)[0].problem).toBe('is not a region name'));
});

describe('validateSubnets', () => {
  const ok = { name: 'a', region: 'us-central1', cidr: '10.0.0.0/20', secondaryRanges: [{ rangeName: 'pods', cidr: '100.64.0.0/14' }] };

  test('accepts a valid set', () => {
    expect(validateSubnets(P, [ok, { name: 'b', region: 'europe-west4', cidr: '10.0.16.0/20' }])).toEqual([]);
  });

  test('duplicate subnet names', () => {
    expect(problems(validateSubnets(P, [ok, { ...ok, cidr: '10.1.0.0/20', secondaryRanges: [] }]))).toContain('subnets[1].name: is declared twice in this network');
  });

  test('overlapping primary ranges name both parties', () => {
    const issues = validateSubnets(P, [ok, { name: 'b', region: 'us-central1', cidr: '10.0.8.0/21' }]);
    expect(issues).toHaveLength(1);
    expect(issues[0].problem).toBe('(subnet b) overlaps 10.0.0.0/20 (subnet a)');
  });

  test('secondary range overlapping another subnet primary', () => {
    const issues = validateSubnets(P, [ok, { name: 'b', region: 'us-central1', cidr: '10.2.0.0/20', secondaryRanges: [{ rangeName: 'pods', cidr: '10.0.4.0/22' }] }]);
    expect(issues.map((i) => i.problem)).toEqual(['(b/pods) overlaps 10.0.0.0/20 (subnet a)']);
  });

  test('overlapping secondary ranges on different subnets', () => {
    const issues = validateSubnets(P, [ok, { name: 'b', region: 'us-central1', cidr: '10.2.0.0/20', secondaryRanges: [{ rangeName: 'pods', cidr: '100.65.0.0/16' }] }]);
    expect(issues.map((i) => i.problem)).toEqual(['(b/pods) overlaps 100.64.0.0/14 (a/pods)']);
  });

  test('duplicate secondary range names on a subnet', () => {
    const issues = validateSubnets(P, [
      {
        ...ok,
        secondaryRanges: [
          { rangeName: 'pods', cidr: '100.64.0.0/16' },
          { rangeName: 'pods', cidr: '100.65.0.0/16' },
        ],
      },
    ]);
    expect(problems(issues)).toEqual(['subnets[0].secondaryRanges[1].rangeName: is declared twice on subnet a']);
  });

  test.each([
    ['10.0.0.1/20', /not aligned/],
    ['10.0.0.0/30', /has prefix \/30, outside \/8..\/29/],
    ['10.0.0.0/7', /has prefix \/7, outside \/8..\/29/],
    ['banana', /not an IPv4 CIDR/],
  ])('bad primary cidr %s', (cidr, message) => {
    expect(validateSubnets(P, [{ ...ok, cidr, secondaryRanges: [] }])[0].problem).toMatch(message);
  });

  test('bad names and regions are reported together', () => {
    const issues = validateSubnets(P, [{ name: 'Bad_Name', region: 'us-central1-a', cidr: '10.0.0.0/20', secondaryRanges: [{ rangeName: 'Pods', cidr: '100.64.0.0/14' }] }]);
    expect(issues.map((i) => i.field)).toEqual(['subnets[0].name', 'subnets[0].region', 'subnets[0].secondaryRanges[0].rangeName']);
  });

  test.each([
    [{ flowSampling: 0 }, 'subnets[0].flowLogs.flowSampling: must be in (0, 1]'],
    [{ flowSampling: 1.5 }, 'subnets[0].flowLogs.flowSampling: must be in (0, 1]'],
    [{ aggregationInterval: 'INTERVAL_2_MIN' }, expect.stringMatching(/^subnets\[0\]\.flowLogs\.aggregationInterval: is not one of INTERVAL_5_SEC/)],
  ])('flow logs %j', (flowLogs, expected) => {
    expect(problems(validateSubnets(P, [{ ...ok, flowLogs }]))).toEqual([expected]);
  });
});

describe('control plane and firewall helpers', () => {
  test('accepts an aligned /28', () => expect(validateControlPlaneCidr(P, 'cp', '172.16.0.32/28')).toEqual([]));
  test.each([
    ['172.16.0.0/27', 'is a /27, but GKE control-plane ranges are /28'],
    ['172.16.0.8/28', expect.stringMatching(/not aligned/)],
  ])('rejects %s', (cidr, problem) => expect(validateControlPlaneCidr(P, 'cp', cidr)[0].problem).toEqual(problem));
  test('ports', () => {
    expect(validatePorts(P, 'webhookPorts', [443, 0, 70000, 1.5]).map((i) => i.value)).toEqual([0, 70000, 1.5]);
  });
  test('firewall name', () => expect(controlPlaneFirewallName('prod-vpc', '172.16.0.0/28')).toBe('prod-vpc-allow-cp-172-16-0-0-28'));
});

describe('Cloud NAT rules', () => {
  test.each([
    [32, true],
    [64, true],
    [65536, true],
    [48, false],
    [0, false],
    [-2, false],
    [1.5, false],
  ])('isPowerOfTwo(%d) = %s', (n, expected) => expect(isPowerOfTwo(n)).toBe(expected));

  test.each([
    [64, 4096, true, []],
    [64, undefined, false, []],
    [16, undefined, false, ['minPortsPerVm: must be a power of two between 32 and 65536']],
    [100, undefined, false, ['minPortsPerVm: must be a power of two between 32 and 65536']],
    [64, 4096, false, ['maxPortsPerVm: only applies with dynamic port allocation']],
    [64, 64, true, ['maxPortsPerVm: must be a power of two above minPortsPerVm (64) and at most 65536']],
    [64, 5000, true, ['maxPortsPerVm: must be a power of two above minPortsPerVm (64) and at most 65536']],
  ])('min %d max %s dynamic %s', (min, max, dynamic, expected) => {
    expect(problems(validateNatPorts(P, min, max, dynamic))).toEqual(expected);
  });

  test.each([
    [64512, true],
    [64514, true],
    [65534, true],
    [65535, false],
    [16550, false],
    [4200000000, true],
    [4294967295, false],
    [13335, false],
  ])('isPrivateAsn(%d) = %s', (asn, expected) => expect(isPrivateAsn(asn)).toBe(expected));

  test('validateAsn message', () => {
    expect(validateAsn(P, 'routerAsn', 15169)[0].problem).toBe('is not a private ASN (64512-65534 or 4200000000-4294967294, RFC 6996)');
  });
});
