import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { IssueCollector, ValidationError, ValidationIssue } from '../domain/validation-error';
import { Cidr } from '../domain/ip-plan/cidr';
import { rangesOverlapping } from '../domain/ip-plan/cidr-overlaps';
import { validateControlPlaneCidr, validateRegion, namedSubnetRanges } from '../domain/network/network-rules';
import { ISubnet } from '../network/network';
import {
  validateGkeName,
  validateMaintenanceWindow,
  validateMaxPodsPerNode,
  validateNodeSubnetCapacity,
  validatePodRangesCapacity,
  validatePoolsOnPodRange,
  validateZones,
  DEFAULT_COMPUTE_SA_SUFFIX,
  GKE_DEFAULT_MAX_PODS_PER_NODE,
  parseOrIssue,
  SERVICE_ACCOUNT_ID_PATTERN,
} from '../domain/gke/gke-rules';
import { DEFAULT_NODE_SA_ROLES, NodeServiceAccount } from './node-service-account';
import {
  BinaryAuthorizationMode,
  BinaryAuthorizationSetting,
  DEFAULT_MAINTENANCE_EXCLUSION_SCOPE,
  DEFAULT_MAINTENANCE_WINDOW,
  DEFAULT_SECURITY_POSTURE,
  gkeServiceAgent,
  KMS_ENCRYPTER_DECRYPTER_ROLE,
  MaintenanceExclusion,
  MaintenanceWindow,
  SecurityPosture,
  validateEnumSettings,
  validateKmsKeyName,
  validateMaintenanceExclusions,
} from '../domain/gke/cluster-settings';
import { DEFAULT_CLUSTER_RELEASE_CHANNEL, DEFAULT_ZONE_SUFFIXES, poolSurgeNodes } from '../domain/platform/platform-defaults';
import { poolNodesAgainstClusterMax } from '../domain/platform/pool-upgrades';

/** A GKE release channel. */
export type ReleaseChannel = 'RAPID' | 'REGULAR' | 'STABLE' | 'EXTENDED';

/** REGULAR: features a few weeks after RAPID, with GKE's SLA; the usual choice for production (one source with the plan's). */
const DEFAULT_RELEASE_CHANNEL: ReleaseChannel = DEFAULT_CLUSTER_RELEASE_CHANNEL;
/** GKE's default logging components (system and workload logs). */
const DEFAULT_LOGGING_COMPONENTS: readonly string[] = ['SYSTEM_COMPONENTS', 'WORKLOADS'];
/** System metrics plus control-plane, storage and kube-state metrics (GKE's recommended set). */
const DEFAULT_MONITORING_COMPONENTS: readonly string[] = ['SYSTEM_COMPONENTS', 'APISERVER', 'SCHEDULER', 'CONTROLLER_MANAGER', 'STORAGE', 'POD', 'DEPLOYMENT', 'STATEFULSET', 'DAEMONSET', 'HPA'];
/** Zones assumed for a regional pool when node locations are not given (GKE picks 3, the plan's a, b, c). */
export const DEFAULT_ZONE_COUNT = DEFAULT_ZONE_SUFFIXES.length;
/**
 * Surge nodes when the cluster is used without the plan: one pool at the plan's default surge (DEFAULT_MAX_SURGE,
 * 1 node per zone) in each of DEFAULT_ZONE_COUNT zones, computed by the plan's own `poolSurgeNodes`, so 3. The
 * platform plan passes the exact figure: every pool's surge in every zone (`ClusterPlan.surgeNodes`).
 */
export const DEFAULT_SURGE_NODES = poolSurgeNodes(DEFAULT_ZONE_COUNT);
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** A range allowed to reach a cluster's control-plane endpoint (master authorized networks). */
export interface AuthorizedNetwork {
  /** IPv4 range allowed to reach the control-plane endpoint, e.g. `10.200.0.0/24`; `0.0.0.0/0` is refused unless `dangerouslyAllowPublicControlPlaneFromAnywhere`. */
  readonly cidr: string;
  /** Label shown for the range in the cluster's master authorized networks (e.g. `office-vpn`). */
  readonly displayName: string;
}

/**
 * Control-plane access. `private`: only the private endpoint (reach it over VPC, VPN or Interconnect).
 * `public`: public endpoint restricted to authorized networks (never 0.0.0.0/0 unless
 * `dangerouslyAllowPublicControlPlaneFromAnywhere`).
 */
export type ControlPlaneAccess =
  | {
      /** Private endpoint only: kubectl reaches the control plane over the VPC, a VPN or an Interconnect. */
      readonly type: 'private';
      /**
       * Internal ranges allowed on the private endpoint, enforced there (`private_endpoint_enforcement_enabled`); at
       * least one: an empty list is refused (the cluster's own nodes and pods are always admitted by GKE).
       */
      readonly authorizedNetworks: readonly AuthorizedNetwork[];
      /** Reach the private endpoint from every region (hybrid links terminate anywhere). @default true */
      readonly globalAccess?: boolean;
    }
  | {
      /** A public endpoint as well, restricted to the authorized networks. */
      readonly type: 'public';
      /** Ranges allowed on the public endpoint; at least one (an empty list is refused), `0.0.0.0/0` only with dangerouslyAllowPublicControlPlaneFromAnywhere. */
      readonly authorizedNetworks: readonly AuthorizedNetwork[];
      /** @default true */
      readonly globalAccess?: boolean;
    };

/** Props of `GkeCluster`. */
export interface GkeClusterProps {
  /** GCP project that owns the cluster (and the node service account it creates). Forces replacement. */
  readonly projectId: string;
  /** Cluster name (≤40). Forces replacement. */
  readonly name: string;
  /** Region (clusters are always regional). Forces replacement. */
  readonly region: string;
  /** Zones for nodes, all in `region`. @default GKE picks (usually 3 zones) */
  readonly nodeLocations?: readonly string[];
  /** Subnet of the nodes; its secondary ranges must include the pod and services ranges. Forces replacement. */
  readonly subnet: ISubnet;
  /** Secondary range for pods. Forces replacement. */
  readonly podRangeName: string;
  /** Secondary range for services. Forces replacement. */
  readonly servicesRangeName: string;
  /** Extra pod ranges for when the main one runs out (additional_pod_ranges_config). @default none */
  readonly additionalPodRangeNames?: readonly string[];
  /** Control-plane /28 from the IP plan. Forces replacement. */
  readonly controlPlaneCidr: string;
  /**
   * Who reaches the control plane: `{ type: 'private', authorizedNetworks: [...] }` (enforced on the private endpoint)
   * or a public endpoint restricted to its authorized networks. No default: the audience is always explicit.
   */
  readonly controlPlaneAccess: ControlPlaneAccess;
  /** Loud opt-in that lets an authorized network be 0.0.0.0/0. @default false */
  readonly dangerouslyAllowPublicControlPlaneFromAnywhere?: boolean;
  /** Domain of the `gke-security-groups@<domain>` Google Group used for RBAC. */
  readonly groupsDomain: string;
  /** @default 'REGULAR' */
  readonly releaseChannel?: ReleaseChannel;
  /** @default true (Terraform refuses to destroy the cluster) */
  readonly deletionProtection?: boolean;
  /** @default Sat+Sun 02:00-08:00 UTC (DEFAULT_MAINTENANCE_WINDOW) */
  readonly maintenanceWindow?: MaintenanceWindow;
  /**
   * One-off periods without upgrades (`maintenance_policy.maintenance_exclusion`), held to GKE's limits
   * (MAINTENANCE_EXCLUSION_LIMITS). An exclusion that has ended can stay until it is tidied away. @default none
   */
  readonly maintenanceExclusions?: readonly MaintenanceExclusion[];
  /**
   * Security posture dashboard and workload vulnerability scanning, written out so Terraform restores them when
   * changed in the console. @default { mode: 'BASIC', vulnerabilityMode: 'VULNERABILITY_DISABLED' } (DEFAULT_SECURITY_POSTURE, GKE's own defaults)
   */
  readonly securityPosture?: SecurityPosture;
  /** @default ['SYSTEM_COMPONENTS', 'WORKLOADS'] */
  readonly loggingComponents?: readonly string[];
  /** @default DEFAULT_MONITORING_COMPONENTS */
  readonly monitoringComponents?: readonly string[];
  /** Google Cloud Managed Service for Prometheus. @default true */
  readonly managedPrometheus?: boolean;
  /** GKE cost allocation (namespace/label costs in billing). @default true */
  readonly costAllocation?: boolean;
  /** BigQuery dataset for resource usage export. @default none (off) */
  readonly resourceUsageExportDatasetId?: string;
  /**
   * Binary Authorization: `true` or `{ evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' }` admits only images the
   * project's Binary Authorization policy allows (the policy and the binaryauthorization API are the project's).
   * @default false (evaluation mode DISABLED, DEFAULT_BINARY_AUTHORIZATION_MODE)
   */
  readonly binaryAuthorization?: boolean | BinaryAuthorizationSetting;
  /**
   * Let Services set `spec.externalIPs`. Off: any Service could otherwise intercept traffic to an address it
   * does not own (CVE-2020-8554); PlatformPolicies also refuses the field in tenant namespaces. @default false
   */
  readonly serviceExternalIps?: boolean;
  /**
   * NodeLocal DNSCache: a DNS cache on every node (169.254.20.10), so pods' lookups stay on the node and kube-dns
   * sees only misses; tenant NetworkPolicies allow it. Turning it on or off on a live cluster recreates the nodes
   * through a rolling upgrade (not a Terraform replacement).
   * @default true
   */
  readonly nodeLocalDnsCache?: boolean;
  /**
   * Cloud KMS key (`projects/<p>/locations/<region>/keyRings/<r>/cryptoKeys/<k>`, in the cluster's region) for
   * application-layer secrets encryption. Setting it on a live cluster encrypts its Secrets in place (no replacement).
   * @default none (Google-managed encryption at rest)
   */
  readonly databaseEncryptionKey?: string;
  /**
   * Grant the project's GKE service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on `databaseEncryptionKey`
   * (`DatabaseEncryptionKeyGrant`, applied before the cluster: GKE checks the key at creation). Turn it off when the
   * key's owners grant it themselves. @default true
   */
  readonly grantDatabaseEncryptionKey?: boolean;
  /**
   * The project's number, which names its GKE service agent (`service-<number>@container-engine-robot...`).
   * @default read with a `google_project` data source (`ProjectNumber`) when the key grant needs it
   */
  readonly projectNumber?: string;
  /** Use this node service account email instead of creating one. @default a dedicated account is created */
  readonly nodeServiceAccountEmail?: string;
  /** Id of the created node service account (6-30). Forces replacement of the account and pools. @default `<name>-nodes` */
  readonly nodeServiceAccountId?: string;
  /** Roles of the created node service account. @default DEFAULT_NODE_SA_ROLES */
  readonly nodeServiceAccountRoles?: readonly string[];
  /** Nodes the cluster is sized for (from the IP plan). */
  readonly maxNodes: number;
  /** Default max pods per node. Forces replacement. @default 110 */
  readonly maxPodsPerNode?: number;
  /**
   * Extra nodes during upgrades, counted against range capacity.
   * @default DEFAULT_SURGE_NODES (3): one pool's default surge of 1 node per zone in 3 zones (`poolSurgeNodes`)
   */
  readonly surgeNodes?: number;
  /** Pod range CIDR for capacity checks. @default the subnet's declared range, if known */
  readonly podRangeCidr?: string;
  /**
   * CIDRs of the additional pod ranges by range name, for capacity checks: the cluster holds maxNodes + surge
   * across all its pod ranges together. @default the subnet's declared ranges, where known
   */
  readonly additionalPodRangeCidrs?: Readonly<Record<string, string>>;
  /** Node subnet CIDR for capacity checks. @default the subnet's primary range, if known */
  readonly nodeSubnetCidr?: string;
  /** GCE resource labels. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default none */
  readonly description?: string;
}

/** What a NodePool (possibly in another stack) needs to know about its cluster. */
export interface IGkeCluster {
  /** Cluster name as GKE knows it. */
  readonly name: string;
  /** The region. */
  readonly location: string;
  /** GCP project that owns the cluster; node pools are created in it. */
  readonly projectId: string;
  /** `projects/<p>/locations/<l>/clusters/<name>` (a token for created clusters). */
  readonly id: string;
  /** Service account e-mail node pools run as unless they name their own. */
  readonly nodeServiceAccountEmail: string;
  /** The cluster's release channel; node pools follow it (auto-upgrade). */
  readonly releaseChannel: ReleaseChannel;
  /** Name of the subnet's secondary range the cluster's pods draw from by default. */
  readonly podRangeName: string;
  /**
   * Pod ranges pools may use besides the default one.
   * @default undefined when unknown (imported without them): a pool's own podRange is then not checked against them
   */
  readonly additionalPodRangeNames?: readonly string[];
  /** Pods per node the cluster's pod range is sized for (8-256); pools may go above it only with their own podRange. */
  readonly maxPodsPerNode: number;
  /** Whether the cluster runs Dataplane V2 (enforces NetworkPolicy); created clusters always do. */
  readonly dataplaneV2: boolean;
  /** Zones of the cluster's nodes, all in its region. @default undefined when GKE picks them (or unknown): pools assume DEFAULT_ZONE_COUNT (3) zones */
  readonly nodeLocations?: readonly string[];
  /** CIDR of the default pod range, for capacity checks. @default undefined when unknown: pod range capacity is not checked */
  readonly podRangeCidr?: string;
}

/** An existing cluster, for `GkeCluster.fromClusterAttributes` (a product team's stack on the platform's cluster). */
export interface GkeClusterAttributes {
  /** Name of the existing cluster (checked: lower-case, ≤ 40 characters). */
  readonly name: string;
  /** The existing cluster's region (checked against the known regions). */
  readonly location: string;
  /** GCP project that owns the existing cluster. */
  readonly projectId: string;
  /** The cluster's dedicated node service account; the Compute Engine default account is refused. */
  readonly nodeServiceAccountEmail: string;
  /** Name of the secondary range the cluster's pods draw from by default. */
  readonly podRangeName: string;
  /** The cluster's `default_max_pods_per_node` (8-256); pools added to it are held to it unless they bring a podRange. */
  readonly maxPodsPerNode: number;
  /** @default 'REGULAR' (DEFAULT_RELEASE_CHANNEL) */
  readonly releaseChannel?: ReleaseChannel;
  /** Whether the cluster runs Dataplane V2. @default true */
  readonly dataplaneV2?: boolean;
  /** The cluster's additional pod ranges. @default unknown: a pool's own podRange is not checked against them */
  readonly additionalPodRangeNames?: readonly string[];
  /** The cluster's node zones. @default unknown: pools without their own nodeLocations assume DEFAULT_ZONE_COUNT (3) zones */
  readonly nodeLocations?: readonly string[];
  /** CIDR of the default pod range. @default unknown: pod range capacity is not checked */
  readonly podRangeCidr?: string;
}

/** A node pool's footprint, registered so the cluster can check the sum against its ranges. */
export interface NodePoolFootprint {
  /** The pool's name, as error messages list it. */
  readonly name: string;
  /** Nodes the pool can reach across all its zones at its autoscaling maximum. */
  readonly maxNodes: number;
  /** Extra nodes the pool adds during an upgrade (surge per zone × zones; a whole pool for blue-green). */
  readonly surgeNodes: number;
  /** Pods per node of the pool: each node takes a block of the pod range sized for it. */
  readonly maxPodsPerNode: number;
  /** The pod range the pool draws from. @default undefined: the cluster's default pod range */
  readonly podRangeName?: string;
  /** Whether it upgrades blue-green (surgeNodes is then its whole maxNodes). @default false */
  readonly blueGreen?: boolean;
  /** The pool it replaces while workloads move: the pair counts once against maxNodes. @default none */
  readonly successorOf?: string;
}

const DOMAIN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/;

/**
 * A regional, private, VPC-native GKE Standard cluster, secure by default: private nodes, Workload
 * Identity, Dataplane V2, shielded nodes, Google Groups RBAC, a least-privilege node service account,
 * default node pool removed. Add pools with NodePool.
 *
 * Forces replacement: name, region, subnet, pod/services ranges, controlPlaneCidr, maxPodsPerNode,
 * private endpoint on/off. Escape hatch: `cluster.resource.addOverride('addons_config.gcs_fuse_csi_driver_config.enabled', true)`.
 */
export class GkeCluster extends Construct implements IGkeCluster {
  /** Refers to a cluster managed elsewhere (e.g. the platform's cluster from a product team's stack). */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: GkeClusterAttributes): IGkeCluster {
    return new ImportedGkeCluster(scope, id, attrs);
  }

  public readonly resource: ContainerCluster;
  public readonly nodeServiceAccount?: NodeServiceAccount;
  /** The GKE service agent's grant on `databaseEncryptionKey`. @default undefined without a key or with grantDatabaseEncryptionKey: false */
  public readonly databaseEncryptionKeyGrant?: KmsCryptoKeyIamMember;
  public readonly name: string;
  public readonly location: string;
  public readonly projectId: string;
  public readonly nodeServiceAccountEmail: string;
  public readonly releaseChannel: ReleaseChannel;
  public readonly podRangeName: string;
  public readonly additionalPodRangeNames: readonly string[];
  public readonly maxPodsPerNode: number;
  public readonly maxNodes: number;
  public readonly dataplaneV2 = true;
  public readonly nodeLocations?: readonly string[];
  public readonly podRangeCidr?: string;
  public readonly nodeSubnetCidr?: string;
  private readonly pools: NodePoolFootprint[] = [];

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const access: ControlPlaneAccess = props.controlPlaneAccess;
    const releaseChannel = props.releaseChannel ?? DEFAULT_RELEASE_CHANNEL;
    const maxPods = props.maxPodsPerNode ?? GKE_DEFAULT_MAX_PODS_PER_NODE;
    const surgeNodes = props.surgeNodes ?? DEFAULT_SURGE_NODES;
    const window = props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW;
    const loggingComponents = props.loggingComponents ?? DEFAULT_LOGGING_COMPONENTS;
    const monitoringComponents = props.monitoringComponents ?? DEFAULT_MONITORING_COMPONENTS;
    const managedPrometheus = props.managedPrometheus ?? true;
    const costAllocation = props.costAllocation ?? true;
    const deletionProtection = props.deletionProtection ?? true;
    const binaryAuthorization: BinaryAuthorizationMode = typeof props.binaryAuthorization === 'object' ? props.binaryAuthorization.evaluationMode : props.binaryAuthorization ? 'PROJECT_SINGLETON_POLICY_ENFORCE' : 'DISABLED';
    const securityPosture = { ...DEFAULT_SECURITY_POSTURE, ...definedFields(props.securityPosture) };
    const exclusions = props.maintenanceExclusions ?? [];
    const grantKey = props.databaseEncryptionKey !== undefined && (props.grantDatabaseEncryptionKey ?? true);
    const serviceExternalIps = props.serviceExternalIps ?? false;
    const nodeLocalDnsCache = props.nodeLocalDnsCache ?? true;
    const additionalPodRanges = props.additionalPodRangeNames ?? [];
    const podRangeCidr = props.podRangeCidr ?? props.subnet.secondaryRanges.find((r) => r.rangeName === props.podRangeName)?.cidr;
    const nodeSubnetCidr = props.nodeSubnetCidr ?? props.subnet.cidr;
    const saId = props.nodeServiceAccountId ?? `${props.name}-nodes`;

    this.validate(props, access, maxPods, surgeNodes, window, podRangeCidr, nodeSubnetCidr);
    this.validateSettings(props, binaryAuthorization);

    if (!props.nodeServiceAccountEmail) {
      this.nodeServiceAccount = new NodeServiceAccount(this, 'NodeServiceAccount', {
        projectId: props.projectId,
        accountId: saId,
        roles: props.nodeServiceAccountRoles ?? DEFAULT_NODE_SA_ROLES,
      });
    }
    const nodeSaEmail = props.nodeServiceAccountEmail ?? this.nodeServiceAccount!.email;

    this.name = props.name;
    this.location = props.region;
    this.projectId = props.projectId;
    this.nodeServiceAccountEmail = nodeSaEmail;
    this.releaseChannel = releaseChannel;
    this.podRangeName = props.podRangeName;
    this.additionalPodRangeNames = additionalPodRanges;
    this.maxPodsPerNode = maxPods;
    this.maxNodes = props.maxNodes;
    this.nodeLocations = props.nodeLocations;
    this.podRangeCidr = podRangeCidr;
    this.nodeSubnetCidr = nodeSubnetCidr;

    // GKE checks at creation that its service agent may use the key: the grant applies first.
    if (grantKey) {
      const projectNumber = props.projectNumber ?? new DataGoogleProject(this, 'ProjectNumber', { projectId: props.projectId }).number;
      this.databaseEncryptionKeyGrant = new KmsCryptoKeyIamMember(this, 'DatabaseEncryptionKeyGrant', {
        cryptoKeyId: props.databaseEncryptionKey!,
        role: KMS_ENCRYPTER_DECRYPTER_ROLE,
        member: `serviceAccount:${gkeServiceAgent(projectNumber)}`,
      });
    }
    const dependsOn = [...(this.nodeServiceAccount?.grants ?? []), ...(this.databaseEncryptionKeyGrant ? [this.databaseEncryptionKeyGrant] : [])];

    const isPrivate = access.type === 'private';
    const authorized = access.authorizedNetworks ?? [];

    this.resource = new ContainerCluster(this, 'Resource', {
      project: props.projectId,
      name: props.name,
      location: props.region,
      description: props.description,
      resourceLabels: props.labels ? { ...props.labels } : undefined,
      nodeLocations: props.nodeLocations ? [...props.nodeLocations] : undefined,
      deletionProtection,
      network: props.subnet.networkId,
      subnetwork: props.subnet.id,
      networkingMode: 'VPC_NATIVE',
      datapathProvider: 'ADVANCED_DATAPATH',
      defaultMaxPodsPerNode: maxPods,
      ipAllocationPolicy: {
        stackType: 'IPV4',
        clusterSecondaryRangeName: props.podRangeName,
        servicesSecondaryRangeName: props.servicesRangeName,
        additionalPodRangesConfig: additionalPodRanges.length > 0 ? { podRangeNames: [...additionalPodRanges] } : undefined,
      },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: isPrivate,
        masterIpv4CidrBlock: props.controlPlaneCidr,
        masterGlobalAccessConfig: { enabled: access.globalAccess ?? true },
      },
      // Always present. Private: the list is enforced on the private endpoint too, so only the listed ranges (and the
      // cluster's own nodes and pods) reach it, whatever else routes to the control plane's range.
      masterAuthorizedNetworksConfig: {
        gcpPublicCidrsAccessEnabled: false,
        privateEndpointEnforcementEnabled: isPrivate ? true : undefined,
        cidrBlocks: authorized.map((n) => ({ cidrBlock: n.cidr, displayName: n.displayName })),
      },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableLegacyAbac: false,
      enableShieldedNodes: true,
      serviceExternalIpsConfig: { enabled: serviceExternalIps },
      workloadIdentityConfig: { workloadPool: `${props.projectId}.svc.id.goog` },
      authenticatorGroupsConfig: { securityGroup: `gke-security-groups@${props.groupsDomain}` },
      releaseChannel: { channel: releaseChannel },
      maintenancePolicy: {
        recurringWindow: { ...window },
        maintenanceExclusion: exclusions.length > 0 ? exclusions.map((e) => ({ exclusionName: e.name, startTime: e.startTime, endTime: e.endTime, exclusionOptions: { scope: e.scope ?? DEFAULT_MAINTENANCE_EXCLUSION_SCOPE } })) : undefined,
      },
      loggingConfig: { enableComponents: [...loggingComponents] },
      monitoringConfig: { enableComponents: [...monitoringComponents], managedPrometheus: { enabled: managedPrometheus } },
      costManagementConfig: { enabled: costAllocation },
      resourceUsageExportConfig: props.resourceUsageExportDatasetId ? { enableResourceConsumptionMetering: true, bigqueryDestination: { datasetId: props.resourceUsageExportDatasetId } } : undefined,
      addonsConfig: { dnsCacheConfig: { enabled: nodeLocalDnsCache } },
      binaryAuthorization: { evaluationMode: binaryAuthorization },
      securityPostureConfig: { mode: securityPosture.mode, vulnerabilityMode: securityPosture.vulnerabilityMode },
      databaseEncryption: props.databaseEncryptionKey ? { state: 'ENCRYPTED', keyName: props.databaseEncryptionKey } : undefined,
      nodePoolDefaults: { nodeConfigDefaults: { insecureKubeletReadonlyPortEnabled: 'FALSE' } },
      // The default pool only lives during creation, but is still locked down (no default compute SA).
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig: {
        serviceAccount: nodeSaEmail,
        oauthScopes: [CLOUD_PLATFORM_SCOPE],
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
      },
      // After removal the API reports no default pool; ignoring these keeps plans clean and avoids replacement.
      lifecycle: { ignoreChanges: ['node_config', 'initial_node_count'] },
      // Nodes need their roles from the first boot (logging, metrics, image pulls).
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });

    this.node.addValidation({ validate: () => this.validatePools() });
  }

  public get id(): string {
    return this.resource.id;
  }

  /** Called by NodePool so the cluster checks the sum of its pools against its ranges at synth time. */
  public registerNodePool(footprint: NodePoolFootprint): void {
    this.pools.push(footprint);
  }

  private validate(props: GkeClusterProps, access: ControlPlaneAccess, maxPods: number, surgeNodes: number, window: MaintenanceWindow, podRangeCidr: string | undefined, nodeSubnetCidr: string | undefined): void {
    const path = this.node.path;
    const issues = new IssueCollector();
    const add = (list: ValidationIssue[]) => list.forEach((i) => issues.add(i));
    add(validateGkeName(path, 'name', props.name));
    add(validateRegion(path, 'region', props.region));
    if (props.nodeLocations) add(validateZones(path, 'nodeLocations', props.nodeLocations, props.region));
    if (props.subnet.region !== props.region) {
      issues.add({ path, field: 'subnet', value: props.subnet.name, problem: `is in ${props.subnet.region}, but the cluster is in ${props.region}`, fix: 'use a subnet of the cluster region' });
    }
    const known = props.subnet.secondaryRangeNames;
    const ranges: [string, string][] = [['podRangeName', props.podRangeName], ['servicesRangeName', props.servicesRangeName], ...(props.additionalPodRangeNames ?? []).map((r, i): [string, string] => [`additionalPodRangeNames[${i}]`, r])];
    for (const [field, name] of ranges) {
      if (!known.includes(name)) {
        issues.add({ path, field, value: name, problem: `is not a secondary range of subnet ${props.subnet.name} (has: ${known.join(', ') || 'none'})`, fix: 'declare the range on the subnet or use one of its names' });
      }
    }
    if (props.podRangeName === props.servicesRangeName) {
      issues.add({ path, field: 'servicesRangeName', value: props.servicesRangeName, problem: 'is also the pod range', fix: 'give pods and services separate secondary ranges' });
    }
    if ((props.additionalPodRangeNames ?? []).includes(props.podRangeName) || (props.additionalPodRangeNames ?? []).includes(props.servicesRangeName)) {
      issues.add({ path, field: 'additionalPodRangeNames', value: props.additionalPodRangeNames, problem: 'repeats the default pod or services range', fix: 'list only extra pod ranges' });
    }

    // Control plane /28: shape, and clear of every range of the node subnet.
    add(validateControlPlaneCidr(path, 'controlPlaneCidr', props.controlPlaneCidr));
    const cp = Cidr.tryParse(props.controlPlaneCidr);
    if (typeof cp !== 'string') {
      for (const other of rangesOverlapping(cp, namedSubnetRanges([props.subnet]))) {
        issues.add({ path, field: 'controlPlaneCidr', value: props.controlPlaneCidr, problem: `overlaps ${other.cidr} (${other.owner})`, fix: 'use a /28 outside the node subnet and its secondary ranges (take it from the IP plan)' });
      }
    }

    const allowAnywhere = props.dangerouslyAllowPublicControlPlaneFromAnywhere ?? false;
    (access.authorizedNetworks ?? []).forEach((n, i) => {
      const f = `controlPlaneAccess.authorizedNetworks[${i}].cidr`;
      const parsed = parseOrIssue(path, f, n.cidr);
      add(parsed.issues);
      if (parsed.cidr && parsed.cidr.prefixLength === 0 && !allowAnywhere) {
        issues.add({
          path,
          field: f,
          value: n.cidr,
          problem: 'opens the control plane to the whole internet',
          fix: 'list the office, VPN or CI ranges that need kubectl access (or set dangerouslyAllowPublicControlPlaneFromAnywhere: true if you really mean it)',
        });
      }
    });
    if (access.type === 'private' && (access.authorizedNetworks ?? []).length === 0) {
      issues.add({
        path,
        field: 'controlPlaneAccess.authorizedNetworks',
        value: access.authorizedNetworks ?? [],
        problem: `is empty, so the private control plane of ${props.name} would take any address that routes to it (the VPC, every VPN or Interconnect)`,
        fix: "list the internal ranges that need the API server, e.g. [{ cidr: '10.200.8.0/24', displayName: 'corp-vpn' }] (the cluster's own nodes and pods are always admitted)",
      });
    }
    if (access.type === 'public' && access.authorizedNetworks.length === 0) {
      issues.add({ path, field: 'controlPlaneAccess.authorizedNetworks', value: [], problem: 'is empty, so the public endpoint is reachable by nobody', fix: "list authorized networks or use { type: 'private' }" });
    }

    if (!DOMAIN.test(props.groupsDomain)) {
      issues.add({ path, field: 'groupsDomain', value: props.groupsDomain, problem: 'is not a domain name', fix: 'use your Google Workspace domain, e.g. "example.com" (the group is gke-security-groups@<domain>)' });
    }
    add(validateMaintenanceWindow(path, window.startTime, window.endTime, window.recurrence));
    if (managedPrometheusNeedsSystem(props)) {
      issues.add({ path, field: 'monitoringComponents', value: props.monitoringComponents, problem: 'omits SYSTEM_COMPONENTS, which managed Prometheus requires', fix: 'include SYSTEM_COMPONENTS or set managedPrometheus: false' });
    }
    if (props.databaseEncryptionKey !== undefined && !Token.isUnresolved(props.databaseEncryptionKey)) add(validateKmsKeyName(path, 'databaseEncryptionKey', props.databaseEncryptionKey, props.region));
    if (props.nodeServiceAccountEmail && !Token.isUnresolved(props.nodeServiceAccountEmail) && props.nodeServiceAccountEmail.endsWith(DEFAULT_COMPUTE_SA_SUFFIX)) {
      issues.add({
        path,
        field: 'nodeServiceAccountEmail',
        value: props.nodeServiceAccountEmail,
        problem: 'is the Compute Engine default service account (Editor on the project)',
        fix: 'omit it to get a dedicated least-privilege account, or pass one you created',
      });
    }
    if (!props.nodeServiceAccountEmail) {
      const saId = props.nodeServiceAccountId ?? `${props.name}-nodes`;
      if (!SERVICE_ACCOUNT_ID_PATTERN.test(saId)) {
        issues.add({
          path,
          field: props.nodeServiceAccountId ? 'nodeServiceAccountId' : 'nodeServiceAccountId (default <name>-nodes)',
          value: saId,
          problem: 'is not a service account id (6-30 characters: lower-case letter first, then letters, digits or "-")',
          fix: 'set nodeServiceAccountId to a shorter id such as "gke-prod-nodes"',
        });
      }
    }

    // Sizing: the plan's maxNodes plus surge must fit both the pod range and the node subnet.
    add(validateMaxPodsPerNode(path, 'maxPodsPerNode', maxPods));
    if (!Number.isInteger(props.maxNodes) || props.maxNodes < 1) {
      issues.add({ path, field: 'maxNodes', value: props.maxNodes, problem: 'must be a positive integer', fix: 'use the node count the IP plan sized this cluster for' });
    }
    if (!Number.isInteger(surgeNodes) || surgeNodes < 0) {
      issues.add({ path, field: 'surgeNodes', value: surgeNodes, problem: 'must be a non-negative integer', fix: 'use e.g. 3' });
    }
    const sizingOk = issues.issues.every((i) => !['maxPodsPerNode', 'maxNodes', 'surgeNodes'].includes(i.field));
    if (sizingOk) {
      const needed = props.maxNodes + surgeNodes;
      const what = `maxNodes ${props.maxNodes} + ${surgeNodes} surge`;
      if (podRangeCidr && !Token.isUnresolved(podRangeCidr)) {
        const p = parseOrIssue(path, 'podRangeCidr', podRangeCidr);
        add(p.issues);
        // Nodes take pod blocks from every pod range: count the additional ranges whose CIDR is known.
        const extra = (props.additionalPodRangeNames ?? []).flatMap((name) => {
          const cidr = props.additionalPodRangeCidrs?.[name] ?? props.subnet.secondaryRanges.find((r) => r.rangeName === name)?.cidr;
          if (!cidr || Token.isUnresolved(cidr)) return [];
          const parsed = parseOrIssue(path, `additionalPodRangeCidrs.${name}`, cidr);
          add(parsed.issues);
          return parsed.cidr ? [{ name, cidr: parsed.cidr }] : [];
        });
        const field = extra.length > 0 ? `podRangeCidr (${props.podRangeName}) + additional pod ranges` : `podRangeCidr (${props.podRangeName})`;
        if (p.cidr) add(validatePodRangesCapacity(path, field, [{ name: props.podRangeName, cidr: p.cidr }, ...extra], maxPods, needed, what));
      }
      if (nodeSubnetCidr && !Token.isUnresolved(nodeSubnetCidr)) {
        const s = parseOrIssue(path, 'nodeSubnetCidr', nodeSubnetCidr);
        add(s.issues);
        if (s.cidr) add(validateNodeSubnetCapacity(path, `nodeSubnetCidr (${props.subnet.name})`, s.cidr, needed, what));
      }
    }
    issues.throwIfAny();
  }

  /** Binary Authorization, security posture and maintenance exclusions, by the rules the definition uses. */
  private validateSettings(props: GkeClusterProps, binaryAuthorization: BinaryAuthorizationMode): void {
    const path = this.node.path;
    const issues = new IssueCollector();
    for (const issue of validateEnumSettings(path, { binaryAuthorization, securityPosture: props.securityPosture }, { binaryAuthorization: 'binaryAuthorization.evaluationMode', securityPosture: 'securityPosture' })) issues.add(issue);
    for (const issue of validateMaintenanceExclusions(path, 'maintenanceExclusions', props.maintenanceExclusions ?? [])) issues.add(issue);
    if (props.projectNumber !== undefined && !Token.isUnresolved(props.projectNumber) && !/^[1-9][0-9]{5,18}$/.test(props.projectNumber)) {
      issues.add({
        path,
        field: 'projectNumber',
        value: props.projectNumber,
        problem: 'is not a project number (digits only)',
        fix: 'use the number gcloud projects describe <project> --format="value(projectNumber)" prints, not the project id',
      });
    }
    if (props.projectNumber !== undefined && props.databaseEncryptionKey === undefined) {
      issues.add({ path, field: 'projectNumber', value: props.projectNumber, problem: 'is set, but only the databaseEncryptionKey grant uses it', fix: 'remove it, or set databaseEncryptionKey' });
    }
    issues.throwIfAny();
  }

  /** Sum of registered pools against the plan: maxNodes, the node subnet and the default pod range. */
  private validatePools(): string[] {
    if (this.pools.length === 0) return [];
    const issues: ValidationIssue[] = [];
    const path = this.node.path;
    // A pool and its successor count once against maxNodes; in full against the ranges below.
    const total = poolNodesAgainstClusterMax(this.pools);
    const names = this.pools.map((p) => `${p.name}=${p.maxNodes}`).join(', ');
    // GKE upgrades one pool at a time: only the largest blue-green pool's second set of nodes exists at once.
    const upgrading = upgradeDemand(this.pools);
    if (total > this.maxNodes) {
      issues.push({
        path,
        field: 'maxNodes',
        value: this.maxNodes,
        problem: `is below the sum of node pool maximums (${total}: ${names})`,
        fix: "lower the pools' autoscaling maximums or raise maxNodes in the IP plan (and resize its ranges)",
      });
    }
    const withSurge = upgrading.reduce((n, p) => n + p.maxNodes + p.surgeNodes, 0);
    const subnet = this.nodeSubnetCidr ? Cidr.tryParse(this.nodeSubnetCidr) : undefined;
    if (subnet instanceof Cidr) issues.push(...validateNodeSubnetCapacity(path, 'nodeSubnetCidr', subnet, withSurge, `node pools at maximum plus surge (${names})`));
    const pod = this.podRangeCidr ? Cidr.tryParse(this.podRangeCidr) : undefined;
    if (pod instanceof Cidr) {
      const onDefault = upgrading.filter((p) => p.podRangeName === undefined || p.podRangeName === this.podRangeName);
      issues.push(...validatePoolsOnPodRange(path, `podRangeCidr (${this.podRangeName})`, pod, onDefault));
    }
    return issues.length > 0 ? [new ValidationError(issues).message] : [];
  }
}

/** The pools' upgrade demand: surge pools as registered, only the largest blue-green pool with its second set of nodes. */
function upgradeDemand(pools: readonly NodePoolFootprint[]): NodePoolFootprint[] {
  const blueGreen = pools.filter((p) => p.blueGreen);
  const largest = blueGreen.reduce<NodePoolFootprint | undefined>((best, p) => (!best || p.maxNodes > best.maxNodes ? p : best), undefined);
  return pools.map((p) => (p.blueGreen && p !== largest ? { ...p, surgeNodes: 0 } : p));
}

function definedFields<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function managedPrometheusNeedsSystem(props: GkeClusterProps): boolean {
  return (props.managedPrometheus ?? true) && props.monitoringComponents !== undefined && !props.monitoringComponents.includes('SYSTEM_COMPONENTS');
}

class ImportedGkeCluster extends Construct implements IGkeCluster {
  public readonly name: string;
  public readonly location: string;
  public readonly projectId: string;
  public readonly id: string;
  public readonly nodeServiceAccountEmail: string;
  public readonly releaseChannel: ReleaseChannel;
  public readonly podRangeName: string;
  public readonly additionalPodRangeNames?: readonly string[];
  public readonly maxPodsPerNode: number;
  public readonly dataplaneV2: boolean;
  public readonly nodeLocations?: readonly string[];
  public readonly podRangeCidr?: string;

  constructor(scope: Construct, id: string, attrs: GkeClusterAttributes) {
    super(scope, id);
    const path = this.node.path;
    const issues: ValidationIssue[] = [];
    if (!Token.isUnresolved(attrs.name)) issues.push(...validateGkeName(path, 'name', attrs.name));
    if (!Token.isUnresolved(attrs.location)) issues.push(...validateRegion(path, 'location', attrs.location));
    issues.push(...validateMaxPodsPerNode(path, 'maxPodsPerNode', attrs.maxPodsPerNode));
    if (!Token.isUnresolved(attrs.nodeServiceAccountEmail) && attrs.nodeServiceAccountEmail.endsWith(DEFAULT_COMPUTE_SA_SUFFIX)) {
      issues.push({ path, field: 'nodeServiceAccountEmail', value: attrs.nodeServiceAccountEmail, problem: 'is the Compute Engine default service account', fix: "pass the cluster's dedicated node service account" });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    this.name = attrs.name;
    this.location = attrs.location;
    this.projectId = attrs.projectId;
    this.id = `projects/${attrs.projectId}/locations/${attrs.location}/clusters/${attrs.name}`;
    this.nodeServiceAccountEmail = attrs.nodeServiceAccountEmail;
    this.releaseChannel = attrs.releaseChannel ?? DEFAULT_RELEASE_CHANNEL;
    this.podRangeName = attrs.podRangeName;
    this.additionalPodRangeNames = attrs.additionalPodRangeNames;
    this.maxPodsPerNode = attrs.maxPodsPerNode;
    this.dataplaneV2 = attrs.dataplaneV2 ?? true;
    this.nodeLocations = attrs.nodeLocations;
    this.podRangeCidr = attrs.podRangeCidr;
  }
}
