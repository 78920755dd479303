import { Cidr } from '../../../lib/domain/ip-plan/cidr';
import { IpPlan } from '../../../lib/domain/ip-plan/ip-plan';
import { LockFile } from '../../../lib/domain/ip-plan/lock-file';
import { GKE_POOLS, newPlan } from './fixtures';

function lockOf(entries: Record<string, [string, string]>): LockFile {
  return { version: 1, allocations: Object.fromEntries(Object.entries(entries).map(([name, [cidr, pool]]) => [name, { cidr, pool }])) };
}

describe('IpPlan placement', () => {
  test('sizes a GKE cluster from intent and places each range in its pool', () => {
    // GIVEN 500 nodes + 10 surge at 64 pods per node
    const plan = newPlan();
    plan.requestGkeCluster({ name: 'gcp/us-central1/prod', maxNodes: 500, surgeNodes: 10, maxPodsPerNode: 64, pools: GKE_POOLS });
    // WHEN
    const resolved = plan.resolve(undefined);
    // THEN: 510 nodes need a /22 (1020 usable) and 512 pod blocks of /25 = a /16
    expect(resolved.cidr('gcp/us-central1/prod/nodes')).toBe('10.0.0.0/22');
    expect(resolved.cidr('gcp/us-central1/prod/pods')).toBe('100.64.0.0/16');
    expect(resolved.cidr('gcp/us-central1/prod/services')).toBe('100.96.0.0/20');
    expect(resolved.cidr('gcp/us-central1/prod/control-plane')).toBe('172.16.0.0/28');
    expect(resolved.gkeCapacity('gcp/us-central1/prod')).toMatchObject({ nodesBySubnet: 1020, nodesByPodRanges: 512, nodeLimit: 512, headroomNodes: 2, maxPods: 32768, services: 4096 });
    expect(resolved.newAllocations).toHaveLength(4);
  });

  test('never places a range on a reservation', () => {
    const plan = newPlan([{ name: 'remote/aws', cidr: '10.0.0.0/16', reason: 'AWS VPC' }]);
    plan.request({ name: 'a', pool: 'nodes', prefixLength: 20 });
    expect(plan.resolve(undefined).cidr('a')).toBe('10.1.0.0/20');
  });

  test('places BGP /30s outside the blocks AWS reserves', () => {
    const plan = newPlan([], [{ name: 'bgp', cidr: '169.254.0.0/22', kind: 'link-local' }]);
    for (let i = 0; i < 4; i++) plan.requestBgpLink(`links/aws/${i}`, 'bgp');
    const placed = plan.resolve(undefined).allocations.map((a) => a.cidr);
    expect(placed).toEqual(['169.254.0.4/30', '169.254.0.8/30', '169.254.0.12/30', '169.254.0.16/30']);
    expect(placed).not.toContain('169.254.0.0/30');
  });

  test('skips AWS-reserved /30s in the middle of a link-local pool', () => {
    const plan = newPlan([], [{ name: 'bgp', cidr: '169.254.169.248/29', kind: 'link-local' }]);
    plan.requestBgpLink('l', 'bgp');
    expect(plan.resolve(undefined).cidr('l')).toBe('169.254.169.248/30');
    const full = newPlan([], [{ name: 'bgp', cidr: '169.254.169.252/30', kind: 'link-local' }]);
    full.requestBgpLink('l', 'bgp');
    expect(() => full.resolve(undefined)).toThrow(/l: prefixLength 30 does not fit: pool bgp \(169.254.169.252\/30\) has no free aligned \/30 left/);
  });

  test('keeps special ranges inside a wide pool free', () => {
    const wide = [{ name: 'wide', cidr: '192.0.0.0/2' }];
    const plan = newPlan([], wide);
    plan.request({ name: 'a', pool: 'wide', prefixLength: 8 });
    expect(plan.resolve(undefined).cidr('a')).toBe('192.0.0.0/8');
  });

  test('places larger ranges first, so the result does not depend on request order', () => {
    const a = newPlan();
    a.request({ name: 'small', pool: 'nodes', prefixLength: 28 });
    a.request({ name: 'big', pool: 'nodes', prefixLength: 20 });
    const b = newPlan();
    b.request({ name: 'big', pool: 'nodes', prefixLength: 20 });
    b.request({ name: 'small', pool: 'nodes', prefixLength: 28 });
    expect(a.resolve(undefined).allocations).toEqual(b.resolve(undefined).allocations);
    expect(a.resolve(undefined).cidr('big')).toBe('10.0.0.0/20');
  });

  test('keeps a pinned range where it is', () => {
    const plan = newPlan();
    plan.request({ name: 'existing', pool: 'nodes', cidr: '10.0.0.0/20' });
    plan.request({ name: 'next', pool: 'nodes', prefixLength: 20 });
    const resolved = plan.resolve(undefined);
    expect(resolved.cidr('existing')).toBe('10.0.0.0/20');
    expect(resolved.cidr('next')).toBe('10.0.16.0/20');
  });

  test('counts additional pod ranges in the cluster capacity', () => {
    const plan = newPlan();
    plan.requestGkeCluster({ name: 'c', maxNodes: 100, maxPodsPerNode: 32, pools: GKE_POOLS, additionalPodRanges: [{ name: 'pods-2', maxNodes: 200 }] });
    const resolved = plan.resolve(undefined);
    expect(resolved.cidr('c/pods-2')).toBe('100.64.0.0/18');
    expect(resolved.gkeCapacity('c')).toMatchObject({ podRanges: ['100.64.64.0/19', '100.64.0.0/18'], nodesByPodRanges: 128 + 256 });
  });
});

describe('IpPlan and its lock file', () => {
  test('keeps recorded ranges and places only new ones', () => {
    const plan = newPlan();
    plan.request({ name: 'a', pool: 'nodes', prefixLength: 20 });
    plan.request({ name: 'b', pool: 'nodes', prefixLength: 20 });
    const resolved = plan.resolve(lockOf({ a: ['10.0.64.0/20', 'nodes'] }));
    expect(resolved.get('a')).toEqual({ name: 'a', pool: 'nodes', cidr: '10.0.64.0/20', status: 'locked' });
    expect(resolved.get('b')).toMatchObject({ cidr: '10.0.0.0/20', status: 'new' });
    expect(resolved.lockFile.allocations).toEqual({ a: { cidr: '10.0.64.0/20', pool: 'nodes' }, b: { cidr: '10.0.0.0/20', pool: 'nodes' } });
  });

  test('keeps a range no longer requested reserved until it is released', () => {
    const plan = newPlan();
    plan.request({ name: 'b', pool: 'nodes', prefixLength: 20 });
    const resolved = plan.resolve(lockOf({ a: ['10.0.0.0/20', 'nodes'] }));
    expect(resolved.get('a').status).toBe('orphaned');
    expect(resolved.cidr('b')).toBe('10.0.16.0/20');
    expect(resolved.lockFile.allocations).toHaveProperty('a');
  });

  test('accepts a recorded range larger than the request', () => {
    const plan = newPlan();
    plan.request({ name: 'a', pool: 'nodes', prefixLength: 24 });
    expect(plan.resolve(lockOf({ a: ['10.0.0.0/20', 'nodes'] })).cidr('a')).toBe('10.0.0.0/20');
  });

  test('throws when frozen and a range is not recorded, naming it and the command', () => {
    const plan = newPlan();
    plan.request({ name: 'a', pool: 'nodes', prefixLength: 20 });
    plan.request({ name: 'b', pool: 'nodes', prefixLength: 20 });
    expect(() => plan.resolve(lockOf({ a: ['10.0.0.0/20', 'nodes'] }), { frozen: true, lockFileName: 'ip.lock.json' })).toThrow(
      'ip.lock.json: allocations ["b"] is requested but not recorded, and the IP plan is frozen (CI=true or --check); run `npm run ip-plan -- --write` and commit the lock file; review the new ranges it prints',
    );
  });

  test('resolves when frozen and everything is recorded', () => {
    const plan = newPlan();
    plan.request({ name: 'a', pool: 'nodes', prefixLength: 20 });
    expect(plan.resolve(lockOf({ a: ['10.0.0.0/20', 'nodes'] }), { frozen: true }).newAllocations).toHaveLength(0);
  });
});

describe('IpPlan errors', () => {
  function resolveWith(setup: (plan: IpPlan) => void, lock?: LockFile, reservations = [] as { name: string; cidr: string; reason: string }[]) {
    const plan = newPlan(reservations);
    setup(plan);
    return () => plan.resolve(lock, { lockFileName: 'ip.lock.json' });
  }

  test('throws when a pinned range overlaps a reservation, naming both', () => {
    expect(resolveWith((p) => p.request({ name: 'gcp/a/nodes', pool: 'nodes', cidr: '10.8.0.0/20' }), undefined, [{ name: 'remote/aws', cidr: '10.8.0.0/16', reason: 'AWS VPC' }])).toThrow(
      'gcp/a/nodes: cidr "10.8.0.0/20" overlaps reservation remote/aws (AWS VPC) (10.8.0.0/16); pick a range that is free, or release the other allocation',
    );
  });

  test('throws when two pinned ranges overlap, naming both', () => {
    expect(
      resolveWith((p) => {
        p.request({ name: 'a', pool: 'nodes', cidr: '10.0.0.0/20' });
        p.request({ name: 'b', pool: 'nodes', cidr: '10.0.8.0/21' });
      }),
    ).toThrow(/b: cidr "10.0.8.0\/21" overlaps allocation a \(10.0.0.0\/20\)/);
  });

  test('throws when a pinned range is outside its pool', () => {
    expect(resolveWith((p) => p.request({ name: 'a', pool: 'nodes', cidr: '192.168.0.0/24' }))).toThrow('a: cidr "192.168.0.0/24" is outside its pool nodes (10.0.0.0/12); pin a range inside the pool, or draw it from another pool');
  });

  test('throws when a pinned range is misaligned', () => {
    expect(resolveWith((p) => p.request({ name: 'a', pool: 'nodes', cidr: '10.0.1.0/20' }))).toThrow(/a: cidr "10.0.1.0\/20" is not aligned to its prefix length \(the block containing it is 10.0.0.0\/20\)/);
  });

  test('throws when a pool is exhausted', () => {
    expect(
      resolveWith((p) => {
        // two pinned /22s leave 2048 addresses free, but no aligned /21
        p.request({ name: 'a', pool: 'control-plane', cidr: '172.16.4.0/22' });
        p.request({ name: 'b', pool: 'control-plane', cidr: '172.16.12.0/22' });
        p.request({ name: 'c', pool: 'control-plane', prefixLength: 21 });
      }),
    ).toThrow(/c: prefixLength 21 does not fit: pool control-plane \(172.16.0.0\/20\) has no free aligned \/21 left \(2048 addresses free in fragments\); add another pool, ask for a smaller range/);
  });

  test('throws when a request is larger than its pool', () => {
    expect(resolveWith((p) => p.request({ name: 'a', pool: 'control-plane', prefixLength: 16 }))).toThrow('a: prefixLength 16 is larger than its pool control-plane (172.16.0.0/20); use a larger pool or a smaller range');
  });

  test('throws when a request names an unknown pool', () => {
    expect(resolveWith((p) => p.request({ name: 'a', pool: 'nope', prefixLength: 24 }))).toThrow(/a: pool "nope" is not a declared pool; use one of nodes, pods/);
  });

  test('throws when a name is requested twice', () => {
    expect(
      resolveWith((p) => {
        p.request({ name: 'a', pool: 'nodes', prefixLength: 24 });
        p.request({ name: 'a', pool: 'nodes', prefixLength: 24 });
      }),
    ).toThrow('a: name "a" is requested twice; give each allocation a unique name');
  });

  test('throws when a name is not hierarchical lower-case', () => {
    expect(resolveWith((p) => p.request({ name: 'GCP//x', pool: 'nodes', prefixLength: 24 }))).toThrow(/GCP\/\/x: name "GCP\/\/x" is not a hierarchical name/);
  });

  test('throws when the GKE intent is invalid', () => {
    expect(resolveWith((p) => p.requestGkeCluster({ name: 'c', maxNodes: 10, maxPodsPerNode: 300, pools: GKE_POOLS }))).toThrow(/c: intent .* is invalid: maxPodsPerNode 300 must be a whole number from 8 to 256/);
  });

  test.each([
    ['0.0.0.0/8', /is "this network"/],
    ['127.0.0.0/16', /is loopback/],
    ['169.254.0.0/20', /is link-local.*or kind: 'link-local' for BGP links/],
    ['224.0.0.0/8', /is multicast/],
    ['240.0.0.0/8', /is reserved class E.*or list 240.0.0.0\/4 in allowedSpecialRanges/],
    ['199.36.153.8/30', /private.googleapis.com/],
  ])('throws when a subnet pool lies in the special range %s', (cidr, reason) => {
    const plan = new IpPlan([{ name: 'bad', cidr }]);
    expect(() => plan.resolve(undefined)).toThrow(new RegExp(`pool bad: cidr "${cidr.replace(/\./g, '\\.').replace('/', '\\/')}" lies in .*`));
    expect(() => plan.resolve(undefined)).toThrow(reason);
  });

  test('allows a special range a pool lists explicitly', () => {
    const plan = new IpPlan([{ name: 'class-e-pods', cidr: '240.0.0.0/8', allowedSpecialRanges: ['240.0.0.0/4'] }]);
    plan.request({ name: 'p', pool: 'class-e-pods', prefixLength: 16 });
    expect(plan.resolve(undefined).cidr('p')).toBe('240.0.0.0/16');
  });

  test('throws when allowedSpecialRanges names something that is not special', () => {
    expect(() => new IpPlan([{ name: 'p', cidr: '10.0.0.0/8', allowedSpecialRanges: ['10.0.0.0/8'] }]).resolve(undefined)).toThrow(/pool p: allowedSpecialRanges "10.0.0.0\/8" is not one of the special ranges/);
  });

  test('throws when a link-local pool is outside 169.254.0.0/16', () => {
    expect(() => new IpPlan([{ name: 'bgp', cidr: '10.0.0.0/16', kind: 'link-local' }]).resolve(undefined)).toThrow(
      'pool bgp: cidr "10.0.0.0/16" is outside 169.254.0.0/16, where BGP link addresses must be; use a range inside 169.254.0.0/16 for a link-local pool',
    );
  });

  test('throws when pools overlap', () => {
    expect(() =>
      new IpPlan([
        { name: 'a', cidr: '10.0.0.0/8' },
        { name: 'b', cidr: '10.1.0.0/16' },
      ]).resolve(undefined),
    ).toThrow('pool b: cidr "10.1.0.0/16" overlaps pool a (10.0.0.0/8); pools must be disjoint; shrink or move one of them');
  });

  test('throws when two reservations overlap, naming both', () => {
    expect(
      resolveWith(() => undefined, undefined, [
        { name: 'remote/aws', cidr: '10.8.0.0/16', reason: 'AWS VPC' },
        { name: 'remote/garage', cidr: '10.8.128.0/17', reason: 'on-prem' },
      ]),
    ).toThrow(/reservation remote\/garage: cidr "10.8.128.0\/17" overlaps reservation remote\/aws \(AWS VPC\) \(10.8.0.0\/16\)/);
  });

  test('throws when the lock file was edited into an overlap', () => {
    expect(resolveWith(() => undefined, lockOf({ a: ['10.0.0.0/20', 'nodes'], b: ['10.0.8.0/24', 'nodes'] }))).toThrow(/ip.lock.json#b: cidr "10.0.8.0\/24" overlaps allocation a \(10.0.0.0\/20\); the lock file was edited into a conflict/);
  });

  test('throws when a locked range is outside its pool or misaligned', () => {
    expect(resolveWith(() => undefined, lockOf({ a: ['11.0.0.0/20', 'nodes'] }))).toThrow(/pool nodes: cidr "10.0.0.0\/12" no longer contains a \(11.0.0.0\/20\), recorded in ip.lock.json: the pool shrank or moved/);
    expect(resolveWith(() => undefined, lockOf({ a: ['10.0.0.1/20', 'nodes'] }))).toThrow(/ip.lock.json#a: cidr "10.0.0.1\/20" is not aligned/);
  });

  test('throws when a locked range names a pool that is gone', () => {
    expect(resolveWith(() => undefined, lockOf({ a: ['10.0.0.0/20', 'old'] }))).toThrow('ip.lock.json#a: pool "old" is not a declared pool; declare the pool again, or release a');
  });

  test('throws when a new reservation collides with a recorded range', () => {
    expect(resolveWith(() => undefined, lockOf({ a: ['10.8.0.0/20', 'nodes'] }), [{ name: 'remote/aws', cidr: '10.8.0.0/16', reason: 'AWS VPC' }])).toThrow(/ip.lock.json#a: cidr "10.8.0.0\/20" overlaps reservation remote\/aws/);
  });

  test('throws when a recorded node subnet is too small for a raised maxNodes', () => {
    const lock = lockOf({ 'c/nodes': ['10.0.0.0/24', 'nodes'], 'c/pods': ['100.64.0.0/16', 'pods'], 'c/services': ['100.96.0.0/20', 'services'], 'c/control-plane': ['172.16.0.0/28', 'control-plane'] });
    expect(resolveWith((p) => p.requestGkeCluster({ name: 'c', maxNodes: 300, maxPodsPerNode: 64, pools: GKE_POOLS }), lock)).toThrow(
      /c\/nodes: cidr "10.0.0.0\/24" is a \/24 but 300 nodes needs a \/23; lower maxNodes, or expand the subnet in place/,
    );
  });

  test('throws when a recorded pod range is too small, and suggests an additional pod range', () => {
    const lock = lockOf({ 'c/nodes': ['10.0.0.0/22', 'nodes'], 'c/pods': ['100.64.0.0/17', 'pods'], 'c/services': ['100.96.0.0/20', 'services'], 'c/control-plane': ['172.16.0.0/28', 'control-plane'] });
    expect(resolveWith((p) => p.requestGkeCluster({ name: 'c', maxNodes: 500, maxPodsPerNode: 64, pools: GKE_POOLS }), lock)).toThrow(
      'c/pods: cidr "100.64.0.0/17" holds 256 nodes at 64 pods per node (a /25 each), but maxNodes + surge is 500; add an additional pod range (additionalPodRanges) or lower maxNodes/maxPodsPerNode; replacing a pod range recreates the cluster',
    );
  });

  test('accepts a small recorded pod range once an additional pod range covers the rest', () => {
    const lock = lockOf({ 'c/nodes': ['10.0.0.0/22', 'nodes'], 'c/pods': ['100.64.0.0/17', 'pods'], 'c/services': ['100.96.0.0/20', 'services'], 'c/control-plane': ['172.16.0.0/28', 'control-plane'] });
    const plan = newPlan();
    plan.requestGkeCluster({ name: 'c', maxNodes: 500, maxPodsPerNode: 64, pools: GKE_POOLS, additionalPodRanges: [{ name: 'pods-2', maxNodes: 256 }] });
    const resolved = plan.resolve(lock);
    expect(resolved.cidr('c/pods')).toBe('100.64.0.0/17');
    expect(resolved.gkeCapacity('c').nodesByPodRanges).toBe(512);
  });

  test('throws when a recorded range moves pool or a pinned range changes', () => {
    expect(resolveWith((p) => p.request({ name: 'a', pool: 'pods', prefixLength: 20 }), lockOf({ a: ['10.0.0.0/20', 'nodes'] }))).toThrow(
      /a: pool "pods" differs from the range recorded as 10.0.0.0\/20 in pool nodes; recorded ranges never move/,
    );
    expect(resolveWith((p) => p.request({ name: 'a', pool: 'nodes', cidr: '10.0.16.0/20' }), lockOf({ a: ['10.0.0.0/20', 'nodes'] }))).toThrow(
      /a: cidr "10.0.16.0\/20" differs from the range recorded as 10.0.0.0\/20 in pool nodes; recorded ranges never move; pin 10.0.0.0\/20/,
    );
  });

  test('reports every problem at once', () => {
    const run = resolveWith((p) => {
      p.request({ name: 'a', pool: 'nope', prefixLength: 20 });
      p.request({ name: 'b', pool: 'nodes', cidr: '11.0.0.0/20' });
    });
    expect(run).toThrow(/2 validation errors:\n- a: pool "nope".*\n- b: cidr "11.0.0.0\/20"/);
  });

  test('the resolved plan throws a helpful error for an unknown name', () => {
    const plan = newPlan();
    plan.requestGkeCluster({ name: 'gcp/r/c', maxNodes: 10, maxPodsPerNode: 32, pools: GKE_POOLS });
    expect(() => plan.resolve(undefined).cidr('gcp/r/c/pod')).toThrow(/no allocation "gcp\/r\/c\/pod"; request it first \(similar: gcp\/r\/c\/control-plane, gcp\/r\/c\/nodes/);
    expect(Cidr.parse(plan.resolve(undefined).cidr('gcp/r/c/nodes')).prefixLength).toBe(28);
  });
});
