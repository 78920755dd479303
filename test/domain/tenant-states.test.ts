import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DEFAULT_MAX_RESOURCES_PER_STATE } from '../../lib/domain/platform/platform-defaults';
import { assignTenantStates, estimateTenantIdentityResources, moveTenantState, parseTenantStatesLock, serializeTenantStatesLock, TenantToPlace, tenantShardName, validateTerraformStates } from '../../lib/domain/platform/tenant-states';

const options = { platform: 'acme', frozen: false, lockFileName: 'tenant-states.lock.json', recordCommand: 'npx gke-platform plan --write' };
/** `count` tenants of `resources` each in `project`, named `<prefix>-<i>`. */
const tenants = (count: number, project = 'acme-gke-prod', resources = 10, prefix = 't'): TenantToPlace[] => Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}`, project, resources }));

describe('assignTenantStates', () => {
  test('fills a shard of the project to 80% of the limit, then opens the next', () => {
    // GIVEN 100 tenants of 10 resources, limit 500: 40 tenants (400 resources) per shard.
    const { states, newTenants } = assignTenantStates(tenants(100), undefined, options);
    const counts = Object.values(states).reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 'acme-tenants-acme-gke-prod-1': 40, 'acme-tenants-acme-gke-prod-2': 40, 'acme-tenants-acme-gke-prod-3': 20 });
    expect(newTenants).toHaveLength(100);
  });

  test('keeps tenants of different projects in different shards', () => {
    const { states } = assignTenantStates([...tenants(2, 'acme-gke-prod'), ...tenants(2, 'acme-payments', 10, 'p')], undefined, options);
    expect(states).toEqual({ 't-0': 'acme-tenants-acme-gke-prod-1', 't-1': 'acme-tenants-acme-gke-prod-1', 'p-0': 'acme-tenants-acme-payments-1', 'p-1': 'acme-tenants-acme-payments-1' });
  });

  test('honours a configured limit', () => {
    const { states } = assignTenantStates(tenants(10), undefined, { ...options, maxResources: 50 });
    // 80% of 50 = 40: four tenants of 10 per shard.
    expect(new Set(Object.values(states)).size).toBe(3);
  });

  test('never moves a recorded tenant when tenants are added, removed or reordered', () => {
    const first = assignTenantStates(tenants(100), undefined, options);
    const all = tenants(100);
    // Remove ten from the first shard, reverse the rest, add 30 new ones.
    const changed = [...tenants(30, 'acme-gke-prod', 10, 'new'), ...all.slice(10).reverse()];
    const second = assignTenantStates(changed, first.lock, options);
    for (const tenant of all.slice(10)) expect(second.states[tenant.name]).toBe(first.states[tenant.name]);
    expect(second.orphaned.map((o) => o.tenant)).toEqual(
      all
        .slice(0, 10)
        .map((t) => t.name)
        .sort(),
    );
    // New tenants fill the room the removed ones left in shard 1, then shard 3.
    expect(second.newTenants.slice(0, 10).every((t) => t.stack === 'acme-tenants-acme-gke-prod-1')).toBe(true);
    expect(second.newTenants.slice(10).every((t) => t.stack === 'acme-tenants-acme-gke-prod-3')).toBe(true);
    expect(Object.keys(second.lock.tenants)).toHaveLength(120);
  });

  test('gives no new tenant to a stack recorded by hand (the pre-sharding <platform>-tenants)', () => {
    const lock = { version: 1 as const, tenants: { 't-0': 'acme-tenants' } };
    const { states } = assignTenantStates(tenants(2), lock, options);
    expect(states).toEqual({ 't-0': 'acme-tenants', 't-1': 'acme-tenants-acme-gke-prod-1' });
  });

  test('places a tenant larger than the fill target alone in a new shard', () => {
    const { states } = assignTenantStates([...tenants(1), { name: 'big', project: 'acme-gke-prod', resources: 450 }], undefined, options);
    expect(states.big).toBe('acme-tenants-acme-gke-prod-2');
  });

  test('throws when frozen and a tenant is not recorded, naming the tenant, the file and the command', () => {
    const lock = { version: 1 as const, tenants: { 't-0': 'acme-tenants-acme-gke-prod-1' } };
    expect(() => assignTenantStates(tenants(2), lock, { ...options, frozen: true })).toThrow(
      'tenant-states.lock.json: tenant "t-1" has no recorded Terraform state, and the record is frozen (CI); run `npx gke-platform plan --write` and commit tenant-states.lock.json',
    );
  });

  test('a frozen record with every tenant recorded resolves as recorded', () => {
    const first = assignTenantStates(tenants(3), undefined, options);
    expect(assignTenantStates(tenants(3), first.lock, { ...options, frozen: true }).states).toEqual(first.states);
  });
});

describe('the tenant-states lock file', () => {
  test('serializes sorted by tenant, and parses back', () => {
    const text = serializeTenantStatesLock({ version: 1, tenants: { b: 'acme-tenants-x-1', a: 'acme-tenants-x-2' } });
    expect(Object.keys(JSON.parse(text).tenants)).toEqual(['a', 'b']);
    expect(parseTenantStatesLock(text, 'f.json').tenants).toEqual({ a: 'acme-tenants-x-2', b: 'acme-tenants-x-1' });
  });

  test.each([
    ['{ broken', 'f.json: contents "{ broken" is not valid JSON'],
    ['[]', 'f.json: contents [] is not a JSON object'],
    ['{"version":2,"tenants":{}}', 'f.json: version 2 is not 1; regenerate the file'],
    ['{"version":1,"tenants":[]}', 'f.json: tenants [] is not an object of tenant name to stack name'],
    ['{"version":1,"tenants":{"a":"Bad Name"}}', 'f.json#a: stack "Bad Name" is not a stack name'],
  ])('throws when the file is %s', (text, message) => {
    expect(() => parseTenantStatesLock(text, 'f.json')).toThrow(message);
  });
});

describe('moveTenantState', () => {
  const lock = { version: 1 as const, tenants: { 't-0': 'acme-tenants-acme-gke-prod-1', 't-1': 'acme-tenants-acme-gke-prod-1' } };
  const move = { platform: 'acme', source: 'tenant-states.lock.json' };

  test('records the tenant in the new state and leaves the others', () => {
    expect(moveTenantState(lock, 't-0', 'acme-tenants-acme-gke-prod-2', move).tenants).toEqual({ 't-0': 'acme-tenants-acme-gke-prod-2', 't-1': 'acme-tenants-acme-gke-prod-1' });
  });

  test('throws when the tenant is not recorded', () => {
    expect(() => moveTenantState(lock, 'nobody', 'acme-tenants-x', move)).toThrow('tenant-states.lock.json: tenant "nobody" is not recorded, so it has no state to move from; record it first with `plan --write`');
  });

  test('throws when the target is not a tenant stack of the platform', () => {
    expect(() => moveTenantState(lock, 't-0', 'acme-network', move)).toThrow('tenant-states.lock.json: to "acme-network" is not a tenant stack name (acme-tenants-<name>');
  });

  test('throws when the target is the current state', () => {
    expect(() => moveTenantState(lock, 't-0', 'acme-tenants-acme-gke-prod-1', move)).toThrow('to "acme-tenants-acme-gke-prod-1" is already the state of tenant t-0; name another stack');
  });
});

describe('estimateTenantIdentityResources', () => {
  test('counts per identity an account, its binding and its distinct roles, and two per distinct group', () => {
    expect(
      estimateTenantIdentityResources({
        groups: { admin: 'a@x.com', developer: 'd@x.com', viewer: 'a@x.com' },
        workloadIdentities: [{ ksa: 'api', gsa: 'api', projectRoles: ['roles/a', 'roles/b', 'roles/a'] }],
      }),
    ).toBe(2 + 2 + 2 * 2);
  });
});

describe('validateTerraformStates', () => {
  test('accepts no setting and a whole number of at least 50', () => {
    expect(validateTerraformStates({})).toEqual([]);
    expect(validateTerraformStates({ terraformStates: { maxResources: 50 } })).toEqual([]);
  });

  test.each([10, 99.5, -1])('throws when maxResources is %p', (value) => {
    expect(validateTerraformStates({ terraformStates: { maxResources: value } })).toEqual([
      { path: 'terraformStates', field: 'maxResources', value, problem: 'must be a whole number of at least 50', fix: `use ${DEFAULT_MAX_RESOURCES_PER_STATE} (the default) or another whole number` },
    ]);
  });
});

test('shard names follow <platform>-tenants-<project>-<n>', () => {
  expect(tenantShardName('acme', 'acme-gke-prod', 2)).toBe('acme-tenants-acme-gke-prod-2');
});

// Keeps fs imports used by file-based checks honest (the lock is read and written by loadPlatform; see load-platform tests).
test('a written lock is byte-stable', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tenant-states-')), 'tenant-states.lock.json');
  const text = serializeTenantStatesLock({ version: 1, tenants: { a: 'acme-tenants-x-1' } });
  writeFileSync(file, text);
  expect(serializeTenantStatesLock(parseTenantStatesLock(readFileSync(file, 'utf8'), file))).toBe(text);
});
