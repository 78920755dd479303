/**
 * npm run ip-plan [-- options]: shows, checks and records the platform's IP plan.
 *
 *   (no option)        print pools, reservations, allocations and GKE capacity (frozen when CI=true)
 *   --json             the same as JSON
 *   --check            frozen: fail when the lock file lacks a range the definition needs
 *   --write            record new allocations in the lock file
 *   --release NAME     free a recorded range (repeatable); what used it will be replaced
 *   --platform FILE    a module exporting `platform` and `lockFile` (default: stacks/example-platform.ts)
 */
import { relative } from 'path';
import { ValidationError } from '../lib/domain/validation-error';
import { formatPlan, planAsJson } from '../lib/domain/ip-plan/format-plan';
import { readLockFile, releaseAllocations, writeLockFile } from '../lib/domain/ip-plan/lock-file';
import { loadPlatform } from '../lib/domain/platform/load-platform';
import { DEFAULT_PLATFORM_MODULE, requirePlatformModule } from './platform-module';

interface Options {
  json: boolean;
  check: boolean;
  write: boolean;
  release: string[];
  platform: string;
}

const USAGE = 'usage: npm run ip-plan -- [--json] [--check | --write] [--release NAME ...] [--platform FILE]';

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { json: false, check: false, write: false, release: [], platform: DEFAULT_PLATFORM_MODULE };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--check') options.check = true;
    else if (arg === '--write') options.write = true;
    else if (arg === '--release' && argv[i + 1]) options.release.push(argv[++i]);
    else if (arg === '--platform' && argv[i + 1]) options.platform = argv[++i];
    else throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  if (options.check && (options.write || options.release.length > 0)) throw new Error(`--check does not change the lock file; drop --write/--release\n${USAGE}`);
  return options;
}

export function main(argv: readonly string[]): number {
  const options = parseArgs(argv);
  const module = requirePlatformModule(options.platform);
  const lockFile = module.lockFile;
  const shownLockFile = relative(process.cwd(), lockFile) || lockFile;
  const ciFrozen = process.env.CI === 'true';

  if (options.release.length > 0) {
    if (ciFrozen) throw new Error('releasing ranges is a deliberate act: run it on your machine, not with CI=true');
    const lock = readLockFile(lockFile);
    if (!lock) throw new Error(`${shownLockFile} does not exist; there is nothing to release`);
    writeLockFile(lockFile, releaseAllocations(lock, options.release, shownLockFile));
    console.error(`ip-plan: released ${options.release.join(', ')} from ${shownLockFile}; whatever used them will be replaced on the next deploy`);
  }

  const frozen = options.check || (ciFrozen && !options.write);
  const loaded = loadPlatform(module.platform, { lockFile, frozen, record: options.write || options.release.length > 0, log: (m) => console.error(m) });
  if (options.json) console.log(JSON.stringify(planAsJson(loaded.ipPlan), null, 2));
  else console.log(formatPlan(loaded.ipPlan));

  const unrecorded = loaded.ipPlan.newAllocations.length - loaded.recorded.length;
  if (options.check) console.error(`ip-plan: ${shownLockFile} is up to date (${loaded.ipPlan.allocations.length} allocations)`);
  else if (unrecorded > 0) console.error(`ip-plan: ${unrecorded} range(s) are not recorded yet; run \`npm run ip-plan -- --write\` and commit ${shownLockFile}`);
  return 0;
}

/** Runs the CLI and returns its exit code: 0, or 1 with the reason on stderr. */
export function run(argv: readonly string[]): number {
  try {
    return main(argv);
  } catch (error) {
    console.error(error instanceof ValidationError ? `ip-plan: ${error.message}` : `ip-plan: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
