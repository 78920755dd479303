/**
 * Pure rules for VPC networks, subnets, firewalls and Cloud NAT (no cdktf import).
 * Each check returns ValidationIssues so a construct can report every mistake at once.
 */
import { ValidationIssue } from '../validation-error';
import { Cidr } from '../ip-plan/cidr';
import { findOverlaps, NamedCidr } from '../ip-plan/cidr-overlaps';
import { GCP_SMALLEST_SUBNET_PREFIX, GKE_CONTROL_PLANE_PREFIX } from '../ip-plan/gke-sizing';
import { GCP_RESOURCE_NAME } from '../naming/naming-rules';

/** GCE resource names: RFC 1035 label (GCP_RESOURCE_NAME), lower case, at most 63 characters. */
export const MAX_GCE_NAME_LENGTH = 63;

/** Google Cloud health-check and GFE proxy source ranges (load balancer health checks docs). */
export const GOOGLE_HEALTH_CHECK_RANGES: readonly string[] = ['35.191.0.0/16', '130.211.0.0/22'];

/**
 * Ports the GKE control plane must reach on nodes for admission webhooks and kubelet:
 * 443 and 10250 are opened by GKE's own rule; 8443 and 9443 are the usual webhook ports
 * (cert-manager, Gatekeeper, controller-runtime defaults) that GKE's firewall docs tell you to add.
 */
export const DEFAULT_WEBHOOK_PORTS: readonly number[] = [443, 8443, 9443, 10250];

/**
 * Network tag our NodePool puts on every node and our firewall rules target, so the baseline
 * rules reach GKE nodes and nothing else in the VPC.
 */
export const DEFAULT_GKE_NODE_TAG = 'gke-node';

/**
 * The network tag of one cluster's nodes, `gke-<cluster>-nodes`: NodePool adds it beside DEFAULT_GKE_NODE_TAG, and the
 * cluster's own firewall rules (intra-cluster, control plane) target it, so one cluster's ranges never reach another
 * cluster's nodes through them. Distinct from GKE's own `gke-<cluster>-<hash>-node` tag. A GKE cluster name has at most
 * 40 characters, so the tag stays within the 63 of a network tag.
 */
export function clusterNodeTag(cluster: string): string {
  return `gke-${cluster}-nodes`;
}

/**
 * What a service project's GKE service agent needs in a Shared VPC host project to create, change and delete the
 * firewall rules of LoadBalancer Services and Ingress (and its own cluster rules): GKE's Shared VPC guide, "Managing
 * firewall resources", names exactly these as the custom-role alternative to roles/compute.securityAdmin.
 */
export const GKE_SHARED_VPC_FIREWALL_PERMISSIONS: readonly string[] = ['compute.firewalls.create', 'compute.firewalls.delete', 'compute.firewalls.get', 'compute.firewalls.list', 'compute.firewalls.update', 'compute.networks.updatePolicy'];

/** Id of that custom role in the host project (IAM role ids: letters, digits, `_` and `.`, 3-64). */
export const GKE_SHARED_VPC_FIREWALL_ROLE_ID = 'gkeSharedVpcFirewallManager';

/** GCP subnet primary ranges: between /8 and /29 (VPC subnet docs). */
const MIN_SUBNET_PREFIX = 8;
const MAX_SUBNET_PREFIX = GCP_SMALLEST_SUBNET_PREFIX;

/** Region names such as `us-central1`, `europe-west4`, `northamerica-northeast2`. */
const REGION_PATTERN = /^[a-z]+(-[a-z]+)+\d+$/;

/** Aggregation interval of VPC flow logs. */
export type FlowLogsInterval = 'INTERVAL_5_SEC' | 'INTERVAL_30_SEC' | 'INTERVAL_1_MIN' | 'INTERVAL_5_MIN' | 'INTERVAL_10_MIN' | 'INTERVAL_15_MIN';
const FLOW_LOGS_INTERVALS: readonly FlowLogsInterval[] = ['INTERVAL_5_SEC', 'INTERVAL_30_SEC', 'INTERVAL_1_MIN', 'INTERVAL_5_MIN', 'INTERVAL_10_MIN', 'INTERVAL_15_MIN'];

/** `maxLength` can only tighten the 63-character limit of GCP_RESOURCE_NAME. */
export function validateName(path: string, field: string, value: string, maxLength = MAX_GCE_NAME_LENGTH): ValidationIssue[] {
  if (typeof value !== 'string' || !GCP_RESOURCE_NAME.test(value) || value.length > maxLength) {
    return [
      {
        path,
        field,
        value,
        problem: `is not a valid name (RFC 1035: lower-case letter first, then letters, digits or '-', not ending in '-', at most ${maxLength} characters)`,
        fix: 'use a name like "prod-usc1-nodes"',
      },
    ];
  }
  return [];
}

export function validateRegion(path: string, field: string, value: string): ValidationIssue[] {
  if (typeof value !== 'string' || !REGION_PATTERN.test(value)) {
    return [{ path, field, value, problem: 'is not a region name', fix: 'use a region such as "us-central1" (not a zone such as "us-central1-a")' }];
  }
  return [];
}

function validateCidr(path: string, field: string, value: string, minPrefix = 0, maxPrefix = 32): ValidationIssue[] {
  const parsed = Cidr.tryParse(value);
  if (typeof parsed === 'string') return [{ path, field, value, problem: parsed, fix: 'write an aligned IPv4 CIDR such as "10.0.0.0/20"' }];
  if (parsed.prefixLength < minPrefix || parsed.prefixLength > maxPrefix) {
    return [{ path, field, value, problem: `has prefix /${parsed.prefixLength}, outside /${minPrefix}../${maxPrefix}`, fix: `use a prefix between /${minPrefix} and /${maxPrefix}` }];
  }
  return [];
}

interface SubnetRuleInput {
  /** Subnet name: RFC 1035, at most 63 characters; unique in the network. */
  readonly name: string;
  /** Region name, e.g. `us-central1` (not a zone). */
  readonly region: string;
  /** Primary range: an aligned IPv4 CIDR from /8 to /29 (MIN_SUBNET_PREFIX, MAX_SUBNET_PREFIX); overlaps no other range. */
  readonly cidr: string;
  /**
   * Secondary ranges (GKE pods and services): names unique on the subnet, CIDRs /8 to /29, overlapping no other
   * range.
   * @default none: no secondary ranges to check
   */
  readonly secondaryRanges?: readonly {
    /** The secondary range's name, unique on the subnet (GKE's `<cluster>-pods`, `<cluster>-services`). */
    readonly rangeName: string;
    /** Its IPv4 CIDR, aligned, /8 to /29. */
    readonly cidr: string;
  }[];
  /**
   * Flow log settings to check: flowSampling in (0, 1], aggregationInterval one of FLOW_LOGS_INTERVALS.
   * @default undefined: nothing to check
   */
  readonly flowLogs?:
    | {
        /** Share of packets sampled, in (0, 1]. @default undefined: not checked */
        readonly flowSampling?: number;
        /** Aggregation interval, one of FLOW_LOGS_INTERVALS (e.g. `INTERVAL_5_SEC`). @default undefined: not checked */
        readonly aggregationInterval?: string;
      }
    | false;
}

/** Names, regions, CIDRs, duplicates and overlaps (primary and secondary) of a network's subnets. */
export function validateSubnets(path: string, subnets: readonly SubnetRuleInput[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const [i, s] of subnets.entries()) {
    const field = `subnets[${i}]`;
    issues.push(...validateName(path, `${field}.name`, s.name));
    issues.push(...validateRegion(path, `${field}.region`, s.region));
    issues.push(...validateCidr(path, `${field}.cidr`, s.cidr, MIN_SUBNET_PREFIX, MAX_SUBNET_PREFIX));
    if (seen.has(s.name)) {
      issues.push({ path, field: `${field}.name`, value: s.name, problem: 'is declared twice in this network', fix: 'give each subnet a unique name' });
    }
    seen.add(s.name);
    const rangeNames = new Set<string>();
    for (const [j, r] of (s.secondaryRanges ?? []).entries()) {
      const rf = `${field}.secondaryRanges[${j}]`;
      issues.push(...validateName(path, `${rf}.rangeName`, r.rangeName));
      issues.push(...validateCidr(path, `${rf}.cidr`, r.cidr, MIN_SUBNET_PREFIX, MAX_SUBNET_PREFIX));
      if (rangeNames.has(r.rangeName)) {
        issues.push({ path, field: `${rf}.rangeName`, value: r.rangeName, problem: `is declared twice on subnet ${s.name}`, fix: 'give each secondary range of a subnet a unique name' });
      }
      rangeNames.add(r.rangeName);
    }
    issues.push(...validateFlowLogs(path, `${field}.flowLogs`, s.flowLogs));
  }
  for (const o of findOverlaps(namedSubnetRanges(subnets))) {
    issues.push({
      path,
      field: 'subnets',
      value: o.b.cidr,
      problem: `(${o.b.owner}) overlaps ${o.a.cidr} (${o.a.owner})`,
      fix: 'give every primary and secondary range in the network its own address space (take them from the IP plan)',
    });
  }
  return issues;
}

/** A subnet's ranges as far as they are known (imported subnets may not say). */
interface SubnetRanges {
  /** Subnet name: owner `subnet <name>` of its primary range and `<name>/<rangeName>` of its secondary ones in messages. */
  readonly name: string;
  /** Primary range. @default undefined: unknown (an imported subnet), left out of the overlap checks */
  readonly cidr?: string;
  /** Secondary ranges; one without a cidr is unknown and left out. @default none */
  readonly secondaryRanges?: readonly {
    /** The secondary range's name on the subnet. */
    readonly rangeName: string;
    /** Its CIDR. @default undefined: unknown, left out of the overlap checks */
    readonly cidr?: string;
  }[];
}

/** Every known primary and secondary range, owned by `subnet <name>` and `<name>/<rangeName>` in messages. */
export function namedSubnetRanges(subnets: readonly SubnetRanges[]): NamedCidr[] {
  return subnets.flatMap((s) => [
    ...(s.cidr === undefined ? [] : [{ owner: `subnet ${s.name}`, cidr: s.cidr }]),
    ...(s.secondaryRanges ?? []).flatMap((r) => (r.cidr === undefined ? [] : [{ owner: `${s.name}/${r.rangeName}`, cidr: r.cidr }])),
  ]);
}

function validateFlowLogs(path: string, field: string, flowLogs: SubnetRuleInput['flowLogs']): ValidationIssue[] {
  if (!flowLogs) return [];
  const issues: ValidationIssue[] = [];
  if (flowLogs.flowSampling !== undefined && !(flowLogs.flowSampling > 0 && flowLogs.flowSampling <= 1)) {
    issues.push({ path, field: `${field}.flowSampling`, value: flowLogs.flowSampling, problem: 'must be in (0, 1]', fix: 'use e.g. 0.5, or flowLogs: false to turn flow logs off' });
  }
  if (flowLogs.aggregationInterval !== undefined && !FLOW_LOGS_INTERVALS.includes(flowLogs.aggregationInterval as FlowLogsInterval)) {
    issues.push({ path, field: `${field}.aggregationInterval`, value: flowLogs.aggregationInterval, problem: `is not one of ${FLOW_LOGS_INTERVALS.join(', ')}`, fix: 'use INTERVAL_1_MIN or longer' });
  }
  return issues;
}

/** A control-plane range must be an aligned /28 (GKE private cluster requirement). */
export function validateControlPlaneCidr(path: string, field: string, value: string): ValidationIssue[] {
  const parsed = Cidr.tryParse(value);
  if (typeof parsed === 'string') return [{ path, field, value, problem: parsed, fix: 'use the /28 the IP plan allocated for this cluster control plane' }];
  if (parsed.prefixLength !== GKE_CONTROL_PLANE_PREFIX) {
    return [{ path, field, value, problem: `is a /${parsed.prefixLength}, but GKE control-plane ranges are /28`, fix: 'use the /28 the IP plan allocated for this cluster control plane' }];
  }
  return [];
}

export function validatePorts(path: string, field: string, ports: readonly number[]): ValidationIssue[] {
  return ports.filter((p) => !Number.isInteger(p) || p < 1 || p > 65535).map((p) => ({ path, field, value: p, problem: 'is not a TCP port (1..65535)', fix: 'list TCP port numbers such as 443' }));
}

/** Firewall rule name for a control-plane range: `<network>-allow-cp-10-0-0-0-28`. */
export function controlPlaneFirewallName(networkName: string, cidr: string): string {
  return `${networkName}-allow-cp-${cidrSlug(cidr)}`;
}

/** `10.0.0.0/28` -> `10-0-0-0-28`, usable in construct ids and resource names. */
/** The rule that lets a control plane reach its nodes on add-ons' webhook ports: `<network>-allow-cp-webhooks-<cidr slug>`. */
export function controlPlaneWebhookFirewallName(networkName: string, cidr: string): string {
  return `${networkName}-allow-cp-webhooks-${cidrSlug(cidr)}`;
}

export function cidrSlug(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

// ---------- Cloud NAT and Cloud Router ----------

/** Cloud NAT port limits: min ports per VM 32..65536 (power of two with dynamic allocation; we require it always). */
const NAT_MIN_PORTS_FLOOR = 32;
const NAT_MAX_PORTS = 65536;

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

export function validateNatPorts(path: string, minPorts: number, maxPorts: number | undefined, dynamic: boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isPowerOfTwo(minPorts) || minPorts < NAT_MIN_PORTS_FLOOR || minPorts > NAT_MAX_PORTS) {
    issues.push({ path, field: 'minPortsPerVm', value: minPorts, problem: `must be a power of two between ${NAT_MIN_PORTS_FLOOR} and ${NAT_MAX_PORTS}`, fix: 'use 32, 64, 128, ... (64 is the default)' });
  }
  if (maxPorts !== undefined) {
    if (!dynamic) {
      issues.push({ path, field: 'maxPortsPerVm', value: maxPorts, problem: 'only applies with dynamic port allocation', fix: 'set enableDynamicPortAllocation: true or drop maxPortsPerVm' });
    } else if (!isPowerOfTwo(maxPorts) || maxPorts > NAT_MAX_PORTS || maxPorts <= minPorts) {
      issues.push({ path, field: 'maxPortsPerVm', value: maxPorts, problem: `must be a power of two above minPortsPerVm (${minPorts}) and at most ${NAT_MAX_PORTS}`, fix: 'use e.g. 4096' });
    }
  }
  return issues;
}

/** Private BGP ASNs (RFC 6996), the only ones Cloud Router accepts for its own side besides Google's 16550. */
export function isPrivateAsn(asn: number): boolean {
  return Number.isInteger(asn) && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
}

export function validateAsn(path: string, field: string, asn: number): ValidationIssue[] {
  if (!isPrivateAsn(asn)) {
    return [{ path, field, value: asn, problem: 'is not a private ASN (64512-65534 or 4200000000-4294967294, RFC 6996)', fix: 'use a private ASN that is unique among your BGP peers, e.g. 64514' }];
  }
  return [];
}
