/**
 * The direct baseline: the resources the library synthesizes for a platform, written by hand with the
 * provider resource classes (no library constructs, no validation, no IP plan: ranges are simple
 * arithmetic, as a hand-written app would hard-code them). Same stacks, same resource types and counts,
 * same cross-stack references, so `library time / baseline time` is the library's own overhead.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { ComputeExternalVpnGateway } from '@cdktf/provider-google/lib/compute-external-vpn-gateway';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetworkPeeringRoutesConfig } from '@cdktf/provider-google/lib/compute-network-peering-routes-config';
import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
import { ComputeInterconnectAttachment } from '@cdktf/provider-google/lib/compute-interconnect-attachment';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterInterface } from '@cdktf/provider-google/lib/compute-router-interface';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeRouterPeer } from '@cdktf/provider-google/lib/compute-router-peer';
import { ComputeSharedVpcHostProject } from '@cdktf/provider-google/lib/compute-shared-vpc-host-project';
import { ComputeSharedVpcServiceProject } from '@cdktf/provider-google/lib/compute-shared-vpc-service-project';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ComputeSubnetworkIamMember } from '@cdktf/provider-google/lib/compute-subnetwork-iam-member';
import { ComputeVpnTunnel } from '@cdktf/provider-google/lib/compute-vpn-tunnel';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { GkeHubFeatureMembership } from '@cdktf/provider-google/lib/gke-hub-feature-membership';
import { GkeHubMembership } from '@cdktf/provider-google/lib/gke-hub-membership';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// Types only: the baseline reads the same plain definition, nothing of the library runs.
import type { HaVpnToAwsLinkDefinition, InterconnectLinkDefinition } from '../../lib/domain/platform/hybrid-link-definition';
import type { ClusterDefinition, PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { platformProjectServices } from '../../lib/domain/platform/project-services';
import { GKE_SHARED_VPC_FIREWALL_PERMISSIONS, GKE_SHARED_VPC_FIREWALL_ROLE_ID } from '../../lib/domain/network/network-rules';

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const LABELS = (platform: string) => ({ 'managed-by': 'gke-platform-cdk', platform });
const CP_PORTS = ['443', '8443', '9443', '10250'];
const WORKLOAD_CLASS = { general: 'general', 'spot-batch': 'batch', gpu: 'gpu' } as const;
const IKE = { ike: ['ikev2'], dh: [20], enc: ['AES256'], int: ['SHA2-256'] };

/** Hand-written ranges per cluster index (what a hand-written app would hard-code). */
function clusterCidrs(i: number) {
  return {
    nodes: `10.${i >> 6}.${(i & 63) * 4}.0/22`,
    pods: `100.${64 + (i >> 1)}.${(i & 1) * 128}.0/17`,
    services: `10.${128 + (i >> 4)}.${(i & 15) * 16}.0/20`,
    controlPlane: `172.16.${i >> 4}.${(i & 15) * 16}/28`,
  };
}

function backend(stack: TerraformStack, name: string): void {
  new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
}

/** Builds every stack of the platform directly from provider resources. */
export function buildBaselineStacks(scope: Construct, def: PlatformDefinition): void {
  const p = def.name;
  const host = def.network.project;
  const cidrs = new Map(def.clusters.map((c, i) => [c.name, clusterCidrs(i)]));

  // Network
  const netName = `${p}-network`;
  // Every API the stacks use, per project, in a stack of its own (the list is the library's, as the resource counts must match).
  const servicesStack = new TerraformStack(scope, `${p}-project-services`);
  backend(servicesStack, `${p}-project-services`);
  new GoogleProvider(servicesStack, 'google', {});
  for (const [project, apis] of Object.entries(platformProjectServices(def, { gitOps: true }))) {
    for (const api of apis) new ProjectService(servicesStack, `${project}-${api.split('.')[0]}`, { project, service: api, disableOnDestroy: false, disableDependentServices: false });
  }
  const net = new TerraformStack(scope, netName);
  backend(net, netName);
  new GoogleProvider(net, 'google', { project: host, defaultLabels: LABELS(p) });
  const vpc = new ComputeNetwork(net, 'Network', { project: host, name: def.network.name, autoCreateSubnetworks: false, routingMode: def.network.routingMode ?? 'GLOBAL', mtu: def.network.mtu ?? 1460, deleteDefaultRoutesOnCreate: false });
  const subnets = new Map<string, ComputeSubnetwork>();
  for (const c of def.clusters) {
    const r = cidrs.get(c.name)!;
    subnets.set(
      c.name,
      new ComputeSubnetwork(net, `Subnet-gke-${c.name}`, {
        project: host,
        name: `gke-${c.name}`,
        region: c.region,
        network: vpc.id,
        ipCidrRange: r.nodes,
        description: `GKE cluster ${c.name} (${c.environment})`,
        privateIpGoogleAccess: true,
        logConfig: { aggregationInterval: 'INTERVAL_1_MIN', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
        secondaryIpRange: [
          { rangeName: `${c.name}-pods`, ipCidrRange: r.pods },
          { rangeName: `${c.name}-services`, ipCidrRange: r.services },
        ],
      }),
    );
    new ComputeFirewall(net, `AllowControlPlane-${r.controlPlane.replace(/[./]/g, '-')}`, {
      project: host,
      name: `${def.network.name}-allow-cp-${r.controlPlane.replace(/[./]/g, '-')}`,
      network: vpc.id,
      direction: 'INGRESS',
      description: `GKE control plane ${r.controlPlane} to nodes: kubelet and admission webhooks`,
      sourceRanges: [r.controlPlane],
      targetTags: ['gke-node'],
      allow: [{ protocol: 'tcp', ports: CP_PORTS }],
    });
  }
  // Issue 12's reachability fixes, written by hand: nodes and pods of each cluster admitted to each other, and the
  // private zone that sends googleapis.com to the Private Google Access VIPs.
  def.clusters.forEach((c, i) => {
    const r = clusterCidrs(i);
    new ComputeFirewall(net, `AllowClusterInternal-${c.name}`, {
      project: host,
      name: `${def.network.name}-${c.name}-internal`,
      network: vpc.id,
      direction: 'INGRESS',
      description: `GKE cluster ${c.name}: nodes and pods to nodes and pods, every protocol`,
      sourceRanges: [r.nodes, r.pods],
      targetTags: ['gke-node'],
      allow: [{ protocol: 'all' }],
    });
  });
  const zone = new DnsManagedZone(net, 'GoogleApisDns', { project: host, name: `${def.network.name}-googleapis`, dnsName: 'googleapis.com.', visibility: 'private', privateVisibilityConfig: { networks: [{ networkUrl: vpc.id }] } });
  new DnsRecordSet(net, 'GoogleApisDns-PrivateA', { project: host, managedZone: zone.name, name: 'private.googleapis.com.', type: 'A', ttl: 300, rrdatas: ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'] });
  new DnsRecordSet(net, 'GoogleApisDns-Wildcard', { project: host, managedZone: zone.name, name: '*.googleapis.com.', type: 'CNAME', ttl: 300, rrdatas: ['private.googleapis.com.'] });
  new ComputeFirewall(net, 'AllowHealthChecks', {
    project: host,
    name: `${def.network.name}-allow-health-checks`,
    network: vpc.id,
    direction: 'INGRESS',
    description: 'Google Cloud load balancer health checks to GKE nodes',
    sourceRanges: ['35.191.0.0/16', '130.211.0.0/22'],
    targetTags: ['gke-node'],
    allow: [{ protocol: 'tcp' }],
  });
  for (const region of def.regions) {
    const regional = def.clusters.filter((c) => c.region === region);
    if (regional.length === 0) continue;
    const router = new ComputeRouter(net, `Nat-${region}-Router`, { project: host, name: `${def.network.name}-${region}-nat-router`, region, network: vpc.id, bgp: { asn: 64514 } });
    new ComputeRouterNat(net, `Nat-${region}`, {
      project: host,
      name: `${def.network.name}-${region}-nat`,
      region,
      router: router.name,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: regional.map((c) => ({ name: subnets.get(c.name)!.id, sourceIpRangesToNat: ['PRIMARY_IP_RANGE', 'LIST_OF_SECONDARY_IP_RANGES'], secondaryIpRangeNames: [`${c.name}-pods`] })),
      enableDynamicPortAllocation: true,
      enableEndpointIndependentMapping: false,
      minPortsPerVm: 64,
      maxPortsPerVm: 4096,
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
  }
  const serviceProjects = [...new Set(def.clusters.map((c) => c.project))].filter((x) => x !== host).sort();
  const hostProject = new ComputeSharedVpcHostProject(net, 'SharedVpc', { project: host });
  const firewallRole =
    serviceProjects.length > 0
      ? new ProjectIamCustomRole(net, 'SharedVpc-GkeFirewallRole', {
          project: host,
          roleId: GKE_SHARED_VPC_FIREWALL_ROLE_ID,
          title: 'GKE firewall management (Shared VPC)',
          permissions: [...GKE_SHARED_VPC_FIREWALL_PERMISSIONS],
        })
      : undefined;
  for (const projectId of serviceProjects) {
    const project = new DataGoogleProject(net, `SharedVpc-${projectId}-Project`, { projectId });
    new ComputeSharedVpcServiceProject(net, `SharedVpc-${projectId}-Attachment`, { hostProject: hostProject.project, serviceProject: projectId });
    const gkeAgent = `serviceAccount:service-${project.number}@container-engine-robot.iam.gserviceaccount.com`;
    const apisAgent = `serviceAccount:${project.number}@cloudservices.gserviceaccount.com`;
    new ProjectIamMember(net, `SharedVpc-${projectId}-HostServiceAgentUser`, { project: host, role: 'roles/container.hostServiceAgentUser', member: gkeAgent });
    if (firewallRole) new ProjectIamMember(net, `SharedVpc-${projectId}-GkeFirewallManager`, { project: host, role: firewallRole.name, member: gkeAgent });
    for (const c of def.clusters.filter((x) => x.project === projectId)) {
      for (const [agent, member] of [
        ['ApisAgent', apisAgent],
        ['GkeAgent', gkeAgent],
      ]) {
        new ComputeSubnetworkIamMember(net, `SharedVpc-${projectId}-gke-${c.name}-${agent}`, { project: host, region: c.region, subnetwork: subnets.get(c.name)!.id, role: 'roles/compute.networkUser', member });
      }
    }
  }

  // Fleet
  const fleetName = `${p}-fleet`;
  const fleet = new TerraformStack(scope, fleetName);
  backend(fleet, fleetName);
  new GoogleProvider(fleet, 'google', {});
  for (const project of [...new Set(def.clusters.map((c) => c.project))].sort()) {
    new GkeHubFeature(fleet, project, { project, name: 'configmanagement', location: 'global' });
  }

  // Clusters
  const clusterStacks: TerraformStack[] = [];
  for (const c of def.clusters) clusterStacks.push(clusterStack(scope, def, c, cidrs.get(c.name)!, vpc, subnets.get(c.name)!, net, fleet));

  // Links
  for (const link of def.hybridLinks ?? []) {
    if (link.kind === 'ha-vpn-aws') vpnStack(scope, def, link, vpc, net);
    else if (link.kind === 'interconnect') interconnectStack(scope, def, link, vpc, net);
  }

  // Developer-namespace owners: cluster viewer on the developer cluster's project, one grant per owner.
  if (def.developerNamespaces) {
    const name = `${p}-developers`;
    const stack = new TerraformStack(scope, name);
    backend(stack, name);
    new GoogleProvider(stack, 'google', { defaultLabels: LABELS(p) });
    const project = def.clusters.find((c) => c.name === def.developerNamespaces?.cluster)?.project ?? host;
    for (const owner of [...new Set(def.developerNamespaces.namespaces.map((ns) => ns.owner))]) {
      new ProjectIamMember(stack, `ClusterViewer-${owner}`, { project, role: 'roles/container.clusterViewer', member: `user:${owner}` });
    }
  }

  // Tenant identities
  const tenants = def.tenants ?? [];
  if (tenants.length > 0) {
    const name = `${p}-tenants`;
    const stack = new TerraformStack(scope, name);
    backend(stack, name);
    new GoogleProvider(stack, 'google', { defaultLabels: LABELS(p) });
    const projectOf = new Map(def.clusters.map((c) => [c.name, c.project]));
    for (const tenant of tenants) {
      const project = projectOf.get(tenant.clusters[0])!;
      const scopeT = new Construct(stack, tenant.name);
      for (const wi of tenant.workloadIdentities ?? []) {
        const scopeG = new Construct(scopeT, wi.gsa);
        const sa = new ServiceAccount(scopeG, 'Resource', {
          project,
          accountId: wi.gsa,
          displayName: `${tenant.name}/${wi.ksa}`,
          description: `Workload Identity of Kubernetes service account ${tenant.name}/${wi.ksa} (tenant ${tenant.name})`,
        });
        new ServiceAccountIamMember(scopeG, 'WorkloadIdentityUser', { serviceAccountId: sa.name, role: 'roles/iam.workloadIdentityUser', member: `serviceAccount:${project}.svc.id.goog[${tenant.name}/${wi.ksa}]` });
        for (const role of wi.projectRoles) new ProjectIamMember(scopeG, `Role-${role.replace(/\//g, '-')}`, { project, role, member: sa.member });
        for (const grant of wi.resourceRoles ?? []) {
          const id = `Grant-${grant.kind}-${grant.name}-${grant.role.replace(/\//g, '-')}`;
          if (grant.kind === 'storage-bucket') new StorageBucketIamMember(scopeG, id, { bucket: grant.name, role: grant.role, member: sa.member });
          else if (grant.kind === 'pubsub-subscription') new PubsubSubscriptionIamMember(scopeG, id, { project, subscription: grant.name, role: grant.role, member: sa.member });
          else throw new Error(`baseline: resource kind ${grant.kind} is not written by hand here`);
        }
      }
      for (const group of [tenant.groups.admin, tenant.groups.developer, tenant.groups.viewer]) {
        if (group) new ProjectIamMember(scopeT, `ClusterViewer-${group}`, { project, role: 'roles/container.clusterViewer', member: `group:${group}` });
      }
    }
    for (const s of clusterStacks) stack.addDependency(s);
  }
}

function clusterStack(scope: Construct, def: PlatformDefinition, c: ClusterDefinition, r: ReturnType<typeof clusterCidrs>, vpc: ComputeNetwork, subnet: ComputeSubnetwork, net: TerraformStack, fleet: TerraformStack): TerraformStack {
  const name = `${def.name}-cluster-${c.name}`;
  const stack = new TerraformStack(scope, name);
  backend(stack, name);
  new GoogleProvider(stack, 'google', { project: c.project, region: c.region, defaultLabels: LABELS(def.name) });
  stack.addDependency(net);
  stack.addDependency(fleet);
  const zones = c.zones ?? ['a', 'b', 'c'].map((z) => `${c.region}-${z}`);
  const sa = new ServiceAccount(stack, 'Cluster-NodeServiceAccount', {
    project: c.project,
    accountId: `${c.name}-nodes`.slice(0, 30),
    displayName: `GKE nodes of ${c.name}-nodes`,
    description: 'Least-privilege identity of GKE nodes (workloads use Workload Identity instead)',
  });
  const grants = ['roles/container.defaultNodeServiceAccount', 'roles/artifactregistry.reader'].map(
    (role) => new ProjectIamMember(stack, `Cluster-NodeServiceAccount-${role.replace(/^roles\//, '').replace(/[^A-Za-z0-9]/g, '-')}`, { project: c.project, role, member: sa.member }),
  );
  const nodeConfigBase = { oauthScopes: [CLOUD_PLATFORM], serviceAccount: sa.email, shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true }, workloadMetadataConfig: { mode: 'GKE_METADATA' } };
  const cluster = new ContainerCluster(stack, 'Cluster', {
    project: c.project,
    name: c.name,
    location: c.region,
    nodeLocations: [...zones],
    network: vpc.id,
    subnetwork: subnet.id,
    networkingMode: 'VPC_NATIVE',
    datapathProvider: 'ADVANCED_DATAPATH',
    defaultMaxPodsPerNode: c.maxPodsPerNode,
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    deletionProtection: true,
    enableLegacyAbac: false,
    enableShieldedNodes: true,
    serviceExternalIpsConfig: { enabled: false },
    ipAllocationPolicy: { clusterSecondaryRangeName: `${c.name}-pods`, servicesSecondaryRangeName: `${c.name}-services`, stackType: 'IPV4' },
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: r.controlPlane, masterGlobalAccessConfig: { enabled: true } },
    masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: false, cidrBlocks: (c.authorizedNetworks ?? []).map((n) => ({ cidrBlock: n.cidr, displayName: n.name })) },
    masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
    authenticatorGroupsConfig: { securityGroup: `gke-security-groups@${def.organization.domain}` },
    binaryAuthorization: { evaluationMode: 'DISABLED' },
    costManagementConfig: { enabled: true },
    workloadIdentityConfig: { workloadPool: `${c.project}.svc.id.goog` },
    releaseChannel: { channel: c.releaseChannel ?? 'REGULAR' },
    loggingConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'] },
    monitoringConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'APISERVER', 'SCHEDULER', 'CONTROLLER_MANAGER', 'STORAGE', 'POD', 'DEPLOYMENT', 'STATEFULSET', 'DAEMONSET', 'HPA'], managedPrometheus: { enabled: true } },
    maintenancePolicy: { recurringWindow: { startTime: '2025-01-04T02:00:00Z', endTime: '2025-01-04T08:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU' } },
    nodeConfig: nodeConfigBase,
    nodePoolDefaults: { nodeConfigDefaults: { insecureKubeletReadonlyPortEnabled: 'FALSE' } },
    resourceLabels: { environment: c.environment },
    lifecycle: { ignoreChanges: ['node_config', 'initial_node_count'] },
    dependsOn: grants,
  });
  new ComputeNetworkPeeringRoutesConfig(stack, 'ControlPlanePeeringRoutes', { project: def.network.project, network: vpc.name, peering: cluster.privateClusterConfig.peeringName, exportCustomRoutes: true, importCustomRoutes: false });
  const pools = [
    ...c.nodePools.map((pool) => ({ pool, tenant: undefined as string | undefined })),
    ...(def.tenants ?? [])
      .filter((t) => t.isolation === 'dedicated-nodes' && t.dedicatedNodes && t.clusters.includes(c.name))
      .map((t) => ({ pool: { ...t.dedicatedNodes!, name: `tenant-${t.name}`, kind: t.dedicatedNodes!.kind ?? 'general' }, tenant: t.name })),
  ];
  for (const { pool, tenant } of pools) {
    const min = pool.minNodes ?? (pool.kind === 'general' ? zones.length : 0);
    const spot = pool.kind === 'spot-batch';
    new ContainerNodePool(stack, pool.name, {
      project: c.project,
      cluster: cluster.id,
      location: c.region,
      name: pool.name,
      initialNodeCount: min > 0 ? 1 : 0,
      maxPodsPerNode: pool.maxPodsPerNode ?? c.maxPodsPerNode,
      autoscaling: { totalMinNodeCount: min, totalMaxNodeCount: pool.maxNodes, locationPolicy: pool.kind === 'general' ? 'BALANCED' : 'ANY' },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { strategy: 'SURGE', maxSurge: pool.maxSurge ?? 1, maxUnavailable: 0 },
      nodeConfig: {
        ...nodeConfigBase,
        machineType: pool.machineType ?? 'e2-standard-4',
        diskSizeGb: 100,
        diskType: 'pd-balanced',
        imageType: 'COS_CONTAINERD',
        spot,
        tags: ['gke-node'],
        labels: tenant ? { tenant } : { 'workload-class': WORKLOAD_CLASS[pool.kind] },
        taint: tenant ? [{ key: 'tenant', value: tenant, effect: 'NO_SCHEDULE' }] : pool.kind === 'spot-batch' ? [{ key: 'workload-class', value: 'batch', effect: 'NO_SCHEDULE' }] : undefined,
        guestAccelerator: pool.gpu ? [{ type: pool.gpu.type, count: pool.gpu.count, gpuDriverInstallationConfig: { gpuDriverVersion: 'LATEST' } }] : undefined,
      },
      lifecycle: { ignoreChanges: ['initial_node_count'] },
    });
  }
  const membership = new GkeHubMembership(stack, 'ConfigSync-Membership', { project: c.project, membershipId: c.name, location: c.region, endpoint: { gkeCluster: { resourceLink: `//container.googleapis.com/${cluster.id}` } } });
  new GkeHubFeatureMembership(stack, 'ConfigSync', {
    project: c.project,
    location: 'global',
    feature: 'configmanagement',
    membership: membership.membershipId,
    membershipLocation: c.region,
    configmanagement: {
      management: 'MANAGEMENT_AUTOMATIC',
      configSync: {
        enabled: true,
        preventDrift: true,
        sourceFormat: 'unstructured',
        git: { syncRepo: 'https://github.com/example/platform-manifests.git', syncBranch: 'main', policyDir: `dist/${c.name}`, secretType: 'none', syncWaitSecs: '15' },
      },
    },
  });
  return stack;
}

function vpnStack(scope: Construct, def: PlatformDefinition, link: HaVpnToAwsLinkDefinition, vpc: ComputeNetwork, net: TerraformStack): void {
  const name = `${def.name}-link-${link.name}`;
  const stack = new TerraformStack(scope, name);
  backend(stack, name);
  stack.addDependency(net);
  const project = def.network.project;
  const remote = (def.remoteNetworks ?? []).find((n) => n.name === link.remoteNetwork)!;
  new GoogleProvider(stack, 'google', { project, defaultLabels: LABELS(def.name) });
  new AwsProvider(stack, 'aws', { region: remote.awsRegion, defaultTags: [{ tags: LABELS(def.name) }] });
  new RandomProvider(stack, 'random');
  const index = (def.hybridLinks ?? []).indexOf(link);
  const inside = [0, 1, 2, 3].map((t) => ({ net: `169.254.${10 + index}.${t * 4}/30`, gcp: `169.254.${10 + index}.${t * 4 + 2}`, aws: `169.254.${10 + index}.${t * 4 + 1}` }));
  const amazonAsn = link.aws.amazonSideAsn ?? 64512;
  const ha = new ComputeHaVpnGateway(stack, 'Link', { project, region: link.region, name: link.name, network: vpc.selfLink });
  const router = new ComputeRouter(stack, 'Link-Router', { project, region: link.region, name: `${link.name}-router`, network: vpc.selfLink, bgp: { asn: link.gcpAsn } });
  const tgw = new Ec2TransitGateway(stack, 'Link-TransitGateway', {
    amazonSideAsn: amazonAsn,
    description: `HA VPN ${link.name} to GCP`,
    vpnEcmpSupport: 'enable',
    defaultRouteTableAssociation: 'enable',
    defaultRouteTablePropagation: 'enable',
    tags: { Name: link.name },
  });
  const attachment = new Ec2TransitGatewayVpcAttachment(stack, 'Link-TransitGatewayAttachment', { transitGatewayId: tgw.id, vpcId: link.aws.vpcId, subnetIds: [...(link.aws.subnetIds ?? [])], tags: { Name: link.name } });
  const keys = inside.map((_, t) => {
    const lead = new Password(stack, `Link-PreSharedKeys-Tunnel${t}Lead`, { length: 1, upper: true, lower: true, numeric: false, special: false });
    const body = new Password(stack, `Link-PreSharedKeys-Tunnel${t}Body`, { length: 47, upper: true, lower: true, numeric: true, special: true, overrideSpecial: '._' });
    return `${lead.result}${body.result}`;
  });
  const connections = (['A', 'B'] as const).map((letter, i) => {
    const cgw = new CustomerGateway(stack, `Link-CustomerGateway${letter}`, { bgpAsn: String(link.gcpAsn), ipAddress: ha.vpnInterfaces.get(i).ipAddress, type: 'ipsec.1', tags: { Name: `${link.name}-${letter.toLowerCase()}` } });
    const [t1, t2] = [inside[2 * i], inside[2 * i + 1]];
    return new VpnConnection(stack, `Link-VpnConnection${letter}`, {
      customerGatewayId: cgw.id,
      transitGatewayId: tgw.id,
      type: 'ipsec.1',
      staticRoutesOnly: false,
      tags: { Name: `${link.name}-${letter.toLowerCase()}` },
      tunnel1InsideCidr: t1.net,
      tunnel1PresharedKey: keys[2 * i],
      tunnel1IkeVersions: IKE.ike,
      tunnel1Phase1DhGroupNumbers: IKE.dh,
      tunnel1Phase1EncryptionAlgorithms: IKE.enc,
      tunnel1Phase1IntegrityAlgorithms: IKE.int,
      tunnel1Phase2DhGroupNumbers: IKE.dh,
      tunnel1Phase2EncryptionAlgorithms: IKE.enc,
      tunnel1Phase2IntegrityAlgorithms: IKE.int,
      tunnel2InsideCidr: t2.net,
      tunnel2PresharedKey: keys[2 * i + 1],
      tunnel2IkeVersions: IKE.ike,
      tunnel2Phase1DhGroupNumbers: IKE.dh,
      tunnel2Phase1EncryptionAlgorithms: IKE.enc,
      tunnel2Phase1IntegrityAlgorithms: IKE.int,
      tunnel2Phase2DhGroupNumbers: IKE.dh,
      tunnel2Phase2EncryptionAlgorithms: IKE.enc,
      tunnel2Phase2IntegrityAlgorithms: IKE.int,
    });
  });
  const peer = new ComputeExternalVpnGateway(stack, 'Link-PeerGateway', {
    project,
    name: link.name,
    redundancyType: 'FOUR_IPS_REDUNDANCY',
    interface: [
      { id: 0, ipAddress: connections[0].tunnel1Address },
      { id: 1, ipAddress: connections[0].tunnel2Address },
      { id: 2, ipAddress: connections[1].tunnel1Address },
      { id: 3, ipAddress: connections[1].tunnel2Address },
    ],
  });
  const controlPlanes = link.advertise?.controlPlanes ? def.clusters.filter((c) => c.region === link.region).map((c) => ({ range: clusterCidrs(def.clusters.indexOf(c)).controlPlane, description: `${c.name} control plane` })) : [];
  inside.forEach((t, i) => {
    const tunnel = new ComputeVpnTunnel(stack, `Link-Tunnel${i}`, {
      project,
      region: link.region,
      name: `${link.name}-${i}`,
      vpnGateway: ha.id,
      vpnGatewayInterface: i >> 1,
      peerExternalGateway: peer.id,
      peerExternalGatewayInterface: i,
      router: router.name,
      ikeVersion: 2,
      sharedSecret: keys[i],
    });
    const iface = new ComputeRouterInterface(stack, `Link-RouterInterface${i}`, { project, region: link.region, name: `${link.name}-${i}`, router: router.name, ipRange: `${t.gcp}/30`, vpnTunnel: tunnel.name });
    new ComputeRouterPeer(stack, `Link-BgpPeer${i}`, {
      project,
      region: link.region,
      name: `${link.name}-${i}`,
      router: router.name,
      interface: iface.name,
      ipAddress: t.gcp,
      peerIpAddress: t.aws,
      peerAsn: amazonAsn,
      advertiseMode: 'CUSTOM',
      advertisedGroups: ['ALL_SUBNETS'],
      advertisedIpRanges: controlPlanes,
    });
  });
  // Routes to every cluster's node and pod ranges, in each route table.
  for (const [key, routeTableId] of Object.entries(link.aws.routeTableIds ?? {})) {
    def.clusters.forEach((_, i) => {
      const r = clusterCidrs(i);
      for (const cidr of [r.nodes, r.pods]) {
        new Route(stack, `Link-Route-${key}-${cidr.replace(/[./]/g, '-')}`, { routeTableId, destinationCidrBlock: cidr, transitGatewayId: tgw.id, dependsOn: [attachment] });
      }
    });
    // The control planes advertised over the link are reached over it too (issue 12).
    for (const { range } of controlPlanes) {
      new Route(stack, `Link-Route-${key}-${range.replace(/[./]/g, '-')}`, { routeTableId, destinationCidrBlock: range, transitGatewayId: tgw.id, dependsOn: [attachment] });
    }
  }
}

function interconnectStack(scope: Construct, def: PlatformDefinition, link: InterconnectLinkDefinition, vpc: ComputeNetwork, net: TerraformStack): void {
  const name = `${def.name}-link-${link.name}`;
  const stack = new TerraformStack(scope, name);
  backend(stack, name);
  stack.addDependency(net);
  const project = def.network.project;
  new GoogleProvider(stack, 'google', { project, defaultLabels: LABELS(def.name) });
  const routers = new Map<string, ComputeRouter>();
  for (const region of [...new Set(link.attachments.map((a) => a.region))].sort()) {
    routers.set(
      region,
      new ComputeRouter(stack, `Link-Router-${region}`, {
        project,
        region,
        name: `${link.name}-${region}`,
        network: vpc.selfLink,
        bgp: { asn: link.gcpAsn ?? 16550, advertiseMode: 'CUSTOM', advertisedGroups: ['ALL_SUBNETS'], advertisedIpRanges: link.advertise?.privateGoogleAccess ? [{ range: '199.36.153.8/30', description: 'private.googleapis.com' }] : [] },
      }),
    );
  }
  for (const a of link.attachments) {
    const attachment = new ComputeInterconnectAttachment(stack, `Link-Attachment-${a.name}`, {
      project,
      region: a.region,
      name: a.name,
      router: routers.get(a.region)!.selfLink,
      type: link.type,
      edgeAvailabilityDomain: a.edgeAvailabilityDomain,
      adminEnabled: true,
      encryption: 'NONE',
      mtu: String(link.mtu ?? def.network.mtu ?? 1460),
    });
    new TerraformOutput(stack, `Link-PairingKey-${a.name}`, { value: attachment.pairingKey, description: `Pairing key of ${a.name} (${a.edgeAvailabilityDomain}); give it to the partner` });
  }
}
