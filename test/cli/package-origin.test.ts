import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { originFromSpec, packageOrigin } from '../../cli/package-origin';

/** An install root laid out as npm (or npx, in its cache) leaves it, with the package extracted under node_modules. */
function installRoot(files: Record<string, unknown>): { root: string; packageRoot: string } {
  const root = mkdtempSync(join(tmpdir(), 'origin-'));
  const packageRoot = join(root, 'node_modules', 'gke-platform-cdk');
  mkdirSync(packageRoot, { recursive: true });
  for (const [path, json] of Object.entries(files)) writeFileSync(join(root, path), typeof json === 'string' ? json : JSON.stringify(json));
  return { root, packageRoot };
}

describe('packageOrigin', () => {
  test("finds the tarball npx installed from, in its cache folder's package.json (relative to it)", () => {
    const { root, packageRoot } = installRoot({ 'pkg.tgz': 'x', 'package.json': { dependencies: { 'gke-platform-cdk': 'file:pkg.tgz' } } });
    expect(packageOrigin(packageRoot)).toEqual({ kind: 'tarball', path: realpathSync(join(root, 'pkg.tgz')) });
  });

  test("finds it in node_modules/.package-lock.json's resolved when package.json does not name it", () => {
    const { root, packageRoot } = installRoot({ 'pkg.tgz': 'x', 'package.json': {}, 'node_modules/.package-lock.json': { packages: { 'node_modules/gke-platform-cdk': { resolved: 'file:pkg.tgz' } } } });
    expect(packageOrigin(packageRoot)).toEqual({ kind: 'tarball', path: realpathSync(join(root, 'pkg.tgz')) });
  });

  test.each([
    ['a registry range', { dependencies: { 'gke-platform-cdk': '^0.1.0' } }],
    ['a tarball that is gone', { dependencies: { 'gke-platform-cdk': 'file:gone.tgz' } }],
    ['a linked folder', { dependencies: { 'gke-platform-cdk': 'file:../checkout' } }],
  ])('is the registry for %s', (_, manifest) => {
    expect(packageOrigin(installRoot({ 'package.json': manifest }).packageRoot)).toEqual({ kind: 'registry' });
  });

  test('is the registry for a checkout (not under node_modules)', () => {
    expect(packageOrigin(mkdtempSync(join(tmpdir(), 'checkout-')))).toEqual({ kind: 'registry' });
  });
});

describe('originFromSpec', () => {
  test.each([
    ['file:../a.tgz', { kind: 'tarball', path: '/work/a.tgz' }],
    ['./b.tar.gz', { kind: 'tarball', path: '/work/p/b.tar.gz' }],
    ['^0.2.0', { kind: 'range', range: '^0.2.0' }],
  ])('%s', (spec, expected) => {
    expect(originFromSpec(spec, '/work/p')).toEqual(expected);
  });
});
