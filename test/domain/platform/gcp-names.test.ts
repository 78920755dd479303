import { additionalPodRangeName, clusterSubnetName, podRangeName, servicesRangeName, stackNames } from '../../../lib/domain/platform/gcp-names';
import { clusterRangePrefix } from '../../../lib/domain/platform/platform-ip-plan';
import { linkRangeName } from '../../../lib/domain/platform/hybrid-link-definition';
import { tenantPoolName } from '../../../lib/domain/tenancy/tenant-placement';

// These names reach GCP, Terraform state and the lock file: changing one replaces real infrastructure.
describe('derived names are a contract', () => {
  const cluster = { name: 'prod-usc1', region: 'us-central1' };

  test('subnets and secondary ranges', () => {
    expect([clusterSubnetName(cluster), podRangeName(cluster), servicesRangeName(cluster), additionalPodRangeName(cluster, 'pods-2')]).toEqual(['gke-prod-usc1', 'prod-usc1-pods', 'prod-usc1-services', 'prod-usc1-pods-2']);
  });

  test('stacks', () => {
    expect([stackNames.network('drive'), stackNames.fleet('drive'), stackNames.cluster('drive', 'prod-usc1'), stackNames.link('drive', 'aws-usw2'), stackNames.tenants('drive')]).toEqual([
      'drive-network',
      'drive-fleet',
      'drive-cluster-prod-usc1',
      'drive-link-aws-usw2',
      'drive-tenants',
    ]);
  });

  test('IP plan allocation names and tenant pools', () => {
    expect(clusterRangePrefix(cluster)).toBe('gcp/us-central1/prod-usc1');
    expect(linkRangeName({ name: 'aws-usw2' }, 'tunnel-1')).toBe('links/aws-usw2/tunnel-1');
    expect(tenantPoolName('simulation')).toBe('tenant-simulation');
  });
});
