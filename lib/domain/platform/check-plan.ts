import { validatePoolsOnPodRange } from '../gke/gke-rules';
import { Cidr } from '../ip-plan/cidr';
import type { ValidationIssue } from '../validation-error';
import type { PlatformPlan } from './platform-plan';

/**
 * The rules that need the resolved ranges, run on the plan before anything is synthesized (and by
 * `gke-platform plan --check`): each pod range holds the pools placed on it. The same rule the GkeCluster construct runs.
 */
export function validatePlatformPlan(plan: PlatformPlan): ValidationIssue[] {
  return plan.clusters.flatMap((cluster) => {
    const zones = cluster.zones.length;
    const demand = (pools: typeof cluster.nodePools) => pools.map((p) => ({ name: p.name, maxNodes: p.maxNodes, surgeNodes: p.maxSurge * zones, maxPodsPerNode: p.maxPodsPerNode }));
    const path = `clusters[${cluster.name}]`;
    return [
      ...validatePoolsOnPodRange(path, `pod range ${cluster.podRange.rangeName}`, Cidr.parse(cluster.podRange.cidr), demand(cluster.nodePools.filter((p) => !p.podRange))),
      ...cluster.additionalPodRanges.flatMap((range) =>
        validatePoolsOnPodRange(path, `additionalPodRanges[${range.name}] (${range.rangeName})`, Cidr.parse(range.cidr), demand(cluster.nodePools.filter((p) => p.podRange?.name === range.name))),
      ),
    ];
  });
}
