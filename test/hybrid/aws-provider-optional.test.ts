import { ValidationError } from '../../lib/domain/validation-error';
import { AWS_PROVIDER_VERSION, loadWithAwsProvider } from '../../lib/hybrid/aws-provider-optional';

function missing(module: string): never {
  throw Object.assign(new Error(`Cannot find module '${module}'\nRequire stack:\n- /x/stacks/hybrid-link-stack.js`), { code: 'MODULE_NOT_FOUND' });
}

describe('loadWithAwsProvider', () => {
  test('returns what the loader returns when the provider is installed', () => {
    expect(loadWithAwsProvider('hybridLinks[aws-usw2]', () => 42)).toBe(42);
  });

  test('throws when @cdktf/provider-aws is not installed, naming the link and the install command', () => {
    let error: unknown;
    try {
      loadWithAwsProvider('hybridLinks[aws-usw2]', () => missing('@cdktf/provider-aws/lib/provider'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      `hybridLinks[aws-usw2]: kind "ha-vpn-aws" needs the optional peer dependency @cdktf/provider-aws, which is not installed; run \`npm install --save @cdktf/provider-aws@${AWS_PROVIDER_VERSION}\`, or remove the AWS link`,
    );
  });

  test('passes any other error through unchanged', () => {
    expect(() => loadWithAwsProvider('x', () => missing('left-pad'))).toThrow(/Cannot find module 'left-pad'/);
    expect(() =>
      loadWithAwsProvider('x', () => {
        throw new TypeError('boom');
      }),
    ).toThrow(TypeError);
  });

  test('the optional version matches the devDependency the library is tested with', () => {
    const manifest = require('../../package.json');
    expect(manifest.devDependencies['@cdktf/provider-aws']).toBe(AWS_PROVIDER_VERSION);
    expect(manifest.peerDependenciesMeta['@cdktf/provider-aws']).toEqual({ optional: true });
  });
});

describe('the package root without touching HaVpnToAws', () => {
  test('exports HaVpnToAws lazily: the class is the real one on first use', () => {
    const root = require('../../lib');
    const { HaVpnToAws } = require('../../lib/hybrid/ha-vpn-to-aws');
    expect(root.HaVpnToAws).toBe(HaVpnToAws);
  });
});
