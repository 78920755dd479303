import { DeclaredPrerequisite } from '../../../lib/domain/addons/deploy-prerequisites';
import { upstreamSourceKey } from '../../../lib/domain/addons/deploy-prerequisites';
import { addOnsStageRootSync, folderStage, validateNamespaceOrder, objectStage, prerequisiteRootSync, reconcilerUser, rootSyncSourceKey, stageFolder } from '../../../lib/domain/gitops/sync-stages';
import { formatIssue } from '../../../lib/domain/validation-error';

const istioBase: DeclaredPrerequisite = {
  addOn: 'istio',
  name: 'istio-base',
  description: 'Istio base chart',
  source: { type: 'helm', repo: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', version: '1.31.4', namespace: 'istio-system' },
  providesGroups: ['networking.istio.io'],
};
const argoCrds: DeclaredPrerequisite = {
  addOn: 'argo-cd',
  name: 'argo-cd-crds',
  description: 'Argo CD CRDs',
  source: { type: 'git', repo: 'https://github.com/argoproj/argo-cd.git', revision: 'v3.6.2', dir: 'manifests/crds' },
  providesGroups: ['argoproj.io'],
};

describe('sync stages', () => {
  test('the add-ons stage is a sibling folder of the cluster folder, and each folder names its cluster and stage', () => {
    expect(stageFolder('prod-usc1', 'platform')).toBe('prod-usc1');
    expect(stageFolder('prod-usc1', 'add-ons')).toBe('prod-usc1.add-ons');
    expect(folderStage('prod-usc1.add-ons')).toEqual({ cluster: 'prod-usc1', stage: 'add-ons' });
    expect(folderStage('prod-usc1')).toEqual({ cluster: 'prod-usc1', stage: 'platform' });
  });

  test('objects of a provided group go to the add-ons stage; everything else, CRD-less kinds included, to the platform stage', () => {
    const provided = new Set(['networking.istio.io']);
    expect(objectStage('networking.istio.io/v1', provided)).toBe('add-ons');
    expect(objectStage('networking.k8s.io/v1', provided)).toBe('platform');
    expect(objectStage('v1', provided)).toBe('platform');
  });

  test('a prerequisite becomes a RootSync of its pinned source, which the rehearsal reads back to the same key', () => {
    const helm = prerequisiteRootSync(istioBase, { team: 'platform' });
    expect(helm).toEqual({
      apiVersion: 'configsync.gke.io/v1beta1',
      kind: 'RootSync',
      metadata: { name: 'istio-base', namespace: 'config-management-system', labels: { team: 'platform', 'platform.gke-platform-cdk.io/sync-stage': 'prerequisite' } },
      spec: {
        sourceFormat: 'unstructured',
        sourceType: 'helm',
        helm: { repo: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', version: '1.31.4', releaseName: 'istio-base', namespace: 'istio-system', includeCRDs: true, auth: 'none' },
      },
    });
    const git = prerequisiteRootSync(argoCrds, {});
    expect(git.spec).toEqual({ sourceFormat: 'unstructured', sourceType: 'git', git: { repo: 'https://github.com/argoproj/argo-cd.git', revision: 'v3.6.2', dir: 'manifests/crds', auth: 'none' } });
    for (const [rootSync, p] of [
      [helm, istioBase],
      [git, argoCrds],
    ] as const)
      expect(rootSyncSourceKey(rootSync)).toBe(upstreamSourceKey(p.source));
  });

  test.each([
    [{ type: 'none' as const }, { auth: 'none' }],
    [{ type: 'token' as const }, { auth: 'token', secretRef: { name: 'git-creds' } }],
    [
      { type: 'gcpserviceaccount' as const, serviceAccountEmail: 'config-sync@drive-net-prod.iam.gserviceaccount.com' },
      { auth: 'gcpserviceaccount', gcpServiceAccountEmail: 'config-sync@drive-net-prod.iam.gserviceaccount.com' },
    ],
  ])('the add-ons stage RootSync reads the same repository as the root sync, with %j auth', (auth, expected) => {
    const rootSync = addOnsStageRootSync({ url: 'https://github.com/example/m.git', branch: 'release', revision: 'v7', auth, syncWaitSeconds: 30 }, 'out', 'prod-usc1', {});
    expect(rootSync.metadata).toEqual({ name: 'platform-add-ons', namespace: 'config-management-system', labels: { 'platform.gke-platform-cdk.io/sync-stage': 'add-ons' } });
    expect(rootSync.spec).toEqual({ sourceFormat: 'unstructured', sourceType: 'git', git: { repo: 'https://github.com/example/m.git', branch: 'release', revision: 'v7', dir: 'out/prod-usc1.add-ons', period: '30s', ...expected } });
  });

  test("each RootSync's reconciler has Config Sync's name", () => {
    expect(reconcilerUser('root-sync')).toBe('system:serviceaccount:config-management-system:root-reconciler');
    expect(reconcilerUser('platform-add-ons')).toBe('system:serviceaccount:config-management-system:root-reconciler-platform-add-ons');
  });

  test('namespaces come before their objects: created by the same or an earlier stage, or present on every cluster', () => {
    const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    const obj = (kind: string, namespace: string) => ({ apiVersion: 'x.io/v1', kind, metadata: { name: 'a', namespace } });
    expect(
      validateNamespaceOrder('prod-usc1', [
        { stage: 'platform', objects: [obj('RootSync', 'config-management-system'), obj('Thing', 'spinnaker'), ns('spinnaker')] },
        { stage: 'add-ons', objects: [obj('Other', 'spinnaker')] },
      ]),
    ).toEqual([]);
    expect(
      validateNamespaceOrder('prod-usc1', [
        { stage: 'platform', objects: [] },
        { stage: 'add-ons', objects: [obj('SpinnakerService', 'spinnaker'), ns('cd')] },
      ]).map(formatIssue),
    ).toEqual([
      'prod-usc1 (add-ons stage): SpinnakerService spinnaker/a "spinnaker" is a namespace that no stage up to this one creates, so the apply is refused; declare the namespace in the add-on\'s deployNeeds namespaces (or create it in the platform chart)',
    ]);
  });
});
