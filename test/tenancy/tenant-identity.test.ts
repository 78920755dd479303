import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { TenantIdentity, TenantIdentityProps } from '../../lib/tenancy/tenant-identity';
import { MAPPING, MINIMAL } from './fixtures';

function newStack(id: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new GoogleProvider(stack, 'google', { project: 'prod-project' });
  return stack;
}

function build(props: Partial<TenantIdentityProps> = {}): { stack: TerraformStack; identity: TenantIdentity } {
  const stack = newStack('tenants');
  const identity = new TenantIdentity(stack, 'mapping', { tenant: MAPPING, project: 'prod-project', ...props });
  return { stack, identity };
}
const resources = (stack: TerraformStack, type: string): any[] => Object.values(JSON.parse(Testing.synth(stack, true)).resource[type] ?? {});

describe('TenantIdentity', () => {
  test('snapshot', () => {
    expect(Testing.synth(build({ gkeSecurityGroup: 'groups/01abcd2efgh3ijk' }).stack)).toMatchSnapshot();
  });

  test('creates a Google service account per Workload Identity', () => {
    expect(resources(build().stack, 'google_service_account')).toEqual([
      { project: 'prod-project', account_id: 'mapping-tiles', display_name: 'mapping/tiles', description: 'Workload Identity of Kubernetes service account mapping/tiles (tenant mapping)' },
    ]);
  });

  test('lets only the namespaced KSA use the GSA through roles/iam.workloadIdentityUser', () => {
    const [binding] = resources(build().stack, 'google_service_account_iam_member');
    expect(binding.role).toBe('roles/iam.workloadIdentityUser');
    expect(binding.member).toBe('serviceAccount:prod-project.svc.id.goog[mapping/tiles]');
    expect(binding.service_account_id).toMatch(/^\$\{google_service_account\.mapping_mapping-tiles_[A-Z0-9]+\.name\}$/);
  });

  test('honours a custom namespace and workload pool', () => {
    const [binding] = resources(build({ namespace: 'maps', workloadPool: 'fleet-host.svc.id.goog' }).stack, 'google_service_account_iam_member');
    expect(binding.member).toBe('serviceAccount:fleet-host.svc.id.goog[maps/tiles]');
  });

  test('grants the project roles to the GSA member', () => {
    const roles = resources(build().stack, 'google_project_iam_member').filter((m) => !m.member.startsWith('group:'));
    expect(roles.map((r) => r.role).sort()).toEqual(['roles/pubsub.subscriber', 'roles/storage.objectViewer']);
    for (const r of roles) {
      expect(r.project).toBe('prod-project');
      expect(r.member).toMatch(/^\$\{google_service_account\.mapping_mapping-tiles_[A-Z0-9]+\.member\}$/);
    }
  });

  test('grants roles/container.clusterViewer (never container.developer) to each tenant group', () => {
    const viewers = resources(build().stack, 'google_project_iam_member').filter((m) => m.member.startsWith('group:'));
    expect(viewers).toEqual([
      { project: 'prod-project', role: 'roles/container.clusterViewer', member: 'group:mapping-admins@example.com' },
      { project: 'prod-project', role: 'roles/container.clusterViewer', member: 'group:mapping-devs@example.com' },
      { project: 'prod-project', role: 'roles/container.clusterViewer', member: 'group:mapping-viewers@example.com' },
    ]);
    const all = resources(build().stack, 'google_project_iam_member');
    expect(all.some((m) => m.role === 'roles/container.developer')).toBe(false);
  });

  test('grants a group used for two roles once', () => {
    const stack = newStack('s');
    new TenantIdentity(stack, 't', { tenant: { ...MINIMAL, groups: { admin: 'team@example.com', developer: 'team@example.com' } }, project: 'prod-project' });
    expect(resources(stack, 'google_project_iam_member')).toHaveLength(1);
  });

  test('adds no gke-security-groups memberships by default', () => {
    expect(resources(build().stack, 'google_cloud_identity_group_membership')).toEqual([]);
  });

  test('adds each tenant group to gke-security-groups when its resource name is given', () => {
    const memberships = resources(build({ gkeSecurityGroup: 'groups/01abcd2efgh3ijk' }).stack, 'google_cloud_identity_group_membership');
    expect(memberships.map((m) => m.preferred_member_key.id)).toEqual(['mapping-admins@example.com', 'mapping-devs@example.com', 'mapping-viewers@example.com']);
    for (const m of memberships) {
      expect(m.group).toBe('groups/01abcd2efgh3ijk');
      expect(m.roles).toEqual([{ name: 'MEMBER' }]);
    }
  });

  test('exposes the resources keyed by user-given names', () => {
    const { identity } = build();
    expect(Object.keys(identity.workloadIdentities)).toEqual(['mapping-tiles']);
    expect(identity.workloadIdentities['mapping-tiles'].serviceAccount.node.path).toBe('tenants/mapping/mapping-tiles/Resource');
    expect(Object.keys(identity.workloadIdentities['mapping-tiles'].projectRoles)).toEqual(['roles/storage.objectViewer', 'roles/pubsub.subscriber']);
    expect(Object.keys(identity.clusterViewers)).toEqual(['mapping-admins@example.com', 'mapping-devs@example.com', 'mapping-viewers@example.com']);
  });

  test('grants roles on named resources: buckets, topics, subscriptions, secrets, datasets, repositories', () => {
    const tenant = {
      ...MINIMAL,
      workloadIdentities: [
        {
          ksa: 'api',
          gsa: 'minimal-api',
          projectRoles: [],
          resourceRoles: [
            { kind: 'storage-bucket' as const, name: 'tiles', role: 'roles/storage.objectUser' },
            { kind: 'pubsub-topic' as const, name: 'events', role: 'roles/pubsub.publisher' },
            { kind: 'pubsub-subscription' as const, name: 'jobs', role: 'roles/pubsub.subscriber', project: 'data-project' },
            { kind: 'secret' as const, name: 'db-password', role: 'roles/secretmanager.secretAccessor' },
            { kind: 'bigquery-dataset' as const, name: 'analytics', role: 'roles/bigquery.dataViewer' },
            { kind: 'artifact-registry-repository' as const, name: 'images', role: 'roles/artifactregistry.reader', location: 'us-central1' },
          ],
        },
      ],
    };
    const { stack, identity } = build({ tenant, projectSharedWith: ['routing'] });
    const member = expect.stringMatching(/^\$\{google_service_account\.mapping_minimal-api_[A-Z0-9]+\.member\}$/);
    expect(resources(stack, 'google_storage_bucket_iam_member')).toEqual([{ bucket: 'tiles', role: 'roles/storage.objectUser', member }]);
    expect(resources(stack, 'google_pubsub_topic_iam_member')).toEqual([{ project: 'prod-project', topic: 'events', role: 'roles/pubsub.publisher', member }]);
    expect(resources(stack, 'google_pubsub_subscription_iam_member')).toEqual([{ project: 'data-project', subscription: 'jobs', role: 'roles/pubsub.subscriber', member }]);
    expect(resources(stack, 'google_secret_manager_secret_iam_member')).toEqual([{ project: 'prod-project', secret_id: 'db-password', role: 'roles/secretmanager.secretAccessor', member }]);
    expect(resources(stack, 'google_bigquery_dataset_iam_member')).toEqual([{ project: 'prod-project', dataset_id: 'analytics', role: 'roles/bigquery.dataViewer', member }]);
    expect(resources(stack, 'google_artifact_registry_repository_iam_member')).toEqual([{ project: 'prod-project', location: 'us-central1', repository: 'images', role: 'roles/artifactregistry.reader', member }]);
    expect(resources(stack, 'google_project_iam_member').filter((r) => r.role !== 'roles/container.clusterViewer')).toEqual([]);
    expect(Object.keys(identity.workloadIdentities['minimal-api'].resourceRoles)).toContain('storage-bucket/tiles/roles/storage.objectUser');
  });

  test('a project role on a shared project is granted when accepted by name with a reason', () => {
    const tenant = { ...MINIMAL, workloadIdentities: [{ ksa: 'api', gsa: 'minimal-api', projectRoles: ['roles/aiplatform.user'], sharedProjectOptIns: [{ role: 'roles/aiplatform.user', reason: 'Vertex AI has no resource-level IAM' }] }] };
    expect(resources(build({ tenant, projectSharedWith: ['routing'] }).stack, 'google_project_iam_member').map((r) => r.role)).toContain('roles/aiplatform.user');
  });

  test('creates nothing but viewers for a tenant without workload identities', () => {
    const stack = newStack('s');
    new TenantIdentity(stack, 't', { tenant: MINIMAL, project: 'prod-project' });
    expect(JSON.parse(Testing.synth(stack, true)).resource).toBeUndefined();
  });

  describe('a tenant across a prod and a dev project', () => {
    const tenant = {
      ...MAPPING,
      workloadIdentities: [
        {
          ...MAPPING.workloadIdentities![0],
          resourceRoles: [
            { kind: 'pubsub-topic' as const, name: 'tiles', role: 'roles/pubsub.publisher', provisioning: 'create' as const },
            { kind: 'storage-bucket' as const, name: 'mapping-tiles-shared', role: 'roles/storage.objectViewer', provisioning: 'existing' as const, project: 'prod-project' },
          ],
        },
      ],
    };
    const { stack, identity } = build({ tenant, additionalProjects: [{ project: 'dev-project' }], gkeSecurityGroup: 'groups/01abcd2efgh3ijk' });
    const json = JSON.parse(Testing.synth(stack, true));
    const all = (type: string): any[] => Object.values(json.resource[type] ?? {});

    test('one Google service account per project, each bound to its own project pool', () => {
      expect(
        all('google_service_account')
          .map((a) => `${a.project}/${a.account_id}`)
          .sort(),
      ).toEqual(['dev-project/mapping-tiles', 'prod-project/mapping-tiles']);
      expect(
        all('google_service_account_iam_member')
          .map((b) => b.member)
          .sort(),
      ).toEqual(['serviceAccount:dev-project.svc.id.goog[mapping/tiles]', 'serviceAccount:prod-project.svc.id.goog[mapping/tiles]']);
    });
    test("project roles and grants per project: a grant without a project names each project's resource, one with a project that one", () => {
      const roles = all('google_project_iam_member').filter((m) => !m.member.startsWith('group:'));
      expect(roles.map((r) => `${r.project} ${r.role}`).sort()).toEqual(['dev-project roles/pubsub.subscriber', 'dev-project roles/storage.objectViewer', 'prod-project roles/pubsub.subscriber', 'prod-project roles/storage.objectViewer']);
      expect(
        all('google_pubsub_topic')
          .map((t) => `${t.project}/${t.name}`)
          .sort(),
      ).toEqual(['dev-project/tiles', 'prod-project/tiles']);
      expect(
        all('google_pubsub_topic_iam_member')
          .map((g) => g.project)
          .sort(),
      ).toEqual(['dev-project', 'prod-project']);
      expect(all('google_storage_bucket_iam_member').map((g) => g.bucket)).toEqual(['mapping-tiles-shared', 'mapping-tiles-shared']);
    });
    test('clusterViewer in each project; gke-security-groups memberships once', () => {
      expect(
        all('google_project_iam_member')
          .filter((m) => m.member.startsWith('group:'))
          .map((v) => v.project)
          .sort(),
      ).toEqual([...Array(3).fill('dev-project'), ...Array(3).fill('prod-project')]);
      expect(all('google_cloud_identity_group_membership')).toHaveLength(3);
    });
    test("the primary project's addresses are those of a one-project tenant; the others under Project-<project>", () => {
      const single = JSON.parse(Testing.synth(build({ tenant, gkeSecurityGroup: 'groups/01abcd2efgh3ijk' }).stack, true));
      const names = (j: any) => Object.entries<Record<string, unknown>>(j.resource).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
      const multi = names(json);
      for (const address of names(single)) expect(multi).toContain(address);
      expect(multi.filter((a) => !names(single).includes(a)).every((a) => a.includes('_Project-dev-project_'))).toBe(true);
      expect(Object.keys(identity.workloadIdentitiesByProject)).toEqual(['prod-project', 'dev-project']);
      expect(identity.workloadIdentities).toBe(identity.workloadIdentitiesByProject['prod-project']);
    });
    test('snapshot', () => expect(Testing.synth(stack)).toMatchSnapshot());
  });

  test.each<[string, Partial<TenantIdentityProps>, RegExp]>([
    [
      'the GSA account id is too short',
      { tenant: { ...MINIMAL, workloadIdentities: [{ ksa: 'api', gsa: 'api', projectRoles: [] }] } },
      /tenants\/mapping: workloadIdentities\[0\].gsa "api" is not a Google service account id \(6-30 characters/,
    ],
    ['the project is not a project id', { project: 'My Project' }, /tenants\/mapping: project "My Project" is not a GCP project id/],
    ['the gke-security-groups group is given as an e-mail', { gkeSecurityGroup: 'gke-security-groups@example.com' }, /gkeSecurityGroup "gke-security-groups@example.com" is not a Cloud Identity group resource name; pass "groups\/<id>"/],
    ['the namespace is invalid', { namespace: 'Maps' }, /namespace "Maps" is not a DNS-1123 label/],
    [
      'a further project is the primary one',
      { additionalProjects: [{ project: 'prod-project' }] },
      /tenants\/mapping: additionalProjects\[0\].project "prod-project" is listed twice \(or is the primary project\); list each further project of the tenant once/,
    ],
    ['a further project is not a project id', { additionalProjects: [{ project: 'Dev' }] }, /additionalProjects\[0\].project "Dev" is not a GCP project id/],
    [
      'a further project would create the same bucket again',
      {
        additionalProjects: [{ project: 'dev-project' }],
        defaultLocation: 'us-central1',
        tenant: { ...MAPPING, workloadIdentities: [{ ...MAPPING.workloadIdentities![0], resourceRoles: [{ kind: 'storage-bucket', name: 'mapping-cache', role: 'roles/storage.objectUser', provisioning: 'create' }] }] },
      },
      /tenants\/mapping \(tenants\[mapping\].workloadIdentities\[mapping-tiles\].resourceRoles\[0\]\): provisioning "create" asks to create the storage-bucket mapping-cache in each of the tenant's projects \(prod-project, dev-project\), but bucket names are global/,
    ],
    [
      'a project-wide role is granted on a further project other tenants share',
      { additionalProjects: [{ project: 'dev-project', projectSharedWith: ['routing'] }] },
      /workloadIdentities\[0\].projectRoles\[0\] "roles\/storage.objectViewer" is granted on all of project dev-project, which tenants routing share/,
    ],
    [
      'a project-wide role is granted on a project other tenants share',
      { projectSharedWith: ['routing', 'ml'] },
      /tenants\/mapping: workloadIdentities\[0\].projectRoles\[0\] "roles\/storage.objectViewer" is granted on all of project prod-project, which tenants ml, routing share, so it reaches their resources too; grant it on the resources mapping-tiles uses \(resourceRoles: .*\), or accept it with sharedProjectOptIns/,
    ],
  ])('throws when %s', (_, props, expected) => {
    expect(() => build(props)).toThrow(expected);
  });
});
