import type { ValidationIssue } from '../validation-error';
import type { PlatformPlan } from './platform-plan';
import { validatePoolHeadroom } from './pool-headroom';

/**
 * The rules that need the resolved ranges, run on the plan before anything is synthesized (and by
 * `gke-platform plan --check`): each pod range holds the pools placed on it (the same rule the GkeCluster construct
 * runs), and each range holds a pool beside its successor and a blue-green pool's second set of nodes (pool-headroom.ts).
 */
export function validatePlatformPlan(plan: PlatformPlan): ValidationIssue[] {
  return plan.clusters.flatMap(validatePoolHeadroom);
}
