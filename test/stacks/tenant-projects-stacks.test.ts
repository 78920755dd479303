import { examplePlatform } from '../../examples/drive-platform/platform';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { Testing } from 'cdk8s';
import { buildClusterManifests } from '../../charts/cluster-manifests';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import { resourcesOf, synthExample } from './example-synth';

/** The example with routing on the prod cluster (project drive-gke-prod) and the dev cluster (drive-gke-dev). */
const definition: PlatformDefinition = {
  ...examplePlatform,
  tenants: examplePlatform.tenants!.map((t) =>
    t.name === 'routing'
      ? {
          ...t,
          clusters: ['prod-usc1', 'dev-usw1'],
          workloadIdentities: [{ ksa: 'api', gsa: 'routing-api', projectRoles: [], resourceRoles: [{ kind: 'pubsub-topic', name: 'routes', role: 'roles/pubsub.publisher', provisioning: 'create' }] }],
        }
      : t,
  ),
};
const { json, manifest, platform } = synthExample(undefined, definition);
const tenants = json['drive-tenants'];

describe('a tenant across a prod and a dev project', () => {
  test('the plan lists both projects, the primary first', () => {
    expect(platform.plan.tenants.find((t) => t.name === 'routing')).toMatchObject({ project: 'drive-gke-prod', projects: ['drive-gke-prod', 'drive-gke-dev'] });
  });

  test('its shard holds a Google service account, a pool binding and a grant per project', () => {
    const accounts = resourcesOf({ tenants }, 'google_service_account').filter(([, , r]) => r.account_id === 'routing-api');
    expect(accounts.map(([, , r]) => r.project).sort()).toEqual(['drive-gke-dev', 'drive-gke-prod']);
    const bindings = resourcesOf({ tenants }, 'google_service_account_iam_member').map(([, , r]) => r.member);
    expect(bindings).toEqual(expect.arrayContaining(['serviceAccount:drive-gke-prod.svc.id.goog[routing/api]', 'serviceAccount:drive-gke-dev.svc.id.goog[routing/api]']));
    expect(
      resourcesOf({ tenants }, 'google_pubsub_topic')
        .map(([, , r]) => `${r.project}/${r.name}`)
        .sort(),
    ).toEqual(['drive-gke-dev/routes', 'drive-gke-prod/routes']);
  });

  test("its shard deploys after the clusters of both projects (each pool exists once its project's cluster does)", () => {
    expect(manifest.stacks['drive-tenants'].dependencies).toEqual(expect.arrayContaining(['drive-cluster-prod-usc1', 'drive-cluster-dev-usw1']));
  });

  test("each cluster's ServiceAccount names the Google service account of its own project", () => {
    const apps = buildClusterManifests(platform, 'unused', { today: EXAMPLE_TODAY });
    const annotation = (cluster: string) =>
      apps[cluster].charts
        .flatMap((chart) => Testing.synth(chart) as { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> } }[])
        .find((o) => o.kind === 'ServiceAccount' && o.metadata.namespace === 'routing' && o.metadata.name === 'api')!.metadata.annotations!['iam.gke.io/gcp-service-account'];
    expect([annotation('prod-usc1'), annotation('dev-usw1')]).toEqual(['routing-api@drive-gke-prod.iam.gserviceaccount.com', 'routing-api@drive-gke-dev.iam.gserviceaccount.com']);
  });

  test('the project services stack enables Pub/Sub in both projects', () => {
    const services = resourcesOf({ s: json['drive-project-services'] }, 'google_project_service').map(([, , r]) => `${r.project}/${r.service}`);
    expect(services).toEqual(expect.arrayContaining(['drive-gke-prod/pubsub.googleapis.com', 'drive-gke-dev/pubsub.googleapis.com']));
  });
});
