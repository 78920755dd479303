import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { CliError } from '../cli-error';
import { Command, parseCommandArgs } from '../command';
import { commandLine, loadConfig } from '../config';
import { atlantisConfig, ManifestStack } from '../atlantis-config';

export const atlantisCommand: Command = {
  name: 'atlantis',
  summary: "write atlantis.yaml: one Atlantis project per synthesized stack, in the stacks' order",
  help: `usage: gke-platform atlantis [--out FILE] [--config FILE]

Reads the synthesized stacks (<terraformOutdir>/manifest.json, written by synth) and writes an Atlantis repo
config: one project per stack in its folder, depends_on its direct dependencies, execution_order_group by
dependency depth (independent stacks plan and apply in parallel: parallel_plan and parallel_apply are on).
Atlantis plans the committed cdk.tf.json: commit the Terraform outdir, or add a custom workflow that runs
\`gke-platform synth --only terraform\` first. Decommissioned stacks are not projects.

  --out FILE       where to write it (default: atlantis.yaml in the project folder, where Atlantis reads it)
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('atlantis', argv, { out: { type: 'string' }, config: { type: 'string' } });
    if (values.help) return (context.out(`${this.help}\n`), 0);
    const config = loadConfig(context.cwd, values.config);
    const outdir = context.env.CDKTF_OUTDIR ?? config.terraformOutdir;
    const manifest = join(outdir, 'manifest.json');
    if (!existsSync(manifest)) throw new CliError(`${relative(context.cwd, manifest) || manifest} does not exist: nothing synthesized`, `run \`${commandLine(config, 'synth')}\` first`);
    const stacks = (JSON.parse(readFileSync(manifest, 'utf8')) as { stacks: Record<string, ManifestStack> }).stacks;
    const out = values.out ? join(context.cwd, values.out) : join(config.root, 'atlantis.yaml');
    writeFileSync(out, atlantisConfig(stacks, relative(config.root, outdir).split('\\').join('/')));
    context.out(`${relative(context.cwd, out) || out}\n`);
    return 0;
  },
};
