import { examplePlatform } from '../../examples/drive-platform/platform';
import { synthDefinition } from '../fixtures/synth-definition';

// GIVEN the example plus a disposable experiment cluster
const { json } = synthDefinition({
  ...examplePlatform,
  clusters: [
    ...examplePlatform.clusters,
    {
      name: 'exp-usw1',
      project: 'drive-gke-dev',
      region: 'us-west1',
      environment: 'dev',
      maxNodes: 10,
      maxPodsPerNode: 32,
      authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }],
      nodePools: [{ name: 'general', kind: 'general', maxNodes: 10 }],
      ephemeral: { expires: '2026-12-31' },
    },
  ],
});

const clusterOf = (stack: string) => Object.values(json[stack].resource!.google_container_cluster)[0] as { deletion_protection: boolean; resource_labels: Record<string, string> };

describe('an ephemeral cluster in its stack', () => {
  test('can be destroyed (deletion protection off) and carries its expiry as a label', () => {
    expect(clusterOf('drive-cluster-exp-usw1').deletion_protection).toBe(false);
    expect(clusterOf('drive-cluster-exp-usw1').resource_labels).toMatchObject({ environment: 'dev', expires: '2026-12-31' });
  });

  test('a permanent cluster keeps deletion protection and no expiry', () => {
    expect(clusterOf('drive-cluster-dev-usw1').deletion_protection).toBe(true);
    expect(clusterOf('drive-cluster-dev-usw1').resource_labels.expires).toBeUndefined();
  });
});
