import { ResolvedIpPlan } from './resolved-ip-plan';
import { DEFAULT_POOL_KIND } from './special-ranges';

/** Renders rows as a fixed-width text table: the first row is the header. */
function renderTable(rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...rows): a call takes at most ~125,000 arguments.
  const widths = rows[0].map(() => 0);
  for (const row of rows) widths.forEach((w, column) => (widths[column] = Math.max(w, (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

// 'new' ranges are recorded by --write or a local synth, and refused when frozen; stderr says which happened.
const STATUS_LABEL = { locked: 'recorded', new: 'NEW', orphaned: 'orphaned (reserved until released)' } as const;

/** The plan as a person reads it: pools, reservations, allocations, and per-cluster capacity. */
export function formatPlan(plan: ResolvedIpPlan): string {
  const sections: string[] = [];
  sections.push('Pools\n' + renderTable([['pool', 'cidr', 'kind', 'description'], ...plan.pools.map((p) => [p.name, p.cidr, p.kind ?? DEFAULT_POOL_KIND, p.description ?? ''])]));
  if (plan.reservations.length > 0) {
    sections.push('Reservations (never handed out)\n' + renderTable([['name', 'cidr', 'reason'], ...plan.reservations.map((r) => [r.name, r.cidr, r.reason])]));
  }
  sections.push('Allocations\n' + renderTable([['name', 'cidr', 'pool', 'status'], ...plan.allocations.map((a) => [a.name, a.cidr, a.pool, STATUS_LABEL[a.status]])]));
  if (plan.gkeClusters.length > 0) {
    sections.push(
      'GKE capacity\n' +
        renderTable([
          ['cluster', 'maxNodes', 'nodes by subnet', 'nodes by pod ranges', 'node limit', 'headroom', 'pods/node', 'max pods', 'services'],
          ...plan.gkeClusters.map((c) => [
            c.cluster,
            `${c.maxNodes}${upgradeHeadroom(c)}`,
            String(c.nodesBySubnet),
            String(c.nodesByPodRanges),
            String(c.nodeLimit),
            `${c.headroomNodes} (${Math.round((100 * c.headroomNodes) / (c.maxNodes + c.surgeNodes))}%)`,
            String(c.maxPodsPerNode),
            String(c.maxPods),
            String(c.services),
          ]),
        ]),
    );
  }
  return sections.join('\n\n') + '\n';
}

/** The plan for machines: stable JSON with every allocation and capacity figure. */
export function planAsJson(plan: ResolvedIpPlan): object {
  return {
    pools: plan.pools,
    reservations: plan.reservations,
    allocations: plan.allocations,
    gkeCapacity: plan.gkeClusters,
  };
}

/** What a cluster's ranges hold beyond maxNodes for upgrades: ` (+3 surge)`, ` (+3 surge, +30 blue-green)`, or nothing. */
function upgradeHeadroom(c: { readonly surgeNodes: number; readonly blueGreenNodes: number }): string {
  const parts = [...(c.surgeNodes ? [`+${c.surgeNodes} surge`] : []), ...(c.blueGreenNodes ? [`+${c.blueGreenNodes} blue-green`] : [])];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
