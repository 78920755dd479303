import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli, exampleProject, redefine } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** The example as a git repository of one commit (its definition and lock file), nothing synthesized. */
function committedProject(): { dir: string } {
  const { dir } = exampleProject();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return { dir };
}

const LOWER_DEV_PODS = `export const platform = { ...example, clusters: example.clusters.map((c) => c.name === 'dev-usw1' ? { ...c, maxPodsPerNode: 24 } : c) };`;

describe('gke-platform diff <git-ref>', () => {
  test('synthesizes the revision in a scratch worktree and compares it with the project, leaving the checkout untouched', () => {
    const { dir } = committedProject();
    redefine(dir, LOWER_DEV_PODS);
    expect(cli(dir, ['synth']).status).toBe(0);
    const status = git(dir, 'status', '--porcelain');
    const result = cli(dir, ['diff', 'HEAD', '--fail-on', 'replace']);
    expect(result.stderr).toMatch(/^diff: \d+ finding\(s\) match --fail-on replace$/m);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/\*\*Likely replacement\*\* `drive-cluster-dev-usw1\/google_container_cluster\.[^`]+`: `default_max_pods_per_node` \(`32` → `24`\)/);
    // Only what changed between the revisions: the other clusters are not "added".
    expect(result.stdout).not.toMatch(/drive-cluster-prod-usc1\/google_container_cluster\.[^`]+`.*added/);
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(git(dir, 'status', '--porcelain')).toBe(status);
  });

  test('throws when the revision is neither a folder nor a commit', () => {
    const { dir } = committedProject();
    expect(cli(dir, ['synth']).status).toBe(0);
    expect(cli(dir, ['diff', 'no-such-branch'])).toMatchObject({
      status: 1,
      stderr: 'gke-platform diff: BEFORE no-such-branch is neither a folder nor a git revision of this project\n  fix: give a synthesized folder (e.g. ../base) or a revision (e.g. HEAD~1, main)\n',
    });
  });

  test('throws when the project itself holds no synthesized output, naming the synth command', () => {
    const { dir } = committedProject();
    expect(cli(dir, ['diff', 'HEAD'])).toMatchObject({
      status: 1,
      stderr: 'gke-platform diff: . holds no synthesized output (no cdktf.out/stacks/<stack>/cdk.tf.json, stacks/<stack>/cdk.tf.json or dist/<cluster>/*.yaml)\n  fix: run `npx gke-platform synth` first\n',
    });
  });

  test('throws when BEFORE is a folder without synthesized output (an unsynthesized checkout), instead of reporting everything added', () => {
    const { dir } = committedProject();
    expect(cli(dir, ['synth']).status).toBe(0);
    const checkout = mkdtempSync(join(tmpdir(), 'checkout-'));
    git(checkout, 'clone', '-q', dir, 'base');
    const result = cli(dir, ['diff', join(checkout, 'base')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('holds no synthesized output');
    expect(result.stderr).toContain('fix: synthesize it first, or give a git revision (e.g. HEAD~1) to synthesize it in a scratch worktree');
  });
});
