import { apiOfResourceType, platformProjectServices } from '../../../lib/domain/platform/project-services';
import { privateServiceAccessPlan, privateServiceTenants, PSA_RANGE_NAME } from '../../../lib/domain/platform/private-service-access';
import { loadPlatform } from '../../../lib/platform/load-platform';
import { exampleLockFile, examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

describe('project services', () => {
  test.each([
    ['google_compute_firewall', 'compute.googleapis.com'],
    ['google_container_node_pool', 'container.googleapis.com'],
    ['google_gke_hub_feature_membership', 'gkehub.googleapis.com'],
    ['google_dns_record_set', 'dns.googleapis.com'],
    ['google_service_networking_connection', 'servicenetworking.googleapis.com'],
    ['google_service_account_iam_member', 'iam.googleapis.com'],
    ['google_project_iam_member', 'cloudresourcemanager.googleapis.com'],
  ])('%s needs %s', (type, api) => expect(apiOfResourceType(type)).toBe(api));

  test('types outside Google need no API', () => expect(apiOfResourceType('aws_route')).toBeUndefined());

  test('the host project gets networking APIs; cluster projects get GKE, IAM and run-time APIs; GitOps adds the fleet', () => {
    const services = platformProjectServices(examplePlatform, { gitOps: true });
    expect(Object.keys(services)).toEqual(['drive-gke-dev', 'drive-gke-prod', 'drive-net-prod', 'drive-payments-prod']);
    expect(services['drive-net-prod']).toEqual([
      'cloudresourcemanager.googleapis.com',
      'compute.googleapis.com',
      'container.googleapis.com',
      'dns.googleapis.com',
      'iam.googleapis.com',
      'servicenetworking.googleapis.com',
      'serviceusage.googleapis.com',
    ]);
    expect(services['drive-gke-dev']).toContain('anthosconfigmanagement.googleapis.com');
    expect(platformProjectServices(examplePlatform)['drive-gke-dev']).not.toContain('gkehub.googleapis.com');
  });

  test('Binary Authorization enforcement enables its API in the cluster project; a declared key project gets Cloud KMS', () => {
    const definition = {
      ...examplePlatform,
      projects: [...examplePlatform.projects, { id: 'drive-kms-prod' }],
      clusterDefaults: { binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' as const } },
      clusters: examplePlatform.clusters.map((c) => (c.name === 'prod-usc1' ? { ...c, secretsEncryption: { keyName: 'projects/drive-kms-prod/locations/us-central1/keyRings/gke/cryptoKeys/etcd' } } : c)),
    };
    const services = platformProjectServices(definition);
    for (const project of ['drive-gke-prod', 'drive-gke-dev', 'drive-payments-prod']) expect(services[project]).toContain('binaryauthorization.googleapis.com');
    expect(services['drive-kms-prod']).toEqual(['cloudkms.googleapis.com', 'serviceusage.googleapis.com']);
    expect(platformProjectServices(examplePlatform)['drive-gke-prod']).not.toContain('binaryauthorization.googleapis.com');
    expect(apiOfResourceType('google_kms_crypto_key_iam_member')).toBe('cloudkms.googleapis.com');
  });
});

describe('Private Service Access plan', () => {
  test('is on when a tenant holds a private-IP service role, with a /20 from the nodes pool', () => {
    expect(privateServiceTenants(examplePlatform)).toEqual(['payments']);
    expect(privateServiceAccessPlan(examplePlatform)).toEqual({ prefixLength: 20, pool: 'gke-nodes' });
  });

  test('is off without such a tenant, or when the network says false; a prefix and pool can be chosen', () => {
    const noSql = { ...examplePlatform, tenants: examplePlatform.tenants!.filter((t) => t.name !== 'payments') };
    expect(privateServiceAccessPlan(noSql)).toBeUndefined();
    expect(privateServiceAccessPlan({ ...examplePlatform, network: { ...examplePlatform.network, privateServiceAccess: false } })).toBeUndefined();
    expect(privateServiceAccessPlan({ ...noSql, network: { ...examplePlatform.network, privateServiceAccess: { prefixLength: 16, pool: 'gke-pods' } } })).toEqual({ prefixLength: 16, pool: 'gke-pods' });
  });

  test('its range comes from the IP plan and is recorded in the lock file', () => {
    const platform = loadPlatform(examplePlatform, { lockFile: exampleLockFile, frozen: true, today: EXAMPLE_TODAY });
    expect(platform.ipPlan.cidr(PSA_RANGE_NAME)).toBe('10.0.16.0/20');
  });
});
