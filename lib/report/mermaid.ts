/**
 * Mermaid `flowchart LR` text for the platform: one subgraph per region holding its clusters, one group of
 * tenants per cluster (one edge from the group to its cluster, so tenant edges never cross), remote networks
 * linked to the regions of their links. Pure string building, deterministic in input order.
 */

import type { LinkSummary, TenantSummary } from './platform-summaries';

/** Characters Mermaid treats as syntax in a node id; anything else becomes `_`. */
const ID_UNSAFE = /[^A-Za-z0-9_]/g;

/** A Mermaid node id: a fixed prefix (so ids never collide with keywords like `end`) and the name made safe. */
export function mermaidId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(ID_UNSAFE, '_')}`;
}

/** Text for inside `["..."]`: quotes and angle brackets as Mermaid entity codes; `<br/>` is added by callers. */
export function mermaidLabel(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

interface DiagramCluster {
  /** Cluster name, the node's first label line. */
  readonly name: string;
  /** Region whose box holds the cluster. */
  readonly region: string;
  /** Second label line, e.g. `prod · 1000 nodes`. @default none */
  readonly detail?: string;
}

interface DiagramRemoteNetwork {
  /** Remote network name, the node's first label line. */
  readonly name: string;
  /** Second label line, e.g. `AWS VPC us-west-2 · 10.8.0.0/16`. @default none */
  readonly detail?: string;
}

interface PlatformDiagram {
  /** The platform's regions, in the order they are drawn; regions of clusters and links are added. */
  readonly regions: readonly string[];
  /** Clusters, each drawn inside its region's box. */
  readonly clusters: readonly DiagramCluster[];
  /** @default no tenants */
  readonly tenants?: readonly TenantSummary[];
  /** A link's `region` may list several, comma-separated (an Interconnect's attachments). @default no links */
  readonly links?: readonly LinkSummary[];
  /** @default none beyond those the links name */
  readonly remoteNetworks?: readonly DiagramRemoteNetwork[];
}

/** Hands out one id per (prefix, name), adding `_2`, `_3`... when two names sanitize alike. */
class IdRegistry {
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();

  public id(prefix: string, name: string): string {
    const key = `${prefix}\u0000${name}`;
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const base = mermaidId(prefix, name);
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }

  public has(prefix: string, name: string): boolean {
    return this.byKey.has(`${prefix}\u0000${name}`);
  }
}

function label(...lines: (string | undefined)[]): string {
  return `"${lines
    .filter((l): l is string => !!l)
    .map(mermaidLabel)
    .join('<br/>')}"`;
}

/** The regions a link reaches: its `region`, split where an Interconnect lists several. */
function linkRegions(link: LinkSummary): string[] {
  return link.region.split(/,\s*/).filter((r) => r.length > 0);
}

/** The diagram as a fenced ```mermaid block. */
export function renderPlatformMermaid(diagram: PlatformDiagram): string {
  const ids = new IdRegistry();
  const lines: string[] = [];
  const edges: string[] = [];
  const regions = [...diagram.regions];
  const addRegion = (region: string) => {
    if (!regions.includes(region)) regions.push(region);
  };
  for (const cluster of diagram.clusters) addRegion(cluster.region);
  for (const link of diagram.links ?? []) linkRegions(link).forEach(addRegion);

  // One subgraph per region, holding its clusters.
  for (const region of regions) {
    lines.push(`  subgraph ${ids.id('region', region)}[${label(region)}]`);
    for (const cluster of diagram.clusters.filter((c) => c.region === region)) lines.push(`    ${ids.id('cluster', cluster.name)}[${label(cluster.name, cluster.detail)}]`);
    lines.push('  end');
  }

  // Tenants grouped by cluster: a tenant on two clusters appears in both groups.
  const tenants = diagram.tenants ?? [];
  const clusterNames = [...diagram.clusters.map((c) => c.name), ...tenants.flatMap((t) => t.clusters).filter((c) => !diagram.clusters.some((d) => d.name === c))];
  for (const cluster of [...new Set(clusterNames)]) {
    const members = tenants.filter((t) => t.clusters.includes(cluster));
    if (members.length === 0) continue;
    if (!ids.has('cluster', cluster)) lines.push(`  ${ids.id('cluster', cluster)}[${label(cluster)}]`);
    const group = ids.id('tenants', cluster);
    lines.push(`  subgraph ${group}[${label(`tenants on ${cluster}`)}]`);
    for (const tenant of members) lines.push(`    ${ids.id('tenant', `${cluster}/${tenant.name}`)}([${label(tenant.name, tenant.isolation)}])`);
    lines.push('  end');
    edges.push(`  ${group} --> ${ids.id('cluster', cluster)}`);
    for (const tenant of members) {
      for (const dependency of tenant.dependsOn) {
        if (members.some((m) => m.name === dependency)) edges.push(`  ${ids.id('tenant', `${cluster}/${tenant.name}`)} -.->|depends on| ${ids.id('tenant', `${cluster}/${dependency}`)}`);
      }
    }
  }

  const remoteNode = (name: string, detail?: string) => {
    const known = ids.has('remote', name);
    const id = ids.id('remote', name);
    if (!known) lines.push(`  ${id}[(${label(name, detail)})]`);
    return id;
  };
  for (const remote of diagram.remoteNetworks ?? []) remoteNode(remote.name, remote.detail);
  for (const link of diagram.links ?? []) {
    const id = ids.id('link', link.name);
    lines.push(`  ${id}{{${label(link.name, link.kind)}}}`);
    edges.push(`  ${remoteNode(link.remoteNetwork)} <--> ${id}`);
    for (const region of linkRegions(link)) edges.push(`  ${id} <--> ${ids.id('region', region)}`);
  }
  return ['```mermaid', 'flowchart LR', ...lines, ...edges, '```'].join('\n');
}
