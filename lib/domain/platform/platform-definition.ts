import type { GitSource } from '../gitops/git-source';
import type { ConnectivityIntent } from '../reachability/connectivity-intent';
import type { AddressPool, Reservation } from '../ip-plan/plan-requests';
import type { HybridLinkDefinition } from './hybrid-link-definition';
import type { NodePoolDefinition } from './node-pool-definition';
import type { DeveloperNamespacesDefinition, PlatformTenant } from './tenant-definition';
import type { BinaryAuthorizationSetting, MaintenanceExclusion, MaintenanceWindow, SecretsEncryptionSetting, SecurityPosture } from '../gke/cluster-settings';

/**
 * The platform as plain typed data: read by the cdktf app (stacks/) and the cdk8s app (charts/) alike,
 * so a cluster, a remote network or a tenant is declared once. No cdktf or cdk8s types here.
 */
export interface PlatformDefinition {
  /** Short platform name, used as the prefix of stack names, e.g. `drive`. Lower-case, ≤ 20 characters. */
  readonly name: string;
  /** The organisation: its name and the Cloud Identity domain of its groups. */
  readonly organization: OrganizationDefinition;
  /** Every GCP project the platform uses; clusters and the network name one of these. */
  readonly projects: readonly ProjectDefinition[];
  /** GCP regions the platform runs in; every cluster and link names one of these. Each must be in `GCP_REGION_ZONES` or `additionalRegions`. */
  readonly regions: readonly string[];
  /**
   * Regions newer than the library's list (`lib/domain/platform/gcp-regions.ts`), accepted as spelt; clusters in them
   * should list their `zones`, which are then checked only for form.
   * @default none
   */
  readonly additionalRegions?: readonly string[];
  /** The one VPC every cluster and link attaches to. */
  readonly network: NetworkDefinition;
  /** Address pools the IP plan draws every range from. */
  readonly addressPools: readonly AddressPool[];
  /** Which pool each kind of range is drawn from (clusters may override). */
  readonly poolAssignment: PoolAssignment;
  /** Extra ranges the plan must never hand out. @default none */
  readonly reservations?: readonly Reservation[];
  /** GKE clusters, each with its own Terraform stack and manifests folder. */
  readonly clusters: readonly ClusterDefinition[];
  /**
   * Cluster settings for every cluster, each overridable per cluster by the same field of the cluster: the platform's
   * release channel, Binary Authorization, maintenance window and exclusions, security posture in one place.
   * @default none: each setting's own default (see ClusterSettingsDefinition)
   */
  readonly clusterDefaults?: ClusterSettingsDefinition;
  /** Networks outside GCP (AWS VPCs, on-prem sites): their ranges are reserved in the IP plan. @default none */
  readonly remoteNetworks?: readonly RemoteNetworkDefinition[];
  /** HA VPN and Interconnect links to the remote networks; one hybrid stack each. @default none */
  readonly hybridLinks?: readonly HybridLinkDefinition[];
  /** Product teams: a namespace bundle in each of their clusters and their GCP identities. @default none */
  readonly tenants?: readonly PlatformTenant[];
  /** Developer namespaces on one (dev) cluster. @default none */
  readonly developerNamespaces?: DeveloperNamespacesDefinition;
  /**
   * Add-ons enabled on this platform, with their settings, in the order they run. Each must be supplied in
   * the `addOns` option of loadPlatform, buildPlatformStacks and the cluster manifests. @default none
   */
  readonly addOns?: readonly AddOnEntry[];
  /** How Terraform states are bounded. @default at most 500 resources per state (tenant-states.ts) */
  readonly terraformStates?: TerraformStatesDefinition;
  /**
   * The repository every cluster's GitOps engine (Config Sync) reads `<rootDirectory>/<cluster>` from.
   * Required: there is no example default, so no cluster silently syncs someone else's repository.
   */
  readonly gitOps: PlatformGitOpsDefinition;
  /**
   * Connectivity the platform must (or must not) provide on top of the intents derived from this definition;
   * `npm run synth` and `npm run verify` judge them on the synthesized output. @default none
   */
  readonly connectivityIntents?: readonly ConnectivityIntent[];
  /**
   * Unmet intents the platform accepts, by intent id (`npm run verify` prints the ids): reported, never fatal.
   * An id that matches no intent is an error, so a stale opt-out does not linger. @default none
   */
  readonly acceptedConnectivityGaps?: readonly {
    /** The unmet intent's id, exactly as `npm run verify` prints it; an id that matches no intent is an error. */
    readonly intent: string;
    /** Who accepted the gap and why, printed beside it in the report; must not be empty. */
    readonly reason: string;
  }[];
}

/** Bounds on the Terraform states (stacks) the platform synthesizes. */
/** How a platform definition enables an add-on: `addOns: [{ name: 'vault', settings: { ... } }]`. */
export interface AddOnEntry {
  /** The add-on's `name`. */
  readonly name: string;
  /** The add-on's own settings, checked by its `validate`. @default {} */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** How the platform splits its Terraform states. */
export interface TerraformStatesDefinition {
  /**
   * Most resources one stack may hold; synthesis fails when a stack holds more. New tenants fill a shard to 80%
   * of it, leaving room for recorded tenants to grow. Lowering it never moves a recorded tenant.
   * @default 500 (DEFAULT_MAX_RESOURCES_PER_STATE)
   */
  readonly maxResources?: number;
}

/** Where the synthesized manifests (`dist/<cluster>/`) are published for the clusters to sync. */
export interface PlatformGitOpsDefinition {
  /** The repository: its URL, and optionally branch, revision, auth and sync period (each with its own default). */
  readonly repository: Omit<GitSource, 'directory'>;
  /** Folder of the repository holding the per-cluster folders. @default 'dist' (DEFAULT_GITOPS_ROOT_DIRECTORY: a cluster syncs `dist/<cluster>`) */
  readonly rootDirectory?: string;
}

/** The organisation of the definition: its name and Cloud Identity domain. */
export interface OrganizationDefinition {
  /** Display name, shown in the report. */
  readonly name: string;
  /** Cloud Identity / Workspace domain, e.g. `example.com`; Google Groups for RBAC live in gke-security-groups@<domain>. */
  readonly domain: string;
}

/** A GCP project of the definition. */
export interface ProjectDefinition {
  /** GCP project id (6–30 characters). */
  readonly id: string;
  /** What the project is for, shown in the report. @default none */
  readonly description?: string;
}

/** The platform's VPC in the definition. */
export interface NetworkDefinition {
  /** VPC name (RFC 1035, ≤ 63 characters). Changing it replaces the VPC (with `existing`: points the platform at another VPC). */
  readonly name: string;
  /** Project that hosts the VPC (the Shared VPC host when clusters live in other projects). */
  readonly project: string;
  /**
   * GLOBAL lets a Cloud Router in one region advertise every region's subnets (needed for 99.99% Interconnect).
   * With `existing`, it states the existing VPC's routing mode (the platform cannot set or read it): the link checks
   * and the reachability model rely on it.
   * @default 'GLOBAL' (DEFAULT_ROUTING_MODE)
   */
  readonly routingMode?: 'GLOBAL' | 'REGIONAL';
  /** VPC MTU; hybrid links must agree with it. With `existing`, it states the existing VPC's MTU. @default 1460 (DEFAULT_NETWORK_MTU, GCP's default) */
  readonly mtu?: number;
  /**
   * The VPC already exists and is owned elsewhere (another team's network, a Shared VPC host project that predates the
   * platform): the network stack reads it with a `google_compute_network` data source and never creates, changes or
   * destroys it (nor the host project's Shared VPC enablement). In it the platform creates only its own parts: a subnet per
   * cluster with its pod and services ranges (from the IP plan), its firewall rules, a Cloud Router and Cloud NAT per
   * region for those subnets, the private googleapis.com zone, Private Service Access when on, and the Shared VPC
   * grants of its service projects. See the README's "Brownfield" section.
   * @default none: the platform creates the VPC
   */
  readonly existing?: ExistingNetworkDefinition;
  /**
   * Private Service Access (Cloud SQL, Memorystore and other Google services on private IPs): a range from the IP
   * plan (`network/private-service-access`, in the nodes pool) peered to Google's service producer network.
   * `false` turns it off.
   * @default on, with a /20, when a tenant's Workload Identity holds a role of a private-IP service (PRIVATE_IP_SERVICE_ROLES)
   */
  readonly privateServiceAccess?:
    | false
    | {
        /** Size of the range peered to Google's service producer network (a /20 holds 4096 addresses). @default 20 (DEFAULT_PSA_PREFIX_LENGTH) */
        readonly prefixLength?: number;
        /** Pool of the IP plan the range is taken from. @default the platform's poolAssignment.nodes pool */
        readonly pool?: string;
      };
}

/** What the platform must know of an existing VPC (`network.existing`). */
export interface ExistingNetworkDefinition {
  /**
   * Subnets already in the VPC: each primary and secondary range is reserved in the IP plan
   * (`network/existing/<subnet>` and `network/existing/<subnet>/<rangeName>`), so no range of the platform overlaps
   * them. The platform never manages them. List every subnet of the VPC (`gcloud compute networks subnets list
   * --network <name> --project <project>`).
   * @default none
   */
  readonly subnets?: readonly ExistingSubnetDefinition[];
  /**
   * Who attaches the platform's service projects (projects of clusters other than the host) to the host project:
   * `create`, the network stack does (`google_compute_shared_vpc_service_project`, which needs the Shared VPC Admin role
   * on the host's organisation or folder); `existing`, the host's owners did, and the platform only grants its
   * service projects' agents on its own subnets. Either way the host project must already be a Shared VPC host.
   * @default 'create' (DEFAULT_EXISTING_SERVICE_PROJECT_ATTACHMENTS)
   */
  readonly serviceProjectAttachments?: 'create' | 'existing';
  /**
   * The VPC keeps GCP's default route 0.0.0.0/0 to the internet gateway (the Cloud NATs need it for egress). The
   * platform cannot read it; the reachability model takes it as declared here.
   * @default true (DEFAULT_EXISTING_NETWORK_DEFAULT_ROUTE: every VPC gets that route unless its owners deleted it)
   */
  readonly defaultInternetRoute?: boolean;
}

/** A subnet already in an existing VPC, declared so the IP plan never hands out its ranges. */
export interface ExistingSubnetDefinition {
  /** The subnet's name (RFC 1035): part of its reservations' names. */
  readonly name: string;
  /** Its region, e.g. `us-central1` (any GCP region: it need not be one of the platform's). */
  readonly region: string;
  /** Its primary range, an aligned IPv4 CIDR. */
  readonly cidr: string;
  /** Its secondary ranges, by name. @default none */
  readonly secondaryRanges?: readonly {
    /** The secondary range's name on the subnet. */
    readonly rangeName: string;
    /** Its range, an aligned IPv4 CIDR. */
    readonly cidr: string;
  }[];
}

/** Which address pool each kind of range is drawn from. */
export interface PoolAssignment {
  /** Pool of the clusters' node subnets (subnet primary ranges). */
  readonly nodes: string;
  /** Pool of the clusters' pod ranges (secondary ranges). */
  readonly pods: string;
  /** Pool of the clusters' services ranges (secondary ranges). */
  readonly services: string;
  /** Pool of the clusters' control-plane /28s. */
  readonly controlPlane: string;
  /** Link-local pool for BGP /30s of VPN tunnels and Interconnect attachments. */
  readonly bgpLinks: string;
}

/**
 * GKE settings a cluster takes from `clusterDefaults` unless it sets its own: a cluster's field replaces the platform's
 * field as a whole, except maintenance exclusions, which add to the platform's (a cluster's exclusion of the same name
 * replaces the platform's) and security posture, whose two modes override one by one.
 */
export interface ClusterSettingsDefinition {
  /** @default 'REGULAR' (DEFAULT_CLUSTER_RELEASE_CHANNEL) */
  readonly releaseChannel?: 'RAPID' | 'REGULAR' | 'STABLE';
  /**
   * Binary Authorization: `{ evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' }` admits only images the cluster
   * project's Binary Authorization policy allows (the policy is the project's, kept by its security team; the
   * platform enables the API). @default { evaluationMode: 'DISABLED' } (DEFAULT_BINARY_AUTHORIZATION_MODE, as GKE creates clusters)
   */
  readonly binaryAuthorization?: BinaryAuthorizationSetting;
  /** When GKE may upgrade the cluster and when it must not. @default the DEFAULT_MAINTENANCE_WINDOW, no exclusions */
  readonly maintenance?: MaintenanceDefinition;
  /** Security posture dashboard and vulnerability scanning. @default DEFAULT_SECURITY_POSTURE (BASIC, scanning off: GKE's defaults, written out) */
  readonly securityPosture?: SecurityPosture;
}

/** A cluster's maintenance policy: one recurring window, and one-off exclusions (freezes). */
export interface MaintenanceDefinition {
  /** @default Saturday and Sunday 02:00-08:00 UTC (DEFAULT_MAINTENANCE_WINDOW) */
  readonly window?: MaintenanceWindow;
  /**
   * One-off periods without upgrades, within GKE's limits (MAINTENANCE_EXCLUSION_LIMITS: at most 20, at most 3 of scope
   * NO_UPGRADES of at most 30 days each, minor scopes at most 180 days). @default none
   */
  readonly exclusions?: readonly MaintenanceExclusion[];
}

/** A GKE cluster of the platform definition (`clusters[]`); its settings override the platform's `clusterDefaults`. */
export interface ClusterDefinition extends ClusterSettingsDefinition {
  /** Cluster name: `[a-z]([-a-z0-9]{0,38}[a-z0-9])?`. Changing it replaces the cluster. */
  readonly name: string;
  /** Project the cluster lives in; one of `projects`. */
  readonly project: string;
  /** Region of the regional cluster; one of `regions`. Changing it replaces the cluster. */
  readonly region: string;
  /**
   * e.g. `prod`, `dev`: the cluster's `environment` label (a GCE label value). It selects no defaults: a `dev`
   * cluster gets the same settings, deletion protection included.
   */
  readonly environment: string;
  /** Nodes the cluster may reach; sizes the node subnet and pod range. Raising it later may need more ranges. */
  readonly maxNodes: number;
  /** Default pods per node; sizes the pod range (≤8 /28 ... ≤256 /23 per node). */
  readonly maxPodsPerNode: number;
  /** @default 4096 (a /20, GKE's own default) */
  readonly maxServices?: number;
  /** Zones for nodes. @default the region's first three zones in the list (a, b, c for a region outside it) */
  readonly zones?: readonly string[];
  /** The cluster's node pools (tenant-dedicated pools are added from the tenants). */
  readonly nodePools: readonly NodePoolDefinition[];
  /**
   * Application-layer secrets encryption: Kubernetes Secrets in etcd encrypted with this Cloud KMS key
   * (`projects/<p>/locations/<the cluster's region>/keyRings/<r>/cryptoKeys/<k>`). The cluster stack grants the
   * project's GKE service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key. Per cluster only: a key lives in
   * one region, and GKE takes only a key of the cluster's. @default none (Google-managed encryption at rest)
   */
  readonly secretsEncryption?: SecretsEncryptionSetting;
  /**
   * CIDRs allowed to reach the control plane's private endpoint, enforced there (`private_endpoint_enforcement_enabled`):
   * at least one; no default, an empty or missing list is refused (the cluster's own nodes and pods are always admitted).
   * Add-ons may add entries for the traffic they declare.
   */
  readonly authorizedNetworks: readonly {
    /** Display name GKE shows for the range among the master authorized networks, e.g. `corp-vpn`; not empty. */
    readonly name: string;
    /** An aligned IPv4 CIDR allowed to reach the endpoint, e.g. `203.0.113.0/24`; `0.0.0.0/0` is refused. */
    readonly cidr: string;
  }[];
  /** Extra pod ranges, added when the first runs out (it cannot grow in place). @default none */
  readonly additionalPodRanges?: readonly {
    /**
     * Short name of the range, what a pool's `podRange` names; prefixed with the cluster's name it becomes the
     * subnet's secondary range name (`<cluster>-<name>`, e.g. `pods-2`). Renaming it replaces the range.
     */
    readonly name: string;
    /** Nodes this range must hold pods for, at the cluster's maxPodsPerNode: sizes its prefix in the IP plan. */
    readonly maxNodes: number;
  }[];
  /** Per-cluster pool overrides. @default the platform's poolAssignment */
  readonly pools?: Partial<Omit<PoolAssignment, 'bgpLinks'>>;
  /**
   * The cluster's generations (clusters as cattle, docs/cluster-generations.md): a root setting GKE cannot change
   * live (ranges, maxPodsPerNode, project, region) changes by building a successor generation beside the old one,
   * moving traffic to it by weight, then retiring the old one. Each generation is a cluster of its own: the one
   * named `a` (FIRST_GENERATION_NAME) keeps this cluster's unsuffixed names (cluster, stack, subnet, ranges, node
   * tag), so declaring it changes nothing of the existing cluster; generation `b` is the cluster `<name>-b`, with
   * its own ranges from the IP plan, stack, node tag and control-plane /28. Tenants placed on this cluster are
   * placed on every generation that is not retiring. Settings a generation leaves out are this cluster's.
   * @default one implicit generation `a` with this cluster's settings and all its traffic (the cluster as it is)
   */
  readonly generations?: readonly ClusterGenerationDefinition[];
  /**
   * A disposable cluster (platform experiments): its ranges are recorded under `ephemeral/<region>/<cluster>/...`
   * and released from the lock file when the cluster is removed from the definition (no `plan --release`), its
   * GKE deletion protection is off, and after `expires` plus the grace period synthesis refuses it, as it
   * refuses expired developer namespaces. Marking an existing cluster ephemeral would move its ranges: refused.
   * @default undefined: a permanent cluster (deletion protection on, ranges released only by `plan --release`)
   */
  readonly ephemeral?: EphemeralClusterDefinition;
}

/** How long a disposable cluster lives (`clusters[].ephemeral`). */
export interface EphemeralClusterDefinition {
  /** Last day (`YYYY-MM-DD`, UTC) the cluster is wanted; after it synth reports it, after the grace period it refuses it. */
  readonly expires: string;
  /** Days an expired cluster is tolerated (and reported) before synthesis rejects it. @default 7 (DEFAULT_EPHEMERAL_CLUSTER_GRACE_PERIOD_DAYS) */
  readonly gracePeriodDays?: number;
}

/**
 * One generation of a cluster (`clusters[].generations[]`): a cluster of its own, with the root settings that may
 * differ from its predecessor's. Every setting left out is the cluster's.
 */
export interface ClusterGenerationDefinition {
  /**
   * Short name, `[a-z][a-z0-9]{0,5}`, e.g. `a`, `b`: `a` is the cluster as it was before generations (unsuffixed
   * names); any other generation is the cluster `<cluster>-<name>`. Renaming a generation replaces it.
   */
  readonly name: string;
  /**
   * Share of the cluster's traffic this generation receives, 0 to 100; the weights of the generations that are
   * not retiring sum to 100. Multi-cluster routes split each tenant service by these weights.
   * @default 100 when it is the cluster's only generation that is not retiring, else 0
   */
  readonly trafficWeight?: number;
  /**
   * `active`: built and synthesized. `retiring`: the explicit retire step: its stack is no longer synthesized
   * (synth parks it in `cdktf.out/decommissioned/` for `cdktf destroy`), its manifests and everything derived from
   * it (firewall, Vault auth, CD accounts, intents) go, and its ranges stay recorded (orphaned) until
   * `plan --release` frees them. A retiring generation receives no traffic; a cluster keeps at least one active one.
   * @default 'active'
   */
  readonly state?: ClusterGenerationState;
  /** Project of this generation's cluster (a change GKE makes only by replacement). @default the cluster's project */
  readonly project?: string;
  /** Region of this generation's cluster and subnet (replacement). @default the cluster's region */
  readonly region?: string;
  /** Zones of its nodes. @default the cluster's zones */
  readonly zones?: readonly string[];
  /** Nodes it may reach: sizes its node subnet and pod range (ranges cannot grow in place). @default the cluster's maxNodes */
  readonly maxNodes?: number;
  /** Default pods per node: sizes its pod range (`default_max_pods_per_node`, replacement). @default the cluster's maxPodsPerNode */
  readonly maxPodsPerNode?: number;
  /** Sizes its services range (replacement). @default the cluster's maxServices */
  readonly maxServices?: number;
  /** Its node pools. @default the cluster's nodePools */
  readonly nodePools?: readonly NodePoolDefinition[];
  /** @default the cluster's releaseChannel */
  readonly releaseChannel?: ClusterDefinition['releaseChannel'];
  /** Its extra pod ranges (`<cluster>-<gen>-<name>`). @default the cluster's additionalPodRanges */
  readonly additionalPodRanges?: ClusterDefinition['additionalPodRanges'];
  /** Address pools its ranges come from. @default the cluster's pools */
  readonly pools?: ClusterDefinition['pools'];
}

/** Where a generation is in its life: see ClusterGenerationDefinition.state. */
export type ClusterGenerationState = 'active' | 'retiring';

/** What a remote network is. */
export type RemoteNetworkKind = 'aws-vpc' | 'on-prem';

/** A network outside GCP (an AWS VPC, an on-prem site) that links connect to; its ranges are reserved in the IP plan. */
export interface RemoteNetworkDefinition {
  /** Name links refer to (`remoteNetwork`); lower-case, RFC 1035. */
  readonly name: string;
  /** `aws-vpc` (reached over HA VPN to AWS) or `on-prem` (HA VPN to a peer, or Interconnect). */
  readonly kind: RemoteNetworkKind;
  /** Address ranges of the network; reserved in the IP plan so no GCP range overlaps them. */
  readonly cidrs: readonly string[];
  /**
   * AWS region of the VPC, e.g. `us-west-2`: required for `aws-vpc`, refused for `on-prem` (assertPlatform).
   * @default none: only for on-prem networks
   */
  readonly awsRegion?: string;
  /** What lives there, shown in the report. @default none */
  readonly description?: string;
}
