import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { formatPlan, planAsJson } from '../../lib/domain/ip-plan/format-plan';
import { readLockFile, writeLockFile } from '../../lib/platform/lock-files';
import { releaseAllocations } from '../../lib/domain/ip-plan/lock-file';
import { CliError } from '../cli-error';
import { Command, parseCommandArgs } from '../command';
import { commandLine, loadConfig } from '../config';
import { loadConfiguredPlatform } from '../platform-source';
import { readTenantStatesLock, tenantStatesLockPath, writeTenantStatesLock } from '../../lib/platform/lock-files';
import { moveTenantState } from '../../lib/domain/platform/tenant-states';
import { stateMoveScript, tenantAddresses } from '../state-moves';
import { synthTerraform } from '../synth-outputs';
import { CliContext } from '../command';
import { ResolvedConfig } from '../config';

export const planCommand: Command = {
  name: 'plan',
  summary: 'show, check and record the IP plan (the lock file)',
  help: `usage: gke-platform plan [--json] [--check | --write] [--release NAME ...] [--config FILE]
       gke-platform plan --move-tenant TENANT --to STACK [--config FILE]

Shows every pool, reservation and allocation of the platform's IP plan with each cluster's GKE capacity
and headroom, and how many tenants each Terraform state holds. Without --write nothing is written; with
CI=true the plan is frozen as with --check. Two lock files: the IP plan's and tenant-states.lock.json beside
it (the state of each tenant); --write records new ranges and new tenants in them.

  --json           print the plan as JSON
  --check          frozen: fail when the lock file lacks a range the definition needs (for CI)
  --write          record new allocations in the lock file (then commit it)
  --release NAME   free a recorded range (repeatable): whatever used it is replaced on the next deploy
  --move-tenant T  move tenant T's Terraform to another state (with --to STACK): records it, synthesizes
                   the Terraform and writes <terraformOutdir>/state-moves/<T>-to-<STACK>.sh, which moves
                   T's resources between the two state files (run it once, before applying either stack)
  --to STACK       the state to move to: an existing shard or a new one (<platform>-tenants-<name>)
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('plan', argv, {
      json: { type: 'boolean' },
      check: { type: 'boolean' },
      write: { type: 'boolean' },
      release: { type: 'string', multiple: true },
      config: { type: 'string' },
      'move-tenant': { type: 'string' },
      to: { type: 'string' },
    });
    if (values.help) return context.out(`${this.help}\n`), 0;
    if ((values['move-tenant'] === undefined) !== (values.to === undefined)) throw new CliError('--move-tenant and --to go together', 'give both: --move-tenant <tenant> --to <stack>');
    if (values['move-tenant'] !== undefined) {
      if (values.check || values.write || values.json || values.release) throw new CliError('--move-tenant is a command of its own', 'run it without --check, --write, --json and --release');
      return moveTenant(loadConfig(context.cwd, values.config), context, values['move-tenant'], values.to!);
    }
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
    const states = new Set(Object.values(loaded.plan.stacks.tenantStates));
    const statesShown = relative(context.cwd, loaded.tenantStatesFile) || loaded.tenantStatesFile;
    if (loaded.plan.tenants.length > 0) context.err(`plan: ${loaded.plan.tenants.length} tenant(s) in ${states.size} Terraform state(s), recorded in ${statesShown}\n`);
    if (values.check) context.err(`plan: ${lockShown} is up to date (${loaded.ipPlan.allocations.length} allocations)\n`);
    else if (unrecorded > 0) context.err(`plan: ${unrecorded} range(s) are not recorded yet; run \`${commandLine(config, 'plan --write')}\` and commit ${lockShown}\n`);
    return 0;
  },
};


/** Records a tenant's move to another state and writes the script that moves its resources between the state files. */
function moveTenant(config: ResolvedConfig, context: CliContext, tenant: string, to: string): number {
  const statesFile = tenantStatesLockPath(config.lockFile);
  const shown = relative(context.cwd, statesFile) || statesFile;
  if (context.env.CI === 'true') throw new CliError('moving a tenant between states is a deliberate act, refused with CI=true', `run \`${commandLine(config, `plan --move-tenant ${tenant} --to ${to}`)}\` on your machine`);
  const before = loadConfiguredPlatform(config, { frozen: true, record: false, log: (m) => context.err(`${m}\n`) }).platform;
  if (!before.plan.tenants.some((t) => t.name === tenant)) throw new CliError(`tenant ${tenant} is not in the definition`, `name one of ${before.plan.tenants.map((t) => t.name).join(', ')}`);
  const lock = readTenantStatesLock(statesFile)!;
  const from = lock.tenants[tenant];
  writeTenantStatesLock(statesFile, moveTenantState(lock, tenant, to, { platform: before.plan.name, source: shown }));
  const { platform, addOns } = loadConfiguredPlatform(config, { frozen: true, record: false, log: (m) => context.err(`${m}\n`) });
  const outdir = context.env.CDKTF_OUTDIR ?? config.terraformOutdir;
  const bucket = context.env.TF_STATE_BUCKET;
  synthTerraform(platform, outdir, bucket ? { gcs: { bucket } } : undefined, addOns);
  const target = JSON.parse(readFileSync(join(outdir, 'stacks', to, 'cdk.tf.json'), 'utf8'));
  const addresses = tenantAddresses(target, to, tenant);
  const scriptDir = join(outdir, 'state-moves');
  const script = join(scriptDir, `${tenant}-to-${to}.sh`);
  mkdirSync(scriptDir, { recursive: true });
  writeFileSync(script, stateMoveScript({ tenant, from, to, addresses, backend: bucket ? 'remote' : 'local', stateDir: relative(scriptDir, dirname(outdir)) || '.', stacksDir: '../stacks' }));
  chmodSync(script, 0o755);
  const scriptShown = relative(context.cwd, script);
  context.out(
    [
      `plan: recorded ${tenant}: ${from} -> ${to} in ${shown}; Terraform synthesized in ${relative(context.cwd, outdir) || '.'}`,
      `plan: ${addresses.length} resource(s) move; before applying either stack, run ${scriptShown}`,
      `      then \`terraform plan\` in ${to} and ${from} shows no change for ${tenant}; commit ${shown}`,
      '',
    ].join('\n'),
  );
  return 0;
}
