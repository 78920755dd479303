import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { CriticalFinding, diffSynthTrees, renderSynthDiff, SynthDiff } from '../../lib/report/synth-diff';
import { CliError, errorLines } from '../cli-error';
import { CliContext, Command, parseCommandArgs } from '../command';
import { commandLine, loadConfig, ResolvedConfig } from '../config';
import { holdsSynthesizedOutput, RefTree, resolveCommit, synthesizeRef } from '../git-ref-tree';
import { synthCommand } from './synth';
import { prComment } from '../pr-comment';
import { REPORT_FILE } from './report';

/** What `--fail-on` can make fail: every level includes the ones below it. */
export type FailOn = 'any' | 'critical' | 'replace';
const FAIL_ON: readonly FailOn[] = ['any', 'critical', 'replace'];

/** Findings that destroy infrastructure: deletions, address changes and likely replacements. */
function destroys(finding: CriticalFinding): boolean {
  return finding.kind !== 'disruptive-change';
}

/** How many things match a `--fail-on` level. */
export function failingCount(diff: SynthDiff, level: FailOn): number {
  if (level === 'replace') return diff.critical.filter(destroys).length;
  if (level === 'critical') return diff.critical.length;
  const tf = diff.terraform;
  const k8s = diff.manifests;
  return tf.added.length + tf.changed.length + tf.removed.length + k8s.added.length + k8s.changed.length + k8s.removed.length;
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two synthesized trees: replacements and deletions first',
  help: `usage: gke-platform diff BEFORE [AFTER] [--json] [--fail-on critical|replace|any] [--out FILE] [--comment FILE] [--config FILE]

Compares two synthesized trees (each a folder holding cdktf.out/ and/or dist/, or itself a cdktf.out) and
prints a Markdown diff for a pull request: deletions, address changes, likely replacements (arguments the
providers mark ForceNew) and disruptive in-place changes of critical resources first, then every Terraform
resource and manifest added, changed or removed. AFTER defaults to this project's folder, where synth writes.
BEFORE may also be a git revision of this project (HEAD~1, main, a tag): it is checked out in a scratch
worktree, synthesized there with this project's node_modules, compared and removed; your checkout is untouched.
A folder without synthesized output is an error, never "everything added".
"Likely": only \`terraform plan\` against the real state confirms a replacement.

  --json           print the diff as JSON instead of Markdown
  --fail-on LEVEL  exit 1 when the diff has: replace (a deletion, address change or likely replacement),
                   critical (those, or a disruptive in-place change), any (any difference at all)
  --out FILE       also write the output to FILE
  --comment FILE   also write a pull-request comment to FILE: the Markdown diff, then this configuration's
                   platform report (if \`report\` wrote one) folded away, its pictures named rather than embedded,
                   cut to GitHub's 65,536-character limit; written before --fail-on decides the exit code
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values, positionals } = parseCommandArgs('diff', argv, { json: { type: 'boolean' }, 'fail-on': { type: 'string' }, out: { type: 'string' }, comment: { type: 'string' }, config: { type: 'string' } }, true);
    if (values.help) return (context.out(`${this.help}\n`), 0);
    const failOn = values['fail-on'] as FailOn | undefined;
    if (failOn !== undefined && !FAIL_ON.includes(failOn)) throw new CliError(`--fail-on ${failOn} is not one of ${FAIL_ON.join(', ')}`, 'use --fail-on replace in CI to stop on replacements and deletions');
    if (positionals.length < 1 || positionals.length > 2) throw new CliError('diff takes BEFORE and optionally AFTER', 'e.g. `gke-platform diff ../base` after synthesizing the base branch into ../base');
    const config = positionals[1] === undefined || values.config !== undefined ? loadConfig(context.cwd, values.config) : undefined;
    const after = positionals[1] !== undefined ? resolve(context.cwd, positionals[1]) : config!.root;
    const synthFirst = config ? `run \`${commandLine(config, 'synth')}\` first` : 'synthesize it first';
    if (!holdsSynthesizedOutput(after))
      throw new CliError(`${positionals[1] ?? (relative(context.cwd, after) || '.')} holds no synthesized output (no cdktf.out/stacks/<stack>/cdk.tf.json, stacks/<stack>/cdk.tf.json or dist/<cluster>/*.yaml)`, synthFirst);
    const beforeArg = positionals[0];
    const beforePath = resolve(context.cwd, beforeArg);
    let refTree: RefTree | undefined;
    if (!existsSync(beforePath)) {
      const project = config ?? loadConfig(context.cwd, values.config);
      const commit = resolveCommit(project.root, beforeArg);
      if (!commit) throw new CliError(`BEFORE ${beforeArg} is neither a folder nor a git revision of this project`, 'give a synthesized folder (e.g. ../base) or a revision (e.g. HEAD~1, main)');
      refTree = synthesizeRef(project, beforeArg, commit, context, runSynthCommand);
    } else if (!holdsSynthesizedOutput(beforePath)) {
      throw new CliError(
        `${beforeArg} holds no synthesized output (no cdktf.out/stacks/<stack>/cdk.tf.json, stacks/<stack>/cdk.tf.json or dist/<cluster>/*.yaml)`,
        'synthesize it first, or give a git revision (e.g. HEAD~1) to synthesize it in a scratch worktree',
      );
    }
    let diff: SynthDiff;
    try {
      diff = diffSynthTrees(refTree?.dir ?? beforePath, after);
    } finally {
      refTree?.dispose();
    }
    const text = values.json ? `${JSON.stringify({ ...diff, failing: Object.fromEntries(FAIL_ON.map((level) => [level, failingCount(diff, level)])) }, null, 2)}\n` : renderSynthDiff(diff);
    context.out(text);
    if (values.out) write(resolve(context.cwd, values.out), text);
    if (values.comment) write(resolve(context.cwd, values.comment), commentFor(diff, config));
    if (failOn) {
      const count = failingCount(diff, failOn);
      if (count > 0) {
        context.err(`diff: ${count} finding(s) match --fail-on ${failOn}\n`);
        for (const finding of diff.critical.filter((f) => f.proposal)) context.err(`diff: ${finding.key} would be replaced: ${finding.proposal}\n`);
        return 1;
      }
    }
    return 0;
  },
};

/** synth as another command runs it: its errors printed as the CLI prints them, its exit code returned. */
function runSynthCommand(argv: readonly string[], context: CliContext): number {
  try {
    return synthCommand.run(argv, context);
  } catch (error) {
    context.err(`${errorLines('synth', error).join('\n')}\n`);
    return 1;
  }
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** The pull-request comment: always the Markdown diff (also with --json), and the configuration's report if written. */
function commentFor(diff: SynthDiff, config: ResolvedConfig | undefined): string {
  const reportPath = config ? join(config.reportDir, REPORT_FILE) : undefined;
  const report = reportPath && existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : undefined;
  const place = config ? `the head's \`${relative(config.root, config.reportDir) || '.'}/\` folder (the CI job's artifact)` : undefined;
  return prComment({ diff: renderSynthDiff(diff), report, reportPlace: place });
}
