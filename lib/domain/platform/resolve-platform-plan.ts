import { Cidr } from '../ip-plan/cidr';
import { clusterNodeTag } from '../network/network-rules';
import { deriveAddOnTraffic } from '../addons/traffic-plan';
import type { AddOnTrafficNeed } from '../addons/traffic-needs';
import { PARTNER_INTERCONNECT_ASN } from '../hybrid/asn';
import { PRIVATE_GOOGLE_APIS_CIDR } from '../hybrid/advertisements';
import type { GkeRangeNames } from '../ip-plan/plan-requests';
import type { ResolvedIpPlan } from '../ip-plan/resolved-ip-plan';
import { resolveTenantPlacement, tenantPlacement } from '../tenancy/tenant-placement';
import { resolveTenant } from '../tenancy/tenant-spec';
import { additionalPodRangeName, clusterSubnetName, podRangeName, servicesRangeName, stackNames } from './gcp-names';
import { HybridLinkDefinition, LinkAdvertisements, linkBgpRanges } from './hybrid-link-definition';
import {
  DEFAULT_AMAZON_SIDE_ASN,
  DEFAULT_AWS_GATEWAY_TYPE,
  DEFAULT_EXISTING_NETWORK_DEFAULT_ROUTE,
  DEFAULT_EXISTING_SERVICE_PROJECT_ATTACHMENTS,
  DEFAULT_GPU,
  DEFAULT_GPU_DRIVER_VERSION,
  DEFAULT_MACHINE_TYPES,
  DEFAULT_MAX_RESOURCES_PER_STATE,
  DEFAULT_MAX_UNAVAILABLE,
  DEFAULT_NETWORK_MTU,
  DEFAULT_ROUTING_MODE,
  defaultMinNodes,
} from './platform-defaults';
import type { ClusterDefinition, PlatformDefinition } from './platform-definition';
import type { NodePoolDefinition } from './node-pool-definition';
import { clusterBlueGreenNodes, clusterRangePrefix, clusterSurgeNodes, clusterZones } from './platform-ip-plan';
import { existingNetworkReservations } from './existing-network';
import { resolvePoolUpgrade } from './pool-upgrades';
import { developerNamespaceLimits, tenantLimitsOnCluster } from './tenant-limits';
import { tenantGpuQuota } from './tenant-gpu-quota';
import type { AdditionalPodRangePlan, AdvertisementsPlan, ClusterGenerationPlan, ClusterPlan, LinkPlan, NetworkPlan, NodePoolPlan, PlatformPlan, RetiringGenerationPlan, TenantPlan } from './platform-plan';
import { ExpandedGeneration, expandClusterGenerations } from './cluster-generations';
import { PlatformTenant, tenantProjects, tenantsOnCluster } from './tenant-definition';
import { tenantCostLabels } from './platform-labels';
import { ClusterNodePools, indexTenants } from './tenant-index';
import { resolveClusterSettings } from './cluster-settings-plan';
import { assignTenantStates, estimateTenantIdentityResources, TENANT_STATES_LOCK_FILE } from './tenant-states';

/**
 * Resolves a validated definition and its resolved IP plan into the `PlatformPlan` every stack and chart reads.
 * Call it on a definition `assertPlatform` accepted (`loadPlatform` does both): it trusts the rules hold.
 */
export function resolvePlatformPlan(
  declared: PlatformDefinition,
  ipPlan: ResolvedIpPlan,
  clusterRanges: ReadonlyMap<string, GkeRangeNames>,
  tenantStates?: Readonly<Record<string, string>>,
  addOnNeeds: readonly AddOnTrafficNeed[] = [],
): PlatformPlan {
  // Every active generation is a cluster from here on; the plan remembers which generation each is.
  const { definition, generations, retiring } = expandClusterGenerations(declared);
  const rangesOf = (cluster: ClusterDefinition): GkeRangeNames => {
    const ranges = clusterRanges.get(cluster.name);
    if (!ranges) throw new Error(`cluster ${cluster.name} has no ranges in the IP plan (${clusterRangePrefix(cluster)}/...)`);
    return ranges;
  };
  // Built once: per tenant per cluster, rebuilding a cluster's pools (or finding a cluster by name) is quadratic.
  const index = indexTenants(definition);
  const declaredClusters = definition.clusters.map((cluster) => withGeneration(resolveCluster(definition, ipPlan, cluster, rangesOf(cluster), index.nodePools(cluster)), generations.get(cluster.name)));
  // The add-ons' needs add authorized networks before the links are resolved: a control plane authorizing a range of
  // a remote network is advertised to it, so the derived entry is routed too.
  const addOnTraffic = deriveAddOnTraffic(addOnNeeds, declaredClusters);
  const clusters = declaredClusters.map((c) => (addOnTraffic.authorizedNetworks[c.name] ? { ...c, authorizedNetworks: [...c.authorizedNetworks, ...addOnTraffic.authorizedNetworks[c.name]] } : c));
  const clusterPlanOf = firstByName(clusters);
  const clusterOf = firstByName(definition.clusters);
  const network = resolveNetwork(definition, clusters);
  const developerCluster = definition.clusters.find((c) => c.name === definition.developerNamespaces?.cluster);
  // Without a record (a plan resolved on its own), every tenant is placed by the shard rule.
  const states = tenantStates ?? placeTenantStates(definition, clusterPlanOf);
  return {
    name: definition.name,
    organization: definition.organization,
    definition,
    ipPlan,
    network,
    clusters,
    links: (definition.hybridLinks ?? []).map((link) => resolveLink(definition, ipPlan, network, clusters, link)),
    tenants: (definition.tenants ?? []).map((tenant) => {
      const resolved = resolveTenant(tenant);
      const projectOf = (name: string) => clusterPlanOf.get(name)?.project ?? '';
      const limitsOn = (name: string) => {
        const cluster = clusterOf.get(name);
        return cluster ? tenantLimitsOnCluster(definition, cluster, tenant, index.nodePools(cluster)).limits : resolved.limits;
      };
      const gpusOn = (name: string) => {
        const cluster = clusterOf.get(name);
        return cluster ? tenantGpuQuota(definition, cluster, tenant, index.nodePools(cluster)).gpus : resolved.quota.gpus;
      };
      const plan: TenantPlan = {
        name: tenant.name,
        definition: tenant,
        resolved,
        isolation: resolved.isolation,
        project: projectOf(tenant.clusters[0]),
        projects: tenantProjects(tenant, projectOf),
        clusters: tenant.clusters,
        stack: states[tenant.name],
        placement: resolveTenantPlacement(tenant),
        namespaces: tenant.clusters.map((cluster) => ({ cluster, namespace: tenant.name, project: projectOf(cluster), limits: limitsOn(cluster), gpus: gpusOn(cluster) })),
      };
      return plan;
    }),
    developerNamespaces: definition.developerNamespaces,
    ...(developerCluster ? { developerNamespaceLimits: developerNamespaceLimits(definition, developerCluster).limits } : {}),
    stacks: {
      network: stackNames.network(definition.name),
      fleet: stackNames.fleet(definition.name),
      clusters: Object.fromEntries(clusters.map((c) => [c.name, c.stack])),
      links: Object.fromEntries((definition.hybridLinks ?? []).map((l) => [l.name, stackNames.link(definition.name, l.name)])),
      tenantStates: Object.fromEntries((definition.tenants ?? []).map((t) => [t.name, states[t.name]])),
      ...(definition.developerNamespaces ? { developers: stackNames.developers(definition.name) } : {}),
    },
    maxResourcesPerState: definition.terraformStates?.maxResources ?? DEFAULT_MAX_RESOURCES_PER_STATE,
    addOnTraffic,
    ...(retiring.length > 0 ? { retiringGenerations: retiring.map((r) => retiringGeneration(definition.name, ipPlan, r)) } : {}),
  };
}

/** The cluster with its generation, when its definition declares generations (else as it is: no new field). */
function withGeneration(cluster: ClusterPlan, generation: ClusterGenerationPlan | undefined): ClusterPlan {
  return generation ? { ...cluster, generation } : cluster;
}

/** A retiring generation: its stack to park and the ranges it still has recorded (orphaned until released). */
function retiringGeneration(platform: string, ipPlan: ResolvedIpPlan, retiring: ExpandedGeneration): RetiringGenerationPlan {
  const prefix = `${clusterRangePrefix(retiring.cluster)}/`;
  return {
    name: retiring.cluster.name,
    generation: retiring.generation,
    project: retiring.cluster.project,
    region: retiring.cluster.region,
    stack: stackNames.cluster(platform, retiring.cluster.name),
    recordedRanges: ipPlan.allocations
      .filter((a) => a.name.startsWith(prefix))
      .map((a) => ({ ipPlanName: a.name, cidr: a.cidr }))
      .sort((a, b) => (a.ipPlanName < b.ipPlanName ? -1 : a.ipPlanName > b.ipPlanName ? 1 : 0)),
  };
}

/** Fresh placement by the shard rule, nothing recorded (what a platform without a record gets). */
function placeTenantStates(definition: PlatformDefinition, clusters: ReadonlyMap<string, ClusterPlan>): Readonly<Record<string, string>> {
  const projectOf = (name: string) => clusters.get(name)?.project ?? '';
  const tenants = (definition.tenants ?? []).map((t) => ({ name: t.name, project: projectOf(t.clusters[0]), resources: estimateTenantIdentityResources(t, tenantProjects(t, projectOf).length) }));
  return assignTenantStates(tenants, undefined, {
    platform: definition.name,
    maxResources: definition.terraformStates?.maxResources,
    frozen: false,
    lockFileName: TENANT_STATES_LOCK_FILE,
    recordCommand: 'plan --write',
  }).states;
}

/** By name, the first of each name (what `Array.find` by name returns). */
function firstByName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  const byName = new Map<string, T>();
  for (const item of items) if (!byName.has(item.name)) byName.set(item.name, item);
  return byName;
}

function resolveCluster(definition: PlatformDefinition, ipPlan: ResolvedIpPlan, cluster: ClusterDefinition, ranges: GkeRangeNames, pools: ClusterNodePools): ClusterPlan {
  const zones = clusterZones(cluster);
  const additionalPodRanges: AdditionalPodRangePlan[] = (cluster.additionalPodRanges ?? []).map((range) => {
    const ipPlanName = `${clusterRangePrefix(cluster)}/${range.name}`;
    return { name: range.name, maxNodes: range.maxNodes, rangeName: additionalPodRangeName(cluster, range.name), ipPlanName, cidr: ipPlan.cidr(ipPlanName) };
  });
  return {
    name: cluster.name,
    project: cluster.project,
    region: cluster.region,
    environment: cluster.environment,
    zones,
    ...resolveClusterSettings(definition, cluster),
    maxNodes: cluster.maxNodes,
    maxPodsPerNode: cluster.maxPodsPerNode,
    surgeNodes: clusterSurgeNodes(definition, cluster, pools),
    blueGreenNodes: clusterBlueGreenNodes(definition, cluster, pools),
    authorizedNetworks: cluster.authorizedNetworks ?? [],
    subnet: { name: clusterSubnetName(cluster), description: `GKE cluster ${cluster.name} (${cluster.environment})`, ipPlanName: ranges.nodes, cidr: ipPlan.cidr(ranges.nodes) },
    podRange: { rangeName: podRangeName(cluster), ipPlanName: ranges.pods, cidr: ipPlan.cidr(ranges.pods) },
    servicesRange: { rangeName: servicesRangeName(cluster), ipPlanName: ranges.services, cidr: ipPlan.cidr(ranges.services) },
    additionalPodRanges,
    controlPlane: { ipPlanName: ranges.controlPlane, cidr: ipPlan.cidr(ranges.controlPlane) },
    nodeTag: clusterNodeTag(cluster.name),
    nodePools: pools.map((pool) =>
      resolveNodePool(
        cluster,
        zones.length,
        additionalPodRanges,
        pool,
        definition.tenants?.find((t) => t.name === pool.tenant),
      ),
    ),
    tenants: tenantsOnCluster(definition.tenants, cluster.name).map((t) => t.name),
    stack: stackNames.cluster(definition.name, cluster.name),
    ...(cluster.ephemeral ? { ephemeral: { expires: cluster.ephemeral.expires } } : {}),
  };
}

/** Every default of a node pool, applied once: cluster pools and tenant pools alike. */
function resolveNodePool(cluster: ClusterDefinition, zones: number, podRanges: readonly AdditionalPodRangePlan[], pool: NodePoolDefinition & { readonly tenant?: string }, owner: PlatformTenant | undefined): NodePoolPlan {
  const gpu = pool.gpu ?? (pool.kind === 'gpu' ? DEFAULT_GPU : undefined);
  const podRange = pool.podRange === undefined ? undefined : podRanges.find((r) => r.name === pool.podRange);
  if (pool.podRange !== undefined && !podRange) throw new Error(`${cluster.name}/${pool.name}: podRange ${JSON.stringify(pool.podRange)} is not one of the cluster's additionalPodRanges`);
  const upgrade = resolvePoolUpgrade(pool);
  return {
    name: pool.name,
    kind: pool.kind,
    machineType: pool.machineType ?? DEFAULT_MACHINE_TYPES[pool.kind],
    minNodes: pool.queuedProvisioning ? 0 : (pool.minNodes ?? defaultMinNodes(pool.kind, zones)),
    maxNodes: pool.maxNodes,
    maxPodsPerNode: pool.maxPodsPerNode ?? cluster.maxPodsPerNode,
    maxSurge: upgrade.strategy === 'surge' ? upgrade.maxSurge : 0,
    maxUnavailable: DEFAULT_MAX_UNAVAILABLE,
    upgrade,
    spot: pool.kind === 'spot-batch',
    // Spot and GPU capacity is scarce: take it in any zone; services spread evenly.
    locationPolicy: pool.kind === 'general' ? 'BALANCED' : 'ANY',
    ...(gpu
      ? { gpu: { type: gpu.type, count: gpu.count, driverVersion: DEFAULT_GPU_DRIVER_VERSION, ...(pool.gpu?.sharing ? { sharing: pool.gpu.sharing } : {}), ...(pool.gpu?.partitionSize ? { partitionSize: pool.gpu.partitionSize } : {}) } }
      : {}),
    queuedProvisioning: pool.queuedProvisioning ?? false,
    resourceLabels: owner ? tenantCostLabels(owner) : {},
    ...(podRange ? { podRange } : {}),
    ...(pool.tenant ? { placement: tenantPlacement(pool.tenant) } : {}),
    ...(pool.successorOf !== undefined ? { successorOf: pool.successorOf } : {}),
  };
}

function resolveNetwork(definition: PlatformDefinition, clusters: readonly ClusterPlan[]): NetworkPlan {
  const byName = (a: { subnet: string }, b: { subnet: string }) => (a.subnet < b.subnet ? -1 : a.subnet > b.subnet ? 1 : 0);
  const hostProject = definition.network.project;
  const existing = definition.network.existing;
  return {
    name: definition.network.name,
    project: hostProject,
    routingMode: definition.network.routingMode ?? DEFAULT_ROUTING_MODE,
    mtu: definition.network.mtu ?? DEFAULT_NETWORK_MTU,
    // An existing VPC's MTU is stated, not set: the stack has no VPC resource to set it on.
    ...(definition.network.mtu !== undefined && !existing ? { vpcMtu: definition.network.mtu } : {}),
    // Spread only when declared: a plan without it stays byte-identical.
    ...(existing
      ? {
          existing: {
            serviceProjectAttachments: existing.serviceProjectAttachments ?? DEFAULT_EXISTING_SERVICE_PROJECT_ATTACHMENTS,
            defaultInternetRoute: existing.defaultInternetRoute ?? DEFAULT_EXISTING_NETWORK_DEFAULT_ROUTE,
            reservations: existingNetworkReservations(definition).map((r) => r.name),
          },
        }
      : {}),
    controlPlaneCidrs: clusters.map((c) => c.controlPlane.cidr),
    nats: definition.regions
      .map((region) => ({
        region,
        subnets: clusters
          .filter((c) => c.region === region)
          .map((c) => ({ subnet: c.subnet.name, secondaryRangeNames: [c.podRange.rangeName, ...c.additionalPodRanges.map((r) => r.rangeName)] }))
          .sort(byName),
      }))
      .filter((nat) => nat.subnets.length > 0),
    serviceProjects: [...new Set(clusters.map((c) => c.project))]
      .filter((p) => p !== hostProject)
      .sort()
      .map((projectId) => ({ projectId, subnets: clusters.filter((c) => c.project === projectId).map((c) => c.subnet.name) })),
  };
}

function resolveLink(definition: PlatformDefinition, ipPlan: ResolvedIpPlan, network: NetworkPlan, clusters: readonly ClusterPlan[], link: HybridLinkDefinition): LinkPlan {
  const remoteNetwork = (definition.remoteNetworks ?? []).find((n) => n.name === link.remoteNetwork);
  if (!remoteNetwork) throw new Error(`link ${link.name}: remoteNetwork ${JSON.stringify(link.remoteNetwork)} is not declared`);
  const bgpRanges = linkBgpRanges(link).map((range) => ({ session: range.session, ipPlanName: range.name, cidr: ipPlan.cidr(range.name) }));
  const base = { name: link.name, stack: stackNames.link(definition.name, link.name), project: network.project, remoteNetwork, bgpRanges };
  const gcpCidrs = clusters.flatMap((c) => [c.subnet.cidr, c.podRange.cidr, ...c.additionalPodRanges.map((r) => r.cidr)]);
  switch (link.kind) {
    case 'ha-vpn-aws':
      return {
        ...base,
        kind: 'ha-vpn-aws',
        region: link.region,
        router: { name: `${link.name}-router`, asn: link.gcpAsn },
        aws: {
          region: remoteNetwork.awsRegion,
          type: link.aws.type ?? DEFAULT_AWS_GATEWAY_TYPE,
          amazonSideAsn: link.aws.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN,
          // Spread only when declared: a plan without them stays byte-identical (plan --json, the report).
          ...(link.aws.existingTransitGatewayId !== undefined ? { existingTransitGatewayId: link.aws.existingTransitGatewayId } : {}),
          ...(link.aws.existingVpnGatewayId !== undefined ? { existingVpnGatewayId: link.aws.existingVpnGatewayId } : {}),
          vpcId: link.aws.vpcId,
          ...(link.aws.subnetIds ? { subnetIds: link.aws.subnetIds } : {}),
          ...(link.aws.routeTableIds ? { routeTableIds: link.aws.routeTableIds } : {}),
        },
        // The VPC's route tables send every range GCP advertises (control planes included) to the gateway.
        gcpCidrs: withAdvertised(gcpCidrs, advertisements(clusters, [link.region], link.advertise, remoteNetwork.cidrs)),
        advertisements: advertisements(clusters, [link.region], link.advertise, remoteNetwork.cidrs),
      };
    case 'ha-vpn-peer':
      return {
        ...base,
        kind: 'ha-vpn-peer',
        region: link.region,
        router: { name: `${link.name}-router`, asn: link.gcpAsn },
        peerAsn: link.peerAsn,
        peerInterfaceIps: link.peerInterfaceIps,
        gcpCidrs,
        advertisements: advertisements(clusters, [link.region], link.advertise, remoteNetwork.cidrs),
      };
    case 'interconnect': {
      const regions = [...new Set(link.attachments.map((a) => a.region))].sort();
      const asn = link.gcpAsn ?? PARTNER_INTERCONNECT_ASN;
      const session = (name: string) => bgpRanges.find((r) => r.session === name)?.cidr;
      return {
        ...base,
        kind: 'interconnect',
        type: link.type,
        slaTarget: link.slaTarget,
        routingMode: network.routingMode,
        networkMtu: network.mtu,
        mtu: link.mtu ?? network.mtu,
        ...(link.peerAsn !== undefined ? { peerAsn: link.peerAsn } : {}),
        routers: regions.map((region) => ({ name: `${link.name}-${region}`, region, asn })),
        // Dedicated: each attachment's BGP /29 is matched to it by name, never by position.
        attachments: link.attachments.map((attachment) => ({ ...attachment, ...(link.type === 'DEDICATED' ? { candidateSubnets: [session(attachment.name)!] } : {}) })),
        advertisements: advertisements(clusters, regions, link.advertise, remoteNetwork.cidrs),
      };
    }
  }
}

/**
 * CUSTOM mode, all subnets, plus what the link asks for, plus the control plane of every cluster that authorizes a
 * range of the remote network (on every router of the link, so each region's attachments carry it: without it the
 * authorized network never reaches its control plane); control planes sorted by cluster name.
 */
function advertisements(clusters: readonly ClusterPlan[], regions: readonly string[], advertise: LinkAdvertisements | undefined, remoteCidrs: readonly string[]): AdvertisementsPlan {
  const ranges: { range: string; description: string }[] = [];
  if (advertise?.privateGoogleAccess) ranges.push({ range: PRIVATE_GOOGLE_APIS_CIDR, description: 'private.googleapis.com' });
  const remote = remoteCidrs.map((c) => Cidr.parse(c));
  const authorizesRemote = (c: ClusterPlan) => c.authorizedNetworks.some((n) => remote.some((r) => r.contains(Cidr.parse(n.cidr))));
  const advertised = clusters.filter((c) => (advertise?.controlPlanes && regions.includes(c.region)) || authorizesRemote(c)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const cluster of advertised) ranges.push({ range: cluster.controlPlane.cidr, description: `${cluster.name} control plane` });
  for (const range of advertise?.ranges ?? []) if (!ranges.some((r) => r.range === range)) ranges.push({ range, description: 'requested' });
  return { mode: 'CUSTOM', allSubnets: true, ranges };
}

/** Node and pod ranges plus every advertised range, once each. */
function withAdvertised(gcpCidrs: readonly string[], advertised: AdvertisementsPlan): string[] {
  return [...gcpCidrs, ...advertised.ranges.map((r) => r.range).filter((r) => !gcpCidrs.includes(r))];
}
