import { Testing, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ConfigManagementFeature } from '../../lib/gitops/config-management-feature';
import { ConfigSync, ConfigSyncProps } from '../../lib/gitops/config-sync';

const cluster = { name: 'prod-usc1', location: 'us-central1', projectId: 'drive-gke-prod', id: 'projects/drive-gke-prod/locations/us-central1/clusters/prod-usc1' };
const repository = { url: 'https://github.com/example/platform-manifests.git', directory: 'dist/prod-usc1' };

function synth(props: Partial<ConfigSyncProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'gitops');
  new GoogleProvider(stack, 'google');
  const feature = new ConfigManagementFeature(stack, 'Fleet', { project: 'drive-gke-prod' });
  new ConfigSync(stack, 'ConfigSync', { cluster, repository, dependsOn: [feature.resource], ...props });
  const text = Testing.synth(stack, true);
  return { text, json: JSON.parse(text) };
}

describe('ConfigSync', () => {
  test('registers the cluster in the fleet and syncs its folder, unstructured, drift prevented, upgrades managed', () => {
    const { json } = synth();
    const membership = Object.values(json.resource.google_gke_hub_membership)[0];
    expect(membership).toMatchObject({ project: 'drive-gke-prod', membership_id: 'prod-usc1', location: 'us-central1', endpoint: { gke_cluster: { resource_link: `//container.googleapis.com/${cluster.id}` } } });
    const member = Object.values(json.resource.google_gke_hub_feature_membership)[0] as Record<string, any>;
    expect(member).toMatchObject({ location: 'global', feature: 'configmanagement', membership_location: 'us-central1' });
    expect(member.configmanagement).toEqual({
      management: 'MANAGEMENT_AUTOMATIC',
      config_sync: {
        enabled: true,
        source_format: 'unstructured',
        prevent_drift: true,
        git: { sync_repo: repository.url, sync_branch: 'main', policy_dir: 'dist/prod-usc1', secret_type: 'none', sync_wait_secs: '15' },
      },
    });
    expect(member.depends_on).toEqual([expect.stringMatching(/^google_gke_hub_feature\.Fleet/)]);
  });

  test('enables the fleet feature once per project', () => {
    const { json } = synth();
    expect(Object.values(json.resource.google_gke_hub_feature)).toEqual([{ project: 'drive-gke-prod', name: 'configmanagement', location: 'global' }]);
  });

  test('binds the root reconciler and the add-ons stage reconciler to a Google service account for gcpserviceaccount auth', () => {
    const { json } = synth({
      repository: { ...repository, url: 'https://source.developers.google.com/p/drive-net-prod/r/manifests', auth: { type: 'gcpserviceaccount', serviceAccountEmail: 'config-sync@drive-net-prod.iam.gserviceaccount.com' } },
    });
    const binding = (reconciler: string) => ({
      service_account_id: 'projects/drive-net-prod/serviceAccounts/config-sync@drive-net-prod.iam.gserviceaccount.com',
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:drive-gke-prod.svc.id.goog[config-management-system/${reconciler}]`,
    });
    // Construct ids are Terraform addresses: the root reconciler's binding keeps its id, the add-ons stage's has its own.
    const bindings = Object.entries(json.resource.google_service_account_iam_member);
    expect(bindings).toHaveLength(2);
    expect(bindings.find(([id]) => /^ConfigSync_ReconcilerIdentity_/.test(id))?.[1]).toEqual(binding('root-reconciler'));
    expect(bindings.find(([id]) => /^ConfigSync_AddOnsReconcilerIdentity_/.test(id))?.[1]).toEqual(binding('root-reconciler-platform-add-ons'));
  });

  test('matches the snapshot', () => {
    expect(synth().text).toMatchSnapshot();
  });

  test.each<[string, Partial<ConfigSyncProps>, RegExp]>([
    ['the URL is not a repository URL', { repository: { ...repository, url: 'ftp://x' } }, /gitops\/ConfigSync: repository.url "ftp:\/\/x" is not an https:\/\/, ssh:\/\/ or git@host: repository URL; give the clone URL/],
    ['an SSH URL has no SSH auth', { repository: { ...repository, url: 'git@github.com:example/m.git' } }, /repository.auth "none" does not fit an SSH URL; use auth \{ type: 'ssh' \}/],
    ['SSH auth has an https URL', { repository: { ...repository, auth: { type: 'ssh' } } }, /repository.auth "ssh" needs an SSH URL/],
    ['the folder escapes the repository', { repository: { ...repository, directory: '../secrets' } }, /repository.directory "..\/secrets" must be a relative folder inside the repository; use a path such as dist\/prod-usc1/],
    ['the service account is not an email', { repository: { ...repository, auth: { type: 'gcpserviceaccount', serviceAccountEmail: 'me' } } }, /repository.auth.serviceAccountEmail "me" is not a Google service account email/],
    ['the sync interval is not positive', { repository: { ...repository, syncWaitSeconds: 0 } }, /repository.syncWaitSeconds 0 must be a whole number of seconds/],
  ])('throws when %s', (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});

describe('ConfigManagementFeature', () => {
  test('throws when the project id is invalid', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new ConfigManagementFeature(stack, 'Fleet', { project: 'X' })).toThrow(/s\/Fleet: project "X" must be 6-30 lower-case letters/);
  });
});
