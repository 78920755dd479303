import { examplePlatform } from '../../examples/drive-platform/platform';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { resourcesOf, synthExample } from './example-synth';

const KEY = 'projects/drive-kms-prod/locations/us-central1/keyRings/gke/cryptoKeys/etcd';
/** The example with platform-wide settings, and the prod cluster overriding some of them and adding a key. */
const definition: PlatformDefinition = {
  ...examplePlatform,
  clusterDefaults: {
    binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' },
    maintenance: { exclusions: [{ name: 'year-end', startTime: '2026-12-20T00:00:00Z', endTime: '2027-01-04T00:00:00Z' }] },
    securityPosture: { vulnerabilityMode: 'VULNERABILITY_ENTERPRISE' },
  },
  clusters: examplePlatform.clusters.map((c) =>
    c.name === 'prod-usc1'
      ? {
          ...c,
          secretsEncryption: { keyName: KEY },
          maintenance: {
            window: { startTime: '2025-01-06T03:00:00Z', endTime: '2025-01-06T09:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU' },
            exclusions: [{ name: 'q1-minor', startTime: '2026-01-01T00:00:00Z', endTime: '2026-03-31T00:00:00Z', scope: 'NO_MINOR_UPGRADES' }],
          },
        }
      : c,
  ),
};
const { json } = synthExample(undefined, definition);
const clusterOf = (stack: string) => resourcesOf({ [stack]: json[stack] }, 'google_container_cluster')[0][2];

describe('cluster settings from the definition reach each cluster stack', () => {
  test("the prod cluster: its own window and key, the platform's freeze beside its own exclusion", () => {
    const c = clusterOf('drive-cluster-prod-usc1');
    expect(c.binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
    expect(c.database_encryption).toEqual({ state: 'ENCRYPTED', key_name: KEY });
    expect(c.security_posture_config).toEqual({ mode: 'BASIC', vulnerability_mode: 'VULNERABILITY_ENTERPRISE' });
    expect(c.maintenance_policy.recurring_window).toEqual({ start_time: '2025-01-06T03:00:00Z', end_time: '2025-01-06T09:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU' });
    expect(c.maintenance_policy.maintenance_exclusion.map((e: { exclusion_name: string }) => e.exclusion_name)).toEqual(['year-end', 'q1-minor']);
    const [, , grant] = resourcesOf({ s: json['drive-cluster-prod-usc1'] }, 'google_kms_crypto_key_iam_member')[0];
    expect(grant).toMatchObject({ crypto_key_id: KEY, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter' });
  });

  test('the other clusters: the platform defaults, no key', () => {
    const c = clusterOf('drive-cluster-dev-usw1');
    expect(c.binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
    expect(c.database_encryption).toBeUndefined();
    expect(c.maintenance_policy.maintenance_exclusion).toEqual([{ exclusion_name: 'year-end', start_time: '2026-12-20T00:00:00Z', end_time: '2027-01-04T00:00:00Z', exclusion_options: { scope: 'NO_UPGRADES' } }]);
    expect(c.maintenance_policy.recurring_window.recurrence).toBe('FREQ=WEEKLY;BYDAY=SA,SU');
    expect(json['drive-cluster-dev-usw1'].resource?.google_kms_crypto_key_iam_member).toBeUndefined();
  });

  test('the project services stack enables Binary Authorization in every cluster project', () => {
    const services = resourcesOf({ s: json['drive-project-services'] }, 'google_project_service').map(([, , r]) => `${r.project}/${r.service}`);
    expect(services).toEqual(expect.arrayContaining(['drive-gke-prod/binaryauthorization.googleapis.com', 'drive-gke-dev/binaryauthorization.googleapis.com', 'drive-payments-prod/binaryauthorization.googleapis.com']));
  });
});
