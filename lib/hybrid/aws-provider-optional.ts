import { ValidationError } from '../domain/validation-error';

/** The AWS provider bindings are an optional peer dependency: Google-only platforms never install them (392 MB). */
const AWS_PROVIDER_PACKAGE = '@cdktf/provider-aws';
/** The version the library is built and tested against. */
export const AWS_PROVIDER_VERSION = '21.22.1';

/**
 * Runs `load` (a require of a module that needs the AWS provider) and turns a missing provider into a
 * ValidationError naming `path` and the install command; any other error passes through unchanged.
 */
export function loadWithAwsProvider<T>(path: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(AWS_PROVIDER_PACKAGE)) {
      throw new ValidationError({
        path,
        field: 'kind',
        value: 'ha-vpn-aws',
        problem: `needs the optional peer dependency ${AWS_PROVIDER_PACKAGE}, which is not installed`,
        fix: `run \`npm install --save ${AWS_PROVIDER_PACKAGE}@${AWS_PROVIDER_VERSION}\`, or remove the AWS link`,
      });
    }
    throw error;
  }
}
