/**
 * The capacity a blue-green upgrade and a successor pool need, checked against the example's recorded ranges
 * (pool-headroom.ts): refused with the range, the figures and the fix; new ranges sized for blue-green.
 */
import { copyFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { gkeRangeSizes } from '../../../lib/domain/ip-plan/gke-sizing';
import { ClusterDefinition, PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { NodePoolDefinition } from '../../../lib/domain/platform/node-pool-definition';
import { planCluster } from '../../../lib/domain/platform/platform-plan';
import { loadPlatform } from '../../../lib/platform/load-platform';
import { exampleLockFile, examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

process.env.CHECKPOINT_DISABLE = '1';

function scratchLock(): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-'));
  copyFileSync(exampleLockFile, join(dir, 'ip-plan.lock.json'));
  copyFileSync(join(dirname(exampleLockFile), 'tenant-states.lock.json'), join(dir, 'tenant-states.lock.json'));
  return join(dir, 'ip-plan.lock.json');
}
const load = (definition: PlatformDefinition) => loadPlatform(definition, { lockFile: scratchLock(), frozen: true, today: EXAMPLE_TODAY, log: () => undefined });
const withPools = (cluster: string, change: (pools: readonly NodePoolDefinition[]) => NodePoolDefinition[]): PlatformDefinition => ({
  ...examplePlatform,
  clusters: examplePlatform.clusters.map((c): ClusterDefinition => (c.name === cluster ? { ...c, nodePools: change(c.nodePools) } : c)),
});

describe('upgrade headroom against the recorded ranges', () => {
  const example = load(examplePlatform);

  test('the example fits: payments-usc1 services upgrades blue-green, prod-usc1 services surges as declared', () => {
    const payments = planCluster(example.plan, 'payments-usc1');
    expect(payments.nodePools[0].upgrade).toEqual({ strategy: 'blue-green', batchPercentage: 0.25, batchSoakDuration: '600s', nodePoolSoakDuration: '3600s' });
    expect(payments.blueGreenNodes).toBe(30);
    expect(planCluster(example.plan, 'prod-usc1').nodePools.find((p) => p.name === 'services')!.upgrade).toEqual({ strategy: 'surge', maxSurge: 1, maxUnavailable: 0 });
  });

  test('throws when a blue-green pool does not fit its recorded ranges, naming each range and the fix (not the IP plan sizing error)', () => {
    const blueGreen = withPools('prod-usc1', (pools) => pools.map((p) => (p.name === 'services' ? { ...p, upgrade: undefined } : p)));
    expect(() => load(blueGreen)).toThrow(
      "clusters[prod-usc1].nodePools[services]: upgrade.strategy \"blue-green\" needs room for a second set of its 200 nodes while GKE upgrades it, but the cluster's recorded ranges hold its pools at maximum plus surge with too little left: the node subnet gcp/us-central1/prod-usc1/nodes (10.0.0.0/22) has 120 nodes free, 200 nodes needed; the pod range gcp/us-central1/prod-usc1/pods (100.64.0.0/15) has 15872 addresses free, 25600 addresses needed; use upgrade: { strategy: 'surge' } for this pool, or lower its maxNodes to 160; recorded ranges never grow (new ones are sized for blue-green)",
    );
  });

  test('throws when a tenant pool cannot upgrade blue-green, naming the tenant', () => {
    const bigCpu: PlatformDefinition = {
      ...examplePlatform,
      tenants: (examplePlatform.tenants ?? []).map((t) => (t.name === 'ml-training' ? { ...t, dedicatedNodes: { ...t.dedicatedNodes!, cpuPool: { maxNodes: 100 } } } : t)),
    };
    expect(() => load({ ...bigCpu, clusters: bigCpu.clusters.map((c) => (c.name === 'prod-usc1' ? { ...c, maxNodes: 1000 } : c)) })).toThrow(
      /tenants\[ml-training\]\.dedicatedNodes\.cpuPool: upgrade\.strategy "blue-green" needs room for a second set of its 100 nodes/,
    );
  });

  test('throws when a successor beside its predecessor does not fit, with the largest maxNodes that does', () => {
    const successor: NodePoolDefinition = { name: 'services-b', kind: 'general', machineType: 'n2-standard-8', maxNodes: 200, upgrade: { strategy: 'surge' }, successorOf: 'services' };
    expect(() => load(withPools('prod-usc1', (pools) => [...pools, successor]))).toThrow(
      "clusters[prod-usc1].nodePools[services-b]: maxNodes 200 beside services (present until its workload has moved), the pools on the node subnet gcp/us-central1/prod-usc1/nodes (10.0.0.0/22) need 1106 nodes at once (every pool at maxNodes plus surge), but it holds 1020; lower services-b's maxNodes to 114 while services is present (raise it once services is removed), or first lower services's maxNodes (changed in place) as its workload moves",
    );
  });

  test("throws when the pod range cannot hold both pools, in addresses of each pool's pod blocks", () => {
    const successor: NodePoolDefinition = { name: 'general-b', kind: 'general', maxNodes: 50, upgrade: { strategy: 'surge' }, successorOf: 'general' };
    expect(() => load(withPools('dev-usw1', (pools) => [...pools, successor]))).toThrow(
      "clusters[dev-usw1].nodePools[general-b]: maxNodes 50 beside general (present until its workload has moved), the pools on the pod range gcp/us-west1/dev-usw1/pods (100.66.0.0/20) need 6784 addresses at once (every pool at maxNodes plus surge), but it holds 4096; lower general-b's maxNodes to 8 while general is present",
    );
  });

  test('a pool with an unmet successor check is not also reported by the plain pod-range rule', () => {
    const successor: NodePoolDefinition = { name: 'general-b', kind: 'general', maxNodes: 50, upgrade: { strategy: 'surge' }, successorOf: 'general' };
    expect(() => load(withPools('dev-usw1', (pools) => [...pools, successor]))).not.toThrow(/give large pools their own pod range/);
  });

  test('new ranges are sized for a blue-green second set of nodes', () => {
    // 53 nodes: a /26 subnet (60) and 64 pod blocks of /26; 103 nodes: a /25 (124) and 128 blocks.
    expect(gkeRangeSizes({ maxNodes: 50, surgeNodes: 3, maxPodsPerNode: 32 })).toMatchObject({ nodes: 26, pods: 20 });
    expect(gkeRangeSizes({ maxNodes: 50, surgeNodes: 3, blueGreenNodes: 50, maxPodsPerNode: 32 })).toMatchObject({ nodes: 25, pods: 19 });
  });
});
