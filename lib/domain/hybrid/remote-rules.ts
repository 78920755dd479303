/**
 * Rules for identifiers of the other side of a link: AWS regions and resource ids, peer device addresses. Used by
 * the definition's validation and, where the value is not a token, by the link constructs.
 */
import { Cidr } from '../ip-plan/cidr';
import type { ValidationIssue } from '../validation-error';

/** AWS region names: `us-west-2`, `eu-central-1`, `us-gov-west-1`, `ap-southeast-4`. */
const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/;

/** AWS resource ids: a prefix and 8 or 17 lower-case hex digits. */
const AWS_ID_PREFIXES = { vpc: 'vpc', subnet: 'subnet', routeTable: 'rtb', transitGateway: 'tgw', vpnGateway: 'vgw' } as const;

/** How each id kind is spelt in a message, and the `aws ec2 describe-*` command that lists it. */
const AWS_ID_NAMES: Record<keyof typeof AWS_ID_PREFIXES, { readonly noun: string; readonly describe: string }> = {
  vpc: { noun: 'vpc', describe: 'describe-vpcs' },
  subnet: { noun: 'subnet', describe: 'describe-subnets' },
  routeTable: { noun: 'route table', describe: 'describe-route-tables' },
  transitGateway: { noun: 'transit gateway', describe: 'describe-transit-gateways' },
  vpnGateway: { noun: 'virtual private gateway', describe: 'describe-vpn-gateways' },
};

export function validateAwsRegion(path: string, field: string, value: string): ValidationIssue[] {
  if (AWS_REGION_PATTERN.test(value)) return [];
  const gcpLike = /^[a-z]+-[a-z]+\d$/.test(value);
  return [{ path, field, value, problem: `is not an AWS region name${gcpLike ? ' (it is spelt like a GCP region)' : ''}`, fix: 'use an AWS region such as "us-west-2" or "eu-central-1"' }];
}

export function validateAwsId(path: string, field: string, value: string, kind: keyof typeof AWS_ID_PREFIXES): ValidationIssue[] {
  const prefix = AWS_ID_PREFIXES[kind];
  if (new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(value)) return [];
  return [
    {
      path,
      field,
      value,
      problem: `is not an AWS ${AWS_ID_NAMES[kind].noun} id (${prefix}- and 8 or 17 lower-case hex digits)`,
      fix: `copy the id from the AWS console or \`aws ec2 ${AWS_ID_NAMES[kind].describe}\`, e.g. "${prefix}-0a1b2c3d4e5f60718"`,
    },
  ];
}

/** A peer device's public interface address: a dotted IPv4 address, each part 0-255. */
export function validateIpv4Address(path: string, field: string, value: string): ValidationIssue[] {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (parts && parts.slice(1).every((p) => Number(p) <= 255 && String(Number(p)) === p)) return [];
  return [{ path, field, value, problem: 'is not an IPv4 address (four numbers 0-255, no leading zeros)', fix: "give the device interface's public IPv4 address, e.g. 203.0.113.10" }];
}

/** Ranges an internet peer's address cannot be in (RFC 1918, shared CGNAT space, loopback, link-local, this network, multicast and reserved). */
export const NON_PUBLIC_IPV4_RANGES: readonly { readonly cidr: string; readonly name: string }[] = [
  { cidr: '10.0.0.0/8', name: 'private (RFC 1918)' },
  { cidr: '172.16.0.0/12', name: 'private (RFC 1918)' },
  { cidr: '192.168.0.0/16', name: 'private (RFC 1918)' },
  { cidr: '100.64.0.0/10', name: 'shared address space (RFC 6598)' },
  { cidr: '127.0.0.0/8', name: 'loopback' },
  { cidr: '169.254.0.0/16', name: 'link-local' },
  { cidr: '0.0.0.0/8', name: '"this network"' },
  { cidr: '224.0.0.0/4', name: 'multicast' },
  { cidr: '240.0.0.0/4', name: 'reserved' },
];

/**
 * HA VPN to a peer device runs over the internet here (HA VPN over Cloud Interconnect is not part of the link): the
 * external VPN gateway's interfaces must be public addresses, or the tunnels never come up.
 */
export function validatePublicPeerAddress(path: string, field: string, value: string): ValidationIssue[] {
  if (validateIpv4Address(path, field, value).length > 0) return [];
  const address = Cidr.parse(`${value}/32`);
  const range = NON_PUBLIC_IPV4_RANGES.find((r) => Cidr.parse(r.cidr).contains(address));
  if (!range) return [];
  return [
    {
      path,
      field,
      value,
      problem: `is a ${range.name} address (${range.cidr}), but this link's HA VPN runs over the internet, where the device must be reached at a public address (HA VPN over Cloud Interconnect, which uses private addresses, is not supported by this link)`,
      fix: "give the device interface's public IPv4 address (its NAT address if it sits behind one), e.g. 203.0.113.10",
    },
  ];
}

/** Google's private API VIPs: a remote network claiming them would capture Private Google Access traffic. */
const GOOGLE_API_VIPS: readonly { readonly cidr: string; readonly name: string }[] = [
  { cidr: '199.36.153.8/30', name: 'private.googleapis.com' },
  { cidr: '199.36.153.4/30', name: 'restricted.googleapis.com' },
];

export function validateNotGoogleApiVips(path: string, field: string, cidr: string): ValidationIssue[] {
  const parsed = Cidr.tryParse(cidr);
  if (typeof parsed === 'string') return [];
  return GOOGLE_API_VIPS.filter((vip) => parsed.overlaps(Cidr.parse(vip.cidr))).map((vip) => ({
    path,
    field,
    value: cidr,
    problem: `overlaps ${vip.cidr} (${vip.name}), which the platform advertises to reach Google APIs privately`,
    fix: 'remove it from the remote network, or narrow it so it leaves 199.36.153.4/30 and 199.36.153.8/30 out',
  }));
}
