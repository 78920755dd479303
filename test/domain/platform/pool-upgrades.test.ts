/**
 * Node pool upgrade strategies and successor pools in the definition (docs/node-pool-upgrades.md): the strategy each
 * pool resolves to, the successor's name, and every rule, matched by message.
 */
import { ClusterDefinition, PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { NodePoolDefinition } from '../../../lib/domain/platform/node-pool-definition';
import { DEFAULT_BLUE_GREEN_UPGRADE, DEFAULT_UPGRADE_STRATEGY } from '../../../lib/domain/platform/platform-defaults';
import { poolNodesAgainstClusterMax, poolUpgradeStrategy, resolvePoolUpgrade, successorPoolName } from '../../../lib/domain/platform/pool-upgrades';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { PlatformTenant } from '../../../lib/domain/platform/tenant-definition';
import { examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const prod = examplePlatform.clusters.find((c) => c.name === 'prod-usc1')!;
const gpuL4 = prod.nodePools.find((p) => p.name === 'gpu-l4')!;
/** The example with prod-usc1's pools changed. */
const withProdPools = (change: (pools: readonly NodePoolDefinition[]) => NodePoolDefinition[]): PlatformDefinition => ({
  ...examplePlatform,
  clusters: examplePlatform.clusters.map((c): ClusterDefinition => (c.name === 'prod-usc1' ? { ...c, nodePools: change(c.nodePools) } : c)),
});
const withPool = (pool: NodePoolDefinition) => withProdPools((pools) => [...pools, pool]);
const withTenant = (name: string, change: (tenant: PlatformTenant) => PlatformTenant): PlatformDefinition => ({
  ...examplePlatform,
  tenants: (examplePlatform.tenants ?? []).map((t) => (t.name === name ? change(t) : t)),
});
const check = (definition: PlatformDefinition) => () => assertPlatform(definition, { today: EXAMPLE_TODAY });

describe('upgrade strategy of a pool', () => {
  test('by kind when nothing is declared: blue-green for general, surge for spot-batch and gpu', () => {
    expect(DEFAULT_UPGRADE_STRATEGY).toEqual({ general: 'blue-green', 'spot-batch': 'surge', gpu: 'surge' });
    expect(poolUpgradeStrategy({ kind: 'general' })).toBe('blue-green');
    expect(poolUpgradeStrategy({ kind: 'spot-batch' })).toBe('surge');
    expect(poolUpgradeStrategy({ kind: 'gpu' })).toBe('surge');
  });

  test('surge for a general pool that declares maxSurge or queued provisioning, as declared otherwise', () => {
    expect(poolUpgradeStrategy({ kind: 'general', maxSurge: 2 })).toBe('surge');
    expect(poolUpgradeStrategy({ kind: 'general', queuedProvisioning: true })).toBe('surge');
    expect(poolUpgradeStrategy({ kind: 'general', upgrade: { strategy: 'surge' } })).toBe('surge');
    expect(poolUpgradeStrategy({ kind: 'gpu', upgrade: { strategy: 'blue-green' } })).toBe('blue-green');
  });

  test('blue-green resolves every setting: DEFAULT_BLUE_GREEN_UPGRADE (a quarter per batch, 600s, 3600s)', () => {
    expect(DEFAULT_BLUE_GREEN_UPGRADE).toEqual({ batchPercentage: 0.25, batchSoakDuration: '600s', nodePoolSoakDuration: '3600s' });
    expect(resolvePoolUpgrade({ kind: 'general' })).toEqual({ strategy: 'blue-green', batchPercentage: 0.25, batchSoakDuration: '600s', nodePoolSoakDuration: '3600s' });
  });

  test('a declared batch node count replaces the default fraction; declared soaks are kept', () => {
    expect(resolvePoolUpgrade({ kind: 'general', upgrade: { strategy: 'blue-green', batchNodeCount: 2, nodePoolSoakDuration: '7200s' } })).toEqual({
      strategy: 'blue-green',
      batchNodeCount: 2,
      batchSoakDuration: '600s',
      nodePoolSoakDuration: '7200s',
    });
  });

  test('surge resolves to maxSurge per zone (1 unless declared) and nothing unavailable', () => {
    expect(resolvePoolUpgrade({ kind: 'gpu' })).toEqual({ strategy: 'surge', maxSurge: 1, maxUnavailable: 0 });
    expect(resolvePoolUpgrade({ kind: 'general', maxSurge: 3 })).toEqual({ strategy: 'surge', maxSurge: 3, maxUnavailable: 0 });
  });

  test('accepts a declared blue-green pool with its own settings', () => {
    expect(check(withPool({ name: 'web', kind: 'general', maxNodes: 4, upgrade: { strategy: 'blue-green', batchNodeCount: 1, batchSoakDuration: '120.5s' } }))).not.toThrow();
  });

  test.each<[string, PlatformDefinition, RegExp]>([
    [
      'a blue-green pool declares maxSurge',
      withPool({ name: 'web', kind: 'general', maxNodes: 4, maxSurge: 2, upgrade: { strategy: 'blue-green' } }),
      /clusters\[prod-usc1\]\.nodePools\[web\]: maxSurge 2 is set on a blue-green pool, which upgrades a whole second set of nodes, not maxSurge at a time; drop maxSurge, or use upgrade: \{ strategy: 'surge' \}/,
    ],
    [
      'the batch fraction is outside (0, 1]',
      withPool({ name: 'web', kind: 'general', maxNodes: 4, upgrade: { strategy: 'blue-green', batchPercentage: 25 } }),
      /clusters\[prod-usc1\]\.nodePools\[web\]: upgrade\.batchPercentage 25 must be a fraction in \(0, 1\]; use e\.g\. 0\.25/,
    ],
    ['the batch node count is not a whole number', withPool({ name: 'web', kind: 'general', maxNodes: 4, upgrade: { strategy: 'blue-green', batchNodeCount: 0 } }), /upgrade\.batchNodeCount 0 must be a whole number of at least 1/],
    [
      'both batch sizes are set',
      withPool({ name: 'web', kind: 'general', maxNodes: 4, upgrade: { strategy: 'blue-green', batchPercentage: 0.5, batchNodeCount: 2 } }),
      /upgrade\.batchNodeCount 2 is set together with batchPercentage; GKE takes one batch size; set one of batchPercentage or batchNodeCount/,
    ],
    [
      'a soak is not a duration GKE takes',
      withPool({ name: 'web', kind: 'general', maxNodes: 4, upgrade: { strategy: 'blue-green', nodePoolSoakDuration: '1h' } }),
      /upgrade\.nodePoolSoakDuration "1h" is not a duration GKE takes \(seconds with up to nine fractional digits, ending in "s"\); write seconds, e\.g\. "600s"/,
    ],
    [
      'a queued-provisioning pool upgrades blue-green',
      withTenant('ml-training', (t) => ({ ...t, dedicatedNodes: { ...t.dedicatedNodes!, upgrade: { strategy: 'blue-green' } } })),
      /tenants\[ml-training\]\.dedicatedNodes: upgrade "blue-green" is set on a queued-provisioning pool: GKE upgrades nodes obtained through the Dynamic Workload Scheduler with its own SHORT_LIVED strategy, never blue-green/,
    ],
    ['the strategy is misspelt', withPool({ name: 'web', kind: 'general', maxNodes: 4, upgrade: { strategy: 'bluegreen' } as never }), /clusters\[prod-usc1\]\.nodePools\[web\]\.upgrade/],
  ])('throws when %s', (_case, definition, message) => {
    expect(check(definition)).toThrow(message);
  });
});

describe('successor pools', () => {
  test.each([
    ['services', 'services-b'],
    ['services-b', 'services-c'],
    ['gpu-l4', 'gpu-l4-b'],
    ['pool-y', 'pool-z'],
  ])('the successor of %s is %s', (name, successor) => {
    expect(successorPoolName(name)).toBe(successor);
  });

  test('there is no successor name after -z', () => {
    expect(successorPoolName('pool-z')).toBeUndefined();
  });

  const successor: NodePoolDefinition = { ...gpuL4, name: 'gpu-l4-b', successorOf: 'gpu-l4', machineType: 'g2-standard-24', gpu: { type: 'nvidia-l4', count: 2 }, maxNodes: 24 };

  test('accepts a successor beside its predecessor, even when the pair exceeds the cluster maxNodes for a while', () => {
    // 888 nodes of pools in a 900-node cluster: gpu-l4 (48) and gpu-l4-b (60) count once, at 60.
    expect(check(withPool({ ...successor, maxNodes: 60 }))).not.toThrow();
  });

  test('a pool and its successor count once against the cluster maxNodes, at the larger maximum', () => {
    expect(
      poolNodesAgainstClusterMax([
        { name: 'a', maxNodes: 10 },
        { name: 'b', maxNodes: 5 },
        { name: 'b-b', maxNodes: 7, successorOf: 'b' },
      ]),
    ).toBe(17);
    // Once the old pool is gone the successor counts alone.
    expect(
      poolNodesAgainstClusterMax([
        { name: 'a', maxNodes: 10 },
        { name: 'b-b', maxNodes: 7, successorOf: 'b' },
      ]),
    ).toBe(17);
  });

  test.each<[string, PlatformDefinition, RegExp]>([
    [
      'successorOf names no pool of the cluster',
      withPool({ ...successor, successorOf: 'gpu-a100' }),
      /clusters\[prod-usc1\]\.nodePools\[gpu-l4-b\]: successorOf "gpu-a100" names no pool of this cluster's nodePools; name the pool this one replaces \(one of services, batch-spot, gpu-l4, gpu-l4-b\); once the old pool is removed, drop successorOf \(it changes nothing deployed\)/,
    ],
    [
      'the old pool is removed but successorOf stays',
      withProdPools((pools) => [...pools.filter((p) => p.name !== 'gpu-l4'), successor]),
      /clusters\[prod-usc1\]\.nodePools\[gpu-l4-b\]: successorOf "gpu-l4" names no pool of this cluster's nodePools; .* once the old pool is removed, drop successorOf/,
    ],
    ['the successor is not named after its predecessor', withPool({ ...successor, name: 'gpu-l4-new' }), /clusters\[prod-usc1\]\.nodePools\[gpu-l4-new\]: name "gpu-l4-new" is not the successor name of gpu-l4: .*; name it gpu-l4-b/],
    [
      'the successor is of another kind',
      withPool({ ...successor, kind: 'spot-batch', gpu: undefined, machineType: 'n2-standard-8' }),
      /clusters\[prod-usc1\]\.nodePools\[gpu-l4-b\]: kind "spot-batch" differs from gpu-l4's kind \(gpu\): the workload that moves off gpu-l4 needs the same taints and labels on its new nodes; use kind: 'gpu'/,
    ],
    [
      'a pool names itself',
      withProdPools((pools) => pools.map((p) => (p.name === 'gpu-l4' ? { ...p, successorOf: 'gpu-l4' } : p))),
      /clusters\[prod-usc1\]\.nodePools\[gpu-l4\]: successorOf "gpu-l4" names the pool itself; declare the successor as a new pool named gpu-l4-b/,
    ],
    [
      'a pool has two successors',
      withProdPools((pools) => [...pools, successor, { ...successor, name: 'gpu-l4-c' }]),
      /clusters\[prod-usc1\]\.nodePools\[gpu-l4\]: successorOf \["gpu-l4-b","gpu-l4-c"\] has 2 successors; a pool moves to one successor at a time; keep one of gpu-l4-b, gpu-l4-c/,
    ],
    [
      'a successor is replaced before its own move is finished',
      withProdPools((pools) => [...pools, successor, { ...successor, name: 'gpu-l4-c', successorOf: 'gpu-l4-b' }]),
      /clusters\[prod-usc1\]\.nodePools\[gpu-l4-c\]: successorOf "gpu-l4-b" names gpu-l4-b, which is itself still replacing gpu-l4; finish that move first: remove gpu-l4 and drop gpu-l4-b's successorOf, then declare this successor/,
    ],
    ['successorOf is set on a tenant pool', withTenant('simulation', (t) => ({ ...t, dedicatedNodes: { ...t.dedicatedNodes!, successorOf: 'tenant-simulation' } as never })), /tenants\[simulation\]\.dedicatedNodes: .*successorOf/],
  ])('throws when %s', (_case, definition, message) => {
    expect(check(definition)).toThrow(message);
  });
});
