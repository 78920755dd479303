import { PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { PlatformTenant } from '../../../lib/domain/platform/tenant-definition';
import { clusterNodePools } from '../../../lib/domain/platform/cluster-node-pools';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { clusterBlueGreenNodes, clusterSurgeNodes } from '../../../lib/domain/platform/platform-ip-plan';
import { DEFAULT_COMPANION_CPU_POOL } from '../../../lib/domain/platform/platform-defaults';
import { examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const tenant = (name: string): PlatformTenant => examplePlatform.tenants!.find((t) => t.name === name)!;
const withTenants = (...tenants: PlatformTenant[]): PlatformDefinition => ({ ...examplePlatform, tenants });
const prod = examplePlatform.clusters.find((c) => c.name === 'prod-usc1')!;

describe('platform tenants', () => {
  test('a dedicated-nodes tenant gets a tainted pool named tenant-<name> in each of its clusters', () => {
    const pools = clusterNodePools(examplePlatform, prod);
    expect(pools.map((p) => p.name)).toEqual(['services', 'batch-spot', 'gpu-l4', 'tenant-simulation', 'tenant-ml-training', 'tenant-ml-training-cpu']);
    expect(pools.find((p) => p.name === 'tenant-ml-training')).toMatchObject({ kind: 'gpu', tenant: 'ml-training', maxNodes: 32 });
  });

  test('a GPU tenant gets a companion CPU pool for its CPU-only pods: same tenant, no GPU, from zero', () => {
    expect(clusterNodePools(examplePlatform, prod).find((p) => p.name === 'tenant-ml-training-cpu')).toEqual({
      name: 'tenant-ml-training-cpu',
      kind: 'general',
      tenant: 'ml-training',
      machineType: 'n2-standard-8',
      minNodes: 0,
      maxNodes: 8,
    });
    const gpuTenant = (cpuPool?: false | { maxNodes: number }) => ({ tenants: [{ ...examplePlatform.tenants![3], dedicatedNodes: { kind: 'gpu' as const, maxNodes: 4, ...(cpuPool === undefined ? {} : { cpuPool }) } }] });
    expect(
      clusterNodePools(gpuTenant(), prod)
        .filter((p) => p.tenant)
        .map((p) => [p.name, p.machineType, p.minNodes, p.maxNodes]),
    ).toEqual([
      ['tenant-ml-training', undefined, undefined, 4],
      ['tenant-ml-training-cpu', DEFAULT_COMPANION_CPU_POOL.machineType, 0, DEFAULT_COMPANION_CPU_POOL.maxNodes],
    ]);
    expect(
      clusterNodePools(gpuTenant(false), prod)
        .filter((p) => p.tenant)
        .map((p) => p.name),
    ).toEqual(['tenant-ml-training']);
    expect(
      clusterNodePools({ tenants: [examplePlatform.tenants![2]] }, prod)
        .filter((p) => p.tenant)
        .map((p) => p.name),
    ).toEqual(['tenant-simulation']);
  });

  test('tenant pools count in the surge the IP plan sizes for', () => {
    // Five surge pools (services, batch-spot, gpu-l4, tenant-simulation, tenant-ml-training) in 3 zones; the blue-green
    // tenant-ml-training-cpu adds a second set of its nodes instead (clusterBlueGreenNodes).
    expect(clusterSurgeNodes(examplePlatform, prod)).toBe(5 * 3);
    expect(clusterBlueGreenNodes(examplePlatform, prod)).toBe(8);
  });

  test('accepts the example with every tenant', () => {
    expect(assertPlatform(examplePlatform, { today: EXAMPLE_TODAY }).expiredDeveloperNamespaces).toEqual([]);
  });

  test('reports a developer namespace inside its grace period', () => {
    const warnings = assertPlatform(examplePlatform, { today: '2027-04-05' });
    expect(warnings.expiredDeveloperNamespaces).toEqual([expect.objectContaining({ name: 'dev-carol', daysExpired: 5, daysUntilRejected: 9 })]);
  });

  test('a tenant across a prod and a dev project is accepted: its identities live in each project, the state with its first', () => {
    const routing = {
      ...tenant('routing'),
      clusters: ['prod-usc1', 'dev-usw1'],
      workloadIdentities: [{ ksa: 'api', gsa: 'routing-api', projectRoles: [], resourceRoles: [{ kind: 'pubsub-topic' as const, name: 'routes', role: 'roles/pubsub.publisher', provisioning: 'create' as const }] }],
    };
    expect(() => assertPlatform(withTenants(routing), { today: EXAMPLE_TODAY })).not.toThrow();
    // A bucket that names its project is created once, in that project.
    const bucket = { kind: 'storage-bucket' as const, name: 'drive-routing-cache', role: 'roles/storage.objectUser', provisioning: 'create' as const, project: 'drive-gke-prod' };
    expect(() => assertPlatform(withTenants({ ...routing, workloadIdentities: [{ ...routing.workloadIdentities[0], resourceRoles: [bucket] }] }), { today: EXAMPLE_TODAY })).not.toThrow();
  });

  test.each<[string, PlatformDefinition, string | RegExp]>([
    ['a dedicated-nodes tenant has no pool', withTenants({ ...tenant('simulation'), dedicatedNodes: undefined }), /tenants\[simulation\]: dedicatedNodes undefined is required when isolation is "dedicated-nodes"/],
    ['a shared tenant declares a pool', withTenants({ ...tenant('routing'), dedicatedNodes: { maxNodes: 3 } }), /tenants\[routing\]: dedicatedNodes .* is set but isolation is "shared"; set isolation: "dedicated-nodes"/],
    ['a dedicated-nodes tenant name makes too long a pool name', withTenants({ ...tenant('simulation'), name: 's'.repeat(34) }), /tenants\[s{34}\]: name "s{34}" makes the node pool name "tenant-s{34}", longer than GKE's 40 characters/],
    [
      'a GPU tenant name makes too long a companion CPU pool name',
      withTenants({ ...tenant('ml-training'), name: 'm'.repeat(30) }),
      /tenants\[m{30}\]: name "m{30}" makes the companion CPU pool name "tenant-m{30}-cpu", longer than GKE's 40 characters; use a tenant name of at most 29 characters, or set dedicatedNodes.cpuPool: false/,
    ],
    [
      "a tenant's container maximum exceeds its nodes",
      withTenants({ ...tenant('simulation'), limits: { maxCpu: '40' } }),
      /tenants\[simulation\]: limits.maxCpu "40" exceeds the largest container its nodes hold \(31 on n2-standard-32\), so such a pod never schedules; lower limits.maxCpu to 31/,
    ],
    ["a tenant's container maximum exceeds its quota", withTenants({ ...tenant('routing'), limits: { maxMemory: '256Gi' } }), /tenants\[routing\]: limits.maxMemory "256Gi" exceeds quota.limitsMemory "128Gi", so such a pod never starts/],
    [
      "a dedicated tenant's machine type has no known shape and no declared maximum",
      withTenants({ ...tenant('simulation'), dedicatedNodes: { kind: 'spot-batch', machineType: 'custom-8-32768', maxNodes: 10 } }),
      /tenants\[simulation\]: limits.maxCpu undefined cannot be derived: the machine types custom-8-32768 have no known shape; set limits.maxCpu and limits.maxMemory/,
    ],
    [
      'a tenant gets a project-wide data role on the project four tenants share',
      withTenants({ ...tenant('mapping'), dependencies: {}, workloadIdentities: [{ ksa: 'tile-builder', gsa: 'mapping-tile-builder', projectRoles: ['roles/storage.objectUser'] }] }, tenant('routing')),
      /tenants\[mapping\]: workloadIdentities\[0\].projectRoles\[0\] "roles\/storage.objectUser" is granted on all of project drive-gke-prod, which tenants routing share, so it reaches their resources too/,
    ],
    [
      'a tenant across projects would create one bucket in each (bucket names are global)',
      withTenants({
        ...tenant('routing'),
        clusters: ['prod-usc1', 'dev-usw1'],
        workloadIdentities: [{ ksa: 'api', gsa: 'routing-api', projectRoles: [], resourceRoles: [{ kind: 'storage-bucket', name: 'drive-routing-cache', role: 'roles/storage.objectUser', provisioning: 'create' }] }],
      }),
      "tenants[routing].workloadIdentities[routing-api].resourceRoles[0]: provisioning \"create\" asks to create the storage-bucket drive-routing-cache in each of the tenant's projects (drive-gke-prod, drive-gke-dev), but bucket names are global: the second would fail; name the project that holds it (project: 'drive-gke-prod'): the tenant's identities in every project get the grant on that one bucket",
    ],
    [
      'a tenant across projects holds a project role in a project it shares only there',
      withTenants(
        { ...tenant('routing'), clusters: ['payments-usc1', 'dev-usw1'], workloadIdentities: [{ ksa: 'api', gsa: 'routing-api', projectRoles: ['roles/cloudsql.client'] }] },
        { ...tenant('mapping'), dependencies: {}, clusters: ['dev-usw1'] },
      ),
      /tenants\[routing\]: workloadIdentities\[0\].projectRoles\[0\] "roles\/cloudsql.client" is granted on all of project drive-gke-dev, which tenants mapping share/,
    ],
    ['a tenant is on an unknown cluster', withTenants({ ...tenant('routing'), clusters: ['nope'] }), /tenants\[routing\].*nope/],
    ['a tenant depends on an unknown tenant', withTenants(tenant('mapping')), /tenants\[mapping\].*routing/],
    ['a dedicated cluster is shared', withTenants(tenant('payments'), { ...tenant('routing'), clusters: ['payments-usc1'] }), /is shared with routing, but isolation is "dedicated-cluster"/],
    ['the developer cluster is unknown', { ...examplePlatform, developerNamespaces: { cluster: 'nope', namespaces: [] } }, /developerNamespaces: cluster "nope" is not a declared cluster/],
    [
      'a developer namespace takes a tenant name',
      { ...examplePlatform, developerNamespaces: { cluster: 'prod-usc1', namespaces: [{ name: 'routing', owner: 'a@example.com' }] } },
      /developerNamespaces\[routing\]: name "routing" is declared twice/,
    ],
    ['a developer namespace expired beyond the grace period', examplePlatform, /developerNamespaces\[dev-carol\]: expires "2027-03-31" passed 30 days ago, beyond the 14-day grace period/],
  ])('throws when %s', (_, definition, message) => {
    expect(() => assertPlatform(definition, { today: '2027-04-30' })).toThrow(message);
  });
});
