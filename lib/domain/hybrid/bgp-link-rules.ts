import type { ValidationIssue } from '../validation-error';
import { Cidr } from '../ip-plan/cidr';

/** BGP sessions over VPN and Interconnect run on link-local addresses (RFC 3927). */
export const LINK_LOCAL_CIDR = '169.254.0.0/16';

/**
 * Inside /30s AWS refuses for VPN tunnels (API_VpnTunnelOptionsSpecification, TunnelInsideCidr).
 * 169.254.169.252/30 also holds 169.254.169.254, the GCE and EC2 metadata server, so it is refused on every link.
 */
const AWS_RESERVED_INSIDE_CIDRS: readonly string[] = ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'];
const METADATA_CIDR = '169.254.169.252/30';

export type ExternalRedundancyType = 'SINGLE_IP_INTERNALLY_REDUNDANT' | 'TWO_IPS_REDUNDANCY' | 'FOUR_IPS_REDUNDANCY';

/** One GCP tunnel: which HA VPN interface it leaves from and which peer interface it reaches. */
export interface TunnelWiring {
  /** Tunnel index, also the index into insideCidrs and the pre-shared keys. */
  readonly tunnel: number;
  /** The HA VPN gateway interface (0 or 1) the tunnel leaves from. */
  readonly haInterface: 0 | 1;
  /** The external (peer or AWS) VPN gateway interface the tunnel reaches: 0-3. */
  readonly externalInterface: number;
}

/** AWS wiring adds the VPN connection (0 = A, 1 = B) and its tunnel number (1 or 2). */
interface AwsTunnelWiring extends TunnelWiring {
  /** The AWS VPN connection: 0 = A (customer gateway for HA interface 0), 1 = B (HA interface 1). */
  readonly connection: 0 | 1;
  /** The tunnel's number within its AWS VPN connection (`tunnel1_*` or `tunnel2_*` fields). */
  readonly awsTunnel: 1 | 2;
}

/**
 * HA VPN to AWS: connection A (customer gateway for HA interface 0) has tunnels 1 and 2 on external
 * interfaces 0 and 1; connection B (HA interface 1) on external interfaces 2 and 3. Each HA interface
 * thus reaches both AWS endpoints of its own connection, as Google's AWS guide wires it.
 */
export function awsTunnelWiring(): readonly AwsTunnelWiring[] {
  return [0, 1, 2, 3].map((tunnel) => {
    const connection = (tunnel < 2 ? 0 : 1) as 0 | 1;
    return { tunnel, haInterface: connection, externalInterface: tunnel, connection, awsTunnel: ((tunnel % 2) + 1) as 1 | 2 };
  });
}

/**
 * HA VPN to a peer device (Google's HA VPN topologies):
 * - 1 interface: tunnels 0,1 from HA interfaces 0,1 to peer interface 0.
 * - 2 interfaces: tunnel i from HA interface i to peer interface i.
 * - 4 interfaces: HA interface 0 to peer 0 and 1, HA interface 1 to peer 2 and 3.
 */
export function peerTunnelWiring(peerInterfaceCount: 1 | 2 | 4): readonly TunnelWiring[] {
  switch (peerInterfaceCount) {
    case 1:
      return [
        { tunnel: 0, haInterface: 0, externalInterface: 0 },
        { tunnel: 1, haInterface: 1, externalInterface: 0 },
      ];
    case 2:
      return [
        { tunnel: 0, haInterface: 0, externalInterface: 0 },
        { tunnel: 1, haInterface: 1, externalInterface: 1 },
      ];
    case 4:
      return awsTunnelWiring().map(({ tunnel, haInterface, externalInterface }) => ({ tunnel, haInterface, externalInterface }));
  }
}

export function redundancyTypeFor(peerInterfaceCount: 1 | 2 | 4): ExternalRedundancyType {
  return peerInterfaceCount === 1 ? 'SINGLE_IP_INTERNALLY_REDUNDANT' : peerInterfaceCount === 2 ? 'TWO_IPS_REDUNDANCY' : 'FOUR_IPS_REDUNDANCY';
}

/** The two usable addresses of a BGP /30, by side. */
export interface InsideAddresses {
  /** Address on the Cloud Router interface (no prefix). */
  readonly gcp: string;
  /** Address of the BGP peer (no prefix). */
  readonly peer: string;
  /** `gcp` with the /30 prefix, the form compute_router_interface.ip_range wants. */
  readonly gcpWithPrefix: string;
}

/**
 * AWS gives the first usable address of tunnelN_inside_cidr to its side (`tunnelN_vgw_inside_address`) and
 * the second to the customer gateway (`tunnelN_cgw_inside_address`); the Cloud Router is the customer gateway.
 */
export function awsInsideAddresses(insideCidr: string): InsideAddresses {
  const range = Cidr.parse(insideCidr);
  return { gcp: range.address(2), peer: range.address(1), gcpWithPrefix: `${range.address(2)}/${range.prefixLength}` };
}

/** Toward a peer device we choose: the Cloud Router takes the first usable address, the device the second. */
export function peerInsideAddresses(insideCidr: string): InsideAddresses {
  const range = Cidr.parse(insideCidr);
  return { gcp: range.address(1), peer: range.address(2), gcpWithPrefix: `${range.address(1)}/${range.prefixLength}` };
}

interface InsideCidrOptions {
  /** Tunnels of the link: exactly one inside /30 per tunnel, in tunnel order. */
  readonly expectedCount: number;
  /** Refuse AWS's reserved /30s (AWS links). */
  readonly awsReserved: boolean;
  /**
   * The router's BGP identifier range, which must not overlap any BGP session range.
   * @default none: the router has no identifier range set, so nothing to keep clear of
   */
  readonly bgpIdentifierRange?: string;
}

/** Validates the tunnel inside /30s of one link: shape, link-local, reserved blocks, uniqueness, identifier range. */
export function validateInsideCidrs(path: string, field: string, cidrs: readonly string[], options: InsideCidrOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (cidrs.length !== options.expectedCount) {
    issues.push({ path, field, value: cidrs, problem: `has ${cidrs.length} entries but the link has ${options.expectedCount} tunnels`, fix: `give exactly ${options.expectedCount} /30s, one per tunnel in tunnel order` });
  }
  const linkLocal = Cidr.parse(LINK_LOCAL_CIDR);
  const metadata = Cidr.parse(METADATA_CIDR);
  const reserved = options.awsReserved ? AWS_RESERVED_INSIDE_CIDRS.map((c) => Cidr.parse(c)) : [metadata];
  const identifier = options.bgpIdentifierRange ? Cidr.tryParse(options.bgpIdentifierRange) : undefined;
  const seen = new Map<string, number>();
  cidrs.forEach((cidr, i) => {
    const at = `${field}[${i}]`;
    const parsed = Cidr.tryParse(cidr);
    if (typeof parsed === 'string') {
      issues.push({ path, field: at, value: cidr, problem: parsed, fix: 'use a /30 such as 169.254.10.0/30' });
      return;
    }
    if (parsed.prefixLength !== 30) {
      issues.push({ path, field: at, value: cidr, problem: `is a /${parsed.prefixLength}, but a BGP tunnel link must be a /30`, fix: 'use a /30 such as 169.254.10.0/30' });
      return;
    }
    if (!linkLocal.contains(parsed)) {
      issues.push({ path, field: at, value: cidr, problem: `is outside ${LINK_LOCAL_CIDR}`, fix: `take the /30 from ${LINK_LOCAL_CIDR}` });
      return;
    }
    const hit = reserved.find((r) => r.overlaps(parsed));
    if (hit) {
      const who = hit.equals(metadata) ? 'reserved (metadata server 169.254.169.254, refused by AWS)' : 'reserved by AWS for VPN tunnels';
      issues.push({ path, field: at, value: cidr, problem: `is ${who}`, fix: 'pick a /30 outside 169.254.0.0/30–169.254.5.0/30 and 169.254.169.252/30' });
    }
    if (identifier instanceof Cidr && identifier.overlaps(parsed)) {
      issues.push({ path, field: at, value: cidr, problem: `overlaps the Cloud Router BGP identifier range ${options.bgpIdentifierRange}`, fix: 'pick a /30 outside the identifier range' });
    }
    const first = seen.get(parsed.toString());
    if (first !== undefined) {
      issues.push({ path, field: at, value: cidr, problem: `repeats ${field}[${first}]; each tunnel needs its own /30 on the router`, fix: 'give every tunnel a distinct /30' });
    } else {
      seen.set(parsed.toString(), i);
    }
  });
  return issues;
}

/** A /30 in use on a router (and, for AWS, on a gateway), as declared by one construct. */
export interface BgpLinkRecord {
  /** Construct path of the owner. */
  readonly owner: string;
  /** Field within the owner, e.g. `insideCidrs[2]`. */
  readonly field: string;
  /** The /30 in use. */
  readonly cidr: string;
  /** `project/region/router`; links sharing it share one Cloud Router. */
  readonly routerKey: string;
  /**
   * Identifies an AWS TGW/VGW; links sharing it share AWS's inside address space.
   * @default none: a link without an AWS side, compared on its Cloud Router only
   */
  readonly awsGatewayKey?: string;
}

/**
 * Collisions between the links of `owner` and any other link on the same Cloud Router or AWS gateway.
 * Records of other owners are compared only against `owner`'s, so each construct reports its own.
 */
export function validateLinkCollisions(owner: string, records: readonly BgpLinkRecord[]): ValidationIssue[] {
  const mine = records.filter((r) => r.owner === owner);
  const others = records.filter((r) => r.owner !== owner);
  const issues: ValidationIssue[] = [];
  for (const m of mine) {
    const mr = Cidr.tryParse(m.cidr);
    if (typeof mr === 'string') continue;
    for (const o of others) {
      const or = Cidr.tryParse(o.cidr);
      if (typeof or === 'string' || !mr.overlaps(or)) continue;
      const shared = o.routerKey === m.routerKey ? `Cloud Router ${m.routerKey}` : m.awsGatewayKey !== undefined && o.awsGatewayKey === m.awsGatewayKey ? `AWS gateway ${m.awsGatewayKey}` : undefined;
      if (!shared) continue;
      issues.push({ path: m.owner, field: m.field, value: m.cidr, problem: `overlaps ${o.owner} ${o.field} (${o.cidr}) on ${shared}`, fix: 'give each link on a router or AWS gateway its own /30s' });
    }
  }
  return issues;
}

/** Remote networks (AWS VPC, on-prem) must not overlap GCP ranges, or routes become ambiguous. */
export function validateNoOverlap(path: string, gcpCidrs: readonly string[], remoteCidrs: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const parseAll = (field: string, list: readonly string[]): Cidr[] =>
    list.flatMap((cidr, i) => {
      const parsed = Cidr.tryParse(cidr);
      if (typeof parsed === 'string') {
        issues.push({ path, field: `${field}[${i}]`, value: cidr, problem: parsed, fix: 'use an IPv4 CIDR such as 10.0.0.0/16' });
        return [];
      }
      return [parsed];
    });
  const gcp = parseAll('gcpCidrs', gcpCidrs);
  const remote = parseAll('remoteCidrs', remoteCidrs);
  for (const r of remote) {
    for (const g of gcp) {
      if (r.overlaps(g)) {
        issues.push({ path, field: 'remoteCidrs', value: r.toString(), problem: `overlaps GCP range ${g.toString()}`, fix: 'renumber one side or drop the range from the link; the IP plan should reserve remote ranges' });
      }
    }
  }
  return issues;
}

/** The router's BGP identifier range, if set, must be a link-local /30 or larger. */
export function validateBgpIdentifierRange(path: string, field: string, value: string): ValidationIssue[] {
  const parsed = Cidr.tryParse(value);
  if (typeof parsed === 'string') return [{ path, field, value, problem: parsed, fix: 'use a link-local range such as 169.254.255.252/30' }];
  if (parsed.prefixLength > 30 || !Cidr.parse(LINK_LOCAL_CIDR).contains(parsed)) {
    return [{ path, field, value, problem: `must be a /30 or larger inside ${LINK_LOCAL_CIDR}`, fix: 'use a link-local range such as 169.254.255.252/30' }];
  }
  return [];
}
