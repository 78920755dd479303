/**
 * Growing a cluster past its default pod range, from the definition: the IP plan's advice ("add an additional
 * pod range") followed literally on the example, then a pool put on the new range, synthesizes.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Testing } from 'cdktf';
import { loadPlatform } from '../../lib/platform/load-platform';
import { ClusterDefinition, PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { NodePoolDefinition } from '../../lib/domain/platform/node-pool-definition';
import { exampleLockFile, examplePlatform } from '../../examples/drive-platform/platform';
import { buildPlatformStacks } from '../../stacks/platform-stacks';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

process.env.CHECKPOINT_DISABLE = '1';

function scratchLock(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'grow-')), 'ip-plan.lock.json');
  copyFileSync(exampleLockFile, path);
  return path;
}

/** dev-usw1 (32 pods per node, its recorded pod range holds 64 nodes) grown to 100 nodes with a second pool. */
function grownDev(change: (cluster: ClusterDefinition) => Partial<ClusterDefinition>): PlatformDefinition {
  return { ...examplePlatform, clusters: examplePlatform.clusters.map((c) => (c.name === 'dev-usw1' ? { ...c, maxNodes: 100, ...change(c) } : c)) };
}
// Surge: these cases are about pod ranges filling up, not a blue-green upgrade's second set of nodes (pool-headroom tests).
const secondPool = (extra: Partial<NodePoolDefinition> = {}): NodePoolDefinition => ({ name: 'general-2', kind: 'general', machineType: 'e2-standard-4', minNodes: 0, maxNodes: 50, upgrade: { strategy: 'surge' }, ...extra });
const load = (definition: PlatformDefinition) => loadPlatform(definition, { lockFile: scratchLock(), frozen: false, today: EXAMPLE_TODAY, log: () => undefined });

describe('growing a cluster with an additional pod range, from the definition', () => {
  test('throws when the cluster outgrows its pod range, advising an additional pod range', () => {
    expect(() => load(grownDev((c) => ({ nodePools: [...c.nodePools, secondPool()] })))).toThrow(
      /gcp\/us-west1\/dev-usw1\/pods: cidr "100\.66\.0\.0\/20" holds 64 nodes at 32 pods per node \(a \/26 each\), but maxNodes \+ surge is 106; add an additional pod range \(additionalPodRanges\)/,
    );
  });

  test('throws when the range is added but every pool stays on the full default range, advising podRange', () => {
    expect(() => load(grownDev((c) => ({ additionalPodRanges: [{ name: 'pods-2', maxNodes: 50 }], nodePools: [...c.nodePools, secondPool()] })))).toThrow(
      /clusters\[dev-usw1\]: pod range dev-usw1-pods "100\.66\.0\.0\/20" has 4096 addresses, but its node pools need 6784 at maximum plus surge \(general: 53 nodes x 64, general-2: 53 nodes x 64\); give large pools their own pod range \(podRange\)/,
    );
  });

  test('throws when a pool names a pod range the cluster does not declare', () => {
    expect(() => load(grownDev((c) => ({ additionalPodRanges: [{ name: 'pods-2', maxNodes: 50 }], nodePools: [...c.nodePools, secondPool({ podRange: 'pods-3' })] })))).toThrow(
      /clusters\[dev-usw1\]\.nodePools\[general-2\]: podRange "pods-3" is not one of the cluster's additionalPodRanges; use one of pods-2/,
    );
  });

  test('a pod-range fix that still fails validation records nothing: the lock file is unchanged', () => {
    const lockFile = scratchLock();
    const before = readFileSync(lockFile, 'utf8');
    const definition = grownDev((c) => ({ additionalPodRanges: [{ name: 'pods-2', maxNodes: 50 }], nodePools: [...c.nodePools, secondPool()] }));
    expect(() => loadPlatform(definition, { lockFile, frozen: false, today: EXAMPLE_TODAY, log: () => undefined })).toThrow(/give large pools their own pod range \(podRange\)/);
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
  });

  describe('with the new pool on the new range', () => {
    const platform = load(grownDev((c) => ({ additionalPodRanges: [{ name: 'pods-2', maxNodes: 50 }], nodePools: [...c.nodePools, secondPool({ podRange: 'pods-2' })] })));
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'grow-out-')), stackTraces: false });
    const stacks = buildPlatformStacks(app, platform);
    const cluster = JSON.parse(Testing.synth(stacks.clusters['dev-usw1'], true));
    const network = JSON.parse(Testing.synth(stacks.network, true));
    const range = platform.plan.clusters.find((c) => c.name === 'dev-usw1')!.additionalPodRanges[0];

    test('the IP plan places the range and counts it in the capacity', () => {
      expect(range).toMatchObject({ name: 'pods-2', rangeName: 'dev-usw1-pods-2', ipPlanName: 'gcp/us-west1/dev-usw1/pods-2' });
      expect(platform.recorded.map((a) => a.name)).toEqual(['gcp/us-west1/dev-usw1/pods-2']);
      const capacity = platform.ipPlan.gkeClusters.find((c) => c.cluster === 'gcp/us-west1/dev-usw1')!;
      expect(capacity.nodesByPodRanges).toBeGreaterThanOrEqual(106);
    });

    test('the subnet gets the secondary range and Cloud NAT translates it', () => {
      const subnet = Object.values<any>(network.resource.google_compute_subnetwork).find((s) => s.name === 'gke-dev-usw1');
      expect(subnet.secondary_ip_range).toContainEqual({ range_name: 'dev-usw1-pods-2', ip_cidr_range: range.cidr });
      const nat = Object.values<any>(network.resource.google_compute_router_nat).find((n) => n.region === 'us-west1');
      expect(nat.subnetwork[0].secondary_ip_range_names).toEqual(['dev-usw1-pods', 'dev-usw1-pods-2']);
    });

    test('the cluster offers the range and the new pool takes its pods from it', () => {
      expect(Object.values<any>(cluster.resource.google_container_cluster)[0].ip_allocation_policy.additional_pod_ranges_config).toEqual({ pod_range_names: ['dev-usw1-pods-2'] });
      const pools = cluster.resource.google_container_node_pool;
      const pool = Object.values<any>(pools).find((p) => p.name === 'general-2');
      expect(pool.network_config).toEqual({ create_pod_range: false, pod_range: 'dev-usw1-pods-2' });
      expect(Object.values<any>(pools).find((p) => p.name === 'general').network_config).toBeUndefined();
    });
  });
});
