import { spawnSync } from 'child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { run } from '../../scripts/ip-plan';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** The real command, in a process of its own: for the exit code contract. */
function ipPlanProcess(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(TSX, [join(ROOT, 'scripts/ip-plan.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same CLI in-process (much faster than a process per call), with its output captured. */
function ipPlan(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts) => void err.push(parts.join(' ')));
  const ci = process.env.CI;
  process.env.CI = env.CI ?? '';
  try {
    const status = run(args);
    return { status, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.env.CI = ci;
    log.mockRestore();
    error.mockRestore();
  }
}

/** A platform module that adds a cluster to the example, with its own copy of the lock file. */
function platformNeedingANewRange(): { module: string; lockFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ip-plan-cli-'));
  const lockFile = join(dir, 'ip-plan.lock.json');
  copyFileSync(join(ROOT, 'stacks/ip-plan.lock.json'), lockFile);
  const module = join(dir, 'platform.ts');
  writeFileSync(
    module,
    `import { examplePlatform } from ${JSON.stringify(join(ROOT, 'stacks/example-platform'))};
export const lockFile = ${JSON.stringify(lockFile)};
export const platform = { ...examplePlatform, clusters: [...examplePlatform.clusters,
  { name: 'data-usw1', project: 'drive-gke-prod', region: 'us-west1', environment: 'prod', maxNodes: 100, maxPodsPerNode: 32,
    nodePools: [{ name: 'general', kind: 'general', maxNodes: 100 }] }] };
`,
  );
  return { module, lockFile };
}

describe('npm run ip-plan', () => {
  test('as a process: exits 0 on success and 1 with the reason on stderr', () => {
    expect(ipPlanProcess(['--check']).status).toBe(0);
    const failed = ipPlanProcess(['--frobnicate']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/unknown argument "--frobnicate"/);
  });

  test('prints the example plan with its capacities', () => {
    const { status, stdout } = ipPlan([]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/gcp\/us-central1\/prod-usc1\/pods\s+100\.64\.0\.0\/15\s+gke-pods\s+recorded/);
    expect(stdout).toMatch(/GKE capacity/);
    expect(stdout).toMatch(/remote\/aws-usw2-prod\s+10\.8\.0\.0\/16/);
  });

  test('--check passes on the committed lock file', () => {
    const { status, stderr } = ipPlan(['--check']);
    expect(status).toBe(0);
    expect(stderr).toMatch(/stacks\/ip-plan.lock.json is up to date/);
  });

  test('--json prints machine-readable allocations', () => {
    const { status, stdout } = ipPlan(['--json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.allocations.find((a: { name: string }) => a.name === 'gcp/us-west1/dev-usw1/nodes')).toMatchObject({ pool: 'gke-nodes', status: 'locked' });
    expect(json.gkeCapacity).toHaveLength(json.gkeCapacity.length);
  });

  test('--check fails with a helpful message after a change that needs a new range; --write records it', () => {
    const { module, lockFile } = platformNeedingANewRange();
    const before = readFileSync(lockFile, 'utf8');
    const check = ipPlan(['--check', '--platform', module]);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/allocations \[.*"gcp\/us-west1\/data-usw1\/nodes".*\] are requested but not recorded, and the IP plan is frozen \(CI=true or --check\); run `npm run ip-plan -- --write` and commit the lock file/);
    expect(readFileSync(lockFile, 'utf8')).toBe(before);

    const frozenByCi = ipPlan(['--platform', module], { CI: 'true' });
    expect(frozenByCi.status).toBe(1);

    const write = ipPlan(['--write', '--platform', module]);
    expect(write.status).toBe(0);
    expect(write.stderr).toMatch(/recorded 4 new range\(s\)/);
    expect(ipPlan(['--check', '--platform', module]).status).toBe(0);
  });

  test('--release frees a range explicitly', () => {
    const { module, lockFile } = platformNeedingANewRange();
    expect(ipPlan(['--write', '--platform', module]).status).toBe(0);
    const release = ipPlan(['--release', 'gcp/us-west1/data-usw1/pods', '--platform', module]);
    expect(release.status).toBe(0);
    expect(release.stderr).toMatch(/released gcp\/us-west1\/data-usw1\/pods/);
    // Still requested, so it is placed again and recorded: the release was deliberate.
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).allocations['gcp/us-west1/data-usw1/pods']).toBeDefined();
  });

  test('rejects unknown arguments', () => {
    const { status, stderr } = ipPlan(['--frobnicate']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/unknown argument "--frobnicate"\nusage: npm run ip-plan/);
  });
});
