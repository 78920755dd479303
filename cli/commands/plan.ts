import { relative } from 'path';
import { formatPlan, planAsJson } from '../../lib/domain/ip-plan/format-plan';
import { readLockFile, releaseAllocations, writeLockFile } from '../../lib/domain/ip-plan/lock-file';
import { CliError } from '../cli-error';
import { Command, parseCommandArgs } from '../command';
import { commandLine, loadConfig } from '../config';
import { loadConfiguredPlatform } from '../platform-source';

export const planCommand: Command = {
  name: 'plan',
  summary: 'show, check and record the IP plan (the lock file)',
  help: `usage: gke-platform plan [--json] [--check | --write] [--release NAME ...] [--config FILE]

Shows every pool, reservation and allocation of the platform's IP plan with each cluster's GKE capacity
and headroom. Without --write nothing is written; with CI=true the plan is frozen as with --check.

  --json           print the plan as JSON
  --check          frozen: fail when the lock file lacks a range the definition needs (for CI)
  --write          record new allocations in the lock file (then commit it)
  --release NAME   free a recorded range (repeatable): whatever used it is replaced on the next deploy
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('plan', argv, {
      json: { type: 'boolean' },
      check: { type: 'boolean' },
      write: { type: 'boolean' },
      release: { type: 'string', multiple: true },
      config: { type: 'string' },
    });
    if (values.help) return context.out(`${this.help}\n`), 0;
    const release = values.release ?? [];
    if (values.check && (values.write || release.length > 0)) throw new CliError('--check does not change the lock file', 'drop --write and --release, or drop --check');
    const config = loadConfig(context.cwd, values.config);
    const lockShown = relative(context.cwd, config.lockFile) || config.lockFile;
    const ciFrozen = context.env.CI === 'true';
    if (release.length > 0) {
      if (ciFrozen) throw new CliError('releasing ranges is a deliberate act, refused with CI=true', `run \`${commandLine(config, `plan --release ${release.join(' --release ')}`)}\` on your machine`);
      const lock = readLockFile(config.lockFile);
      if (!lock) throw new CliError(`${lockShown} does not exist; there is nothing to release`, `run \`${commandLine(config, 'plan --write')}\` first`);
      writeLockFile(config.lockFile, releaseAllocations(lock, release, lockShown));
      context.err(`plan: released ${release.join(', ')} from ${lockShown}; whatever used them will be replaced on the next deploy\n`);
    }
    const frozen = Boolean(values.check) || (ciFrozen && !values.write);
    const { platform: loaded } = loadConfiguredPlatform(config, { frozen, record: Boolean(values.write) || release.length > 0, log: (m) => context.err(`${m}\n`) });
    context.out(values.json ? `${JSON.stringify(planAsJson(loaded.ipPlan), null, 2)}\n` : `${formatPlan(loaded.ipPlan)}\n`);
    const unrecorded = loaded.ipPlan.newAllocations.length - loaded.recorded.length;
    if (values.check) context.err(`plan: ${lockShown} is up to date (${loaded.ipPlan.allocations.length} allocations)\n`);
    else if (unrecorded > 0) context.err(`plan: ${unrecorded} range(s) are not recorded yet; run \`${commandLine(config, 'plan --write')}\` and commit ${lockShown}\n`);
    return 0;
  },
};

