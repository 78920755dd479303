import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { collectDefaults, defaultsIn, DEFAULTS_DOC, duplicateDefaults, renderDefaults } from '../../scripts/defaults-table';

const root = resolve(__dirname, '../..');

describe('the defaults table', () => {
  test('reads named defaults with their value and the first sentence of their comment, and nothing else', () => {
    const source = [
      '/** Pods per node, e.g. 110. GKE caps it. */',
      'export const DEFAULT_PODS = 110;',
      '// A private one: only the construct reads it.',
      "const DEFAULT_MODE = 'Deny' as const;",
      'export const GKE_DEFAULT_SERVICES = 4096;',
      'export const DEFAULTED_FIELD = 1;',
      "export const TIMEOUT = 'x';",
      'export let DEFAULT_MUTABLE = 1;',
      `export const DEFAULT_TABLE = { ${'a: 1, '.repeat(20)} };`,
    ].join('\n');
    expect(defaultsIn(source, 'lib/x/y.ts')).toEqual([
      { name: 'DEFAULT_PODS', value: '110', what: 'Pods per node, e.g. 110', file: 'lib/x/y.ts', exported: true },
      { name: 'DEFAULT_MODE', value: "'Deny'", what: 'A private one: only the construct reads it', file: 'lib/x/y.ts', exported: false },
      { name: 'GKE_DEFAULT_SERVICES', value: '4096', what: '', file: 'lib/x/y.ts', exported: true },
      { name: 'DEFAULT_TABLE', value: '(see the file)', what: '', file: 'lib/x/y.ts', exported: true },
    ]);
  });

  test('names a default defined twice', () => {
    const entries = [...defaultsIn('export const DEFAULT_X = 1;', 'lib/a.ts'), ...defaultsIn('const DEFAULT_X = 1;', 'lib/b.ts')];
    expect(duplicateDefaults(entries)).toEqual(['DEFAULT_X is defined in lib/a.ts and lib/b.ts; define it once and import it']);
  });

  const entries = collectDefaults(root);

  test('every default of lib/ is defined once and documented', () => {
    expect(entries.length).toBeGreaterThan(80);
    expect(duplicateDefaults(entries)).toEqual([]);
    expect(entries.filter((e) => e.what === '').map((e) => `${e.file}: ${e.name}`)).toEqual([]);
  });

  test(`${DEFAULTS_DOC} is current (run \`npm run docs:defaults\` after changing a default)`, () => {
    expect(readFileSync(join(root, DEFAULTS_DOC), 'utf8')).toBe(renderDefaults(entries));
  });
});
