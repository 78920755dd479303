import { Cidr } from './cidr';
import type { PoolKind } from './plan-requests';

/** A pool is for VPC ranges unless it says otherwise (the IP plan, its table and the report read this one default). */
export const DEFAULT_POOL_KIND: PoolKind = 'subnet';

/** A range with a meaning of its own that the plan must treat specially. */
interface SpecialRange {
  /** The range, an aligned IPv4 CIDR. */
  readonly cidr: string;
  /** What the range is, phrased to follow it in a message, e.g. `is loopback (RFC 1122)`. */
  readonly reason: string;
}

/**
 * Ranges never handed out for subnets, pods or services unless a pool lists them in
 * `allowedSpecialRanges`. Sources: RFC 6890 special-purpose registry; GCP's "valid IPv4 ranges"
 * for subnets (which rejects 0/8, 127/8, 169.254/16, 224/4 and 255.255.255.255/32); Google's
 * Private Google Access VIPs and Cloud DNS forwarding range, which routes inside the VPC claim.
 * 240.0.0.0/4 (class E) is usable by GKE for pods in some setups, hence allowable per pool.
 */
export const SUBNET_FORBIDDEN_RANGES: readonly SpecialRange[] = [
  { cidr: '0.0.0.0/8', reason: 'is "this network" (RFC 1122)' },
  { cidr: '127.0.0.0/8', reason: 'is loopback (RFC 1122)' },
  { cidr: '169.254.0.0/16', reason: 'is link-local, used by GCP metadata and BGP sessions (RFC 3927)' },
  { cidr: '224.0.0.0/4', reason: 'is multicast (RFC 5771)' },
  { cidr: '240.0.0.0/4', reason: 'is reserved class E (RFC 1112)' },
  { cidr: '199.36.153.4/30', reason: 'is restricted.googleapis.com (Private Google Access VIP)' },
  { cidr: '199.36.153.8/30', reason: 'is private.googleapis.com (Private Google Access VIP)' },
  { cidr: '35.199.192.0/19', reason: 'is the source range of Cloud DNS forwarding and private zones' },
];

/** The only home of BGP link addresses: Cloud Router and AWS both require 169.254.0.0/16. */
export const LINK_LOCAL_RANGE = '169.254.0.0/16';

/**
 * Tunnel inside CIDRs AWS refuses (AWS Site-to-Site VPN user guide, "Tunnel options"):
 * 169.254.0.0/30 through 169.254.5.0/30 and 169.254.169.252/30. The plan never places a BGP /30 here.
 */
export const AWS_RESERVED_LINK_RANGES: readonly SpecialRange[] = [
  ...[0, 1, 2, 3, 4, 5].map((third) => ({ cidr: `169.254.${third}.0/30`, reason: 'is reserved by AWS for VPN tunnel inside addresses' })),
  { cidr: '169.254.169.252/30', reason: 'is reserved by AWS (it holds the instance metadata address 169.254.169.254)' },
];

export function parsedSpecialRanges(ranges: readonly SpecialRange[]): { cidr: Cidr; reason: string }[] {
  return ranges.map((range) => ({ cidr: Cidr.parse(range.cidr), reason: range.reason }));
}
