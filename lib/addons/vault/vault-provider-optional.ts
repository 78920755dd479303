import { ValidationError } from '../../domain/validation-error';

/** The Vault provider bindings are an optional peer dependency: only platforms that enable the vault add-on need them. */
const VAULT_PROVIDER_PACKAGE = '@cdktf/provider-vault';
/** The version the library is built and tested against (the release built for cdktf 0.21; provider hashicorp/vault 5.6.0). */
export const VAULT_PROVIDER_VERSION = '15.6.1';

/** Runs `load` and turns a missing Vault provider into a ValidationError naming the add-on and the install command. */
export function loadWithVaultProvider<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e?.code === 'MODULE_NOT_FOUND' && String(e.message).includes(VAULT_PROVIDER_PACKAGE)) {
      throw new ValidationError({
        path: 'addOns[vault]',
        field: 'name',
        value: 'vault',
        problem: `needs the optional peer dependency ${VAULT_PROVIDER_PACKAGE}, which is not installed`,
        fix: `run \`npm install --save ${VAULT_PROVIDER_PACKAGE}@${VAULT_PROVIDER_VERSION}\`, or disable the vault add-on`,
      });
    }
    throw error;
  }
}
