import { DeveloperNamespaceSpec, TenantSpec, dependentsOf, resolveTenant } from '../../../lib/domain/tenancy/tenant-spec';
import { assertDeveloperNamespaces, assertTenants, validateDeveloperNamespaces, validateTenants, validateTenantSpec } from '../../../lib/domain/tenancy/tenant-rules';
import { ValidationError as ValidationErrorLike } from '../../../lib/domain/validation-error';
import { ALL_TENANTS, CLUSTERS, MINIMAL } from '../../tenancy/fixtures';

const messages = (spec: TenantSpec) => validateTenantSpec(spec).map((i) => `${i.path}: ${i.field} ${JSON.stringify(i.value)} ${i.problem}; ${i.fix}`);

describe('validateTenantSpec', () => {
  test('a minimal tenant and the example tenants are valid', () => {
    expect(validateTenantSpec(MINIMAL)).toEqual([]);
    for (const t of ALL_TENANTS) expect(validateTenantSpec(t)).toEqual([]);
  });

  test.each<[string, Partial<TenantSpec> | ((t: TenantSpec) => TenantSpec), RegExp]>([
    ['the name is not a DNS-1123 label', { name: 'Mapping_Team' }, /tenants\[Mapping_Team\]: name "Mapping_Team" is not a DNS-1123 label .*; rename the tenant/],
    ['the name is too long', { name: 'a'.repeat(64) }, /name "a{64}" is not a DNS-1123 label/],
    ['the name is a system namespace', { name: 'kube-system' }, /name "kube-system" is reserved for the system/],
    ['the name has a GKE prefix', { name: 'gke-tenant' }, /name "gke-tenant" is reserved for the system/],
    ['a group is not an e-mail', { groups: { admin: 'mapping-admins' } }, /groups.admin "mapping-admins" is not an e-mail address; use the Google Group's address, e.g. "minimal-admins@<your organization's domain>"$/],
    ['the viewer group is not an e-mail', { groups: { viewer: 'a@b' } }, /groups.viewer "a@b" is not an e-mail address/],
    ['no cluster is given', { clusters: [] }, /clusters \[\] is empty; list at least one cluster name/],
    ['pod security is privileged', { podSecurity: 'privileged' as never }, /podSecurity "privileged" is not allowed for a tenant \(only "restricted" or "baseline"\); use "baseline" at most/],
    ['isolation is unknown', { isolation: 'vm' as never }, /isolation "vm" is not one of shared, dedicated-nodes, dedicated-cluster/],
    ['a label value is invalid', { labels: { team: 'maps & tiles', environment: 'prod', costCenter: 'c' } }, /labels.team "maps & tiles" is not a non-empty Kubernetes label value \(.*\); set labels.team to e.g. "minimal"$/],
    ['a label value is empty', { labels: { team: 't', environment: '', costCenter: 'c' } }, /labels.environment "" is not a non-empty Kubernetes label value \(.*\); set labels.environment to e.g. "prod"$/],
    ['a quota quantity is malformed', { quota: { requestsCpu: 'four' } }, /quota.requestsCpu "four" is not a Kubernetes quantity; write e.g. "500m"/],
    ['a quota count is negative', { quota: { pods: -1 } }, /quota.pods -1 is not a non-negative integer/],
    ['a limit quantity is malformed', { limits: { maxMemory: '8GB' } }, /limits.maxMemory "8GB" is not a Kubernetes quantity/],
    ['the default CPU limit exceeds the CPU limits quota', { quota: { limitsCpu: '400m', requestsCpu: '200m' } }, /limits.defaultCpu "500m" exceeds quota.limitsCpu "400m"; lower limits.defaultCpu or raise quota.limitsCpu/],
    ['the default memory limit exceeds the memory limits quota', { quota: { limitsMemory: '256Mi', requestsMemory: '256Mi' } }, /limits.defaultMemory "512Mi" exceeds quota.limitsMemory "256Mi"/],
    ['the default CPU request exceeds the CPU requests quota', { quota: { requestsCpu: '50m' } }, /limits.defaultRequestCpu "100m" exceeds quota.requestsCpu "50m"; lower limits.defaultRequestCpu or raise quota.requestsCpu/],
    ['the default memory request exceeds the memory requests quota', { quota: { requestsMemory: '64Mi' } }, /limits.defaultRequestMemory "128Mi" exceeds quota.requestsMemory "64Mi"/],
    ['a default request exceeds the default limit', { limits: { defaultRequestCpu: '1', defaultCpu: '500m' } }, /limits.defaultRequestCpu "1" exceeds limits.defaultCpu "500m"; a default request must not exceed the default limit/],
    ['a default limit exceeds the max', { limits: { defaultMemory: '16Gi', maxMemory: '8Gi' }, quota: { limitsMemory: '32Gi' } }, /limits.defaultMemory "16Gi" exceeds limits.maxMemory "8Gi"/],
    ['quota requests exceed quota limits', { quota: { requestsCpu: '10', limitsCpu: '8' } }, /quota.requestsCpu "10" exceeds quota.limitsCpu "8"; requests cannot exceed limits/],
    ['the tenant depends on itself', { dependencies: { tenants: ['minimal'] } }, /dependencies.tenants "minimal" is the tenant itself/],
    ['an external CIDR is malformed', { dependencies: { external: [{ cidr: '10.0.0.0/33', ports: [{ port: 443 }] }] } }, /dependencies.external\[0\].cidr "10.0.0.0\/33" is not a valid IPv4 or IPv6 CIDR/],
    ['an external CIDR has host bits', { dependencies: { external: [{ cidr: '10.1.2.3/16', ports: [{ port: 443 }] }] } }, /dependencies.external\[0\].cidr "10.1.2.3\/16" has host bits set; use 10.1.0.0\/16/],
    ['an external CIDR lacks a prefix', { dependencies: { external: [{ cidr: '10.1.2.3', ports: [{ port: 443 }] }] } }, /cidr "10.1.2.3" is not a CIDR/],
    ['an external dependency has no ports', { dependencies: { external: [{ cidr: '10.0.0.0/8', ports: [] }] } }, /dependencies.external\[0\].ports \[\] is empty; list the ports/],
    ['a port is out of range', { dependencies: { external: [{ cidr: '10.0.0.0/8', ports: [{ port: 70000 }] }] } }, /dependencies.external\[0\].ports\[0\].port 70000 is not a port number \(1-65535\)/],
    ['a protocol is unknown', { dependencies: { external: [{ cidr: '10.0.0.0/8', ports: [{ port: 1, protocol: 'ICMP' as never }] }] } }, /ports\[0\].protocol "ICMP" is not one of TCP, UDP, SCTP/],
    ['an ingress namespace is invalid', { ingressSources: [{ namespace: 'Gateway' }] }, /ingressSources\[0\].namespace "Gateway" is not a DNS-1123 label/],
    ['an ingress CIDR is invalid', { ingressSources: [{ cidr: '35.191.0.0' }] }, /ingressSources\[0\].cidr "35.191.0.0" is not a CIDR/],
    ['a KSA name is invalid', { workloadIdentities: [{ ksa: 'API', gsa: 'minimal-api', projectRoles: [] }] }, /workloadIdentities\[0\].ksa "API" is not a DNS-1123 label/],
    ['a KSA name is reserved', { workloadIdentities: [{ ksa: 'deployer', gsa: 'minimal-api', projectRoles: [] }] }, /workloadIdentities\[0\].ksa "deployer" is reserved by the namespace bundle/],
    [
      'a KSA is declared twice',
      {
        workloadIdentities: [
          { ksa: 'api', gsa: 'minimal-api', projectRoles: [] },
          { ksa: 'api', gsa: 'minimal-api2', projectRoles: [] },
        ],
      },
      /workloadIdentities\[1\].ksa "api" is declared twice/,
    ],
    [
      'a GSA is declared twice',
      {
        workloadIdentities: [
          { ksa: 'a', gsa: 'minimal-api', projectRoles: [] },
          { ksa: 'b', gsa: 'minimal-api', projectRoles: [] },
        ],
      },
      /workloadIdentities\[1\].gsa "minimal-api" is declared twice/,
    ],
    ['a GSA id is too short', { workloadIdentities: [{ ksa: 'api', gsa: 'api', projectRoles: [] }] }, /workloadIdentities\[0\].gsa "api" is not a Google service account id \(6-30 characters.*\); shorten or rename it, e.g. "minimal-api"$/],
    ['a GSA id is too long', { workloadIdentities: [{ ksa: 'api', gsa: 'a'.repeat(31), projectRoles: [] }] }, /gsa "a{31}" is not a Google service account id/],
    ['a GSA id starts with a digit', { workloadIdentities: [{ ksa: 'api', gsa: '1minimal', projectRoles: [] }] }, /gsa "1minimal" is not a Google service account id/],
    [
      'a resource grant has an unknown kind',
      { workloadIdentities: [{ ksa: 'api', gsa: 'minimal-api', projectRoles: [], resourceRoles: [{ kind: 'bucket' as any, name: 'b', role: 'roles/storage.objectViewer' }] }] },
      /workloadIdentities\[0\].resourceRoles\[0\].kind "bucket" is not one of storage-bucket, pubsub-topic/,
    ],
    [
      'a resource grant has a malformed role',
      { workloadIdentities: [{ ksa: 'api', gsa: 'minimal-api', projectRoles: [], resourceRoles: [{ kind: 'storage-bucket', name: 'b', role: 'objectViewer' }] }] },
      /workloadIdentities\[0\].resourceRoles\[0\].role "objectViewer" is not an IAM role name/,
    ],
    [
      'a repository grant has no location',
      { workloadIdentities: [{ ksa: 'api', gsa: 'minimal-api', projectRoles: [], resourceRoles: [{ kind: 'artifact-registry-repository', name: 'images', role: 'roles/artifactregistry.reader' }] }] },
      /resourceRoles\[0\].location undefined is required for an Artifact Registry repository/,
    ],
    [
      'an opt-in names a role that is not granted',
      { workloadIdentities: [{ ksa: 'api', gsa: 'minimal-api', projectRoles: [], sharedProjectOptIns: [{ role: 'roles/viewer', reason: 'needed for the console' }] }] },
      /sharedProjectOptIns\[0\].role "roles\/viewer" is not one of the identity's projectRoles/,
    ],
    [
      'an opt-in gives no reason',
      { workloadIdentities: [{ ksa: 'api', gsa: 'minimal-api', projectRoles: ['roles/viewer'], sharedProjectOptIns: [{ role: 'roles/viewer', reason: '' }] }] },
      /sharedProjectOptIns\[0\].reason "" does not say why/,
    ],
    [
      'a project role is malformed',
      { workloadIdentities: [{ ksa: 'api', gsa: 'minimal-api', projectRoles: ['storage.admin'] }] },
      /workloadIdentities\[0\].projectRoles\[0\] "storage.admin" is not an IAM role name; use "roles\/<service>.<role>"/,
    ],
  ])('throws when %s', (_, change, expected) => {
    // GIVEN a minimal tenant with one bad field
    const spec = typeof change === 'function' ? change(MINIMAL) : { ...MINIMAL, ...change };
    // WHEN / THEN
    expect(messages(spec).join('\n')).toMatch(expected);
    expect(() => assertTenants([spec], { clusters: CLUSTERS })).toThrow(expected);
  });

  test.each([
    ['6 chars', 'abcdef'],
    ['30 chars', 'a'.repeat(29) + '1'],
    ['hyphens', 'mapping-tiles-2'],
  ])('accepts a GSA id of %s', (_, gsa) => {
    expect(validateTenantSpec({ ...MINIMAL, workloadIdentities: [{ ksa: 'api', gsa, projectRoles: ['roles/viewer', 'projects/my-project/roles/custom.reader'] }] })).toEqual([]);
  });

  test('accepts IPv6 CIDRs', () => {
    expect(validateTenantSpec({ ...MINIMAL, dependencies: { external: [{ cidr: '2001:db8::/32', ports: [{ port: 443 }] }] } })).toEqual([]);
  });
});

describe('assertTenants', () => {
  test('the example tenants are valid on the example clusters', () => {
    expect(validateTenants(ALL_TENANTS, { clusters: CLUSTERS })).toEqual([]);
  });

  test.each<[string, TenantSpec[], RegExp]>([
    ['a dependency is unknown', [{ ...MINIMAL, dependencies: { tenants: ['billing'] } }], /tenants\[minimal\]: dependencies.tenants "billing" is not a declared tenant; declare tenant "billing" or remove the dependency \(known: minimal\)/],
    ['a tenant is on an unknown cluster', [{ ...MINIMAL, clusters: ['prod-euw1'] }], /tenants\[minimal\]: clusters "prod-euw1" is not a declared cluster; use one of dev-usc1, payments-usc1, prod-usc1/],
    ['two tenants share a namespace', [MINIMAL, { ...MINIMAL }], /tenants\[minimal\]: name "minimal" is declared twice \(namespaces must be unique\)/],
    [
      'a dedicated-nodes tenant is on a cluster without network policy enforcement',
      [{ ...MINIMAL, clusters: ['dev-usc1'], isolation: 'dedicated-nodes' }],
      /tenants\[minimal\]: isolation "dedicated-nodes" needs network policy enforcement, but cluster "dev-usc1" has neither Dataplane V2 nor network policy enabled; enable Dataplane V2 on cluster "dev-usc1"/,
    ],
    [
      'a dedicated-cluster tenant shares its cluster',
      [
        { ...MINIMAL, isolation: 'dedicated-cluster' },
        { ...MINIMAL, name: 'other' },
      ],
      /tenants\[minimal\]: clusters "prod-usc1" is shared with other, but isolation is "dedicated-cluster"/,
    ],
    [
      'two tenants use the same GSA id',
      [
        { ...MINIMAL, workloadIdentities: [{ ksa: 'a', gsa: 'shared-gsa', projectRoles: [] }] },
        { ...MINIMAL, name: 'other', workloadIdentities: [{ ksa: 'a', gsa: 'shared-gsa', projectRoles: [] }] },
      ],
      /tenants\[other\]: workloadIdentities.gsa "shared-gsa" is also used by tenant "minimal"/,
    ],
  ])('throws when %s', (_, tenants, expected) => {
    expect(() => assertTenants(tenants, { clusters: CLUSTERS })).toThrow(expected);
  });

  test('accepts a dedicated-nodes tenant on a cluster with Calico network policy', () => {
    expect(() => assertTenants([{ ...MINIMAL, clusters: ['calico'], isolation: 'dedicated-nodes' }], { clusters: [{ name: 'calico', networkPolicy: true }] })).not.toThrow();
  });

  test('collects every issue into one error', () => {
    let error: ValidationErrorLike | undefined;
    try {
      assertTenants([{ ...MINIMAL, name: 'Bad', clusters: ['nowhere'], groups: { admin: 'x' } }], { clusters: CLUSTERS });
    } catch (e) {
      error = e as ValidationErrorLike;
    }
    expect(error?.name).toBe('ValidationError');
    expect(error?.issues.map((i) => i.field)).toEqual(['name', 'groups.admin', 'clusters']);
    expect(error?.message).toMatch(/^3 validation errors:/);
  });
});

describe('resolveTenant and dependentsOf', () => {
  test('fills documented defaults', () => {
    const t = resolveTenant(MINIMAL);
    expect(t.podSecurity).toBe('restricted');
    expect(t.isolation).toBe('shared');
    expect(t.quota).toEqual({ requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', requestsStorage: '100Gi', pods: 100, loadBalancers: 0, persistentVolumeClaims: 20, gpus: 0 });
    expect(t.hosts).toEqual([]);
    expect(t.limits).toEqual({ defaultCpu: '500m', defaultMemory: '512Mi', defaultRequestCpu: '100m', defaultRequestMemory: '128Mi', maxCpu: '4', maxMemory: '8Gi' });
  });

  test('keeps given quota fields and defaults the rest', () => {
    expect(resolveTenant({ ...MINIMAL, quota: { pods: 5, requestsCpu: undefined } }).quota).toMatchObject({ pods: 5, requestsCpu: '4' });
  });

  test('lists the tenants that depend on one, sorted', () => {
    expect(dependentsOf('mapping', ALL_TENANTS)).toEqual(['simulation']);
    expect(dependentsOf('routing', ALL_TENANTS)).toEqual(['mapping']);
    expect(dependentsOf('payments', ALL_TENANTS)).toEqual([]);
  });
});

describe('developer namespaces', () => {
  const alice: DeveloperNamespaceSpec = { name: 'dev-alice', owner: 'alice@example.com', expires: '2025-03-01' };

  test.each([
    ['before expiry', '2025-02-28', 0],
    ['on the expiry day', '2025-03-01', 0],
    ['a day after expiry', '2025-03-02', 1],
    ['on the last day of grace', '2025-03-15', 1],
  ])('%s the namespace is accepted (%s) and reported when expired', (_, today, reported) => {
    const result = validateDeveloperNamespaces([alice], { today });
    expect(result.issues).toEqual([]);
    expect(result.expired).toHaveLength(reported);
  });

  test('reports days expired and days until rejection', () => {
    expect(assertDeveloperNamespaces([alice], { today: '2025-03-05' })).toEqual([{ name: 'dev-alice', owner: 'alice@example.com', expires: '2025-03-01', daysExpired: 4, daysUntilRejected: 10 }]);
  });

  test('takes a Date for today and honours a custom grace period', () => {
    expect(() => assertDeveloperNamespaces([alice], { today: new Date(Date.UTC(2025, 2, 5, 13)), gracePeriodDays: 3 })).toThrow(/passed 4 days ago, beyond the 3-day grace period/);
  });

  test('never expires without a date', () => {
    expect(assertDeveloperNamespaces([{ name: 'dev-bob', owner: 'bob@example.com' }], { today: '2099-01-01' })).toEqual([]);
  });

  test.each<[string, DeveloperNamespaceSpec[], string | undefined, RegExp]>([
    ['expired beyond the grace period', [alice], undefined, /developerNamespaces\[dev-alice\]: expires "2025-03-01" passed 15 days ago, beyond the 14-day grace period; remove the entry/],
    ['the expiry is not a date', [{ ...alice, expires: '2025-02-30' }], undefined, /expires "2025-02-30" is not a YYYY-MM-DD date/],
    ['the expiry is in another format', [{ ...alice, expires: '01/03/2025' }], undefined, /expires "01\/03\/2025" is not a YYYY-MM-DD date/],
    ['the owner is not an e-mail', [{ ...alice, owner: 'alice' }], undefined, /owner "alice" is not an e-mail address/],
    ['the name is not a DNS-1123 label', [{ ...alice, name: 'Dev.Alice' }], undefined, /name "Dev.Alice" is not a DNS-1123 label/],
    ['a name is declared twice', [alice, alice], undefined, /name "dev-alice" is declared twice/],
    ['a name is taken by a tenant', [{ ...alice, name: 'mapping' }], 'mapping', /developerNamespaces\[mapping\]: name "mapping" is declared twice/],
  ])('throws when %s', (_, specs, taken, expected) => {
    expect(() => assertDeveloperNamespaces(specs, { today: '2025-03-16', takenNamespaces: taken ? [taken] : [] })).toThrow(expected);
  });

  test('throws when today is malformed', () => {
    expect(() => validateDeveloperNamespaces([alice], { today: 'yesterday' })).toThrow(/today "yesterday" is not a YYYY-MM-DD date/);
  });
});
