/**
 * README's CI snippet, run the way GitHub would run it: its `run:` lines, in order, with the job's env, GitHub's
 * shell and CI=true, on a scratch repository of two commits checked out as base/ and head/. What only GitHub has is
 * stood in for: checkouts are `git clone`s, `npm ci` links this checkout's node_modules (no download), and `gh`
 * keeps the comment it would post. See README, "For reviewers".
 */
import { spawnSync } from 'child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { scaffoldFiles } from '../../cli/scaffold';
import { cli, ROOT } from '../cli/harness';

process.env.CHECKPOINT_DISABLE = '1';

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

interface StepResult {
  readonly step: string;
  readonly status: number | 'skipped';
  readonly output: string;
}

/** The snippet's job, parsed from README's YAML block. */
function readmeJob(): { readonly permissions: unknown; readonly steps: readonly Step[] } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => /^on: pull_request$/m.test(b));
  expect(blocks).toHaveLength(1);
  const workflow = parse(blocks[0]) as { jobs: Record<string, { permissions: unknown; steps: Step[] }> };
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0];
}

/** `${{ expr }}` replaced with the values GitHub would give; an expression the test does not know fails it. */
function expand(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (!(expression in context)) throw new Error(`the snippet uses \${{ ${expression} }}, which this test does not fill in`);
    return context[expression];
  });
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A platform project like `init` makes (npm scripts synth/report/diff calling the `gke-platform` bin), on the bundled example. */
function scratchRepository(dir: string): { base: string; head: string } {
  mkdirSync(join(dir, 'platform'), { recursive: true });
  const example = JSON.stringify(join(ROOT, 'examples/drive-platform/platform'));
  const manifest = {
    name: 'scratch-platform',
    private: true,
    scripts: { synth: 'gke-platform synth', report: 'gke-platform report', diff: 'gke-platform diff' },
    gkePlatform: { definition: 'platform/platform.ts', lockFile: 'platform/ip-plan.lock.json' },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name: manifest.name, lockfileVersion: 3, requires: true, packages: { '': { name: manifest.name } } }, null, 2)}\n`);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\ncdktf.out/\ndist/\nreport/\n');
  copyFileSync(join(ROOT, 'examples/drive-platform/ip-plan.lock.json'), join(dir, 'platform/ip-plan.lock.json'));
  copyFileSync(join(ROOT, 'examples/drive-platform/tenant-states.lock.json'), join(dir, 'platform/tenant-states.lock.json'));
  writeFileSync(join(dir, 'platform/platform.ts'), `export { examplePlatform as platform } from ${example};\n`);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  // The pull request: dev-usw1 at 16 pods per node (ForceNew on the cluster and its pool) and a new tenant,
  // with the tenant-states lock file a local `plan --write` updated, as the README asks.
  writeFileSync(
    join(dir, 'platform/platform.ts'),
    `import { examplePlatform as example } from ${example};
export const platform = {
  ...example,
  clusters: example.clusters.map((c) => (c.name === 'dev-usw1' ? { ...c, maxPodsPerNode: 16 } : c)),
  tenants: [...(example.tenants ?? []), { name: 'telemetry', groups: { admin: 'telemetry-admins@example.com', developer: 'telemetry-dev@example.com' },
    clusters: ['dev-usw1'], isolation: 'shared' as const, labels: { team: 'telemetry', environment: 'dev', costCenter: 'cc-1105' } }],
};
`,
  );
  expect(cli(dir, ['plan', '--write']).status).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'head: dev-usw1 at 16 pods per node, tenant telemetry');
  return { base, head: git(dir, 'rev-parse', 'HEAD') };
}

/** `npm` whose `ci` installs the package's bin as a link to this checkout (offline), and `gh` that keeps the comment. */
function standIns(dir: string, ghLog: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const npm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  writeFileSync(
    join(bin, 'npm'),
    `#!/bin/sh
if [ "$1" = ci ]; then
  [ -f package-lock.json ] || { echo "npm ci: no package-lock.json" >&2; exit 1; }
  mkdir -p node_modules/.bin
  printf '#!/bin/sh\\nexec %s %s "$@"\\n' '${tsx}' '${join(ROOT, 'cli/main.ts')}' > node_modules/.bin/gke-platform
  chmod +x node_modules/.bin/gke-platform
  exit 0
fi
exec '${npm}' "$@"
`,
  );
  writeFileSync(
    join(bin, 'gh'),
    `#!/bin/sh
[ -n "$GH_TOKEN" ] || { echo "gh: GH_TOKEN is not set" >&2; exit 4; }
[ -n "$GH_REPO" ] || git rev-parse --git-dir >/dev/null 2>&1 || { echo "gh: not a git repository and no GH_REPO" >&2; exit 1; }
printf '%s\\n' "$*" > '${ghLog}'
while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" '${ghLog}.body'; shift; done
`,
  );
  chmodSync(join(bin, 'npm'), 0o755);
  chmodSync(join(bin, 'gh'), 0o755);
  return bin;
}

describe("README's CI snippet", () => {
  const job = readmeJob();
  const dir = mkdtempSync(join(tmpdir(), 'ci-snippet-'));
  const origin = join(dir, 'origin');
  const workspace = join(dir, 'workspace');
  const ghLog = join(dir, 'gh.log');
  let results: StepResult[] = [];

  beforeAll(() => {
    mkdirSync(workspace);
    mkdirSync(origin);
    const { base, head } = scratchRepository(origin);
    const bin = standIns(dir, ghLog);
    const context = { 'github.event.pull_request.base.sha': base, 'github.event.number': '7', 'github.token': 'test-token', 'github.repository': 'acme/platform' };
    // GitHub's defaults for every step: CI=true, bash -eo pipefail, the workspace as working directory.
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, CI: 'true', GITHUB_ACTIONS: 'true', npm_config_update_notifier: 'false' };
    let failed = false;
    results = job.steps.map((step, i): StepResult => {
      const name = step.run ?? step.uses ?? `step ${i}`;
      if (step.if !== undefined && step.if !== 'always()') throw new Error(`step ${i}: if: ${step.if} is not evaluated by this test`);
      if (failed && step.if !== 'always()') return { step: name, status: 'skipped', output: '' };
      const withs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), context)]));
      let status = 0;
      let output = '';
      if (step.uses?.startsWith('actions/checkout@')) {
        git(workspace, 'clone', '-q', origin, withs.path);
        git(join(workspace, withs.path), 'checkout', '-q', withs.ref ?? head);
      } else if (step.uses?.startsWith('actions/upload-artifact@')) {
        status = existsSync(join(workspace, withs.path)) ? 0 : 1;
      } else if (step.run !== undefined) {
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, context)]));
        const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, context)], { cwd: workspace, env: { ...env, ...stepEnv }, encoding: 'utf8' });
        status = run.status ?? 1;
        output = `${run.stdout}${run.stderr}`;
      } else if (!step.uses?.startsWith('actions/setup-node@')) {
        throw new Error(`step ${i} (${name}) is not simulated by this test`);
      }
      if (status !== 0) failed = true;
      return { step: name, status, output };
    });
  }, 600_000);

  test('runs only npm scripts that this repository and a project made by init both define', () => {
    const used = job.steps.flatMap((s) => [...(s.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]));
    expect(new Set(used)).toEqual(new Set(['synth', 'report', 'diff']));
    const scaffolded = JSON.parse(scaffoldFiles({ name: 'acme', region: 'us-central1', gitOpsRepository: 'https://example.com/m.git', domain: 'example.com' }, 'acme')['package.json']);
    const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const script of used) {
      expect(scaffolded.scripts[script]).toBe(`gke-platform ${script}`);
      expect(own.scripts[script]).toBe(`tsx cli/main.ts ${script}`);
    }
    // npx would resolve this repository's own bin, which exists only in the packed tarball (build/).
    expect(job.steps.some((s) => /\bnpx\b/.test(s.run ?? ''))).toBe(false);
  });

  test('asks for no more than reading the code and writing pull-request comments', () => {
    expect(job.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  test('synthesizes base and head, reports, then fails the diff step on the likely replacement', () => {
    const byRun = (pattern: RegExp) => results.find((r) => pattern.test(r.step))!;
    expect(byRun(/^cd base && npm ci && CI=true npm run synth$/)).toMatchObject({ status: 0 });
    expect(byRun(/^cd base/).output).toMatch(/^terraform: \d+ stacks/m);
    expect(byRun(/^cd head && npm ci/)).toMatchObject({ status: 0 });
    expect(byRun(/^cd head && npm ci/).output).toContain('report/platform-report.md');
    const diff = byRun(/npm run diff/);
    expect(diff.status).toBe(1);
    expect(diff.output).toContain('diff: 2 finding(s) match --fail-on replace');
  });

  test('uploads the report and posts the comment after the failed diff step', () => {
    expect(results.find((r) => r.step.startsWith('actions/upload-artifact@'))).toMatchObject({ status: 0 });
    expect(results[results.length - 1]).toMatchObject({ step: expect.stringMatching(/^gh pr comment/), status: 0 });
    expect(readFileSync(ghLog, 'utf8')).toBe('pr comment 7 --body-file comment.md\n');
  });

  test('the comment leads with the replacement, lists the new tenant and folds the report, pictures named', () => {
    const body = readFileSync(`${ghLog}.body`, 'utf8');
    expect(body.startsWith('## Synthesized output diff')).toBe(true);
    expect(body).toMatch(/\*\*Likely replacement\*\* `drive-cluster-dev-usw1\/google_container_cluster\.[^`]+`: `default_max_pods_per_node` \(`32` → `16`\)/);
    expect(body).toContain('`Namespace telemetry (v1)`');
    expect(body).toContain('<summary>Platform report (head)</summary>');
    expect(body).toContain('# Platform `drive`');
    expect(body).not.toMatch(/!\[[^\]]*\]\([^)]*\.svg\)/);
    expect(body).toContain("*Picture: Address space: pools, allocations, reservations and free space (`address-space.svg` in the head's `report/` folder (the CI job's artifact))*");
    expect(body.length).toBeLessThanOrEqual(65536);
  });
});
