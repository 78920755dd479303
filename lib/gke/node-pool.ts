import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { IssueCollector, ValidationIssue } from '../domain/validation-error';
import { podBlockPrefix } from '../domain/ip-plan/gke-sizing';
import { clusterNodeTag, DEFAULT_GKE_NODE_TAG, validateName } from '../domain/network/network-rules';
import { CLOUD_PLATFORM_SCOPE, DEFAULT_ZONE_COUNT, GkeCluster, IGkeCluster } from './gke-cluster';
import {
  validateGpu,
  validateMachineType,
  validateGkeName,
  validateLabels,
  validateMaxPodsPerNode,
  validatePodRangeCapacity,
  validateTaints,
  validateZones,
  DEFAULT_COMPUTE_SA_SUFFIX,
  parseOrIssue,
  TaintEffect,
} from '../domain/gke/gke-rules';
import { GPU_SHARING_STRATEGY, GpuSharing, validateGpuSharing } from '../domain/gke/gpu-sharing';
import { QUEUED_PROVISIONING_RESERVATION, validateQueuedProvisioning } from '../domain/gke/queued-provisioning';
import { validateBlueGreenSettings } from '../domain/gke/node-pool-upgrade';
import { DEFAULT_GPU_DRIVER_VERSION, DEFAULT_MACHINE_TYPES, DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, poolSurgeNodes } from '../domain/platform/platform-defaults';

/** General-purpose default; E2 is the cheapest family with sustained performance for services (the plan's general pools' default). */
const DEFAULT_MACHINE_TYPE = DEFAULT_MACHINE_TYPES.general;
/** Boot disk size in GB: GKE's default. */
const DEFAULT_DISK_SIZE_GB = 100;
/** pd-balanced: SSD-backed at about half the price of pd-ssd; GKE's default. */
const DEFAULT_DISK_TYPE = 'pd-balanced';
/** Container-Optimized OS with containerd: the hardened image GKE recommends. */
const DEFAULT_IMAGE_TYPE = 'COS_CONTAINERD';
/** A standalone pool scales between 1 and 3 nodes per zone (the plan sizes pools from the definition instead). */
const DEFAULT_AUTOSCALING: NodePoolScaling = { minNodesPerZone: 1, maxNodesPerZone: 3 };
/** One extra node at a time, never a node less: upgrades keep full capacity (the plan's DEFAULT_MAX_SURGE and DEFAULT_MAX_UNAVAILABLE). */
export const DEFAULT_SURGE_UPGRADE: Required<SurgeUpgrade> = { maxSurge: DEFAULT_MAX_SURGE, maxUnavailable: DEFAULT_MAX_UNAVAILABLE };

/** Per-zone limits (multiplied by the zone count) or total limits across zones. */
export type NodePoolScaling =
  | {
      /** Fewest nodes the autoscaler keeps in each of the pool's zones (GKE's `min_node_count`). */
      readonly minNodesPerZone: number;
      /** Most nodes it may add in each zone (`max_node_count`); at least minNodesPerZone. */
      readonly maxNodesPerZone: number;
    }
  | {
      /** Fewest nodes across all the pool's zones together (GKE's `total_min_node_count`). */
      readonly totalMinNodes: number;
      /** Most nodes across all zones together (`total_max_node_count`); at least totalMinNodes. */
      readonly totalMaxNodes: number;
    };

/** Which NVIDIA driver GKE installs on a GPU pool's nodes. */
export type GpuDriverVersion = 'LATEST' | 'DEFAULT' | 'INSTALLATION_DISABLED';

/** GPUs attached to each node of a pool. */
export interface GpuConfig {
  /** Accelerator type, e.g. `nvidia-l4`, `nvidia-tesla-a100`. */
  readonly type: string;
  /** GPUs per node. */
  readonly count: number;
  /** @default 'LATEST' (GKE installs the driver; no DaemonSet to manage) */
  readonly driverVersion?: GpuDriverVersion;
  /** MIG partition size, e.g. `1g.5gb` (MIG_PARTITIONS): hardware-isolated partitions. Forces replacement. @default none */
  readonly partitionSize?: string;
  /** Time-sharing or MPS: several containers per GPU, without memory or fault isolation. Forces replacement. @default none */
  readonly sharing?: GpuSharing;
}

/** A Kubernetes taint a node pool puts on its nodes. */
export interface NodeTaint {
  /** Kubernetes taint key: an optional DNS prefix and a name of ≤ 63 characters, e.g. `workload-class`; never `nvidia.com/gpu` (GKE adds it). */
  readonly key: string;
  /** Taint value: ≤ 63 alphanumerics, `-`, `_` or `.`, e.g. `batch`. */
  readonly value: string;
  /** GKE API spelling. */
  readonly effect: TaintEffect;
}

/** Surge upgrade settings of a node pool. */
export interface SurgeUpgrade {
  /** @default 1 */
  readonly maxSurge?: number;
  /** @default 0 */
  readonly maxUnavailable?: number;
}

/**
 * Blue-green upgrade settings of a node pool: a second set of nodes, the old ones drained in batches and kept until
 * the soak ends (validateBlueGreenSettings). `generalServicesPool` and `tenantDedicatedPool` pass DEFAULT_BLUE_GREEN_UPGRADE.
 */
export interface BlueGreenUpgrade {
  /** Fraction (0..1] of the blue nodes drained per batch; exclusive with batchNodeCount. @default GKE's default batch */
  readonly batchPercentage?: number;
  /** Blue nodes drained per batch; exclusive with batchPercentage. @default none */
  readonly batchNodeCount?: number;
  /** Wait after each batch, e.g. `600s`. @default GKE's default */
  readonly batchSoakDuration?: string;
  /** Wait before the blue nodes are deleted, e.g. `3600s`. @default GKE's default (one hour) */
  readonly nodePoolSoakDuration?: string;
}

/** A node pool's own pod range: an additional secondary range of the cluster's subnet. */
export interface PoolPodRange {
  /** Secondary range on the cluster subnet (declared in the cluster's additionalPodRangeNames). Forces replacement. */
  readonly rangeName: string;
  /** CIDR for a capacity check of this pool against the range. @default unknown (no check) */
  readonly cidr?: string;
}

/**
 * Node pool props. Changes that REPLACE the pool (google provider 6.x): name, spot, gpu,
 * serviceAccountEmail, maxPodsPerNode, podRange. Updated in place, rolling the nodes: machineType,
 * diskSizeGb, diskType, imageType, labels, taints, networkTags. Updated without touching nodes:
 * autoscaling, locationPolicy, upgrade strategy, nodeLocations. initialNodeCount is used only at
 * creation (later changes are ignored, see lifecycle). Only `terraform plan` on real state is proof.
 */
export interface NodePoolProps {
  /** The cluster the pool joins (created here or imported with `GkeCluster.fromClusterAttributes`); its created clusters check the pools' sum against their ranges. Forces replacement. */
  readonly cluster: IGkeCluster;
  /** Pool name (≤40). Forces replacement. */
  readonly name: string;
  /** @default 'e2-standard-4' (DEFAULT_MACHINE_TYPE, the plan's general pools' default) */
  readonly machineType?: string;
  /** @default 100 */
  readonly diskSizeGb?: number;
  /** @default 'pd-balanced' */
  readonly diskType?: string;
  /** @default 'COS_CONTAINERD' */
  readonly imageType?: 'COS_CONTAINERD' | 'UBUNTU_CONTAINERD';
  /** Spot VMs. Forces replacement. @default false */
  readonly spot?: boolean;
  /** @default { minNodesPerZone: 1, maxNodesPerZone: 3 } */
  readonly autoscaling?: NodePoolScaling;
  /** @default 'ANY' for spot and queued-provisioning pools (scarce capacity, any zone), else 'BALANCED' */
  readonly locationPolicy?: 'BALANCED' | 'ANY';
  /** Zones of the cluster region. @default the cluster's node locations */
  readonly nodeLocations?: readonly string[];
  /** Nodes per zone at creation only. @default the per-zone minimum (total mode: 1 if totalMinNodes > 0, else 0) */
  readonly initialNodeCount?: number;
  /** GPUs. Forces replacement. @default none */
  readonly gpu?: GpuConfig;
  /** Kubernetes taints (never nvidia.com/gpu: GKE adds it). @default none */
  readonly taints?: readonly NodeTaint[];
  /** Kubernetes node labels. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Network tags. The health-check rule targets 'gke-node' (DEFAULT_GKE_NODE_TAG); the cluster's own intra-cluster and
   * control-plane rules target `gke-<cluster>-nodes` (clusterNodeTag), so a pool without it is cut off from its cluster.
   * @default ['gke-node', 'gke-<cluster>-nodes'] (only 'gke-node' when the cluster's name is an unresolved token)
   */
  readonly networkTags?: readonly string[];
  /** Surge upgrades. Mutually exclusive with blueGreenUpgrade. @default { maxSurge: 1, maxUnavailable: 0 } */
  readonly surgeUpgrade?: SurgeUpgrade;
  /**
   * Blue-green upgrades: the cluster's ranges must hold a second set of the pool's nodes (GkeCluster checks the largest
   * blue-green pool: GKE upgrades one pool at a time). Mutually exclusive with surgeUpgrade. Not on queued-provisioning pools.
   * @default none (surge)
   */
  readonly blueGreenUpgrade?: BlueGreenUpgrade;
  /**
   * The name of the pool of the same cluster this one replaces while workloads move to it (docs/node-pool-upgrades.md):
   * the cluster counts the pair once against its maxNodes (at the larger maximum) and both in full against its ranges.
   * Changes nothing deployed. @default none
   */
  readonly successorOf?: string;
  /** At most the cluster's sizing unless the pool has its own podRange. Forces replacement. @default the cluster's maxPodsPerNode */
  readonly maxPodsPerNode?: number;
  /** A pod range of its own for this pool. Forces replacement. @default the cluster's pod range */
  readonly podRange?: PoolPodRange;
  /** Node service account override (never the default compute SA). Forces replacement. @default the cluster's node service account */
  readonly serviceAccountEmail?: string;
  /** GCE labels on the node VMs (billing reads them: a tenant's pool carries its tenant and cost-centre labels). @default none */
  readonly resourceLabels?: Readonly<Record<string, string>>;
  /**
   * Queued provisioning (the Dynamic Workload Scheduler): nodes only for admitted ProvisioningRequests. Sets what
   * GKE requires (reservation affinity NO_RESERVATION, auto-repair off) and refuses what it forbids (a minimum above
   * 0, per-zone limits, Spot, no GPU, locationPolicy BALANCED). Forces replacement.
   * @default false
   */
  readonly queuedProvisioning?: boolean;
}

/**
 * A GKE node pool, hardened by default: secure boot and integrity monitoring, GKE_METADATA
 * (Workload Identity), COS_CONTAINERD, auto repair and upgrade, the cluster's least-privilege
 * node service account, surge upgrades without capacity loss.
 *
 * Escape hatch: `pool.resource.addOverride('node_config.kubelet_config.cpu_manager_policy', 'static')`.
 */
export class NodePool extends Construct {
  public readonly resource: ContainerNodePool;
  public readonly name: string;
  /** Nodes the pool can reach across zones. */
  public readonly maxNodes: number;
  public readonly maxPodsPerNode: number;

  constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    const cluster = props.cluster;
    const spot = props.spot ?? false;
    const scaling = props.autoscaling ?? DEFAULT_AUTOSCALING;
    const queued = props.queuedProvisioning ?? false;
    const locationPolicy = props.locationPolicy ?? (spot || queued ? 'ANY' : 'BALANCED');
    const nodeLocations = props.nodeLocations ?? cluster.nodeLocations;
    const zoneCount = nodeLocations?.length ?? DEFAULT_ZONE_COUNT;
    const perZone = 'maxNodesPerZone' in scaling;
    const maxNodes = perZone ? scaling.maxNodesPerZone * zoneCount : scaling.totalMaxNodes;
    const initialNodeCount = props.initialNodeCount ?? (perZone ? scaling.minNodesPerZone : scaling.totalMinNodes > 0 ? 1 : 0);
    const maxPods = props.maxPodsPerNode ?? cluster.maxPodsPerNode;
    const surge = props.blueGreenUpgrade ? undefined : { ...DEFAULT_SURGE_UPGRADE, ...props.surgeUpgrade };
    // Surge counts per zone (conservative); blue-green brings up a whole second pool.
    const surgeNodes = surge ? poolSurgeNodes(zoneCount, surge.maxSurge) : maxNodes;
    const tags = props.networkTags ?? defaultNetworkTags(cluster.name);
    const serviceAccount = props.serviceAccountEmail ?? cluster.nodeServiceAccountEmail;

    this.validate(props, { scaling, maxPods, nodeLocations, maxNodes, surgeNodes, tags, serviceAccount });
    this.name = props.name;
    this.maxNodes = maxNodes;
    this.maxPodsPerNode = maxPods;

    if (cluster instanceof GkeCluster) {
      cluster.registerNodePool({
        name: props.name,
        maxNodes,
        surgeNodes,
        maxPodsPerNode: maxPods,
        podRangeName: props.podRange?.rangeName,
        blueGreen: props.blueGreenUpgrade !== undefined,
        ...(props.successorOf !== undefined ? { successorOf: props.successorOf } : {}),
      });
    }

    const gpu = props.gpu;
    this.resource = new ContainerNodePool(this, 'Resource', {
      project: cluster.projectId,
      cluster: cluster.id,
      location: cluster.location,
      name: props.name,
      nodeLocations: props.nodeLocations ? [...props.nodeLocations] : undefined,
      initialNodeCount,
      maxPodsPerNode: maxPods,
      autoscaling: perZone ? { minNodeCount: scaling.minNodesPerZone, maxNodeCount: scaling.maxNodesPerZone, locationPolicy } : { totalMinNodeCount: scaling.totalMinNodes, totalMaxNodeCount: scaling.totalMaxNodes, locationPolicy },
      // Queued-provisioning nodes live only as long as their request: GKE requires auto-repair off.
      management: { autoRepair: !queued, autoUpgrade: true },
      ...(queued ? { queuedProvisioning: { enabled: true } } : {}),
      upgradeSettings: surge
        ? { strategy: 'SURGE', maxSurge: surge.maxSurge, maxUnavailable: surge.maxUnavailable }
        : {
            strategy: 'BLUE_GREEN',
            blueGreenSettings: {
              nodePoolSoakDuration: props.blueGreenUpgrade!.nodePoolSoakDuration,
              standardRolloutPolicy: {
                batchPercentage: props.blueGreenUpgrade!.batchPercentage,
                batchNodeCount: props.blueGreenUpgrade!.batchNodeCount,
                batchSoakDuration: props.blueGreenUpgrade!.batchSoakDuration,
              },
            },
          },
      networkConfig: props.podRange ? { createPodRange: false, podRange: props.podRange.rangeName } : undefined,
      nodeConfig: {
        machineType: props.machineType ?? DEFAULT_MACHINE_TYPE,
        diskSizeGb: props.diskSizeGb ?? DEFAULT_DISK_SIZE_GB,
        diskType: props.diskType ?? DEFAULT_DISK_TYPE,
        imageType: props.imageType ?? DEFAULT_IMAGE_TYPE,
        spot,
        serviceAccount,
        oauthScopes: [CLOUD_PLATFORM_SCOPE],
        labels: props.labels ? { ...props.labels } : undefined,
        resourceLabels: props.resourceLabels ? { ...props.resourceLabels } : undefined,
        taint: props.taints?.length ? props.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })) : undefined,
        tags: [...tags],
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        ...(queued ? { reservationAffinity: { consumeReservationType: QUEUED_PROVISIONING_RESERVATION } } : {}),
        guestAccelerator: gpu
          ? [
              {
                type: gpu.type,
                count: gpu.count,
                gpuPartitionSize: gpu.partitionSize,
                gpuSharingConfig: gpu.sharing ? { gpuSharingStrategy: GPU_SHARING_STRATEGY[gpu.sharing.strategy], maxSharedClientsPerGpu: gpu.sharing.maxClientsPerGpu } : undefined,
                gpuDriverInstallationConfig: { gpuDriverVersion: gpu.driverVersion ?? DEFAULT_GPU_DRIVER_VERSION },
              },
            ]
          : undefined,
      },
      // initial_node_count forces replacement and drifts with autoscaling: creation-time only.
      lifecycle: { ignoreChanges: ['initial_node_count'] },
    });
  }

  private validate(props: NodePoolProps, r: { scaling: NodePoolScaling; maxPods: number; nodeLocations?: readonly string[]; maxNodes: number; surgeNodes: number; tags: readonly string[]; serviceAccount: string }): void {
    const path = this.node.path;
    const cluster = props.cluster;
    const issues = new IssueCollector();
    const add = (list: ValidationIssue[]) => list.forEach((i) => issues.add(i));
    add(validateGkeName(path, 'name', props.name));
    if (props.nodeLocations && !Token.isUnresolved(cluster.location)) add(validateZones(path, 'nodeLocations', props.nodeLocations, cluster.location));

    const [minField, maxField, min, max] =
      'maxNodesPerZone' in r.scaling
        ? ['autoscaling.minNodesPerZone', 'autoscaling.maxNodesPerZone', r.scaling.minNodesPerZone, r.scaling.maxNodesPerZone]
        : ['autoscaling.totalMinNodes', 'autoscaling.totalMaxNodes', r.scaling.totalMinNodes, r.scaling.totalMaxNodes];
    if ('maxNodesPerZone' in r.scaling && 'totalMaxNodes' in r.scaling) {
      issues.add({ path, field: 'autoscaling', value: r.scaling, problem: 'sets both per-zone and total limits', fix: 'use either minNodesPerZone/maxNodesPerZone or totalMinNodes/totalMaxNodes' });
    }
    if (!Number.isInteger(min) || min < 0) issues.add({ path, field: minField, value: min, problem: 'must be an integer ≥ 0', fix: 'use 0 to let the pool scale to zero' });
    if (!Number.isInteger(max) || max < 1) issues.add({ path, field: maxField, value: max, problem: 'must be an integer ≥ 1', fix: 'use the largest node count this pool may reach' });
    else if (Number.isInteger(min) && min > max) issues.add({ path, field: minField, value: min, problem: `is above ${maxField} (${max})`, fix: 'make the minimum at most the maximum' });
    if (props.initialNodeCount !== undefined && (!Number.isInteger(props.initialNodeCount) || props.initialNodeCount < 0)) {
      issues.add({ path, field: 'initialNodeCount', value: props.initialNodeCount, problem: 'must be an integer ≥ 0', fix: 'use e.g. 1' });
    }

    add(validateTaints(path, 'taints', props.taints ?? []));
    add(validateLabels(path, 'labels', props.labels ?? {}));
    r.tags.forEach((t, i) => add(validateName(path, `networkTags[${i}]`, t)));

    if (props.surgeUpgrade && props.blueGreenUpgrade) {
      issues.add({ path, field: 'blueGreenUpgrade', value: props.blueGreenUpgrade, problem: 'is set together with surgeUpgrade; a pool upgrades with one strategy', fix: 'keep either surgeUpgrade or blueGreenUpgrade' });
    }
    if (props.surgeUpgrade) {
      const s = { ...DEFAULT_SURGE_UPGRADE, ...props.surgeUpgrade };
      if (!Number.isInteger(s.maxSurge) || s.maxSurge < 0) issues.add({ path, field: 'surgeUpgrade.maxSurge', value: s.maxSurge, problem: 'must be an integer ≥ 0', fix: 'use e.g. 1' });
      if (!Number.isInteger(s.maxUnavailable) || s.maxUnavailable < 0) issues.add({ path, field: 'surgeUpgrade.maxUnavailable', value: s.maxUnavailable, problem: 'must be an integer ≥ 0', fix: 'use e.g. 0' });
      if (s.maxSurge === 0 && s.maxUnavailable === 0) issues.add({ path, field: 'surgeUpgrade', value: s, problem: 'has maxSurge and maxUnavailable both 0, so upgrades cannot progress', fix: 'use maxSurge: 1' });
    }
    if (props.blueGreenUpgrade) add(validateBlueGreenSettings(path, 'blueGreenUpgrade', props.blueGreenUpgrade, { queuedProvisioning: props.queuedProvisioning }));
    if (props.successorOf !== undefined && props.successorOf === props.name) {
      issues.add({ path, field: 'successorOf', value: props.successorOf, problem: 'names the pool itself', fix: 'name the pool of the same cluster this one replaces, e.g. services for services-b' });
    }

    // Pods per node: bounded, and no more than the plan sized the cluster's pod range for.
    add(validateMaxPodsPerNode(path, 'maxPodsPerNode', r.maxPods));
    if (!props.podRange && r.maxPods > cluster.maxPodsPerNode && !issues.issues.some((i) => i.field === 'maxPodsPerNode')) {
      issues.add({
        path,
        field: 'maxPodsPerNode',
        value: r.maxPods,
        problem: `is above the cluster's sizing of ${cluster.maxPodsPerNode} pods per node (a /${podBlockPrefix(r.maxPods)} per node instead of a /${podBlockPrefix(cluster.maxPodsPerNode)}), so the pod range would hold fewer nodes than planned`,
        fix: `lower maxPodsPerNode to ${cluster.maxPodsPerNode} or less, give the pool its own podRange sized for it, or raise maxPodsPerNode for the cluster in the IP plan`,
      });
    }
    if (props.podRange) {
      const known = cluster.additionalPodRangeNames;
      if (props.podRange.rangeName !== cluster.podRangeName && known !== undefined && !known.includes(props.podRange.rangeName)) {
        issues.add({
          path,
          field: 'podRange.rangeName',
          value: props.podRange.rangeName,
          problem: `is not one of the cluster's pod ranges (${[cluster.podRangeName, ...known].join(', ')})`,
          fix: "add it to the cluster's additionalPodRangeNames (and declare it on the subnet) so the cluster does not drift",
        });
      }
      if (props.podRange.cidr && !issues.issues.some((i) => i.field === 'maxPodsPerNode')) {
        const p = parseOrIssue(path, 'podRange.cidr', props.podRange.cidr);
        add(p.issues);
        if (p.cidr) add(validatePodRangeCapacity(path, `podRange.cidr (${props.podRange.rangeName})`, p.cidr, r.maxPods, r.maxNodes + r.surgeNodes, `the pool at ${r.maxNodes} nodes + ${r.surgeNodes} surge`));
      }
    }

    if (!Token.isUnresolved(r.serviceAccount) && (r.serviceAccount === 'default' || r.serviceAccount.endsWith(DEFAULT_COMPUTE_SA_SUFFIX))) {
      issues.add({ path, field: 'serviceAccountEmail', value: r.serviceAccount, problem: 'is the Compute Engine default service account (Editor on the project)', fix: "omit it to use the cluster's least-privilege node service account" });
    }

    const machine = props.machineType ?? DEFAULT_MACHINE_TYPE;
    add(validateMachineType(path, 'machineType', machine));
    // GPUs: the same rule the platform definition's validation runs (type, count, machine family).
    if (props.gpu) add([...validateGpu(path, props.gpu, machine), ...validateGpuSharing(path, props.gpu)]);
    if (props.queuedProvisioning) {
      const total = 'totalMinNodes' in r.scaling;
      if (!total) issues.add({ path, field: 'autoscaling', value: r.scaling, problem: 'sets per-zone limits on a queued-provisioning pool', fix: 'use totalMinNodes: 0 and totalMaxNodes' });
      add(validateQueuedProvisioning(path, { minNodes: total ? (r.scaling as { totalMinNodes: number }).totalMinNodes : undefined, spot: props.spot ?? false, hasGpu: props.gpu !== undefined, locationPolicy: props.locationPolicy }));
    }
    issues.throwIfAny();
  }
}

/** 'gke-node' for the shared baseline rules, and the cluster's own tag for its segmented ones. */
function defaultNetworkTags(cluster: string): readonly string[] {
  return Token.isUnresolved(cluster) ? [DEFAULT_GKE_NODE_TAG] : [DEFAULT_GKE_NODE_TAG, clusterNodeTag(cluster)];
}
