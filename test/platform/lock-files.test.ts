import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readLockFile, readTenantStatesLock, tenantStatesLockPath, writeLockFile, writeLockText, writeTenantStatesLock } from '../../lib/platform/lock-files';

const lock = { version: 1 as const, allocations: { 'b/pods': { cidr: '100.64.0.0/16', pool: 'pods' }, 'a/nodes': { cidr: '10.0.0.0/22', pool: 'nodes' } } };

describe('lock files on disk', () => {
  test('reads nothing when the IP plan lock does not exist, and writes what it reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    expect(readLockFile(join(dir, 'missing.json'))).toBeUndefined();
    writeLockFile(join(dir, 'ip.json'), lock);
    expect(readLockFile(join(dir, 'ip.json'))).toEqual(lock);
    expect(readFileSync(join(dir, 'ip.json'), 'utf8')).toContain('--release');
  });

  test('the tenant-states lock sits beside the IP plan lock and round-trips', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const path = tenantStatesLockPath(join(dir, 'ip-plan.lock.json'));
    expect(path).toBe(join(dir, 'tenant-states.lock.json'));
    expect(readTenantStatesLock(path)).toBeUndefined();
    writeTenantStatesLock(path, { version: 1, tenants: { b: 'p-tenants-x-1', a: 'p-tenants-x-2' } });
    expect(readTenantStatesLock(path)).toEqual({ version: 1, tenants: { a: 'p-tenants-x-2', b: 'p-tenants-x-1' } });
  });

  test('a write replaces the file whole and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    writeLockText(join(dir, 'x.json'), 'first\n');
    writeLockText(join(dir, 'x.json'), 'second\n');
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('second\n');
    expect(readdirSync(dir)).toEqual(['x.json']);
    expect(existsSync(join(dir, 'x.json.tmp'))).toBe(false);
  });
});
