import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { examplePlatform } from '../../examples/drive-platform/platform';
import { estimateTenantIdentityResources } from '../../lib/domain/platform/tenant-states';
import { assertPlatform } from '../../lib/domain/platform/validate-platform';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { resourcePrerequisites, tenantCreatedResources, validateResourceProvisioning } from '../../lib/domain/tenancy/tenant-resources';
import type { ResourceRoleGrant, TenantSpec } from '../../lib/domain/tenancy/tenant-spec';
import { TenantIdentity } from '../../lib/tenancy/tenant-identity';
import { TenantResource } from '../../lib/tenancy/tenant-resource';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import { resourcesOf, synthExample } from '../stacks/example-synth';

const LABELS = { team: 'data', environment: 'prod', costCenter: 'cc-7' };
const tenant = (name: string, grants: ResourceRoleGrant[]): TenantSpec => ({
  name,
  groups: {},
  clusters: ['c'],
  labels: LABELS,
  workloadIdentities: [{ ksa: 'app', gsa: `${name}-app-sa`, projectRoles: [], resourceRoles: grants }],
});
const bucket = (name: string, provisioning?: 'create' | 'existing', extra: Partial<ResourceRoleGrant> = {}): ResourceRoleGrant => ({
  kind: 'storage-bucket',
  name,
  role: 'roles/storage.objectUser',
  ...(provisioning ? { provisioning } : {}),
  ...extra,
});

describe('who makes the resources a definition names', () => {
  test('throws (through assertPlatform) when a grant does not say, naming the tenant, identity, grant and the two choices', () => {
    const definition: PlatformDefinition = {
      ...examplePlatform,
      tenants: examplePlatform.tenants!.map((t) => (t.name === 'mapping' ? { ...t, workloadIdentities: [{ ...t.workloadIdentities![0], resourceRoles: [bucket('drive-mapping-tiles')] }] } : t)),
    };
    expect(() => assertPlatform(definition, { today: EXAMPLE_TODAY })).toThrow(
      "tenants[mapping].workloadIdentities[mapping-tile-builder].resourceRoles[0]: provisioning undefined is required: nothing says who makes the storage-bucket drive-mapping-tiles, so a fresh project would fail the grant with 404; set provisioning: 'create' (the platform creates it in the tenant's state) or 'existing' (a prerequisite `gke-platform plan --check` lists)",
    );
  });

  test.each<[string, { tenant: TenantSpec; project: string }[], string]>([
    [
      'a kind the platform does not create',
      [{ tenant: tenant('a', [{ kind: 'pubsub-subscription', name: 'jobs', role: 'roles/pubsub.subscriber', provisioning: 'create' }]), project: 'proj-a' }],
      'tenants[a].workloadIdentities[a-app-sa].resourceRoles[0]: provisioning "create" is not offered for pubsub-subscription (the platform creates storage-bucket, pubsub-topic, bigquery-dataset, secret); create the pubsub-subscription jobs elsewhere and set provisioning: \'existing\'',
    ],
    [
      'two tenants creating one bucket',
      [
        { tenant: tenant('a', [bucket('shared', 'create')]), project: 'proj-a' },
        { tenant: tenant('b', [bucket('shared', 'create', { project: 'proj-a' })]), project: 'proj-b' },
      ],
      'tenants[b].workloadIdentities[b-app-sa].resourceRoles[0]: provisioning "create" asks to create the storage-bucket shared, which tenant a creates already; let one tenant create it and declare it \'existing\' in the other',
    ],
    [
      'a creating tenant whose labels are not GCE label values',
      [{ tenant: { ...tenant('a', [bucket('x', 'create')]), labels: { ...LABELS, costCenter: 'CC 7' } }, project: 'proj-a' }],
      'tenants[a]: labels.costCenter "CC 7" is not a GCE label value (the resources the platform creates for the tenant carry it): lower-case letters, digits, "-" and "_", at most 63; use e.g. "cc-1101"',
    ],
  ])('refuses %s', (_, tenants, message) => {
    const issues = validateResourceProvisioning(tenants);
    expect(issues.map((i) => `${i.path}: ${i.field} ${JSON.stringify(i.value)} ${i.problem}; ${i.fix}`)).toEqual([message]);
  });

  test("created resources: once each, in the tenant's project, buckets and datasets in the default location unless they say", () => {
    const t = tenant('a', [
      bucket('x', 'create'),
      { ...bucket('x', 'create'), role: 'roles/storage.objectViewer' },
      bucket('y', 'create', { location: 'EU' }),
      { kind: 'pubsub-topic', name: 'events', role: 'roles/pubsub.publisher', provisioning: 'create' },
      bucket('z', 'existing'),
    ]);
    expect(tenantCreatedResources(t, 'proj-a', 'us-central1')).toEqual([
      { kind: 'storage-bucket', name: 'x', project: 'proj-a', location: 'us-central1' },
      { kind: 'storage-bucket', name: 'y', project: 'proj-a', location: 'EU' },
      { kind: 'pubsub-topic', name: 'events', project: 'proj-a' },
    ]);
  });

  test('prerequisites: the existing ones nobody creates, once each with every tenant naming them, sorted', () => {
    expect(
      resourcePrerequisites([
        { tenant: tenant('b', [bucket('lake', 'existing'), bucket('own', 'create')]), project: 'p' },
        { tenant: tenant('a', [bucket('lake', 'existing'), bucket('own', 'existing'), bucket('archive', 'existing')]), project: 'p' },
      ]),
    ).toEqual([
      { kind: 'storage-bucket', name: 'archive', project: 'p', tenants: ['a'] },
      { kind: 'storage-bucket', name: 'lake', project: 'p', tenants: ['a', 'b'] },
    ]);
  });
});

function stackWith(build: (stack: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), 'tenants');
  new GoogleProvider(stack, 'google', {});
  build(stack);
  return JSON.parse(Testing.synth(stack, true));
}

describe('TenantResource', () => {
  test("a bucket: uniform bucket-level access, public access prevention enforced, versioning, the tenant's labels", () => {
    const json = stackWith((s) => new TenantResource(s, 'R', { resource: { kind: 'storage-bucket', name: 'b1', project: 'proj-a', location: 'us-central1' }, tenant: 'a', labels: LABELS }));
    expect(Object.values(json.resource.google_storage_bucket)).toEqual([
      {
        name: 'b1',
        project: 'proj-a',
        location: 'us-central1',
        uniform_bucket_level_access: true,
        public_access_prevention: 'enforced',
        versioning: { enabled: true },
        labels: { tenant: 'a', team: 'data', environment: 'prod', 'cost-center': 'cc-7' },
      },
    ]);
  });

  test.each([
    ['pubsub-topic', 'google_pubsub_topic', { name: 'events', project: 'proj-a' }],
    ['bigquery-dataset', 'google_bigquery_dataset', { dataset_id: 'events', project: 'proj-a', location: 'US' }],
    ['secret', 'google_secret_manager_secret', { secret_id: 'events', project: 'proj-a', replication: { auto: {} } }],
  ] as const)("a %s, with the tenant's labels", (kind, type, expected) => {
    const json = stackWith((s) => new TenantResource(s, 'R', { resource: { kind, name: 'events', project: 'proj-a', location: 'US' }, tenant: 'a', labels: LABELS }));
    expect(Object.values(json.resource[type])).toEqual([{ ...expected, labels: { tenant: 'a', team: 'data', environment: 'prod', 'cost-center': 'cc-7' } }]);
  });

  test('throws when a bucket has no location', () => {
    expect(() => stackWith((s) => new TenantResource(s, 'R', { resource: { kind: 'storage-bucket', name: 'b1', project: 'proj-a' }, tenant: 'a', labels: LABELS }))).toThrow(
      "tenants/R: location undefined is required to create the storage-bucket b1; give the grant a location, e.g. 'us-central1' (or the tenant identity a defaultLocation)",
    );
  });
});

describe('TenantIdentity with created resources', () => {
  const t = tenant('a', [bucket('a-data', 'create'), bucket('lake', 'existing')]);
  const json = stackWith((s) => new TenantIdentity(s, 'a', { tenant: t, project: 'proj-a', defaultLocation: 'us-central1' }));

  test("creates the bucket in the tenant's state and grants on it by reference; the existing one by name", () => {
    expect(Object.keys(json.resource.google_storage_bucket)).toEqual([expect.stringMatching(/^a_Resource-storage-bucket-a-data_[0-9A-F]{8}$/)]);
    const [key] = Object.keys(json.resource.google_storage_bucket);
    expect((Object.values(json.resource.google_storage_bucket_iam_member) as any[]).map((m) => m.bucket).sort()).toEqual([`\${google_storage_bucket.${key}.name}`, 'lake']);
  });

  test('the state-size estimate counts the created resource', () => {
    const count = Object.values(json.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(count).toBe(estimateTenantIdentityResources(t));
  });

  test('the estimate holds for a tenant across projects: per-project identities, grants, viewers and created topics; a named-project bucket once', () => {
    const across: TenantSpec = {
      ...tenant('b', [{ kind: 'pubsub-topic', name: 'events', role: 'roles/pubsub.publisher', provisioning: 'create' }, bucket('b-data', 'create', { project: 'proj-a' })]),
      groups: { admin: 'b-admins@example.com', viewer: 'b-viewers@example.com' },
    };
    const multi = stackWith((s) => new TenantIdentity(s, 'b', { tenant: across, project: 'proj-a', additionalProjects: [{ project: 'proj-b' }, { project: 'proj-c' }], defaultLocation: 'us-central1', gkeSecurityGroup: 'groups/0abc' }));
    const count = Object.values(multi.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    expect(count).toBe(estimateTenantIdentityResources(across, 3));
    expect(Object.keys(multi.resource.google_storage_bucket)).toHaveLength(1);
  });
});

describe('the example', () => {
  const { json } = synthExample();

  test("the two buckets its tenants own are created in the tenants' state, in the cluster's region, with their labels", () => {
    const buckets = resourcesOf(json, 'google_storage_bucket').map(([stack, , b]) => [stack, b.name, b.project, b.location, b.labels.tenant, b.public_access_prevention, b.uniform_bucket_level_access]);
    expect(buckets.sort()).toEqual([
      ['drive-tenants', 'drive-mapping-tiles', 'drive-gke-prod', 'us-central1', 'mapping', 'enforced', true],
      ['drive-tenants', 'drive-ml-checkpoints', 'drive-gke-prod', 'us-central1', 'ml-training', 'enforced', true],
    ]);
  });
});
