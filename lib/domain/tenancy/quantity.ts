/**
 * A small parser for Kubernetes resource quantities (`500m`, `2`, `1.5Gi`, `1e3`), enough to compare
 * LimitRange defaults with quota. Follows the grammar of k8s.io/apimachinery resource.Quantity:
 * a non-negative decimal followed by a binary SI suffix (Ki..Ei), a decimal SI suffix (n, u, m, k, M, G, T, P, E)
 * or a decimal exponent. Pure: no imports.
 */

const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

// Signs are allowed by Kubernetes but meaningless for requests, limits and quota, so rejected here.
const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** True when `value` is a quantity this parser accepts. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/**
 * The value of a quantity in base units (cores for CPU, bytes for memory and storage).
 * @throws Error when the string is not a quantity; callers turn that into a ValidationIssue.
 */
export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`not a quantity: ${value}`);
    return value;
  }
  const match = QUANTITY.exec(value);
  if (!match) throw new Error(`not a quantity: ${JSON.stringify(value)}`);
  const [, digits, suffix = ''] = match;
  const base = Number(digits);
  if (suffix in BINARY_SUFFIXES) return base * BINARY_SUFFIXES[suffix];
  if (suffix in DECIMAL_SUFFIXES) return base * DECIMAL_SUFFIXES[suffix];
  return base * 10 ** Number(suffix.slice(1));
}

/** Compares two quantities: negative when a < b, 0 when equal, positive when a > b. */
export function compareQuantities(a: string | number, b: string | number): number {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  // Relative tolerance: `1Gi` and `1073741824` must compare equal despite float rounding.
  if (Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * 1e-12) return 0;
  return x < y ? -1 : 1;
}
