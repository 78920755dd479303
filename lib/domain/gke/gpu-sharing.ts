/**
 * GPU sharing on a GKE node pool: time-sharing and MPS (several containers take turns on, or split, one physical
 * GPU: no memory or fault isolation between them) and multi-instance GPUs (MIG: the GPU is cut into hardware
 * partitions, each with its own memory and compute: the only sharing that isolates tenants in hardware). What a
 * node then advertises as `nvidia.com/gpu`, which the tenants' quotas and Kueue's nominal quotas count. Pure.
 */
import type { ValidationIssue } from '../validation-error';

/** How several containers share one physical GPU of the pool. */
export interface GpuSharing {
  /**
   * `time-sharing`: containers take turns (context switching); `mps`: NVIDIA's Multi-Process Service runs them side
   * by side. Neither isolates memory or faults: use only within one tenant, or between tenants that trust each other.
   */
  readonly strategy: 'time-sharing' | 'mps';
  /** Containers sharing one physical GPU (GKE's `max_shared_clients_per_gpu`, 2 to 48): each node advertises count × this many `nvidia.com/gpu`. */
  readonly maxClientsPerGpu: number;
}

/** GKE's provider spelling of a sharing strategy (`gpu_sharing_config.gpu_sharing_strategy`). */
export const GPU_SHARING_STRATEGY: Readonly<Record<GpuSharing['strategy'], string>> = { 'time-sharing': 'TIME_SHARING', mps: 'MPS' };

/** Most clients per GPU GKE accepts for time-sharing and MPS. */
export const MAX_SHARED_CLIENTS_PER_GPU = 48;

/**
 * MIG partition sizes GKE offers per GPU type, with how many partitions of that size one GPU holds
 * (NVIDIA's MIG user guide, the profiles GKE lists for `gpu_partition_size`). Types absent here have no MIG.
 */
export const MIG_PARTITIONS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'nvidia-tesla-a100': { '1g.5gb': 7, '2g.10gb': 3, '3g.20gb': 2, '7g.40gb': 1 },
  'nvidia-a100-80gb': { '1g.10gb': 7, '2g.20gb': 3, '3g.40gb': 2, '7g.80gb': 1 },
  'nvidia-h100-80gb': { '1g.10gb': 7, '1g.20gb': 4, '2g.20gb': 3, '3g.40gb': 2, '7g.80gb': 1 },
  'nvidia-h100-mega-80gb': { '1g.10gb': 7, '1g.20gb': 4, '2g.20gb': 3, '3g.40gb': 2, '7g.80gb': 1 },
};

/** A pool's GPUs as the definition declares them: type, count, and at most one way of sharing them. */
export interface SharedGpuDefinition {
  /** GPU accelerator type as GKE names it. */
  readonly type: string;
  /** Physical GPUs per node. */
  readonly count: number;
  /** Time-sharing or MPS. @default none: each container gets whole GPUs */
  readonly sharing?: GpuSharing;
  /** MIG partition size, e.g. `1g.5gb` (MIG_PARTITIONS). Forces replacement of the pool. @default none: whole GPUs */
  readonly partitionSize?: string;
}

/** `nvidia.com/gpu` one physical GPU advertises: its MIG partitions, its sharing clients, else 1. */
export function gpuUnitsPerGpu(gpu: Pick<SharedGpuDefinition, 'type' | 'sharing' | 'partitionSize'>): number {
  const partitions = gpu.partitionSize ? (MIG_PARTITIONS[gpu.type]?.[gpu.partitionSize] ?? 1) : 1;
  return partitions * (gpu.sharing?.maxClientsPerGpu ?? 1);
}

/** Whether the pool's GPU units are hardware-isolated from each other: whole GPUs or MIG partitions, not time-sharing or MPS. */
export function gpuIsolatedInHardware(gpu: Pick<SharedGpuDefinition, 'sharing'>): boolean {
  return gpu.sharing === undefined;
}

/** Checks a pool's sharing and MIG settings; `path` names the pool. */
export function validateGpuSharing(path: string, gpu: SharedGpuDefinition): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const sharing = gpu.sharing;
  if (sharing) {
    if (!(sharing.strategy in GPU_SHARING_STRATEGY)) issues.push({ path, field: 'gpu.sharing.strategy', value: sharing.strategy, problem: 'is not a GPU sharing strategy GKE offers', fix: "use 'time-sharing' or 'mps'" });
    const clients = sharing.maxClientsPerGpu;
    if (!Number.isInteger(clients) || clients < 2 || clients > MAX_SHARED_CLIENTS_PER_GPU) {
      issues.push({ path, field: 'gpu.sharing.maxClientsPerGpu', value: clients, problem: `must be a whole number from 2 to ${MAX_SHARED_CLIENTS_PER_GPU}`, fix: 'give how many containers share one GPU, e.g. 4' });
    }
  }
  if (gpu.partitionSize !== undefined) {
    const sizes = MIG_PARTITIONS[gpu.type];
    if (!sizes)
      issues.push({
        path,
        field: 'gpu.partitionSize',
        value: gpu.partitionSize,
        problem: `is set on ${gpu.type} GPUs, which have no multi-instance (MIG) partitions`,
        fix: `use a MIG-capable type (${Object.keys(MIG_PARTITIONS).join(', ')}) or leave partitionSize out`,
      });
    else if (!(gpu.partitionSize in sizes)) issues.push({ path, field: 'gpu.partitionSize', value: gpu.partitionSize, problem: `is not a MIG partition size of ${gpu.type}`, fix: `use one of ${Object.keys(sizes).join(', ')}` });
    if (sharing?.strategy === 'mps')
      issues.push({ path, field: 'gpu.sharing.strategy', value: 'mps', problem: 'is combined with MIG partitions, which GKE does not offer', fix: "use 'time-sharing' on MIG partitions, or leave partitionSize out" });
  }
  return issues;
}
