import { PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { examplePlatform } from '../../../examples/drive-platform/platform';

/** The example platform plus a prod cluster `data-usw1` in us-west1 (new ranges to place), of `maxNodes` nodes. */
export function withDataCluster(maxNodes: number): PlatformDefinition {
  return {
    ...examplePlatform,
    clusters: [
      ...examplePlatform.clusters,
      {
        name: 'data-usw1',
        project: 'drive-gke-prod',
        region: 'us-west1',
        environment: 'prod',
        maxNodes,
        maxPodsPerNode: 32,
        authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }],
        nodePools: [{ name: 'general', kind: 'general', maxNodes }],
      },
    ],
  };
}
