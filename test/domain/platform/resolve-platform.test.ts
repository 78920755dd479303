import { readFileSync } from 'fs';
import { join } from 'path';
import { resolvePlatform } from '../../../lib/domain/platform/resolve-platform';
import { withDataCluster as exampleWithDataCluster } from './with-data-cluster';
import { exampleLockFile, examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const ipPlanLock = readFileSync(exampleLockFile, 'utf8');
const tenantStatesLock = readFileSync(join(exampleLockFile, '..', 'tenant-states.lock.json'), 'utf8');
const input = { ipPlanLock, ipPlanLockName: 'ip.json', tenantStatesLock, tenantStatesLockName: 'states.json', frozen: false, record: true, today: EXAMPLE_TODAY };

const withDataCluster = exampleWithDataCluster(100);

describe('resolvePlatform: lock contents in, plan, new lock contents and notices out', () => {
  test('with the committed locks there is nothing to write and nothing to say', () => {
    const resolved = resolvePlatform(examplePlatform, input);
    expect(resolved.ipPlanLockToWrite).toBeUndefined();
    expect(resolved.tenantStatesLockToWrite).toBeUndefined();
    expect(resolved.notices).toEqual([]);
    expect(resolved.tenantStatesFile).toBe('states.json');
  });

  test('new ranges come back as the lock text to write, with a notice naming the file', () => {
    const resolved = resolvePlatform(withDataCluster, input);
    const written = JSON.parse(resolved.ipPlanLockToWrite!).allocations;
    expect(Object.keys(written)).toEqual(expect.arrayContaining(['gcp/us-west1/data-usw1/pods']));
    for (const [name, entry] of Object.entries(JSON.parse(ipPlanLock).allocations)) expect(written[name]).toEqual(entry);
    expect(resolved.notices[0]).toMatch(/^ip-plan: recorded 4 new range\(s\) in ip.json; review and commit it/);
  });

  test('not recording: the plan resolves but nothing is returned to write', () => {
    const resolved = resolvePlatform(withDataCluster, { ...input, record: false });
    expect(resolved.ipPlanLockToWrite).toBeUndefined();
    expect(resolved.recorded).toEqual([]);
    expect(resolved.ipPlan.newAllocations).toHaveLength(4);
  });

  test('no tenant-states lock yet: every tenant is placed and the new record returned', () => {
    const resolved = resolvePlatform(examplePlatform, { ...input, tenantStatesLock: undefined });
    expect(Object.keys(JSON.parse(resolved.tenantStatesLockToWrite!).tenants).sort()).toEqual((examplePlatform.tenants ?? []).map((t) => t.name).sort());
    expect(resolved.notices.join('\n')).toMatch(/^tenant states: recorded states.json; review and commit it/m);
  });

  test('throws when frozen and a range is missing, naming the lock by the name it was given', () => {
    expect(() => resolvePlatform(withDataCluster, { ...input, frozen: true })).toThrow(/ip.json: allocations \[.*\] are requested but not recorded, and the IP plan is frozen/);
  });

  test('throws when the lock text is corrupt, naming the lock', () => {
    expect(() => resolvePlatform(examplePlatform, { ...input, ipPlanLock: '{ broken' })).toThrow(/ip.json: contents .* is not valid JSON/);
    expect(() => resolvePlatform(examplePlatform, { ...input, tenantStatesLock: '[]' })).toThrow(/states.json: contents \[\] is not a JSON object/);
  });
});
