import { parseLockFile, releaseAllocations, serializeLockFile } from '../../../lib/domain/ip-plan/lock-file';

const lock = { version: 1 as const, allocations: { 'b/pods': { cidr: '100.64.0.0/16', pool: 'pods' }, 'a/nodes': { cidr: '10.0.0.0/22', pool: 'nodes' } } };

describe('lock file', () => {
  test('round-trips through text with names sorted', () => {
    const text = serializeLockFile(lock);
    expect(text.indexOf('a/nodes')).toBeLessThan(text.indexOf('b/pods'));
    expect(text.endsWith('\n')).toBe(true);
    expect(parseLockFile(text, 'x.json')).toEqual(lock);
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
