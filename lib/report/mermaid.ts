/**
 * Mermaid `graph LR` text for the platform: regions → clusters, tenants → clusters, and
 * remote networks ↔ links ↔ regions. Pure string building, deterministic in input order.
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

export interface DiagramCluster {
  readonly name: string;
  readonly region: string;
  /** Second label line, e.g. `prod · 1000 nodes`. */
  readonly detail?: string;
}

export interface DiagramRemoteNetwork {
  readonly name: string;
  readonly detail?: string;
}

export interface PlatformDiagram {
  readonly regions: readonly string[];
  readonly clusters: readonly DiagramCluster[];
  readonly tenants?: readonly TenantSummary[];
  readonly links?: readonly LinkSummary[];
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
  return `"${lines.filter((l): l is string => !!l).map(mermaidLabel).join('<br/>')}"`;
}

/** The diagram as a fenced ```mermaid block. */
export function renderPlatformMermaid(diagram: PlatformDiagram): string {
  const ids = new IdRegistry();
  const nodes: string[] = [];
  const edges: string[] = [];
  const regions = [...diagram.regions];
  const ensureRegion = (region: string) => {
    if (!regions.includes(region)) regions.push(region);
    return ids.id('region', region);
  };
  for (const cluster of diagram.clusters) ensureRegion(cluster.region);
  for (const link of diagram.links ?? []) ensureRegion(link.region);

  const gcp: string[] = ['  subgraph gcp["Google Cloud"]'];
  for (const region of regions) gcp.push(`    ${ids.id('region', region)}[${label(region)}]`);
  for (const cluster of diagram.clusters) {
    gcp.push(`    ${ids.id('cluster', cluster.name)}[${label(cluster.name, cluster.detail)}]`);
    edges.push(`  ${ids.id('region', cluster.region)} --> ${ids.id('cluster', cluster.name)}`);
  }
  gcp.push('  end');
  nodes.push(...gcp);

  const tenantNode = (name: string, isolation?: string) => {
    const known = ids.has('tenant', name);
    const id = ids.id('tenant', name);
    if (!known) nodes.push(`  ${id}([${label(`tenant ${name}`, isolation)}])`);
    return id;
  };
  const clusterNode = (name: string) => {
    const known = ids.has('cluster', name);
    const id = ids.id('cluster', name);
    if (!known) nodes.push(`  ${id}[${label(name)}]`);
    return id;
  };
  for (const tenant of diagram.tenants ?? []) tenantNode(tenant.name, tenant.isolation);
  for (const tenant of diagram.tenants ?? []) {
    const id = ids.id('tenant', tenant.name);
    for (const cluster of tenant.clusters) edges.push(`  ${id} -->|${mermaidLabel(tenant.isolation)}| ${clusterNode(cluster)}`);
    for (const dependency of tenant.dependsOn) edges.push(`  ${id} -.->|depends on| ${tenantNode(dependency)}`);
  }

  const remoteNode = (name: string, detail?: string) => {
    const known = ids.has('remote', name);
    const id = ids.id('remote', name);
    if (!known) nodes.push(`  ${id}[(${label(name, detail)})]`);
    return id;
  };
  for (const remote of diagram.remoteNetworks ?? []) remoteNode(remote.name, remote.detail);
  for (const link of diagram.links ?? []) {
    const id = ids.id('link', link.name);
    nodes.push(`  ${id}{{${label(link.name, link.kind)}}}`);
    edges.push(`  ${remoteNode(link.remoteNetwork)} <--> ${id}`);
    edges.push(`  ${id} <--> ${ids.id('region', link.region)}`);
  }
  return ['```mermaid', 'graph LR', ...nodes, ...edges, '```'].join('\n');
}
