import { readFileSync } from 'fs';
import { join } from 'path';
import { ClusterDefinition, PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { resolvePlatform } from '../../../lib/domain/platform/resolve-platform';
import { resolveClusterSettings } from '../../../lib/domain/platform/cluster-settings-plan';
import { DEFAULT_MAINTENANCE_WINDOW } from '../../../lib/domain/gke/cluster-settings';
import { exampleLockFile, examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const [prod, dev] = examplePlatform.clusters;
const KEY = 'projects/drive-kms-prod/locations/us-central1/keyRings/gke/cryptoKeys/etcd';
const freeze = { name: 'year-end', startTime: '2026-12-20T00:00:00Z', endTime: '2027-01-04T00:00:00Z' };
const withClusters = (changes: Partial<ClusterDefinition>, defaults?: PlatformDefinition['clusterDefaults']): PlatformDefinition => ({
  ...examplePlatform,
  ...(defaults ? { clusterDefaults: defaults } : {}),
  clusters: examplePlatform.clusters.map((c) => (c.name === prod.name ? { ...c, ...changes } : c)),
});
const settings = (definition: PlatformDefinition, cluster: string) =>
  resolveClusterSettings(
    definition,
    definition.clusters.find((c) => c.name === cluster)!,
  );

describe('cluster settings: platform defaults overridden per cluster', () => {
  test("without settings every cluster gets the library's defaults", () => {
    expect(settings(examplePlatform, prod.name)).toEqual({
      releaseChannel: 'REGULAR',
      binaryAuthorization: { evaluationMode: 'DISABLED' },
      maintenance: { window: DEFAULT_MAINTENANCE_WINDOW, exclusions: [] },
      securityPosture: { mode: 'BASIC', vulnerabilityMode: 'VULNERABILITY_DISABLED' },
    });
    // A cluster's own release channel stays its own.
    expect(settings(examplePlatform, dev.name).releaseChannel).toBe('RAPID');
  });

  test('clusterDefaults apply to every cluster; a cluster field replaces the default', () => {
    const definition = withClusters(
      { binaryAuthorization: { evaluationMode: 'DISABLED' }, securityPosture: { vulnerabilityMode: 'VULNERABILITY_ENTERPRISE' } },
      { releaseChannel: 'STABLE', binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' }, securityPosture: { mode: 'ENTERPRISE' } },
    );
    expect(settings(definition, prod.name)).toMatchObject({ releaseChannel: 'STABLE', binaryAuthorization: { evaluationMode: 'DISABLED' }, securityPosture: { mode: 'ENTERPRISE', vulnerabilityMode: 'VULNERABILITY_ENTERPRISE' } });
    expect(settings(definition, dev.name)).toMatchObject({
      releaseChannel: 'RAPID',
      binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' },
      securityPosture: { mode: 'ENTERPRISE', vulnerabilityMode: 'VULNERABILITY_DISABLED' },
    });
  });

  test("exclusions add to the platform's; the same name is the cluster's own", () => {
    const window = { startTime: '2025-01-01T22:00:00Z', endTime: '2025-01-02T04:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=TU,WE,TH' };
    const definition = withClusters(
      {
        maintenance: {
          window,
          exclusions: [
            { ...freeze, endTime: '2026-12-31T00:00:00Z' },
            { name: 'launch', startTime: '2026-03-01T00:00:00Z', endTime: '2026-06-01T00:00:00Z', scope: 'NO_MINOR_UPGRADES' },
          ],
        },
      },
      { maintenance: { exclusions: [freeze] } },
    );
    expect(settings(definition, prod.name).maintenance).toEqual({
      window,
      exclusions: [
        { ...freeze, endTime: '2026-12-31T00:00:00Z', scope: 'NO_UPGRADES' },
        { name: 'launch', startTime: '2026-03-01T00:00:00Z', endTime: '2026-06-01T00:00:00Z', scope: 'NO_MINOR_UPGRADES' },
      ],
    });
    expect(settings(definition, dev.name).maintenance).toEqual({ window: DEFAULT_MAINTENANCE_WINDOW, exclusions: [{ ...freeze, scope: 'NO_UPGRADES' }] });
  });

  test('the secrets encryption key is per cluster, and part of the plan', () => {
    const definition = withClusters({ secretsEncryption: { keyName: KEY } });
    expect(() => assertPlatform(definition, { today: EXAMPLE_TODAY })).not.toThrow();
    const ipPlanLock = readFileSync(exampleLockFile, 'utf8');
    const tenantStatesLock = readFileSync(join(exampleLockFile, '..', 'tenant-states.lock.json'), 'utf8');
    const { plan } = resolvePlatform(definition, { ipPlanLock, ipPlanLockName: 'ip.json', tenantStatesLock, tenantStatesLockName: 'states.json', frozen: true, record: false, today: EXAMPLE_TODAY });
    expect(plan.clusters.find((c) => c.name === prod.name)!.secretsEncryption).toEqual({ keyName: KEY });
    expect(plan.clusters.find((c) => c.name === dev.name)!.secretsEncryption).toBeUndefined();
  });
});

describe('cluster settings: refused with the place, the value and the fix', () => {
  test.each<[string, PlatformDefinition, string | RegExp]>([
    [
      'the key is in another region',
      withClusters({ secretsEncryption: { keyName: 'projects/drive-kms-prod/locations/us-west1/keyRings/gke/cryptoKeys/etcd' } }),
      'clusters[prod-usc1]: secretsEncryption.keyName "projects/drive-kms-prod/locations/us-west1/keyRings/gke/cryptoKeys/etcd" is in location us-west1, but the cluster is in us-central1: GKE encrypts Secrets only with a key of the cluster\'s own region; use a key of a key ring in us-central1',
    ],
    [
      'the key is not a key resource name',
      withClusters({ secretsEncryption: { keyName: 'etcd-key' } }),
      /clusters\[prod-usc1\]: secretsEncryption.keyName "etcd-key" is not a Cloud KMS crypto key resource name; use projects\/<project>\/locations\/us-central1\/keyRings/,
    ],
    [
      'a key is given as a platform default',
      { ...examplePlatform, clusterDefaults: { secretsEncryption: { keyName: KEY } } as never },
      /clusterDefaults: secretsEncryption \{.*\} is not a field of the definition here; set secretsEncryption on each cluster instead: a Cloud KMS key lives in one region, and GKE takes only a key of the cluster's own region/,
    ],
    [
      'the Binary Authorization mode is misspelt',
      withClusters({ binaryAuthorization: { evaluationMode: 'ENFORCE' as never } }),
      /clusters\[prod-usc1\]: binaryAuthorization.evaluationMode "ENFORCE" is not one of DISABLED, PROJECT_SINGLETON_POLICY_ENFORCE/,
    ],
    ['a platform default posture is misspelt', { ...examplePlatform, clusterDefaults: { securityPosture: { mode: 'basic' as never } } }, /clusterDefaults: securityPosture.mode "basic" is not one of DISABLED, BASIC, ENTERPRISE/],
    [
      'the window is under 4 hours',
      withClusters({ maintenance: { window: { startTime: '2025-01-01T01:00:00Z', endTime: '2025-01-01T03:00:00Z', recurrence: 'FREQ=DAILY' } } }),
      /clusters\[prod-usc1\]: maintenance.window.endTime "2025-01-01T03:00:00Z" is less than 4 hours after startTime/,
    ],
    [
      'a freeze is longer than GKE allows',
      withClusters({ maintenance: { exclusions: [{ ...freeze, endTime: '2027-02-01T00:00:00Z' }] } }),
      'clusters[prod-usc1]: maintenance.exclusions[year-end].endTime "2027-02-01T00:00:00Z" makes the NO_UPGRADES exclusion 43 days long, but GKE allows at most 30; end it within 30 days of startTime, or use scope "NO_MINOR_UPGRADES" (up to 180 days, patches still apply)',
    ],
    [
      'a platform freeze is reported once, at clusterDefaults',
      { ...examplePlatform, clusterDefaults: { maintenance: { exclusions: [{ ...freeze, scope: 'NO_PATCHES' as never }] } } },
      /^(?!.*clusters\[).*clusterDefaults: maintenance.exclusions\[year-end\].scope "NO_PATCHES" is not one of NO_UPGRADES, NO_MINOR_UPGRADES, NO_MINOR_OR_NODE_UPGRADES/s,
    ],
    [
      "the platform's freezes and the cluster's together exceed GKE's count",
      withClusters(
        { maintenance: { exclusions: [3, 4].map((m) => ({ name: `c${m}`, startTime: `2026-0${m}-01T00:00:00Z`, endTime: `2026-0${m}-03T00:00:00Z` })) } },
        { maintenance: { exclusions: [1, 2].map((m) => ({ name: `p${m}`, startTime: `2026-0${m}-01T00:00:00Z`, endTime: `2026-0${m}-03T00:00:00Z` })) } },
      ),
      'clusters[prod-usc1]: maintenance.exclusions (with clusterDefaults.maintenance.exclusions) ["p1","p2","c3","c4"] holds 4 NO_UPGRADES exclusions, but GKE takes at most 3 per cluster',
    ],
  ])('throws when %s', (_, definition, message) => {
    const run = () => assertPlatform(definition, { today: EXAMPLE_TODAY });
    if (typeof message === 'string') expect(run).toThrow(message);
    else expect(run).toThrow(message);
  });
});
