import { relative } from 'path';
import { CliError } from '../cli-error';
import { CliContext, Command, parseCommandArgs } from '../command';
import { loadConfig, ResolvedConfig } from '../config';
import { loadConfiguredPlatform } from '../platform-source';
import { synthManifests, synthTerraform } from '../synth-outputs';
import { reportFailures, verificationSummary, verifyConfigured } from './verify';
import { SYNTH_PART_ENV } from '../parallel-synth';

type Only = 'terraform' | 'manifests';

export const synthCommand: Command = {
  name: 'synth',
  summary: 'write the Terraform JSON and the per-cluster manifests, pruning stale files',
  help: `usage: gke-platform synth [--only terraform|manifests] [--config FILE]

Validates the definition (every problem listed at once, exit 1), resolves the IP plan (new ranges are
recorded in the lock file; with CI=true a missing range is an error), then writes:
  <terraformOutdir>/stacks/<stack>/cdk.tf.json   one Terraform state per stack; folders of removed stacks are deleted
  <manifestsOutdir>/<cluster>/*.k8s.yaml         per-cluster manifests; files of removed tenants and clusters are deleted
and prints a summary. With both sides written, it then judges every connectivity intent on what it just wrote (as
\`gke-platform verify\` does) and exits 1 on an unmet one, naming the hop that decides it. CDKTF_OUTDIR and CDK8S_OUTDIR (set by \`cdktf synth\` and \`cdk8s synth\`) override the
folders; TF_STATE_BUCKET keeps state in that GCS bucket (one prefix per stack) instead of local files.

  --only KIND      only the Terraform side (what cdktf.json runs) or only the manifests (what cdk8s.yaml runs)
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('synth', argv, { only: { type: 'string' }, config: { type: 'string' } });
    if (values.help) return context.out(`${this.help}\n`), 0;
    if (values.only !== undefined && values.only !== 'terraform' && values.only !== 'manifests') throw new CliError(`--only ${values.only} is not terraform or manifests`, 'use --only terraform or --only manifests');
    const config = loadConfig(context.cwd, values.config);
    return runSynth(config, context, values.only as Only | undefined);
  },
};

function runSynth(config: ResolvedConfig, context: CliContext, only?: Only): number {
  const shown = (path: string) => relative(context.cwd, path) || '.';
  const frozen = context.env.CI === 'true';
  // The manifests half of a parallel synth records nothing and reports no lock summary: the Terraform half does.
  const secondHalf = context.env[SYNTH_PART_ENV] === 'manifests';
  const configured = loadConfiguredPlatform(config, { frozen, record: !frozen && !secondHalf, log: secondHalf ? () => undefined : (m) => context.err(`${m}\n`) });
  const { platform, addOns } = configured;
  const lines: string[] = [];
  if (only !== 'manifests') {
    const outdir = context.env.CDKTF_OUTDIR ?? config.terraformOutdir;
    const bucket = context.env.TF_STATE_BUCKET;
    const tf = synthTerraform(platform, outdir, bucket ? { gcs: { bucket } } : undefined, addOns);
    const names = Object.keys(tf.stacks);
    const total = Object.values(tf.stacks).reduce((a, b) => a + b, 0);
    lines.push(`terraform: ${names.length} stacks, ${total} resources in ${shown(outdir)}/stacks/ (state: ${bucket ? `gs://${bucket}` : 'local files'})`);
    const width = names.reduce((w, n) => Math.max(w, n.length), 0);
    for (const name of names) lines.push(`  ${name.padEnd(width)}  ${tf.stacks[name]} resource${tf.stacks[name] === 1 ? '' : 's'}`);
    for (const folder of tf.removed) lines.push(`  - removed ${shown(outdir)}/${folder}/ (the stack is gone; destroy its resources before deleting its state)`);
  }
  if (only !== 'terraform') {
    const outdir = context.env.CDK8S_OUTDIR ?? config.manifestsOutdir;
    const k8s = synthManifests(platform, outdir, addOns);
    const clusters = Object.keys(k8s.clusters);
    const files = Object.values(k8s.clusters).reduce((a, b) => a + b.length, 0);
    lines.push(`manifests: ${clusters.length} clusters, ${files} files in ${shown(outdir)}/ (${k8s.changed.length} written, ${files - k8s.changed.length} unchanged)`);
    for (const cluster of clusters) lines.push(`  ${cluster}/  ${k8s.clusters[cluster].join(', ')}`);
    for (const file of k8s.removed) lines.push(`  - removed ${shown(outdir)}/${file}`);
  }
  if (secondHalf) {
    context.out(`${lines.join('\n')}\n`);
    return 0;
  }
  const recorded = platform.recorded.length;
  lines.push(recorded > 0 ? `ip plan: ${recorded} new range(s) recorded in ${shown(config.lockFile)}; review and commit it` : `ip plan: no new ranges (${platform.ipPlan.allocations.length} recorded in ${shown(config.lockFile)})`);
  const newTenants = platform.recordedTenants.length;
  if (newTenants > 0) lines.push(`tenant states: ${newTenants} new tenant(s) recorded in ${shown(platform.tenantStatesFile)}; review and commit it`);
  // Both sides written: verify what was just synthesized (a partial synth leaves the other side stale).
  const result = only === undefined ? verifyConfigured(config, configured, context.env) : undefined;
  if (result) lines.push(`connectivity: ${verificationSummary(result)}`);
  context.out(`${lines.join('\n')}\n`);
  return result && reportFailures('synth', result, context) ? 1 : 0;
}
