/**
 * `diff <git-ref>`: the synthesized tree of another revision of this project, built in a scratch git worktree so
 * the user's checkout (its files, its output folders, its lock files) is never touched.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { CliError } from './cli-error';
import { CliContext } from './command';
import { ResolvedConfig } from './config';

/** A revision synthesized in a scratch worktree; `dispose` removes the worktree. */
export interface RefTree {
  /** The project folder inside the worktree, holding the synthesized cdktf.out/ and dist/. */
  readonly dir: string;
  /** Removes the worktree and its scratch folder. */
  dispose(): void;
}

function git(cwd: string, args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync('git', [...args], { cwd, encoding: 'utf8' });
  return { status: run.status ?? 1, stdout: (run.stdout ?? '').trim(), stderr: (run.stderr ?? '').trim() };
}

/** The commit `ref` names in the git repository holding `dir`, or undefined when it names none (or there is no repository). */
export function resolveCommit(dir: string, ref: string): string | undefined {
  if (ref.startsWith('-')) return undefined;
  const run = git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return run.status === 0 && /^[0-9a-f]{40}$/.test(run.stdout) ? run.stdout : undefined;
}

/**
 * Checks out `commit` in a scratch worktree (detached), gives it this project's node_modules, and runs `synth` there
 * with the same configuration (`synth`: the synth command, run in this process). Throws a CliError with the synth's own
 * output when that revision does not synthesize.
 */
export function synthesizeRef(config: ResolvedConfig, ref: string, commit: string, context: CliContext, synth: (argv: readonly string[], context: CliContext) => number): RefTree {
  const top = git(config.root, ['rev-parse', '--show-toplevel']).stdout;
  const scratch = mkdtempSync(join(tmpdir(), 'gke-platform-diff-'));
  const worktree = join(scratch, 'checkout');
  const dispose = () => {
    git(top, ['worktree', 'remove', '--force', worktree]);
    rmSync(scratch, { recursive: true, force: true });
    git(top, ['worktree', 'prune']);
  };
  const added = git(top, ['worktree', 'add', '--detach', worktree, commit]);
  if (added.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new CliError(`could not check out ${ref} in a scratch worktree: ${added.stderr}`, 'give a commit, branch or tag of this repository');
  }
  const dir = join(worktree, relative(top, config.root));
  try {
    const modules = join(config.root, 'node_modules');
    if (existsSync(modules) && !existsSync(join(dir, 'node_modules'))) symlinkSync(modules, join(dir, 'node_modules'), 'dir');
    const out: string[] = [];
    // A --config file is read from the same place in the worktree.
    const configArgs = config.configFlag ? ['--config', join(worktree, relative(top, resolve(context.cwd, config.configFlag.replace(/^ --config /, ''))))] : [];
    const env = { ...context.env, CI: '', CDKTF_OUTDIR: undefined, CDK8S_OUTDIR: undefined };
    const status = synth(configArgs, { cwd: dir, env, out: (t) => void out.push(t), err: (t) => void out.push(t) });
    if (status !== 0)
      throw new CliError(
        `${ref} does not synthesize:\n${out
          .join('')
          .trimEnd()
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}`,
        `fix that revision, or compare against a folder synthesized by hand`,
      );
  } catch (error) {
    dispose();
    throw error;
  }
  return { dir, dispose };
}

/** Whether `dir` holds synthesized output: a stack's cdk.tf.json under cdktf.out/stacks/ (or stacks/), or a manifest under dist/<cluster>/. */
export function holdsSynthesizedOutput(dir: string): boolean {
  const folders = (root: string) => (existsSync(root) && statSync(root).isDirectory() ? readdirSync(root).filter((e) => statSync(join(root, e)).isDirectory()) : []);
  const stacksIn = (root: string) => folders(root).some((stack) => existsSync(join(root, stack, 'cdk.tf.json')));
  const distHasYaml = () => folders(join(dir, 'dist')).some((cluster) => readdirSync(join(dir, 'dist', cluster)).some((f) => /\.ya?ml$/.test(f)));
  return stacksIn(join(dir, 'cdktf.out', 'stacks')) || stacksIn(join(dir, 'stacks')) || distHasYaml();
}
