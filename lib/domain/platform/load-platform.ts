import type { AddOnRules } from '../addons/add-on-rules';
import { GkeRangeNames } from '../ip-plan/ip-plan';
import { readLockFile, writeLockFile } from '../ip-plan/lock-file';
import { Allocation, ResolvedIpPlan } from '../ip-plan/resolved-ip-plan';
import { PlatformDefinition } from './platform-definition';
import { buildPlatformIpPlan } from './platform-ip-plan';
import type { PlatformPlan } from './platform-plan';
import { resolvePlatformPlan } from './resolve-platform-plan';
import { checkPlatformPlan } from './check-plan';
import { ValidationError } from '../validation-error';
import { validatePlatform } from './validate-platform';

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
}

/** This repository's own plan command (a thin wrapper over the gke-platform CLI). */
export const DEFAULT_PLAN_COMMAND = 'npm run ip-plan --';

/** A validated platform with every address range resolved: what both apps build from. */
export interface LoadedPlatform {
  readonly definition: PlatformDefinition;
  readonly ipPlan: ResolvedIpPlan;
  /** Names of each cluster's ranges in the IP plan, by cluster name. */
  readonly clusterRanges: ReadonlyMap<string, GkeRangeNames>;
  /** Allocations placed and recorded by this load (empty when frozen or nothing was new). */
  readonly recorded: readonly Allocation[];
  /** The platform resolved once: what the stacks and charts map to construct props. */
  readonly plan: PlatformPlan;
}

/**
 * Validates the definition, resolves the IP plan against the lock file and, unless frozen, records
 * new ranges in it. Throws a ValidationError before anything is synthesized when something is wrong.
 */
export function loadPlatform(definition: PlatformDefinition, options: LoadPlatformOptions): LoadedPlatform {
  const frozen = options.frozen ?? process.env.CI === 'true';
  const log = options.log ?? ((message: string) => console.error(message));
  const warnings = validatePlatform(definition, { today: options.today, addOns: options.addOns });
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
  const platformPlan = resolvePlatformPlan(definition, ipPlan, clusterRanges);
  const planIssues = checkPlatformPlan(platformPlan);
  if (planIssues.length > 0) throw new ValidationError(planIssues);
  return { definition, ipPlan, clusterRanges, recorded, plan: platformPlan };
}
