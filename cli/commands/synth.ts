import { writeFileSync } from 'fs';
import { relative, resolve } from 'path';
import { CliError } from '../cli-error';
import { CliContext, Command, parseCommandArgs } from '../command';
import { loadConfig, ResolvedConfig } from '../config';
import { ConfiguredPlatform, loadConfiguredPlatform } from '../platform-source';
import { stageManifests, stageTerraform } from '../synth-outputs';
import { checkDestroyed, commitStaged, discardStaged, lockSummary, StagedSynth, SYNTH_OPTIONS } from '../synth-stage';
import { reportFailures, verificationSummary, verifyStaged } from './verify';
import { SYNTH_PART_ENV, SYNTH_STAGE_FILE_ENV } from '../parallel-synth';
import { phase } from '../../lib/report/phase-timing';
import { recordCommittedSynth, SynthCacheMode, synthCacheMode, synthReuse, verifyCacheFor } from '../incremental/synth-reuse';

type Only = 'terraform' | 'manifests';

export const synthCommand: Command = {
  name: 'synth',
  summary: 'write the Terraform JSON and the per-cluster manifests, pruning stale files',
  help: `usage: gke-platform synth [--only terraform|manifests] [--destroyed STACK ...] [--no-cache] [--config FILE]

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

A synth is incremental: .gke-platform-cache/ (beside the configuration; gitignored, safe to delete) records the
hash of each stack's and each cluster's inputs and of the files it wrote, so a change to one tenant synthesizes
only the stacks and cluster manifests it touches, and the connectivity verification reuses the parsed output and
its verdicts where nothing it reads changed. The output is byte for byte that of a full synth. With CI=true the
cache is neither read nor written.

  --only KIND      only the Terraform side (what cdktf.json runs) or only the manifests (what cdk8s.yaml runs)
  --destroyed S    confirm that the decommissioned stack S's resources are destroyed: its folder is deleted (repeatable)
  --no-cache       synthesize every stack and cluster, ignoring what the last synth recorded (the record is still written)
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('synth', argv, SYNTH_OPTIONS);
    if (values.help) return (context.out(`${this.help}\n`), 0);
    if (values.only !== undefined && values.only !== 'terraform' && values.only !== 'manifests') throw new CliError(`--only ${values.only} is not terraform or manifests`, 'use --only terraform or --only manifests');
    if (values.only === 'manifests' && (values.destroyed ?? []).length > 0) throw new CliError('--destroyed is about Terraform stacks', 'drop --only manifests');
    const config = loadConfig(context.cwd, values.config);
    return runSynth(config, context, values.only as Only | undefined, values.destroyed ?? [], values['no-cache'] === true);
  },
};

/** Validates and synthesizes into scratch folders; writes nothing in the project. */
export function stageSynth(config: ResolvedConfig, configured: ConfiguredPlatform, env: NodeJS.ProcessEnv, only: Only | undefined, destroyed: readonly string[], cache: SynthCacheMode = { read: false, write: false }): StagedSynth {
  const { platform, addOns } = configured;
  const bucket = env.TF_STATE_BUCKET;
  const tfOutdir = resolve(env.CDKTF_OUTDIR ?? config.terraformOutdir);
  const k8sOutdir = resolve(env.CDK8S_OUTDIR ?? config.manifestsOutdir);
  const state = bucket ? `gs://${bucket}` : 'local files';
  // What is unchanged since the last synth into these folders is not synthesized again (incremental/).
  const reuse = phase('inputs', () => synthReuse(config, configured, cache, { terraform: tfOutdir, manifests: k8sOutdir, backend: state }));
  let terraform: StagedSynth['terraform'];
  let manifests: StagedSynth['manifests'];
  try {
    if (only !== 'manifests') {
      terraform = { ...stageTerraform(platform, bucket ? { gcs: { bucket } } : undefined, addOns, reuse.terraform), outdir: tfOutdir, state };
      checkDestroyed(config, tfOutdir, destroyed, Object.keys(terraform.stacks));
    }
    if (only !== 'terraform') manifests = { ...stageManifests(platform, addOns, reuse.manifests), outdir: k8sOutdir };
  } catch (error) {
    discardStaged({ terraform, manifests, locks: { changes: [], notices: [] } });
    throw error;
  }
  return { terraform, manifests, locks: configured.pendingLocks };
}

function runSynth(config: ResolvedConfig, context: CliContext, only: Only | undefined, destroyed: readonly string[], noCache: boolean): number {
  const shown = (path: string) => relative(context.cwd, path) || '.';
  const frozen = context.env.CI === 'true';
  const part = context.env[SYNTH_PART_ENV];
  // The manifests half of a parallel synth records nothing and reports no lock summary: the Terraform half does.
  const secondHalf = part === 'manifests';
  const log = (m: string) => context.err(`${m}\n`);
  const configured = phase('define', () => loadConfiguredPlatform(config, { frozen, record: !frozen && !secondHalf, deferWrites: true, log: secondHalf ? () => undefined : log }));
  const cache = synthCacheMode(context.env, noCache);
  const staged = stageSynth(config, configured, context.env, only, destroyed, cache);
  // A half of a parallel synth hands its staged output to the parent, which verifies and commits both.
  if (part !== undefined && context.env[SYNTH_STAGE_FILE_ENV]) {
    writeFileSync(context.env[SYNTH_STAGE_FILE_ENV]!, JSON.stringify(staged));
    return 0;
  }
  // Both sides staged: verify what is about to be written (a partial synth leaves the other side stale).
  let result;
  try {
    const { terraform, manifests } = staged;
    result = terraform && manifests ? phase('verify', () => verifyStaged(configured, { terraform, manifests }, verifyCacheFor(config, staged, cache))) : undefined;
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
  const lines = phase('write', () => {
    const summary = commitStaged(staged, configured.platform, config, context.cwd, destroyed, log);
    recordCommittedSynth(config, staged, cache);
    return summary;
  });
  if (secondHalf) {
    context.out(`${lines.join('\n')}\n`);
    return 0;
  }
  lines.push(...lockSummary(configured.platform, config, shown));
  if (result) lines.push(`connectivity: ${verificationSummary(result)}`);
  context.out(`${lines.join('\n')}\n`);
  return 0;
}
