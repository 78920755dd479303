/**
 * Overlap checks over ranges named by their owner, so a message can name both parties
 * (pure: no cdktf, no cdk8s). Ranges that do not parse are skipped: whoever validates them reports that.
 */
import { Cidr } from './cidr';

export interface NamedCidr {
  /** Who owns the range, for messages, e.g. `subnet nodes-usc1` or `nodes-usc1/pods`. */
  readonly owner: string;
  /** The range, as text; one that does not parse as an aligned IPv4 CIDR is skipped by the overlap checks. */
  readonly cidr: string;
}

interface CidrOverlap {
  /** The first of the pair, in input order. */
  readonly a: NamedCidr;
  /** The second of the pair, in input order. */
  readonly b: NamedCidr;
}

function parseNamed(ranges: readonly NamedCidr[]): { readonly range: NamedCidr; readonly cidr: Cidr }[] {
  return ranges.flatMap((range) => {
    const cidr = Cidr.tryParse(range.cidr);
    return typeof cidr === 'string' ? [] : [{ range, cidr }];
  });
}

/** Every overlapping pair among the valid ranges, each pair once, in input order. */
export function findOverlaps(ranges: readonly NamedCidr[]): CidrOverlap[] {
  const parsed = parseNamed(ranges);
  const overlaps: CidrOverlap[] = [];
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (parsed[i].cidr.overlaps(parsed[j].cidr)) overlaps.push({ a: parsed[i].range, b: parsed[j].range });
    }
  }
  return overlaps;
}

/** The valid ranges that overlap `cidr`, in input order (e.g. the subnet ranges a control-plane /28 collides with). */
export function rangesOverlapping(cidr: Cidr, ranges: readonly NamedCidr[]): NamedCidr[] {
  return parseNamed(ranges)
    .filter((p) => p.cidr.overlaps(cidr))
    .map((p) => p.range);
}
