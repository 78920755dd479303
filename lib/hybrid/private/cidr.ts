import { Address4 } from 'ip-address';

/** A parsed IPv4 CIDR as an inclusive integer interval, so overlap and containment are plain comparisons. */
export interface Ipv4Range {
  readonly cidr: string;
  readonly prefix: number;
  readonly start: bigint;
  readonly end: bigint;
}

/** Parses `a.b.c.d/n`; returns a reason string instead of throwing so callers can build a ValidationIssue. */
export function parseIpv4Cidr(value: string): Ipv4Range | string {
  if (typeof value !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value)) {
    return 'is not an IPv4 CIDR (a.b.c.d/n)';
  }
  let address: Address4;
  try {
    address = new Address4(value);
  } catch {
    return 'is not a valid IPv4 CIDR';
  }
  if (address.subnetMask > 32) return 'has a prefix length above 32';
  const start = address.startAddress();
  if (start.correctForm() !== address.correctForm()) {
    return `is not aligned to its prefix (the network address is ${start.correctForm()}/${address.subnetMask})`;
  }
  return { cidr: value, prefix: address.subnetMask, start: start.bigInt(), end: address.endAddress().bigInt() };
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The address at `offset` from the network address, e.g. offset 1 is the first usable address of a /30. */
export function addressAt(range: Ipv4Range, offset: number): string {
  return Address4.fromBigInt(range.start + BigInt(offset)).correctForm();
}

/** Parses a CIDR the caller has already validated; throws on a programming error. */
export function mustParse(value: string): Ipv4Range {
  const parsed = parseIpv4Cidr(value);
  if (typeof parsed === 'string') throw new Error(`internal: ${value} ${parsed}`);
  return parsed;
}
