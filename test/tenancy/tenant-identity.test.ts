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
      'a project-wide role is granted on a project other tenants share',
      { projectSharedWith: ['routing', 'ml'] },
      /tenants\/mapping: workloadIdentities\[0\].projectRoles\[0\] "roles\/storage.objectViewer" is granted on all of project prod-project, which tenants ml, routing share, so it reaches their resources too; grant it on the resources mapping-tiles uses \(resourceRoles: .*\), or accept it with sharedProjectOptIns/,
    ],
  ])('throws when %s', (_, props, expected) => {
    expect(() => build(props)).toThrow(expected);
  });
});
