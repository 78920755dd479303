import { ValidationError } from '../../../lib/domain/validation-error';
import { defaultZones, GCP_REGION_ZONES, knownZones, similarRegions } from '../../../lib/domain/platform/gcp-regions';
import { clusterZones } from '../../../lib/domain/platform/platform-ip-plan';
import { PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { examplePlatform } from '../../../examples/drive-platform/platform';

const TODAY = '2026-11-21';
const dev = examplePlatform.clusters.find((c) => c.name === 'dev-usw1')!;
const withDev = (changes: Partial<typeof dev>, platform: Partial<PlatformDefinition> = {}): PlatformDefinition => ({
  ...examplePlatform,
  ...platform,
  clusters: examplePlatform.clusters.map((c) => (c.name === 'dev-usw1' ? { ...c, ...changes } : c)),
});

function issues(definition: PlatformDefinition): string[] {
  try {
    assertPlatform(definition, { today: TODAY });
    return [];
  } catch (error) {
    return (error as ValidationError).issues.map((i) => `${i.path}: ${i.field} ${JSON.stringify(i.value)} ${i.problem}; ${i.fix}`);
  }
}

describe('the region and zone list', () => {
  test('every listed region has at least three zones, each a single letter', () => {
    for (const [region, zones] of Object.entries(GCP_REGION_ZONES)) {
      expect(zones.length).toBeGreaterThanOrEqual(3);
      for (const zone of zones) expect(`${region}-${zone}`).toMatch(/^[a-z]+-[a-z]+[0-9]+-[a-z]$/);
    }
  });

  test('default zones are the first three listed: europe-west1 and us-east1 have no zone a', () => {
    expect(defaultZones('europe-west1')).toEqual(['europe-west1-b', 'europe-west1-c', 'europe-west1-d']);
    expect(defaultZones('us-east1')).toEqual(['us-east1-b', 'us-east1-c', 'us-east1-d']);
    expect(defaultZones('us-central1')).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c']);
    expect(clusterZones({ region: 'europe-west1' })).toEqual(['europe-west1-b', 'europe-west1-c', 'europe-west1-d']);
    expect(knownZones('us-central1')).toContain('us-central1-f');
  });

  test('suggests the nearest listed regions for a typo', () => {
    expect(similarRegions('us-centrall1')).toEqual(['us-central1']);
    expect(similarRegions('mars-north1')).toEqual([]);
  });
});

describe('assertPlatform: regions and zones', () => {
  test('the example passes', () => {
    expect(issues(examplePlatform)).toEqual([]);
  });

  test('throws when a region is not in the list, even when used consistently', () => {
    const typo = 'us-westt1';
    const definition: PlatformDefinition = {
      ...examplePlatform,
      regions: ['us-central1', typo],
      clusters: examplePlatform.clusters.map((c) => (c.region === 'us-west1' ? { ...c, region: typo } : c)),
      hybridLinks: [],
    };
    expect(issues(definition)).toEqual([`regions: region "us-westt1" is not a known Google Cloud region; did you mean us-west1? if it is a region newer than the library's list, add it to additionalRegions`]);
  });

  test('additionalRegions accepts a region newer than the list; its clusters must list zones', () => {
    const newRegion = 'europe-west99';
    const moved = (zones?: string[]) => ({
      ...examplePlatform,
      regions: ['us-central1', 'us-west1', newRegion],
      additionalRegions: [newRegion],
      clusters: examplePlatform.clusters.map((c) => (c.name === 'dev-usw1' ? { ...c, region: newRegion, zones } : c)),
    });
    expect(issues(moved(['europe-west99-a', 'europe-west99-b']))).toEqual([]);
    expect(issues(moved())).toEqual([`clusters[dev-usw1]: zones undefined must be listed for europe-west99, a region outside the library's list; list the zones, e.g. zones: ['europe-west99-a', 'europe-west99-b', 'europe-west99-c']`]);
  });

  test('throws when a zone does not exist in a listed region', () => {
    expect(issues(withDev({ zones: ['us-west1-a', 'us-west1-f'] }))).toEqual([`clusters[dev-usw1]: zones "us-west1-f" is not one of us-west1's zones; use zones from us-west1-a, us-west1-b, us-west1-c`]);
  });

  test('throws when a zone belongs to another region', () => {
    expect(issues(withDev({ zones: ['us-central1-a'] }))).toEqual([`clusters[dev-usw1]: zones "us-central1-a" is not a zone of the cluster's region us-west1; use zones such as us-west1-a`]);
  });

  test('throws when additionalRegions holds something that is not a region name', () => {
    expect(issues({ ...examplePlatform, additionalRegions: ['Mars'] })).toEqual([`platform: additionalRegions "Mars" is not a GCP region name; use a region name such as "us-central1"`]);
  });
});

describe('assertPlatform: the GitOps repository', () => {
  test('throws when the definition names no repository (no example default)', () => {
    const { gitOps: _omitted, ...rest } = examplePlatform;
    expect(issues(rest as PlatformDefinition)).toEqual([
      `platform: gitOps.repository.url undefined is required: every cluster syncs its manifests from this repository; add gitOps: { repository: { url: 'https://github.com/<org>/<manifests>.git' } } to the definition`,
    ]);
  });

  test('throws when the repository URL or root directory is malformed', () => {
    expect(issues({ ...examplePlatform, gitOps: { repository: { url: 'ftp://example.com/x' }, rootDirectory: '../up' } })).toEqual([
      'gitOps: repository.url "ftp://example.com/x" is not an https://, ssh:// or git@host: repository URL; give the clone URL of the repository holding the manifests',
      `gitOps: repository.auth "none" does not fit an SSH URL; use auth { type: 'ssh' } with a git-creds Secret, or an https:// URL`,
      'gitOps: rootDirectory "../up" must be a relative folder inside the repository; use a path such as dist/prod-usc1',
    ]);
  });
});
