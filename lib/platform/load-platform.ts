import type { AddOnRules } from '../domain/addons/add-on-rules';
import type { PlatformDefinition } from '../domain/platform/platform-definition';
import { LoadedPlatform, resolvePlatform } from '../domain/platform/resolve-platform';
import { readLockText, tenantStatesLockPath, writeLockText } from './lock-files';

/** Options of `loadPlatform`. */
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

/**
 * Validates the definition, resolves the IP plan against the lock file and, unless frozen, records
 * new ranges in it. Throws a ValidationError before anything is synthesized when something is wrong.
 * The files are read here and written only when the whole platform resolved (lib/domain does the rest).
 */
export function loadPlatform(definition: PlatformDefinition, options: LoadPlatformOptions): LoadedPlatform {
  const tenantStatesFile = options.tenantStatesFile ?? tenantStatesLockPath(options.lockFile);
  const resolved = resolvePlatform(definition, {
    ipPlanLock: readLockText(options.lockFile),
    ipPlanLockName: options.lockFile,
    tenantStatesLock: readLockText(tenantStatesFile),
    tenantStatesLockName: tenantStatesFile,
    frozen: options.frozen ?? process.env.CI === 'true',
    record: options.record ?? true,
    today: options.today,
    addOns: options.addOns,
    planCommand: options.planCommand,
  });
  if (resolved.ipPlanLockToWrite !== undefined) writeLockText(options.lockFile, resolved.ipPlanLockToWrite);
  if (resolved.tenantStatesLockToWrite !== undefined) writeLockText(tenantStatesFile, resolved.tenantStatesLockToWrite);
  const log = options.log ?? ((message: string) => console.error(message));
  for (const notice of resolved.notices) log(notice);
  const { ipPlanLockToWrite: _ip, tenantStatesLockToWrite: _states, notices: _notices, ...loaded } = resolved;
  return loaded;
}
