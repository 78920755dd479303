import { addOnTrafficNeeds, AddOnRules, enabledAddOns } from '../addons/add-on-rules';
import { GkeRangeNames } from '../ip-plan/plan-requests';
import { parseLockFile, releaseAllocations, serializeLockFile } from '../ip-plan/lock-file';
import { Allocation, ResolvedIpPlan } from '../ip-plan/resolved-ip-plan';
import { PlatformDefinition } from './platform-definition';
import { buildPlatformIpPlan } from './platform-ip-plan';
import { DEFAULT_PLAN_COMMAND } from './platform-defaults';
import type { PlatformPlan } from './platform-plan';
import { resolvePlatformPlan } from './resolve-platform-plan';
import { validatePlatformPlan } from './check-plan';
import { ValidationError } from '../validation-error';
import { assertPlatform } from './validate-platform';
import { expandClusterGenerations } from './cluster-generations';
import { isEphemeralRange, validateEphemeralMarks } from './ephemeral-clusters';
import { assignTenantStates, estimateTenantIdentityResources, parseTenantStatesLock, serializeTenantStatesLock } from './tenant-states';
import { tenantProjects } from './tenant-definition';

/** What resolving a platform reads: the two lock files' contents (no file is touched here) and the mode. */
interface ResolvePlatformInput {
  /** The IP plan lock file's text, or undefined when there is none yet. */
  readonly ipPlanLock: string | undefined;
  /** The IP plan lock file's name as messages show it. */
  readonly ipPlanLockName: string;
  /** The tenant-states lock file's text (tenant-states.ts), or undefined when there is none yet. */
  readonly tenantStatesLock: string | undefined;
  /** The tenant-states lock file's name as messages show it. */
  readonly tenantStatesLockName: string;
  /** Frozen: a range or tenant missing from its lock file is an error instead of being placed and recorded. */
  readonly frozen: boolean;
  /** Return new lock contents to record when not frozen. */
  readonly record: boolean;
  /** The day developer namespace expiry is judged on. @default today (UTC) */
  readonly today?: string | Date;
  /** Add-ons the definition may enable; their own validation runs with the definition's. @default none */
  readonly addOns?: readonly AddOnRules<any>[];
  /**
   * The command that shows this platform's IP plan, as the user types it; fixes append `--write` or
   * `--release <name>` to it, so every hint works for this project as written.
   * @default DEFAULT_PLAN_COMMAND
   */
  readonly planCommand?: string;
}

/** A validated platform with every address range resolved: what both apps build from. */
export interface LoadedPlatform {
  /**
   * The definition as loaded (after validation), each cluster generation expanded to a cluster of its own
   * (expandClusterGenerations): what every stack, chart and check reads. The same object as given when no
   * cluster declares generations.
   */
  readonly definition: PlatformDefinition;
  /** Every range of the plan with its CIDR: the lock file's allocations plus those placed by this load. */
  readonly ipPlan: ResolvedIpPlan;
  /** Names of each cluster's ranges in the IP plan, by cluster name. */
  readonly clusterRanges: ReadonlyMap<string, GkeRangeNames>;
  /** Allocations placed and recorded by this load (empty when frozen or nothing was new). */
  readonly recorded: readonly Allocation[];
  /** The platform resolved once: what the stacks and charts map to construct props. */
  readonly plan: PlatformPlan;
  /** Where each tenant's state is recorded. */
  readonly tenantStatesFile: string;
  /** Tenants placed in a state and recorded by this load (empty when frozen or nothing was new). */
  readonly recordedTenants: readonly {
    /** The tenant's name. */
    readonly tenant: string;
    /** The stack (Terraform state shard) it was placed in, now recorded in tenantStatesFile. */
    readonly stack: string;
  }[];
}

/** A resolved platform plus what the caller writes and shows: the new lock contents and the notices. */
interface ResolvedPlatform extends LoadedPlatform {
  /** The IP plan lock's new text, when ranges were placed and recording is on. @default undefined: leave the file as it is */
  readonly ipPlanLockToWrite?: string;
  /** The tenant-states lock's new text, when the record changed and recording is on. @default undefined: leave the file as it is */
  readonly tenantStatesLockToWrite?: string;
  /** Notices for the user, in order: expiring developer namespaces, recorded and orphaned ranges and tenants. */
  readonly notices: readonly string[];
}

/**
 * Validates the definition and resolves the IP plan and each tenant's state against the lock files' contents;
 * unless frozen, new ranges and tenants are placed and returned as new lock contents. Throws a ValidationError
 * before anything is synthesized when something is wrong. Reads and writes nothing: lib/platform does the files.
 */
export function resolvePlatform(definition: PlatformDefinition, input: ResolvePlatformInput): ResolvedPlatform {
  const { frozen, ipPlanLockName: lockFile } = input;
  const notices: string[] = [];
  const warnings = assertPlatform(definition, { today: input.today, addOns: input.addOns });
  for (const expired of warnings.expiredDeveloperNamespaces) {
    notices.push(`developer namespace ${expired.name} (${expired.owner}) expired on ${expired.expires}; synthesis rejects it in ${expired.daysUntilRejected} day(s): remove it or extend the date`);
  }
  // Each generation of a cluster is a cluster of its own from here on (cluster-generations.ts).
  const expanded = expandClusterGenerations(definition).definition;
  for (const expired of warnings.expiredEphemeralClusters) {
    notices.push(`ephemeral cluster ${expired.name} expired on ${expired.expires}; synthesis rejects it in ${expired.daysUntilRejected} day(s): remove it (destroy its parked stack) or extend the date`);
  }
  const { plan, clusterRanges } = buildPlatformIpPlan(expanded);
  const planCommand = input.planCommand ?? DEFAULT_PLAN_COMMAND;
  const lock = input.ipPlanLock === undefined ? undefined : parseLockFile(input.ipPlanLock, lockFile);
  const marks = validateEphemeralMarks(expanded.clusters, Object.keys(lock?.allocations ?? {}), lockFile);
  if (marks.length > 0) throw new ValidationError(marks);
  const ipPlan = plan.resolve(lock, { frozen, lockFileName: lockFile, recordCommand: `${planCommand} --write`, releaseCommand: `${planCommand} --release` });
  const fresh = ipPlan.newAllocations;
  // A removed ephemeral cluster's ranges are released with the next record: no `--release` for an experiment.
  const released = ipPlan.orphanedAllocations.filter((a) => isEphemeralRange(a.name));
  let recorded: readonly Allocation[] = [];
  let ipPlanLockToWrite: string | undefined;
  if ((fresh.length > 0 || released.length > 0) && input.record) {
    const written = ipPlan.lockFile;
    ipPlanLockToWrite = serializeLockFile(
      released.length > 0
        ? releaseAllocations(
            written,
            released.map((a) => a.name),
            lockFile,
          )
        : written,
    );
    recorded = fresh;
    if (fresh.length > 0) notices.push(`ip-plan: recorded ${fresh.length} new range(s) in ${lockFile}; review and commit it:\n${fresh.map((a) => `  + ${a.name} ${a.cidr} (${a.pool})`).join('\n')}`);
    if (released.length > 0) notices.push(`ip-plan: released ${released.length} range(s) of removed ephemeral clusters in ${lockFile}; review and commit it:\n${released.map((a) => `  - ${a.name} ${a.cidr}`).join('\n')}`);
  }
  for (const orphan of ipPlan.orphanedAllocations) {
    if (isEphemeralRange(orphan.name)) {
      if (!input.record) notices.push(`ip-plan: ${orphan.name} (${orphan.cidr}) belonged to a removed ephemeral cluster; \`${planCommand} --write\` releases it`);
      continue;
    }
    notices.push(`ip-plan: ${orphan.name} (${orphan.cidr}) is recorded but no longer requested; it stays reserved until \`${planCommand} --release ${orphan.name}\``);
  }
  const tenantStatesFile = input.tenantStatesLockName;
  const tenants = resolveTenantStates(expanded, input.addOns ?? [], { frozen, record: input.record, notices, tenantStatesFile, lockText: input.tenantStatesLock, recordCommand: `${planCommand} --write` });
  const platformPlan = resolvePlatformPlan(definition, ipPlan, clusterRanges, tenants.states, addOnTrafficNeeds(expanded, input.addOns ?? []));
  const planIssues = validatePlatformPlan(platformPlan);
  if (planIssues.length > 0) throw new ValidationError(planIssues);
  return {
    definition: expanded,
    ipPlan,
    clusterRanges,
    recorded,
    plan: platformPlan,
    tenantStatesFile,
    recordedTenants: tenants.recordedTenants,
    ipPlanLockToWrite,
    tenantStatesLockToWrite: tenants.lockToWrite,
    notices,
  };
}

/** Parses the tenant-states record, places new tenants (or refuses them when frozen) and returns the new record. */
function resolveTenantStates(
  definition: PlatformDefinition,
  addOns: readonly AddOnRules<any>[],
  options: { frozen: boolean; record: boolean; notices: string[]; tenantStatesFile: string; lockText: string | undefined; recordCommand: string },
) {
  const enabled = enabledAddOns(definition, addOns);
  const projectOf = (cluster: string) => definition.clusters.find((c) => c.name === cluster)?.project ?? '';
  const tenants = (definition.tenants ?? []).map((tenant) => ({
    name: tenant.name,
    project: projectOf(tenant.clusters[0]),
    resources: estimateTenantIdentityResources(tenant, tenantProjects(tenant, projectOf).length) + enabled.reduce((sum, { addOn, settings }) => sum + (addOn.tenantResources?.(settings, tenant) ?? 0), 0),
  }));
  const lock = options.lockText === undefined ? undefined : parseTenantStatesLock(options.lockText, options.tenantStatesFile);
  const assignment = assignTenantStates(tenants, lock, {
    platform: definition.name,
    maxResources: definition.terraformStates?.maxResources,
    frozen: options.frozen,
    lockFileName: options.tenantStatesFile,
    recordCommand: options.recordCommand,
  });
  let recordedTenants: readonly { tenant: string; stack: string }[] = [];
  let lockToWrite: string | undefined;
  const changed = assignment.newTenants.length > 0 || assignment.orphaned.length > 0 || (!lock && tenants.length > 0);
  if (changed && options.record && !options.frozen) {
    lockToWrite = serializeTenantStatesLock(assignment.lock);
    recordedTenants = assignment.newTenants;
    const lines = [...assignment.newTenants.map((t) => `  + ${t.tenant} -> ${t.stack}`), ...assignment.orphaned.map((t) => `  - ${t.tenant} (was in ${t.stack}; its resources go with the next apply of that stack)`)];
    options.notices.push(`tenant states: recorded ${options.tenantStatesFile}; review and commit it:\n${lines.join('\n')}`);
  } else {
    for (const orphan of assignment.orphaned) options.notices.push(`tenant states: ${orphan.tenant} is recorded in ${orphan.stack} but no longer defined; \`${options.recordCommand}\` drops it`);
  }
  return { states: assignment.states, recordedTenants, lockToWrite };
}
