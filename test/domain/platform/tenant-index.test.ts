import { examplePlatform } from '../../../examples/drive-platform/platform';
import { PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { PlatformTenant } from '../../../lib/domain/platform/tenant-definition';
import { clusterNodePools } from '../../../lib/domain/platform/cluster-node-pools';
import { indexTenants } from '../../../lib/domain/platform/tenant-index';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { generatePlatform } from '../../../scripts/bench/generate-platform';

const prod = examplePlatform.clusters.find((c) => c.name === 'prod-usc1')!;

describe('indexTenants', () => {
  test.each<[string, PlatformDefinition]>([
    ['the bundled example', examplePlatform],
    ['a generated platform of 10 clusters and 400 tenants', generatePlatform({ clusters: 10, tenants: 400 })],
    ['a dedicated-nodes tenant on two clusters', { ...examplePlatform, tenants: examplePlatform.tenants!.map((t) => (t.name === 'simulation' ? { ...t, clusters: ['prod-usc1', 'dev-usw1'] } : t)) }],
  ])('gives every cluster the same pools as clusterNodePools, in the same order (%s)', (_, definition) => {
    const index = indexTenants(definition);
    for (const cluster of definition.clusters) expect(index.nodePools(cluster)).toEqual(clusterNodePools(definition, cluster));
    expect(definition.clusters.some((c) => index.nodePools(c).some((p) => p.tenant))).toBe(true);
  });

  test("computes a cluster's pools once and returns the same list after", () => {
    const index = indexTenants(examplePlatform);
    expect(index.nodePools(prod)).toBe(index.nodePools(prod));
  });

  test('gives a tenant that lists a cluster twice its pools once, as clusterNodePools does', () => {
    const simulation = examplePlatform.tenants!.find((t) => t.name === 'simulation')!;
    const definition = { ...examplePlatform, tenants: [{ ...simulation, clusters: ['prod-usc1', 'prod-usc1'] }] };
    expect(
      indexTenants(definition)
        .nodePools(prod)
        .map((p) => p.name),
    ).toEqual(clusterNodePools(definition, prod).map((p) => p.name));
    expect(
      indexTenants(definition)
        .nodePools(prod)
        .filter((p) => p.tenant)
        .map((p) => p.name),
    ).toEqual(['tenant-simulation']);
  });

  test('keeps the pools of two clusters declared with one name apart (a duplicate is reported, not merged)', () => {
    const twin = { ...prod, nodePools: [{ name: 'other', kind: 'general' as const, maxNodes: 3 }] };
    const definition = { ...examplePlatform, clusters: [...examplePlatform.clusters, twin] };
    const index = indexTenants(definition);
    expect(index.nodePools(twin)).toEqual(clusterNodePools(definition, twin));
    expect(index.nodePools(prod)).toEqual(clusterNodePools(definition, prod));
    expect(index.nodePools(twin)[0].name).toBe('other');
  });

  test('lists the tenants of a project by their first cluster, sorted by name', () => {
    const index = indexTenants(examplePlatform);
    const projectOf = new Map(examplePlatform.clusters.map((c) => [c.name, c.project]));
    const expected = examplePlatform
      .tenants!.filter((t) => projectOf.get(t.clusters[0]) === 'drive-gke-prod')
      .map((t) => t.name)
      .sort();
    expect(index.tenantsInProject('drive-gke-prod')).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1);
    expect(index.tenantsInProject('no-such-project')).toEqual([]);
  });
});

describe('the shared-project check on a large platform', () => {
  test('throws when a tenant gets a project-wide role on a project hundreds of tenants share, naming five and the count of the rest', () => {
    const definition = generatePlatform({ clusters: 10, tenants: 400 });
    const first = definition.tenants!.find((t) => t.isolation === 'shared')!;
    const granted: PlatformTenant = { ...first, workloadIdentities: [{ ksa: 'api', gsa: 'granted-api', projectRoles: ['roles/storage.objectUser'] }] };
    const projectOf = new Map(definition.clusters.map((c) => [c.name, c.project]));
    const project = projectOf.get(first.clusters[0])!;
    const others = definition
      .tenants!.filter((t) => t.name !== first.name && projectOf.get(t.clusters[0]) === project)
      .map((t) => t.name)
      .sort();
    expect(others.length).toBeGreaterThan(5);
    const tenants = definition.tenants!.map((t) => (t === first ? granted : t));
    expect(() => assertPlatform({ ...definition, tenants }, { today: '2026-01-01' })).toThrow(
      `tenants[${first.name}]: workloadIdentities[0].projectRoles[0] "roles/storage.objectUser" is granted on all of project ${project}, which tenants ${others.slice(0, 5).join(', ')} and ${others.length - 5} more share, so it reaches their resources too`,
    );
  });
});
