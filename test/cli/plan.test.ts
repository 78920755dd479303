import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { cli, EXAMPLE_LOCK, exampleProject, redefine, ROOT, WITH_DATA_CLUSTER } from './harness';

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
    // The resources the definition names but does not create: what a fresh project needs before the first deploy.
    expect(stderr).toContain(
      "plan: 2 existing resource(s) the definition names must exist before the first deploy (provisioning: 'existing'):\n" +
        '  - storage-bucket drive-ml-datasets (project drive-gke-prod; granted to ml-training)\n' +
        '  - storage-bucket drive-sim-scenarios (project drive-gke-prod; granted to simulation)\n',
    );
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

  test("fixes name this project's command, never npm run ip-plan: a shrunk pool's release hint", () => {
    const { dir } = exampleProject(`export const platform = { ...example, addressPools: example.addressPools.map((p) => (p.name === 'gke-nodes' ? { ...p, cidr: '10.0.0.0/23' } : p)) };`);
    const { status, stderr } = cli(dir, ['plan']);
    expect(status).toBe(1);
    expect(stderr).toContain('or release the range (`npx gke-platform plan --release gcp/us-west1/dev-usw1/nodes`), which replaces what uses it');
    expect(stderr).not.toContain('npm run ip-plan');
  });

  describe('--release', () => {
    const POD_RANGE = 'gcp/us-west1/data-usw1/pods';
    /** data-usw1 at 64 pods per node: its recorded pod range is too small, and the definition requests a larger one. */
    const GROWN = WITH_DATA_CLUSTER.replace('maxNodes: 100, maxPodsPerNode: 32', 'maxNodes: 100, maxPodsPerNode: 64');
    const recorded = (lockFile: string) => JSON.parse(readFileSync(lockFile, 'utf8')).allocations as Record<string, { cidr: string }>;

    test('is refused with CI=true', () => {
      const { dir } = exampleProject(WITH_DATA_CLUSTER);
      expect(cli(dir, ['plan', '--write']).status).toBe(0);
      const refused = cli(dir, ['plan', '--release', POD_RANGE], { CI: 'true' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/refused with CI=true/);
    });

    test('throws when the range is still in use, naming what releasing it would replace, and writes nothing', () => {
      const { dir, lockFile } = exampleProject(WITH_DATA_CLUSTER);
      expect(cli(dir, ['plan', '--write']).status).toBe(0);
      redefine(dir, GROWN);
      const before = readFileSync(lockFile, 'utf8');
      const refused = cli(dir, ['plan', '--release', POD_RANGE, '--write']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(
          `^plan: ${POD_RANGE} \\(${recorded(lockFile)[POD_RANGE].cidr.replace(/[./]/g, '\\$&')}\\) is still requested by the definition: releasing it places it again at \\S+, which replaces cluster data-usw1's default pod range \\(the cluster is replaced on the next deploy\\)$`,
          'm',
        ),
      );
      expect(refused.stderr).toContain(
        `gke-platform plan: ${POD_RANGE} is still in use; nothing written\n  fix: to replace what uses it, confirm with \`npx gke-platform plan --release ${POD_RANGE} --replace-in-use --write\`; to release without replacing, first remove what requests it from the definition`,
      );
      expect(readFileSync(lockFile, 'utf8')).toBe(before);
    });

    test('--replace-in-use without --write only shows the new place; with --write records it', () => {
      const { dir, lockFile } = exampleProject(WITH_DATA_CLUSTER);
      expect(cli(dir, ['plan', '--write']).status).toBe(0);
      redefine(dir, GROWN);
      const before = readFileSync(lockFile, 'utf8');
      const old = recorded(lockFile)[POD_RANGE].cidr;
      const preview = cli(dir, ['plan', '--release', POD_RANGE, '--replace-in-use']);
      expect(preview.status).toBe(0);
      expect(preview.stderr).toContain(`plan: nothing written (no --write); to release, run \`npx gke-platform plan --release ${POD_RANGE} --replace-in-use --write\``);
      expect(readFileSync(lockFile, 'utf8')).toBe(before);
      const done = cli(dir, ['plan', '--release', POD_RANGE, '--replace-in-use', '--write']);
      expect(done.status).toBe(0);
      expect(done.stderr).toContain(`plan: released ${POD_RANGE} in platform/ip-plan.lock.json; review and commit it`);
      expect(recorded(lockFile)[POD_RANGE].cidr).not.toBe(old);
      expect(done.stderr).toContain(`which replaces cluster data-usw1's default pod range`);
      expect(done.stderr).toContain(`releasing it places it again at ${recorded(lockFile)[POD_RANGE].cidr}`);
    });

    test('a range the definition would place again where it is: nothing to confirm, nothing changes', () => {
      const { dir, lockFile } = exampleProject(WITH_DATA_CLUSTER);
      expect(cli(dir, ['plan', '--write']).status).toBe(0);
      const before = readFileSync(lockFile, 'utf8');
      const same = cli(dir, ['plan', '--release', POD_RANGE, '--write']);
      expect(same.status).toBe(0);
      expect(same.stderr).toContain(
        `plan: ${POD_RANGE} (${recorded(lockFile)[POD_RANGE].cidr}) is still requested by the definition and would be placed again at the same ${recorded(lockFile)[POD_RANGE].cidr}: releasing it changes nothing`,
      );
      expect(readFileSync(lockFile, 'utf8')).toBe(before);
    });

    test('frees a range nothing requests any more, only with --write', () => {
      const { dir, lockFile } = exampleProject(WITH_DATA_CLUSTER);
      expect(cli(dir, ['plan', '--write']).status).toBe(0);
      redefine(dir, 'export const platform = example;');
      const dataRanges = Object.keys(recorded(lockFile)).filter((n) => n.includes('/data-usw1/'));
      const args = ['plan', ...dataRanges.flatMap((n) => ['--release', n])];
      const before = readFileSync(lockFile, 'utf8');
      const preview = cli(dir, args);
      expect(preview.status).toBe(0);
      expect(preview.stderr).toContain(`plan: ${POD_RANGE} (${recorded(lockFile)[POD_RANGE].cidr}) is no longer requested by the definition: released`);
      expect(readFileSync(lockFile, 'utf8')).toBe(before);
      expect(cli(dir, [...args, '--write']).status).toBe(0);
      expect(Object.keys(recorded(lockFile)).filter((n) => n.includes('/data-usw1/'))).toEqual([]);
    });
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
