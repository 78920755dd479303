import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseLockFile, readLockFile, releaseAllocations, serializeLockFile, writeLockFile } from '../../../lib/domain/ip-plan/lock-file';

const lock = { version: 1 as const, allocations: { 'b/pods': { cidr: '100.64.0.0/16', pool: 'pods' }, 'a/nodes': { cidr: '10.0.0.0/22', pool: 'nodes' } } };

describe('lock file', () => {
  test('round-trips through text with names sorted', () => {
    const text = serializeLockFile(lock);
    expect(text.indexOf('a/nodes')).toBeLessThan(text.indexOf('b/pods'));
    expect(text.endsWith('\n')).toBe(true);
    expect(parseLockFile(text, 'x.json')).toEqual(lock);
  });

  test('reads nothing when the file does not exist, and writes what it reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    expect(readLockFile(join(dir, 'missing.json'))).toBeUndefined();
    writeLockFile(join(dir, 'ip.json'), lock);
    expect(readLockFile(join(dir, 'ip.json'))).toEqual(lock);
    expect(readFileSync(join(dir, 'ip.json'), 'utf8')).toContain('--release');
  });

  test.each([
    ['{ not json', /x.json: contents .* is not valid JSON/],
    ['[]', /x.json: contents \[\] is not a JSON object/],
    ['{"version": 2, "allocations": {}}', /x.json: version 2 is not 1; regenerate/],
    ['{"version": 1}', /x.json: allocations undefined is not an object/],
    ['{"version": 1, "allocations": {"a": {"cidr": 5}}}', /x.json#a: entry .* is not of the form/],
  ])('throws when the file is corrupt: %s', (text, message) => {
    expect(() => parseLockFile(text, 'x.json')).toThrow(message);
  });

  test('release removes only the named ranges', () => {
    expect(Object.keys(releaseAllocations(lock, ['a/nodes']).allocations)).toEqual(['b/pods']);
  });

  test('throws when releasing a name that is not recorded', () => {
    expect(() => releaseAllocations(lock, ['c/nodes'], 'ip.json')).toThrow(/ip.json: release \["c\/nodes"\] names allocations that are not recorded; pick names from the lock file, e.g. a\/nodes, b\/pods/);
  });
});
