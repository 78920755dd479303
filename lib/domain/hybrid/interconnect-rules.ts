import type { ValidationIssue } from '../validation-error';
import { LINK_LOCAL_CIDR } from './bgp-link-rules';
import { Cidr } from '../ip-plan/cidr';

/** The availability an Interconnect topology is built for. */
export type SlaTarget = '99.9' | '99.99';
/** The edge availability domain of a VLAN attachment (two domains for 99.9% and above). */
export type EdgeAvailabilityDomain = 'AVAILABILITY_DOMAIN_1' | 'AVAILABILITY_DOMAIN_2';
/** Dedicated (your own cross-connects) or Partner Interconnect. */
export type InterconnectType = 'DEDICATED' | 'PARTNER';
/** A VPC's dynamic routing mode. */
export type RoutingMode = 'GLOBAL' | 'REGIONAL';

/** MTUs a VLAN attachment accepts (compute_interconnect_attachment docs). */
const VALID_ATTACHMENT_MTUS: readonly number[] = [1440, 1460, 1500, 8896];
/** 802.1Q tags usable on an attachment. */
const VLAN_TAG_RANGE = { min: 2, max: 4094 } as const;
/** Google picks the BGP /29 from at most 16 candidate prefixes, each /29 or shorter. */
const MAX_CANDIDATE_SUBNETS = 16;
const MAX_CANDIDATE_PREFIX = 29;

/** Where one VLAN attachment sits: what the SLA rules check, and what every attachment declares. */
export interface AttachmentTopology {
  /** GCP name of the attachment (changing it replaces the attachment). */
  readonly name: string;
  /** GCP region of the attachment and its Cloud Router; the 99.99% SLA needs attachments in two regions (validateSla). */
  readonly region: string;
  /** Metropolitan area of the colocation facility, e.g. 'fra' or 'iad'; declared so the SLA check can count metros. */
  readonly metro: string;
  /**
   * Edge availability domain. Set on the resource for PARTNER; for DEDICATED it is the domain of the
   * Interconnect, declared for the SLA check.
   */
  readonly edgeAvailabilityDomain: EdgeAvailabilityDomain;
}

const DOMAINS: readonly EdgeAvailabilityDomain[] = ['AVAILABILITY_DOMAIN_1', 'AVAILABILITY_DOMAIN_2'];

function hasBothDomains(list: readonly AttachmentTopology[]): boolean {
  return DOMAINS.every((d) => list.some((a) => a.edgeAvailabilityDomain === d));
}

function groupBy(list: readonly AttachmentTopology[], key: (a: AttachmentTopology) => string): Map<string, AttachmentTopology[]> {
  const map = new Map<string, AttachmentTopology[]>();
  for (const a of list) map.set(key(a), [...(map.get(key(a)) ?? []), a]);
  return map;
}

/**
 * Google's topologies for the Interconnect SLA:
 * - 99.9%: at least 2 attachments in one metro, on both edge availability domains.
 * - 99.99%: at least 4 attachments in 2 regions and 2 metros, each region with attachments on both
 *   domains, one Cloud Router per region, and the VPC in GLOBAL dynamic routing mode so either region's
 *   routes reach every region.
 */
export function validateSla(path: string, sla: SlaTarget, attachments: readonly AttachmentTopology[], routingMode: RoutingMode | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const summary = attachments.map((a) => `${a.name}@${a.region}/${a.metro}/${a.edgeAvailabilityDomain.slice(-1)}`);
  if (sla === '99.9') {
    const metros = groupBy(attachments, (a) => a.metro);
    const ok = [...metros.values()].some(hasBothDomains);
    if (!ok) {
      issues.push({
        path,
        field: 'attachments',
        value: summary,
        problem: 'do not meet the 99.9% SLA, which needs 2 attachments in one metro on both edge availability domains',
        fix: 'add an attachment in the same metro on the other edge availability domain',
      });
    }
    return issues;
  }
  if (sla !== '99.99') {
    return [{ path, field: 'slaTarget', value: sla, problem: "must be '99.9' or '99.99'", fix: "declare '99.9' or '99.99'" }];
  }
  if (attachments.length < 4) {
    issues.push({
      path,
      field: 'attachments',
      value: summary,
      problem: `are ${attachments.length}, but the 99.99% SLA needs at least 4 (2 per region in 2 regions)`,
      fix: 'add attachments until each of 2 regions has one per edge availability domain',
    });
  }
  const regions = groupBy(attachments, (a) => a.region);
  const goodRegions = [...regions.entries()].filter(([, list]) => hasBothDomains(list)).map(([r]) => r);
  if (goodRegions.length < 2) {
    issues.push({
      path,
      field: 'attachments',
      value: summary,
      problem: `cover both edge availability domains in ${goodRegions.length} region(s), but the 99.99% SLA needs 2 regions`,
      fix: 'in each of 2 regions put one attachment on AVAILABILITY_DOMAIN_1 and one on AVAILABILITY_DOMAIN_2',
    });
  }
  const metros = new Set(attachments.map((a) => a.metro));
  if (metros.size < 2) {
    issues.push({ path, field: 'attachments', value: summary, problem: `use ${metros.size} metro(s), but the 99.99% SLA needs 2 metros`, fix: "place the second region's attachments in another metro" });
  }
  if (routingMode !== 'GLOBAL') {
    issues.push({ path, field: 'routingMode', value: routingMode, problem: 'must be GLOBAL for the 99.99% SLA, so routes learned in one region reach the other', fix: "set the VPC's routing_mode to GLOBAL and pass routingMode: 'GLOBAL'" });
  }
  return issues;
}

/** One Cloud Router per region, and a router in every region that has an attachment. */
export function validateRouterRegions(path: string, routerRegions: readonly string[], attachments: readonly AttachmentTopology[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  routerRegions.forEach((region, i) => {
    if (seen.has(region)) {
      issues.push({ path, field: `routers[${i}].region`, value: region, problem: 'already has a Cloud Router in this link', fix: 'use one Cloud Router per region' });
    }
    seen.add(region);
  });
  attachments.forEach((a, i) => {
    if (!seen.has(a.region)) {
      issues.push({ path, field: `attachments[${i}].region`, value: a.region, problem: 'has no Cloud Router in the link', fix: `add a router for region ${a.region}` });
    }
  });
  return issues;
}

/** All attachments share one MTU, which must equal the VPC's MTU when given (mismatches drop large packets). */
export function validateMtus(path: string, mtus: readonly number[], networkMtu: number | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  mtus.forEach((mtu, i) => {
    if (!VALID_ATTACHMENT_MTUS.includes(mtu)) {
      issues.push({ path, field: `attachments[${i}].mtu`, value: mtu, problem: `is not a VLAN attachment MTU`, fix: `use one of ${VALID_ATTACHMENT_MTUS.join(', ')}` });
    }
  });
  const distinct = [...new Set(mtus)];
  if (distinct.length > 1) {
    issues.push({ path, field: 'attachments[*].mtu', value: distinct, problem: 'differ between attachments', fix: 'use the same MTU on every attachment of the VPC' });
  }
  if (networkMtu !== undefined && distinct.length === 1 && distinct[0] !== networkMtu) {
    issues.push({ path, field: 'mtu', value: distinct[0], problem: `differs from the VPC MTU ${networkMtu}`, fix: `set mtu to ${networkMtu} or change the VPC MTU` });
  }
  return issues;
}

export function validateVlanTag(path: string, field: string, tag: number): ValidationIssue[] {
  if (Number.isInteger(tag) && tag >= VLAN_TAG_RANGE.min && tag <= VLAN_TAG_RANGE.max) return [];
  return [{ path, field, value: tag, problem: `is outside ${VLAN_TAG_RANGE.min}–${VLAN_TAG_RANGE.max}`, fix: 'use the 802.1Q tag agreed with the colocation provider' }];
}

/** Candidate subnets restrict where Google picks the attachment's BGP /29. */
export function validateCandidateSubnets(path: string, field: string, subnets: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (subnets.length > MAX_CANDIDATE_SUBNETS) {
    issues.push({ path, field, value: subnets, problem: `has ${subnets.length} entries, more than ${MAX_CANDIDATE_SUBNETS}`, fix: `list at most ${MAX_CANDIDATE_SUBNETS} prefixes` });
  }
  const linkLocal = Cidr.parse(LINK_LOCAL_CIDR);
  subnets.forEach((s, i) => {
    const parsed = Cidr.tryParse(s);
    if (typeof parsed === 'string') {
      issues.push({ path, field: `${field}[${i}]`, value: s, problem: parsed, fix: 'use a link-local prefix such as 169.254.64.0/29' });
    } else if (parsed.prefixLength > MAX_CANDIDATE_PREFIX) {
      issues.push({ path, field: `${field}[${i}]`, value: s, problem: `is a /${parsed.prefixLength}, longer than /${MAX_CANDIDATE_PREFIX}`, fix: 'use a /29 or shorter prefix' });
    } else if (!linkLocal.contains(parsed)) {
      issues.push({ path, field: `${field}[${i}]`, value: s, problem: `is outside ${LINK_LOCAL_CIDR}`, fix: `take the prefix from ${LINK_LOCAL_CIDR}` });
    }
  });
  return issues;
}
