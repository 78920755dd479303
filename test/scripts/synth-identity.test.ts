import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { appsOf, compareHashes, treeHashes } from '../../scripts/synth-identity';

describe('synth-identity', () => {
  test('lists the bundled example first, then every example with a main.ts', () => {
    const apps = appsOf(join(__dirname, '..', '..'));
    expect(apps[0]).toEqual({ name: 'bundled', args: ['cli/main.ts', 'synth'] });
    expect(apps.map((a) => a.name)).toEqual(expect.arrayContaining(['single-region', 'hybrid-only', 'team-stack']));
  });

  test('hashes equal trees equally even when they sit in different checkouts', () => {
    const [a, b] = ['a', 'b'].map((name) => {
      const root = mkdtempSync(join(tmpdir(), `synth-${name}-`));
      mkdirSync(join(root, 'out', 'stacks'), { recursive: true });
      writeFileSync(join(root, 'out', 'stacks', 'x.json'), `{"path": "${root}/terraform.x.tfstate"}`);
      return treeHashes(join(root, 'out'), root);
    });
    expect(Object.keys(a)).toEqual(['stacks/x.json']);
    expect(a).toEqual(b);
  });

  test('names every changed, added and removed file and app', () => {
    const before = { bundled: { 'tf/a': '1', 'tf/b': '2' }, gone: { 'k8s/x': '3' } };
    const after = { bundled: { 'tf/a': '1', 'tf/b': '9', 'tf/c': '4' }, fresh: {} };
    expect(compareHashes(before, after)).toEqual(['bundled: tf/b changed', 'bundled: tf/c added', 'fresh: app added', 'gone: app removed', 'gone: k8s/x removed']);
    expect(compareHashes(before, before)).toEqual([]);
  });
});
