import fc from 'fast-check';
import { ValidationError } from '../../../lib/domain/validation-error';
import { Cidr } from '../../../lib/domain/ip-plan/cidr';
import { IpPlan } from '../../../lib/domain/ip-plan/ip-plan';
import { AddressPool, Reservation } from '../../../lib/domain/ip-plan/plan-requests';
import { LockFile } from '../../../lib/domain/ip-plan/lock-file';
import { ResolvedIpPlan } from '../../../lib/domain/ip-plan/resolved-ip-plan';
import { AWS_RESERVED_LINK_RANGES } from '../../../lib/domain/ip-plan/special-ranges';

// Small pools so that random request sets often come close to filling them.
const POOLS: readonly AddressPool[] = [
  { name: 'nodes', cidr: '10.0.0.0/16' },
  { name: 'pods', cidr: '100.64.0.0/14' },
  { name: 'bgp', cidr: '169.254.0.0/23', kind: 'link-local' },
];
const PREFIX_RANGE: Record<string, [number, number]> = { nodes: [20, 28], pods: [18, 26], bgp: [30, 30] };

interface Req {
  readonly name: string;
  readonly pool: string;
  readonly prefixLength: number;
}

const requestArb = fc.constantFrom('nodes', 'pods', 'bgp').chain((pool) => fc.integer({ min: PREFIX_RANGE[pool][0], max: PREFIX_RANGE[pool][1] }).map((prefixLength) => ({ pool, prefixLength })));
/** Unique names r0..rn, so sets can be split and recombined. */
const requestsArb = fc.array(requestArb, { maxLength: 25 }).map((list) => list.map((r, i): Req => ({ ...r, name: `r${i}` })));
/** Reservations: a subset of the sixteen /20s of the nodes pool, so they never overlap each other. */
const reservationsArb = fc.subarray([...Array(16).keys()], { maxLength: 4 }).map((blocks) => blocks.map((b): Reservation => ({ name: `remote/${b}`, cidr: `10.0.${b * 16}.0/20`, reason: 'remote network' })));

function resolve(requests: readonly Req[], reservations: readonly Reservation[], lock?: LockFile): ResolvedIpPlan | 'exhausted' {
  const plan = new IpPlan(POOLS, reservations);
  for (const request of requests) {
    if (request.pool === 'bgp') plan.requestBgpLink(request.name, 'bgp');
    else plan.request(request);
  }
  try {
    return plan.resolve(lock);
  } catch (error) {
    // The only acceptable failure for these inputs is a full pool.
    if (error instanceof ValidationError && error.issues.every((i) => i.problem.includes('does not fit'))) return 'exhausted';
    throw error;
  }
}

function assertSound(resolved: ResolvedIpPlan, reservations: readonly Reservation[]): void {
  const placed = resolved.allocations.map((a) => ({ ...a, parsed: Cidr.parse(a.cidr) }));
  for (const [i, a] of placed.entries()) {
    expect(Cidr.parse(POOLS.find((p) => p.name === a.pool)!.cidr).contains(a.parsed)).toBe(true);
    for (const b of placed.slice(i + 1)) expect(a.parsed.overlaps(b.parsed)).toBe(false);
    for (const r of reservations) expect(a.parsed.overlaps(Cidr.parse(r.cidr))).toBe(false);
    if (a.pool === 'bgp') for (const aws of AWS_RESERVED_LINK_RANGES) expect(a.parsed.overlaps(Cidr.parse(aws.cidr))).toBe(false);
  }
}

const shuffled = <T>(items: readonly T[], seed: number): T[] =>
  items
    .map((item, i) => ({ item, key: (i * 2654435761 + seed * 40503) % 4294967296 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);

describe('IpPlan properties', () => {
  test('no two allocations overlap, and each sits inside its pool and off every reservation', () => {
    fc.assert(
      fc.property(requestsArb, reservationsArb, (requests, reservations) => {
        const resolved = resolve(requests, reservations);
        if (resolved !== 'exhausted') assertSound(resolved, reservations);
      }),
      { numRuns: 300 },
    );
  });

  test('the result is the same across runs and for any request order', () => {
    fc.assert(
      fc.property(requestsArb, reservationsArb, fc.integer(), (requests, reservations, seed) => {
        const first = resolve(requests, reservations);
        const again = resolve(requests, reservations);
        const reordered = resolve(shuffled(requests, seed), reservations);
        const view = (r: ResolvedIpPlan | 'exhausted') => (r === 'exhausted' ? r : r.allocations);
        expect(view(again)).toEqual(view(first));
        expect(view(reordered)).toEqual(view(first));
      }),
      { numRuns: 200 },
    );
  });

  test('adding, removing or reordering requests never moves a recorded allocation', () => {
    fc.assert(
      fc.property(requestsArb, requestsArb, fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), fc.integer(), reservationsArb, (before, added, keep, seed, reservations) => {
        const first = resolve(before, reservations);
        if (first === 'exhausted') return;
        const lock = first.lockFile;
        const kept = before.filter((_, i) => keep[i]);
        const next = shuffled([...kept, ...added.map((r) => ({ ...r, name: `n${r.name}` }))], seed);
        const second = resolve(next, reservations, lock);
        if (second === 'exhausted') return;
        assertSound(second, reservations);
        // Every recorded range is still there, at the same place, requested or not.
        for (const allocation of first.allocations) {
          expect(second.get(allocation.name).cidr).toBe(allocation.cidr);
          expect(second.get(allocation.name).status).toBe(keep[Number(allocation.name.slice(1))] ? 'locked' : 'orphaned');
        }
      }),
      { numRuns: 200 },
    );
  });

  test('a lock file round-trips: resolving against the plan it produced changes nothing', () => {
    fc.assert(
      fc.property(requestsArb, reservationsArb, (requests, reservations) => {
        const first = resolve(requests, reservations);
        if (first === 'exhausted') return;
        const again = resolve(requests, reservations, first.lockFile);
        if (again === 'exhausted') throw new Error('a recorded plan must resolve again');
        expect(again.newAllocations).toHaveLength(0);
        expect(again.lockFile).toEqual(first.lockFile);
      }),
      { numRuns: 200 },
    );
  });
});
