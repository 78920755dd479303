import { compareQuantities, isQuantity, parseQuantity } from '../../../lib/domain/tenancy/quantity';

describe('parseQuantity', () => {
  test.each([
    ['1', 1],
    ['500m', 0.5],
    ['0.5', 0.5],
    ['.25', 0.25],
    ['2k', 2000],
    ['1Ki', 1024],
    ['512Mi', 512 * 2 ** 20],
    ['8Gi', 8 * 2 ** 30],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['1G', 1e9],
    ['100n', 1e-7],
    ['1e3', 1000],
    ['2E', 2e18],
    [4, 4],
  ])('%p is %p', (input, expected) => {
    expect(parseQuantity(input)).toBeCloseTo(expected, 12);
  });

  test.each(['', 'abc', '1.2.3', '-1', '+1', '1gi', '1 Gi', 'Gi', '1mi'])('%p is not a quantity', (input) => {
    expect(isQuantity(input)).toBe(false);
    expect(() => parseQuantity(input)).toThrow(/not a quantity/);
  });

  test.each([
    ['1Gi', '1073741824', 0],
    ['1000m', '1', 0],
    ['500m', '1', -1],
    ['1Gi', '1G', 1],
    ['2', '1500m', 1],
  ])('compare %p with %p gives %p', (a, b, sign) => {
    expect(Math.sign(compareQuantities(a, b))).toBe(sign);
  });
});
