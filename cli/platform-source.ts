import { existsSync } from 'fs';
import { relative } from 'path';
import { LoadedPlatform, resolvePlatform } from '../lib/domain/platform/resolve-platform';
import { serializeLockFile } from '../lib/domain/ip-plan/lock-file';
import { readLockText, tenantStatesLockPath } from '../lib/platform/lock-files';
import { LockFileChange, PendingLocks, writeLockFileChanges } from './lock-writes';
import { PlatformDefinition } from '../lib/domain/platform/platform-definition';
import type { LockFile } from '../lib/domain/ip-plan/lock-file';
import { PlatformAddOn } from '../lib/addons/platform-add-on';
import { CliError } from './cli-error';
import { commandLine, ResolvedConfig } from './config';

/** What a definition module exports: `platform`, and optionally the add-ons it enables and report overrides. */
export interface DefinitionModule {
  /** The platform definition. */
  readonly platform: PlatformDefinition;
  /** The add-ons the definition's `addOns` entries name (their code). @default none */
  readonly addOns?: readonly PlatformAddOn[];
  /** Overrides of the report's tenant and link summaries. @default derived from the definition */
  readonly reportExtras?: unknown;
}

/** A validated platform and the add-ons its module supplies, for the stacks and charts. */
export interface ConfiguredPlatform {
  /** The validated platform with its IP plan resolved. */
  readonly platform: LoadedPlatform;
  /** The add-ons the definition module exports (none when it exports none). */
  readonly addOns: readonly PlatformAddOn[];
  /**
   * With `deferWrites`: the lock files' new contents and the notices to print once written, for the command to
   * write (`writeLockFileChanges`) when everything else succeeded. Otherwise already written and printed: empty.
   */
  readonly pendingLocks: PendingLocks;
}

/** Loads the configured definition module; TypeScript through tsx (the project's own, or the running one). */
export function requireDefinition(config: ResolvedConfig): DefinitionModule {
  const shown = relative(config.root, config.definition) || config.definition;
  if (!existsSync(config.definition)) throw new CliError(`${config.source}: definition ${shown} does not exist`, `create it, or point "definition" at the module that exports \`platform\``);
  if (/\.[cm]?tsx?$/.test(config.definition)) registerTypeScript(config.root);
  const module = require(config.definition) as Partial<DefinitionModule>;
  if (!module.platform || typeof module.platform !== 'object') {
    throw new CliError(`${shown} does not export \`platform\``, 'export the definition: `export const platform: PlatformDefinition = { ... }`');
  }
  return module as DefinitionModule;
}

/** How the load treats the lock file. */
export interface LoadMode {
  /** Fail on ranges missing from the lock file instead of placing them. */
  readonly frozen: boolean;
  /** Write newly placed ranges to the lock file. */
  readonly record: boolean;
  /** Leave the lock files' writing and the notices to the caller (`pendingLocks`), once the whole command succeeded. @default false */
  readonly deferWrites?: boolean;
  /** The IP plan lock's contents to use instead of the file's (ranges released in memory). @default the file's */
  readonly lockContents?: LockFile;
  /** Where notices go (recorded ranges, expired developer namespaces). @default console.error */
  readonly log?: (message: string) => void;
}

/**
 * The one path from a configuration to a validated platform with its IP plan resolved: every command
 * (plan, synth, report) goes through here, so they all apply the same validation.
 */
export function loadConfiguredPlatform(config: ResolvedConfig, mode: LoadMode): ConfiguredPlatform {
  const module = requireDefinition(config);
  const addOns = module.addOns ?? [];
  const tenantStatesFile = tenantStatesLockPath(config.lockFile);
  const resolved = resolvePlatform(module.platform, {
    ipPlanLock: mode.lockContents ? serializeLockFile(mode.lockContents) : readLockText(config.lockFile),
    ipPlanLockName: config.lockFile,
    tenantStatesLock: readLockText(tenantStatesFile),
    tenantStatesLockName: tenantStatesFile,
    frozen: mode.frozen,
    record: mode.record,
    planCommand: commandLine(config, 'plan'),
    addOns,
  });
  const { ipPlanLockToWrite, tenantStatesLockToWrite, notices, ...platform } = resolved;
  const changes: LockFileChange[] = [
    ...(ipPlanLockToWrite !== undefined ? [{ path: config.lockFile, text: ipPlanLockToWrite }] : []),
    ...(tenantStatesLockToWrite !== undefined ? [{ path: tenantStatesFile, text: tenantStatesLockToWrite }] : []),
  ];
  if (mode.deferWrites) return { platform, addOns, pendingLocks: { changes, notices } };
  writeLockFileChanges(changes, notices, mode.log ?? ((message) => console.error(message)));
  return { platform, addOns, pendingLocks: { changes: [], notices: [] } };
}

/** Registers tsx's require hook once, unless TypeScript already loads (running under tsx or ts-node). */
function registerTypeScript(root: string): void {
  if (require.extensions['.ts']) return;
  let api: string;
  try {
    api = require.resolve('tsx/cjs/api', { paths: [root, __dirname] });
  } catch {
    throw new CliError('a TypeScript definition needs tsx to load', 'run `npm install --save-dev tsx`');
  }
  (require(api) as { register: () => void }).register();
}
