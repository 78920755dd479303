import { writeFileSync } from 'fs';
import { relative } from 'path';
import { CliError } from '../cli-error';
import { CliContext, Command, parseCommandArgs } from '../command';
import { loadConfig, ResolvedConfig } from '../config';
import { ConfiguredPlatform, loadConfiguredPlatform } from '../platform-source';
import { stageManifests, stageTerraform } from '../synth-outputs';
import { checkDestroyed, commitStaged, discardStaged, lockSummary, StagedSynth, SYNTH_OPTIONS } from '../synth-stage';
import { reportFailures, verificationSummary, verifyConfigured } from './verify';
import { SYNTH_PART_ENV, SYNTH_STAGE_FILE_ENV } from '../parallel-synth';
import { phase } from '../../lib/report/phase-timing';

type Only = 'terraform' | 'manifests';

export const synthCommand: Command = {
  name: 'synth',
  summary: 'write the Terraform JSON and the per-cluster manifests, pruning stale files',
  help: `usage: gke-platform synth [--only terraform|manifests] [--destroyed STACK ...] [--config FILE]

Validates the definition (every problem listed at once, exit 1), resolves the IP plan (new ranges are
recorded in the lock file; with CI=true a missing range is an error), synthesizes both sides into scratch
folders and, with both sides, judges every connectivity intent on them (as \`gke-platform verify\` does; an unmet
one fails, naming the hop that decides it). Only when all of that succeeded does it write:
  <terraformOutdir>/stacks/<stack>/cdk.tf.json   one Terraform state per stack
  <manifestsOutdir>/<cluster>/*.k8s.yaml         per-cluster manifests; files of removed tenants and clusters are deleted
  the lock files                                 new ranges and tenants recorded
and prints a summary; a failure writes nothing. The stack of a removed cluster or link moves to
<terraformOutdir>/decommissioned/<stack>/ and stays there, with its Terraform JSON and local state path, until
you have destroyed its resources from there and confirm it with --destroyed. CDKTF_OUTDIR and CDK8S_OUTDIR (set
by \`cdktf synth\` and \`cdk8s synth\`) override the folders; TF_STATE_BUCKET keeps state in that GCS bucket (one
prefix per stack) instead of local files.

  --only KIND      only the Terraform side (what cdktf.json runs) or only the manifests (what cdk8s.yaml runs)
  --destroyed S    confirm that the decommissioned stack S's resources are destroyed: its folder is deleted (repeatable)
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('synth', argv, SYNTH_OPTIONS);
    if (values.help) return (context.out(`${this.help}\n`), 0);
    if (values.only !== undefined && values.only !== 'terraform' && values.only !== 'manifests') throw new CliError(`--only ${values.only} is not terraform or manifests`, 'use --only terraform or --only manifests');
    if (values.only === 'manifests' && (values.destroyed ?? []).length > 0) throw new CliError('--destroyed is about Terraform stacks', 'drop --only manifests');
    const config = loadConfig(context.cwd, values.config);
    return runSynth(config, context, values.only as Only | undefined, values.destroyed ?? []);
  },
};

/** Validates and synthesizes into scratch folders; writes nothing in the project. */
export function stageSynth(config: ResolvedConfig, configured: ConfiguredPlatform, env: NodeJS.ProcessEnv, only: Only | undefined, destroyed: readonly string[]): StagedSynth {
  const { platform, addOns } = configured;
  const bucket = env.TF_STATE_BUCKET;
  const tfOutdir = env.CDKTF_OUTDIR ?? config.terraformOutdir;
  let terraform: StagedSynth['terraform'];
  let manifests: StagedSynth['manifests'];
  try {
    if (only !== 'manifests') {
      terraform = { ...stageTerraform(platform, bucket ? { gcs: { bucket } } : undefined, addOns), outdir: tfOutdir, state: bucket ? `gs://${bucket}` : 'local files' };
      checkDestroyed(config, tfOutdir, destroyed, Object.keys(terraform.stacks));
    }
    if (only !== 'terraform') manifests = { dir: stageManifests(platform, addOns), outdir: env.CDK8S_OUTDIR ?? config.manifestsOutdir };
  } catch (error) {
    discardStaged({ terraform, manifests, locks: { changes: [], notices: [] } });
    throw error;
  }
  return { terraform, manifests, locks: configured.pendingLocks };
}

function runSynth(config: ResolvedConfig, context: CliContext, only: Only | undefined, destroyed: readonly string[]): number {
  const shown = (path: string) => relative(context.cwd, path) || '.';
  const frozen = context.env.CI === 'true';
  const part = context.env[SYNTH_PART_ENV];
  // The manifests half of a parallel synth records nothing and reports no lock summary: the Terraform half does.
  const secondHalf = part === 'manifests';
  const log = (m: string) => context.err(`${m}\n`);
  const configured = phase('define', () => loadConfiguredPlatform(config, { frozen, record: !frozen && !secondHalf, deferWrites: true, log: secondHalf ? () => undefined : log }));
  const staged = stageSynth(config, configured, context.env, only, destroyed);
  // A half of a parallel synth hands its staged output to the parent, which verifies and commits both.
  if (part !== undefined && context.env[SYNTH_STAGE_FILE_ENV]) {
    writeFileSync(context.env[SYNTH_STAGE_FILE_ENV]!, JSON.stringify(staged));
    return 0;
  }
  // Both sides staged: verify what is about to be written (a partial synth leaves the other side stale).
  let result;
  try {
    const folders = staged.terraform && staged.manifests ? { cdktfOut: staged.terraform.dir, dist: staged.manifests.dir } : undefined;
    result = folders ? phase('verify', () => verifyConfigured(config, configured, context.env, folders)) : undefined;
  } catch (error) {
    discardStaged(staged);
    throw error;
  }
  if (result && result.failures.length > 0) {
    discardStaged(staged);
    context.out(`connectivity: ${verificationSummary(result)}\n`);
    reportFailures('synth', result, context);
    context.err('gke-platform synth: nothing written (the output folders and lock files are as they were)\n');
    return 1;
  }
  const lines = phase('write', () => commitStaged(staged, configured.platform, config, context.cwd, destroyed, log));
  if (secondHalf) {
    context.out(`${lines.join('\n')}\n`);
    return 0;
  }
  lines.push(...lockSummary(configured.platform, config, shown));
  if (result) lines.push(`connectivity: ${verificationSummary(result)}`);
  context.out(`${lines.join('\n')}\n`);
  return 0;
}
