import { ApiObject } from 'cdk8s';
import { mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ADD_ON_PREREQUISITES_CHART, buildClusterManifests, synthClusterManifests } from '../../charts/cluster-manifests';
import { PlatformAddOn } from '../../lib/addons/platform-add-on';
import { upstreamSourceKey } from '../../lib/domain/addons/deploy-prerequisites';
import { ARGO_CD_VERSION, argoCdDeployNeeds, SPINNAKER_OPERATOR_VERSION, spinnakerDeployNeeds } from '../../lib/domain/addons/cd/cd-prerequisites';
import { ISTIO_VERSION, istioDeployNeeds } from '../../lib/domain/addons/istio/istio-prerequisites';
import { apiGroupOf } from '../../lib/domain/addons/deploy-prerequisites';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import { loadSeed, SEED_ADD_ONS, seedPlatform } from './seed-fixtures';

describe("the library's add-ons declare what their objects need", () => {
  const plan = loadSeed().plan;
  const cluster = (name: string) => plan.clusters.find((c) => c.name === name)!;

  test('Istio: its base chart at the pinned release and istio-system, on every cluster that hosts tenants, and nowhere else', () => {
    const needs = istioDeployNeeds({}, cluster('prod-usc1'), plan);
    expect(needs.prerequisites?.map((p) => [p.name, upstreamSourceKey(p.source), p.providesGroups])).toEqual([
      ['istio-base', `helm https://istio-release.storage.googleapis.com/charts base ${ISTIO_VERSION}`, ['extensions.istio.io', 'networking.istio.io', 'security.istio.io', 'telemetry.istio.io']],
    ]);
    expect(needs.namespaces).toEqual(['istio-system']);
    expect(istioDeployNeeds({ version: '1.30.2', systemNamespace: 'mesh' }, cluster('payments-usc1'), plan)).toMatchObject({ prerequisites: [{ source: { version: '1.30.2', namespace: 'mesh' } }], namespaces: ['mesh'] });
    expect(istioDeployNeeds({}, cluster('dev-usw1'), plan)).toEqual({});
  });

  test('Argo CD and Spinnaker: their CRD folders at the pinned tags and their namespaces, only on the cluster they run on', () => {
    expect(argoCdDeployNeeds({ cluster: 'prod-usc1' }, cluster('prod-usc1'))).toEqual({
      prerequisites: [
        { name: 'argo-cd-crds', description: `Argo CD ${ARGO_CD_VERSION} CRDs`, source: { type: 'git', repo: 'https://github.com/argoproj/argo-cd.git', revision: ARGO_CD_VERSION, dir: 'manifests/crds' }, providesGroups: ['argoproj.io'] },
      ],
      namespaces: ['argocd'],
    });
    expect(spinnakerDeployNeeds({ cluster: 'prod-usc1', version: '1.36.0' }, cluster('prod-usc1'))).toEqual({
      prerequisites: [
        {
          name: 'spinnaker-operator-crds',
          description: `Spinnaker Operator ${SPINNAKER_OPERATOR_VERSION} CRDs`,
          source: { type: 'git', repo: 'https://github.com/armory/spinnaker-operator.git', revision: SPINNAKER_OPERATOR_VERSION, dir: 'deploy/crds' },
          providesGroups: ['spinnaker.io'],
        },
      ],
      namespaces: ['spinnaker'],
    });
    expect(spinnakerDeployNeeds({ cluster: 'prod-usc1', version: '1.36.0', namespace: 'cd', operatorVersion: 'v1.3.1' }, cluster('prod-usc1'))).toMatchObject({ prerequisites: [{ source: { revision: 'v1.3.1' } }], namespaces: ['cd'] });
    expect(argoCdDeployNeeds({ cluster: 'prod-usc1' }, cluster('payments-usc1'))).toEqual({});
    expect(spinnakerDeployNeeds({ cluster: 'prod-usc1', version: '1.36.0' }, cluster('dev-usw1'))).toEqual({});
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['istio', { version: 'v1.31.4' }, /addOns\[istio\]: settings.version "v1.31.4" is not an Istio release \(major.minor.patch, no v\); pin the release the mesh runs, e.g. '1.31.4'/],
    ['argo-cd', { cluster: 'prod-usc1', version: 'latest' }, /addOns\[argo-cd\]: settings.version "latest" is not a release tag \(vMAJOR.MINOR.PATCH\); pin a release, e.g. 'v3.6.2'/],
    ['spinnaker', { cluster: 'prod-usc1', version: '1.36.0', operatorVersion: '1.4.0' }, /addOns\[spinnaker\]: settings.operatorVersion "1.4.0" is not a release tag \(vMAJOR.MINOR.PATCH\); pin a release, e.g. 'v1.4.0'/],
  ])('throws when the %s add-on is given a version that is not a release', (name, settings, message) => {
    const definition = { ...loadSeed().definition };
    const addOns = (definition.addOns ?? []).map((entry) => (entry.name === name ? { name, settings } : entry));
    expect(() => loadSeed({ ...definition, addOns })).toThrow(message);
  });
});

describe('the manifests in stages: prerequisites first, the add-ons objects after, the platform never waiting', () => {
  const platform = loadSeed();
  const built = buildClusterManifests(platform, mkdtempSync(join(tmpdir(), 'deploy-needs-')), { addOns: SEED_ADD_ONS, today: EXAMPLE_TODAY });
  const staged = (cluster: string) => built[cluster].stagedCharts();
  const objects = (cluster: string, stage: 'platform' | 'add-ons') =>
    staged(cluster)
      .filter((s) => s.stage === stage)
      .flatMap((s) => s.objects);
  const prerequisites = (cluster: string) => staged(cluster).find((s) => s.chart === ADD_ON_PREREQUISITES_CHART)?.objects ?? [];

  test('on prod-usc1 (Istio, Spinnaker, Kueue, Argo CD): the namespaces and one RootSync per prerequisite at its pinned version, then the add-ons stage', () => {
    const list = prerequisites('prod-usc1');
    expect(list.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['argocd', 'istio-system', 'spinnaker']);
    const rootSyncs = list.filter((o) => o.kind === 'RootSync');
    expect(rootSyncs.map((o) => [o.metadata.name, o.metadata.labels['platform.gke-platform-cdk.io/sync-stage']])).toEqual([
      ['istio-base', 'prerequisite'],
      ['spinnaker-operator-crds', 'prerequisite'],
      ['kueue-crds', 'prerequisite'],
      ['argo-cd-crds', 'prerequisite'],
      ['platform-add-ons', 'add-ons'],
    ]);
    expect(rootSyncs[0].spec.helm).toMatchObject({ chart: 'base', version: ISTIO_VERSION });
    expect(rootSyncs[1].spec.git).toMatchObject({ revision: SPINNAKER_OPERATOR_VERSION, dir: 'deploy/crds' });
    expect(rootSyncs[2].spec.git).toMatchObject({ repo: 'https://github.com/kubernetes-sigs/kueue.git', revision: 'v0.17.0', dir: 'config/components/crd/bases' });
    expect(rootSyncs[3].spec.git).toMatchObject({ revision: ARGO_CD_VERSION, dir: 'manifests/crds' });
    expect(rootSyncs[4].spec.git).toMatchObject({ repo: platform.definition.gitOps.repository.url, dir: 'dist/prod-usc1.add-ons' });
  });

  test('every object of a group a prerequisite provides is in the add-ons stage, and nothing else is', () => {
    const provided = built['prod-usc1'].providedGroups;
    expect([...provided].sort()).toEqual(['argoproj.io', 'extensions.istio.io', 'kueue.x-k8s.io', 'networking.istio.io', 'security.istio.io', 'spinnaker.io', 'telemetry.istio.io']);
    const late = objects('prod-usc1', 'add-ons');
    expect(late.every((o) => provided.has(apiGroupOf(o.apiVersion)))).toBe(true);
    expect(objects('prod-usc1', 'platform').filter((o) => provided.has(apiGroupOf(o.apiVersion)))).toEqual([]);
    expect([...new Set(late.map((o) => o.kind))].sort()).toEqual([
      'AdmissionCheck',
      'AppProject',
      'ApplicationSet',
      'AuthorizationPolicy',
      'ClusterQueue',
      'LocalQueue',
      'PeerAuthentication',
      'ProvisioningRequestConfig',
      'ResourceFlavor',
      'ServiceEntry',
      'Sidecar',
      'SpinnakerService',
    ]);
    // The platform stage keeps every namespace, role binding, network and admission policy.
    expect(
      objects('prod-usc1', 'platform')
        .filter((o) => o.kind === 'Namespace')
        .map((o) => o.metadata.name),
    ).toEqual(expect.arrayContaining(['mapping', 'routing', 'spinnaker', 'istio-system', 'argocd']));
  });

  test('a cluster without the add-ons systems gets neither prerequisites nor an add-ons stage', () => {
    expect(prerequisites('dev-usw1')).toEqual([]);
    expect(objects('dev-usw1', 'add-ons')).toEqual([]);
    expect(prerequisites('payments-usc1').map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['Namespace istio-system', 'RootSync istio-base', 'RootSync platform-add-ons']);
  });

  test("the add-ons stage's reconciler may write platform-owned objects into tenant namespaces (the admission policy exempts it)", () => {
    const policy = objects('prod-usc1', 'platform').find((o) => o.kind === 'ValidatingAdmissionPolicy' && o.spec.matchConditions?.some((c: any) => c.name === 'not-platform-identity'));
    expect(JSON.stringify(policy.spec.matchConditions)).toContain('system:serviceaccount:config-management-system:root-reconciler-platform-add-ons');
  });

  test('synth writes each stage into its folder: dist/<cluster>/ and dist/<cluster>.add-ons/', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'deploy-needs-synth-'));
    synthClusterManifests(platform, outdir, { addOns: SEED_ADD_ONS, today: EXAMPLE_TODAY });
    expect(readdirSync(outdir).sort()).toEqual(['dev-usw1', 'payments-usc1', 'payments-usc1.add-ons', 'prod-usc1', 'prod-usc1.add-ons']);
    expect(readdirSync(join(outdir, 'prod-usc1.add-ons')).sort()).toEqual(['platform.k8s.yaml', 'tenant-mapping.k8s.yaml', 'tenant-ml-training.k8s.yaml', 'tenant-routing.k8s.yaml', 'tenant-simulation.k8s.yaml']);
    expect(readdirSync(join(outdir, 'prod-usc1'))).toContain('add-on-prerequisites.k8s.yaml');
  });

  /** An add-on with a CRD kind of its own, in a namespace it may or may not declare. */
  const widgets = (namespaces: string[]): PlatformAddOn => ({
    name: 'widgets',
    deployNeeds: (_settings, cluster) =>
      cluster.name === 'prod-usc1'
        ? {
            prerequisites: [{ name: 'widgets-crds', description: 'Widget CRDs', source: { type: 'git', repo: 'https://github.com/example/widgets.git', revision: 'v1.0.0', dir: 'crds' }, providesGroups: ['widgets.example.com'] }],
            namespaces,
          }
        : {},
    extendClusterManifests: ({ scope, cluster }) => {
      if (cluster.name === 'prod-usc1') new ApiObject(scope, 'Widget', { apiVersion: 'widgets.example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'widgets' } });
    },
  });
  const withWidgets = (namespaces: string[]) => {
    const addOns = [...SEED_ADD_ONS, widgets(namespaces)];
    const loaded = loadSeed({ ...seedPlatform, addOns: [...(seedPlatform.addOns ?? []), { name: 'widgets' }] }, addOns);
    return buildClusterManifests(loaded, mkdtempSync(join(tmpdir(), 'widgets-')), { addOns, today: EXAMPLE_TODAY })['prod-usc1'];
  };

  test('throws when an add-on writes an object into a namespace no stage creates, naming the object, the stage and the fix', () => {
    expect(() => withWidgets([]).stagedCharts()).toThrow(
      /prod-usc1 \(add-ons stage\): Widget widgets\/w "widgets" is a namespace that no stage up to this one creates, so the apply is refused; declare the namespace in the add-on's deployNeeds namespaces/,
    );
  });

  test("an add-on's declared namespace is created once, even when the platform or another add-on creates it too", () => {
    const staged = withWidgets(['widgets', 'vault-auth', 'spinnaker']).stagedCharts();
    const namespaces = staged
      .flatMap((s) => s.objects)
      .filter((o) => o.kind === 'Namespace')
      .map((o) => o.metadata.name);
    for (const ns of ['widgets', 'vault-auth', 'spinnaker']) expect(namespaces.filter((n) => n === ns)).toHaveLength(1);
    expect(staged.find((s) => s.stage === 'add-ons' && s.chart === 'platform')!.objects.map((o) => o.kind)).toContain('Widget');
  });
});
