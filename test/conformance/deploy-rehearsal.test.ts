/**
 * The deploy rehearsal's inputs, without an API server: every prerequisite the library's add-ons declare has CRDs the
 * rehearsal can serve (a build of the same pinned release in tools.json, or a declared stand-in), and the stand-ins
 * are what they claim. The rehearsal itself runs in `npm run conformance` (docs/conformance.md).
 */
import { upstreamSourceKey } from '../../lib/domain/addons/deploy-prerequisites';
import { clusterDeployNeeds } from '../../lib/domain/addons/add-on-rules';
import { prerequisiteRootSync, rootSyncSourceKey } from '../../lib/domain/gitops/sync-stages';
import { crdBuilds } from '../../scripts/conformance/tools';
import { CONFIG_SYNC_STAND_IN, SPINNAKER_OPERATOR_STAND_IN, standInCrds, standInFor } from '../../scripts/conformance/stand-in-crds';
import { loadSeed, SEED_ADD_ONS } from '../addons/seed-fixtures';

// Every prerequisite the seed's add-ons (the bundled example's and Argo CD) declare on any cluster.
const seed = loadSeed();
const declared = [...new Map(seed.plan.clusters.flatMap((cluster) => clusterDeployNeeds(seed.plan, cluster, SEED_ADD_ONS).prerequisites).map((p) => [p.name, p])).values()];

describe('the deploy rehearsal serves every prerequisite the add-ons pin', () => {
  test('the seed add-ons declare the four prerequisites', () => {
    expect(declared.map((p) => p.name).sort()).toEqual(['argo-cd-crds', 'istio-base', 'kueue-crds', 'spinnaker-operator-crds']);
  });

  test.each(declared.map((p) => [p.name, p] as const))('%s: a CRD build of the same release, or a declared stand-in', (_name, prerequisite) => {
    const key = rootSyncSourceKey(prerequisiteRootSync(prerequisite, {}))!;
    expect(key).toBe(upstreamSourceKey(prerequisite.source));
    const build = crdBuilds().find((b) => b.source === key);
    const standIn = standInFor(key);
    expect(build !== undefined || standIn !== undefined).toBe(true);
  });

  test('Istio, Argo CD and Kueue are built from their pinned releases; only the Spinnaker Operator is a stand-in', () => {
    expect(crdBuilds().map((b) => [b.tool, b.source])).toEqual([
      ['crds-istio', 'helm https://istio-release.storage.googleapis.com/charts base 1.31.4'],
      ['crds-argo-cd', 'git https://github.com/argoproj/argo-cd.git v3.6.2 manifests/crds'],
      ['crds-kueue', 'git https://github.com/kubernetes-sigs/kueue.git v0.17.0 config/components/crd/bases'],
      // Not a prerequisite: the tenant suite's Gateway API kinds (a cluster feature GKE installs).
      ['crds-gateway-api', 'cluster feature: Gateway API (standard channel)'],
    ]);
    expect(standInFor('git https://github.com/armory/spinnaker-operator.git v1.4.0 deploy/crds')).toBe(SPINNAKER_OPERATOR_STAND_IN);
    // A stand-in never covers a source the judge can build, nor another repository's folder.
    expect(standInFor('git https://github.com/argoproj/argo-cd.git v3.6.2 manifests/crds')).toBeUndefined();
    expect(standInFor('git https://github.com/armory/spinnaker-operator.git v1.4.0 deploy/operator')).toBeUndefined();
  });

  test('a stand-in CRD serves exactly the declared kinds, with any content, and says why it stands in', () => {
    const [crd] = standInCrds(CONFIG_SYNC_STAND_IN) as any[];
    expect(crd.metadata.name).toBe('rootsyncs.configsync.gke.io');
    expect(crd.metadata.annotations['conformance.gke-platform-cdk.io/stand-in']).toMatch(/kpt.dev\/configsync/);
    expect(crd.spec).toEqual({
      group: 'configsync.gke.io',
      scope: 'Namespaced',
      names: { kind: 'RootSync', plural: 'rootsyncs', singular: 'rootsync', listKind: 'RootSyncList' },
      versions: [{ name: 'v1beta1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    });
    expect((standInCrds(SPINNAKER_OPERATOR_STAND_IN) as any[]).map((c) => c.metadata.name)).toEqual(['spinnakerservices.spinnaker.io', 'spinnakeraccounts.spinnaker.io']);
  });
});
