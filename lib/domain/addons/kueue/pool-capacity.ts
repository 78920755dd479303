/**
 * What a node pool can hold at its maximum size (CPU and memory left for pods on every node, and `nvidia.com/gpu`),
 * and the check that the tenants' nominal quotas on it add up to no more. Pure; property-tested.
 */
import { poolGpus } from '../../platform/tenant-gpu-quota';
import { DEFAULT_MACHINE_TYPES } from '../../platform/platform-defaults';
import type { NodePoolDefinition } from '../../platform/node-pool-definition';
import { allocatable, machineShape, SYSTEM_DAEMONSET_RESERVE } from '../../tenancy/node-shape';
import { parseQuantity } from '../../tenancy/quantity';

/** A pool's capacity at maxNodes. CPU and memory are undefined for machine types the shape table does not know. */
export interface PoolCapacity {
  /** Cores left for pods across the pool: maxNodes × (allocatable − GKE's DaemonSets). @default undefined for an unknown machine type (not checked) */
  readonly cpu?: number;
  /** Bytes left for pods across the pool, likewise. @default undefined for an unknown machine type (not checked) */
  readonly memory?: number;
  /** `nvidia.com/gpu` across the pool (poolGpus: MIG partitions and sharing clients counted). */
  readonly gpus: number;
}

const GIB = 1024 ** 3;

/** The pool's capacity, from its machine shape (node-shape.ts) and GPUs. */
export function poolCapacity(pool: Pick<NodePoolDefinition, 'kind' | 'machineType' | 'maxNodes' | 'gpu'>): PoolCapacity {
  const shape = machineShape(pool.machineType ?? DEFAULT_MACHINE_TYPES[pool.kind]);
  const gpus = poolGpus(pool);
  if (!shape) return { gpus };
  const free = allocatable(shape);
  return {
    cpu: Math.max(0, free.vcpus - SYSTEM_DAEMONSET_RESERVE.vcpus) * pool.maxNodes,
    memory: Math.max(0, free.memoryGiB - SYSTEM_DAEMONSET_RESERVE.memoryGiB) * GIB * pool.maxNodes,
    gpus,
  };
}

/** One tenant's nominal quota on a pool, as numbers (cores, bytes, GPUs). */
export interface NominalQuota {
  /** The tenant. */
  readonly tenant: string;
  /** Cores. */
  readonly cpu: number;
  /** Bytes. */
  readonly memory: number;
  /** `nvidia.com/gpu`. */
  readonly gpus: number;
}

/** A resource whose nominal quotas exceed the pool. */
export interface Oversubscription {
  /** `cpu`, `memory` or `nvidia.com/gpu`. */
  readonly resource: 'cpu' | 'memory' | 'nvidia.com/gpu';
  /** The nominal quotas added up. */
  readonly sum: number;
  /** What the pool holds. */
  readonly capacity: number;
  /** The tenants with a nominal quota of it on the pool, in the order given. */
  readonly tenants: readonly string[];
}

/** Every resource whose nominal quotas on the pool add up to more than it holds (CPU and memory only where known). */
export function oversubscribed(capacity: PoolCapacity, quotas: readonly NominalQuota[]): Oversubscription[] {
  const out: Oversubscription[] = [];
  const check = (resource: Oversubscription['resource'], cap: number | undefined, of: (q: NominalQuota) => number) => {
    const holders = quotas.filter((q) => of(q) > 0);
    const sum = holders.reduce((total, q) => total + of(q), 0);
    // Relative tolerance: quantities like 1.5Gi add up in floating point.
    if (cap !== undefined && sum > cap * (1 + 1e-12)) out.push({ resource, sum, capacity: cap, tenants: holders.map((q) => q.tenant) });
  };
  check('cpu', capacity.cpu, (q) => q.cpu);
  check('memory', capacity.memory, (q) => q.memory);
  check('nvidia.com/gpu', capacity.gpus, (q) => q.gpus);
  return out;
}

/** A nominal quota's amounts as numbers; absent amounts are 0. Throws on a malformed quantity (validated first). */
export function nominalQuota(tenant: string, amounts: { readonly cpu?: string; readonly memory?: string; readonly gpus?: number }): NominalQuota {
  return { tenant, cpu: parseQuantity(amounts.cpu ?? '0'), memory: parseQuantity(amounts.memory ?? '0'), gpus: amounts.gpus ?? 0 };
}

/** An amount for a message: cores with up to 2 decimals, memory in GiB, GPUs whole. */
export function formatAmount(resource: Oversubscription['resource'], value: number): string {
  const round = (n: number) => String(Math.round(n * 100) / 100);
  if (resource === 'memory') return `${round(value / GIB)}Gi`;
  if (resource === 'cpu') return `${round(value)} CPUs`;
  return `${value} GPUs`;
}
