import { Cidr } from './cidr';
import type { AddressPool, Reservation } from './ip-plan';
import { LockFile } from './lock-file';

/** Where an allocation's range came from in this resolution. */
export type AllocationStatus =
  /** Recorded in the lock file and still requested. */
  | 'locked'
  /** Placed now; not yet recorded in the lock file. */
  | 'new'
  /** Recorded but no longer requested: still reserved until released explicitly. */
  | 'orphaned';

export interface Allocation {
  readonly name: string;
  readonly pool: string;
  readonly cidr: string;
  readonly status: AllocationStatus;
}

/** Capacity of one GKE cluster's ranges against its declared intent. */
export interface GkeCapacity {
  readonly cluster: string;
  readonly maxNodes: number;
  readonly surgeNodes: number;
  readonly maxPodsPerNode: number;
  readonly nodeSubnet: string;
  readonly podRanges: readonly string[];
  readonly servicesRange: string;
  readonly controlPlane: string;
  /** Nodes the node subnet holds (2^(32-p) - 4). */
  readonly nodesBySubnet: number;
  /** Nodes the pod ranges hold together (one pod block per node). */
  readonly nodesByPodRanges: number;
  /** The smaller of the two: the most nodes the cluster can reach. */
  readonly nodeLimit: number;
  readonly maxPods: number;
  readonly services: number;
  /** nodeLimit - (maxNodes + surgeNodes): never negative in a resolved plan. */
  readonly headroomNodes: number;
}

/** The outcome of IpPlan.resolve: every range placed, plus what changed against the lock file. */
export class ResolvedIpPlan {
  private readonly byName: ReadonlyMap<string, Allocation>;

  constructor(
    public readonly pools: readonly AddressPool[],
    public readonly reservations: readonly Reservation[],
    /** Every allocation, sorted by name. */
    public readonly allocations: readonly Allocation[],
    public readonly gkeClusters: readonly GkeCapacity[],
  ) {
    this.byName = new Map(allocations.map((allocation) => [allocation.name, allocation]));
  }

  /** Allocations placed now that the lock file does not yet record. */
  public get newAllocations(): readonly Allocation[] {
    return this.allocations.filter((allocation) => allocation.status === 'new');
  }

  /** Recorded allocations no longer requested: still reserved until released. */
  public get orphanedAllocations(): readonly Allocation[] {
    return this.allocations.filter((allocation) => allocation.status === 'orphaned');
  }

  /** The lock file recording every allocation, orphans included. */
  public get lockFile(): LockFile {
    const allocations: Record<string, { cidr: string; pool: string }> = {};
    for (const allocation of this.allocations) allocations[allocation.name] = { cidr: allocation.cidr, pool: allocation.pool };
    return { version: 1, allocations };
  }

  public has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The allocation of that name; throws naming close matches when there is none. */
  public get(name: string): Allocation {
    const allocation = this.byName.get(name);
    if (!allocation) {
      const prefix = name.split('/').slice(0, -1).join('/');
      const near = this.allocations.filter((a) => a.name.startsWith(prefix)).slice(0, 5).map((a) => a.name);
      throw new Error(`IP plan has no allocation ${JSON.stringify(name)}; request it first${near.length ? ` (similar: ${near.join(', ')})` : ''}`);
    }
    return allocation;
  }

  public cidr(name: string): string {
    return this.get(name).cidr;
  }

  /** The nth address of an allocation, e.g. `address(name, 1)` for the first host. */
  public address(name: string, offset: number): string {
    return Cidr.parse(this.cidr(name)).address(offset);
  }

  public gkeCapacity(cluster: string): GkeCapacity {
    const capacity = this.gkeClusters.find((c) => c.cluster === cluster);
    if (!capacity) throw new Error(`IP plan has no GKE cluster request ${JSON.stringify(cluster)}`);
    return capacity;
  }
}
