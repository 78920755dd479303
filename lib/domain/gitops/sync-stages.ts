/**
 * The order in which a cluster's manifests reach it, as Config Sync applies them. Config Sync stops a whole sync on
 * an object whose kind the cluster does not serve, so objects that need an upstream CRD cannot share a sync with the
 * objects that must always land (namespaces, RBAC, NetworkPolicies, admission policies). Three stages:
 *
 *   1. platform     `<root>/<cluster>/`: what the fleet's root sync applies; only kinds Kubernetes serves, the
 *                   add-ons' namespaces, and one RootSync per prerequisite and for stage 3;
 *   2. prerequisites each add-on prerequisite's RootSync: the upstream source at its pinned version (CRDs first);
 *   3. add-ons      `<root>/<cluster>.add-ons/`: the objects of the groups the prerequisites provide, in a RootSync
 *                   of its own that retries until their CRDs are served, and never holds stage 1 back.
 *
 * Folders: Config Sync reads a folder with every folder below it, so stage 3 is a sibling of the cluster's folder
 * (`.` cannot occur in a cluster name, so it never meets one). Pure: RootSync objects as plain data.
 */
import { PLATFORM_LABEL_PREFIX } from '../tenancy/labels';
import type { DeclaredPrerequisite } from '../addons/deploy-prerequisites';
import { apiGroupOf } from '../addons/deploy-prerequisites';
import { DEFAULT_GIT_BRANCH, DEFAULT_SYNC_WAIT_SECONDS, GitSource } from './git-source';
import type { ValidationIssue } from '../validation-error';

/** Where Config Sync runs; its RootSync objects live here. */
export const CONFIG_SYNC_NAMESPACE = 'config-management-system';
/** Config Sync's API version of RootSync. */
const ROOT_SYNC_API_VERSION = 'configsync.gke.io/v1beta1';
/** The RootSync that applies stage 3 (`<cluster>.add-ons/`). */
export const ADD_ONS_ROOT_SYNC = 'platform-add-ons';
/** Suffix of the stage-3 folder beside a cluster's folder. */
export const ADD_ONS_FOLDER_SUFFIX = '.add-ons';
/** Label on the platform's RootSyncs: `prerequisite` or `add-ons`. */
export const SYNC_STAGE_LABEL = `${PLATFORM_LABEL_PREFIX}/sync-stage`;

/** A stage of a cluster's manifests that has a folder of its own. */
export type SyncStage = 'platform' | 'add-ons';

/** The folder (below the root directory) of a cluster's stage. */
export function stageFolder(cluster: string, stage: SyncStage): string {
  return stage === 'platform' ? cluster : `${cluster}${ADD_ONS_FOLDER_SUFFIX}`;
}

/** The cluster and stage of a folder below the root directory (`prod-usc1.add-ons` → prod-usc1, add-ons). */
export function folderStage(folder: string): { cluster: string; stage: SyncStage } {
  return folder.endsWith(ADD_ONS_FOLDER_SUFFIX) ? { cluster: folder.slice(0, -ADD_ONS_FOLDER_SUFFIX.length), stage: 'add-ons' } : { cluster: folder, stage: 'platform' };
}

/** The stage an object belongs to: the add-ons stage when a prerequisite provides its API group. */
export function objectStage(apiVersion: string, providedGroups: ReadonlySet<string>): SyncStage {
  return providedGroups.has(apiGroupOf(apiVersion)) ? 'add-ons' : 'platform';
}

/** The name of the fleet's root sync (the one the cluster stack configures; its reconciler is `root-reconciler`). */
export const FLEET_ROOT_SYNC = 'root-sync';

/** The Kubernetes service account of a RootSync's reconciler (Config Sync names it `root-reconciler-<name>`). */
export function reconcilerServiceAccount(rootSync: string): string {
  return rootSync === FLEET_ROOT_SYNC ? 'root-reconciler' : `root-reconciler-${rootSync}`;
}

/** The Kubernetes user a RootSync's reconciler applies as. */
export function reconcilerUser(rootSync: string): string {
  return `system:serviceaccount:${CONFIG_SYNC_NAMESPACE}:${reconcilerServiceAccount(rootSync)}`;
}

/** A RootSync object, as much as the platform writes of it. */
export interface RootSyncObject {
  /** `configsync.gke.io/v1beta1`. */
  readonly apiVersion: typeof ROOT_SYNC_API_VERSION;
  /** Always `RootSync`. */
  readonly kind: 'RootSync';
  /** Name (the reconciler's suffix), namespace `config-management-system`, the platform's labels and the stage label. */
  readonly metadata: {
    /** The sync's name: the prerequisite's name, or `platform-add-ons`. */
    readonly name: string;
    /** Always `config-management-system`. */
    readonly namespace: string;
    /** The platform's labels and {@link SYNC_STAGE_LABEL}. */
    readonly labels: Readonly<Record<string, string>>;
  };
  /** Config Sync's RootSync spec: `unstructured`, and a helm or git source. */
  readonly spec: Record<string, unknown>;
}

/** The RootSync that installs one prerequisite from its upstream source at its pinned version. */
export function prerequisiteRootSync(prerequisite: DeclaredPrerequisite, labels: Readonly<Record<string, string>>): RootSyncObject {
  const source = prerequisite.source;
  const spec =
    source.type === 'helm'
      ? { sourceFormat: 'unstructured', sourceType: 'helm', helm: { repo: source.repo, chart: source.chart, version: source.version, releaseName: prerequisite.name, namespace: source.namespace, includeCRDs: true, auth: 'none' } }
      : { sourceFormat: 'unstructured', sourceType: 'git', git: { repo: source.repo, revision: source.revision, dir: source.dir, auth: 'none' } };
  return { apiVersion: ROOT_SYNC_API_VERSION, kind: 'RootSync', metadata: { name: prerequisite.name, namespace: CONFIG_SYNC_NAMESPACE, labels: { ...labels, [SYNC_STAGE_LABEL]: 'prerequisite' } }, spec };
}

/**
 * The RootSync of stage 3: the same repository, branch, revision and credentials as the fleet's root sync, the
 * folder `<root>/<cluster>.add-ons`. With `gcpserviceaccount` auth its reconciler needs the same Workload Identity
 * binding as the root reconciler (ConfigSync binds both).
 */
export function addOnsStageRootSync(repository: Omit<GitSource, 'directory'>, rootDirectory: string, cluster: string, labels: Readonly<Record<string, string>>): RootSyncObject {
  const auth = repository.auth ?? { type: 'none' as const };
  const git: Record<string, unknown> = {
    repo: repository.url,
    branch: repository.branch ?? DEFAULT_GIT_BRANCH,
    revision: repository.revision ?? 'HEAD',
    dir: `${rootDirectory}/${stageFolder(cluster, 'add-ons')}`,
    auth: auth.type,
    period: `${repository.syncWaitSeconds ?? DEFAULT_SYNC_WAIT_SECONDS}s`,
  };
  if (auth.type === 'ssh' || auth.type === 'token') git.secretRef = { name: 'git-creds' };
  if (auth.type === 'gcpserviceaccount') git.gcpServiceAccountEmail = auth.serviceAccountEmail;
  return {
    apiVersion: ROOT_SYNC_API_VERSION,
    kind: 'RootSync',
    metadata: { name: ADD_ONS_ROOT_SYNC, namespace: CONFIG_SYNC_NAMESPACE, labels: { ...labels, [SYNC_STAGE_LABEL]: 'add-ons' } },
    spec: { sourceFormat: 'unstructured', sourceType: 'git', git },
  };
}

/** The upstream-source key (see upstreamSourceKey) of a prerequisite RootSync, read from its spec as Config Sync reads it. */
export function rootSyncSourceKey(rootSync: { readonly spec?: any }): string | undefined {
  const spec = rootSync.spec ?? {};
  if (spec.sourceType === 'helm' && spec.helm) return `helm ${spec.helm.repo} ${spec.helm.chart} ${spec.helm.version}`;
  if ((spec.sourceType ?? 'git') === 'git' && spec.git) return `git ${spec.git.repo} ${spec.git.revision ?? 'HEAD'} ${spec.git.dir ?? '/'}`;
  return undefined;
}

/** Namespaces that exist on every GKE cluster before anything syncs (Config Sync's own included). */
const PRESENT_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease', CONFIG_SYNC_NAMESPACE];

/** A manifest object, as far as ordering reads it. */
interface StagedObject {
  /** The object's `apiVersion`. */
  readonly apiVersion: string;
  /** The object's `kind`. */
  readonly kind: string;
  /** Its name and, for a namespaced object, its namespace. */
  readonly metadata: {
    /** The object's name. */
    readonly name: string;
    /** Its namespace. @default undefined: a cluster-scoped object */
    readonly namespace?: string;
  };
}

/**
 * Every namespaced object's namespace must exist before its stage is applied: created by the same or an earlier
 * stage, or present on every cluster. One issue per object that would be refused with "namespace not found".
 */
export function validateNamespaceOrder(cluster: string, stages: readonly { readonly stage: SyncStage; readonly objects: readonly StagedObject[] }[]): ValidationIssue[] {
  const created = new Set(PRESENT_NAMESPACES);
  const issues: ValidationIssue[] = [];
  for (const { stage, objects } of stages) {
    for (const o of objects) if (o.kind === 'Namespace' && o.apiVersion === 'v1') created.add(o.metadata.name);
    for (const o of objects) {
      const ns = o.metadata.namespace;
      if (ns === undefined || created.has(ns)) continue;
      issues.push({
        path: `${cluster} (${stage} stage)`,
        field: `${o.kind} ${ns}/${o.metadata.name}`,
        value: ns,
        problem: 'is a namespace that no stage up to this one creates, so the apply is refused',
        fix: "declare the namespace in the add-on's deployNeeds namespaces (or create it in the platform chart)",
      });
    }
  }
  return issues;
}
