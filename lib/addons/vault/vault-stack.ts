import { AuthBackend } from '@cdktf/provider-vault/lib/auth-backend';
import { KubernetesAuthBackendConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-config';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { PkiSecretBackendConfigUrls } from '@cdktf/provider-vault/lib/pki-secret-backend-config-urls';
import { PkiSecretBackendIntermediateCertRequest } from '@cdktf/provider-vault/lib/pki-secret-backend-intermediate-cert-request';
import { PkiSecretBackendIntermediateSetSigned } from '@cdktf/provider-vault/lib/pki-secret-backend-intermediate-set-signed';
import { PkiSecretBackendRole } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import type { PlatformPlan } from '../../domain/platform/platform-plan';
import { renderVaultPolicy, vaultPlan, VaultPlan } from '../../domain/addons/vault/vault-plan';
import type { ResolvedVaultSettings } from '../../domain/addons/vault/vault-settings';
import type { BuiltCluster } from '../platform-add-on';

/** Workload certificates are short-lived; the intermediate signs for at most a year before it is rotated. */
export const PKI_MAX_LEASE_TTL_SECONDS = 365 * 24 * 3600;

/** Vault's address without a trailing slash, to append API paths to. */
function vaultAddress(address: string): string {
  return address.replace(/\/$/, '');
}

export interface VaultStackProps {
  /** The platform plan: every cluster gets a Kubernetes auth mount, every tenant a policy, a PKI role and its login roles. */
  readonly plan: PlatformPlan;
  /** The Vault add-on's settings with every default applied (`resolveVaultSettings`): address, mounts, TTLs. */
  readonly settings: ResolvedVaultSettings;
  /** Every cluster as built: its endpoint and CA are read across stacks. */
  readonly clusters: Readonly<Record<string, BuiltCluster>>;
}

/**
 * The platform's Vault configuration, in a state of its own (deployed after the cluster stacks, whose endpoints
 * and CAs it reads): the KV v2 mount of tenant secrets, the workload intermediate CA (its key generated in Vault,
 * its certificate signed offline by the root, which never touches Terraform), per cluster a Kubernetes auth
 * mount, per tenant a policy and a PKI role, per tenant and cluster a login role.
 *
 * Construct ids derive from cluster and tenant names (Terraform addresses): moving a tenant to another cluster
 * replaces only its login roles. Escape hatch: every resource is a public field (`addOverride`).
 */
export class VaultStack extends TerraformStack {
  public readonly vault: VaultPlan;
  public readonly kvMount: Mount;
  public readonly pkiMount: Mount;
  /** The issuing-CA and CRL URLs of the workload CA's certificates. */
  public readonly pkiUrls: PkiSecretBackendConfigUrls;
  /** The CSR the offline root signs; `terraform output -raw workload_ca_csr`. */
  public readonly intermediateRequest: PkiSecretBackendIntermediateCertRequest;
  public readonly authBackends: Readonly<Record<string, AuthBackend>>;
  public readonly authConfigs: Readonly<Record<string, KubernetesAuthBackendConfig>>;
  public readonly policies: Readonly<Record<string, Policy>>;
  public readonly pkiRoles: Readonly<Record<string, PkiSecretBackendRole>>;
  /** Login roles keyed `<tenant>/<cluster>`. */
  public readonly loginRoles: Readonly<Record<string, KubernetesAuthBackendRole>>;

  constructor(scope: Construct, id: string, props: VaultStackProps) {
    super(scope, id);
    const { settings, plan } = props;
    this.vault = vaultPlan(plan, settings);
    // The token comes from VAULT_TOKEN at deploy time: never in the synthesized JSON.
    new VaultProvider(this, 'vault', { address: settings.address });

    this.kvMount = new Mount(this, 'KvMount', { path: settings.kvMount, type: 'kv', options: { version: '2' }, description: `${plan.name}: tenant secrets, one prefix per tenant` });
    this.pkiMount = new Mount(this, 'PkiMount', { path: settings.pkiMount, type: 'pki', maxLeaseTtlSeconds: PKI_MAX_LEASE_TTL_SECONDS, description: `${plan.name}: workload intermediate CA (root offline)` });
    // Where relying parties find the issuing CA and its CRL (AIA and CDP in every certificate); set before the
    // intermediate is generated so its own request carries them too.
    this.pkiUrls = new PkiSecretBackendConfigUrls(this, 'PkiUrls', {
      backend: this.pkiMount.path,
      issuingCertificates: [`${vaultAddress(settings.address)}/v1/${settings.pkiMount}/ca`],
      crlDistributionPoints: [`${vaultAddress(settings.address)}/v1/${settings.pkiMount}/crl`],
    });
    this.intermediateRequest = new PkiSecretBackendIntermediateCertRequest(this, 'IntermediateRequest', {
      dependsOn: [this.pkiUrls],
      backend: this.pkiMount.path,
      type: 'internal', // the private key is generated in Vault and never leaves it
      commonName: `${plan.name} workload intermediate CA`,
      keyType: 'ec',
      keyBits: 384,
    });
    new TerraformOutput(this, 'workload_ca_csr', { value: this.intermediateRequest.csr, description: 'Sign offline with the root CA, then apply with TF_VAR_workload_ca_certificate set to the signed PEM' });
    const signed = new TerraformVariable(this, 'workload_ca_certificate', { type: 'string', default: '', description: 'The intermediate certificate signed offline by the root CA (PEM, chain included); empty until signed' });
    new PkiSecretBackendIntermediateSetSigned(this, 'IntermediateSigned', {
      // 0 until the signed certificate is given, then 1 (min(length, 1): cdktf drops literal 0 and '' from expressions).
      count: Fn.min([Fn.lengthOf(signed.stringValue), 1]),
      backend: this.pkiMount.path,
      certificate: signed.stringValue,
    });

    const authBackends: Record<string, AuthBackend> = {};
    const authConfigs: Record<string, KubernetesAuthBackendConfig> = {};
    for (const mount of this.vault.authMounts) {
      const built = props.clusters[mount.cluster];
      authBackends[mount.cluster] = new AuthBackend(this, `Auth-${mount.cluster}`, { type: 'kubernetes', path: mount.path, description: `${mount.cluster}: service account logins` });
      // The token reviewer's JWT is read from the cluster at deploy time (see docs/vault.md); sensitive, never a literal.
      const reviewer = new TerraformVariable(this, `token_reviewer_jwt_${mount.cluster.replace(/-/g, '_')}`, {
        type: 'string',
        sensitive: true,
        description: `JWT of ${settings.tokenReviewerNamespace}/vault-token-reviewer in ${mount.cluster}`,
      });
      authConfigs[mount.cluster] = new KubernetesAuthBackendConfig(this, `AuthConfig-${mount.cluster}`, {
        backend: authBackends[mount.cluster].path,
        // Cross-stack references to the cluster stack's outputs: no endpoint or CA literal anywhere.
        kubernetesHost: `https://${built.cluster.resource.endpoint}`,
        kubernetesCaCert: Fn.base64decode(built.cluster.resource.masterAuth.clusterCaCertificate),
        tokenReviewerJwt: reviewer.stringValue,
      });
    }

    const policies: Record<string, Policy> = {};
    const pkiRoles: Record<string, PkiSecretBackendRole> = {};
    const loginRoles: Record<string, KubernetesAuthBackendRole> = {};
    for (const tenant of this.vault.tenants) {
      policies[tenant.tenant] = new Policy(this, `Policy-${tenant.tenant}`, { name: tenant.policyName, policy: renderVaultPolicy(tenant.policy) });
      pkiRoles[tenant.tenant] = new PkiSecretBackendRole(this, `PkiRole-${tenant.tenant}`, {
        backend: this.pkiMount.path,
        name: tenant.pkiRole.name,
        // Only the tenant's own SPIFFE IDs: no DNS names, IPs, common names or other SANs.
        allowedUriSans: [...tenant.pkiRole.allowedUriSans],
        allowedDomains: [],
        allowAnyName: false,
        allowBareDomains: false,
        allowSubdomains: false,
        allowGlobDomains: false,
        allowLocalhost: false,
        allowIpSans: false,
        allowWildcardCertificates: false,
        enforceHostnames: true,
        requireCn: false,
        useCsrCommonName: false,
        useCsrSans: false,
        serverFlag: true,
        clientFlag: true,
        keyType: 'ec',
        keyBits: 256,
        ttl: settings.certificateTtl,
        maxTtl: settings.certificateMaxTtl,
      });
      for (const role of tenant.loginRoles) {
        loginRoles[`${tenant.tenant}/${role.cluster}`] = new KubernetesAuthBackendRole(this, `Role-${tenant.tenant}-${role.cluster}`, {
          backend: authBackends[role.cluster].path,
          roleName: role.roleName,
          boundServiceAccountNames: [...role.serviceAccounts],
          boundServiceAccountNamespaces: [role.namespace],
          tokenPolicies: [policies[tenant.tenant].name],
          audience: settings.audience,
          tokenTtl: 3600,
          tokenMaxTtl: 4 * 3600,
        });
      }
    }
    this.authBackends = authBackends;
    this.authConfigs = authConfigs;
    this.policies = policies;
    this.pkiRoles = pkiRoles;
    this.loginRoles = loginRoles;
  }
}
