/**
 * Host claims: a host is a tenant's when it equals or lies under one of its names, and no two tenants' names overlap,
 * so the admission policy can decide from the requesting tenant's names alone.
 */
import { validateHostClaims, validateHostNames, hostUnder } from '../../../lib/domain/tenancy/host-rules';
import { validateTenants } from '../../../lib/domain/tenancy/tenant-rules';

const tenant = (name: string, hosts: string[]) => ({ name, hosts });

describe('hostUnder', () => {
  test.each([
    ['maps.example.com', 'maps.example.com', true],
    ['api.maps.example.com', 'maps.example.com', true],
    ['*.maps.example.com', 'maps.example.com', true],
    ['*.api.maps.example.com', 'maps.example.com', true],
    ['*.example.com', 'maps.example.com', false],
    ['example.com', 'maps.example.com', false],
    ['evilmaps.example.com', 'maps.example.com', false],
    ['maps.example.com.evil.io', 'maps.example.com', false],
  ])('%s under %s: %s', (host, owned, expected) => {
    expect(hostUnder(host, owned)).toBe(expected);
  });
});

describe('host names in the definition', () => {
  test('disjoint names pass, also siblings and look-alikes', () => {
    expect(validateHostClaims([tenant('a', ['a.example.com']), tenant('b', ['b.example.com', 'evila.example.com']), tenant('c', [])])).toEqual([]);
  });

  test('throws when two tenants claim the same name: the later claim names the first owner', () => {
    expect(validateHostClaims([tenant('a', ['shop.example.com']), tenant('b', ['shop.example.com'])])).toEqual([
      { path: 'tenants[b]', field: 'hosts[0]', value: 'shop.example.com', problem: 'is also claimed by tenant "a": both could serve the same host', fix: 'give each tenant names of its own, e.g. "b.shop.example.com"' },
    ]);
  });

  test("a name under another tenant's name is refused, whichever is declared first", () => {
    const message = (issues: ReturnType<typeof validateHostClaims>) => issues.map((i) => `${i.path} ${i.field} ${i.value as string}: ${i.problem}`);
    expect(message(validateHostClaims([tenant('a', ['example.com']), tenant('b', ['api.shop.example.com'])]))).toEqual([
      'tenants[b] hosts[0] api.shop.example.com: lies under "example.com", which tenant "a" claims: that tenant could serve this host too',
    ]);
    expect(message(validateHostClaims([tenant('b', ['api.shop.example.com']), tenant('a', ['example.com'])]))).toEqual([
      'tenants[b] hosts[0] api.shop.example.com: lies under "example.com", which tenant "a" claims: that tenant could serve this host too',
    ]);
  });

  test('a tenant may nest its own names', () => {
    expect(validateHostClaims([tenant('a', ['example.com', 'api.example.com'])])).toEqual([]);
  });

  test.each([['*.example.com'], ['Example.com'], ['example.com.'], ['ex_ample.com'], ['']])('throws when a name is %j (not a lowercase DNS name without wildcard)', (host) => {
    expect(validateHostNames([host], 'tenants[a]')).toEqual([expect.objectContaining({ field: 'hosts[0]', value: host, fix: 'write the domain the tenant owns, e.g. "maps.example.com"' })]);
  });

  test('validateTenants reports overlaps with the tenant, the field and the fix', () => {
    const base = { groups: {}, clusters: ['c1'], labels: { team: 't', environment: 'prod', costCenter: 'cc' } };
    const issues = validateTenants(
      [
        { ...base, name: 'a', hosts: ['example.com'] },
        { ...base, name: 'b', hosts: ['b.example.com', 'b.example.com'] },
      ],
      { clusters: [{ name: 'c1', dataplaneV2: true }] },
    );
    expect(issues.map((i) => `${i.path} ${i.field}`)).toEqual(['tenants[b] hosts[1]', 'tenants[b] hosts[0]', 'tenants[b] hosts[1]']);
  });
});
