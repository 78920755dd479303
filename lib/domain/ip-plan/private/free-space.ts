import { Cidr } from '../cidr';

interface Occupied {
  readonly cidr: Cidr;
  readonly owner: string;
}

/**
 * The occupied blocks of one pool, kept sorted by start address, with first-fit placement of
 * aligned blocks. Lowest-address-first keeps the plan compact and its result predictable.
 */
export class FreeSpace {
  private readonly occupied: Occupied[] = [];

  constructor(public readonly cidr: Cidr) {}

  public occupy(cidr: Cidr, owner: string): void {
    const index = this.insertionIndex(cidr.network);
    this.occupied.splice(index, 0, { cidr, owner });
  }

  public firstOverlap(cidr: Cidr): Occupied | undefined {
    return this.occupied.find((o) => o.cidr.overlaps(cidr));
  }

  /** Places the lowest free aligned block of that prefix length, or returns undefined when none is left. */
  public allocate(prefixLength: number, owner: string): Cidr | undefined {
    const size = 2 ** (32 - prefixLength);
    let candidate = this.cidr.network;
    for (const block of this.occupied) {
      if (candidate + size - 1 > this.cidr.last) return undefined;
      if (block.cidr.last < candidate) continue;
      if (block.cidr.network > candidate + size - 1) break;
      // The candidate overlaps this block: move past it to the next aligned start.
      candidate = Math.ceil((block.cidr.last + 1) / size) * size;
    }
    if (candidate + size - 1 > this.cidr.last) return undefined;
    const placed = Cidr.fromNumbers(candidate, prefixLength);
    this.occupy(placed, owner);
    return placed;
  }

  /** Addresses not occupied (ignoring alignment): shown when a pool is exhausted. */
  public freeAddresses(): number {
    let used = 0;
    let end = this.cidr.network - 1;
    for (const block of this.occupied) {
      const start = Math.max(block.cidr.network, end + 1, this.cidr.network);
      const last = Math.min(block.cidr.last, this.cidr.last);
      if (last >= start) used += last - start + 1;
      end = Math.max(end, last);
    }
    return this.cidr.size - used;
  }

  private insertionIndex(network: number): number {
    let low = 0;
    let high = this.occupied.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.occupied[middle].cidr.network <= network) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
