/**
 * Proves a refactor changed no output: synthesizes every app of a checkout (the bundled example through
 * `gke-platform synth`, and each `examples/<name>/main.ts`) into a scratch folder and hashes each file; with
 * `--base <rev>` it does the same for a detached worktree of that revision and lists every file that differs.
 *
 *   npx tsx scripts/synth-identity.ts --base main     # exit 1 and the differing files when the output changed
 *   npx tsx scripts/synth-identity.ts                 # the current checkout's hashes, as JSON
 *
 * Every app runs frozen (CI=true), so no lock file is written in either checkout.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { createHash } from 'crypto';

/** File hashes by app, then by path relative to the app's output folder (`tf/...` and `k8s/...`). */
export type SynthHashes = Record<string, Record<string, string>>;

/** The apps of a checkout: the bundled example, then each example with a main.ts, sorted. */
export function appsOf(root: string): { readonly name: string; readonly args: readonly string[] }[] {
  const examples = readdirSync(join(root, 'examples'))
    .filter((name) => existsSync(join(root, 'examples', name, 'main.ts')))
    .sort()
    .map((name) => ({ name, args: [`examples/${name}/main.ts`] }));
  return [{ name: 'bundled', args: ['cli/main.ts', 'synth'] }, ...examples];
}

/** Synthesizes every app of the checkout at `root` and hashes its output. */
export function synthHashes(root: string): SynthHashes {
  const out = mkdtempSync(join(tmpdir(), 'synth-identity-'));
  const tsx = resolve(__dirname, '..', 'node_modules', '.bin', 'tsx');
  try {
    const hashes: SynthHashes = {};
    for (const app of appsOf(root)) {
      const tf = join(out, app.name, 'tf');
      const k8s = join(out, app.name, 'k8s');
      mkdirSync(join(out, app.name), { recursive: true });
      execFileSync(tsx, [...app.args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true', CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: tf, CDK8S_OUTDIR: k8s } });
      const files: Record<string, string> = {};
      for (const [side, dir] of [
        ['tf', tf],
        ['k8s', k8s],
      ] as const) {
        if (!existsSync(dir)) continue;
        for (const [path, hash] of Object.entries(treeHashes(dir, root))) files[`${side}/${path}`] = hash;
      }
      hashes[app.name] = files;
    }
    return hashes;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * SHA-256 of every file under `dir` by relative path, with the checkout's absolute path replaced by `<root>`:
 * a local backend's state path is absolute, and the two checkouts compared live in different folders.
 */
export function treeHashes(dir: string, root: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(join(dir, rel)).isDirectory()) Object.assign(out, treeHashes(dir, root, rel));
    else
      out[rel] = createHash('sha256')
        .update(readFileSync(join(dir, rel), 'utf8').split(resolve(root)).join('<root>'))
        .digest('hex');
  }
  return out;
}

/** Every difference between two sets of hashes, one line each: `app: path changed|added|removed`. */
export function compareHashes(before: SynthHashes, after: SynthHashes): string[] {
  const lines: string[] = [];
  for (const app of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const a = before[app] ?? {};
    const b = after[app] ?? {};
    if (!(app in before)) lines.push(`${app}: app added`);
    if (!(app in after)) lines.push(`${app}: app removed`);
    for (const path of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!(path in a)) lines.push(`${app}: ${path} added`);
      else if (!(path in b)) lines.push(`${app}: ${path} removed`);
      else if (a[path] !== b[path]) lines.push(`${app}: ${path} changed`);
    }
  }
  return lines;
}

/** A detached worktree of `rev` sharing this checkout's node_modules; removed by the returned function. */
function worktreeAt(rev: string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'synth-base-'));
  execFileSync('git', ['worktree', 'add', '--detach', root, rev], { stdio: 'ignore' });
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  return { root, remove: () => execFileSync('git', ['worktree', 'remove', '--force', root], { stdio: 'ignore' }) };
}

if (require.main === module) {
  const baseIndex = process.argv.indexOf('--base');
  if (baseIndex < 0) {
    process.stdout.write(`${JSON.stringify(synthHashes(process.cwd()), null, 2)}\n`);
  } else {
    const rev = process.argv[baseIndex + 1];
    const base = worktreeAt(rev);
    try {
      const before = synthHashes(base.root);
      const after = synthHashes(process.cwd());
      const differences = compareHashes(before, after);
      const files = Object.values(after).reduce((n, f) => n + Object.keys(f).length, 0);
      if (differences.length > 0) {
        console.error(`synth-identity: ${differences.length} difference(s) against ${rev}:\n${differences.join('\n')}`);
        process.exitCode = 1;
      } else {
        console.log(`synth-identity: ${Object.keys(after).length} apps, ${files} files byte-identical to ${rev} (checkout path normalized)`);
      }
    } finally {
      base.remove();
    }
  }
}
