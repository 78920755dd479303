import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { cli, EXAMPLE_LOCK, exampleProject, ROOT, WITH_DATA_CLUSTER } from './harness';

describe('gke-platform plan', () => {
  test('prints the configured plan with its capacities', () => {
    const { dir } = exampleProject();
    const { status, stdout } = cli(dir, ['plan']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/gcp\/us-central1\/prod-usc1\/pods\s+100\.64\.0\.0\/15\s+gke-pods\s+recorded/);
    expect(stdout).toMatch(/GKE capacity/);
    expect(stdout).toMatch(/remote\/aws-usw2-prod\s+10\.8\.0\.0\/16/);
  });

  test("this repository's configuration is the bundled example, and --check passes on its lock file", () => {
    const { status, stderr } = cli(ROOT, ['plan', '--check']);
    expect(status).toBe(0);
    expect(stderr).toMatch(/examples\/drive-platform\/ip-plan.lock.json is up to date \(17 allocations\)/);
  });

  test('--json prints machine-readable allocations', () => {
    const { dir } = exampleProject();
    const { status, stdout } = cli(dir, ['plan', '--json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.allocations.find((a: { name: string }) => a.name === 'gcp/us-west1/dev-usw1/nodes')).toMatchObject({ pool: 'gke-nodes', status: 'locked' });
  });

  test('--check fails after a change that needs new ranges, naming the command for this project; --write records them', () => {
    const { dir, lockFile } = exampleProject(WITH_DATA_CLUSTER);
    const before = readFileSync(lockFile, 'utf8');
    const check = cli(dir, ['plan', '--check']);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/"gcp\/us-west1\/data-usw1\/nodes".*\] are requested but not recorded, and the IP plan is frozen \(CI=true or --check\); run `npx gke-platform plan --write` and commit the lock file/);
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
    expect(cli(dir, ['plan'], { CI: 'true' }).status).toBe(1);

    const write = cli(dir, ['plan', '--write']);
    expect(write.status).toBe(0);
    expect(write.stderr).toMatch(/recorded 4 new range\(s\)/);
    expect(cli(dir, ['plan', '--check']).status).toBe(0);
  });

  test('hints name --config when the configuration came from a file', () => {
    const { dir } = exampleProject(WITH_DATA_CLUSTER);
    const config = join(dir, 'platform.json');
    require('fs').writeFileSync(config, JSON.stringify({ definition: 'platform/platform.ts', command: 'npx gke-platform' }));
    const check = cli(dir, ['plan', '--check', '--config', 'platform.json']);
    expect(check.stderr).toContain('run `npx gke-platform plan --config platform.json --write`');
  });

  test('--release frees a range explicitly, and is refused with CI=true', () => {
    const { dir, lockFile } = exampleProject(WITH_DATA_CLUSTER);
    expect(cli(dir, ['plan', '--write']).status).toBe(0);
    const refused = cli(dir, ['plan', '--release', 'gcp/us-west1/data-usw1/pods'], { CI: 'true' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refused with CI=true/);
    const release = cli(dir, ['plan', '--release', 'gcp/us-west1/data-usw1/pods']);
    expect(release.status).toBe(0);
    expect(release.stderr).toMatch(/released gcp\/us-west1\/data-usw1\/pods/);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).allocations['gcp/us-west1/data-usw1/pods']).toBeDefined();
  });

  test('throws when --check is combined with --write', () => {
    const { dir } = exampleProject();
    const { status, stderr } = cli(dir, ['plan', '--check', '--write']);
    expect(status).toBe(1);
    expect(stderr).toBe('gke-platform plan: --check does not change the lock file\n  fix: drop --write and --release, or drop --check\n');
  });

  test('as a process (npm run ip-plan is the same command): exit 0, and 1 with one clean line on a bad argument', () => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const ok = spawnSync(tsx, [join(ROOT, 'cli/main.ts'), 'plan', '--check'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(ok.status).toBe(0);
    const bad = spawnSync(tsx, [join(ROOT, 'cli/main.ts'), 'plan', '--frobnicate'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe("gke-platform plan: Unknown option '--frobnicate'\n  fix: see `gke-platform plan --help`\n");
    expect(readFileSync(EXAMPLE_LOCK, 'utf8')).toContain('"version": 1');
  });
});
