/**
 * The deploy rehearsal: one cluster's synthesized folders applied to a fresh kube-apiserver the way Config Sync
 * applies them (lib/domain/gitops/sync-stages.ts), with only what the platform itself installs:
 *   0. what GKE installs before anything syncs: Config Sync's RootSync kind and namespace, and the cluster-admin
 *      binding Config Sync gives each root reconciler;
 *   1. the platform stage (`<cluster>/`) as the fleet's root reconciler, namespaces first;
 *   2. each prerequisite RootSync of stage 1: the CRDs of its upstream source at its pinned release, as its reconciler,
 *      from the judge's build of that release (tools.json `crds-*`), or a declared stand-in (stand-in-crds.ts);
 *   3. the add-ons stage (`<cluster>.add-ons/`) as the reconciler of the RootSync that syncs that folder.
 * An object whose kind the server does not serve at its stage is a failure, as on a real cluster; so is a
 * prerequisite without CRDs here, a stage folder no RootSync syncs, and a RootSync whose folder does not exist.
 */
import { ADD_ONS_FOLDER_SUFFIX, CONFIG_SYNC_NAMESPACE, FLEET_ROOT_SYNC, reconcilerServiceAccount, reconcilerUser, rootSyncSourceKey, stageFolder, SYNC_STAGE_LABEL } from '../../lib/domain/gitops/sync-stages';
import type { ClusterFolders } from '../../lib/report/cluster-folders';
import { describeObject, discoverResources, KubeObject, objectPath, statusMessage, typeCheckWarnings, waitForControllers } from './kube-judge';
import { crdsIn, waitEstablished } from './crd-install';
import { Judgement } from './judgement';
import { KubeServer } from './kube-server';
import { CONFIG_SYNC_STAND_IN, standInCrds, standInFor } from './stand-in-crds';

/** A CRD build of tools.json: the upstream source it stands for and its folder when built. */
export interface CrdBuild {
  readonly tool: string;
  readonly source: string;
  readonly release: string;
  readonly dir?: string;
}

const FIELD_MANAGER = 'gke-platform-rehearsal';

/** A reconciler's identity as the API server sees an impersonated service account. */
function reconciler(rootSync: string): { user: string; groups: string[] } {
  return { user: reconcilerUser(rootSync), groups: ['system:serviceaccounts', `system:serviceaccounts:${CONFIG_SYNC_NAMESPACE}`] };
}

/** Namespaces first, then CRDs, then the rest: the order Config Sync's applier uses within one sync. */
function applyOrder(object: KubeObject): number {
  return object.kind === 'Namespace' ? 0 : object.kind === 'CustomResourceDefinition' ? 1 : 2;
}

export class DeployRehearsal {
  private readonly failures: string[] = [];
  private readonly caveats: string[] = [];
  private checked = 0;
  private passed = 0;

  constructor(
    private readonly server: KubeServer,
    private readonly folders: ClusterFolders,
    private readonly target: string,
    private readonly version: string,
    private readonly builds: readonly CrdBuild[],
  ) {}

  async run(): Promise<Judgement> {
    const { cluster } = this.folders;
    const stage = (name: 'platform' | 'add-ons') => [...(this.folders.stages.find((s) => s.stage === name)?.objects ?? [])] as KubeObject[];
    const platform = stage('platform');
    const addOns = stage('add-ons');
    const rootSyncs = platform.filter((o) => o.kind === 'RootSync');

    await this.installWhatGkeInstalls(rootSyncs.map((r) => r.metadata.name));
    await this.applyStage(`stage 1 (${stageFolder(cluster, 'platform')}/)`, platform, FLEET_ROOT_SYNC);
    for (const rootSync of rootSyncs.filter((r) => (r.metadata.labels as Record<string, string> | undefined)?.[SYNC_STAGE_LABEL] === 'prerequisite')) await this.installPrerequisite(rootSync);

    const folder = stageFolder(cluster, 'add-ons');
    const syncing = rootSyncs.filter((r) => String((r.spec as any)?.git?.dir ?? '').endsWith(`/${folder}`) || (r.spec as any)?.git?.dir === folder);
    if (addOns.length > 0 && syncing.length === 0) this.fail(`${folder}/ holds ${addOns.length} object(s) but no RootSync syncs it: they would never be applied`);
    for (const r of rootSyncs.filter((r) => String((r.spec as any)?.git?.dir ?? '').endsWith(ADD_ONS_FOLDER_SUFFIX) && !syncing.includes(r)))
      this.fail(`RootSync ${r.metadata.name} syncs ${(r.spec as any).git.dir}, which is not this cluster's add-ons folder (${folder})`);
    if (syncing.length > 0 && addOns.length === 0) this.fail(`RootSync ${syncing[0].metadata.name} syncs ${folder}/, which holds no object: Config Sync would report the folder missing`);
    if (addOns.length > 0 && syncing.length > 0) await this.applyStage(`stage 3 (${folder}/)`, addOns, syncing[0].metadata.name);

    this.failures.push(...(await typeCheckWarnings(this.server, this.target)));
    this.failures.push(...(await waitForControllers(this.server, [...platform, ...addOns])).map((f) => `${this.target}: ${f}`));
    return {
      judge: 'kube-apiserver apply',
      version: this.version,
      target: this.target,
      checked: this.checked,
      passed: this.passed,
      failed: this.failures.length,
      skipped: 0,
      failures: this.failures,
      caveats: this.caveats.length > 0 ? this.caveats : undefined,
    };
  }

  private fail(message: string): void {
    this.failures.push(`${this.target}: ${message}`);
  }

  /** Config Sync's namespace and RootSync kind, and cluster-admin for each root reconciler (Config Sync binds them so). */
  private async installWhatGkeInstalls(rootSyncs: readonly string[]): Promise<void> {
    await this.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: CONFIG_SYNC_NAMESPACE } }, undefined, 'setup');
    await this.installCrds(standInCrds(CONFIG_SYNC_STAND_IN) as KubeObject[], undefined, 'setup');
    for (const name of [FLEET_ROOT_SYNC, ...rootSyncs]) {
      const account = reconcilerServiceAccount(name);
      await this.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace: CONFIG_SYNC_NAMESPACE } }, undefined, 'setup');
      await this.apply(
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: `configsync-${account}` },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
          subjects: [{ kind: 'ServiceAccount', name: account, namespace: CONFIG_SYNC_NAMESPACE }],
        } as KubeObject,
        undefined,
        'setup',
      );
    }
    await this.waitForRights([FLEET_ROOT_SYNC, ...rootSyncs]);
    if (rootSyncs.length > 0) this.caveats.push(`RootSync is served by a stand-in CRD without its schema: ${CONFIG_SYNC_STAND_IN.reason}`);
  }

  /**
   * The API server's RBAC authorizer learns of new bindings through its informer: until each reconciler may patch
   * namespaces (asked as that reconciler, a SelfSubjectAccessReview), the stages would meet a 403 of the lag, not of
   * the manifests. At most 30 s.
   */
  private async waitForRights(rootSyncs: readonly string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    let pending = [...rootSyncs];
    while (pending.length > 0 && Date.now() < deadline) {
      const still: string[] = [];
      for (const name of pending) {
        const review = await this.server.request(
          'POST',
          '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'patch', resource: 'namespaces' } } },
          reconciler(name),
        );
        if (review.body?.status?.allowed !== true) still.push(name);
      }
      pending = still;
      if (pending.length > 0) await new Promise((done) => setTimeout(done, 300));
    }
    if (pending.length > 0) this.fail(`the cluster-admin binding of ${pending.map(reconcilerUser).join(', ')} did not take effect within 30 s`);
  }

  /** The CRDs of one prerequisite's source at its pinned release, applied as its reconciler. */
  private async installPrerequisite(rootSync: KubeObject): Promise<void> {
    const key = rootSyncSourceKey({ spec: rootSync.spec });
    const name = rootSync.metadata.name;
    const build = this.builds.find((b) => b.source === key);
    if (build?.dir) {
      await this.installCrds(crdsIn(build.dir), name, `prerequisite ${name}`);
      return;
    }
    if (build) return this.fail(`prerequisite ${name} (${key}): its CRDs (${build.tool}) are not built; npm run conformance -- --tools-only builds them`);
    const standIn = key ? standInFor(key) : undefined;
    if (standIn) {
      await this.installCrds(standInCrds(standIn) as KubeObject[], name, `prerequisite ${name}`);
      this.caveats.push(`${standIn.kinds.map((k) => k.kind).join(', ')} (prerequisite ${name}, ${key}) served by a stand-in CRD without its schema: ${standIn.reason}`);
      return;
    }
    this.fail(`prerequisite ${name} (${key ?? 'no source'}): the rehearsal has no CRDs of that release; add a crds-* build of it to scripts/conformance/tools.json (or pin the release that is there)`);
  }

  /** Applies CRDs and waits until each is established and discoverable. */
  private async installCrds(crds: readonly KubeObject[], rootSync: string | undefined, what: string): Promise<void> {
    for (const crd of crds) await this.apply(crd, rootSync, what);
    const pending = await waitEstablished(
      this.server,
      crds.map((c) => c.metadata.name),
    );
    if (pending.length > 0) this.fail(`${what}: CRDs not established within 60 s: ${pending.join(', ')}`);
  }

  /** One stage: every object, namespaces first, as the stage's reconciler; an unserved kind is a failure. */
  private async applyStage(what: string, objects: readonly KubeObject[], rootSync: string): Promise<void> {
    const sorted = [...objects].sort((a, b) => applyOrder(a) - applyOrder(b));
    for (const object of sorted) {
      this.checked += 1;
      if (await this.apply(object, rootSync, what)) this.passed += 1;
    }
  }

  /** Server-side apply of one object, as `rootSync`'s reconciler (or the judge for setup); true when accepted. */
  private async apply(object: KubeObject, rootSync: string | undefined, what: string): Promise<boolean> {
    const resources = await this.resources(object);
    const resource = resources.get(`${object.apiVersion}/${object.kind}`);
    if (!resource) {
      this.fail(`${what}: ${describeObject(object)}: ${object.apiVersion} ${object.kind} is not served at this stage (no earlier stage installs its CRD): Config Sync would refuse the whole sync`);
      return false;
    }
    const path = `${objectPath(resource, object.apiVersion, object.metadata.namespace, object.metadata.name)}?fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict`;
    const response = await this.server.request('PATCH', path, object, rootSync ? reconciler(rootSync) : undefined, 'application/apply-patch+yaml');
    if (response.status >= 200 && response.status < 300) return true;
    this.fail(`${what}${rootSync ? ` as ${reconcilerUser(rootSync)}` : ''}: ${describeObject(object)}: HTTP ${response.status}: ${statusMessage(response)}`);
    return false;
  }

  private discovered?: Awaited<ReturnType<typeof discoverResources>>;

  /** Discovery, refreshed when a kind is missing (a CRD established since the last look). */
  private async resources(object: KubeObject): Promise<Awaited<ReturnType<typeof discoverResources>>> {
    if (!this.discovered || !this.discovered.has(`${object.apiVersion}/${object.kind}`)) this.discovered = await discoverResources(this.server);
    return this.discovered;
  }
}
