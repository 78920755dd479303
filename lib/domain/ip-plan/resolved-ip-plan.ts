import { Cidr } from './cidr';
import type { AddressPool, Reservation } from './plan-requests';
import { LockFile } from './lock-file';

/** Where an allocation's range came from in this resolution. */
export type AllocationStatus =
  /** Recorded in the lock file and still requested. */
  | 'locked'
  /** Placed now; not yet recorded in the lock file. */
  | 'new'
  /** Recorded but no longer requested: still reserved until released explicitly. */
  | 'orphaned';

/** One range of the resolved IP plan: its name, CIDR, pool and whether it was recorded or placed now. */
export interface Allocation {
  /** Hierarchical allocation name, e.g. `gcp/us-central1/prod-usc1/pods`: the key in the lock file. */
  readonly name: string;
  /** Name of the pool the range was drawn from. */
  readonly pool: string;
  /** The placed or recorded range, e.g. `10.8.0.0/14`. */
  readonly cidr: string;
  /** `locked` (recorded and requested), `new` (placed now, not yet recorded) or `orphaned` (recorded, no longer requested). */
  readonly status: AllocationStatus;
}

/** Capacity of one GKE cluster's ranges against its declared intent. */
export interface GkeCapacity {
  /** The cluster request's name, the prefix of its ranges (e.g. `gcp/us-central1/prod-usc1`). */
  readonly cluster: string;
  /** Nodes the cluster may scale to, as declared. */
  readonly maxNodes: number;
  /** Extra nodes during upgrades; 0 when the request gave none. */
  readonly surgeNodes: number;
  /** Extra nodes while a blue-green pool upgrades; 0 when the request gave none. Not in headroomNodes: checked per pool by the platform plan. */
  readonly blueGreenNodes: number;
  /** The cluster's default pods per node. */
  readonly maxPodsPerNode: number;
  /** CIDR of the node subnet. */
  readonly nodeSubnet: string;
  /** CIDRs of the default pod range, then of each additional pod range in request order. */
  readonly podRanges: readonly string[];
  /** CIDR of the services range. */
  readonly servicesRange: string;
  /** CIDR of the control plane's /28. */
  readonly controlPlane: string;
  /** Nodes the node subnet holds (2^(32-p) - 4). */
  readonly nodesBySubnet: number;
  /** Nodes the pod ranges hold together (one pod block per node). */
  readonly nodesByPodRanges: number;
  /** The smaller of the two: the most nodes the cluster can reach. */
  readonly nodeLimit: number;
  /** Pods the cluster can run at full size: nodeLimit × maxPodsPerNode. */
  readonly maxPods: number;
  /** Service IPs the services range holds (2^(32-p)). */
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
      const near = this.allocations
        .filter((a) => a.name.startsWith(prefix))
        .slice(0, 5)
        .map((a) => a.name);
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
