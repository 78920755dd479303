/**
 * Upgrade strategies and successor pools on the constructs: the presets' strategies, the synthesized
 * upgrade_settings, and how GkeCluster counts blue-green pools and successor pairs against its ranges.
 */
import { Testing } from 'cdktf';
import { NodePool } from '../../lib/gke/node-pool';
import { generalServicesPool, gpuTrainingPool, spotBatchPool, tenantDedicatedPool } from '../../lib/gke/node-pool-presets';
import { DEFAULT_BLUE_GREEN_UPGRADE } from '../../lib/domain/platform/platform-defaults';
import { clusterStack, only, synthJson } from './fixtures';

describe('node pool upgrade strategies', () => {
  const { cluster } = clusterStack();

  test('services and tenant presets upgrade blue-green with DEFAULT_BLUE_GREEN_UPGRADE; spot and GPU presets surge', () => {
    expect(generalServicesPool({ cluster, name: 'services' }).blueGreenUpgrade).toEqual(DEFAULT_BLUE_GREEN_UPGRADE);
    expect(tenantDedicatedPool({ cluster, name: 'tenant-acme' }, 'acme').blueGreenUpgrade).toEqual(DEFAULT_BLUE_GREEN_UPGRADE);
    for (const p of [spotBatchPool({ cluster, name: 'batch' }), gpuTrainingPool({ cluster, name: 'gpu' })]) {
      expect(p.blueGreenUpgrade).toBeUndefined();
      expect(p.surgeUpgrade).toBeUndefined();
    }
  });

  test("an override's strategy replaces the preset's, never both", () => {
    const surge = generalServicesPool({ cluster, name: 'services' }, { surgeUpgrade: { maxSurge: 2 } });
    expect(surge.blueGreenUpgrade).toBeUndefined();
    expect(surge.surgeUpgrade).toEqual({ maxSurge: 2 });
    const blueGreen = spotBatchPool({ cluster, name: 'batch' }, { blueGreenUpgrade: { batchNodeCount: 1 } });
    expect(blueGreen).toMatchObject({ blueGreenUpgrade: { batchNodeCount: 1 } });
    expect(blueGreen.surgeUpgrade).toBeUndefined();
  });

  test('a services pool synthesizes BLUE_GREEN with its batches and soaks (snapshot)', () => {
    const { stack, cluster: c } = clusterStack();
    new NodePool(stack, 'Pool', generalServicesPool({ cluster: c, name: 'services' }));
    const pool = only(synthJson(stack), 'google_container_node_pool');
    expect(pool.upgrade_settings).toEqual({
      strategy: 'BLUE_GREEN',
      blue_green_settings: { node_pool_soak_duration: '3600s', standard_rollout_policy: { batch_percentage: 0.25, batch_soak_duration: '600s' } },
    });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('throws when a queued-provisioning pool upgrades blue-green', () => {
    const { stack, cluster: c } = clusterStack();
    expect(
      () =>
        new NodePool(stack, 'Pool', {
          cluster: c,
          name: 'a100',
          machineType: 'a2-highgpu-1g',
          gpu: { type: 'nvidia-tesla-a100', count: 1 },
          autoscaling: { totalMinNodes: 0, totalMaxNodes: 4 },
          locationPolicy: 'ANY',
          queuedProvisioning: true,
          blueGreenUpgrade: {},
        }),
    ).toThrow(/Pool: blueGreenUpgrade "blue-green" is set on a queued-provisioning pool: GKE upgrades nodes obtained through the Dynamic Workload Scheduler with its own SHORT_LIVED strategy, never blue-green/);
  });

  test('throws when a soak is not a duration GKE takes', () => {
    const { stack, cluster: c } = clusterStack();
    expect(() => new NodePool(stack, 'Pool', { cluster: c, name: 'web', blueGreenUpgrade: { batchSoakDuration: '10m' } })).toThrow(/blueGreenUpgrade\.batchSoakDuration "10m" is not a duration GKE takes/);
  });

  test('throws when a pool names itself as the pool it replaces', () => {
    const { stack, cluster: c } = clusterStack();
    expect(() => new NodePool(stack, 'Pool', { cluster: c, name: 'web', successorOf: 'web' })).toThrow(/Pool: successorOf "web" names the pool itself/);
  });
});

describe('GkeCluster capacity with blue-green pools and successors', () => {
  // A /27 node subnet holds 28 nodes.
  const small = { maxNodes: 18, nodeSubnetCidr: '10.0.0.0/27', surgeNodes: 0 };

  test('only the largest blue-green pool doubles: 10 + 8 nodes plus a second set of 10 fit 28', () => {
    const { stack, cluster } = clusterStack(small);
    new NodePool(stack, 'A', { cluster, name: 'a', autoscaling: { totalMinNodes: 0, totalMaxNodes: 10 }, blueGreenUpgrade: {} });
    new NodePool(stack, 'B', { cluster, name: 'b', autoscaling: { totalMinNodes: 0, totalMaxNodes: 8 }, blueGreenUpgrade: {} });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('throws when the largest blue-green pool has no room for its second set', () => {
    const { stack, cluster } = clusterStack(small);
    new NodePool(stack, 'A', { cluster, name: 'a', autoscaling: { totalMinNodes: 0, totalMaxNodes: 12 }, blueGreenUpgrade: {} });
    new NodePool(stack, 'B', { cluster, name: 'b', autoscaling: { totalMinNodes: 0, totalMaxNodes: 6 }, blueGreenUpgrade: {} });
    expect(() => Testing.synth(stack, true)).toThrow(/nodeSubnetCidr "10\.0\.0\.0\/27" holds 28 nodes .* needs 30/);
  });

  test('a pool and its successor count once against maxNodes, both against the subnet', () => {
    const { stack, cluster } = clusterStack(small);
    new NodePool(stack, 'Web', { cluster, name: 'web', autoscaling: { totalMinNodes: 0, totalMaxNodes: 12 }, surgeUpgrade: { maxSurge: 0, maxUnavailable: 1 } });
    new NodePool(stack, 'WebB', { cluster, name: 'web-b', autoscaling: { totalMinNodes: 0, totalMaxNodes: 12 }, surgeUpgrade: { maxSurge: 0, maxUnavailable: 1 }, successorOf: 'web' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('throws when the same two pools are not declared as a pair: they count twice against maxNodes', () => {
    const { stack, cluster } = clusterStack(small);
    new NodePool(stack, 'Web', { cluster, name: 'web', autoscaling: { totalMinNodes: 0, totalMaxNodes: 12 }, surgeUpgrade: { maxSurge: 0, maxUnavailable: 1 } });
    new NodePool(stack, 'WebB', { cluster, name: 'web-b', autoscaling: { totalMinNodes: 0, totalMaxNodes: 12 }, surgeUpgrade: { maxSurge: 0, maxUnavailable: 1 } });
    expect(() => Testing.synth(stack, true)).toThrow(/maxNodes 18 is below the sum of node pool maximums \(24: web=12, web-b=12\)/);
  });
});
