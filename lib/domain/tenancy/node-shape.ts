/**
 * Machine shapes and what GKE leaves for pods on them, so a tenant's per-container limits can be derived from
 * the nodes it runs on. Pure: no imports.
 *
 * Allocatable follows GKE's documented reservations (cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes):
 * CPU 6% of the first core, 1% of the next, 0.5% of the next 2, 0.25% above 4; memory 25% of the first 4 GiB,
 * 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above 128, plus a 100 MiB eviction threshold.
 * GKE may change these; a real node's `kubectl describe node` is the authority.
 */

interface MachineShape {
  /** vCPUs of the machine (or, from `allocatable`, the cores left for pods). */
  readonly vcpus: number;
  /** Memory in GiB (or, from `allocatable`, what is left for pods). */
  readonly memoryGiB: number;
}

/** GiB per vCPU of the predefined families (`<family>-<class>-<vcpus>`). */
const GIB_PER_VCPU: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  e2: { standard: 4, highmem: 8, highcpu: 1 },
  n2: { standard: 4, highmem: 8, highcpu: 1 },
  n2d: { standard: 4, highmem: 8, highcpu: 1 },
  n4: { standard: 4, highmem: 8, highcpu: 2 },
  c2: { standard: 4 },
  c2d: { standard: 4, highmem: 8, highcpu: 2 },
  c3: { standard: 4, highmem: 8, highcpu: 2 },
  t2d: { standard: 4 },
  n1: { standard: 3.75, highmem: 6.5, highcpu: 0.9 },
  g2: { standard: 4 },
};

/** A2 shapes: 12 vCPU and 85 GiB per A100 40GB (highgpu), 170 GiB per A100 80GB (ultragpu). */
const A2_PER_GPU: Readonly<Record<string, MachineShape>> = {
  highgpu: { vcpus: 12, memoryGiB: 85 },
  ultragpu: { vcpus: 12, memoryGiB: 170 },
};

/** The shape of a predefined machine type, or undefined when this table does not know it (custom types included). */
export function machineShape(machineType: string): MachineShape | undefined {
  const a2 = /^a2-(highgpu|ultragpu)-(\d+)g$/.exec(machineType);
  if (a2) {
    const per = A2_PER_GPU[a2[1]];
    return { vcpus: per.vcpus * Number(a2[2]), memoryGiB: per.memoryGiB * Number(a2[2]) };
  }
  const match = /^([a-z0-9]+)-(standard|highmem|highcpu)-(\d+)$/.exec(machineType);
  if (!match) return undefined;
  const ratio = GIB_PER_VCPU[match[1]]?.[match[2]];
  if (ratio === undefined) return undefined;
  const vcpus = Number(match[3]);
  return { vcpus, memoryGiB: vcpus * ratio };
}

function tiered(total: number, tiers: readonly (readonly [number, number])[], rest: number): number {
  let reserved = 0;
  let left = total;
  for (const [size, share] of tiers) {
    const part = Math.min(left, size);
    reserved += part * share;
    left -= part;
  }
  return reserved + left * rest;
}

/** What GKE leaves for pods on a node of this shape: cores and GiB. */
export function allocatable(shape: MachineShape): MachineShape {
  const cpuReserved = tiered(
    shape.vcpus,
    [
      [1, 0.06],
      [1, 0.01],
      [2, 0.005],
    ],
    0.0025,
  );
  const memoryReserved =
    tiered(
      shape.memoryGiB,
      [
        [4, 0.25],
        [4, 0.2],
        [8, 0.1],
        [112, 0.06],
      ],
      0.02,
    ) +
    100 / 1024;
  return { vcpus: shape.vcpus - cpuReserved, memoryGiB: shape.memoryGiB - memoryReserved };
}

/**
 * Room GKE's own DaemonSets take on every node (logging, the metadata server, Dataplane V2, CSI drivers,
 * managed Prometheus): an estimate from their requests, so a container at the derived maximum still fits.
 */
export const SYSTEM_DAEMONSET_RESERVE: MachineShape = { vcpus: 0.5, memoryGiB: 1 };

/** The largest container a node of this shape can hold: allocatable less the DaemonSets, in whole cores and GiB. */
export function largestContainer(machineType: string): { readonly cpu: string; readonly memory: string } | undefined {
  const shape = machineShape(machineType);
  if (!shape) return undefined;
  const free = allocatable(shape);
  const cpu = free.vcpus - SYSTEM_DAEMONSET_RESERVE.vcpus;
  const memory = free.memoryGiB - SYSTEM_DAEMONSET_RESERVE.memoryGiB;
  return {
    cpu: cpu >= 1 ? String(Math.floor(cpu)) : `${Math.floor(cpu * 10) * 100}m`,
    memory: memory >= 1 ? `${Math.floor(memory)}Gi` : `${Math.floor(memory * 1024)}Mi`,
  };
}
