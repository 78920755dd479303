import { Cidr, compareCidrs } from '../domain/ip-plan/cidr';
import type { AddressPool } from '../domain/ip-plan/plan-requests';
import type { Allocation, AllocationStatus, ResolvedIpPlan } from '../domain/ip-plan/resolved-ip-plan';
import { AWS_RESERVED_LINK_RANGES, SUBNET_FORBIDDEN_RANGES } from '../domain/ip-plan/special-ranges';

/** What an allocation is for, read from its name's last segment (and its pool's kind for BGP links). */
export type AllocationKind = 'nodes' | 'pods' | 'services' | 'control-plane' | 'bgp-link' | 'other';

/** Every kind, in legend order. */
export const ALLOCATION_KINDS: readonly AllocationKind[] = ['nodes', 'pods', 'services', 'control-plane', 'bgp-link', 'other'];

/**
 * The kind of an allocation. GKE ranges are named `<cluster>/nodes|pods|services|control-plane`
 * (extra pod ranges get names of their own, conventionally starting with `pods`); anything in a
 * link-local pool is a BGP /30.
 */
export function allocationKind(name: string, pool?: Pick<AddressPool, 'kind'>): AllocationKind {
  if (pool?.kind === 'link-local') return 'bgp-link';
  const last = name.split('/').pop() ?? name;
  if (last === 'nodes') return 'nodes';
  if (last === 'pods' || last.startsWith('pods-') || last.startsWith('pods.')) return 'pods';
  if (last === 'services') return 'services';
  if (last === 'control-plane') return 'control-plane';
  return 'other';
}

/** One block of a pool's address space, clipped to the pool. */
export type PoolSegment =
  | {
      /** A range the IP plan handed out from the pool. */
      readonly type: 'allocation';
      /** The allocation's name, its lock-file key, e.g. `gcp/us-central1/prod-usc1/pods`. */
      readonly name: string;
      /** The allocated range, whole (not clipped). */
      readonly cidr: string;
      /** What it is for, read from its name (nodes, pods, services, control plane, BGP link): its colour in the picture. */
      readonly kind: AllocationKind;
      /** Recorded in the lock file (`locked`), placed now (`new`) or recorded but no longer requested (`orphaned`). */
      readonly status: AllocationStatus;
      /** First address of the segment inside the pool, as an unsigned integer (clipped to the pool). */
      readonly start: number;
      /** Addresses of the segment inside the pool (clipped to the pool). */
      readonly size: number;
    }
  | {
      /** A reservation the plan never hands out (a remote network, a Google-managed range). */
      readonly type: 'reservation';
      /** The reservation's name, e.g. `remote/aws-usw2`. */
      readonly name: string;
      /** The reserved range, whole (not clipped). */
      readonly cidr: string;
      /** Why it is reserved, as declared. */
      readonly reason: string;
      /** First address of the segment inside the pool, as an unsigned integer (clipped to the pool). */
      readonly start: number;
      /** Addresses of the segment inside the pool (clipped to the pool). */
      readonly size: number;
    }
  | {
      /** A special range the pool may not hand out (SUBNET_FORBIDDEN_RANGES, AWS's reserved link-local /30s), drawn only where it overlaps part of the pool. */
      readonly type: 'excluded';
      /** The special range's CIDR (it has no other name). */
      readonly name: string;
      /** The special range, whole (not clipped). */
      readonly cidr: string;
      /** Why the range is excluded, e.g. `is link-local, used by GCP metadata and BGP sessions (RFC 3927)`. */
      readonly reason: string;
      /** First address of the segment inside the pool, as an unsigned integer (clipped to the pool). */
      readonly start: number;
      /** Addresses of the segment inside the pool (clipped to the pool). */
      readonly size: number;
    };

export interface PoolUsage {
  /** The pool as declared. */
  readonly pool: AddressPool;
  /** First address of the pool as an unsigned integer. */
  readonly start: number;
  /** Addresses in the pool. */
  readonly size: number;
  /** Sorted by start address; reservations and excluded ranges clipped to the pool. */
  readonly segments: readonly PoolSegment[];
  /** Addresses held by allocations. */
  readonly allocated: number;
  /** Addresses held by reservations. */
  readonly reserved: number;
  /** Addresses of special ranges the pool may not hand out. */
  readonly excluded: number;
  /** Addresses neither allocated, reserved nor excluded. */
  readonly free: number;
}

interface AddressSpaceUsage {
  /** Every pool with its segments, in declaration order. */
  readonly pools: readonly PoolUsage[];
  /** Reservations that overlap no pool (remote networks elsewhere in the address space). */
  readonly outsidePools: readonly {
    /** The reservation's name. */
    readonly name: string;
    /** The reserved range. */
    readonly cidr: string;
    /** Why it is reserved, as declared. */
    readonly reason: string;
  }[];
}

/** Special ranges a pool never hands out: mirrors the IP plan's own exclusions. */
function excludedRanges(pool: AddressPool): { cidr: string; reason: string }[] {
  if (pool.kind === 'link-local') return [...AWS_RESERVED_LINK_RANGES];
  const allowed = new Set(pool.allowedSpecialRanges ?? []);
  return SUBNET_FORBIDDEN_RANGES.filter((range) => !allowed.has(range.cidr));
}

function clip(cidr: Cidr, poolCidr: Cidr): { start: number; size: number } | undefined {
  if (!cidr.overlaps(poolCidr)) return undefined;
  const start = Math.max(cidr.network, poolCidr.network);
  const end = Math.min(cidr.last, poolCidr.last);
  return { start, size: end - start + 1 };
}

/** How each pool's addresses are used: the data behind the address-space picture and the pools table. */
export function addressSpaceUsage(plan: ResolvedIpPlan): AddressSpaceUsage {
  const reservations = plan.reservations.map((r) => ({ ...r, parsed: Cidr.parse(r.cidr) }));
  const pools = plan.pools.map((pool): PoolUsage => {
    const poolCidr = Cidr.parse(pool.cidr);
    const segments: PoolSegment[] = [];
    for (const allocation of plan.allocations.filter((a: Allocation) => a.pool === pool.name)) {
      const cidr = Cidr.parse(allocation.cidr);
      const clipped = clip(cidr, poolCidr);
      if (clipped) segments.push({ type: 'allocation', name: allocation.name, cidr: allocation.cidr, kind: allocationKind(allocation.name, pool), status: allocation.status, ...clipped });
    }
    for (const reservation of reservations) {
      const clipped = clip(reservation.parsed, poolCidr);
      if (clipped) segments.push({ type: 'reservation', name: reservation.name, cidr: reservation.cidr, reason: reservation.reason, ...clipped });
    }
    for (const range of excludedRanges(pool)) {
      const clipped = clip(Cidr.parse(range.cidr), poolCidr);
      // A pool lying wholly inside a special range is an error the plan reports; draw only partial overlaps.
      if (clipped && clipped.size < poolCidr.size) segments.push({ type: 'excluded', name: range.cidr, cidr: range.cidr, reason: range.reason, ...clipped });
    }
    segments.sort((a, b) => a.start - b.start || b.size - a.size || a.name.localeCompare(b.name));
    const sum = (type: PoolSegment['type']) => segments.filter((s) => s.type === type).reduce((total, s) => total + s.size, 0);
    const allocated = sum('allocation');
    const reserved = sum('reservation');
    const excluded = sum('excluded');
    return { pool, start: poolCidr.network, size: poolCidr.size, segments, allocated, reserved, excluded, free: Math.max(0, poolCidr.size - allocated - reserved - excluded) };
  });
  const poolCidrs = plan.pools.map((p) => Cidr.parse(p.cidr));
  const outsidePools = reservations
    .filter((r) => !poolCidrs.some((p) => p.overlaps(r.parsed)))
    .sort((a, b) => compareCidrs(a.parsed, b.parsed) || a.name.localeCompare(b.name))
    .map(({ name, cidr, reason }) => ({ name, cidr, reason }));
  return { pools, outsidePools };
}

/** A share as a short percentage: `0%`, `<0.01%`, `0.78%`, `12.5%`, `100%`. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const percent = (100 * part) / whole;
  if (percent < 0.01) return '<0.01%';
  if (percent >= 100) return '100%';
  const digits = percent < 1 ? 2 : percent < 10 ? 1 : 0;
  return `${Number(percent.toFixed(digits))}%`;
}
