/**
 * `PlatformPlan`: the platform resolved once, from the definition and the resolved IP plan. Every default is
 * applied (platform-defaults.ts), every range is named and carries its CIDR, every pool and tenant is placed,
 * every stack is named. Stacks and charts only map these records to construct props; add-ons read them too.
 * Plain data: no cdktf, no cdk8s.
 */
import type { GpuSharing } from '../gke/gpu-sharing';
import type { ClusterSettingsPlan } from './cluster-settings-plan';
import type { AddOnTrafficPlan } from '../addons/traffic-plan';
import type { ResolvedIpPlan } from '../ip-plan/resolved-ip-plan';
import type { AttachmentTopology, InterconnectType, SlaTarget } from '../hybrid/interconnect-rules';
import type { TenantPlacement } from '../tenancy/tenant-placement';
import type { ResolvedTenant, TenantLimits } from '../tenancy/tenant-spec';
import type { InterconnectAttachmentDefinition } from './hybrid-link-definition';
import type { OrganizationDefinition, PlatformDefinition, RemoteNetworkDefinition } from './platform-definition';
import type { NodePoolKind } from './node-pool-definition';
import type { DeveloperNamespacesDefinition, PlatformTenant } from './tenant-definition';

/** The platform resolved once: what the stacks and charts map to construct props (LoadedPlatform.plan). */
export interface PlatformPlan {
  /** Short platform name, the prefix of every stack. */
  readonly name: string;
  /** The organisation as declared: its display name and Cloud Identity domain. */
  readonly organization: OrganizationDefinition;
  /** The definition the plan was resolved from (for reports and add-ons; stacks read the records below). */
  readonly definition: PlatformDefinition;
  /** The resolved IP plan: every range by name with its CIDR (the records below carry the ones they use). */
  readonly ipPlan: ResolvedIpPlan;
  /** The VPC with its defaults applied, its NATs and its Shared VPC service projects. */
  readonly network: NetworkPlan;
  /** In definition order: the order resources are synthesized in (part of the output's byte stability). */
  readonly clusters: readonly ClusterPlan[];
  /** Every hybrid link, in definition order, with ASNs, routers, BGP ranges and advertisements resolved. */
  readonly links: readonly LinkPlan[];
  /** Every tenant, in definition order, with its defaults, placement, state and namespaces resolved. */
  readonly tenants: readonly TenantPlan[];
  /** The developer namespaces as declared. @default undefined when the definition declares none */
  readonly developerNamespaces?: DeveloperNamespacesDefinition;
  /** The developer namespaces' LimitRange, sized for the nodes of their cluster. @default undefined without developer namespaces */
  readonly developerNamespaceLimits?: Required<TenantLimits>;
  /** Which stack owns what: one Terraform state each. */
  readonly stacks: PlatformStackNames;
  /** Most resources one stack may hold: `terraformStates.maxResources`, else DEFAULT_MAX_RESOURCES_PER_STATE. */
  readonly maxResourcesPerState: number;
  /**
   * The enabled add-ons' traffic needs and the enforcement derived from them (firewall rules, NetworkPolicies,
   * ServiceEntries; the authorized networks are also in each cluster's `authorizedNetworks`).
   * @default none derived (NO_ADD_ON_TRAFFIC) when the plan is resolved without add-ons
   */
  readonly addOnTraffic: AddOnTrafficPlan;
  /**
   * Generations in the retire step (`state: 'retiring'`), in definition order: no longer in `clusters`.
   * @default undefined when no generation is retiring
   */
  readonly retiringGenerations?: readonly RetiringGenerationPlan[];
}

/** The names of every stack of the platform (each its own Terraform state). */
export interface PlatformStackNames {
  /** The network stack, `<platform>-network`: the VPC with its subnets, firewall rules, Cloud NATs and Shared VPC. */
  readonly network: string;
  /** The fleet stack, `<platform>-fleet`: the Config Management fleet feature, built only when GitOps is on. */
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
  /**
   * The developer-access stack, `<platform>-developers`: the IAM developer-namespace owners need to authenticate to
   * their cluster. @default undefined when the definition declares no developer namespaces
   */
  readonly developers?: string;
}

/** A named range of the IP plan with its CIDR. */
export interface PlannedRange {
  /** Name in the IP plan and its lock file, e.g. `gcp/us-central1/prod-usc1/pods`. */
  readonly ipPlanName: string;
  /** The allocated CIDR, e.g. `10.8.0.0/14`. */
  readonly cidr: string;
}

/** A secondary range of a cluster's subnet. */
export interface SecondaryRangePlan extends PlannedRange {
  /** Secondary range name in GCP, e.g. `prod-usc1-pods`. Renaming it replaces the subnet's range. */
  readonly rangeName: string;
}

/** An additional pod range of a cluster, resolved: its name, range and the nodes it is sized for. */
export interface AdditionalPodRangePlan extends SecondaryRangePlan {
  /** The name the definition gives it (what a node pool's `podRange` names). */
  readonly name: string;
  /** Nodes it is sized for. */
  readonly maxNodes: number;
}

/** The VPC of the resolved plan: subnets with their ranges, NATs, routing mode and MTU. */
export interface NetworkPlan {
  /** VPC name, as declared (RFC 1035, at most 63 characters). */
  readonly name: string;
  /** The VPC's host project. */
  readonly project: string;
  /** Dynamic routing mode: as declared, else 'GLOBAL' (DEFAULT_ROUTING_MODE). */
  readonly routingMode: 'GLOBAL' | 'REGIONAL';
  /** The MTU in effect: as declared, else GCP's default; hybrid links inherit it. */
  readonly mtu: number;
  /**
   * The MTU set on the VPC resource: as declared.
   * @default undefined when the definition sets no mtu: the VPC resource leaves it to GCP's default (the same 1460)
   */
  readonly vpcMtu?: number;
  /**
   * The VPC exists already (`network.existing`): the network stack reads it and creates only the platform's parts in it.
   * @default undefined: the network stack creates the VPC
   */
  readonly existing?: {
    /** Who attaches the service projects to the host: as declared, else 'create' (DEFAULT_EXISTING_SERVICE_PROJECT_ATTACHMENTS). */
    readonly serviceProjectAttachments: 'create' | 'existing';
    /** Whether the VPC keeps GCP's default internet route: as declared, else true (DEFAULT_EXISTING_NETWORK_DEFAULT_ROUTE). */
    readonly defaultInternetRoute: boolean;
    /** Names of the IP plan's reservations for the VPC's existing subnets and their secondary ranges, in declaration order. */
    readonly reservations: readonly string[];
  };
  /** Control-plane /28 of every cluster, in cluster definition order: the firewall's sources. */
  readonly controlPlaneCidrs: readonly string[];
  /** One Cloud NAT per region that has clusters, in the definition's region order. */
  readonly nats: readonly NatPlan[];
  /** Projects other than the host that run clusters, sorted, with their clusters' subnets (Shared VPC). */
  readonly serviceProjects: readonly {
    /** The service project attached to the host project. */
    readonly projectId: string;
    /** Node subnets (`gke-<cluster>`) of its clusters, in cluster order: its GKE service agents get network user on them. */
    readonly subnets: readonly string[];
  }[];
}

/** A Cloud NAT of the resolved plan: one per region with clusters. */
export interface NatPlan {
  /** Region of the Cloud Router and Cloud NAT. */
  readonly region: string;
  /** Subnets NATed and their pod ranges, sorted by subnet name (declaration order means nothing here). */
  readonly subnets: readonly {
    /** A cluster's node subnet in the region (`gke-<cluster>`): its primary range is NATed. */
    readonly subnet: string;
    /** Its pod ranges NATed too: the default pod range, then each additional one in declaration order. */
    readonly secondaryRangeNames: readonly string[];
  }[];
}

/** A cluster of the resolved plan: every default applied, every range named with its CIDR, its pools and tenants. */
export interface ClusterPlan extends ClusterSettingsPlan {
  /** Cluster name, as declared (GKE_NAME: lower-case, at most 40 characters). */
  readonly name: string;
  /** Project the cluster lives in. */
  readonly project: string;
  /** Region of the regional cluster and its subnet. */
  readonly region: string;
  /** Environment as declared, e.g. `prod`: the cluster's `environment` label and its subnet's description. */
  readonly environment: string;
  /** Zones of its nodes: as declared, else the region's first three listed zones (`<region>-a`, `-b`, `-c` outside the list). */
  readonly zones: readonly string[];
  /** Nodes the cluster may reach, across all pools and zones: what its node subnet and pod range are sized for. */
  readonly maxNodes: number;
  /** The cluster's default pods per node (GKE's `default_max_pods_per_node`: changing it replaces the cluster). */
  readonly maxPodsPerNode: number;
  /** Nodes that exist on top of maxNodes while pools upgrade: every surge pool's surge in every zone. */
  readonly surgeNodes: number;
  /**
   * Nodes a blue-green upgrade adds on top of maxNodes and surge: the largest blue-green pool's maxNodes (GKE upgrades
   * a cluster's pools one at a time). New ranges are sized for it; recorded ones are checked per pool (pool-headroom.ts).
   */
  readonly blueGreenNodes: number;
  /**
   * CIDRs allowed to reach the control plane's endpoint: the declared ones, then those the add-ons' traffic needs add
   * (marked with `addOn`); empty when there are none (private endpoint only).
   */
  readonly authorizedNetworks: readonly {
    /** Display name of the authorized network, as declared (or as the add-on's need names it). */
    readonly name: string;
    /** The IPv4 CIDR allowed to reach the control plane's endpoint. */
    readonly cidr: string;
    /** The add-on whose traffic need added it. @default absent: declared in the definition */
    readonly addOn?: string;
  }[];
  /** The node subnet: name, region and primary range. */
  readonly subnet: {
    /** Subnet name, `gke-<cluster>` (clusterSubnetName); changing it replaces the subnet. */
    readonly name: string;
    /** Subnet description, `GKE cluster <name> (<environment>)`. */
    readonly description: string;
  } & PlannedRange;
  /** The default pod range: secondary range `<cluster>-pods` of the subnet. */
  readonly podRange: SecondaryRangePlan;
  /** The services range: secondary range `<cluster>-services` of the subnet. */
  readonly servicesRange: SecondaryRangePlan;
  /** Extra pod ranges in declaration order (`<cluster>-<name>`); empty when none are declared. */
  readonly additionalPodRanges: readonly AdditionalPodRangePlan[];
  /** The control plane's /28 (the private endpoint's range). */
  readonly controlPlane: PlannedRange;
  /**
   * Network tag of the cluster's nodes, `gke-<cluster>-nodes` (clusterNodeTag): on every pool, beside `gke-node`; the
   * cluster's intra-cluster and control-plane firewall rules target it, so no other cluster's ranges reach its nodes.
   */
  readonly nodeTag: string;
  /** The cluster's own pools, then one per dedicated-nodes tenant on it. */
  readonly nodePools: readonly NodePoolPlan[];
  /** Names of the tenants with a namespace here, in definition order. */
  readonly tenants: readonly string[];
  /** The cluster's stack, `<platform>-cluster-<cluster>`. */
  readonly stack: string;
  /**
   * The generation this cluster is, when its definition declares `generations` (docs/cluster-generations.md).
   * @default undefined: the definition declares none (the cluster is its one implicit generation)
   */
  readonly generation?: ClusterGenerationPlan;
  /**
   * A disposable cluster's expiry: its GKE deletion protection is off and it carries an `expires` label.
   * @default undefined: a permanent cluster (deletion protection on)
   */
  readonly ephemeral?: {
    /** Last day it is wanted, `YYYY-MM-DD`, as declared. */
    readonly expires: string;
  };
}

/** Which generation of which declared cluster a planned cluster is (ClusterPlan.generation). */
export interface ClusterGenerationPlan {
  /** The definition's cluster name (`clusters[].name`), which every generation shares: what tenants name. */
  readonly cluster: string;
  /** The generation's name, e.g. `a`, `b`. */
  readonly name: string;
  /** Its share of the cluster's traffic, 0-100 (the active generations' weights sum to 100). */
  readonly trafficWeight: number;
  /**
   * Whether it is being retired: always false for `PlatformPlan.clusters` (a retiring generation is no longer
   * built); true in `PlatformPlan.retiringGenerations`.
   */
  readonly retiring: boolean;
  /** Whether it is the generation `a`, which keeps the cluster's unsuffixed names. */
  readonly first: boolean;
}

/** A generation being retired: no longer built, its stack parked for destruction, its ranges still recorded. */
export interface RetiringGenerationPlan {
  /** Its cluster name, `<cluster>` for generation `a`, else `<cluster>-<generation>`. */
  readonly name: string;
  /** Which generation it is (retiring: true, trafficWeight: 0). */
  readonly generation: ClusterGenerationPlan;
  /** Project and region it ran in. */
  readonly project: string;
  /** Region of its cluster and subnet. */
  readonly region: string;
  /** The stack it had, `<platform>-cluster-<name>`, which synth parks in `cdktf.out/decommissioned/`. */
  readonly stack: string;
  /**
   * Its ranges still recorded in the IP plan's lock file (orphaned: reserved until `plan --release <name>`),
   * sorted by name; empty once all are released.
   */
  readonly recordedRanges: readonly PlannedRange[];
}

/** A pool's upgrade strategy with every setting resolved (resolvePoolUpgrade). */
export type NodePoolUpgradePlan =
  | {
      /** Surge upgrades: maxSurge new nodes per zone at a time. */
      readonly strategy: 'surge';
      /** Extra nodes per zone: as declared, else 1 (DEFAULT_MAX_SURGE). */
      readonly maxSurge: number;
      /** Always 0 (DEFAULT_MAX_UNAVAILABLE): upgrades never take capacity away. */
      readonly maxUnavailable: number;
    }
  | {
      /** Blue-green upgrades: a second set of nodes, the old ones drained in batches and kept until the soak ends. */
      readonly strategy: 'blue-green';
      /** Fraction of the blue nodes drained per batch: as declared, else 0.25 (DEFAULT_BLUE_GREEN_UPGRADE). @default undefined when batchNodeCount is declared */
      readonly batchPercentage?: number;
      /** Blue nodes drained per batch, as declared. @default undefined: batchPercentage sets the batch */
      readonly batchNodeCount?: number;
      /** Wait after each batch: as declared, else '600s' (DEFAULT_BLUE_GREEN_UPGRADE). */
      readonly batchSoakDuration: string;
      /** Wait before the blue nodes are deleted: as declared, else '3600s' (DEFAULT_BLUE_GREEN_UPGRADE, GKE's own default). */
      readonly nodePoolSoakDuration: string;
    };

/** A node pool of the resolved plan: machine type, counts, surge, pod range, owning tenant. */
export interface NodePoolPlan {
  /** Pool name: as declared, or `tenant-<tenant>` (and `tenant-<tenant>-cpu`) for a dedicated-nodes tenant's pool. */
  readonly name: string;
  /** What the pool runs: `general`, `spot-batch` or `gpu`. */
  readonly kind: NodePoolKind;
  /** Machine type: as declared, else DEFAULT_MACHINE_TYPES by kind (e2-standard-4, n2-standard-8, g2-standard-8). */
  readonly machineType: string;
  /** Across all zones. */
  readonly minNodes: number;
  /** Across all zones. */
  readonly maxNodes: number;
  /** Pods per node: as declared, else the cluster's maxPodsPerNode. */
  readonly maxPodsPerNode: number;
  /** Extra nodes per zone during surge upgrades: 0 for a blue-green pool (upgrade.strategy says which). */
  readonly maxSurge: number;
  /** Nodes that may be unavailable during a surge upgrade: always 0 (DEFAULT_MAX_UNAVAILABLE). */
  readonly maxUnavailable: number;
  /** How GKE upgrades the pool: as declared, else by kind (DEFAULT_UPGRADE_STRATEGY), every setting resolved. */
  readonly upgrade: NodePoolUpgradePlan;
  /** The pool this one replaces while the workload moves, as declared. @default undefined: not a successor */
  readonly successorOf?: string;
  /** Whether the pool runs Spot VMs: true exactly for `spot-batch` pools. */
  readonly spot: boolean;
  /** Autoscaler location policy: BALANCED across zones for general pools, ANY for scarce spot and GPU capacity. */
  readonly locationPolicy: 'BALANCED' | 'ANY';
  /**
   * GPUs per node and the driver GKE installs (always 'LATEST', DEFAULT_GPU_DRIVER_VERSION).
   * @default undefined for pools that are not `gpu` and declare no gpu; a `gpu` pool without one gets DEFAULT_GPU (one nvidia-l4)
   */
  readonly gpu?: {
    /** GPU accelerator type, e.g. `nvidia-l4`: as declared, else DEFAULT_GPU's. */
    readonly type: string;
    /** GPUs per node: as declared, else DEFAULT_GPU's 1. */
    readonly count: number;
    /** Driver GKE installs on the nodes: always 'LATEST' (DEFAULT_GPU_DRIVER_VERSION) in plans this library resolves. */
    readonly driverVersion: 'LATEST' | 'DEFAULT';
    /** Time-sharing or MPS, as declared. @default undefined: whole GPUs per container */
    readonly sharing?: GpuSharing;
    /** MIG partition size, as declared. @default undefined: whole GPUs */
    readonly partitionSize?: string;
  };
  /** Queued provisioning (Dynamic Workload Scheduler), as declared, else false. */
  readonly queuedProvisioning: boolean;
  /**
   * GCE labels on the pool's node VMs, which the billing export carries: a tenant's pool gets its `tenant`, `team`
   * and `cost-center` (tenantCostLabels). @default {} for the cluster's own pools (GKE cost allocation splits them by namespace)
   */
  readonly resourceLabels: Readonly<Record<string, string>>;
  /** The additional pod range the pool's pods use. @default undefined: the cluster's default pod range */
  readonly podRange?: AdditionalPodRangePlan;
  /**
   * The dedicated-nodes tenant that owns the pool, with its taint and label.
   * @default undefined for the cluster's own pools (no taint, no tenant label)
   */
  readonly placement?: TenantPlacement;
}

/** A tenant of the resolved plan: project, namespaces, placement and the stack that holds its identities. */
export interface TenantPlan {
  /** Tenant name, as declared: also its namespace name in each of its clusters. */
  readonly name: string;
  /** The tenant as declared (what the namespace and identity constructs take). */
  readonly definition: PlatformTenant;
  /** Every tenant default applied. */
  readonly resolved: ResolvedTenant;
  /** Its isolation: as declared, else 'shared' (DEFAULT_ISOLATION). */
  readonly isolation: ResolvedTenant['isolation'];
  /** The project of its first cluster (its primary project): its Terraform state is grouped with that project's tenants. */
  readonly project: string;
  /**
   * Every project of its clusters, each once, in cluster order (`project` first): its Google service accounts, their
   * grants and Workload Identity bindings exist in each, since every project has its own pool (`<project>.svc.id.goog`).
   */
  readonly projects: readonly string[];
  /** The clusters it has a namespace on, as declared. */
  readonly clusters: readonly string[];
  /**
   * Where its pods run when it has dedicated nodes: its pool, taint, toleration and node selector.
   * @default undefined for shared and dedicated-cluster tenants
   */
  readonly placement?: TenantPlacement;
  /** The stack (Terraform state) that holds its GCP resources: its shard. */
  readonly stack: string;
  /** Its namespace in each of its clusters, with the cluster's project and the LimitRange sized for its nodes there. */
  readonly namespaces: readonly {
    /** One of the tenant's clusters, in declaration order. */
    readonly cluster: string;
    /** The namespace's name there: the tenant's name. */
    readonly namespace: string;
    /** That cluster's project (Workload Identity's pool, `<project>.svc.id.goog`). */
    readonly project: string;
    /** Its LimitRange's per-container defaults and maxima, sized for the nodes its pods run on in that cluster (tenantLimitsOnCluster). */
    readonly limits: Required<TenantLimits>;
    /** Its quota's `requests.nvidia.com/gpu` there: the GPUs of the pools it may use, or as declared (tenantGpuQuota). */
    readonly gpus: number;
  }[];
}

/** What a link's Cloud Router advertises: CUSTOM mode, every subnet, plus these ranges. */
export interface AdvertisementsPlan {
  /** Always CUSTOM: the router advertises what this record lists, not only the default subnets. */
  readonly mode: 'CUSTOM';
  /** Always true: every subnet of the VPC is advertised (ALL_SUBNETS), the ranges below on top. */
  readonly allSubnets: true;
  /** Private Google Access VIPs first, control planes by cluster name, then the requested ranges as listed. */
  readonly ranges: readonly {
    /** An advertised CIDR, each once. */
    readonly range: string;
    /** Why it is advertised: `private.googleapis.com`, `<cluster> control plane` or `requested`. */
    readonly description: string;
  }[];
}

/** A BGP session's range, matched to its session by name (never by position). */
export interface BgpRangePlan extends PlannedRange {
  /** `tunnel-<n>` or the attachment's name. */
  readonly session: string;
}

/** What every resolved hybrid link has: name, stack, project, routers' ASN and BGP ranges. */
export interface LinkPlanBase {
  /** Link name, as declared: prefixes every resource of the link. */
  readonly name: string;
  /** The stack that holds the link (its own Terraform state). */
  readonly stack: string;
  /** The VPC's host project, where the GCP side lives. */
  readonly project: string;
  /** The remote network the link reaches, as the definition declares it. */
  readonly remoteNetwork: RemoteNetworkDefinition;
  /** The link's BGP /30s from the IP plan, matched to their sessions by name. */
  readonly bgpRanges: readonly BgpRangePlan[];
  /** What the link's Cloud Routers advertise to the remote side. */
  readonly advertisements: AdvertisementsPlan;
}

/** An HA VPN link to an AWS VPC, resolved. */
export interface HaVpnAwsLinkPlan extends LinkPlanBase {
  /** HA VPN to an AWS VPC. */
  readonly kind: 'ha-vpn-aws';
  /** Region of the HA VPN gateway and Cloud Router. */
  readonly region: string;
  /** The Cloud Router, `<link>-router`, with its ASN (the definition's gcpAsn). */
  readonly router: {
    /** Cloud Router name, `<link>-router`. */
    readonly name: string;
    /** Its BGP ASN, the link's gcpAsn: a private ASN Cloud Router accepts (CLOUD_ROUTER_ASN_RANGES: 64512-65534, 4200000000-4294967294). */
    readonly asn: number;
  };
  /**
   * The AWS side with its defaults applied: the region from the remote network's awsRegion, the gateway type
   * 'transit-gateway' (DEFAULT_AWS_GATEWAY_TYPE) and Amazon-side ASN 64512 (DEFAULT_AMAZON_SIDE_ASN) unless declared.
   */
  readonly aws: {
    /**
     * AWS region of the AWS provider in the link's stack: the remote network's awsRegion.
     * @default undefined only for a plan resolved from an unvalidated definition (validation requires awsRegion)
     */
    readonly region?: string;
    /** Transit gateway or virtual private gateway. */
    readonly type: 'transit-gateway' | 'vpn-gateway';
    /** ASN of the AWS gateway. */
    readonly amazonSideAsn: number;
    /** The existing transit gateway the tunnels end on. @default undefined: the link creates one (type 'transit-gateway') */
    readonly existingTransitGatewayId?: string;
    /** The existing virtual private gateway the tunnels end on. @default undefined: the link creates one (type 'vpn-gateway') */
    readonly existingVpnGatewayId?: string;
    /** The VPC attached to the gateway. */
    readonly vpcId: string;
    /** Subnets of the transit gateway's VPC attachment. @default undefined: no VPC attachment is created */
    readonly subnetIds?: readonly string[];
    /** Route tables that get routes (or route propagation) toward GCP, keyed by a stable name. @default undefined: none */
    readonly routeTableIds?: Readonly<Record<string, string>>;
  };
  /**
   * Node subnets and pod ranges of every cluster, then every range the link advertises that is not among them:
   * routed from AWS, checked against the remote ranges.
   */
  readonly gcpCidrs: readonly string[];
}

/** An HA VPN link to an on-prem VPN device, resolved. */
export interface HaVpnPeerLinkPlan extends LinkPlanBase {
  /** HA VPN to an on-prem VPN device. */
  readonly kind: 'ha-vpn-peer';
  /** Region of the HA VPN gateway and Cloud Router. */
  readonly region: string;
  /** The Cloud Router, `<link>-router`, with its ASN (the definition's gcpAsn). */
  readonly router: {
    /** Cloud Router name, `<link>-router`. */
    readonly name: string;
    /** Its BGP ASN, the link's gcpAsn: a private ASN Cloud Router accepts (CLOUD_ROUTER_ASN_RANGES: 64512-65534, 4200000000-4294967294). */
    readonly asn: number;
  };
  /** ASN of the on-prem device. */
  readonly peerAsn: number;
  /** Public IPs of the on-prem device's interfaces (1, 2 or 4): two tunnels for 1 or 2, four for 4. */
  readonly peerInterfaceIps: readonly string[];
  /** Node subnets and pod ranges (additional ones included) of every cluster, in cluster order. */
  readonly gcpCidrs: readonly string[];
}

/** An Interconnect link, resolved. */
export interface InterconnectLinkPlan extends LinkPlanBase {
  /** VLAN attachments over Dedicated or Partner Interconnect. */
  readonly kind: 'interconnect';
  /** DEDICATED or PARTNER, as declared. */
  readonly type: InterconnectType;
  /** Declared availability, '99.9' or '99.99'; the attachments met its topology at validation (validateSla). */
  readonly slaTarget: SlaTarget;
  /** The VPC's routing mode (99.99% needs GLOBAL). */
  readonly routingMode: 'GLOBAL' | 'REGIONAL';
  /** The VPC's MTU in effect (NetworkPlan.mtu). */
  readonly networkMtu: number;
  /** MTU of every attachment: as declared, else the network's. */
  readonly mtu: number;
  /** The on-prem router's ASN, for DEDICATED links. @default undefined for PARTNER links, whose BGP peering the partner configures */
  readonly peerAsn?: number;
  /** One Cloud Router per region of the attachments, sorted by region. */
  readonly routers: readonly {
    /** Cloud Router name, `<link>-<region>`. */
    readonly name: string;
    /** The region whose attachments it serves. */
    readonly region: string;
    /** Its BGP ASN: the link's gcpAsn, else 16550 (PARTNER_INTERCONNECT_ASN, what Partner Interconnect requires). */
    readonly asn: number;
  }[];
  /** The attachments as declared; a DEDICATED attachment also carries its BGP /29 from the IP plan as `candidateSubnets`, matched by name. */
  readonly attachments: readonly (InterconnectAttachmentDefinition &
    AttachmentTopology & {
      /**
       * The attachment's BGP /29 from the IP plan (link-local, 169.254.0.0/16), the one range GCP may pick from.
       * @default undefined for PARTNER attachments: the partner assigns the BGP addresses
       */
      readonly candidateSubnets?: readonly string[];
    })[];
}

/** A hybrid link of the resolved plan, by kind. */
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
