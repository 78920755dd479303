/**
 * The output does not depend on declaration order where the order means nothing: reversing the clusters (or
 * the links, or the tenants) of the example changes no value of the synthesized Terraform, only the order in
 * which resources are listed.
 */
import { App } from 'cdktf';
import { loadPlatform } from '../../lib/platform/load-platform';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { exampleLockFile, examplePlatform } from '../../examples/drive-platform/platform';
import { buildPlatformStacks } from '../../stacks/platform-stacks';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

process.env.CHECKPOINT_DISABLE = '1';

/** Every stack's JSON with object keys sorted (resource order is listing order, not meaning); lists kept. */
function synthCanonical(definition: PlatformDefinition): Record<string, unknown> {
  const platform = loadPlatform(definition, { lockFile: exampleLockFile, frozen: true, record: false, today: EXAMPLE_TODAY, log: () => undefined });
  const app = new App({ outdir: '/tmp/unused', stackTraces: false });
  const stacks = buildPlatformStacks(app, platform, { gitOps: { repository: { url: 'https://github.com/example/drive-platform-manifests.git' } } });
  const all = [stacks.network, stacks.fleet!, ...Object.values(stacks.clusters), ...Object.values(stacks.links), ...Object.values(stacks.tenantStates)];
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sortKeys((value as any)[k])]),
          )
        : value;
  return Object.fromEntries(all.map((stack) => [stack.node.id, sortKeys(JSON.parse(JSON.stringify(stack.toTerraform())))]));
}

describe('order independence', () => {
  const baseline = synthCanonical(examplePlatform);

  test('reversing the clusters changes no value of the output', () => {
    expect(synthCanonical({ ...examplePlatform, clusters: [...examplePlatform.clusters].reverse() })).toEqual(baseline);
  });

  test('reversing the links, the tenants, the regions and the remote networks changes no value of the output', () => {
    const reversed: PlatformDefinition = {
      ...examplePlatform,
      hybridLinks: [...(examplePlatform.hybridLinks ?? [])].reverse(),
      tenants: [...(examplePlatform.tenants ?? [])].reverse(),
      regions: [...examplePlatform.regions].reverse(),
      remoteNetworks: [...(examplePlatform.remoteNetworks ?? [])].reverse(),
    };
    expect(synthCanonical(reversed)).toEqual(baseline);
  });
});
