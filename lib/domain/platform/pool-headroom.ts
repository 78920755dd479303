/**
 * What a cluster's recorded ranges must hold at once beyond its pools at maximum plus surge (docs/node-pool-upgrades.md):
 * - a pool and its successor side by side while the workload moves (both at their maximum);
 * - a second set of a blue-green pool's nodes while GKE upgrades it (one pool at a time: the largest is the worst case,
 *   but each pool is checked so the message names the one that does not fit).
 * Checked per range, node subnet and each pod range, against the plan's CIDRs: the ranges exist already and never grow.
 */
import { validatePoolsOnPodRange } from '../gke/gke-rules';
import { Cidr } from '../ip-plan/cidr';
import { nodesInSubnet, podBlockPrefix } from '../ip-plan/gke-sizing';
import { tenantCpuPoolName } from '../tenancy/tenant-placement';
import type { ValidationIssue } from '../validation-error';
import type { ClusterPlan, NodePoolPlan } from './platform-plan';

/** A range of the cluster and the pools drawing from it, in the unit it is counted in. */
interface RangeUse {
  /** How messages name it: `node subnet gcp/us-central1/prod-usc1/nodes (10.0.0.0/22)`. */
  readonly label: string;
  /** What it holds, in `unit`s. */
  readonly capacity: number;
  /** `nodes` for the node subnet, `addresses` for pod ranges (pools take blocks of different sizes). */
  readonly unit: 'nodes' | 'addresses';
  /** The pools on it. */
  readonly pools: readonly NodePoolPlan[];
  /** Units one node of the pool takes: 1 address in the subnet, its pod block in a pod range. */
  readonly per: (pool: NodePoolPlan) => number;
  /** The generic check when no successor explains an overflow (pod ranges; the IP plan holds the subnet to maxNodes + surge). */
  readonly plain?: () => ValidationIssue[];
}

/** Where a pool of the plan is declared: `clusters[<c>].nodePools[<p>]`, or its tenant's dedicatedNodes (cpuPool for the companion). */
function definitionPath(cluster: ClusterPlan, pool: NodePoolPlan): string {
  const tenant = pool.placement?.tenant;
  if (!tenant) return `clusters[${cluster.name}].nodePools[${pool.name}]`;
  return pool.name === tenantCpuPoolName(tenant) ? `tenants[${tenant}].dedicatedNodes.cpuPool` : `tenants[${tenant}].dedicatedNodes`;
}

/** The ranges of a cluster with the pools on each. */
function rangeUses(cluster: ClusterPlan): RangeUse[] {
  const zones = cluster.zones.length;
  const block = (pool: NodePoolPlan) => 2 ** (32 - podBlockPrefix(pool.maxPodsPerNode));
  const subnet = Cidr.parse(cluster.subnet.cidr);
  const demand = (pools: readonly NodePoolPlan[]) => pools.map((p) => ({ name: p.name, maxNodes: p.maxNodes, surgeNodes: surgeNodes(p, zones), maxPodsPerNode: p.maxPodsPerNode }));
  const podRange = (label: string, field: string, cidr: string, pools: readonly NodePoolPlan[]): RangeUse => ({
    label,
    capacity: Cidr.parse(cidr).size,
    unit: 'addresses',
    pools,
    per: block,
    plain: () => validatePoolsOnPodRange(`clusters[${cluster.name}]`, field, Cidr.parse(cidr), demand(pools)),
  });
  return [
    { label: `node subnet ${cluster.subnet.ipPlanName} (${cluster.subnet.cidr})`, capacity: nodesInSubnet(subnet.prefixLength), unit: 'nodes', pools: cluster.nodePools, per: () => 1 },
    podRange(
      `pod range ${cluster.podRange.ipPlanName} (${cluster.podRange.cidr})`,
      `pod range ${cluster.podRange.rangeName}`,
      cluster.podRange.cidr,
      cluster.nodePools.filter((p) => !p.podRange),
    ),
    ...cluster.additionalPodRanges.map((range) =>
      podRange(
        `pod range ${range.ipPlanName} (${range.cidr})`,
        `additionalPodRanges[${range.name}] (${range.rangeName})`,
        range.cidr,
        cluster.nodePools.filter((p) => p.podRange?.name === range.name),
      ),
    ),
  ];
}

/** Extra nodes a surge pool adds while it upgrades: maxSurge in each zone; none for a blue-green pool. */
function surgeNodes(pool: NodePoolPlan, zones: number): number {
  return pool.upgrade.strategy === 'surge' ? pool.upgrade.maxSurge * zones : 0;
}

/**
 * A cluster's ranges against its pools at maximum plus surge, successors included, and against each blue-green pool's
 * second set of nodes. Pod ranges without a successor on them get the plain pool check (validatePoolsOnPodRange).
 */
export function validatePoolHeadroom(cluster: ClusterPlan): ValidationIssue[] {
  const zones = cluster.zones.length;
  const names = new Set(cluster.nodePools.map((p) => p.name));
  const issues: ValidationIssue[] = [];
  // Per blue-green pool, the ranges too small for its second set of nodes, with the largest maxNodes each would allow.
  const short = new Map<NodePoolPlan, { label: string; needed: string; free: string; fits: number }[]>();
  for (const range of rangeUses(cluster)) {
    const use = (pool: NodePoolPlan) => (pool.maxNodes + surgeNodes(pool, zones)) * range.per(pool);
    const total = range.pools.reduce((sum, pool) => sum + use(pool), 0);
    if (total > range.capacity) {
      const successors = range.pools.filter((p) => p.successorOf !== undefined && names.has(p.successorOf));
      if (successors.length === 0) issues.push(...(range.plain?.() ?? []));
      for (const successor of successors) {
        const old = successor.successorOf!;
        const fits = Math.floor((range.capacity - (total - use(successor))) / range.per(successor)) - surgeNodes(successor, zones);
        issues.push({
          path: definitionPath(cluster, successor),
          field: 'maxNodes',
          value: successor.maxNodes,
          problem: `beside ${old} (present until its workload has moved), the pools on the ${range.label} need ${total} ${range.unit} at once (every pool at maxNodes plus surge), but it holds ${range.capacity}`,
          fix:
            fits >= 1
              ? `lower ${successor.name}'s maxNodes to ${fits} while ${old} is present (raise it once ${old} is removed), or first lower ${old}'s maxNodes (changed in place) as its workload moves`
              : `first lower ${old}'s maxNodes (changed in place; the autoscaler removes its drained nodes), then add ${successor.name}: the recorded ranges cannot hold both at their maximum`,
        });
      }
      continue;
    }
    for (const pool of range.pools.filter((p) => p.upgrade.strategy === 'blue-green')) {
      const second = pool.maxNodes * range.per(pool);
      if (total + second <= range.capacity) continue;
      const fits = Math.floor((range.capacity - (total - use(pool))) / (2 * range.per(pool)));
      const unit = (n: number) => `${n} ${range.unit}`;
      short.set(pool, [...(short.get(pool) ?? []), { label: range.label, needed: unit(second), free: unit(range.capacity - total), fits }]);
    }
  }
  for (const [pool, ranges] of short) {
    const fits = Math.min(...ranges.map((r) => r.fits));
    issues.push({
      path: definitionPath(cluster, pool),
      field: 'upgrade.strategy',
      value: 'blue-green',
      problem: `needs room for a second set of its ${pool.maxNodes} nodes while GKE upgrades it, but the cluster's recorded ranges hold its pools at maximum plus surge with too little left: ${ranges.map((r) => `the ${r.label} has ${r.free} free, ${r.needed} needed`).join('; ')}`,
      fix: `use upgrade: { strategy: 'surge' } for this pool${fits >= 1 ? `, or lower its maxNodes to ${fits}` : ''}; recorded ranges never grow (new ones are sized for blue-green)`,
    });
  }
  return issues;
}
