import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GkeCluster } from '../lib/gke/gke-cluster';
import { NodePool, NodePoolProps } from '../lib/gke/node-pool';
import { generalServicesPool, gpuTrainingPool, PresetOverrides, spotBatchPool, tenantDedicatedPool } from '../lib/gke/node-pool-presets';
import { ConfigSync } from '../lib/gitops/config-sync';
import { GitSource } from '../lib/gitops/git-source';
import { additionalPodRangeName, clusterSubnetName, podRangeName, servicesRangeName, stackNames } from '../lib/domain/platform/gcp-names';
import { LoadedPlatform } from '../lib/domain/platform/load-platform';
import { ClusterDefinition, NodePoolDefinition } from '../lib/domain/platform/platform-definition';
import { clusterSurgeNodes, clusterZones, DEFAULT_MAX_SURGE } from '../lib/domain/platform/platform-ip-plan';
import { clusterNodePools } from '../lib/domain/platform/tenant-definition';
import { NetworkStack } from './network-stack';
import { configureBackend, platformLabels, StateBackendOptions } from './stack-defaults';

/** Config Sync for every cluster: the same repository, one folder per cluster. */
export interface ClusterGitOpsOptions {
  readonly repository: Omit<GitSource, 'directory'>;
  /** Folder holding the per-cluster folders. @default 'dist' (so a cluster syncs `dist/<cluster>`) */
  readonly rootDirectory?: string;
}

export interface ClusterStackProps {
  readonly platform: LoadedPlatform;
  readonly cluster: ClusterDefinition;
  readonly network: NetworkStack;
  /** Register the cluster in its project's fleet and sync its manifests with Config Sync. @default off */
  readonly gitOps?: ClusterGitOpsOptions;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/** One GKE cluster with its node pools (tenant-dedicated pools included): its own state and blast radius. */
export class ClusterStack extends TerraformStack {
  public readonly cluster: GkeCluster;
  public readonly nodePools: Readonly<Record<string, NodePool>>;
  public readonly configSync?: ConfigSync;

  constructor(scope: Construct, props: ClusterStackProps) {
    const { definition, ipPlan, clusterRanges } = props.platform;
    const cluster = props.cluster;
    const name = stackNames.cluster(definition.name, cluster.name);
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', { project: cluster.project, region: cluster.region, defaultLabels: platformLabels(definition.name) });
    this.addDependency(props.network);

    const ranges = clusterRanges.get(cluster.name)!;
    this.cluster = new GkeCluster(this, 'Cluster', {
      projectId: cluster.project,
      name: cluster.name,
      region: cluster.region,
      nodeLocations: clusterZones(cluster),
      subnet: props.network.network.subnet(clusterSubnetName(cluster)),
      podRangeName: podRangeName(cluster),
      servicesRangeName: servicesRangeName(cluster),
      additionalPodRangeNames: (cluster.additionalPodRanges ?? []).map((r) => additionalPodRangeName(cluster, r.name)),
      controlPlaneCidr: ipPlan.cidr(ranges.controlPlane),
      controlPlaneAccess: { type: 'private', authorizedNetworks: (cluster.authorizedNetworks ?? []).map((n) => ({ cidr: n.cidr, displayName: n.name })) },
      groupsDomain: definition.organization.domain,
      releaseChannel: cluster.releaseChannel ?? 'REGULAR',
      maxNodes: cluster.maxNodes,
      maxPodsPerNode: cluster.maxPodsPerNode,
      surgeNodes: clusterSurgeNodes(definition, cluster),
      podRangeCidr: ipPlan.cidr(ranges.pods),
      nodeSubnetCidr: ipPlan.cidr(ranges.nodes),
      labels: { environment: cluster.environment },
    });

    const pools: Record<string, NodePool> = {};
    for (const pool of clusterNodePools(definition, cluster)) {
      pools[pool.name] = new NodePool(this, pool.name, nodePoolProps(this.cluster, cluster, pool));
    }
    this.nodePools = pools;

    if (props.gitOps) {
      this.configSync = new ConfigSync(this, 'ConfigSync', {
        cluster: this.cluster,
        repository: { ...props.gitOps.repository, directory: `${props.gitOps.rootDirectory ?? 'dist'}/${cluster.name}` },
      });
    }
  }
}

/** Maps a pool of the definition onto the matching preset; tenant pools get the tenant taint and label. */
function nodePoolProps(gke: GkeCluster, cluster: ClusterDefinition, pool: NodePoolDefinition & { readonly tenant?: string }): NodePoolProps {
  const target = { cluster: gke, name: pool.name };
  const zones = clusterZones(cluster).length;
  const overrides: PresetOverrides = {
    ...(pool.machineType ? { machineType: pool.machineType } : {}),
    // Pools declare totals across zones, matching the cluster's maxNodes budget.
    autoscaling: { totalMinNodes: pool.minNodes ?? (pool.kind === 'general' ? zones : 0), totalMaxNodes: pool.maxNodes },
    maxPodsPerNode: pool.maxPodsPerNode ?? cluster.maxPodsPerNode,
    surgeUpgrade: { maxSurge: pool.maxSurge ?? DEFAULT_MAX_SURGE, maxUnavailable: 0 },
    ...(pool.gpu ? { gpu: { type: pool.gpu.type, count: pool.gpu.count, driverVersion: 'LATEST' as const } } : {}),
  };
  if (pool.tenant) {
    return tenantDedicatedPool(target, pool.tenant, {
      ...overrides,
      spot: pool.kind === 'spot-batch',
      // Spot and GPU capacity is where it is: let the autoscaler pick any zone.
      locationPolicy: pool.kind === 'general' ? 'BALANCED' : 'ANY',
    });
  }
  switch (pool.kind) {
    case 'general':
      return generalServicesPool(target, overrides);
    case 'spot-batch':
      return spotBatchPool(target, overrides);
    case 'gpu':
      return gpuTrainingPool(target, overrides);
  }
}
