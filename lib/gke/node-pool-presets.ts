/**
 * NodePool props for the common kinds of pool. Each returns plain props; pass overrides to change
 * any field (labels merge, taints append). The keys below are shared with the tenancy policies.
 */
// The tenant taint/label keys are owned by the tenancy policies (pure constants, no cdk8s import),
// so the admission policies and the pools can never disagree.
import { TENANT_NODE_LABEL_KEY } from '../domain/tenancy/labels';
import { DEFAULT_BLUE_GREEN_UPGRADE, DEFAULT_GPU, DEFAULT_GPU_DRIVER_VERSION, DEFAULT_MACHINE_TYPES } from '../domain/platform/platform-defaults';
import { gkeTaint, tenantPlacement } from '../domain/tenancy/tenant-placement';
import { IGkeCluster } from './gke-cluster';
import { NodePoolProps, NodeTaint } from './node-pool';
import { WORKLOAD_CLASS_BATCH, WORKLOAD_CLASS_GENERAL, WORKLOAD_CLASS_GPU, WORKLOAD_CLASS_KEY } from '../domain/gke/workload-class';

/** What a node pool preset needs: the cluster and the pool's name. */
export interface PresetTarget {
  /** The cluster the pool joins (created here or imported with `GkeCluster.fromClusterAttributes`). */
  readonly cluster: IGkeCluster;
  /** Pool name (≤ 40 characters, lower-case). Forces replacement of the pool. */
  readonly name: string;
}

/** What a node pool preset's caller may override: any `NodePoolProps` but the cluster and the name. */
export type PresetOverrides = Partial<Omit<NodePoolProps, 'cluster' | 'name'>>;

function merge(preset: NodePoolProps, overrides: PresetOverrides): NodePoolProps {
  // An override's upgrade strategy replaces the preset's: a pool upgrades one way.
  const { blueGreenUpgrade: _blueGreen, surgeUpgrade: _surge, ...rest } = preset;
  const upgrade = overrides.surgeUpgrade || overrides.blueGreenUpgrade ? {} : { ...(preset.blueGreenUpgrade ? { blueGreenUpgrade: preset.blueGreenUpgrade } : {}), ...(preset.surgeUpgrade ? { surgeUpgrade: preset.surgeUpgrade } : {}) };
  return {
    ...rest,
    ...upgrade,
    ...overrides,
    labels: { ...preset.labels, ...overrides.labels },
    taints: [...(preset.taints ?? []), ...(overrides.taints ?? [])],
  };
}

/**
 * Services: on-demand E2, 1..5 nodes per zone balanced across zones, untainted, upgraded blue-green
 * (DEFAULT_BLUE_GREEN_UPGRADE): the cluster's ranges must hold a second set of its nodes.
 */
export function generalServicesPool(target: PresetTarget, overrides: PresetOverrides = {}): NodePoolProps {
  return merge(
    {
      ...target,
      machineType: DEFAULT_MACHINE_TYPES.general,
      autoscaling: { minNodesPerZone: 1, maxNodesPerZone: 5 },
      locationPolicy: 'BALANCED',
      labels: { [WORKLOAD_CLASS_KEY]: WORKLOAD_CLASS_GENERAL },
      blueGreenUpgrade: { ...DEFAULT_BLUE_GREEN_UPGRADE },
    },
    overrides,
  );
}

/**
 * Batch on Spot VMs, scaling from zero, surge-upgraded (NodePool's default: one node per zone at a time). Tainted `workload-class=batch:NO_SCHEDULE` so services,
 * which cannot take preemption, never land here by accident; batch jobs opt in with a toleration
 * and a `workload-class: batch` node selector.
 */
export function spotBatchPool(target: PresetTarget, overrides: PresetOverrides = {}): NodePoolProps {
  return merge(
    {
      ...target,
      machineType: DEFAULT_MACHINE_TYPES['spot-batch'],
      spot: true,
      autoscaling: { totalMinNodes: 0, totalMaxNodes: 20 },
      locationPolicy: 'ANY',
      labels: { [WORKLOAD_CLASS_KEY]: WORKLOAD_CLASS_BATCH },
      taints: [{ key: WORKLOAD_CLASS_KEY, value: WORKLOAD_CLASS_BATCH, effect: 'NO_SCHEDULE' }],
    },
    overrides,
  );
}

/**
 * GPU training: one NVIDIA L4 per g2-standard-8 node, driver installed by GKE (LATEST), scaling from
 * zero, surge-upgraded (a second set of GPUs is rarely within quota). No GPU taint here: GKE adds `nvidia.com/gpu=present:NoSchedule` itself.
 */
export function gpuTrainingPool(target: PresetTarget, overrides: PresetOverrides = {}): NodePoolProps {
  return merge(
    {
      ...target,
      machineType: DEFAULT_MACHINE_TYPES.gpu,
      diskType: 'pd-ssd',
      diskSizeGb: 200,
      gpu: { ...DEFAULT_GPU, driverVersion: DEFAULT_GPU_DRIVER_VERSION },
      autoscaling: { totalMinNodes: 0, totalMaxNodes: 4 },
      locationPolicy: 'ANY',
      labels: { [WORKLOAD_CLASS_KEY]: WORKLOAD_CLASS_GPU },
    },
    overrides,
  );
}

/** The taint that keeps other tenants off a dedicated pool (the tenant's placement, in the GKE API's spelling). */
function tenantTaint(tenant: string): NodeTaint {
  return gkeTaint(tenantPlacement(tenant).taint);
}

/**
 * Tenant-dedicated: taint and label `tenant=<name>`, so only that tenant's pods (with the toleration) land here. A
 * tenant's services run here: upgraded blue-green (DEFAULT_BLUE_GREEN_UPGRADE) unless the overrides say surge.
 */
export function tenantDedicatedPool(target: PresetTarget, tenant: string, overrides: PresetOverrides = {}): NodePoolProps {
  return merge(
    {
      ...target,
      machineType: DEFAULT_MACHINE_TYPES.general,
      autoscaling: { minNodesPerZone: 0, maxNodesPerZone: 3 },
      locationPolicy: 'BALANCED',
      labels: { [TENANT_NODE_LABEL_KEY]: tenant },
      taints: [tenantTaint(tenant)],
      blueGreenUpgrade: { ...DEFAULT_BLUE_GREEN_UPGRADE },
    },
    overrides,
  );
}
