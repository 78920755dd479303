/**
 * Kinds the deploy rehearsal serves without their upstream schema, each for a stated reason: their CRDs are not
 * obtainable from any registry reachable here (neither as files in a module nor as Go API types to generate them
 * from). A stand-in is a CRD of the same group, version, kind, plural and scope that accepts any content: the
 * rehearsal still checks the order (the prerequisite before the object, the namespace first), the platform's
 * admission policies and the reconciler's rights; it does not check the object's fields against the real schema,
 * and says so in the report. Nothing here claims a field of the upstream schema.
 */

export interface StandInKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

export interface StandIn {
  /** What installs these kinds on a real cluster. */
  readonly installedBy: string;
  /** The prerequisite source (upstreamSourceKey) this stands in for, without its version (any release matches), or undefined for what GKE installs. */
  readonly sourcePrefix?: { readonly type: 'git' | 'helm'; readonly repo: string; readonly dir?: string };
  /** Why the real CRD cannot be served, precisely. */
  readonly reason: string;
  readonly kinds: readonly StandInKind[];
}

/** Config Sync's own kinds: GKE installs them with the fleet's Config Management feature, before anything syncs. */
export const CONFIG_SYNC_STAND_IN: StandIn = {
  installedBy: "GKE's Config Sync (the fleet feature the cluster stack enables)",
  reason: 'Config Sync is open source as kpt.dev/configsync, which the Go module proxy does not serve (403), and GKE installs it itself',
  kinds: [{ group: 'configsync.gke.io', version: 'v1beta1', kind: 'RootSync', plural: 'rootsyncs', namespaced: true }],
};

/** The Spinnaker Operator's kinds (its release manifests' deploy/crds). */
export const SPINNAKER_OPERATOR_STAND_IN: StandIn = {
  installedBy: "the Spinnaker Operator's deploy/crds (RootSync spinnaker-operator-crds)",
  sourcePrefix: { type: 'git', repo: 'https://github.com/armory/spinnaker-operator.git', dir: 'deploy/crds' },
  reason:
    'the operator publishes its CRDs only in its GitHub repository and release assets; its Go module github.com/armory/spinnaker-operator (which holds the CRD files and the API types controller-gen would need) is not served by the Go module proxy (403), and no other reachable registry carries them',
  kinds: [
    { group: 'spinnaker.io', version: 'v1alpha2', kind: 'SpinnakerService', plural: 'spinnakerservices', namespaced: true },
    { group: 'spinnaker.io', version: 'v1alpha2', kind: 'SpinnakerAccount', plural: 'spinnakeraccounts', namespaced: true },
  ],
};

export const STAND_INS: readonly StandIn[] = [CONFIG_SYNC_STAND_IN, SPINNAKER_OPERATOR_STAND_IN];

/** The stand-in for a prerequisite source key (`git <repo> <revision> <dir>`), when there is one. */
export function standInFor(sourceKey: string): StandIn | undefined {
  const [type, repo, , dir] = sourceKey.split(' ');
  return STAND_INS.find((s) => s.sourcePrefix && s.sourcePrefix.type === type && s.sourcePrefix.repo === repo && (s.sourcePrefix.dir === undefined || s.sourcePrefix.dir === dir));
}

/** A CRD serving the stand-in's kinds of one group, accepting any content. */
export function standInCrds(standIn: StandIn): Record<string, unknown>[] {
  return standIn.kinds.map((k) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${k.plural}.${k.group}`, annotations: { 'conformance.gke-platform-cdk.io/stand-in': standIn.reason } },
    spec: {
      group: k.group,
      scope: k.namespaced ? 'Namespaced' : 'Cluster',
      names: { kind: k.kind, plural: k.plural, singular: k.kind.toLowerCase(), listKind: `${k.kind}List` },
      versions: [{ name: k.version, served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  }));
}
