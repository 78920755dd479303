import { Cidr } from '../ip-plan/cidr';

const parsed = new Map<string, Cidr | undefined>();

/** Parses a CIDR (a bare address counts as /32); undefined when it is not one (e.g. an unresolved token). */
function cidrOf(text: string): Cidr | undefined {
  if (!parsed.has(text)) {
    const withPrefix = text.includes('/') ? text : `${text}/32`;
    const result = Cidr.tryParse(withPrefix);
    parsed.set(text, typeof result === 'string' ? undefined : result);
  }
  return parsed.get(text);
}

/** True when `outer` holds every address of `inner`. */
export function covers(outer: string, inner: string): boolean {
  const o = cidrOf(outer);
  const i = cidrOf(inner);
  return o !== undefined && i !== undefined && o.contains(i);
}

export function overlapsRange(a: string, b: string): boolean {
  const x = cidrOf(a);
  const y = cidrOf(b);
  return x !== undefined && y !== undefined && x.overlaps(y);
}

export function prefixLength(cidr: string): number {
  return cidrOf(cidr)?.prefixLength ?? -1;
}
