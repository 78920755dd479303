import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { Construct } from 'constructs';
import { IssueCollector } from '../domain/validation-error';
import { INetwork, ISubnet } from './network';
import { validateAsn, validateName, validateRegion, validateNatPorts } from '../domain/network/network-rules';

/**
 * Private ASN (RFC 6996) for the NAT router: it never peers, but Cloud Router needs an ASN and a
 * private one can't collide with a public AS; 64514 is the Google Cloud console's usual example and
 * stays clear of 64512 (often on-prem) and Google's 16550.
 */
const DEFAULT_ROUTER_ASN = 64514;
/** 64 ports per VM (Cloud NAT default), growing with dynamic allocation up to 4096 for busy nodes. */
const DEFAULT_NAT_MIN_PORTS = 64;
/** Most ports a VM gets with dynamic allocation: 4096, for nodes NATing for many pods. */
const DEFAULT_NAT_MAX_PORTS = 4096;
/** Dynamic port allocation: a GKE node NATs for all its pods, so its needs vary widely. */
const DEFAULT_NAT_DYNAMIC_PORTS = true;
/** Log only errors (dropped connections from port exhaustion): the actionable signal at low cost. */
const DEFAULT_NAT_LOG_FILTER = 'ERRORS_ONLY';

/** A subnet `CloudNat` translates, and which of its ranges. */
export interface CloudNatSubnet {
  /** A subnet to NAT; it must be in the NAT's region. */
  readonly subnet: ISubnet;
  /**
   * Secondary ranges to NAT besides the primary range (e.g. the pod range).
   * `[]` NATs the primary range only.
   * @default all ranges of the subnet (ALL_IP_RANGES), which covers the pod ranges
   */
  readonly secondaryRangeNames?: readonly string[];
}

/** Props of `CloudNat`. */
export interface CloudNatProps {
  /** @default the network's project, else the provider's */
  readonly projectId?: string;
  /** The VPC the router and NAT belong to (created here or imported). Forces replacement. */
  readonly network: INetwork;
  /** Region of the router and NAT; every listed subnet must be in it. Forces replacement. */
  readonly region: string;
  /** NAT name. Forces replacement. @default `<network>-<region>-nat` */
  readonly name?: string;
  /** Use an existing Cloud Router by name instead of creating one. @default a router `<network>-<region>-nat-router` */
  readonly existingRouterName?: string;
  /** ASN of the created router (ignored with existingRouterName). Forces replacement. @default 64514 */
  readonly routerAsn?: number;
  /** Subnets to NAT (LIST_OF_SUBNETWORKS): only these, never the whole VPC. */
  readonly subnets: readonly CloudNatSubnet[];
  /** Self links of reserved external addresses (MANUAL_ONLY). @default auto-allocated (AUTO_ONLY) */
  readonly natIps?: readonly string[];
  /** Power of two ≥ 32. @default 64 */
  readonly minPortsPerVm?: number;
  /** Power of two above min, only with dynamic allocation. @default 4096 with dynamic allocation */
  readonly maxPortsPerVm?: number;
  /** @default true */
  readonly enableDynamicPortAllocation?: boolean;
  /** NAT logging filter, or false for no logs. @default 'ERRORS_ONLY' */
  readonly logFilter?: 'ERRORS_ONLY' | 'TRANSLATIONS_ONLY' | 'ALL' | false;
}

/**
 * Cloud Router plus Cloud NAT for one region, so private GKE nodes and pods reach the internet
 * (image pulls, external APIs) without external IPs.
 *
 * Escape hatch: `nat.resource.addOverride('tcp_established_idle_timeout_sec', 600)`.
 */
export class CloudNat extends Construct {
  public readonly resource: ComputeRouterNat;
  /** The router created here; undefined with existingRouterName. */
  public readonly router?: ComputeRouter;
  public readonly routerName: string;

  constructor(scope: Construct, id: string, props: CloudNatProps) {
    super(scope, id);
    const projectId = props.projectId ?? props.network.projectId;
    const name = props.name ?? `${props.network.name}-${props.region}-nat`;
    const asn = props.routerAsn ?? DEFAULT_ROUTER_ASN;
    const dynamic = props.enableDynamicPortAllocation ?? DEFAULT_NAT_DYNAMIC_PORTS;
    const minPorts = props.minPortsPerVm ?? DEFAULT_NAT_MIN_PORTS;
    const maxPorts = props.maxPortsPerVm ?? (dynamic ? DEFAULT_NAT_MAX_PORTS : undefined);
    const logFilter = props.logFilter ?? DEFAULT_NAT_LOG_FILTER;
    const natIps = props.natIps ?? [];
    const routerName = props.existingRouterName ?? `${name}-router`;

    const path = this.node.path;
    const issues = new IssueCollector();
    validateRegion(path, 'region', props.region).forEach((i) => issues.add(i));
    validateName(path, 'name', name).forEach((i) => issues.add(i));
    validateName(path, props.existingRouterName ? 'existingRouterName' : 'name (router name)', routerName).forEach((i) => issues.add(i));
    if (!props.existingRouterName) validateAsn(path, 'routerAsn', asn).forEach((i) => issues.add(i));
    validateNatPorts(path, minPorts, maxPorts, dynamic).forEach((i) => issues.add(i));
    if (props.subnets.length === 0) {
      issues.add({ path, field: 'subnets', value: [], problem: 'is empty', fix: 'list the node subnets of this region that need NAT' });
    }
    const seen = new Set<string>();
    props.subnets.forEach((s, i) => {
      if (s.subnet.region !== props.region) {
        issues.add({ path, field: `subnets[${i}].subnet`, value: s.subnet.name, problem: `is in ${s.subnet.region}, not ${props.region}`, fix: "create one CloudNat per region with that region's subnets" });
      }
      if (seen.has(s.subnet.name)) {
        issues.add({ path, field: `subnets[${i}].subnet`, value: s.subnet.name, problem: 'is listed twice', fix: 'list each subnet once' });
      }
      seen.add(s.subnet.name);
      for (const r of s.secondaryRangeNames ?? []) {
        if (!s.subnet.secondaryRangeNames.includes(r)) {
          issues.add({
            path,
            field: `subnets[${i}].secondaryRangeNames`,
            value: r,
            problem: `is not a secondary range of subnet ${s.subnet.name} (has: ${s.subnet.secondaryRangeNames.join(', ') || 'none'})`,
            fix: 'name a range declared on the subnet',
          });
        }
      }
    });
    issues.throwIfAny();

    if (!props.existingRouterName) {
      this.router = new ComputeRouter(this, 'Router', {
        name: routerName,
        project: projectId,
        region: props.region,
        network: props.network.id,
        bgp: { asn },
      });
    }
    this.routerName = this.router ? this.router.name : routerName;

    this.resource = new ComputeRouterNat(this, 'Resource', {
      name,
      project: projectId,
      region: props.region,
      router: this.routerName,
      natIpAllocateOption: natIps.length > 0 ? 'MANUAL_ONLY' : 'AUTO_ONLY',
      natIps: natIps.length > 0 ? [...natIps] : undefined,
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: props.subnets.map((s) =>
        s.secondaryRangeNames === undefined
          ? { name: s.subnet.id, sourceIpRangesToNat: ['ALL_IP_RANGES'] }
          : s.secondaryRangeNames.length === 0
            ? { name: s.subnet.id, sourceIpRangesToNat: ['PRIMARY_IP_RANGE'] }
            : {
                name: s.subnet.id,
                sourceIpRangesToNat: ['PRIMARY_IP_RANGE', 'LIST_OF_SECONDARY_IP_RANGES'],
                secondaryIpRangeNames: [...s.secondaryRangeNames],
              },
      ),
      minPortsPerVm: minPorts,
      maxPortsPerVm: maxPorts,
      enableDynamicPortAllocation: dynamic,
      // Must be off with dynamic port allocation; off anyway so pods get independent mappings per destination.
      enableEndpointIndependentMapping: false,
      logConfig: logFilter === false ? { enable: false, filter: 'ALL' } : { enable: true, filter: logFilter },
    });
  }
}
