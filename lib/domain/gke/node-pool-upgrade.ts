/**
 * How GKE upgrades a Standard node pool's nodes, and the rules its settings follow. The platform definition, the
 * plan and the `NodePool` construct share these, so a setting refused at synth time is refused the same way in
 * `gke-platform plan --check`.
 *
 * Sources: the google provider's `upgrade_settings` schema (8.0.0: strategy SURGE or BLUE_GREEN, `standard_rollout_policy`
 * required inside `blue_green_settings`, batch_percentage between 0 and 1, durations in seconds with up to nine
 * fractional digits ending in `s`) and GKE's node upgrade strategies (queued-provisioning and flex-start pools are
 * upgraded with GKE's own SHORT_LIVED strategy, so blue-green does not apply to them).
 */
import type { ValidationIssue } from '../validation-error';

/** GKE's two strategies for a Standard pool, as the definition spells them. */
export type UpgradeStrategy = 'surge' | 'blue-green';

/** Blue-green settings: GKE brings up a second (green) set of nodes, drains the blue ones in batches, then soaks. */
export interface BlueGreenSettings {
  /** Fraction (0..1] of the blue nodes drained per batch. Exclusive with batchNodeCount. @default GKE's default batch, unless the caller sets one (the definition: 0.25, DEFAULT_BLUE_GREEN_UPGRADE) */
  readonly batchPercentage?: number;
  /** Blue nodes drained per batch (a whole number ≥ 1). Exclusive with batchPercentage. @default none: batchPercentage sets the batch */
  readonly batchNodeCount?: number;
  /** Wait after each drained batch before the next, e.g. `600s`. @default GKE's default, unless the caller sets one (the definition: '600s') */
  readonly batchSoakDuration?: string;
  /** Wait after the last batch before GKE deletes the blue nodes: the window to roll back, e.g. `3600s`. @default GKE's default of one hour ('3600s') */
  readonly nodePoolSoakDuration?: string;
}

/** The duration format GKE's API takes: seconds with up to nine fractional digits, ending in `s` (the provider's own check). */
const GKE_DURATION = /^\d+(\.\d{1,9})?s$/;

/** What the blue-green rules need to know of the pool. */
interface BlueGreenPool {
  /** Queued provisioning (Dynamic Workload Scheduler): GKE upgrades such nodes with SHORT_LIVED, never blue-green. */
  readonly queuedProvisioning?: boolean;
}

/**
 * A pool's blue-green settings against GKE's rules: one batch size (a fraction in (0, 1] or a whole node count),
 * durations GKE parses, and no blue-green on a queued-provisioning pool. `field` is where the settings sit, e.g.
 * `upgrade` in the definition or `blueGreenUpgrade` on the construct.
 */
export function validateBlueGreenSettings(path: string, field: string, settings: BlueGreenSettings, pool: BlueGreenPool): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (pool.queuedProvisioning) {
    issues.push({
      path,
      field,
      value: 'blue-green',
      problem: 'is set on a queued-provisioning pool: GKE upgrades nodes obtained through the Dynamic Workload Scheduler with its own SHORT_LIVED strategy, never blue-green',
      fix: "use surge (upgrade: { strategy: 'surge' }), or drop queuedProvisioning",
    });
  }
  const { batchPercentage, batchNodeCount } = settings;
  if (batchPercentage !== undefined && !(typeof batchPercentage === 'number' && batchPercentage > 0 && batchPercentage <= 1)) {
    issues.push({ path, field: `${field}.batchPercentage`, value: batchPercentage, problem: 'must be a fraction in (0, 1]', fix: 'use e.g. 0.25 to drain a quarter of the blue nodes per batch' });
  }
  if (batchNodeCount !== undefined && !(Number.isInteger(batchNodeCount) && batchNodeCount >= 1)) {
    issues.push({ path, field: `${field}.batchNodeCount`, value: batchNodeCount, problem: 'must be a whole number of at least 1', fix: 'use e.g. 1 to drain one blue node per batch' });
  }
  if (batchPercentage !== undefined && batchNodeCount !== undefined) {
    issues.push({ path, field: `${field}.batchNodeCount`, value: batchNodeCount, problem: 'is set together with batchPercentage; GKE takes one batch size', fix: 'set one of batchPercentage or batchNodeCount' });
  }
  for (const key of ['batchSoakDuration', 'nodePoolSoakDuration'] as const) {
    const value = settings[key];
    if (value !== undefined && !(typeof value === 'string' && GKE_DURATION.test(value))) {
      issues.push({ path, field: `${field}.${key}`, value, problem: 'is not a duration GKE takes (seconds with up to nine fractional digits, ending in "s")', fix: 'write seconds, e.g. "600s" for ten minutes or "3600s" for an hour' });
    }
  }
  return issues;
}
