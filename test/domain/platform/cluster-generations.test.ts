import { readFileSync } from 'fs';
import { join } from 'path';
import { Cidr } from '../../../lib/domain/ip-plan/cidr';
import { expandClusterGenerations, generationClusterName, validateClusterGenerations } from '../../../lib/domain/platform/cluster-generations';
import type { ClusterPlan } from '../../../lib/domain/platform/platform-plan';
import { resolvePlatform } from '../../../lib/domain/platform/resolve-platform';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { exampleLockFile, examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';
import { PROD_B, withGenerations } from '../../fixtures/with-generations';

const ipPlanLock = readFileSync(exampleLockFile, 'utf8');
const tenantStatesLock = readFileSync(join(exampleLockFile, '..', 'tenant-states.lock.json'), 'utf8');
const input = { ipPlanLock, ipPlanLockName: 'ip.json', tenantStatesLock, tenantStatesLockName: 'states.json', frozen: false, record: true, today: EXAMPLE_TODAY };
const recorded: Record<string, { cidr: string }> = JSON.parse(ipPlanLock).allocations;

const baseline = resolvePlatform(examplePlatform, input);
const split = resolvePlatform(
  withGenerations([
    { name: 'a', trafficWeight: 90 },
    { ...PROD_B, trafficWeight: 10 },
  ]),
  input,
);

/** A cluster plan without its generation: what it was before generations were declared. */
function withoutGeneration(cluster: ClusterPlan): ClusterPlan {
  const { generation: _generation, ...rest } = cluster;
  return rest;
}

/** Every range a cluster plan holds. */
function rangesOf(cluster: ClusterPlan): string[] {
  return [cluster.subnet.cidr, cluster.podRange.cidr, cluster.servicesRange.cidr, cluster.controlPlane.cidr, ...cluster.additionalPodRanges.map((r) => r.cidr)];
}

describe('cluster generations: the definition expanded', () => {
  test('a definition without generations is its own expansion (the same object): nothing downstream changes', () => {
    const expanded = expandClusterGenerations(examplePlatform);
    expect(expanded.definition).toBe(examplePlatform);
    expect(expanded.generations.size).toBe(0);
    expect(expanded.retiring).toEqual([]);
  });

  test('expansion is idempotent: the expanded definition declares no generations', () => {
    const once = expandClusterGenerations(
      withGenerations([
        { name: 'a', trafficWeight: 50 },
        { ...PROD_B, trafficWeight: 50 },
      ]),
    ).definition;
    expect(expandClusterGenerations(once).definition).toBe(once);
    expect(once.clusters.map((c) => c.name)).toEqual(['prod-usc1', 'prod-usc1-b', 'dev-usw1', 'payments-usc1']);
    expect(once.clusters.some((c) => c.generations !== undefined)).toBe(false);
  });

  test('generation a keeps the unsuffixed names; any other is <cluster>-<generation>', () => {
    expect(generationClusterName('prod-usc1', 'a')).toBe('prod-usc1');
    expect(generationClusterName('prod-usc1', 'b')).toBe('prod-usc1-b');
  });

  test("declaring the existing cluster as generation 'a' changes nothing of the plan but the generation record", () => {
    const declared = resolvePlatform(withGenerations([{ name: 'a' }]), input);
    expect(declared.notices).toEqual([]);
    expect(declared.ipPlanLockToWrite).toBeUndefined();
    expect(declared.plan.clusters.map(withoutGeneration)).toEqual(baseline.plan.clusters);
    expect(declared.plan.clusters[0].generation).toEqual({ cluster: 'prod-usc1', name: 'a', trafficWeight: 100, retiring: false, first: true });
    expect(declared.plan.network).toEqual(baseline.plan.network);
    expect(declared.plan.links).toEqual(baseline.plan.links);
    expect(declared.plan.tenants).toEqual(baseline.plan.tenants);
    expect(declared.plan.stacks).toEqual(baseline.plan.stacks);
  });
});

describe('cluster generations: a successor generation beside the old one', () => {
  const [a, b] = split.plan.clusters;

  test('generation b is a cluster of its own: name, stack, subnet, secondary ranges, node tag, IP plan names', () => {
    expect(b).toMatchObject({
      name: 'prod-usc1-b',
      stack: 'drive-cluster-prod-usc1-b',
      nodeTag: 'gke-prod-usc1-b-nodes',
      maxPodsPerNode: 32,
      subnet: { name: 'gke-prod-usc1-b', ipPlanName: 'gcp/us-central1/prod-usc1-b/nodes' },
      podRange: { rangeName: 'prod-usc1-b-pods', ipPlanName: 'gcp/us-central1/prod-usc1-b/pods' },
      servicesRange: { rangeName: 'prod-usc1-b-services', ipPlanName: 'gcp/us-central1/prod-usc1-b/services' },
      controlPlane: { ipPlanName: 'gcp/us-central1/prod-usc1-b/control-plane' },
      generation: { cluster: 'prod-usc1', name: 'b', trafficWeight: 10, retiring: false, first: false },
    });
    expect(a.generation).toEqual({ cluster: 'prod-usc1', name: 'a', trafficWeight: 90, retiring: false, first: true });
    expect(split.plan.stacks.clusters['prod-usc1-b']).toBe('drive-cluster-prod-usc1-b');
  });

  test('the old generation is exactly as it was; no recorded range moves', () => {
    expect(withoutGeneration(a)).toEqual(baseline.plan.clusters[0]);
    expect(split.plan.clusters.slice(2)).toEqual(baseline.plan.clusters.slice(1));
    const written = JSON.parse(split.ipPlanLockToWrite!).allocations;
    for (const [name, entry] of Object.entries(recorded)) expect(written[name]).toEqual(entry);
  });

  test("generation b's ranges are new, recorded, and overlap no range of any other cluster or generation", () => {
    expect(split.recorded.map((r) => r.name).sort()).toEqual(['control-plane', 'nodes', 'pods', 'services'].map((r) => `gcp/us-central1/prod-usc1-b/${r}`));
    const others = split.plan.clusters.filter((c) => c !== b).flatMap(rangesOf);
    for (const range of rangesOf(b)) for (const other of others) expect(Cidr.parse(range).overlaps(Cidr.parse(other))).toBe(false);
  });

  test('tenants placed on the cluster are placed on every active generation, with their namespaces there', () => {
    for (const name of ['mapping', 'routing', 'simulation', 'ml-training']) {
      const tenant = split.plan.tenants.find((t) => t.name === name)!;
      expect(tenant.clusters).toEqual(['prod-usc1', 'prod-usc1-b']);
      expect(tenant.namespaces.map((n) => n.cluster)).toEqual(['prod-usc1', 'prod-usc1-b']);
      expect(tenant.project).toBe('drive-gke-prod');
      // Its identities stay in the state they are recorded in.
      expect(tenant.stack).toBe(baseline.plan.tenants.find((t) => t.name === name)!.stack);
    }
    expect(b.tenants).toEqual(a.tenants);
    expect(split.plan.tenants.find((t) => t.name === 'payments')!.clusters).toEqual(['payments-usc1']);
  });

  test("a dedicated-nodes tenant's pool is created on the new generation too", () => {
    const tenantPools = (c: ClusterPlan) => c.nodePools.filter((p) => p.placement).map((p) => p.name);
    expect(tenantPools(b)).toEqual(tenantPools(a));
    expect(tenantPools(b).length).toBeGreaterThan(0);
  });

  test('declared intents naming the cluster hold on each generation: the copy on b gets an @b id', () => {
    const declared = examplePlatform.connectivityIntents!.filter((i) => JSON.stringify(i).includes('prod-usc1'));
    const expanded = split.definition.connectivityIntents!;
    expect(expanded).toHaveLength(examplePlatform.connectivityIntents!.length + declared.length);
    for (const intent of declared) {
      expect(expanded).toContainEqual(intent);
      const onB = JSON.parse(JSON.stringify(intent).replace(/"prod-usc1"/g, '"prod-usc1-b"'));
      expect(expanded).toContainEqual(intent.id === undefined ? onB : { ...onB, id: `${intent.id}@prod-usc1-b` });
    }
  });

  test('declared intents keep their places: the copies on b follow them, and an accepted gap accepts every copy', () => {
    const declared = examplePlatform.connectivityIntents!;
    expect(split.definition.connectivityIntents!.slice(0, declared.length)).toEqual(declared);
    const gapped = expandClusterGenerations({
      ...withGenerations([
        { name: 'a', trafficWeight: 50 },
        { ...PROD_B, trafficWeight: 50 },
      ]),
      acceptedConnectivityGaps: [{ intent: declared[0].id!, reason: 'known' }],
    }).definition;
    expect(gapped.acceptedConnectivityGaps).toEqual([
      { intent: declared[0].id!, reason: 'known' },
      { intent: `${declared[0].id!}@prod-usc1-b`, reason: 'known' },
    ]);
  });

  test('the control planes of both generations are firewall sources, and both subnets are NATed', () => {
    expect(split.plan.network.controlPlaneCidrs).toEqual(expect.arrayContaining([a.controlPlane.cidr, b.controlPlane.cidr]));
    const nat = split.plan.network.nats.find((n) => n.region === 'us-central1')!;
    expect(nat.subnets.map((s) => s.subnet)).toEqual(expect.arrayContaining(['gke-prod-usc1', 'gke-prod-usc1-b']));
  });
});

describe('cluster generations: the retire step', () => {
  const retired = resolvePlatform(withGenerations([{ name: 'a', state: 'retiring', trafficWeight: 0 }, { ...PROD_B }]), { ...input, ipPlanLock: split.ipPlanLockToWrite! });

  test('a retiring generation is no longer a cluster of the plan; its stack and recorded ranges are listed', () => {
    expect(retired.plan.clusters.map((c) => c.name)).toEqual(['prod-usc1-b', 'dev-usw1', 'payments-usc1']);
    expect(retired.plan.clusters[0].generation).toEqual({ cluster: 'prod-usc1', name: 'b', trafficWeight: 100, retiring: false, first: false });
    expect(retired.plan.retiringGenerations).toEqual([
      {
        name: 'prod-usc1',
        generation: { cluster: 'prod-usc1', name: 'a', trafficWeight: 0, retiring: true, first: true },
        project: 'drive-gke-prod',
        region: 'us-central1',
        stack: 'drive-cluster-prod-usc1',
        recordedRanges: ['control-plane', 'nodes', 'pods', 'services'].map((r) => ({ ipPlanName: `gcp/us-central1/prod-usc1/${r}`, cidr: recorded[`gcp/us-central1/prod-usc1/${r}`].cidr })),
      },
    ]);
  });

  test('its ranges stay recorded (orphaned, reserved) until released; nothing else moves', () => {
    expect(retired.ipPlanLockToWrite).toBeUndefined();
    expect(retired.notices.filter((n) => n.includes('gcp/us-central1/prod-usc1/'))).toHaveLength(4);
    for (const notice of retired.notices.filter((n) => n.includes('gcp/us-central1/prod-usc1/'))) expect(notice).toMatch(/is recorded but no longer requested; it stays reserved until `.* --release gcp\/us-central1\/prod-usc1\//);
    expect(retired.plan.clusters[0]).toEqual({ ...split.plan.clusters[1], generation: { ...split.plan.clusters[1].generation!, trafficWeight: 100 } });
  });

  test('tenants stay on the active generation only; their identities stay in their states', () => {
    for (const tenant of retired.plan.tenants.filter((t) => t.name !== 'payments')) {
      expect(tenant.clusters).toEqual(['prod-usc1-b']);
      expect(tenant.stack).toBe(baseline.plan.tenants.find((t) => t.name === tenant.name)!.stack);
    }
  });

  test("once a retires, b's copy of a declared intent carries the declared id", () => {
    const declared = examplePlatform.connectivityIntents!.find((i) => i.id !== undefined && JSON.stringify(i).includes('"prod-usc1"'))!;
    const onB = retired.definition.connectivityIntents!.find((i) => i.id === declared.id)!;
    expect(JSON.stringify(onB)).toBe(JSON.stringify(declared).replace(/"prod-usc1"/g, '"prod-usc1-b"'));
    expect(retired.definition.connectivityIntents!.some((i) => i.id?.includes('@'))).toBe(false);
  });

  test('a later generation never reuses a range still recorded for a retiring one', () => {
    const next = resolvePlatform(
      withGenerations([
        { name: 'a', state: 'retiring', trafficWeight: 0 },
        { ...PROD_B, trafficWeight: 100 },
        { name: 'c', trafficWeight: 0, maxPodsPerNode: 16 },
      ]),
      {
        ...input,
        ipPlanLock: split.ipPlanLockToWrite!,
      },
    );
    const c = next.plan.clusters.find((x) => x.name === 'prod-usc1-c')!;
    const reserved = [...next.plan.retiringGenerations![0].recordedRanges.map((r) => r.cidr), ...next.plan.clusters.filter((x) => x !== c).flatMap(rangesOf)];
    for (const range of rangesOf(c)) for (const other of reserved) expect(Cidr.parse(range).overlaps(Cidr.parse(other))).toBe(false);
  });
});

describe('cluster generations: validation', () => {
  const messageOf = (generations: Parameters<typeof withGenerations>[0]) => {
    try {
      assertPlatform(withGenerations(generations), { today: EXAMPLE_TODAY });
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  test.each([
    ['an empty list', [], /clusters\[prod-usc1\]: generations \[\] is empty: a cluster is at least one generation; leave generations out/],
    ['a bad name', [{ name: 'B_2', trafficWeight: 100 }], /clusters\[prod-usc1\]\.generations\[B_2\]: name "B_2" must be 1 to 6 lower-case letters and digits/],
    [
      'a name declared twice',
      [
        { name: 'a', trafficWeight: 50 },
        { name: 'a', trafficWeight: 50 },
      ],
      /generations\[a\]: name "a" is declared twice; give each generation its own name/,
    ],
    [
      'weights not summing to 100',
      [
        { name: 'a', trafficWeight: 90 },
        { name: 'b', trafficWeight: 20 },
      ],
      /clusters\[prod-usc1\]: generations\.trafficWeight \{"a":90,"b":20\} sum to 110: the active generations' weights must sum to 100; e\.g\. a: 50, b: 50/,
    ],
    ['two generations without weights', [{ name: 'a' }, { name: 'b' }], /generations\.trafficWeight \{"a":0,"b":0\} sum to 0/],
    ['a weight outside 0-100', [{ name: 'a', trafficWeight: 120 }], /generations\[a\]: trafficWeight 120 must be a whole number from 0 to 100/],
    [
      'traffic to a retiring generation',
      [
        { name: 'a', state: 'retiring' as const, trafficWeight: 10 },
        { name: 'b', trafficWeight: 90 },
      ],
      /generations\[a\]: trafficWeight 10 sends traffic to a generation being retired \(state 'retiring'\): its cluster is no longer built; move its traffic first: set its trafficWeight to 0/,
    ],
    [
      'retiring the only generation',
      [{ name: 'a', state: 'retiring' as const }],
      /clusters\[prod-usc1\]: generations \["a: retiring"\] retires every generation: a cluster keeps at least one active generation; keep the generation that takes the traffic active/,
    ],
  ])('throws on %s', (_case, generations, message) => {
    expect(messageOf(generations)).toMatch(message);
  });

  test('throws when a generation makes the name of another cluster', () => {
    const definition = { ...examplePlatform, clusters: examplePlatform.clusters.map((c) => (c.name === 'dev-usw1' ? { ...c, name: 'prod-usc1-b' } : c)) };
    expect(
      validateClusterGenerations(
        withGenerations(
          [
            { name: 'a', trafficWeight: 50 },
            { name: 'b', trafficWeight: 50 },
          ],
          definition,
        ),
      ),
    ).toEqual([expect.objectContaining({ path: 'clusters[prod-usc1].generations[b]', field: 'name', problem: 'makes the cluster name "prod-usc1-b", which another cluster or generation already has' })]);
  });

  test("a generation's own settings pass the cluster rules, reported at the generation's path", () => {
    expect(
      messageOf([
        { name: 'a', trafficWeight: 50 },
        { name: 'b', trafficWeight: 50, maxPodsPerNode: 300 },
      ]),
    ).toMatch(/clusters\[prod-usc1\]\.generations\[b\]: maxPodsPerNode 300 must be a whole number from 8 to 256/);
    expect(
      messageOf([
        { name: 'a', trafficWeight: 50 },
        { name: 'b', trafficWeight: 50, project: 'nope-project' },
      ]),
    ).toMatch(/clusters\[prod-usc1\]\.generations\[b\]: project "nope-project" is not one of the declared projects/);
  });

  test('throws when a generation misspells a field (the shape check)', () => {
    expect(messageOf([{ name: 'a', trafficWeight: 100, maxPods: 32 } as never])).toMatch(/generations\[a\].*maxPods/);
  });

  test("throws when an add-on's settings name a cluster whose generation a is retiring, with the move as the fix", () => {
    const definition = { ...withGenerations([{ name: 'a', state: 'retiring' }, { ...PROD_B }]), addOns: [{ name: 'spinnaker', settings: { cluster: 'prod-usc1', version: '1.36.0' } }] };
    expect(validateClusterGenerations(definition)).toEqual([
      {
        path: 'addOns[spinnaker]',
        field: 'settings.cluster',
        value: 'prod-usc1',
        problem: 'names cluster prod-usc1, whose generation a (the cluster of that name) is retiring or gone: the add-on does not follow the traffic by itself',
        fix: 'move it first: set settings.cluster to "prod-usc1-b" (an active generation), synthesize and deploy that, then retire generation a',
      },
    ]);
    expect(validateClusterGenerations({ ...definition, addOns: [{ name: 'spinnaker', settings: { cluster: 'prod-usc1-b' } }] })).toEqual([]);
  });

  test('accepts a canary split, and a retiring generation without traffic', () => {
    expect(
      messageOf([
        { name: 'a', trafficWeight: 90 },
        { ...PROD_B, trafficWeight: 10 },
      ]),
    ).toBe('accepted');
    expect(messageOf([{ name: 'a', state: 'retiring' }, { ...PROD_B }])).toBe('accepted');
  });
});
