import type { ValidationIssue } from '../validation-error';

/** An inclusive ASN interval. */
interface AsnRange {
  /** Lowest ASN of the interval, inclusive. */
  readonly min: number;
  /** Highest ASN of the interval, inclusive. */
  readonly max: number;
}

/** Private ASNs Cloud Router accepts (Cloud Router docs: 16-bit 64512–65534, 32-bit 4200000000–4294967294). */
const CLOUD_ROUTER_ASN_RANGES: readonly AsnRange[] = [
  { min: 64512, max: 65534 },
  { min: 4200000000, max: 4294967294 },
];

/** Google's ASN, required on the Cloud Router of a Partner Interconnect (Layer 3 partners peer with it). */
export const PARTNER_INTERCONNECT_ASN = 16550;

/** Amazon-side ASN of a transit gateway or virtual private gateway (CreateTransitGateway / CreateVpnGateway docs). */
const AMAZON_SIDE_ASN_RANGES: readonly AsnRange[] = CLOUD_ROUTER_ASN_RANGES;

/**
 * Public ASNs AWS gave virtual private gateways created before private ASNs could be chosen (2018).
 * Only an existing gateway can have one; a new gateway cannot be created with them.
 */
const AWS_LEGACY_VGW_ASNS: readonly number[] = [7224, 9059, 10124, 17493];

/** `bgp_asn` of aws_customer_gateway holds 1–2147483647; larger ASNs go in `bgp_asn_extended` (EC2 CreateCustomerGateway). */
const CUSTOMER_GATEWAY_BGP_ASN_MAX = 2147483647;
const CUSTOMER_GATEWAY_EXTENDED_ASN_RANGE: AsnRange = { min: 2147483648, max: 4294967294 };

/** ASNs no BGP speaker may use: 0, AS_TRANS (RFC 6793), 65535 and 4294967295 (RFC 7300). */
const RESERVED_ASNS: readonly number[] = [0, 23456, 65535, 4294967295];

const MAX_ASN = 4294967294;

function inRanges(asn: number, ranges: readonly AsnRange[]): boolean {
  return ranges.some((r) => asn >= r.min && asn <= r.max);
}

function rangesText(ranges: readonly AsnRange[]): string {
  return ranges.map((r) => `${r.min}–${r.max}`).join(' or ');
}

function isAsnInteger(asn: unknown): asn is number {
  return typeof asn === 'number' && Number.isInteger(asn);
}

/**
 * The Cloud Router's own ASN: a private ASN, or exactly 16550 when the router serves Partner Interconnect.
 */
export function validateCloudRouterAsn(path: string, field: string, asn: number, options: { readonly partnerInterconnect?: boolean } = {}): ValidationIssue[] {
  if (options.partnerInterconnect) {
    if (asn === PARTNER_INTERCONNECT_ASN) return [];
    return [{ path, field, value: asn, problem: `must be ${PARTNER_INTERCONNECT_ASN} for a Partner Interconnect Cloud Router`, fix: `set ${field} to ${PARTNER_INTERCONNECT_ASN}` }];
  }
  if (isAsnInteger(asn) && inRanges(asn, CLOUD_ROUTER_ASN_RANGES)) return [];
  const partnerHint = asn === PARTNER_INTERCONNECT_ASN ? ' (16550 is only for Partner Interconnect)' : '';
  return [
    {
      path,
      field,
      value: asn,
      problem: `is not a private ASN Cloud Router accepts${partnerHint}`,
      fix: `use an ASN in ${rangesText(CLOUD_ROUTER_ASN_RANGES)}`,
    },
  ];
}

/** The ASN of a BGP peer of Cloud Router (on-prem device, AWS gateway): any usable public or private ASN. */
export function validatePeerAsn(path: string, field: string, asn: number): ValidationIssue[] {
  if (isAsnInteger(asn) && asn >= 1 && asn <= MAX_ASN && !RESERVED_ASNS.includes(asn)) return [];
  return [{ path, field, value: asn, problem: `is not a usable BGP ASN (1–${MAX_ASN}, not 23456 or 65535)`, fix: 'use the ASN configured on the peer device' }];
}

/** Amazon-side ASN of a TGW/VGW; legacy public ASNs only for an existing virtual private gateway. */
export function validateAmazonSideAsn(path: string, field: string, asn: number, options: { readonly allowLegacy?: boolean } = {}): ValidationIssue[] {
  if (isAsnInteger(asn) && inRanges(asn, AMAZON_SIDE_ASN_RANGES)) return [];
  if (options.allowLegacy && AWS_LEGACY_VGW_ASNS.includes(asn)) return [];
  const legacy = options.allowLegacy ? `, or a legacy VGW ASN (${AWS_LEGACY_VGW_ASNS.join(', ')})` : '';
  return [
    {
      path,
      field,
      value: asn,
      problem: `is not a valid Amazon-side ASN`,
      fix: `use an ASN in ${rangesText(AMAZON_SIDE_ASN_RANGES)}${legacy}`,
    },
  ];
}

/** Both ends of an eBGP session need different ASNs, or routes are dropped as loops. */
export function validateAsnsDiffer(path: string, field: string, gcpAsn: number, peerAsn: number): ValidationIssue[] {
  if (gcpAsn !== peerAsn) return [];
  return [{ path, field, value: peerAsn, problem: `equals the Cloud Router ASN, so eBGP would see its own ASN and drop the routes`, fix: 'give the peer and the Cloud Router different ASNs' }];
}

/** The aws_customer_gateway fields for an ASN: a 32-bit ASN above 2147483647 goes in `bgp_asn_extended`. */
export function customerGatewayAsnFields(asn: number): { readonly bgpAsn?: string; readonly bgpAsnExtended?: string } {
  return asn <= CUSTOMER_GATEWAY_BGP_ASN_MAX ? { bgpAsn: String(asn) } : { bgpAsnExtended: String(asn) };
}

/** The ASN AWS stores for the customer gateway (here: the Cloud Router's ASN). */
export function validateCustomerGatewayAsn(path: string, field: string, asn: number): ValidationIssue[] {
  if (isAsnInteger(asn) && asn >= 1 && asn <= CUSTOMER_GATEWAY_EXTENDED_ASN_RANGE.max) return [];
  return [
    {
      path,
      field,
      value: asn,
      problem: `cannot be a customer gateway ASN (1–${CUSTOMER_GATEWAY_BGP_ASN_MAX} in bgp_asn, ${CUSTOMER_GATEWAY_EXTENDED_ASN_RANGE.min}–${CUSTOMER_GATEWAY_EXTENDED_ASN_RANGE.max} in bgp_asn_extended)`,
      fix: 'use a Cloud Router ASN in that range',
    },
  ];
}
