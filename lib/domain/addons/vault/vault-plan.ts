/**
 * What the Vault add-on configures, as plain data: one Kubernetes auth mount per cluster, per tenant a policy
 * confined to its own KV v2 prefix and PKI role, a login role per tenant and cluster, and a PKI role issuing
 * only the tenant's SPIFFE identities. Also Vault's policy path matching, so tests can judge a policy the way
 * Vault does. Pure: no cdktf, cdk8s or constructs.
 */
import type { PlatformPlan, TenantPlan } from '../../platform/platform-plan';
import type { ResolvedVaultSettings } from './vault-settings';

type VaultCapability = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'sudo' | 'deny';

/** One `path "..." { capabilities = [...] }` stanza. */
interface VaultPolicyRule {
  /** Vault path pattern: `+` matches one segment, a trailing `*` any suffix (see vaultPathMatches). */
  readonly path: string;
  /** What the rule allows on matching paths, e.g. `read`, `list`. */
  readonly capabilities: readonly VaultCapability[];
}

interface VaultLoginRole {
  /** The cluster whose workloads log in with this role. */
  readonly cluster: string;
  /** The cluster's Kubernetes auth mount. */
  readonly backend: string;
  /** Role name in the cluster's auth mount: the tenant's name. */
  readonly roleName: string;
  /** The only namespace whose service accounts may log in: the tenant's. */
  readonly namespace: string;
  /** Service accounts that may log in (`*`: every one of the namespace). */
  readonly serviceAccounts: readonly string[];
}

interface VaultTenantPlan {
  /** The tenant's name. */
  readonly tenant: string;
  /** Name of its Vault policy, `tenant-<tenant>` (tenantPolicyName). */
  readonly policyName: string;
  /** Its policy: read its KV v2 prefix (data and metadata) and issue certificates from its own PKI role, nothing else. */
  readonly policy: readonly VaultPolicyRule[];
  /** The tenant's prefix in the KV v2 mount: `<tenant>/`. */
  readonly kvPrefix: string;
  /** One login role per cluster it runs on, in its namespaces' order. */
  readonly loginRoles: readonly VaultLoginRole[];
  /** Its PKI role (same name as the tenant) and the only URI SANs it issues. */
  readonly pkiRole: {
    /** The PKI role's name: the tenant's name. */
    readonly name: string;
    /** The SPIFFE IDs it may issue, `spiffe://<trust domain>/ns/<tenant>/sa/<service account>`, one per service account of its login roles. */
    readonly allowedUriSans: readonly string[];
  };
}

export interface VaultPlan {
  /** One Kubernetes auth mount per cluster, `kubernetes-<cluster>`, in cluster order (each cluster has its own issuer and CA). */
  readonly authMounts: readonly {
    /** The cluster whose service-account tokens the mount verifies. */
    readonly cluster: string;
    /** The mount's path, `kubernetes-<cluster>` (kubernetesAuthPath). */
    readonly path: string;
  }[];
  /** Every tenant's policy, login roles and PKI role, in definition order. */
  readonly tenants: readonly VaultTenantPlan[];
}

/** The Kubernetes auth mount of a cluster: `kubernetes-<cluster>` (one per cluster: each has its own issuer and CA). */
export function kubernetesAuthPath(cluster: string): string {
  return `kubernetes-${cluster}`;
}

/** The policy of a tenant: `tenant-<tenant>`. */
export function tenantPolicyName(tenant: string): string {
  return `tenant-${tenant}`;
}

/** A workload's SPIFFE ID: `spiffe://<trust domain>/ns/<namespace>/sa/<service account>` (Istio's form too). */
export function spiffeId(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** The service accounts of a tenant Vault knows: settings', then Workload Identity KSAs; none declared means all (`*`). */
function tenantServiceAccounts(tenant: TenantPlan, settings: Pick<ResolvedVaultSettings, 'serviceAccounts'>): string[] {
  const declared = [...(settings.serviceAccounts?.[tenant.name] ?? []), ...tenant.resolved.workloadIdentities.map((w) => w.ksa)];
  const unique = [...new Set(declared)].sort();
  return unique.length > 0 ? unique : ['*'];
}

/** The policy of a tenant: read its own KV v2 prefix (data and metadata), issue certificates from its own PKI role. */
export function tenantPolicy(tenant: string, settings: Pick<ResolvedVaultSettings, 'kvMount' | 'pkiMount'>): VaultPolicyRule[] {
  return [
    { path: `${settings.kvMount}/data/${tenant}/*`, capabilities: ['read'] },
    { path: `${settings.kvMount}/metadata/${tenant}/*`, capabilities: ['read', 'list'] },
    { path: `${settings.pkiMount}/issue/${tenant}`, capabilities: ['create', 'update'] },
  ];
}

export function vaultPlan(plan: PlatformPlan, settings: ResolvedVaultSettings): VaultPlan {
  return {
    authMounts: plan.clusters.map((c) => ({ cluster: c.name, path: kubernetesAuthPath(c.name) })),
    tenants: plan.tenants.map((tenant) => {
      const serviceAccounts = tenantServiceAccounts(tenant, settings);
      return {
        tenant: tenant.name,
        policyName: tenantPolicyName(tenant.name),
        policy: tenantPolicy(tenant.name, settings),
        kvPrefix: `${tenant.name}/`,
        loginRoles: tenant.namespaces.map((ns) => ({ cluster: ns.cluster, backend: kubernetesAuthPath(ns.cluster), roleName: tenant.name, namespace: ns.namespace, serviceAccounts })),
        // One namespace name per tenant on every cluster: the SANs are the same wherever it runs.
        pkiRole: { name: tenant.name, allowedUriSans: [...new Set(tenant.namespaces.map((ns) => ns.namespace))].flatMap((ns) => serviceAccounts.map((sa) => spiffeId(settings.trustDomain, ns, sa))) },
      };
    }),
  };
}

/** A policy as Vault's HCL: one stanza per rule, in order. */
export function renderVaultPolicy(rules: readonly VaultPolicyRule[]): string {
  return rules.map((r) => `path "${r.path}" {\n  capabilities = [${r.capabilities.map((c) => `"${c}"`).join(', ')}]\n}\n`).join('\n');
}

/**
 * Whether a policy path pattern matches a request path, as Vault matches them: `+` stands for exactly one
 * path segment, a trailing `*` for any suffix (a prefix match); everything else is literal.
 */
export function vaultPathMatches(pattern: string, path: string): boolean {
  const glob = pattern.endsWith('*');
  const body = glob ? pattern.slice(0, -1) : pattern;
  const parts = body.split('+');
  let regex = '^';
  parts.forEach((part, i) => {
    regex += part.replace(/[.*?^${}()|[\]\\]/g, '\\$&');
    if (i < parts.length - 1) regex += '[^/]+';
  });
  regex += glob ? '.*$' : '$';
  return new RegExp(regex).test(path);
}

/**
 * The capabilities a policy grants on a request path, as Vault decides them: the most specific matching rule
 * wins (an exact path over a glob, then the longest pattern before its first wildcard); `deny` denies all.
 */
export function vaultPolicyCapabilities(rules: readonly VaultPolicyRule[], path: string): readonly VaultCapability[] {
  const matching = rules.filter((r) => vaultPathMatches(r.path, path));
  if (matching.length === 0) return [];
  const specificity = (p: string) => {
    const firstWildcard = p.search(/[+*]/);
    return [firstWildcard === -1 ? 1 : 0, firstWildcard === -1 ? p.length : firstWildcard, p.length] as const;
  };
  const best = [...matching].sort((a, b) => {
    const [ea, pa, la] = specificity(a.path);
    const [eb, pb, lb] = specificity(b.path);
    return eb - ea || pb - pa || lb - la;
  })[0];
  return best.capabilities.includes('deny') ? [] : best.capabilities;
}
