import type { ValidationIssue } from '../validation-error';
import { Cidr } from '../ip-plan/cidr';

/** private.googleapis.com: sites reaching Google APIs (e.g. uploads to Cloud Storage) over the link need a route to it. */
export const PRIVATE_GOOGLE_APIS_CIDR = '199.36.153.8/30';

/** How a Cloud Router advertises: `DEFAULT` (the VPC's subnets) or `CUSTOM` (the ranges listed). */
export type AdvertiseMode = 'CUSTOM' | 'DEFAULT';

/** A range to advertise, with an optional description that lands in the Cloud Router config. */
export interface AdvertisedRange {
  /** The range to announce, an aligned IPv4 CIDR, e.g. `199.36.153.8/30`; each listed once (planAdvertisements). */
  readonly range: string;
  /** Shown beside the range in the Cloud Router's configuration. @default none: the range is advertised without a description */
  readonly description?: string;
}

/**
 * What Cloud Router announces to the peer on each BGP session of a link.
 * Applied on the BGP peers, not on the router, so it works on an existing router shared by several links.
 */
export interface AdvertisementOptions {
  /** @default 'CUSTOM' (so extra ranges such as private.googleapis.com can be added) */
  readonly mode?: AdvertiseMode;
  /**
   * Announce every subnet of the VPC, secondary ranges included, so GKE pod and service ranges are covered.
   * Only in CUSTOM mode (DEFAULT already does it).
   * @default true
   */
  readonly allSubnets?: boolean;
  /**
   * Extra ranges, e.g. PRIVATE_GOOGLE_APIS_CIDR or GKE control-plane /28s. Only in CUSTOM mode.
   * @default none
   */
  readonly ranges?: readonly (string | AdvertisedRange)[];
}

/** The resolved advertisement, in the shape compute_router_peer wants. */
export interface AdvertisementPlan {
  /** CUSTOM or DEFAULT, as given, else CUSTOM (DEFAULT_ADVERTISE_MODE). */
  readonly mode: AdvertiseMode;
  /** `['ALL_SUBNETS']` in CUSTOM mode unless allSubnets is false; empty otherwise (DEFAULT mode advertises the subnets itself). */
  readonly groups: readonly string[];
  /** The extra ranges in CUSTOM mode, in the order given; empty in DEFAULT mode. */
  readonly ranges: readonly AdvertisedRange[];
}

/** Default mode: CUSTOM is what lets a link announce more than the VPC subnets (issue 4). */
const DEFAULT_ADVERTISE_MODE: AdvertiseMode = 'CUSTOM';

/** Resolves defaults and validates; returns the plan or the issues. */
export function planAdvertisements(path: string, options: AdvertisementOptions = {}): { plan: AdvertisementPlan; issues: ValidationIssue[] } {
  const mode = options.mode ?? DEFAULT_ADVERTISE_MODE;
  const ranges: AdvertisedRange[] = (options.ranges ?? []).map((r) => (typeof r === 'string' ? { range: r } : r));
  const issues: ValidationIssue[] = [];
  if (mode !== 'CUSTOM' && mode !== 'DEFAULT') {
    issues.push({ path, field: 'advertisements.mode', value: mode, problem: 'must be CUSTOM or DEFAULT', fix: 'use CUSTOM' });
  }
  if (mode === 'DEFAULT' && ranges.length > 0) {
    issues.push({ path, field: 'advertisements.ranges', value: ranges.map((r) => r.range), problem: 'are only advertised in CUSTOM mode, but mode is DEFAULT', fix: "set advertisements.mode to 'CUSTOM' or drop the ranges" });
  }
  if (mode === 'DEFAULT' && options.allSubnets === false) {
    issues.push({ path, field: 'advertisements.allSubnets', value: false, problem: 'cannot be turned off in DEFAULT mode, which always advertises all subnets', fix: "set advertisements.mode to 'CUSTOM'" });
  }
  const seen = new Set<string>();
  ranges.forEach((r, i) => {
    const parsed = Cidr.tryParse(r.range);
    if (typeof parsed === 'string') {
      issues.push({ path, field: `advertisements.ranges[${i}]`, value: r.range, problem: parsed, fix: `use a CIDR such as ${PRIVATE_GOOGLE_APIS_CIDR}` });
    } else if (seen.has(r.range)) {
      issues.push({ path, field: `advertisements.ranges[${i}]`, value: r.range, problem: 'is listed twice', fix: 'list each range once' });
    }
    seen.add(r.range);
  });
  const groups = mode === 'CUSTOM' && options.allSubnets !== false ? ['ALL_SUBNETS'] : [];
  return { plan: { mode, groups, ranges: mode === 'CUSTOM' ? ranges : [] }, issues };
}
