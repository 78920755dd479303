import { findMissingCounterparts, MissingCounterpart } from '../domain/platform/generation-counterparts';
import type { PlatformPlan } from '../domain/platform/platform-plan';
import { readSynthesizedPlatform } from './synthesized-output';

/**
 * Reads `cdktfOut` and `dist` and lists what a cluster generation receiving traffic lacks of its siblings'
 * identity-bound output (findMissingCounterparts): the check `gke-platform verify` adds when the plan has
 * generations. Reads nothing and returns [] when no cluster declares generations.
 */
export function verifyGenerationCounterparts(plan: Pick<PlatformPlan, 'clusters'>, cdktfOut: string, dist: string): MissingCounterpart[] {
  if (!plan.clusters.some((c) => c.generation !== undefined)) return [];
  return findMissingCounterparts(plan, readSynthesizedPlatform(cdktfOut, dist));
}
