import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DeveloperAccess } from '../../lib/tenancy/developer-access';
import { resourcesOf, synthExample } from '../stacks/example-synth';

function build(namespaces: { name: string; owner: string; expires?: string }[]) {
  const stack = new TerraformStack(Testing.app(), 'developers');
  new GoogleProvider(stack, 'google', {});
  const access = new DeveloperAccess(stack, 'DeveloperAccess', { project: 'dev-project', namespaces });
  return { stack, access };
}

describe('DeveloperAccess', () => {
  test("each owner gets roles/container.clusterViewer on the cluster's project, as a user, and nothing else", () => {
    const { stack } = build([
      { name: 'dev-alice', owner: 'alice@example.com' },
      { name: 'dev-bob', owner: 'bob@example.com' },
    ]);
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.keys(json.resource)).toEqual(['google_project_iam_member']);
    expect(json.resource.google_project_iam_member).toEqual({
      'DeveloperAccess_ClusterViewer-aliceexamplecom_426F3CCB': { project: 'dev-project', role: 'roles/container.clusterViewer', member: 'user:alice@example.com' },
      'DeveloperAccess_ClusterViewer-bobexamplecom_FF8434EF': { project: 'dev-project', role: 'roles/container.clusterViewer', member: 'user:bob@example.com' },
    });
  });

  test('an owner of two namespaces gets one grant', () => {
    const { access } = build([
      { name: 'dev-alice', owner: 'alice@example.com' },
      { name: 'dev-alice-2', owner: 'alice@example.com' },
    ]);
    expect(Object.keys(access.clusterViewers)).toEqual(['alice@example.com']);
  });

  test('throws when an owner is not an e-mail address', () => {
    expect(() => build([{ name: 'dev-x', owner: 'alice' }])).toThrow(
      'developers/DeveloperAccess: namespaces[dev-x].owner "alice" is not an e-mail address (it becomes the IAM member user:<owner>); give the owner\'s Google account, e.g. alice@example.com',
    );
  });
});

describe('the example: developer-namespace owners can authenticate to dev-usw1', () => {
  const { json, manifest } = synthExample();

  test("drive-developers grants each owner clusterViewer on the dev cluster's project, in its own state after project services", () => {
    const grants = resourcesOf(json, 'google_project_iam_member')
      .filter(([stack]) => stack === 'drive-developers')
      .map(([, , r]) => [r.project, r.role, r.member]);
    expect(grants).toEqual([
      ['drive-gke-dev', 'roles/container.clusterViewer', 'user:alice@example.com'],
      ['drive-gke-dev', 'roles/container.clusterViewer', 'user:bob@example.com'],
      ['drive-gke-dev', 'roles/container.clusterViewer', 'user:carol@example.com'],
    ]);
    expect(manifest.stacks['drive-developers'].dependencies).toEqual(['drive-project-services']);
  });
});
