import { resourcePrerequisites, ResourcePrerequisite } from '../../lib/domain/tenancy/tenant-resources';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { formatPlan, planAsJson } from '../../lib/domain/ip-plan/format-plan';
import { readLockFile } from '../../lib/platform/lock-files';
import { releaseAllocations, serializeLockFile } from '../../lib/domain/ip-plan/lock-file';
import { GkeRangeNames } from '../../lib/domain/ip-plan/plan-requests';
import { writeLockFileChanges } from '../lock-writes';
import { CliError } from '../cli-error';
import { Command, parseCommandArgs } from '../command';
import { commandLine, loadConfig } from '../config';
import { loadConfiguredPlatform } from '../platform-source';
import { readTenantStatesLock, tenantStatesLockPath, writeTenantStatesLock } from '../../lib/platform/lock-files';
import { moveTenantState } from '../../lib/domain/platform/tenant-states';
import { stateMoveScript, tenantAddresses } from '../state-moves';
import { commitTerraform, StagedTerraform, stageTerraform } from '../synth-outputs';
import { CliContext } from '../command';
import { ResolvedConfig } from '../config';

export const planCommand: Command = {
  name: 'plan',
  summary: 'show, check and record the IP plan (the lock file)',
  help: `usage: gke-platform plan [--json] [--check | --write] [--release NAME ... [--replace-in-use]] [--config FILE]
       gke-platform plan --move-tenant TENANT --to STACK [--config FILE]

Shows every pool, reservation and allocation of the platform's IP plan with each cluster's GKE capacity
and headroom, and how many tenants each Terraform state holds. Without --write nothing is written; with
CI=true the plan is frozen as with --check. Two lock files: the IP plan's and tenant-states.lock.json beside
it (the state of each tenant); --write records new ranges and new tenants in them.

  --json           print the plan as JSON
  --check          frozen: fail when the lock file lacks a range the definition needs (for CI)
  --write          record new allocations in the lock file (then commit it)
  --release NAME   free a recorded range (repeatable); without --write, only shows what releasing would do.
                   A range the definition still requests is placed again elsewhere, which replaces what uses
                   it (named, e.g. its cluster): refused unless --replace-in-use confirms it
  --replace-in-use confirm that releasing a range still in use replaces what uses it
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
      'replace-in-use': { type: 'boolean' },
      config: { type: 'string' },
      'move-tenant': { type: 'string' },
      to: { type: 'string' },
    });
    if (values.help) return (context.out(`${this.help}\n`), 0);
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
    if (release.length > 0) return releaseRanges(config, context, release, { write: Boolean(values.write), replaceInUse: Boolean(values['replace-in-use']), json: Boolean(values.json) });
    if (values['replace-in-use']) throw new CliError('--replace-in-use confirms a --release', 'add --release <name>, or drop --replace-in-use');
    const frozen = Boolean(values.check) || (ciFrozen && !values.write);
    const { platform: loaded } = loadConfiguredPlatform(config, { frozen, record: Boolean(values.write), log: (m) => context.err(`${m}\n`) });
    context.out(values.json ? `${JSON.stringify(planAsJson(loaded.ipPlan), null, 2)}\n` : `${formatPlan(loaded.ipPlan)}\n`);
    const unrecorded = loaded.ipPlan.newAllocations.length - loaded.recorded.length;
    const states = new Set(Object.values(loaded.plan.stacks.tenantStates));
    const statesShown = relative(context.cwd, loaded.tenantStatesFile) || loaded.tenantStatesFile;
    if (loaded.plan.tenants.length > 0) context.err(`plan: ${loaded.plan.tenants.length} tenant(s) in ${states.size} Terraform state(s), recorded in ${statesShown}\n`);
    if (values.check) {
      context.err(`plan: ${lockShown} is up to date (${loaded.ipPlan.allocations.length} allocations)\n`);
      context.err(formatPrerequisites(resourcePrerequisites(loaded.plan.tenants.flatMap((t) => t.projects.map((project) => ({ tenant: t.definition, project }))))));
    } else if (unrecorded > 0) context.err(`plan: ${unrecorded} range(s) are not recorded yet; run \`${commandLine(config, 'plan --write')}\` and commit ${lockShown}\n`);
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
  const original = readFileSync(statesFile, 'utf8');
  const outdir = context.env.CDKTF_OUTDIR ?? config.terraformOutdir;
  const bucket = context.env.TF_STATE_BUCKET;
  // Record the move, synthesize into a scratch folder and work out the script; on any failure the record is
  // restored and nothing else was written.
  writeTenantStatesLock(statesFile, moveTenantState(lock, tenant, to, { platform: before.plan.name, source: shown }));
  let staged: StagedTerraform | undefined;
  let addresses: string[];
  try {
    const { platform, addOns } = loadConfiguredPlatform(config, { frozen: true, record: false, log: (m) => context.err(`${m}\n`) });
    staged = stageTerraform(platform, bucket ? { gcs: { bucket } } : undefined, addOns);
    const target = JSON.parse(readFileSync(join(staged.dir, 'stacks', to, 'cdk.tf.json'), 'utf8'));
    addresses = tenantAddresses(target, to, tenant);
  } catch (error) {
    writeFileSync(statesFile, original);
    if (staged) rmSync(staged.dir, { recursive: true, force: true });
    throw error;
  }
  commitTerraform(staged, outdir);
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

/**
 * `plan --release`: frees recorded ranges, in memory first. A range the definition still requests is placed again
 * at once, elsewhere: that replaces what uses it, so it needs --replace-in-use, and the message names it. Writes
 * only with --write, and only when everything resolved.
 */
function releaseRanges(config: ResolvedConfig, context: CliContext, release: readonly string[], options: { write: boolean; replaceInUse: boolean; json: boolean }): number {
  const lockShown = relative(context.cwd, config.lockFile) || config.lockFile;
  const again = (extra: string) => commandLine(config, `plan ${release.map((r) => `--release ${r}`).join(' ')}${extra}`);
  if (context.env.CI === 'true') throw new CliError('releasing ranges is a deliberate act, refused with CI=true', `run \`${again(' --write')}\` on your machine`);
  const lock = readLockFile(config.lockFile);
  if (!lock) throw new CliError(`${lockShown} does not exist; there is nothing to release`, `run \`${commandLine(config, 'plan --write')}\` first`);
  const released = releaseAllocations(lock, release, lockShown);
  const { platform, pendingLocks } = loadConfiguredPlatform(config, { frozen: false, record: true, deferWrites: true, lockContents: released });
  const placedAgain = (name: string) => platform.ipPlan.allocations.find((a) => a.name === name && a.status === 'new');
  // Placed again where it was: nothing moves, so there is nothing to confirm.
  const inUse = release.filter((name) => placedAgain(name) && placedAgain(name)!.cidr !== lock.allocations[name].cidr);
  const lines = release.map((name) => {
    const old = lock.allocations[name].cidr;
    const placed = placedAgain(name);
    if (!placed) return `plan: ${name} (${old}) is no longer requested by the definition: released`;
    if (placed.cidr === old) return `plan: ${name} (${old}) is still requested by the definition and would be placed again at the same ${old}: releasing it changes nothing`;
    return `plan: ${name} (${old}) is still requested by the definition: releasing it places it again at ${placed.cidr}, which replaces ${rangeUser(platform.clusterRanges, name)}`;
  });
  if (inUse.length > 0 && !options.replaceInUse) {
    context.err(`${lines.join('\n')}\n`);
    throw new CliError(
      `${inUse.join(', ')} ${inUse.length === 1 ? 'is' : 'are'} still in use; nothing written`,
      `to replace what uses ${inUse.length === 1 ? 'it' : 'them'}, confirm with \`${again(' --replace-in-use --write')}\`; to release without replacing, first remove what requests ${inUse.length === 1 ? 'it' : 'them'} from the definition`,
    );
  }
  context.out(options.json ? `${JSON.stringify(planAsJson(platform.ipPlan), null, 2)}\n` : `${formatPlan(platform.ipPlan)}\n`);
  context.err(`${lines.join('\n')}\n`);
  if (!options.write) {
    context.err(`plan: nothing written (no --write); to release, run \`${again(`${options.replaceInUse ? ' --replace-in-use' : ''} --write`)}\`\n`);
    return 0;
  }
  const ipLock = { path: config.lockFile, text: serializeLockFile(platform.ipPlan.lockFile) };
  const notices = [...pendingLocks.notices, `plan: released ${release.join(', ')} in ${lockShown}; review and commit it`];
  writeLockFileChanges([ipLock, ...pendingLocks.changes.filter((c) => c.path !== config.lockFile)], notices, (m) => context.err(`${m}\n`));
  return 0;
}

/** What uses a range of the IP plan, for the message that says what releasing it replaces. */
function rangeUser(clusterRanges: ReadonlyMap<string, GkeRangeNames>, name: string): string {
  for (const [cluster, ranges] of clusterRanges) {
    if (ranges.nodes === name) return `cluster ${cluster}'s node subnet (the cluster and its node pools are replaced on the next deploy)`;
    if (ranges.pods === name) return `cluster ${cluster}'s default pod range (the cluster is replaced on the next deploy)`;
    if (ranges.services === name) return `cluster ${cluster}'s services range (the cluster is replaced on the next deploy)`;
    if (ranges.controlPlane === name) return `cluster ${cluster}'s control-plane range (the cluster is replaced on the next deploy)`;
    if (ranges.additionalPods.includes(name)) return `cluster ${cluster}'s additional pod range ${name} (the node pools on it are replaced on the next deploy)`;
  }
  return `whatever the definition places on ${name} (replaced on the next deploy)`;
}

/**
 * The existing resources the definition's grants name (`provisioning: 'existing'`): what a fresh project must have
 * before the first deploy, or the tenants' grants fail with 404.
 */
export function formatPrerequisites(prerequisites: readonly ResourcePrerequisite[]): string {
  if (prerequisites.length === 0) return 'plan: no existing resources are named as prerequisites (every resource a grant names is created by the platform)\n';
  const lines = prerequisites.map((p) => `  - ${p.kind} ${p.name} (project ${p.project}${p.location ? `, ${p.location}` : ''}; granted to ${p.tenants.join(', ')})`);
  return `plan: ${prerequisites.length} existing resource(s) the definition names must exist before the first deploy (provisioning: 'existing'):\n${lines.join('\n')}\n`;
}
