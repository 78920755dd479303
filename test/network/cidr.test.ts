import { cidrContains, cidrsOverlap, findOverlaps, mustParseCidr, parseCidr } from '../../lib/network/cidr';

describe('parseCidr', () => {
  test.each([
    ['10.0.0.0/8', 167772160, 8, 16777216],
    ['100.64.0.0/10', 1681915904, 10, 4194304],
    ['172.16.0.16/28', 2886729744, 28, 16],
    ['0.0.0.0/0', 0, 0, 4294967296],
    ['192.168.1.1/32', 3232235777, 32, 1],
  ])('parses %s', (text, start, prefix, size) => {
    const r = parseCidr(text);
    expect(r).toEqual({ ok: true, cidr: { text, start, prefix, size } });
  });

  test.each([
    ['10.0.0.0', /not an IPv4 CIDR/],
    ['10.0.0/8', /not an IPv4 CIDR/],
    ['300.0.0.0/8', /not a valid IPv4 CIDR/],
    ['10.0.0.0/33', /not a valid IPv4 CIDR|outside 0..32/],
    ['10.0.0.1/24', /not aligned to its \/24 boundary \(did you mean 10.0.0.0\/24\?\)/],
    ['fd00::/8', /not an IPv4 CIDR/],
  ])('rejects %s', (text, message) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(message);
  });

  test('mustParseCidr throws on invalid input', () => {
    expect(() => mustParseCidr('10.0.0.1/8')).toThrow(/not aligned/);
  });
});

describe('overlap arithmetic', () => {
  test.each([
    ['10.0.0.0/16', '10.0.255.0/24', true],
    ['10.0.0.0/16', '10.1.0.0/16', false],
    ['10.0.0.0/8', '10.200.0.0/16', true],
    ['172.16.0.0/28', '172.16.0.16/28', false],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(cidrsOverlap(mustParseCidr(a), mustParseCidr(b))).toBe(expected);
    expect(cidrsOverlap(mustParseCidr(b), mustParseCidr(a))).toBe(expected);
  });

  test('contains', () => {
    expect(cidrContains(mustParseCidr('10.0.0.0/8'), mustParseCidr('10.1.0.0/16'))).toBe(true);
    expect(cidrContains(mustParseCidr('10.1.0.0/16'), mustParseCidr('10.0.0.0/8'))).toBe(false);
  });

  test('findOverlaps reports each pair once, skipping invalid ranges', () => {
    const found = findOverlaps([
      { owner: 'a', cidr: '10.0.0.0/16' },
      { owner: 'b', cidr: '10.0.1.0/24' },
      { owner: 'c', cidr: '10.1.0.0/16' },
      { owner: 'bad', cidr: 'nope' },
    ]);
    expect(found).toEqual([{ a: { owner: 'a', cidr: '10.0.0.0/16' }, b: { owner: 'b', cidr: '10.0.1.0/24' } }]);
  });
});
