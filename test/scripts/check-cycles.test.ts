import { join, resolve } from 'path';
import { circleThrough, cycles, formatCycle, importGraph, importSpecifiers } from '../../scripts/check-cycles';

const fixture = (name: string) => join(__dirname, 'fixtures', 'cycles', name);
// Specifiers are built from parts so this file's own imports stay what they are.
const q = (s: string) => `'${s}'`;

describe('import cycle check', () => {
  test('reads every relative import form: import, import type, export-from, require, import(), import type()', () => {
    const source = [
      `import { a } from ${q('./a')};`,
      `import type { B } from ${q('../b')};`,
      `export * from ${q('./c')};`,
      `export { d } from ${q('./d')};`,
      `const e = require(${q('./e')});`,
      `const f = await import(${q('./f')});`,
      `type G = typeof import(${q('./g')});`,
      `import { z } from ${q('zod')};`,
      `// import { h } from ${q('./h')};`,
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a', '../b', './c', './d', './e', './f', './g']);
  });

  test('finds a cycle closed by a type-only import and a require, with one circle through it', () => {
    const graph = importGraph(fixture('with-cycle'), ['lib']);
    expect(graph.get('lib/a.ts')).toEqual(['lib/b.ts']);
    const found = cycles(graph);
    expect(found).toEqual([['lib/a.ts', 'lib/b.ts', 'lib/c.ts']]);
    expect(circleThrough(graph, found[0])).toEqual(['lib/a.ts', 'lib/b.ts', 'lib/c.ts', 'lib/a.ts']);
    expect(formatCycle(graph, found[0])).toBe('import cycle of 3 module(s): lib/a.ts → lib/b.ts → lib/c.ts → lib/a.ts; move what both sides need into a module that imports neither (lib/a.ts, lib/b.ts, lib/c.ts)');
  });

  test('a diamond is no cycle', () => {
    expect(cycles(importGraph(fixture('without-cycle'), ['lib']))).toEqual([]);
  });

  test('a module importing itself is a cycle', () => {
    expect(
      cycles(
        new Map([
          ['x.ts', ['x.ts']],
          ['y.ts', ['x.ts']],
        ]),
      ),
    ).toEqual([['x.ts']]);
  });

  test('the project has no import cycle', () => {
    const graph = importGraph(resolve(__dirname, '../..'));
    expect(graph.size).toBeGreaterThan(200);
    expect(cycles(graph).map((c) => formatCycle(graph, c))).toEqual([]);
  });
});
