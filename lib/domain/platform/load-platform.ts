import { AddOnRules, enabledAddOns } from '../addons/add-on-rules';
import { GkeRangeNames } from '../ip-plan/ip-plan';
import { readLockFile, writeLockFile } from '../ip-plan/lock-file';
import { Allocation, ResolvedIpPlan } from '../ip-plan/resolved-ip-plan';
import { PlatformDefinition } from './platform-definition';
import { buildPlatformIpPlan } from './platform-ip-plan';
import { DEFAULT_PLAN_COMMAND } from './platform-defaults';
import type { PlatformPlan } from './platform-plan';
import { resolvePlatformPlan } from './resolve-platform-plan';
import { validatePlatformPlan } from './check-plan';
import { ValidationError } from '../validation-error';
import { assertPlatform } from './validate-platform';
import { assignTenantStates, estimateTenantIdentityResources, readTenantStatesLock, tenantStatesLockPath, writeTenantStatesLock } from './tenant-states';

export interface LoadPlatformOptions {
  /** Path of the committed IP plan lock file. */
  readonly lockFile: string;
  /**
   * Frozen: a range missing from the lock file is an error instead of being placed and recorded.
   * @default true when the environment variable CI is "true"
   */
  readonly frozen?: boolean;
  /** Record new allocations in the lock file when not frozen. @default true */
  readonly record?: boolean;
  /** Where notices about recorded ranges and expired developer namespaces go. @default console.error */
  readonly log?: (message: string) => void;
  /** The day developer namespace expiry is judged on. @default today (UTC) */
  readonly today?: string | Date;
  /** Add-ons the definition may enable; their own validation runs with the definition's. @default none */
  readonly addOns?: readonly AddOnRules<any>[];
  /**
   * The command that shows this platform's IP plan, as the user types it; fixes append `--write` or
   * `--release <name>` to it, so every hint works for this project as written.
   * @default 'npm run ip-plan --'
   */
  readonly planCommand?: string;
  /**
   * Path of the record of each tenant's Terraform state (tenant-states.ts); frozen and recorded like the lock file.
   * @default `tenant-states.lock.json` beside the lock file
   */
  readonly tenantStatesFile?: string;
}


/** A validated platform with every address range resolved: what both apps build from. */
export interface LoadedPlatform {
  /** The definition as loaded (after validation). */
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

/**
 * Validates the definition, resolves the IP plan against the lock file and, unless frozen, records
 * new ranges in it. Throws a ValidationError before anything is synthesized when something is wrong.
 */
export function loadPlatform(definition: PlatformDefinition, options: LoadPlatformOptions): LoadedPlatform {
  const frozen = options.frozen ?? process.env.CI === 'true';
  const log = options.log ?? ((message: string) => console.error(message));
  const warnings = assertPlatform(definition, { today: options.today, addOns: options.addOns });
  for (const expired of warnings.expiredDeveloperNamespaces) {
    log(`developer namespace ${expired.name} (${expired.owner}) expired on ${expired.expires}; synthesis rejects it in ${expired.daysUntilRejected} day(s): remove it or extend the date`);
  }
  const { plan, clusterRanges } = buildPlatformIpPlan(definition);
  const planCommand = options.planCommand ?? DEFAULT_PLAN_COMMAND;
  const ipPlan = plan.resolve(readLockFile(options.lockFile), { frozen, lockFileName: options.lockFile, recordCommand: `${planCommand} --write`, releaseCommand: `${planCommand} --release` });
  const fresh = ipPlan.newAllocations;
  let recorded: readonly Allocation[] = [];
  if (fresh.length > 0 && (options.record ?? true)) {
    writeLockFile(options.lockFile, ipPlan.lockFile);
    recorded = fresh;
    log(`ip-plan: recorded ${fresh.length} new range(s) in ${options.lockFile}; review and commit it:\n${fresh.map((a) => `  + ${a.name} ${a.cidr} (${a.pool})`).join('\n')}`);
  }
  for (const orphan of ipPlan.orphanedAllocations) {
    log(`ip-plan: ${orphan.name} (${orphan.cidr}) is recorded but no longer requested; it stays reserved until \`${planCommand} --release ${orphan.name}\``);
  }
  const tenantStatesFile = options.tenantStatesFile ?? tenantStatesLockPath(options.lockFile);
  const { states, recordedTenants } = resolveTenantStates(definition, options.addOns ?? [], { frozen, record: options.record ?? true, log, tenantStatesFile, recordCommand: `${planCommand} --write` });
  const platformPlan = resolvePlatformPlan(definition, ipPlan, clusterRanges, states);
  const planIssues = validatePlatformPlan(platformPlan);
  if (planIssues.length > 0) throw new ValidationError(planIssues);
  return { definition, ipPlan, clusterRanges, recorded, plan: platformPlan, tenantStatesFile, recordedTenants };
}

/** Reads the tenant-states record, places new tenants (or refuses them when frozen) and records them. */
function resolveTenantStates(
  definition: PlatformDefinition,
  addOns: readonly AddOnRules<any>[],
  options: { frozen: boolean; record: boolean; log: (message: string) => void; tenantStatesFile: string; recordCommand: string },
) {
  const enabled = enabledAddOns(definition, addOns);
  const projectOf = (cluster: string) => definition.clusters.find((c) => c.name === cluster)?.project ?? '';
  const tenants = (definition.tenants ?? []).map((tenant) => ({
    name: tenant.name,
    project: projectOf(tenant.clusters[0]),
    resources: estimateTenantIdentityResources(tenant) + enabled.reduce((sum, { addOn, settings }) => sum + (addOn.tenantResources?.(settings, tenant) ?? 0), 0),
  }));
  const lock = readTenantStatesLock(options.tenantStatesFile);
  const assignment = assignTenantStates(tenants, lock, {
    platform: definition.name,
    maxResources: definition.terraformStates?.maxResources,
    frozen: options.frozen,
    lockFileName: options.tenantStatesFile,
    recordCommand: options.recordCommand,
  });
  let recordedTenants: readonly { tenant: string; stack: string }[] = [];
  const changed = assignment.newTenants.length > 0 || assignment.orphaned.length > 0 || (!lock && tenants.length > 0);
  if (changed && options.record && !options.frozen) {
    writeTenantStatesLock(options.tenantStatesFile, assignment.lock);
    recordedTenants = assignment.newTenants;
    const lines = [
      ...assignment.newTenants.map((t) => `  + ${t.tenant} -> ${t.stack}`),
      ...assignment.orphaned.map((t) => `  - ${t.tenant} (was in ${t.stack}; its resources go with the next apply of that stack)`),
    ];
    options.log(`tenant states: recorded ${options.tenantStatesFile}; review and commit it:\n${lines.join('\n')}`);
  } else {
    for (const orphan of assignment.orphaned) options.log(`tenant states: ${orphan.tenant} is recorded in ${orphan.stack} but no longer defined; \`${options.recordCommand}\` drops it`);
  }
  return { states: assignment.states, recordedTenants };
}
