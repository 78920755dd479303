/**
 * `PlatformPlan`: the platform resolved once, from the definition and the resolved IP plan. Every default is
 * applied (platform-defaults.ts), every range is named and carries its CIDR, every pool and tenant is placed,
 * every stack is named. Stacks and charts only map these records to construct props; add-ons read them too.
 * Plain data: no cdktf, no cdk8s.
 */
import type { ResolvedIpPlan } from '../ip-plan/resolved-ip-plan';
import type { AttachmentTopology, InterconnectType, SlaTarget } from '../hybrid/interconnect-rules';
import type { TenantPlacement } from '../tenancy/tenant-placement';
import type { ResolvedTenant, TenantLimits } from '../tenancy/tenant-spec';
import type { InterconnectAttachmentDefinition } from './hybrid-link-definition';
import type { NodePoolKind, OrganizationDefinition, PlatformDefinition, RemoteNetworkDefinition } from './platform-definition';
import type { DeveloperNamespacesDefinition, PlatformTenant } from './tenant-definition';

export interface PlatformPlan {
  /** Short platform name, the prefix of every stack. */
  readonly name: string;
  readonly organization: OrganizationDefinition;
  /** The definition the plan was resolved from (for reports and add-ons; stacks read the records below). */
  readonly definition: PlatformDefinition;
  readonly ipPlan: ResolvedIpPlan;
  readonly network: NetworkPlan;
  /** In definition order: the order resources are synthesized in (part of the output's byte stability). */
  readonly clusters: readonly ClusterPlan[];
  readonly links: readonly LinkPlan[];
  readonly tenants: readonly TenantPlan[];
  readonly developerNamespaces?: DeveloperNamespacesDefinition;
  /** The developer namespaces' LimitRange, sized for the nodes of their cluster. @default undefined without developer namespaces */
  readonly developerNamespaceLimits?: Required<TenantLimits>;
  /** Which stack owns what: one Terraform state each. */
  readonly stacks: PlatformStackNames;
}

export interface PlatformStackNames {
  readonly network: string;
  readonly fleet: string;
  /** The stack of each cluster, by cluster name: the cluster, its node pools, its Config Sync. */
  readonly clusters: Readonly<Record<string, string>>;
  /** The stack of each hybrid link, by link name: both clouds' sides. */
  readonly links: Readonly<Record<string, string>>;
  /**
   * The state holding each tenant's GCP identities (and its add-ons' per-tenant Terraform), by tenant name, as
   * recorded in `tenant-states.lock.json` (tenant-states.ts). Several tenants share a state (a shard).
   */
  readonly tenantStates: Readonly<Record<string, string>>;
}

/** A named range of the IP plan with its CIDR. */
export interface PlannedRange {
  /** Name in the IP plan and its lock file, e.g. `gcp/us-central1/prod-usc1/pods`. */
  readonly ipPlanName: string;
  readonly cidr: string;
}

/** A secondary range of a cluster's subnet. */
export interface SecondaryRangePlan extends PlannedRange {
  /** Secondary range name in GCP, e.g. `prod-usc1-pods`. Renaming it replaces the subnet's range. */
  readonly rangeName: string;
}

export interface AdditionalPodRangePlan extends SecondaryRangePlan {
  /** The name the definition gives it (what a node pool's `podRange` names). */
  readonly name: string;
  /** Nodes it is sized for. */
  readonly maxNodes: number;
}

export interface NetworkPlan {
  readonly name: string;
  readonly project: string;
  readonly routingMode: 'GLOBAL' | 'REGIONAL';
  /** The MTU in effect: as declared, else GCP's default; hybrid links inherit it. */
  readonly mtu: number;
  /** The MTU set on the VPC resource: as declared; undefined leaves it to GCP's default (the same 1460). */
  readonly vpcMtu?: number;
  /** Control-plane /28 of every cluster, sorted: the firewall's sources. */
  readonly controlPlaneCidrs: readonly string[];
  /** One Cloud NAT per region that has clusters, in the definition's region order. */
  readonly nats: readonly NatPlan[];
  /** Projects other than the host that run clusters, sorted, with their clusters' subnets (Shared VPC). */
  readonly serviceProjects: readonly { readonly projectId: string; readonly subnets: readonly string[] }[];
}

export interface NatPlan {
  readonly region: string;
  /** Subnets NATed and their pod ranges, sorted by subnet name (declaration order means nothing here). */
  readonly subnets: readonly { readonly subnet: string; readonly secondaryRangeNames: readonly string[] }[];
}

export interface ClusterPlan {
  readonly name: string;
  readonly project: string;
  readonly region: string;
  readonly environment: string;
  readonly zones: readonly string[];
  readonly releaseChannel: 'RAPID' | 'REGULAR' | 'STABLE';
  readonly maxNodes: number;
  readonly maxPodsPerNode: number;
  /** Nodes that exist on top of maxNodes while pools upgrade: every pool's surge in every zone. */
  readonly surgeNodes: number;
  readonly authorizedNetworks: readonly { readonly name: string; readonly cidr: string }[];
  /** The node subnet: name, region and primary range. */
  readonly subnet: { readonly name: string; readonly description: string } & PlannedRange;
  readonly podRange: SecondaryRangePlan;
  readonly servicesRange: SecondaryRangePlan;
  readonly additionalPodRanges: readonly AdditionalPodRangePlan[];
  readonly controlPlane: PlannedRange;
  /** The cluster's own pools, then one per dedicated-nodes tenant on it. */
  readonly nodePools: readonly NodePoolPlan[];
  /** Names of the tenants with a namespace here, in definition order. */
  readonly tenants: readonly string[];
  readonly stack: string;
}

export interface NodePoolPlan {
  readonly name: string;
  readonly kind: NodePoolKind;
  readonly machineType: string;
  /** Across all zones. */
  readonly minNodes: number;
  /** Across all zones. */
  readonly maxNodes: number;
  readonly maxPodsPerNode: number;
  /** Extra nodes per zone during surge upgrades. */
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  readonly spot: boolean;
  readonly locationPolicy: 'BALANCED' | 'ANY';
  readonly gpu?: { readonly type: string; readonly count: number; readonly driverVersion: 'LATEST' | 'DEFAULT' };
  /** The additional pod range the pool's pods use. @default undefined: the cluster's default pod range */
  readonly podRange?: AdditionalPodRangePlan;
  /** The dedicated-nodes tenant that owns the pool, with its taint and label. */
  readonly placement?: TenantPlacement;
}

export interface TenantPlan {
  readonly name: string;
  /** The tenant as declared (what the namespace and identity constructs take). */
  readonly definition: PlatformTenant;
  /** Every tenant default applied. */
  readonly resolved: ResolvedTenant;
  readonly isolation: ResolvedTenant['isolation'];
  /** The project of its first cluster: its Google service accounts live there. */
  readonly project: string;
  readonly clusters: readonly string[];
  /** Where its pods run when it has dedicated nodes. */
  readonly placement?: TenantPlacement;
  /** The stack (Terraform state) that holds its GCP resources: its shard. */
  readonly stack: string;
  /** Its namespace in each of its clusters, with the cluster's project and the LimitRange sized for its nodes there. */
  readonly namespaces: readonly { readonly cluster: string; readonly namespace: string; readonly project: string; readonly limits: Required<TenantLimits> }[];
}

/** What a link's Cloud Router advertises: CUSTOM mode, every subnet, plus these ranges. */
export interface AdvertisementsPlan {
  readonly mode: 'CUSTOM';
  readonly allSubnets: true;
  /** Private Google Access VIPs first, control planes by cluster name, then the requested ranges as listed. */
  readonly ranges: readonly { readonly range: string; readonly description: string }[];
}

/** A BGP session's range, matched to its session by name (never by position). */
export interface BgpRangePlan extends PlannedRange {
  /** `tunnel-<n>` or the attachment's name. */
  readonly session: string;
}

interface LinkPlanBase {
  readonly name: string;
  readonly stack: string;
  /** The VPC's host project, where the GCP side lives. */
  readonly project: string;
  readonly remoteNetwork: RemoteNetworkDefinition;
  readonly bgpRanges: readonly BgpRangePlan[];
  readonly advertisements: AdvertisementsPlan;
}

export interface HaVpnAwsLinkPlan extends LinkPlanBase {
  readonly kind: 'ha-vpn-aws';
  readonly region: string;
  readonly router: { readonly name: string; readonly asn: number };
  readonly aws: {
    readonly region?: string;
    readonly type: 'transit-gateway' | 'vpn-gateway';
    readonly amazonSideAsn: number;
    readonly vpcId: string;
    readonly subnetIds?: readonly string[];
    readonly routeTableIds?: Readonly<Record<string, string>>;
  };
  /** Node subnets and pod ranges of every cluster: routed from AWS, checked against the remote ranges. */
  readonly gcpCidrs: readonly string[];
}

export interface HaVpnPeerLinkPlan extends LinkPlanBase {
  readonly kind: 'ha-vpn-peer';
  readonly region: string;
  readonly router: { readonly name: string; readonly asn: number };
  readonly peerAsn: number;
  readonly peerInterfaceIps: readonly string[];
  readonly gcpCidrs: readonly string[];
}

export interface InterconnectLinkPlan extends LinkPlanBase {
  readonly kind: 'interconnect';
  readonly type: InterconnectType;
  readonly slaTarget: SlaTarget;
  readonly routingMode: 'GLOBAL' | 'REGIONAL';
  readonly networkMtu: number;
  readonly mtu: number;
  readonly peerAsn?: number;
  /** One Cloud Router per region of the attachments, sorted by region. */
  readonly routers: readonly { readonly name: string; readonly region: string; readonly asn: number }[];
  readonly attachments: readonly (InterconnectAttachmentDefinition & AttachmentTopology & { readonly candidateSubnets?: readonly string[] })[];
}

export type LinkPlan = HaVpnAwsLinkPlan | HaVpnPeerLinkPlan | InterconnectLinkPlan;

/** The plan of a cluster by name; throws naming the known clusters when there is none. */
export function planCluster(plan: Pick<PlatformPlan, 'clusters'>, name: string): ClusterPlan {
  const cluster = plan.clusters.find((c) => c.name === name);
  if (!cluster) throw new Error(`no cluster ${JSON.stringify(name)} in the plan; clusters: ${plan.clusters.map((c) => c.name).join(', ')}`);
  return cluster;
}

/** The plans of the tenants with a namespace on a cluster, in definition order. */
export function tenantsOnPlannedCluster(plan: Pick<PlatformPlan, 'tenants'>, cluster: string): TenantPlan[] {
  return plan.tenants.filter((t) => t.clusters.includes(cluster));
}
