import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { COMMANDS } from '../../cli/main';
import { CLUSTER, NODE_POOL, writeTree } from '../report/synth-fixtures';
import { xmlProblems } from '../report/xml-check';
import { cli, EXAMPLE_LOCK, exampleProject, ROOT } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

describe('gke-platform --help', () => {
  test('lists every command', () => {
    const { status, stdout } = cli(ROOT, ['--help']);
    expect(status).toBe(0);
    for (const name of ['init', 'plan', 'synth', 'report', 'diff']) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  test.each(COMMANDS.map((c) => [c.name]))('%s --help prints its usage and exits 0', (name) => {
    const { status, stdout } = cli(ROOT, [name, '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^usage: gke-platform ${name}`));
    expect(stdout).toContain('-h, --help');
  });

  test('throws when the command is unknown', () => {
    const { status, stderr } = cli(ROOT, ['deploy']);
    expect(status).toBe(1);
    expect(stderr).toBe('gke-platform: unknown command "deploy"\n  fix: use one of init, plan, synth, verify, report, diff, atlantis (gke-platform --help)\n');
  });
});

describe('gke-platform report', () => {
  test('writes the Markdown report and the SVG into --out and prints the Markdown path; the lock file is only read', () => {
    const { dir, lockFile } = exampleProject();
    const before = readFileSync(lockFile, 'utf8');
    const { status, stdout } = cli(dir, ['report', '--out', 'pr']);
    expect(status).toBe(0);
    expect(stdout).toBe('pr/platform-report.md\n');
    const markdown = readFileSync(join(dir, 'pr', 'platform-report.md'), 'utf8');
    expect(markdown).toContain('# Platform `drive`');
    expect(markdown).toContain('![Address space: pools, allocations, reservations and free space](address-space.svg)');
    expect(xmlProblems(readFileSync(join(dir, 'pr', 'address-space.svg'), 'utf8'))).toEqual([]);
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
  });

  test("defaults to the configuration's reportDir", () => {
    const { dir } = exampleProject('export const platform = example;', { reportDir: 'docs/platform' });
    expect(cli(dir, ['report']).stdout).toBe('docs/platform/platform-report.md\n');
  });
});

describe('gke-platform diff', () => {
  const before = () => writeTree({ stacks: { s: { google_container_cluster: { C: CLUSTER }, google_container_node_pool: { P: NODE_POOL } } } });
  const poolChanged = () => writeTree({ stacks: { s: { google_container_cluster: { C: CLUSTER }, google_container_node_pool: { P: { ...NODE_POOL, node_config: { ...NODE_POOL.node_config, labels: { a: 'b' } } } } } } });
  const poolReplaced = () => writeTree({ stacks: { s: { google_container_cluster: { C: CLUSTER }, google_container_node_pool: { P: { ...NODE_POOL, network_config: { pod_range: 'other' } } } } } });

  test('prints the Markdown diff and --out writes it too', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'diff-')), 'nested', 'diff.md');
    const { status, stdout } = cli(ROOT, ['diff', before(), poolReplaced(), '--out', file]);
    expect(status).toBe(0);
    expect(stdout).toContain('**Summary:** ⚠️ 1 critical · Terraform: 0 added, 1 changed, 0 removed');
    expect(stdout).toContain('- **Likely replacement** `s/google_container_node_pool.P`: `network_config.pod_range`');
    expect(readFileSync(file, 'utf8')).toBe(stdout);
  });

  test('--json prints the findings and how many match each --fail-on level', () => {
    const { status, stdout } = cli(ROOT, ['diff', before(), poolReplaced(), '--json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.critical).toEqual([expect.objectContaining({ kind: 'likely-replacement', key: 's/google_container_node_pool.P', attributes: ['network_config.pod_range'] })]);
    expect(json.terraform.changed).toHaveLength(1);
    expect(json.failing).toEqual({ any: 1, critical: 1, replace: 1 });
  });

  test.each([
    ['replace', 'a replacement', poolReplaced, 1],
    ['critical', 'a replacement', poolReplaced, 1],
    ['any', 'a plain change', poolChanged, 1],
    ['replace', 'a plain change', poolChanged, 0],
    ['critical', 'a plain change', poolChanged, 0],
    ['any', 'no change', before, 0],
  ] as const)('--fail-on %s with %s exits %d', (level, _what, after, code) => {
    const result = cli(ROOT, ['diff', before(), after(), '--fail-on', level]);
    expect(result.status).toBe(code);
    if (code === 1) {
      const [first, ...rest] = result.stderr.trimEnd().split('\n');
      expect(first).toBe(`diff: 1 finding(s) match --fail-on ${level}`);
      // A pool replacement also says which successor pool to declare instead; a plain change adds nothing.
      expect(rest).toEqual(after === poolReplaced ? [expect.stringMatching(/would be replaced: .*successorOf: 'general'/)] : []);
    }
  });

  test('AFTER defaults to the project folder, where synth writes', () => {
    const { dir } = exampleProject();
    expect(cli(dir, ['synth']).status).toBe(0);
    const base = mkdtempSync(join(tmpdir(), 'diff-base-'));
    mkdirSync(join(base, 'dist', 'prod-usc1'), { recursive: true });
    writeFileSync(join(base, 'dist', 'prod-usc1', 'platform.k8s.yaml'), readFileSync(join(dir, 'dist', 'prod-usc1', 'platform.k8s.yaml')));
    const { status, stdout } = cli(dir, ['diff', base]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Terraform: \d+ added, 0 changed, 0 removed/);
  });

  test.each([
    [['diff'], /diff takes BEFORE and optionally AFTER/],
    [['diff', 'a', 'b', 'c'], /diff takes BEFORE and optionally AFTER/],
    [['diff', 'a', 'b', '--fail-on', 'sometimes'], /--fail-on sometimes is not one of any, critical, replace/],
  ])('throws on bad arguments %j', (args, message) => {
    const { status, stderr } = cli(ROOT, args);
    expect(status).toBe(1);
    expect(stderr).toMatch(message);
  });

  test('throws when a tree holds no synthesized output', () => {
    const empty = mkdtempSync(join(tmpdir(), 'diff-empty-'));
    const { status, stderr } = cli(ROOT, ['diff', empty, empty]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/holds no synthesized output/);
  });
});

describe('gke-platform init', () => {
  test('scaffolds a project whose definition is valid and whose ranges are recorded', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'init-')), 'acme-platform');
    mkdirSync(dir);
    const { status, stdout } = cli(dir, ['init', '--gitops-repo', 'https://github.com/acme/manifests.git', '--region', 'europe-west1']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^init: wrote platform acme-platform \(11 files; 4 ranges recorded in platform\/ip-plan.lock.json, 1 tenant\(s\) in platform\/tenant-states.lock.json\)/);
    for (const file of ['package.json', 'platform/platform.ts', 'platform/ip-plan.lock.json', 'platform/tenant-states.lock.json', 'cdktf.json', 'cdk8s.yaml', 'tsconfig.json', 'test/platform.test.ts', 'ci.sh', '.gitignore', 'README.md']) {
      expect(existsSync(join(dir, file))).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest.gkePlatform).toEqual({ definition: 'platform/platform.ts', lockFile: 'platform/ip-plan.lock.json' });
    expect(manifest.dependencies).not.toHaveProperty('@cdktf/provider-aws');
    const definition = readFileSync(join(dir, 'platform/platform.ts'), 'utf8');
    expect(definition).toContain("url: 'https://github.com/acme/manifests.git'");
    expect(definition).toContain("name: 'prod-euw1'");
    expect(JSON.parse(readFileSync(join(dir, 'cdktf.json'), 'utf8')).app).toBe('npx gke-platform synth --only terraform');
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'platform/ip-plan.lock.json'), 'utf8')).allocations)).toHaveLength(4);
  });

  test('from a checkout, the project depends on ^<version>; --package-source <tgz> copies the tarball into vendor/', () => {
    const checkout = join(mkdtempSync(join(tmpdir(), 'init-')), 'acme');
    mkdirSync(checkout);
    expect(cli(checkout, ['init', '--gitops-repo', 'https://github.com/acme/manifests.git']).status).toBe(0);
    expect(JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')).dependencies['gke-platform-cdk']).toBe('^0.1.0');

    const parent = mkdtempSync(join(tmpdir(), 'init-'));
    writeFileSync(join(parent, 'gke-platform-cdk-0.1.0.tgz'), 'tarball bytes');
    const dir = join(parent, 'acme');
    mkdirSync(dir);
    const { status, stdout } = cli(dir, ['init', '--gitops-repo', 'https://github.com/acme/manifests.git', '--package-source', '../gke-platform-cdk-0.1.0.tgz']);
    expect(status).toBe(0);
    expect(stdout).toContain(`init: gke-platform-cdk comes from the tarball ${join(parent, 'gke-platform-cdk-0.1.0.tgz')}, copied to vendor/gke-platform-cdk-0.1.0.tgz (package.json: "file:vendor/gke-platform-cdk-0.1.0.tgz"); commit it`);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies['gke-platform-cdk']).toBe('file:vendor/gke-platform-cdk-0.1.0.tgz');
    expect(readFileSync(join(dir, 'vendor', 'gke-platform-cdk-0.1.0.tgz'), 'utf8')).toBe('tarball bytes');
  });

  test('throws when --package-source names a tarball that does not exist, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-'));
    const { status, stderr } = cli(dir, ['init', '--gitops-repo', 'https://github.com/acme/manifests.git', '--name', 'acme', '--package-source', 'missing.tgz']);
    expect(status).toBe(1);
    expect(stderr).toContain('gke-platform init: --package-source missing.tgz: no such tarball\n  fix: give the path of the .tgz that `npm pack` wrote, or a registry range such as ^0.1.0');
    expect(require('fs').readdirSync(dir)).toEqual([]);
  });

  test('throws when --gitops-repo is missing, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-'));
    const { status, stderr } = cli(dir, ['init']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/--gitops-repo is required/);
    expect(require('fs').readdirSync(dir)).toEqual([]);
  });

  test('throws when the folder is not empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-'));
    writeFileSync(join(dir, 'notes.txt'), '');
    const { status, stderr } = cli(dir, ['init', '--gitops-repo', 'https://github.com/acme/manifests.git']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/is not empty \(notes.txt\)/);
  });

  test('throws when the region is misspelt, before writing anything', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'init-')), 'acme');
    mkdirSync(dir);
    const { status, stderr } = cli(dir, ['init', '--gitops-repo', 'https://github.com/acme/manifests.git', '--region', 'europe-west11']);
    expect(status).toBe(1);
    expect(stderr).toContain('regions: region "europe-west11" is not a known Google Cloud region; did you mean europe-west1 or europe-west10 or europe-west12?');
    expect(require('fs').readdirSync(dir)).toEqual([]);
    expect(existsSync(EXAMPLE_LOCK)).toBe(true);
  });
});
