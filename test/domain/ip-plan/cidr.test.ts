import { Cidr } from '../../../lib/domain/ip-plan/cidr';

describe('Cidr', () => {
  test('parses an aligned block', () => {
    const cidr = Cidr.parse('10.1.2.0/23');
    expect(cidr.toString()).toBe('10.1.2.0/23');
    expect(cidr.size).toBe(512);
    expect(cidr.address(1)).toBe('10.1.2.1');
  });

  test.each([
    ['10.1.3.0/23', /not aligned to its prefix length \(the block containing it is 10.1.2.0\/23\)/],
    ['10.0.0.0', /not an IPv4 CIDR of the form a.b.c.d\/prefix/],
    ['300.0.0.0/8', /not a valid IPv4 CIDR/],
    ['10.0.0.0/33', /not a valid IPv4 CIDR|outside 0-32/],
    ['fd00::/8', /not an IPv4 CIDR/],
  ])('rejects %s', (text, message) => {
    const parsed = Cidr.tryParse(text);
    expect(typeof parsed).toBe('string');
    expect(parsed).toMatch(message);
  });

  test('overlaps and contains', () => {
    const big = Cidr.parse('10.0.0.0/8');
    const small = Cidr.parse('10.200.0.0/16');
    const other = Cidr.parse('11.0.0.0/8');
    expect(big.contains(small)).toBe(true);
    expect(small.contains(big)).toBe(false);
    expect(big.overlaps(small) && small.overlaps(big)).toBe(true);
    expect(big.overlaps(other)).toBe(false);
  });

  test('handles the top of the address space', () => {
    const top = Cidr.parse('255.255.255.252/30');
    expect(top.last).toBe(2 ** 32 - 1);
    expect(top.address(3)).toBe('255.255.255.255');
  });
});

test('rejects surrounding spaces rather than passing them on to Terraform', () => {
  expect(Cidr.tryParse(' 10.0.0.0/20')).toBe('is not an IPv4 CIDR of the form a.b.c.d/prefix');
});
