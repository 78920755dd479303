import { TerraformStack } from 'cdktf';
import { resolveVaultSettings, validateVaultSettings, VAULT_ADD_ON, VaultSettings } from '../../domain/addons/vault/vault-settings';
import { vaultTrafficNeeds } from '../../domain/addons/vault/vault-traffic';
import type { PlatformAddOn } from '../platform-add-on';
import { VaultTokenReviewer } from './token-reviewer';
import { loadWithVaultProvider } from './vault-provider-optional';
import type * as VaultStackModule from './vault-stack';

/** Stack suffix of the Vault stack: `<platform>-vault`. */
const VAULT_STACK_SUFFIX = 'vault';

/**
 * HashiCorp Vault as the platform's secrets and workload-identity store. Enable with one line:
 * `addOns: [{ name: 'vault', settings: { address: 'https://vault.example.com:8200' } }]`.
 * Terraform: a stack `<platform>-vault` after every platform stack (VaultStack). Manifests: the token reviewer
 * in every cluster's platform chart. See docs/vault.md for the offline root CA and the first deploy.
 */
export const vaultAddOn: PlatformAddOn<VaultSettings> = {
  name: VAULT_ADD_ON,
  validate: (settings, definition) => validateVaultSettings(settings, definition),
  trafficNeeds: (settings, definition) => vaultTrafficNeeds(settings, definition),
  addStacks({ app, plan, settings, clusters, platformStacks, configureStack, stackName }) {
    // Loaded here, not at the top: @cdktf/provider-vault is an optional peer, needed only when the add-on runs.
    const { VaultStack } = loadWithVaultProvider(() => require('./vault-stack') as typeof VaultStackModule);
    const stack: TerraformStack = new VaultStack(app, stackName(VAULT_STACK_SUFFIX), { plan, settings: resolveVaultSettings(settings, plan), clusters });
    configureStack(stack);
    for (const dependency of platformStacks) stack.addDependency(dependency);
  },
  extendClusterManifests({ scope, plan, settings }) {
    new VaultTokenReviewer(scope, 'TokenReviewer', { namespace: resolveVaultSettings(settings, plan).tokenReviewerNamespace });
  },
};
