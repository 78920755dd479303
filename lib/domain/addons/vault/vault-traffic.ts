/**
 * The traffic Vault needs, as the add-on declares it: every tenant reaches Vault's API (logins, secrets, PKI
 * issue), and Vault reaches every cluster's control plane (the Kubernetes auth method's TokenReview). The platform
 * derives the NetworkPolicies, ServiceEntries and authorized networks from these. Pure.
 */
import type { PlatformDefinition } from '../../platform/platform-definition';
import { locationNetwork } from '../server-location';
import type { TrafficNeed } from '../traffic-needs';
import { VAULT_SERVER_NAME, VaultSettings, vaultEndpoint, vaultLocation } from './vault-settings';

export function vaultTrafficNeeds(settings: VaultSettings, definition: PlatformDefinition): TrafficNeed[] {
  const found = vaultLocation(settings);
  if (!found) return [];
  const location = { remoteNetwork: locationNetwork(found, definition), cidr: found.cidr };
  const { host, port } = vaultEndpoint(settings.address);
  return [
    { kind: 'tenants-to-server', server: VAULT_SERVER_NAME, host, location, port, reason: 'tenants log in to Vault, read their secrets and ask its PKI for certificates' },
    { kind: 'server-to-control-planes', server: VAULT_SERVER_NAME, location, reason: "Vault's Kubernetes auth reviews every login's token with the cluster's API server (TokenReview)" },
  ];
}
