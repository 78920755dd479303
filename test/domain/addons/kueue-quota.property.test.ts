/**
 * The quota arithmetic of the kueue add-on, property-tested: nominal quotas on a pool are refused exactly when, per
 * resource, they add up to more than the pool holds, and the refusal names exactly the tenants holding a share.
 */
import fc from 'fast-check';
import { NominalQuota, oversubscribed, poolCapacity } from '../../../lib/domain/addons/kueue/pool-capacity';
import { poolGpus } from '../../../lib/domain/platform/tenant-gpu-quota';

const quota = fc.record({ tenant: fc.constantFrom('a', 'b', 'c', 'd', 'e'), cpu: fc.integer({ min: 0, max: 5000 }), memory: fc.integer({ min: 0, max: 2 ** 44 }), gpus: fc.integer({ min: 0, max: 64 }) });
const quotas = fc.uniqueArray(quota, { selector: (q) => q.tenant, maxLength: 5 });
const capacity = fc.record({ cpu: fc.option(fc.integer({ min: 0, max: 10000 }), { nil: undefined }), memory: fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: undefined }), gpus: fc.integer({ min: 0, max: 200 }) });
const sum = (qs: readonly NominalQuota[], of: (q: NominalQuota) => number) => qs.reduce((s, q) => s + of(q), 0);
const RESOURCES = [
  ['cpu', (q: NominalQuota) => q.cpu],
  ['memory', (q: NominalQuota) => q.memory],
  ['nvidia.com/gpu', (q: NominalQuota) => q.gpus],
] as const;
const capOf = (c: { cpu?: number; memory?: number; gpus: number }, r: string) => (r === 'cpu' ? c.cpu : r === 'memory' ? c.memory : c.gpus);

describe('nominal quotas against pool capacity (fast-check)', () => {
  test('a resource is refused exactly when its quotas add up to more than the pool holds (never when the capacity is unknown)', () => {
    fc.assert(
      fc.property(capacity, quotas, (cap, qs) => {
        const refused = new Map(oversubscribed(cap, qs).map((o) => [o.resource, o]));
        for (const [resource, of] of RESOURCES) {
          const c = capOf(cap, resource);
          expect(refused.has(resource)).toBe(c !== undefined && sum(qs, of) > c);
          if (refused.has(resource)) expect(refused.get(resource)).toEqual({ resource, sum: sum(qs, of), capacity: c, tenants: qs.filter((q) => of(q) > 0).map((q) => q.tenant) });
        }
      }),
    );
  });

  test('splitting a quota between tenants, or reordering them, never changes the verdict', () => {
    fc.assert(
      fc.property(capacity, quotas, (cap, qs) => {
        const verdict = (list: readonly NominalQuota[]) =>
          oversubscribed(cap, list)
            .map((o) => o.resource)
            .sort();
        const halves = qs.flatMap((q) => [
          { ...q, tenant: `${q.tenant}1`, cpu: q.cpu / 2, memory: q.memory / 2, gpus: Math.floor(q.gpus / 2) },
          { ...q, tenant: `${q.tenant}2`, cpu: q.cpu / 2, memory: q.memory / 2, gpus: q.gpus - Math.floor(q.gpus / 2) },
        ]);
        expect(verdict(halves)).toEqual(verdict(qs));
        expect(verdict([...qs].reverse())).toEqual(verdict(qs));
      }),
    );
  });

  test('a pool holds maxNodes times one node: capacity is linear in maxNodes and its GPUs are poolGpus', () => {
    fc.assert(
      fc.property(fc.constantFrom('n2-standard-8', 'n2-standard-32', 'e2-standard-4', 'g2-standard-8', 'a2-highgpu-1g'), fc.integer({ min: 1, max: 500 }), (machineType, maxNodes) => {
        const kind = machineType.startsWith('g2') || machineType.startsWith('a2') ? ('gpu' as const) : ('general' as const);
        const gpu = machineType.startsWith('a2') ? { type: 'nvidia-tesla-a100', count: 1 } : undefined;
        const one = poolCapacity({ kind, machineType, maxNodes: 1, gpu });
        const many = poolCapacity({ kind, machineType, maxNodes, gpu });
        expect(many.cpu!).toBeCloseTo(one.cpu! * maxNodes, 6);
        expect(many.memory! / one.memory!).toBeCloseTo(maxNodes, 9);
        expect(many.gpus).toBe(poolGpus({ kind, maxNodes, gpu }));
        expect(one.cpu!).toBeLessThan(Number(machineType.split('-').pop()!.replace('g', '')) * (machineType.startsWith('a2') ? 12 : 1));
      }),
    );
  });

  test('an unknown machine type leaves CPU and memory unchecked, GPUs still counted', () => {
    expect(poolCapacity({ kind: 'gpu', machineType: 'z9-custom', maxNodes: 4, gpu: { type: 'nvidia-l4', count: 2 } })).toEqual({ gpus: 8 });
  });
});
