/**
 * What an add-on's objects need on a cluster before they can be applied: the upstream projects' CRDs (and what
 * else those projects ship with them), referenced by pinned version the way each project distributes them (a Helm
 * chart at a version, a folder of a Git repository at a tag), and the namespaces its objects live in. Nothing of
 * another project is vendored: the GitOps engine fetches each source at its pinned version. Pure: plain data.
 */
import type { ValidationIssue } from '../validation-error';

/** A Helm chart of a chart repository, at a pinned version (Config Sync's `sourceType: helm`). */
export interface HelmChartSource {
  /** Always `helm`. */
  readonly type: 'helm';
  /** The chart repository's URL, e.g. `https://istio-release.storage.googleapis.com/charts`. */
  readonly repo: string;
  /** The chart's name in the repository, e.g. `base`. */
  readonly chart: string;
  /** The chart version, pinned exactly (no ranges), e.g. `1.31.4`. */
  readonly version: string;
  /** The namespace the chart's namespaced objects are installed in (declare it in `namespaces`). */
  readonly namespace: string;
}

/** A folder of a Git repository at a pinned tag or commit (Config Sync's `sourceType: git`). */
export interface GitFolderSource {
  /** Always `git`. */
  readonly type: 'git';
  /** The repository's https clone URL, e.g. `https://github.com/argoproj/argo-cd.git`. */
  readonly repo: string;
  /** A release tag or a full commit hash; never a branch, so the content cannot move under the pin. */
  readonly revision: string;
  /** The folder inside the repository, e.g. `manifests/crds`. */
  readonly dir: string;
}

/** Where a prerequisite's manifests come from, as the upstream project publishes them. */
export type UpstreamSource = HelmChartSource | GitFolderSource;

/** One upstream install an add-on's objects need on a cluster, applied before them. */
export interface DeployPrerequisite {
  /**
   * Unique on the cluster, a DNS label of at most 40 characters (it names the engine's sync object, e.g. the
   * RootSync `istio-base` and its reconciler `root-reconciler-istio-base`). Renaming it re-creates that sync.
   */
  readonly name: string;
  /** What it installs, for people, e.g. `Istio 1.31.4 base chart: the Istio CRDs`. */
  readonly description: string;
  /** The upstream source at its pinned version. */
  readonly source: UpstreamSource;
  /**
   * The API groups whose CRDs this source installs. Objects of these groups are applied in the add-ons stage,
   * after the prerequisites; every other object in the platform stage, which therefore never waits for them.
   */
  readonly providesGroups: readonly string[];
}

/** What an add-on needs on one cluster at deploy time. */
export interface AddOnDeployNeeds {
  /** Upstream installs (CRDs, operators) its objects need, applied first. @default none */
  readonly prerequisites?: readonly DeployPrerequisite[];
  /** Namespaces its objects (or its prerequisites' objects) live in; created by the platform stage. @default none */
  readonly namespaces?: readonly string[];
}

/** A prerequisite together with the add-on that declared it. */
export interface DeclaredPrerequisite extends DeployPrerequisite {
  /** The add-on that declared it. */
  readonly addOn: string;
}

/** Everything the enabled add-ons need on one cluster, merged. */
export interface ClusterDeployNeeds {
  /** Every add-on's prerequisites, in the definition's order of the add-ons. */
  readonly prerequisites: readonly DeclaredPrerequisite[];
  /** Every namespace an add-on declared, once each, sorted, with the add-ons that need it. */
  readonly namespaces: readonly {
    /** The namespace. */
    readonly name: string;
    /** The add-ons that declared it, in the definition's order. */
    readonly addOns: readonly string[];
  }[];
  /** The API groups the prerequisites provide: objects of these groups go to the add-ons stage. */
  readonly providedGroups: ReadonlySet<string>;
}

const NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HTTPS_URL = /^https:\/\/[^\s]+$/;
/** An exact version: no ranges, no `latest`. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const COMMIT = /^[0-9a-f]{40}$/;

/** The API groups Kubernetes itself serves: a prerequisite cannot claim to provide them. */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'policy',
  'autoscaling',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'node.k8s.io',
  'certificates.k8s.io',
]);

/** The API group of an object's `apiVersion` (`''` for the core group). */
export function apiGroupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Checks what one add-on declared for one cluster; `path` is `addOns[<name>] on <cluster>`. */
export function validateDeployNeeds(path: string, needs: AddOnDeployNeeds): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [i, p] of (needs.prerequisites ?? []).entries()) {
    const at = `${path}: prerequisites[${i}]`;
    if (!NAME.test(p.name)) issues.push({ path: at, field: 'name', value: p.name, problem: 'is not a lower-case DNS label of at most 40 characters', fix: "name it after what it installs, e.g. 'istio-base'" });
    if (!HTTPS_URL.test(p.source.repo)) issues.push({ path: at, field: 'source.repo', value: p.source.repo, problem: 'is not an https:// URL', fix: "give the upstream project's published https URL" });
    if (p.source.type === 'helm') {
      if (!EXACT_VERSION.test(p.source.version)) issues.push({ path: at, field: 'source.version', value: p.source.version, problem: 'is not an exact chart version', fix: "pin one release, e.g. '1.31.4'" });
      if (!DNS_LABEL.test(p.source.namespace)) issues.push({ path: at, field: 'source.namespace', value: p.source.namespace, problem: 'is not a DNS-1123 label', fix: "give the chart's namespace, e.g. 'istio-system'" });
    } else {
      if (!EXACT_VERSION.test(p.source.revision) && !COMMIT.test(p.source.revision))
        issues.push({ path: at, field: 'source.revision', value: p.source.revision, problem: 'is neither a release tag nor a full commit hash (a branch would move under the pin)', fix: "pin a release tag, e.g. 'v3.6.2'" });
      if (p.source.dir.startsWith('/') || p.source.dir.split('/').includes('..') || p.source.dir.trim() === '')
        issues.push({ path: at, field: 'source.dir', value: p.source.dir, problem: 'is not a relative folder of the repository', fix: "give the folder the project publishes its manifests in, e.g. 'manifests/crds'" });
    }
    if (p.providesGroups.length === 0) issues.push({ path: at, field: 'providesGroups', value: [], problem: 'is empty', fix: 'list the API groups whose CRDs the source installs' });
    for (const group of p.providesGroups) {
      if (BUILT_IN_GROUPS.has(group)) issues.push({ path: at, field: 'providesGroups', value: group, problem: 'is a group Kubernetes itself serves', fix: "list only the groups of the upstream project's CRDs" });
    }
  }
  for (const ns of needs.namespaces ?? []) {
    if (!DNS_LABEL.test(ns)) issues.push({ path, field: 'namespaces', value: ns, problem: 'is not a DNS-1123 label', fix: 'use the namespace the objects are written to' });
  }
  return issues;
}

/**
 * Merges the add-ons' needs on one cluster. Two add-ons may need the same namespace; two prerequisites may not
 * share a name, nor two sources claim the same API group (the engine would apply the CRDs twice, fighting).
 */
export function mergeDeployNeeds(cluster: string, declared: readonly { readonly addOn: string; readonly needs: AddOnDeployNeeds }[]): { needs: ClusterDeployNeeds; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const prerequisites: DeclaredPrerequisite[] = [];
  const namespaces = new Map<string, string[]>();
  const groupOwner = new Map<string, string>();
  for (const { addOn, needs } of declared) {
    const path = `addOns[${addOn}] on ${cluster}`;
    issues.push(...validateDeployNeeds(path, needs));
    for (const p of needs.prerequisites ?? []) {
      const twin = prerequisites.find((q) => q.name === p.name);
      if (twin) issues.push({ path, field: 'prerequisites.name', value: p.name, problem: `is also declared by add-on ${twin.addOn}`, fix: 'give each prerequisite a name of its own, e.g. prefixed with the add-on' });
      for (const group of p.providesGroups) {
        const owner = groupOwner.get(group);
        if (owner) issues.push({ path, field: 'prerequisites.providesGroups', value: group, problem: `is already provided by prerequisite ${owner}`, fix: 'install each CRD group from one source only' });
        else groupOwner.set(group, p.name);
      }
      prerequisites.push({ ...p, addOn });
    }
    for (const ns of needs.namespaces ?? []) namespaces.set(ns, [...(namespaces.get(ns) ?? []), addOn]);
  }
  return {
    needs: {
      prerequisites,
      namespaces: [...namespaces.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, addOns]) => ({ name, addOns })),
      providedGroups: new Set(groupOwner.keys()),
    },
    issues,
  };
}

/**
 * One line that identifies an upstream source at its version: `helm <repo> <chart> <version>` or
 * `git <repo> <revision> <dir>`. The deploy rehearsal finds the CRDs it built for a prerequisite by this key.
 */
export function upstreamSourceKey(source: UpstreamSource): string {
  return source.type === 'helm' ? `helm ${source.repo} ${source.chart} ${source.version}` : `git ${source.repo} ${source.revision} ${source.dir}`;
}
