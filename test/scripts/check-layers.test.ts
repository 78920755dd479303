import { resolve } from 'path';
import { findLayerViolations, formatLayerViolation, layerOf, scanLayers } from '../../scripts/check-layers';

// Specifiers are built from parts so this file's own imports stay what they are.
const q = (s: string) => `'${s}'`;

describe('layering check', () => {
  test.each([
    ['lib/domain/ip-plan/cidr.ts', 'domain'],
    ['lib/index.ts', 'package-entry'],
    ['lib/gke/gke-cluster.ts', 'construct'],
    ['stacks/cluster-stack.ts', 'composition'],
    ['charts/cluster-manifests.ts', 'composition'],
    ['cli/cdktf-app.ts', 'cli'],
    ['examples/team-stack/main.ts', 'example'],
    ['test/gke/gke-cluster.test.ts', 'test'],
  ])('%s is in layer %s', (path, layer) => {
    expect(layerOf(path)).toBe(layer);
  });

  test.each(['cdktf', 'cdk8s', 'cdk8s-plus-33', 'constructs', '@cdktf/provider-google/lib/container-cluster', '@cdktf/provider-random/lib/password'])('the domain may not import %s', (specifier) => {
    const found = findLayerViolations(`import { X } from ${q(specifier)};`, 'lib/domain/platform/x.ts');
    expect(found.map(formatLayerViolation)).toEqual([`lib/domain/platform/x.ts:1: imports '${specifier}': the domain imports no cdktf, cdk8s, constructs or provider module; move the code that needs it into a construct`]);
  });

  test('the domain may not reach a construct folder, in any import form', () => {
    const source = [`import { A } from ${q('../../gke/gke-cluster')};`, `export * from ${q('../../tenancy')};`, `const b = require(${q('../../network/network')});`, `const c = await import(${q('../../../stacks/x')});`].join('\n');
    const found = findLayerViolations(source, 'lib/domain/platform/x.ts');
    expect(found.map((f) => [f.line, f.specifier])).toEqual([
      [1, '../../gke/gke-cluster'],
      [2, '../../tenancy'],
      [3, '../../network/network'],
      [4, '../../../stacks/x'],
    ]);
    expect(found[0].rule).toMatch(/imports nothing outside lib\/domain/);
  });

  test('the domain may import itself, pure node built-ins and plain libraries', () => {
    const source = [`import { Cidr } from ${q('../ip-plan/cidr')};`, `import { createHash } from ${q('crypto')};`, `import { Address4 } from ${q('ip-address')};`, `import { z } from ${q('zod')};`].join('\n');
    expect(findLayerViolations(source, 'lib/domain/platform/x.ts')).toEqual([]);
  });

  test.each(['fs', 'node:fs', 'fs/promises', 'path', 'node:path', 'os', 'child_process'])('the domain may not import %s (I/O)', (specifier) => {
    const found = findLayerViolations(`import { x } from ${q(specifier)};`, 'lib/domain/platform/x.ts');
    expect(found.map(formatLayerViolation)).toEqual([`lib/domain/platform/x.ts:1: imports '${specifier}': the domain does no I/O: take the contents as input and return what to write; lib/platform reads and writes files`]);
  });

  test("the domain may not use process or console; comments and other objects' members may name them", () => {
    const source = [
      'const frozen = process.env.CI === "true";',
      '/** @default console.error */',
      '// process.exit is not called here',
      'const log = (m: string) => console.error(m);',
      'const x = { process: 1 }.process + task.console;',
      "const y = process['env'];",
    ].join('\n');
    const found = findLayerViolations(source, 'lib/domain/platform/x.ts');
    expect(found.map((f) => [f.line, f.specifier])).toEqual([
      [1, 'process'],
      [4, 'console'],
      [6, 'process'],
    ]);
    expect(found[0].rule).toMatch(/^the domain does no I\/O and reads no environment: take the value as an input/);
    expect(findLayerViolations(source, 'lib/platform/load-platform.ts')).toEqual([]);
  });

  test('constructs may not import stacks or charts; the package entry may', () => {
    expect(findLayerViolations(`import { S } from ${q('../../stacks/cluster-stack')};`, 'lib/gke/x.ts')[0].rule).toMatch(/constructs import no stack or chart/);
    expect(findLayerViolations(`import { C } from ${q('../../charts')};`, 'lib/tenancy/x.ts')).toHaveLength(1);
    expect(findLayerViolations(`export * from ${q('../stacks')};`, 'lib/index.ts')).toEqual([]);
  });

  test('nothing in lib/, stacks/ or charts/ imports the CLI; the package entry, the CLI, scripts and tests may', () => {
    const source = `import { runCli } from ${q('../cli/main')};`;
    expect(findLayerViolations(source, 'stacks/x.ts')[0].rule).toBe('nothing in lib/, stacks/ or charts/ imports the CLI; the CLI imports them');
    expect(findLayerViolations(source, 'charts/x.ts')).toHaveLength(1);
    expect(findLayerViolations(`import { C } from ${q('../../cli/config')};`, 'lib/report/x.ts')).toHaveLength(1);
    expect(findLayerViolations(`import { C } from ${q('../../../cli/config')};`, 'lib/domain/platform/x.ts')).toHaveLength(1);
    expect(findLayerViolations(`export * from ${q('../cli/project')};`, 'lib/index.ts')).toEqual([]);
    expect(findLayerViolations(`import { C } from ${q('../cli/config')};`, 'scripts/x.ts')).toEqual([]);
    expect(findLayerViolations(`import { C } from ${q('./main')};`, 'cli/cdktf-app.ts')).toEqual([]);
  });

  test('examples import the package entry only', () => {
    expect(findLayerViolations(`import { Network } from ${q('../../lib')};`, 'examples/x/main.ts')).toEqual([]);
    expect(findLayerViolations(`import { Network } from ${q('../../lib/index')};`, 'examples/x/main.ts')).toEqual([]);
    expect(findLayerViolations(`import { P } from ${q('./platform')};`, 'examples/x/main.ts')).toEqual([]);
    const deep = findLayerViolations(`import { Network } from ${q('../../lib/network/network')};`, 'examples/x/main.ts');
    expect(deep.map(formatLayerViolation)).toEqual(["examples/x/main.ts:1: imports '../../lib/network/network': examples model a user: import the package entry ('../../lib') only, and export from lib/index.ts what a user needs"]);
    expect(findLayerViolations(`import { S } from ${q('../../stacks/platform-stacks')};`, 'examples/x/main.ts')).toHaveLength(1);
  });

  test('only tests and examples import examples/', () => {
    const source = `import { E } from ${q('../examples/team-stack/team-stack')};`;
    expect(findLayerViolations(source, 'stacks/x.ts')[0].rule).toMatch(/nothing but tests imports examples/);
    expect(findLayerViolations(source, 'scripts/x.ts')).toHaveLength(1);
    expect(findLayerViolations(`import { E } from ${q('../../examples/a')};`, 'lib/gke/x.ts')).toHaveLength(1);
    expect(findLayerViolations(`import { E } from ${q('../../examples/a')};`, 'test/examples/x.test.ts')).toEqual([]);
  });

  test('the project has no layering violation', () => {
    expect(scanLayers(resolve(__dirname, '../..')).map(formatLayerViolation)).toEqual([]);
  });
});
