import { resolve } from 'path';
import { findBarrelImports, isProviderBarrel, scanProject } from '../../scripts/check-imports';

describe('provider import hygiene', () => {
  test.each([
    ['@cdktf/provider-google', true],
    ['@cdktf/provider-aws', true],
    ['@cdktf/provider-google/lib', true],
    ['@cdktf/provider-google/lib/index', true],
    ['@cdktf/provider-google-beta', true],
    ['@cdktf/provider-google/lib/container-cluster', false],
    ['@cdktf/provider-aws/lib/vpn-connection', false],
    ['@cdktf/provider-random/lib/password', false],
    ['cdktf', false],
  ])('%s is a barrel: %s', (specifier, barrel) => {
    expect(isProviderBarrel(specifier)).toBe(barrel);
  });

  test('finds import, export-from, require and dynamic import forms with their line', () => {
    // Built from parts so this file does not trip the check it tests.
    const google = ['@cdktf', 'provider-google'].join('/');
    const aws = ['@cdktf', 'provider-aws'].join('/');
    const source = [
      `import { ContainerCluster } from '${google}/lib/container-cluster';`,
      `import * as google from '${google}';`,
      `export { Vpc } from '${aws}';`,
      `const aws = require('${aws}');`,
      `const lazy = await import('${google}');`,
    ].join('\n');
    expect(findBarrelImports(source, 'x.ts').map((f) => f.line)).toEqual([2, 3, 4, 5]);
  });

  test('the project imports no provider barrel', () => {
    expect(scanProject(resolve(__dirname, '../..'))).toEqual([]);
  });
});
