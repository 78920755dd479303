/**
 * A model of the scheduler's filters over the synthesized node pools: which pools could a pod land on? Labels
 * (nodeSelector), taints (NoSchedule/NoExecute against tolerations, with the `nvidia.com/gpu` taint GKE puts
 * on GPU nodes and the toleration its ExtendedResourceToleration plugin gives GPU-requesting pods), GPUs, and
 * CPU and memory against what one node holds for a container. Not modelled: node affinity, pod (anti-)affinity,
 * topology spread, current load. A real cluster is the authority; this catches a pod no pool can take.
 */
import { largestContainer } from '../../lib/domain/tenancy/node-shape';
import { compareQuantities } from '../../lib/domain/tenancy/quantity';

export interface PoolModel {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { key: string; value?: string; effect: string }[];
  readonly gpus: number;
  readonly machineType: string;
}

const EFFECT: Readonly<Record<string, string>> = { NO_SCHEDULE: 'NoSchedule', PREFER_NO_SCHEDULE: 'PreferNoSchedule', NO_EXECUTE: 'NoExecute' };
export const GPU_RESOURCE = 'nvidia.com/gpu';

/** Node pools of a cluster stack's Terraform JSON (google_container_node_pool). */
export function poolsOf(resources: readonly any[]): PoolModel[] {
  return resources.map((pool) => {
    const config = pool.node_config ?? {};
    const gpus = (config.guest_accelerator ?? []).reduce((n: number, g: any) => n + Number(g.count ?? 0), 0);
    const taints = (config.taint ?? []).map((t: any) => ({ key: t.key, value: t.value, effect: EFFECT[t.effect] ?? t.effect }));
    // GKE taints every GPU node itself.
    if (gpus > 0) taints.push({ key: GPU_RESOURCE, value: 'present', effect: 'NoSchedule' });
    return { name: pool.name, labels: { ...(config.labels ?? {}), 'cloud.google.com/gke-nodepool': pool.name }, taints, gpus, machineType: config.machine_type };
  });
}

function tolerates(tolerations: readonly any[], taint: PoolModel['taints'][number]): boolean {
  return tolerations.some((t) => {
    const keyOk = t.key === undefined || t.key === '' ? t.operator === 'Exists' : t.key === taint.key;
    const valueOk = t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
    const effectOk = !t.effect || t.effect === taint.effect;
    return keyOk && valueOk && effectOk;
  });
}

/** The pools a pod spec could be scheduled on (empty: it stays Pending forever). */
export function feasiblePools(spec: any, pools: readonly PoolModel[]): string[] {
  const containers: any[] = spec.containers ?? [];
  const gpus = containers.reduce((n, c) => n + Number(c.resources?.limits?.[GPU_RESOURCE] ?? c.resources?.requests?.[GPU_RESOURCE] ?? 0), 0);
  const tolerations = [...(spec.tolerations ?? []), ...(gpus > 0 ? [{ key: GPU_RESOURCE, operator: 'Exists', effect: 'NoSchedule' }] : [])];
  return pools
    .filter((pool) => Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => pool.labels[k] === v))
    .filter((pool) => pool.taints.filter((t) => t.effect !== 'PreferNoSchedule').every((t) => tolerates(tolerations, t)))
    .filter((pool) => gpus <= pool.gpus)
    .filter((pool) => {
      const room = largestContainer(pool.machineType);
      if (!room) return true;
      return containers.every((c) => ['cpu', 'memory'].every((r) => !c.resources?.requests?.[r] || compareQuantities(c.resources.requests[r], room[r as 'cpu' | 'memory']) <= 0));
    })
    .map((pool) => pool.name);
}
