/**
 * How a pool of the definition upgrades, and how a pool that must be replaced gets a successor: the strategy each
 * pool resolves to, the successor's name, and the definition's rules for both (docs/node-pool-upgrades.md). The
 * capacity both need at once is checked on the plan, against the recorded ranges (pool-headroom.ts).
 */
import { UpgradeStrategy, validateBlueGreenSettings } from '../gke/node-pool-upgrade';
import type { ValidationIssue } from '../validation-error';
import type { NodePoolDefinition } from './node-pool-definition';
import { DEFAULT_BLUE_GREEN_UPGRADE, DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, DEFAULT_UPGRADE_STRATEGY } from './platform-defaults';
import type { NodePoolUpgradePlan } from './platform-plan';

type UpgradeFields = Pick<NodePoolDefinition, 'kind' | 'upgrade' | 'maxSurge' | 'queuedProvisioning'>;

/**
 * The strategy a pool upgrades with: as declared; else surge when it declares maxSurge (it asked for surge settings)
 * or queued provisioning (GKE's own SHORT_LIVED upgrades, which the provider spells as surge settings); else by kind.
 */
export function poolUpgradeStrategy(pool: UpgradeFields): UpgradeStrategy {
  if (pool.upgrade) return pool.upgrade.strategy;
  if (pool.maxSurge !== undefined || pool.queuedProvisioning) return 'surge';
  return DEFAULT_UPGRADE_STRATEGY[pool.kind];
}

/** Every default of a pool's upgrade applied: surge counts, or blue-green batches and soaks. */
export function resolvePoolUpgrade(pool: UpgradeFields): NodePoolUpgradePlan {
  if (poolUpgradeStrategy(pool) === 'surge') return { strategy: 'surge', maxSurge: pool.maxSurge ?? DEFAULT_MAX_SURGE, maxUnavailable: DEFAULT_MAX_UNAVAILABLE };
  const declared = pool.upgrade?.strategy === 'blue-green' ? pool.upgrade : { strategy: 'blue-green' as const };
  // One batch size: a declared node count replaces the default fraction.
  const batch = declared.batchNodeCount !== undefined ? { batchNodeCount: declared.batchNodeCount } : { batchPercentage: declared.batchPercentage ?? DEFAULT_BLUE_GREEN_UPGRADE.batchPercentage };
  return {
    strategy: 'blue-green',
    ...batch,
    batchSoakDuration: declared.batchSoakDuration ?? DEFAULT_BLUE_GREEN_UPGRADE.batchSoakDuration,
    nodePoolSoakDuration: declared.nodePoolSoakDuration ?? DEFAULT_BLUE_GREEN_UPGRADE.nodePoolSoakDuration,
  };
}

/** A pool name's generation suffix: `-b` ... `-z` at its end. */
const GENERATION_SUFFIX = /-([b-z])$/;

/**
 * The name of the pool that replaces `name`: `services` → `services-b`, `services-b` → `services-c`. Undefined after
 * `-z`: start again from a new base name.
 */
export function successorPoolName(name: string): string | undefined {
  const suffix = GENERATION_SUFFIX.exec(name);
  if (!suffix) return `${name}-b`;
  if (suffix[1] === 'z') return undefined;
  return `${name.slice(0, -1)}${String.fromCharCode(suffix[1].charCodeAt(0) + 1)}`;
}

/** A pool as the rules see it: cluster pools and tenant pools alike (a tenant's has `tenant`). */
type RulePool = NodePoolDefinition & { readonly tenant?: string };

/**
 * The definition's upgrade rules for one pool: blue-green settings GKE takes, and no surge count on a blue-green pool
 * (it would be ignored). `path` names the pool in the definition.
 */
export function validatePoolUpgrade(path: string, pool: RulePool): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (pool.upgrade?.strategy !== 'blue-green') return issues;
  if (pool.maxSurge !== undefined) {
    issues.push({ path, field: 'maxSurge', value: pool.maxSurge, problem: 'is set on a blue-green pool, which upgrades a whole second set of nodes, not maxSurge at a time', fix: "drop maxSurge, or use upgrade: { strategy: 'surge' }" });
  }
  const { strategy: _strategy, ...settings } = pool.upgrade;
  issues.push(...validateBlueGreenSettings(path, 'upgrade', settings, pool));
  return issues;
}

/**
 * The successor rules of a cluster's own pools: `successorOf` names another pool of the same cluster, of the same kind,
 * with at most one successor each, the successor is named after it (`successorPoolName`) and is not itself replaced
 * yet (one move at a time per pool). `path` is the cluster's (`clusters[<name>]`).
 */
export function validatePoolSuccessors(path: string, pools: readonly NodePoolDefinition[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byName = new Map(pools.map((p) => [p.name, p]));
  const successors = pools.filter((p) => p.successorOf !== undefined);
  for (const pool of successors) {
    const poolPath = `${path}.nodePools[${pool.name}]`;
    const old = byName.get(pool.successorOf!);
    if (!old) {
      issues.push({
        path: poolPath,
        field: 'successorOf',
        value: pool.successorOf,
        problem: "names no pool of this cluster's nodePools",
        fix: `name the pool this one replaces (one of ${pools.map((p) => p.name).join(', ')}); once the old pool is removed, drop successorOf (it changes nothing deployed)`,
      });
      continue;
    }
    if (old === pool) {
      issues.push({ path: poolPath, field: 'successorOf', value: pool.successorOf, problem: 'names the pool itself', fix: `declare the successor as a new pool named ${successorPoolName(pool.name) ?? '<new name>'}` });
      continue;
    }
    const expected = successorPoolName(old.name);
    if (pool.name !== expected) {
      issues.push({
        path: poolPath,
        field: 'name',
        value: pool.name,
        problem: `is not the successor name of ${old.name}: a successor carries its predecessor's name with the next generation suffix, so the pair reads as one pool in every listing`,
        fix: expected ? `name it ${expected}` : `${old.name} has used every suffix up to -z; give the successor a new base name and declare it as a new pool (no successorOf)`,
      });
    }
    if (pool.kind !== old.kind) {
      issues.push({
        path: poolPath,
        field: 'kind',
        value: pool.kind,
        problem: `differs from ${old.name}'s kind (${old.kind}): the workload that moves off ${old.name} needs the same taints and labels on its new nodes`,
        fix: `use kind: '${old.kind}', or declare a new pool without successorOf`,
      });
    }
    if (old.successorOf !== undefined) {
      issues.push({
        path: poolPath,
        field: 'successorOf',
        value: pool.successorOf,
        problem: `names ${old.name}, which is itself still replacing ${old.successorOf}`,
        fix: `finish that move first: remove ${old.successorOf} and drop ${old.name}'s successorOf, then declare this successor`,
      });
    }
  }
  const claimed = new Map<string, string[]>();
  for (const pool of successors) claimed.set(pool.successorOf!, [...(claimed.get(pool.successorOf!) ?? []), pool.name]);
  for (const [old, names] of claimed) {
    if (names.length > 1) {
      issues.push({ path: `${path}.nodePools[${old}]`, field: 'successorOf', value: names, problem: `has ${names.length} successors; a pool moves to one successor at a time`, fix: `keep one of ${names.join(', ')}` });
    }
  }
  return issues;
}

/**
 * Nodes the cluster's pools count against its maxNodes: each pool's maximum, a pool and its successor counted once at
 * the larger of the two (the pair is transient; after the move only the successor remains). Both count in full against
 * the recorded ranges (pool-headroom.ts).
 */
export function poolNodesAgainstClusterMax(pools: readonly Pick<NodePoolDefinition, 'name' | 'maxNodes' | 'successorOf'>[]): number {
  const successorOf = new Map(pools.filter((p) => p.successorOf !== undefined).map((p) => [p.successorOf!, p]));
  const present = new Set(pools.map((p) => p.name));
  return pools.reduce((sum, pool) => {
    if (pool.successorOf !== undefined && present.has(pool.successorOf)) return sum;
    const successor = successorOf.get(pool.name);
    return sum + Math.max(pool.maxNodes, successor?.maxNodes ?? 0);
  }, 0);
}
