/**
 * Disposable clusters (`clusters[].ephemeral`): platform experiments with an expiry, like developer namespaces.
 * Their ranges live under their own root in the IP plan, so the plan can tell them apart once the cluster is gone
 * and release them without `plan --release`; after the expiry and a grace period synthesis refuses them. Pure.
 */
import { parseIsoDay, todayDay } from '../tenancy/tenant-rules';
import type { ValidationIssue } from '../validation-error';
import type { ClusterDefinition, PlatformDefinition } from './platform-definition';

/** Days an expired ephemeral cluster is reported before synthesis refuses it: a week to destroy an experiment. */
export const DEFAULT_EPHEMERAL_CLUSTER_GRACE_PERIOD_DAYS = 7;

/** The root of an ephemeral cluster's range names in the IP plan: `ephemeral/<region>/<cluster>/...`. */
export const EPHEMERAL_RANGE_ROOT = 'ephemeral';

/** Whether a range of the IP plan belongs to an ephemeral cluster (released when no longer requested). */
export function isEphemeralRange(name: string): boolean {
  return name.startsWith(`${EPHEMERAL_RANGE_ROOT}/`);
}

/** An ephemeral cluster past its expiry, still inside its grace period: reported, still synthesized. */
export interface ExpiredEphemeralCluster {
  /** The cluster's name. */
  readonly name: string;
  /** Its expiry as declared. */
  readonly expires: string;
  /** Days left before synthesis refuses it. */
  readonly daysUntilRejected: number;
}

/** The expiry rules of ephemeral clusters: bad dates and clusters past their grace period are issues. */
export function validateEphemeralClusters(definition: Pick<PlatformDefinition, 'clusters'>, today: string | Date = new Date()): { readonly expired: readonly ExpiredEphemeralCluster[]; readonly issues: readonly ValidationIssue[] } {
  const day = todayDay(today);
  const expired: ExpiredEphemeralCluster[] = [];
  const issues: ValidationIssue[] = [];
  for (const cluster of definition.clusters) {
    if (!cluster.ephemeral) continue;
    const path = `clusters[${cluster.name}]`;
    const { expires } = cluster.ephemeral;
    const grace = cluster.ephemeral.gracePeriodDays ?? DEFAULT_EPHEMERAL_CLUSTER_GRACE_PERIOD_DAYS;
    if (!Number.isInteger(grace) || grace < 0)
      issues.push({ path, field: 'ephemeral.gracePeriodDays', value: grace, problem: 'must be a whole number of days, at least 0', fix: `leave it out for ${DEFAULT_EPHEMERAL_CLUSTER_GRACE_PERIOD_DAYS}` });
    const last = parseIsoDay(expires);
    if (last === undefined) {
      issues.push({ path, field: 'ephemeral.expires', value: expires, problem: 'is not a YYYY-MM-DD date', fix: 'write the last day the cluster is wanted, e.g. "2027-01-31"' });
      continue;
    }
    const daysExpired = day - last;
    if (daysExpired <= 0) continue;
    if (daysExpired > grace) {
      issues.push({
        path,
        field: 'ephemeral.expires',
        value: expires,
        problem: `passed ${daysExpired} days ago, beyond the ${grace}-day grace period: the experiment is over`,
        fix: 'remove the cluster (its stack is parked for `cdktf destroy` and its ranges are released), or extend the date',
      });
    } else {
      expired.push({ name: cluster.name, expires, daysUntilRejected: grace - daysExpired });
    }
  }
  return { expired, issues };
}

/**
 * A cluster whose ranges are recorded under the other root (marked ephemeral after its ranges were recorded, or the
 * mark dropped): its ranges would move, which replaces the cluster. `recorded` are the lock file's range names.
 */
export function validateEphemeralMarks(clusters: readonly Pick<ClusterDefinition, 'name' | 'region' | 'ephemeral'>[], recorded: readonly string[], lockFile: string): ValidationIssue[] {
  const names = new Set(recorded);
  const issues: ValidationIssue[] = [];
  for (const cluster of clusters) {
    const other = cluster.ephemeral ? `gcp/${cluster.region}/${cluster.name}/nodes` : `${EPHEMERAL_RANGE_ROOT}/${cluster.region}/${cluster.name}/nodes`;
    if (!names.has(other)) continue;
    issues.push({
      path: `clusters[${cluster.name}]`,
      field: 'ephemeral',
      value: cluster.ephemeral ?? null,
      problem: `${cluster.ephemeral ? 'marks as disposable a cluster whose ranges are recorded as permanent' : 'drops the disposable mark of a cluster whose ranges are recorded as ephemeral'} (${other} in ${lockFile}): its ranges would move, replacing the cluster`,
      fix: cluster.ephemeral ? 'leave ephemeral out for this cluster (a disposable cluster is declared so from the start), or build a new ephemeral cluster' : 'keep ephemeral on it, or build a permanent cluster beside it',
    });
  }
  return issues;
}
