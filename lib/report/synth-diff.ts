import { changedPaths, sameValue, stableJson, valueAt } from './private/json-diff';
import { code } from './private/markdown';
import { CRITICAL_RESOURCE_TYPES, isSensitivePath, REPLACEMENT_RULES } from './replacement-rules';
import { poolSuccessorAdvice } from './pool-successor-advice';
import { ManifestObject, ManifestRef, readSynthTree, SynthTree } from './synth-tree';
import { successorGenerationProposal } from '../domain/platform/successor-generation';

interface TerraformResourceRef {
  /** `<stack>/<type>.<name>` */
  readonly key: string;
  /** Stack (Terraform state) the resource belongs to. */
  readonly stack: string;
  /** Terraform resource type. */
  readonly type: string;
  /** Terraform resource name inside the stack. */
  readonly name: string;
}

interface TerraformResourceChange extends TerraformResourceRef {
  /** Changed attribute paths, e.g. `node_config.machine_type`. */
  readonly paths: readonly string[];
}

interface ManifestChange extends ManifestRef {
  /** Changed paths inside the object, e.g. `spec.hard.pods`. */
  readonly paths: readonly string[];
}

type CriticalFindingKind =
  /** A critical resource (or a Namespace) disappears. */
  | 'removed'
  /** The same resource under a new Terraform address: destroy and create unless state is moved. */
  | 'address-change'
  /** A change to an argument the provider marks as forcing a new resource. */
  | 'likely-replacement'
  /** Updated in place, but with an outage. */
  | 'disruptive-change';

export interface CriticalFinding {
  /** What kind of finding it is; decides its order and its `--fail-on` level. */
  readonly kind: CriticalFindingKind;
  /** The resource (for address changes: the old address). */
  readonly key: string;
  /** For address changes: the new address. @default none */
  readonly newKey?: string;
  /** Terraform resource type, or `Namespace` for a removed namespace. */
  readonly type: string;
  /** One sentence for a reviewer. */
  readonly detail: string;
  /** Arguments involved, for replacements and disruptive changes. @default none */
  readonly attributes?: readonly string[];
  /**
   * For a GKE cluster a definition change replaces: the change that builds a successor generation instead
   * (successorGenerationProposal), or for a node pool the successor pool to declare (poolSuccessorAdvice). @default none
   */
  readonly proposal?: string;
}

export interface SynthDiff {
  /** Sorted: removed, address changes, likely replacements, disruptive changes; then by key. */
  readonly critical: readonly CriticalFinding[];
  /** Terraform resources added, changed and removed, by address. */
  readonly terraform: {
    /** Resources only the new output has, sorted by key (`<stack>/<type>.<name>`). */
    readonly added: readonly TerraformResourceRef[];
    /** Resources in both whose arguments differ, with the changed paths, sorted by key. */
    readonly changed: readonly TerraformResourceChange[];
    /** Resources only the old output has (Terraform destroys them), sorted by key. */
    readonly removed: readonly TerraformResourceRef[];
  };
  /** Kubernetes objects added, changed and removed, by cluster and identity. */
  readonly manifests: {
    /** Objects only the new output has, sorted by key (cluster and identity). */
    readonly added: readonly ManifestRef[];
    /** Objects in both whose content differs, with the changed paths, sorted by key. */
    readonly changed: readonly ManifestChange[];
    /** Objects only the old output has (pruned by a GitOps sync that prunes), sorted by key. */
    readonly removed: readonly ManifestRef[];
  };
}

/** What removing each critical type does; said once in the finding. */
const REMOVAL_IMPACT: Readonly<Record<string, string>> = {
  google_container_cluster: 'the cluster and every workload on it are destroyed',
  google_container_node_pool: 'its nodes are drained and deleted',
  google_compute_network: 'the VPC and everything attached to it go away',
  google_compute_subnetwork: 'nodes and pods in its ranges lose their network',
  google_compute_vpn_tunnel: 'the BGP session over this tunnel drops',
  google_compute_ha_vpn_gateway: 'every tunnel on this gateway goes down',
  google_compute_interconnect_attachment: 'the VLAN attachment and its BGP session go away',
  google_compute_router: 'its BGP sessions and NAT stop',
  aws_vpn_connection: 'both AWS tunnels go down',
  aws_customer_gateway: 'the VPN connections that use it go down',
  aws_ec2_transit_gateway: 'every attachment routed through it is cut',
  Namespace: 'a GitOps engine that prunes deletes the namespace and everything in it',
};

const SEVERITY: Readonly<Record<CriticalFindingKind, number>> = { removed: 0, 'address-change': 1, 'likely-replacement': 2, 'disruptive-change': 3 };

interface TfEntry extends TerraformResourceRef {
  readonly body: unknown;
}

function terraformEntries(tree: SynthTree): Map<string, TfEntry> {
  const entries = new Map<string, TfEntry>();
  for (const [stack, resources] of tree.stacks) {
    for (const [type, byName] of Object.entries(resources)) {
      for (const [name, body] of Object.entries(byName ?? {})) {
        const key = `${stack}/${type}.${name}`;
        entries.set(key, { key, stack, type, name, body });
      }
    }
  }
  return entries;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const tfRef = ({ key, stack, type, name }: TerraformResourceRef): TerraformResourceRef => ({ key, stack, type, name });
const manifestRef = ({ key, cluster, apiVersion, kind, namespace, name }: ManifestObject): ManifestRef => ({ key, cluster, apiVersion, kind, namespace, name });

function shortValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = stableJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** How many instances of a nested block a value holds: cdktf writes one block as an object or a one-element list. */
function blockCount(value: unknown): number {
  if (value === undefined || value === null) return 0;
  return Array.isArray(value) ? value.filter((item) => item !== undefined && item !== null).length : 1;
}

function resourceName(body: unknown): string | undefined {
  const name = valueAt(body, 'name');
  return typeof name === 'string' ? name : undefined;
}

/**
 * Pairs removed and added resources of one critical type that are the same thing under a new address:
 * same `name` argument first, then a lone removal and a lone addition in the same stack.
 */
function pairAddressChanges(removed: TfEntry[], added: TfEntry[]): [TfEntry, TfEntry][] {
  const pairs: [TfEntry, TfEntry][] = [];
  const freeAdded = new Set(added);
  const freeRemoved = new Set(removed);
  for (const old of removed) {
    const name = resourceName(old.body);
    if (name === undefined) continue;
    const candidates = [...freeAdded].filter((a) => a.type === old.type && resourceName(a.body) === name);
    const match = candidates.find((a) => a.stack === old.stack) ?? candidates[0];
    if (match) {
      pairs.push([old, match]);
      freeAdded.delete(match);
      freeRemoved.delete(old);
    }
  }
  const groups = new Map<string, { removed: TfEntry[]; added: TfEntry[] }>();
  for (const entry of freeRemoved) {
    const group = groups.get(`${entry.stack}\u0000${entry.type}`) ?? { removed: [], added: [] };
    group.removed.push(entry);
    groups.set(`${entry.stack}\u0000${entry.type}`, group);
  }
  for (const entry of freeAdded) groups.get(`${entry.stack}\u0000${entry.type}`)?.added.push(entry);
  for (const group of groups.values()) if (group.removed.length === 1 && group.added.length === 1) pairs.push([group.removed[0], group.added[0]]);
  return pairs;
}

/** Compares two synthesized trees already read into memory. Pure. */
export function diffSynthOutputs(before: SynthTree, after: SynthTree): SynthDiff {
  const oldTf = terraformEntries(before);
  const newTf = terraformEntries(after);
  const added = [...newTf.values()].filter((e) => !oldTf.has(e.key)).sort(byKey);
  const removed = [...oldTf.values()].filter((e) => !newTf.has(e.key)).sort(byKey);
  const changed: TerraformResourceChange[] = [];
  const critical: CriticalFinding[] = [];

  for (const [key, next] of [...newTf.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const previous = oldTf.get(key);
    if (!previous || sameValue(previous.body, next.body)) continue;
    changed.push({ ...tfRef(next), paths: changedPaths(previous.body, next.body) });
    const rule = REPLACEMENT_RULES.find((r) => r.type === next.type);
    if (!rule) continue;
    const blocks = new Set(rule.blocks ?? []);
    const forcing = rule.forceNew.filter((path) => (blocks.has(path) ? blockCount(valueAt(previous.body, path)) !== blockCount(valueAt(next.body, path)) : !sameValue(valueAt(previous.body, path), valueAt(next.body, path))));
    if (forcing.length > 0) {
      const what = forcing.map((path) => (isSensitivePath(path) ? `${code(path)} (sensitive value changed)` : `${code(path)} (${code(shortValue(valueAt(previous.body, path)))} → ${code(shortValue(valueAt(next.body, path)))})`)).join(', ');
      // A replaced cluster or node pool goes all at once: the definition can declare a successor generation or pool instead.
      const proposal =
        next.type === 'google_container_cluster'
          ? successorGenerationProposal(previous.body as Record<string, unknown>, next.body as Record<string, unknown>, forcing)
          : next.type === 'google_container_node_pool' && resourceName(next.body) !== undefined
            ? poolSuccessorAdvice(resourceName(next.body)!, forcing)
            : undefined;
      critical.push({ kind: 'likely-replacement', key, type: next.type, attributes: forcing, detail: `${what} ${forcing.length === 1 ? 'forces' : 'force'} a new resource (${rule.source})`, ...(proposal ? { proposal } : {}) });
    }
    const disruptive = (rule.disruptive ?? []).filter((d) => !sameValue(valueAt(previous.body, d.path), valueAt(next.body, d.path)));
    if (disruptive.length > 0) {
      critical.push({ kind: 'disruptive-change', key, type: next.type, attributes: disruptive.map((d) => d.path), detail: disruptive.map((d) => `${code(d.path)} ${d.why}`).join('; ') });
    }
  }

  const isCritical = (e: TfEntry) => CRITICAL_RESOURCE_TYPES.includes(e.type);
  const pairs = pairAddressChanges(removed.filter(isCritical), added.filter(isCritical));
  const paired = new Set(pairs.map(([old]) => old.key));
  for (const [old, next] of pairs) {
    critical.push({
      kind: 'address-change',
      key: old.key,
      newKey: next.key,
      type: old.type,
      detail: `the same ${old.type} under a new address: Terraform destroys the old one and creates the new one unless the state is moved (a \`moved\` block or \`terraform state mv\`) or the construct id is kept`,
    });
  }
  for (const old of removed.filter((e) => isCritical(e) && !paired.has(e.key))) {
    critical.push({ kind: 'removed', key: old.key, type: old.type, detail: REMOVAL_IMPACT[old.type] ?? 'it is destroyed' });
  }

  const manifestsAdded = [...after.manifests.values()]
    .filter((m) => !before.manifests.has(m.key))
    .map(manifestRef)
    .sort(byKey);
  const manifestsRemoved = [...before.manifests.values()]
    .filter((m) => !after.manifests.has(m.key))
    .map(manifestRef)
    .sort(byKey);
  const manifestsChanged: ManifestChange[] = [];
  for (const next of [...after.manifests.values()].sort(byKey)) {
    const previous = before.manifests.get(next.key);
    if (previous && !sameValue(previous.body, next.body)) manifestsChanged.push({ ...manifestRef(next), paths: changedPaths(previous.body, next.body) });
  }
  for (const gone of manifestsRemoved.filter((m) => m.kind === 'Namespace')) {
    critical.push({ kind: 'removed', key: gone.key, type: 'Namespace', detail: REMOVAL_IMPACT.Namespace });
  }

  // A pool replaced with its cluster goes with the cluster's generation: no successor pool for it.
  const replacedClusterStacks = new Set(critical.filter((f) => f.kind === 'likely-replacement' && f.type === 'google_container_cluster').map((f) => f.key.split('/')[0]));
  for (const [i, f] of critical.entries()) {
    if (f.type === 'google_container_node_pool' && f.proposal && replacedClusterStacks.has(f.key.split('/')[0])) {
      const { proposal: _proposal, ...rest } = f;
      critical[i] = rest;
    }
  }
  critical.sort((a, b) => SEVERITY[a.kind] - SEVERITY[b.kind] || byKey(a, b));
  return {
    critical,
    terraform: { added: added.map(tfRef), changed, removed: removed.map(tfRef) },
    manifests: { added: manifestsAdded, changed: manifestsChanged, removed: manifestsRemoved },
  };
}

/** Reads two synthesized trees (see readSynthTree) and compares them. */
export function diffSynthTrees(before: string, after: string): SynthDiff {
  return diffSynthOutputs(readSynthTree(before), readSynthTree(after));
}

const FINDING_LABEL: Readonly<Record<CriticalFindingKind, string>> = {
  removed: 'Deletion',
  'address-change': 'Destroy and create (address changed)',
  'likely-replacement': 'Likely replacement',
  'disruptive-change': 'Disruptive in-place change',
};

/** Changed paths, shortened: a reviewer needs the gist, the JSON has the rest. */
function pathList(paths: readonly string[]): string {
  const shown = paths.slice(0, 8).map(code).join(', ');
  return paths.length > 8 ? `${shown} and ${paths.length - 8} more` : shown;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function renderGroups<A extends { key: string }, C extends { key: string; paths: readonly string[] }>(
  title: string,
  group: (item: { key: string }) => string,
  local: (item: A | C) => string,
  diff: { added: readonly A[]; changed: readonly C[]; removed: readonly A[] },
  out: string[],
): void {
  const all = [...diff.added, ...diff.changed, ...diff.removed];
  // Appended one by one, not spread into push(): a call takes at most ~125,000 arguments, a first diff has more lines.
  const append = (lines: readonly string[]) => lines.forEach((line) => out.push(line));
  for (const [name] of groupBy(all, group)) {
    out.push('', `#### ${title} ${code(name)}`);
    const added = diff.added.filter((a) => group(a) === name);
    const changed = diff.changed.filter((c) => group(c) === name);
    const removed = diff.removed.filter((r) => group(r) === name);
    if (added.length) append(['', `Added (${added.length}):`, '', ...added.map((a) => `- ${code(local(a))}`)]);
    if (changed.length) append(['', `Changed (${changed.length}):`, '', ...changed.map((c) => `- ${code(local(c))}: ${pathList(c.paths)}`)]);
    if (removed.length) append(['', `Removed (${removed.length}):`, '', ...removed.map((r) => `- ${code(local(r))}`)]);
  }
}

/**
 * The diff as Markdown for a PR comment: a summary line, critical findings first, then Terraform
 * resources per stack and manifests per cluster. Deterministic ordering throughout.
 */
export function renderSynthDiff(diff: SynthDiff): string {
  const tf = diff.terraform;
  const k8s = diff.manifests;
  const total = tf.added.length + tf.changed.length + tf.removed.length + k8s.added.length + k8s.changed.length + k8s.removed.length;
  const lines = ['## Synthesized output diff', ''];
  lines.push(
    `**Summary:** ${diff.critical.length > 0 ? `⚠️ ${diff.critical.length} critical · ` : ''}Terraform: ${tf.added.length} added, ${tf.changed.length} changed, ${tf.removed.length} removed · Manifests: ${k8s.added.length} added, ${k8s.changed.length} changed, ${k8s.removed.length} removed`,
  );
  if (total === 0) return [...lines, '', 'No differences in the synthesized output.', ''].join('\n');
  if (diff.critical.length > 0) {
    lines.push('', '### ⚠️ Replacements and deletions of critical infrastructure', '');
    for (const finding of diff.critical) {
      const target = finding.newKey ? `${code(finding.key)} → ${code(finding.newKey)}` : code(finding.key);
      lines.push(`- **${FINDING_LABEL[finding.kind]}** ${target}: ${finding.detail}`);
      if (finding.proposal) lines.push(`  - **Instead:** ${finding.proposal}`);
    }
    lines.push('', '> Read from the synthesized JSON and a table of arguments the providers mark as forcing a new resource: only `terraform plan` against the real state confirms a replacement.');
  }
  if (tf.added.length + tf.changed.length + tf.removed.length > 0) {
    lines.push('', '### Terraform resources');
    renderGroups(
      'Stack',
      (r) => (r as TerraformResourceRef).stack,
      (r) => `${(r as TerraformResourceRef).type}.${(r as TerraformResourceRef).name}`,
      tf,
      lines,
    );
  }
  if (k8s.added.length + k8s.changed.length + k8s.removed.length > 0) {
    lines.push('', '### Manifests');
    renderGroups(
      'Cluster',
      (m) => (m as ManifestRef).cluster,
      (m) => {
        const ref = m as ManifestRef;
        return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} (${ref.apiVersion})`;
      },
      k8s,
      lines,
    );
  }
  return lines.join('\n') + '\n';
}
