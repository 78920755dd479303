import type { GkeCapacity } from '../domain/ip-plan/resolved-ip-plan';
import type { LoadedPlatform } from '../domain/platform/resolve-platform';
import { DEFAULT_POOL_KIND } from '../domain/ip-plan/special-ranges';
import { DEFAULT_PLAN_COMMAND } from '../domain/platform/platform-defaults';
import type { ClusterPlan } from '../domain/platform/platform-plan';
import type { RemoteNetworkDefinition } from '../domain/platform/platform-definition';
import type { VerificationResult } from '../domain/reachability/verify-intents';
import { renderConnectivitySection } from './connectivity-section';
import { renderTenantCostSection } from './tenant-cost-section';
import { addressSpaceUsage, formatPercent } from './address-space';
import { renderPlatformMermaid } from './mermaid';
import type { LinkSummary, TenantSummary } from './platform-summaries';
import { code, table, text } from './private/markdown';

/** What `renderPlatformReport` describes. */
export interface PlatformReportInput {
  /** The loaded platform the report describes. */
  readonly platform: LoadedPlatform;
  /** @default no tenants section */
  readonly tenants?: readonly TenantSummary[];
  /** @default no hybrid links section */
  readonly links?: readonly LinkSummary[];
  /** Path of the address-space SVG as seen from the Markdown file. @default no picture reference */
  readonly addressSpaceSvgPath?: string;
  /**
   * The Cloud Billing detailed export table (`project.dataset.table`) the per-tenant cost queries read.
   * @default DEFAULT_BILLING_EXPORT_TABLE (a name to replace with the team's own table)
   */
  readonly billingExportTable?: string;
  /** The command that shows the IP plan, as the reader's project types it (`--write` is appended). @default 'npm run ip-plan --' */
  readonly planCommand?: string;
  /**
   * Verdicts of the connectivity intents on the synthesized output, and the matrix picture's path.
   * @default no connectivity section
   */
  readonly connectivity?: {
    /** Every intent's verdict (met, unmet, accepted gap), as `verify` computed it on the synthesized output. */
    readonly result: VerificationResult;
    /** Path of the connectivity matrix SVG, relative to the report, embedded as an image. @default no picture, the verdicts only */
    readonly matrixSvgPath?: string;
  };
}

/** Headroom below this share of (maxNodes + surge) gets a warning: a cluster that cannot grow needs new ranges first. */
const LOW_HEADROOM_PERCENT = 10;
/** Marker for anything a reviewer should look at. */
const WARNING_MARKER = '⚠️';

function headroomPercent(capacity: GkeCapacity): number {
  const planned = capacity.maxNodes + capacity.surgeNodes;
  return planned > 0 ? (100 * capacity.headroomNodes) / planned : 100;
}

function isLowHeadroom(capacity: GkeCapacity): boolean {
  return headroomPercent(capacity) < LOW_HEADROOM_PERCENT;
}

/** Capacity is keyed by IP plan name (`gcp/<region>/<cluster>`); map it back to the cluster. */
function capacityOf(input: PlatformReportInput, cluster: ClusterPlan): GkeCapacity | undefined {
  const prefix = cluster.subnet.ipPlanName.replace(/\/nodes$/, '');
  return input.platform.ipPlan.gkeClusters.find((c) => c.cluster === prefix);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function remoteDetail(network: RemoteNetworkDefinition): string {
  const where = network.kind === 'aws-vpc' ? `AWS VPC${network.awsRegion ? ` ${network.awsRegion}` : ''}` : 'on-prem';
  return `${where} · ${network.cidrs.join(', ')}`;
}

function warnings(input: PlatformReportInput): string[] {
  const { definition, ipPlan, plan } = input.platform;
  const out: string[] = [];
  for (const cluster of plan.clusters) {
    const capacity = capacityOf(input, cluster);
    if (capacity && isLowHeadroom(capacity)) {
      out.push(
        `${WARNING_MARKER} ${code(cluster.name)}: headroom ${plural(capacity.headroomNodes, 'node')} (${formatPercent(capacity.headroomNodes, capacity.maxNodes + capacity.surgeNodes)}) is below ${LOW_HEADROOM_PERCENT}%: ${capacity.nodesBySubnet <= capacity.nodesByPodRanges ? 'the node subnet limits' : 'the pod ranges limit'} the cluster to ${capacity.nodeLimit} nodes; add a pod range (additionalPodRanges) or a larger subnet before raising maxNodes`,
      );
    }
    const poolMax = cluster.nodePools.reduce((sum, pool) => sum + pool.maxNodes, 0);
    if (poolMax > cluster.maxNodes) {
      out.push(`${WARNING_MARKER} ${code(cluster.name)}: node pools may reach ${poolMax} nodes but the cluster's maxNodes is ${cluster.maxNodes}`);
    }
  }
  if (ipPlan.newAllocations.length > 0) {
    out.push(`${WARNING_MARKER} ${plural(ipPlan.newAllocations.length, 'range')} not recorded in the lock file yet: run \`${input.planCommand ?? DEFAULT_PLAN_COMMAND} --write\` and commit it`);
  }
  for (const orphan of ipPlan.orphanedAllocations) {
    out.push(`${WARNING_MARKER} ${code(orphan.name)} (${orphan.cidr}) is recorded but no longer requested; it stays reserved until released`);
  }
  const remoteNames = new Set((definition.remoteNetworks ?? []).map((n) => n.name));
  for (const link of input.links ?? []) {
    if (!remoteNames.has(link.remoteNetwork)) out.push(`${WARNING_MARKER} link ${code(link.name)} names remote network ${code(link.remoteNetwork)}, which the platform definition does not declare (its ranges are not reserved)`);
  }
  return out;
}

/** Clusters and pools as the plan resolved them: every default applied (platform-defaults.ts), none here. */
function clustersSection(input: PlatformReportInput): string | undefined {
  const clusters = input.platform.plan.clusters;
  if (clusters.length === 0) return undefined;
  const clusterRows = clusters.map((c) => [code(c.name), code(c.project), text(c.region), text(c.environment), c.releaseChannel, c.maxNodes, c.maxPodsPerNode, c.nodePools.length]);
  const poolRows = clusters.flatMap((c) =>
    c.nodePools.map((p) => [
      code(c.name),
      code(p.name),
      p.placement ? `${text(p.kind)}, dedicated to ${code(p.placement.tenant)}` : text(p.kind),
      code(p.machineType),
      p.minNodes,
      p.maxNodes,
      p.gpu ? `${p.gpu.count} × ${text(p.gpu.type)}` : '',
      p.maxPodsPerNode,
    ]),
  );
  // What a regulated team's reviewer checks per cluster: image admission, key, posture, when upgrades may happen.
  const settingRows = clusters.map((c) => [
    code(c.name),
    text(c.binaryAuthorization.evaluationMode),
    c.secretsEncryption ? code(c.secretsEncryption.keyName) : 'Google-managed',
    `${text(c.securityPosture.mode)}, ${text(c.securityPosture.vulnerabilityMode)}`,
    `${code(c.maintenance.window.recurrence)} ${text(c.maintenance.window.startTime.slice(11, 16))}-${text(c.maintenance.window.endTime.slice(11, 16))} UTC`,
    c.maintenance.exclusions.map((e) => `${code(e.name)} ${text(e.scope)} ${text(e.startTime.slice(0, 10))} to ${text(e.endTime.slice(0, 10))}`).join('; ') || 'none',
  ]);
  return [
    '## Clusters and node pools',
    '',
    table(['Cluster', 'Project', 'Region', 'Environment', 'Release channel', 'Max nodes', 'Pods per node', 'Node pools'], clusterRows),
    '',
    table(['Cluster', 'Binary Authorization', 'Secrets encryption', 'Security posture', 'Maintenance window', 'Maintenance exclusions'], settingRows),
    '',
    table(['Cluster', 'Node pool', 'Kind', 'Machine type', 'Min nodes', 'Max nodes', 'GPU', 'Pods per node'], poolRows),
  ].join('\n');
}

function tenantsSection(input: PlatformReportInput): string | undefined {
  const tenants = input.tenants ?? [];
  if (tenants.length === 0) return undefined;
  const rows = tenants.map((t) => [code(t.name), text(t.isolation), t.clusters.map(code).join(', '), t.dependsOn.length ? t.dependsOn.map(code).join(', ') : '—']);
  return ['## Tenants', '', table(['Tenant', 'Isolation', 'Clusters', 'Depends on'], rows)].join('\n');
}

function ipPlanSection(input: PlatformReportInput): string {
  const { ipPlan, plan } = input.platform;
  const parts: string[] = ['## IP plan'];
  const capacities = plan.clusters.map((c) => ({ cluster: c, capacity: capacityOf(input, c) })).filter((c): c is { cluster: ClusterPlan; capacity: GkeCapacity } => !!c.capacity);
  if (capacities.length > 0) {
    parts.push(
      '',
      '### GKE capacity and headroom',
      '',
      `Headroom is how many nodes the ranges allow beyond maxNodes plus upgrade surge; below ${LOW_HEADROOM_PERCENT}% is marked ${WARNING_MARKER}.`,
      '',
      table(
        ['Cluster', 'Max nodes (+ surge)', 'Nodes by subnet', 'Nodes by pod ranges', 'Node limit', 'Headroom', 'Max pods', 'Services', 'Ranges'],
        capacities.map(({ cluster, capacity: c }) => [
          code(cluster.name),
          `${c.maxNodes} (+${c.surgeNodes})`,
          c.nodesBySubnet,
          c.nodesByPodRanges,
          c.nodeLimit,
          `${isLowHeadroom(c) ? `${WARNING_MARKER} ` : ''}${c.headroomNodes} (${formatPercent(c.headroomNodes, c.maxNodes + c.surgeNodes)})`,
          c.maxPods,
          c.services,
          `nodes ${c.nodeSubnet}, pods ${c.podRanges.join(' + ')}, services ${c.servicesRange}, control plane ${c.controlPlane}`,
        ]),
      ),
    );
  }
  const usage = addressSpaceUsage(ipPlan);
  parts.push(
    '',
    '### Pools',
    '',
    table(
      ['Pool', 'CIDR', 'Kind', 'Allocations', 'Used', 'Reserved', 'Free'],
      usage.pools.map((p) => [
        code(p.pool.name),
        p.pool.cidr,
        p.pool.kind ?? DEFAULT_POOL_KIND,
        p.segments.filter((s) => s.type === 'allocation').length,
        formatPercent(p.allocated, p.size),
        formatPercent(p.reserved, p.size),
        formatPercent(p.free, p.size),
      ]),
    ),
  );
  if (input.addressSpaceSvgPath) parts.push('', `![Address space: pools, allocations, reservations and free space](${input.addressSpaceSvgPath})`);
  if (ipPlan.reservations.length > 0) {
    parts.push(
      '',
      '### Reservations',
      '',
      table(
        ['Name', 'CIDR', 'Reason'],
        ipPlan.reservations.map((r) => [code(r.name), r.cidr, text(r.reason)]),
      ),
    );
  }
  const status = { locked: 'recorded', new: `${WARNING_MARKER} new (not recorded)`, orphaned: `${WARNING_MARKER} orphaned` } as const;
  parts.push(
    '',
    '<details>',
    `<summary>Allocations (${ipPlan.allocations.length})</summary>`,
    '',
    table(
      ['Name', 'CIDR', 'Pool', 'Status'],
      ipPlan.allocations.map((a) => [code(a.name), a.cidr, code(a.pool), status[a.status]]),
    ),
    '',
    '</details>',
  );
  return parts.join('\n');
}

function linksSection(input: PlatformReportInput): string | undefined {
  const links = input.links ?? [];
  if (links.length === 0) return undefined;
  const remote = new Map((input.platform.definition.remoteNetworks ?? []).map((n) => [n.name, n]));
  const rows = links.map((l) => {
    const network = remote.get(l.remoteNetwork);
    return [code(l.name), text(l.kind), text(l.region), code(l.remoteNetwork), network ? network.cidrs.join(', ') : `${WARNING_MARKER} not declared`, text(l.detail ?? '')];
  });
  return ['## Hybrid links', '', table(['Link', 'Kind', 'Region', 'Remote network', 'Remote ranges', 'Detail'], rows)].join('\n');
}

function diagramSection(input: PlatformReportInput): string | undefined {
  const { definition } = input.platform;
  const remoteNetworks = definition.remoteNetworks ?? [];
  if (definition.clusters.length === 0 && !(input.tenants ?? []).length && !(input.links ?? []).length && remoteNetworks.length === 0) return undefined;
  return [
    '## Diagram',
    '',
    renderPlatformMermaid({
      regions: definition.regions,
      clusters: definition.clusters.map((c) => ({ name: c.name, region: c.region, detail: `${c.environment} · up to ${c.maxNodes} nodes` })),
      tenants: input.tenants,
      links: input.links,
      remoteNetworks: remoteNetworks.map((n) => ({ name: n.name, detail: remoteDetail(n) })),
    }),
  ].join('\n');
}

/**
 * A Markdown summary of the platform for a pull-request comment: clusters and node pools, tenants,
 * the IP plan with capacity and headroom, hybrid links and a Mermaid diagram. Empty sections are
 * left out. Deterministic: no dates, definition order throughout.
 */
export function renderPlatformReport(input: PlatformReportInput): string {
  const { definition, ipPlan, plan } = input.platform;
  const nodePools = plan.clusters.reduce((sum, c) => sum + c.nodePools.length, 0);
  const summary = [
    plural(definition.clusters.length, 'cluster'),
    plural(nodePools, 'node pool'),
    ...(input.tenants?.length ? [plural(input.tenants.length, 'tenant')] : []),
    ...(input.links?.length ? [plural(input.links.length, 'hybrid link')] : []),
    `${plural(ipPlan.allocations.length, 'allocation')} in ${plural(ipPlan.pools.length, 'pool')}`,
  ].join(' · ');
  const found = warnings(input);
  const sections = [
    [
      `# Platform ${code(definition.name)} (${text(definition.organization.name)})`,
      '',
      `Regions: ${text(definition.regions.join(', '))} · ${plan.network.existing ? 'existing network' : 'network'} ${code(definition.network.name)} in ${code(definition.network.project)} (${plan.network.routingMode} routing, MTU ${plan.network.mtu}${plan.network.existing ? ', read, not created' : ''})`,
      '',
      summary,
      ...(found.length > 0 ? ['', ...found.map((w) => `- ${w}`)] : []),
    ].join('\n'),
    input.connectivity ? renderConnectivitySection(input.connectivity.result, input.connectivity.matrixSvgPath) : undefined,
    clustersSection(input),
    tenantsSection(input),
    input.tenants?.length ? renderTenantCostSection(input.platform.plan, input.billingExportTable) : undefined,
    ipPlanSection(input),
    linksSection(input),
    diagramSection(input),
  ].filter((s): s is string => s !== undefined);
  return sections.join('\n\n') + '\n';
}
