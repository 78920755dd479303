import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { fileTree } from '../fixtures/file-tree';
import { join } from 'path';
import { cli, exampleProject, redefine, ROOT } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

/** The example without the `routing` tenant (mapping depended on it), and optionally without the dev cluster. */
const WITHOUT_ROUTING = `export const platform = { ...example,
  tenants: example.tenants!.filter((t) => t.name !== 'routing').map((t) => t.name === 'mapping' ? { ...t, dependencies: undefined } : t) };`;

describe('gke-platform synth', () => {
  test('writes every stack and cluster folder and prints a summary of what it wrote', () => {
    const { dir } = exampleProject();
    const { status, stdout, stderr } = cli(dir, ['synth']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^terraform: 10 stacks, \d+ resources in cdktf\.out\/stacks\/ \(state: local files\)$/m);
    // Eleven, the GPU tenant's companion CPU pool and the control-plane peering's route export.
    expect(stdout).toMatch(/^ {2}drive-cluster-prod-usc1 +13 resources$/m);
    expect(stdout).toMatch(/^manifests: 3 clusters, 9 files in dist\/ \(9 written, 0 unchanged\)$/m);
    expect(stdout).toContain('  payments-usc1/  platform.k8s.yaml, tenant-payments.k8s.yaml');
    expect(stdout).toMatch(/^ip plan: no new ranges \(17 recorded in platform\/ip-plan.lock.json\)$/m);
    expect(readdirSync(join(dir, 'cdktf.out', 'stacks')).sort()).toContain('drive-link-aws-usw2');

    const again = cli(dir, ['synth']);
    expect(again.stdout).toMatch(/9 files in dist\/ \(0 written, 9 unchanged\)/);
  });

  test("removing a tenant removes its manifest file; a removed cluster's folder and stack go too", () => {
    const { dir } = exampleProject();
    expect(cli(dir, ['synth']).status).toBe(0);
    // Files the synth does not own stay.
    writeFileSync(join(dir, 'dist', 'README.md'), 'published by CI\n');
    redefine(dir, WITHOUT_ROUTING);
    const removedTenant = cli(dir, ['synth']);
    expect(removedTenant.status).toBe(0);
    expect(removedTenant.stdout).toContain('  - removed dist/prod-usc1/tenant-routing.k8s.yaml');
    expect(existsSync(join(dir, 'dist', 'prod-usc1', 'tenant-routing.k8s.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'dist', 'prod-usc1', 'tenant-mapping.k8s.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'README.md'))).toBe(true);

    // A removed link: its stack folder moves to decommissioned/ (a kept stack's .terraform/ stays), so its resources
    // can still be destroyed; --destroyed forgets it.
    mkdirSync(join(dir, 'cdktf.out', 'stacks', 'drive-network', '.terraform'));
    const linkJson = readFileSync(join(dir, 'cdktf.out', 'stacks', 'drive-link-garage-sunnyvale', 'cdk.tf.json'), 'utf8');
    // The clusters stop authorizing the garage's corp-vpn with it, or synth would refuse the unreachable control planes;
    // they authorize a range behind no link instead (a list is required).
    redefine(
      dir,
      `export const platform = { ...example, hybridLinks: example.hybridLinks!.filter((l) => l.name !== 'garage-sunnyvale'),
      clusters: example.clusters.map((c) => ({ ...c, authorizedNetworks: [{ name: 'ops', cidr: '192.0.2.0/24' }] })) };`,
    );
    const removedLink = cli(dir, ['synth']);
    expect(removedLink.status).toBe(0);
    expect(removedLink.stdout).toContain(
      '  - moved cdktf.out/decommissioned/drive-link-garage-sunnyvale/: the stack is no longer defined, but its resources stay deployed until destroyed: ' +
        '`terraform -chdir=cdktf.out/decommissioned/drive-link-garage-sunnyvale init && terraform -chdir=cdktf.out/decommissioned/drive-link-garage-sunnyvale destroy`, then `npx gke-platform synth --destroyed drive-link-garage-sunnyvale`',
    );
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'drive-link-garage-sunnyvale'))).toBe(false);
    expect(readFileSync(join(dir, 'cdktf.out', 'decommissioned', 'drive-link-garage-sunnyvale', 'cdk.tf.json'), 'utf8')).toBe(linkJson);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'drive-network', '.terraform'))).toBe(true);
    // Still there on the next synth, until confirmed.
    expect(cli(dir, ['synth']).stdout).toContain('  - kept cdktf.out/decommissioned/drive-link-garage-sunnyvale/: the stack is no longer defined');
    expect(cli(dir, ['synth', '--destroyed', 'drive-link-nope'])).toMatchObject({
      status: 1,
      stderr: 'gke-platform synth: --destroyed drive-link-nope: no such decommissioned stack\n  fix: name one of drive-link-garage-sunnyvale\n',
    });
    expect(cli(dir, ['synth', '--destroyed', 'drive-network'])).toMatchObject({ status: 1, stderr: expect.stringContaining('--destroyed drive-network: the stack is still defined') });
    const confirmed = cli(dir, ['synth', '--destroyed', 'drive-link-garage-sunnyvale']);
    expect(confirmed.status).toBe(0);
    expect(confirmed.stdout).toContain('  - forgot cdktf.out/decommissioned/drive-link-garage-sunnyvale/ (confirmed destroyed)');
    expect(existsSync(join(dir, 'cdktf.out', 'decommissioned', 'drive-link-garage-sunnyvale'))).toBe(false);
  });

  test('a failed synth writes nothing: outputs and both lock files stay as they were', () => {
    const { dir, lockFile } = exampleProject();
    expect(cli(dir, ['synth']).status).toBe(0);
    const before = { tf: fileTree(join(dir, 'cdktf.out')), k8s: fileTree(join(dir, 'dist')), lock: readFileSync(lockFile, 'utf8'), tenants: readFileSync(join(dir, 'platform', 'tenant-states.lock.json'), 'utf8') };
    // A new tenant (a tenant-states record), a new cluster (new ranges) and a removed link whose garage the control
    // planes still authorize: the definition validates, the output misses two intents.
    redefine(
      dir,
      `export const platform = { ...example, hybridLinks: example.hybridLinks!.filter((l) => l.name !== 'garage-sunnyvale'),
      clusters: [...example.clusters, { ...example.clusters.find((c) => c.name === 'dev-usw1')!, name: 'dev2-usw1' }],
      tenants: [...example.tenants!, { ...example.tenants!.find((t) => t.name === 'routing')!, name: 'routing-2', dependencies: undefined, hosts: undefined }] };`,
    );
    const failed = cli(dir, ['synth']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('gke-platform synth: nothing written (the output folders and lock files are as they were)');
    expect({ tf: fileTree(join(dir, 'cdktf.out')), k8s: fileTree(join(dir, 'dist')), lock: readFileSync(lockFile, 'utf8'), tenants: readFileSync(join(dir, 'platform', 'tenant-states.lock.json'), 'utf8') }).toEqual(before);
  });

  test('a removed cluster leaves no folder behind', () => {
    const { dir } = exampleProject();
    expect(cli(dir, ['synth', '--only', 'manifests']).status).toBe(0);
    redefine(dir, `export const platform = { ...example, clusters: example.clusters.filter((c) => c.name !== 'dev-usw1'), developerNamespaces: undefined };`);
    const result = cli(dir, ['synth', '--only', 'manifests']);
    expect(result.stderr).toMatch(/dev-usw1.*no longer requested/);
    expect(result.stdout).toContain('  - removed dist/dev-usw1/platform.k8s.yaml');
    expect(readdirSync(join(dir, 'dist')).sort()).toEqual(['payments-usc1', 'prod-usc1']);
  });

  test('--only terraform honours CDKTF_OUTDIR, as `cdktf synth` sets it', () => {
    const { dir } = exampleProject();
    const result = cli(dir, ['synth', '--only', 'terraform'], { CDKTF_OUTDIR: join(dir, 'elsewhere') });
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'elsewhere', 'stacks', 'drive-network', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  test('throws when the definition is invalid: every problem on its own line, exit 1, nothing written', () => {
    const { dir } = exampleProject(`export const platform = { ...example, regions: ['us-centrall1', 'us-west1'],
  clusters: example.clusters.map((c) => c.name === 'dev-usw1' ? { ...c, maxPodsPerNode: 4 } : c) };`);
    const { status, stdout, stderr } = cli(dir, ['synth']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^gke-platform synth: \d+ problems in the platform definition:$/);
    expect(lines).toContain('  - regions: region "us-centrall1" is not a known Google Cloud region; did you mean us-central1? if it is a region newer than the library\'s list, add it to additionalRegions');
    expect(lines).toContain('  - clusters[dev-usw1]: maxPodsPerNode 4 must be a whole number from 8 to 256; use 110 (GKE default) or less for denser address use');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });

  test('throws when there is no configuration, saying how to create one', () => {
    const dir = exampleProject().dir;
    writeFileSync(join(dir, 'package.json'), '{ "name": "no-config" }');
    const { status, stderr } = cli(dir, ['synth']);
    expect(status).toBe(1);
    expect(stderr).toContain('package.json has no "gkePlatform" field');
    expect(stderr).toContain('fix: run `npx gke-platform init --gitops-repo <url>` in an empty folder to start a platform, or pass --config FILE');
  });

  test('as a process: a bad definition prints the clean list once, with no stack trace', () => {
    const { dir } = exampleProject(`export const platform = { ...example, gitOps: undefined };`);
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'cli/main.ts'), 'synth'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'gke-platform synth: 1 problem in the platform definition:\n' +
        "  - platform: gitOps.repository.url undefined is required: every cluster syncs its manifests from this repository; add gitOps: { repository: { url: 'https://github.com/<org>/<manifests>.git' } } to the definition\n" +
        'gke-platform synth: nothing written (the output folders and lock files are as they were)\n',
    );
  });
});
