import { tenantStatesLockPath } from '../../../lib/platform/lock-files';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadPlatform } from '../../../lib/platform/load-platform';
import { withDataCluster as exampleWithDataCluster } from './with-data-cluster';
import { examplePlatform, exampleLockFile } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

function scratchLock(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'platform-')), 'ip-plan.lock.json');
  copyFileSync(exampleLockFile, path);
  copyFileSync(tenantStatesLockPath(exampleLockFile), tenantStatesLockPath(path));
  return path;
}

const withDataCluster = exampleWithDataCluster(100);

describe('loadPlatform with the example', () => {
  test('resolves the committed lock file frozen, with nothing new', () => {
    const loaded = loadPlatform(examplePlatform, { lockFile: exampleLockFile, frozen: true, today: EXAMPLE_TODAY });
    expect(loaded.ipPlan.newAllocations).toEqual([]);
    expect(loaded.ipPlan.orphanedAllocations).toEqual([]);
    expect(loaded.clusterRanges.get('prod-usc1')?.pods).toBe('gcp/us-central1/prod-usc1/pods');
  });

  test('every cluster has the capacity it declares', () => {
    const loaded = loadPlatform(examplePlatform, { lockFile: exampleLockFile, frozen: true, today: EXAMPLE_TODAY });
    for (const capacity of loaded.ipPlan.gkeClusters) {
      expect(capacity.headroomNodes).toBeGreaterThanOrEqual(0);
      expect(capacity.nodeLimit).toBeGreaterThanOrEqual(capacity.maxNodes + capacity.surgeNodes);
    }
  });

  test('throws when frozen and the definition needs a new range, naming it and the command', () => {
    expect(() => loadPlatform(withDataCluster, { lockFile: scratchLock(), frozen: true, today: EXAMPLE_TODAY })).toThrow(
      /ip-plan.lock.json: allocations \["gcp\/us-west1\/data-usw1\/control-plane","gcp\/us-west1\/data-usw1\/nodes","gcp\/us-west1\/data-usw1\/pods","gcp\/us-west1\/data-usw1\/services"\] are requested but not recorded, and the IP plan is frozen \(CI=true or --check\); run `npm run ip-plan -- --write`/,
    );
  });

  test('records new ranges when not frozen, leaving recorded ones untouched', () => {
    const lockFile = scratchLock();
    const before = JSON.parse(readFileSync(lockFile, 'utf8')).allocations;
    const messages: string[] = [];
    const loaded = loadPlatform(withDataCluster, { lockFile, frozen: false, log: (m) => messages.push(m), today: EXAMPLE_TODAY });
    const after = JSON.parse(readFileSync(lockFile, 'utf8')).allocations;
    expect(loaded.recorded.map((a) => a.name)).toHaveLength(4);
    for (const [name, entry] of Object.entries(before)) expect(after[name]).toEqual(entry);
    expect(messages[0]).toMatch(/recorded 4 new range\(s\).*\n {2}\+ gcp\/us-west1\/data-usw1\/control-plane/);
  });

  test('keeps a removed cluster reserved and says how to release it', () => {
    const lockFile = scratchLock();
    const messages: string[] = [];
    const withoutDev = { ...examplePlatform, clusters: examplePlatform.clusters.filter((c) => c.name !== 'dev-usw1'), developerNamespaces: undefined };
    const loaded = loadPlatform(withoutDev, { lockFile, frozen: true, log: (m) => messages.push(m), today: EXAMPLE_TODAY });
    expect(loaded.ipPlan.orphanedAllocations.map((a) => a.name)).toContain('gcp/us-west1/dev-usw1/nodes');
    expect(messages.join('\n')).toMatch(/gcp\/us-west1\/dev-usw1\/nodes .* is recorded but no longer requested; it stays reserved until `npm run ip-plan -- --release gcp\/us-west1\/dev-usw1\/nodes`/);
  });

  test('throws before anything else when the definition is invalid', () => {
    const lockFile = scratchLock();
    writeFileSync(lockFile, '{ broken');
    expect(() => loadPlatform({ ...examplePlatform, name: 'BAD' }, { lockFile, today: EXAMPLE_TODAY })).toThrow(/platform: name "BAD"/);
  });
});
