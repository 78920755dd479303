/**
 * GkeCluster's standalone surge default and the plan's surge come from one function (`poolSurgeNodes`) and one
 * default (DEFAULT_MAX_SURGE per pool per zone): a cluster of one default pool in three zones gets 3 either way.
 */
import { DEFAULT_SURGE_NODES, DEFAULT_ZONE_COUNT } from '../../lib/gke/gke-cluster';
import { DEFAULT_SURGE_UPGRADE } from '../../lib/gke/node-pool';
import { clusterSurgeNodes } from '../../lib/domain/platform/platform-ip-plan';
import { DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, poolSurgeNodes } from '../../lib/domain/platform/platform-defaults';
import type { ClusterDefinition } from '../../lib/domain/platform/platform-definition';

const ONE_POOL: ClusterDefinition = {
  name: 'prod-usc1',
  project: 'drive-gke-prod',
  region: 'us-central1',
  environment: 'prod',
  maxNodes: 50,
  maxPodsPerNode: 32,
  authorizedNetworks: [{ name: 'ops-vpn', cidr: '192.168.0.0/24' }],
  // A surge pool: GkeCluster's standalone default is one surge pool's (a general pool upgrades blue-green by default).
  nodePools: [{ name: 'general', kind: 'general', maxNodes: 50, upgrade: { strategy: 'surge' } }],
};

describe('surge defaults', () => {
  test('poolSurgeNodes is the surge in each zone, DEFAULT_MAX_SURGE when none is given', () => {
    expect(poolSurgeNodes(3)).toBe(3 * DEFAULT_MAX_SURGE);
    expect(poolSurgeNodes(2, 4)).toBe(8);
    expect(poolSurgeNodes(3, 0)).toBe(0);
  });

  test("GkeCluster's standalone default equals the plan's surge for one default pool in the default zones", () => {
    expect(DEFAULT_ZONE_COUNT).toBe(3);
    expect(DEFAULT_SURGE_NODES).toBe(3);
    expect(clusterSurgeNodes({}, ONE_POOL)).toBe(DEFAULT_SURGE_NODES);
  });

  test("NodePool's surge upgrade defaults are the plan's", () => {
    expect(DEFAULT_SURGE_UPGRADE).toEqual({ maxSurge: DEFAULT_MAX_SURGE, maxUnavailable: DEFAULT_MAX_UNAVAILABLE });
  });
});
