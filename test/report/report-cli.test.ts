import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { xmlProblems } from './xml-check';
import { CLUSTER, NODE_POOL, writeTree } from './synth-fixtures';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function report(args: string[]) {
  const result = spawnSync(TSX, [join(ROOT, 'scripts/report.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run report', () => {
  test('writes the Markdown report and the SVG for the example and prints the Markdown path', () => {
    const out = mkdtempSync(join(tmpdir(), 'report-cli-'));
    const lockBefore = readFileSync(join(ROOT, 'stacks/ip-plan.lock.json'), 'utf8');
    const { status, stdout } = report(['--out', out]);
    expect(status).toBe(0);
    expect(stdout.trim()).toMatch(/platform-report\.md$/);
    const markdown = readFileSync(join(out, 'platform-report.md'), 'utf8');
    expect(markdown).toContain('# Platform `drive`');
    expect(markdown).toContain('![Address space: pools, allocations, reservations and free space](address-space.svg)');
    expect(xmlProblems(readFileSync(join(out, 'address-space.svg'), 'utf8'))).toEqual([]);
    // The lock file is read, never written.
    expect(readFileSync(join(ROOT, 'stacks/ip-plan.lock.json'), 'utf8')).toBe(lockBefore);
  });

  test('--diff prints the diff of two trees and --out writes it too', () => {
    const before = writeTree({ stacks: { s: { google_container_cluster: { C: CLUSTER }, google_container_node_pool: { P: NODE_POOL } } } });
    const after = writeTree({ stacks: { s: { google_container_node_pool: { P: { ...NODE_POOL, network_config: { pod_range: 'other' } } } } } });
    const file = join(mkdtempSync(join(tmpdir(), 'report-diff-')), 'nested', 'diff.md');
    const { status, stdout } = report(['--diff', before, after, '--out', file]);
    expect(status).toBe(0);
    expect(stdout).toContain('**Summary:** ⚠️ 2 critical · Terraform: 0 added, 1 changed, 1 removed');
    expect(stdout).toContain('- **Deletion** `s/google_container_cluster.C`');
    expect(stdout).toContain('- **Likely replacement** `s/google_container_node_pool.P`: `network_config.pod_range`');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(stdout);
  });

  test.each([
    [['--frobnicate'], /unknown argument "--frobnicate"\nusage: npm run report/],
    [['--diff', 'only-one'], /--diff needs a value/],
    [['--out'], /--out needs a value/],
  ])('exits 1 on bad arguments %j', (args, message) => {
    const { status, stderr } = report(args);
    expect(status).toBe(1);
    expect(stderr).toMatch(message);
  });

  test('exits 1 when a tree holds no synthesized output', () => {
    const empty = mkdtempSync(join(tmpdir(), 'report-empty-'));
    const { status, stderr } = report(['--diff', empty, empty]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/holds no synthesized output/);
  });
});
