import { IpPlan } from '../ip-plan/ip-plan';
import { GkeRangeNames, Reservation } from '../ip-plan/plan-requests';
import { defaultZones } from './gcp-regions';
import { linkBgpRanges } from './hybrid-link-definition';
import { ClusterDefinition, PlatformDefinition } from './platform-definition';
import { NodePoolDefinition } from './node-pool-definition';
import { poolSurgeNodes } from './platform-defaults';
import { poolUpgradeStrategy } from './pool-upgrades';
import { privateServiceAccessPlan, PSA_RANGE_NAME } from './private-service-access';
import { clusterNodePools } from './cluster-node-pools';
import { expandClusterGenerations } from './cluster-generations';
import { EPHEMERAL_RANGE_ROOT } from './ephemeral-clusters';
import { existingNetworkReservations } from './existing-network';

/**
 * Names of a cluster's ranges in the IP plan: `gcp/<region>/<cluster>/...`, or `ephemeral/<region>/<cluster>/...`
 * for a disposable cluster (released when it is removed). Part of the lock file contract.
 */
export function clusterRangePrefix(cluster: Pick<ClusterDefinition, 'region' | 'name' | 'ephemeral'>): string {
  return `${cluster.ephemeral ? EPHEMERAL_RANGE_ROOT : 'gcp'}/${cluster.region}/${cluster.name}`;
}

/** A cluster's zones: its `zones`, or the region's first three listed zones. */
export function clusterZones(cluster: Pick<ClusterDefinition, 'region' | 'zones'>): readonly string[] {
  return cluster.zones ?? defaultZones(cluster.region);
}

type UpgradingPool = Pick<NodePoolDefinition, 'kind' | 'maxNodes' | 'maxSurge' | 'upgrade' | 'queuedProvisioning'>;

/** Nodes that exist on top of maxNodes while pools upgrade: each surge pool's surge (tenant pools included) in each zone. */
export function clusterSurgeNodes(
  definition: Pick<PlatformDefinition, 'tenants'>,
  cluster: ClusterDefinition,
  /** The cluster's pools when the caller indexed them. @default clusterNodePools(definition, cluster) */
  pools: readonly UpgradingPool[] = clusterNodePools(definition, cluster),
): number {
  const zones = clusterZones(cluster).length;
  return pools.reduce((sum, pool) => sum + (poolUpgradeStrategy(pool) === 'surge' ? poolSurgeNodes(zones, pool.maxSurge) : 0), 0);
}

/**
 * Nodes a blue-green upgrade adds: the largest blue-green pool's maxNodes, 0 without one. GKE upgrades a cluster's node
 * pools one at a time (concurrent node-pool upgrades are an opt-in this library does not set), so one pool doubles at most.
 */
export function clusterBlueGreenNodes(
  definition: Pick<PlatformDefinition, 'tenants'>,
  cluster: ClusterDefinition,
  /** The cluster's pools when the caller indexed them. @default clusterNodePools(definition, cluster) */
  pools: readonly UpgradingPool[] = clusterNodePools(definition, cluster),
): number {
  return pools.reduce((largest, pool) => (poolUpgradeStrategy(pool) === 'blue-green' ? Math.max(largest, pool.maxNodes) : largest), 0);
}

/** Reservations for remote networks: `remote/<network>` (`/<n>` from the second range on). */
function remoteNetworkReservations(definition: PlatformDefinition): Reservation[] {
  return (definition.remoteNetworks ?? []).flatMap((network) =>
    network.cidrs.map((cidr, index) => ({
      name: index === 0 ? `remote/${network.name}` : `remote/${network.name}/${index + 1}`,
      cidr,
      reason: `${network.kind === 'aws-vpc' ? `AWS VPC${network.awsRegion ? ` in ${network.awsRegion}` : ''}` : 'on-premise network'} ${network.name}`,
    })),
  );
}

/**
 * The platform's IP plan with every cluster's ranges (each active generation's, under its own name) and every
 * link's BGP ranges requested. A retiring generation's ranges are no longer requested: recorded, they stay
 * reserved (orphaned) until `plan --release`.
 */
export function buildPlatformIpPlan(declared: PlatformDefinition): { plan: IpPlan; clusterRanges: ReadonlyMap<string, GkeRangeNames> } {
  // A generation's ranges are its own cluster's: requested under its own name, disjoint from every other's.
  const definition = expandClusterGenerations(declared).definition;
  const plan = new IpPlan(definition.addressPools, [...remoteNetworkReservations(definition), ...existingNetworkReservations(definition), ...(definition.reservations ?? [])]);
  const clusterRanges = new Map<string, GkeRangeNames>();
  for (const cluster of definition.clusters) {
    const pools = { ...definition.poolAssignment, ...cluster.pools };
    clusterRanges.set(
      cluster.name,
      plan.requestGkeCluster({
        name: clusterRangePrefix(cluster),
        maxNodes: cluster.maxNodes,
        surgeNodes: clusterSurgeNodes(definition, cluster),
        blueGreenNodes: clusterBlueGreenNodes(definition, cluster),
        maxPodsPerNode: cluster.maxPodsPerNode,
        maxServices: cluster.maxServices,
        additionalPodRanges: cluster.additionalPodRanges,
        pools: { nodes: pools.nodes, pods: pools.pods, services: pools.services, controlPlane: pools.controlPlane },
      }),
    );
  }
  for (const link of definition.hybridLinks ?? []) {
    for (const range of linkBgpRanges(link)) plan.request({ name: range.name, pool: definition.poolAssignment.bgpLinks, prefixLength: range.prefixLength });
  }
  const psa = privateServiceAccessPlan(definition);
  if (psa) plan.request({ name: PSA_RANGE_NAME, pool: psa.pool, prefixLength: psa.prefixLength });
  return { plan, clusterRanges };
}
