/**
 * Small IPv4 CIDR helper for the network and GKE rules (pure: no cdktf).
 * Parsing is delegated to `ip-address`; we only add alignment and overlap arithmetic.
 */
import { Address4 } from 'ip-address';

export interface ParsedCidr {
  /** Canonical form, e.g. `10.0.0.0/16`. */
  readonly text: string;
  /** First address as an unsigned 32-bit integer. */
  readonly start: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
  /** Number of addresses (2^(32-prefix)). */
  readonly size: number;
}

export type ParsedCidrResult = { readonly ok: true; readonly cidr: ParsedCidr } | { readonly ok: false; readonly problem: string };

const CIDR_SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/** Parses `a.b.c.d/p`, requiring an explicit prefix and a host part of zero (aligned). */
export function parseCidr(text: string): ParsedCidrResult {
  if (typeof text !== 'string' || !CIDR_SHAPE.test(text)) {
    return { ok: false, problem: 'is not an IPv4 CIDR of the form a.b.c.d/p' };
  }
  let address: Address4;
  try {
    address = new Address4(text);
  } catch {
    return { ok: false, problem: 'is not a valid IPv4 CIDR' };
  }
  const prefix = address.subnetMask;
  if (prefix < 0 || prefix > 32) return { ok: false, problem: 'has a prefix length outside 0..32' };
  const value = Number(address.bigInt());
  const size = 2 ** (32 - prefix);
  const start = Math.floor(value / size) * size;
  if (start !== value) {
    const aligned = `${Address4.fromBigInt(BigInt(start)).correctForm()}/${prefix}`;
    return { ok: false, problem: `is not aligned to its /${prefix} boundary (did you mean ${aligned}?)` };
  }
  return { ok: true, cidr: { text: `${Address4.fromBigInt(BigInt(start)).correctForm()}/${prefix}`, start, prefix, size } };
}

/** Parses or throws a plain Error; for values already validated. */
export function mustParseCidr(text: string): ParsedCidr {
  const result = parseCidr(text);
  if (!result.ok) throw new Error(`${text} ${result.problem}`);
  return result.cidr;
}

export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return inner.start >= outer.start && inner.start + inner.size <= outer.start + outer.size;
}

export interface NamedCidr {
  /** Who owns the range, for messages, e.g. `subnet nodes-usc1` or `nodes-usc1/pods`. */
  readonly owner: string;
  readonly cidr: string;
}

export interface CidrOverlap {
  readonly a: NamedCidr;
  readonly b: NamedCidr;
}

/** Every overlapping pair among valid CIDRs (invalid ones are skipped: they are reported elsewhere). Input order is kept. */
export function findOverlaps(ranges: readonly NamedCidr[]): CidrOverlap[] {
  const parsed = ranges.flatMap((r) => {
    const p = parseCidr(r.cidr);
    return p.ok ? [{ range: r, cidr: p.cidr }] : [];
  });
  const overlaps: CidrOverlap[] = [];
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (cidrsOverlap(parsed[i].cidr, parsed[j].cidr)) overlaps.push({ a: parsed[i].range, b: parsed[j].range });
    }
  }
  return overlaps;
}
