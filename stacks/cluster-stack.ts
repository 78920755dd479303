import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { ClusterDefinition } from '../lib/domain/platform/platform-definition';
import { DEFAULT_GITOPS_ROOT_DIRECTORY } from '../lib/domain/platform/platform-defaults';
import { ClusterPlan, NodePoolPlan, planCluster } from '../lib/domain/platform/platform-plan';
import { DEFAULT_GKE_NODE_TAG } from '../lib/domain/network/network-rules';
import { ControlPlanePeeringRoutes } from '../lib/gke/control-plane-peering-routes';
import { GkeCluster } from '../lib/gke/gke-cluster';
import { NodePool, NodePoolProps } from '../lib/gke/node-pool';
import { generalServicesPool, gpuTrainingPool, PresetOverrides, spotBatchPool, tenantDedicatedPool } from '../lib/gke/node-pool-presets';
import { ConfigSync } from '../lib/gitops/config-sync';
import { GitSource } from '../lib/domain/gitops/git-source';
import { NetworkStack } from './network-stack';
import { platformLabels } from '../lib/domain/platform/platform-labels';
import { configureBackend, StateBackendOptions } from './stack-defaults';

/** Config Sync for every cluster: the same repository, one folder per cluster. */
export interface ClusterGitOpsOptions {
  /** The repository Config Sync reads (URL, branch, revision, auth); each cluster's folder is set per cluster. */
  readonly repository: Omit<GitSource, 'directory'>;
  /** Folder holding the per-cluster folders. @default 'dist' (DEFAULT_GITOPS_ROOT_DIRECTORY: a cluster syncs `dist/<cluster>`) */
  readonly rootDirectory?: string;
}

/** Props of `ClusterStack`. */
export interface ClusterStackProps {
  /** The loaded platform (definition, IP plan and plan, from `loadPlatform`): the stack reads its record of the plan. */
  readonly platform: LoadedPlatform;
  /** The cluster (its definition; the stack reads its record of the platform plan). */
  readonly cluster: Pick<ClusterDefinition, 'name'>;
  /** The platform's network stack: the cluster uses its subnet and deploys after it. */
  readonly network: NetworkStack;
  /** Register the cluster in its project's fleet and sync its manifests with Config Sync. @default off */
  readonly gitOps?: ClusterGitOpsOptions;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/** One GKE cluster with its node pools (tenant-dedicated pools included): its own state and blast radius. */
export class ClusterStack extends TerraformStack {
  /** The cluster's record of the platform plan. */
  public readonly plan: ClusterPlan;
  public readonly cluster: GkeCluster;
  public readonly nodePools: Readonly<Record<string, NodePool>>;
  public readonly controlPlanePeeringRoutes: ControlPlanePeeringRoutes;
  public readonly configSync?: ConfigSync;

  constructor(scope: Construct, props: ClusterStackProps) {
    const platform = props.platform.plan;
    const cluster = planCluster(platform, props.cluster.name);
    super(scope, cluster.stack);
    this.plan = cluster;
    configureBackend(this, cluster.stack, props.backend);
    new GoogleProvider(this, 'google', { project: cluster.project, region: cluster.region, defaultLabels: platformLabels(platform.name) });
    this.addDependency(props.network);

    this.cluster = new GkeCluster(this, 'Cluster', {
      projectId: cluster.project,
      name: cluster.name,
      region: cluster.region,
      nodeLocations: cluster.zones,
      subnet: props.network.network.subnet(cluster.subnet.name),
      podRangeName: cluster.podRange.rangeName,
      servicesRangeName: cluster.servicesRange.rangeName,
      additionalPodRangeNames: cluster.additionalPodRanges.map((r) => r.rangeName),
      additionalPodRangeCidrs: Object.fromEntries(cluster.additionalPodRanges.map((r) => [r.rangeName, r.cidr])),
      controlPlaneCidr: cluster.controlPlane.cidr,
      controlPlaneAccess: { type: 'private', authorizedNetworks: cluster.authorizedNetworks.map((n) => ({ cidr: n.cidr, displayName: n.name })) },
      groupsDomain: platform.organization.domain,
      releaseChannel: cluster.releaseChannel,
      binaryAuthorization: cluster.binaryAuthorization,
      databaseEncryptionKey: cluster.secretsEncryption?.keyName,
      maintenanceWindow: cluster.maintenance.window,
      maintenanceExclusions: cluster.maintenance.exclusions,
      securityPosture: cluster.securityPosture,
      maxNodes: cluster.maxNodes,
      maxPodsPerNode: cluster.maxPodsPerNode,
      surgeNodes: cluster.surgeNodes,
      podRangeCidr: cluster.podRange.cidr,
      nodeSubnetCidr: cluster.subnet.cidr,
      // A disposable cluster can be destroyed from its parked stack, and says until when it is wanted.
      labels: { environment: cluster.environment, ...(cluster.ephemeral ? { expires: cluster.ephemeral.expires } : {}) },
      ...(cluster.ephemeral ? { deletionProtection: false } : {}),
    });

    // Authorized networks behind VPN/Interconnect: the control plane needs the VPC's dynamic routes back to them.
    this.controlPlanePeeringRoutes = new ControlPlanePeeringRoutes(this, 'ControlPlanePeeringRoutes', {
      cluster: this.cluster,
      networkProject: platform.network.project,
      networkName: platform.network.name,
    });

    const pools: Record<string, NodePool> = {};
    for (const pool of cluster.nodePools) {
      pools[pool.name] = new NodePool(this, pool.name, nodePoolProps(this.cluster, cluster, pool));
    }
    this.nodePools = pools;

    if (props.gitOps) {
      this.configSync = new ConfigSync(this, 'ConfigSync', {
        cluster: this.cluster,
        repository: { ...props.gitOps.repository, directory: `${props.gitOps.rootDirectory ?? DEFAULT_GITOPS_ROOT_DIRECTORY}/${cluster.name}` },
      });
    }
  }
}

/** Maps a pool of the plan onto the matching preset; tenant pools get the tenant taint and label. */
function nodePoolProps(gke: GkeCluster, cluster: ClusterPlan, pool: NodePoolPlan): NodePoolProps {
  const target = { cluster: gke, name: pool.name };
  const overrides: PresetOverrides = {
    // The shared baseline rules target gke-node; the cluster's own rules target its tag.
    networkTags: [DEFAULT_GKE_NODE_TAG, cluster.nodeTag],
    machineType: pool.machineType,
    autoscaling: { totalMinNodes: pool.minNodes, totalMaxNodes: pool.maxNodes },
    maxPodsPerNode: pool.maxPodsPerNode,
    ...upgradeProps(pool),
    ...(pool.successorOf !== undefined ? { successorOf: pool.successorOf } : {}),
    spot: pool.spot,
    locationPolicy: pool.locationPolicy,
    ...(pool.gpu ? { gpu: pool.gpu } : {}),
    ...(pool.queuedProvisioning ? { queuedProvisioning: true } : {}),
    ...(Object.keys(pool.resourceLabels).length > 0 ? { resourceLabels: pool.resourceLabels } : {}),
    ...(pool.podRange ? { podRange: { rangeName: pool.podRange.rangeName, cidr: pool.podRange.cidr } } : {}),
  };
  if (pool.placement) return tenantDedicatedPool(target, pool.placement.tenant, overrides);
  switch (pool.kind) {
    case 'general':
      return generalServicesPool(target, overrides);
    case 'spot-batch':
      return spotBatchPool(target, overrides);
    case 'gpu':
      return gpuTrainingPool(target, overrides);
  }
}

/** The plan's resolved upgrade strategy as NodePool props (one of the two, never both). */
function upgradeProps(pool: NodePoolPlan): Pick<NodePoolProps, 'surgeUpgrade' | 'blueGreenUpgrade'> {
  const upgrade = pool.upgrade;
  if (upgrade.strategy === 'surge') return { surgeUpgrade: { maxSurge: upgrade.maxSurge, maxUnavailable: upgrade.maxUnavailable } };
  const { strategy: _strategy, ...settings } = upgrade;
  return { blueGreenUpgrade: settings };
}
