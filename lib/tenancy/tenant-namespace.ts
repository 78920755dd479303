import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import type { NamespaceBaselineProps } from './namespace-baseline-props';
import { ValidationError } from '../domain/validation-error';
import { COST_CENTER_LABEL, ENVIRONMENT_LABEL, ISOLATION_LABEL, TEAM_LABEL, TENANCY_KIND_LABEL, TENANT_ADMIN_ROLE, TENANT_DEVELOPER_ROLE, TENANT_LABEL, TENANT_VIEWER_ROLE } from '../domain/tenancy/labels';
import { addLimitRange, addQuotas, addRoleBinding, meta, ownedLabels } from './private/namespace-bundle';
import { addNetworkPolicies } from './private/network-policy-object';
import { tenantNetworkPolicies } from '../domain/tenancy/network-policy-plan';
import { isDns1123Label, assertTenantSpec } from '../domain/tenancy/tenant-rules';
import { ResolvedTenant, TenantPodSecurityLevel, TenantRole, TenantSpec, resolveTenant } from '../domain/tenancy/tenant-spec';

/** Pod Security Standards version the labels pin, so a control-plane upgrade does not tighten rules unannounced. */
export const DEFAULT_POD_SECURITY_VERSION = 'v1.33';
/** Name of the per-namespace service account a CD system deploys with. */
export const DEPLOYER_SERVICE_ACCOUNT = 'deployer';

const ROLE_FOR: Readonly<Record<TenantRole, string>> = {
  admin: TENANT_ADMIN_ROLE,
  developer: TENANT_DEVELOPER_ROLE,
  viewer: TENANT_VIEWER_ROLE,
};

/** Props of `TenantNamespace`. */
export interface TenantNamespaceProps extends NamespaceBaselineProps {
  /** The tenant. Changing `name` replaces the namespace and deletes everything in it. */
  readonly tenant: TenantSpec;
  /**
   * Tenants that declare a dependency on this one; each gets an ingress rule here, mirroring the egress
   * rule in its own namespace. Compute with `dependentsOf(tenant.name, allTenants)`.
   * @default [] (no other tenant may connect)
   */
  readonly dependents?: readonly string[];
  /**
   * GCP project holding the tenant's Google service accounts (the cluster's Workload Identity pool project).
   * @default none; required when the tenant declares workloadIdentities
   */
  readonly project?: string;
  /**
   * Where Workload Identity tenants reach Google APIs: the private.googleapis.com VIPs the network's private
   * `googleapis.com` zone resolves to. Only tenants with workloadIdentities get the allowance.
   * @default '199.36.153.8/30' (PRIVATE_GOOGLE_APIS_CIDR)
   */
  readonly googleApisCidr?: string;
  /**
   * The Private Service Access range, for a tenant that uses private-IP services (Cloud SQL, AlloyDB, Memorystore):
   * its pods may reach it on PRIVATE_SERVICE_PORTS. @default none (no allowance)
   */
  readonly privateServicesCidr?: string;
  /** ClusterRole the deployer service account is bound to. @default 'tenant-developer' */
  readonly deployerClusterRole?: string;
}

/**
 * Everything a tenant needs in one cluster: the namespace with tenant and Pod Security labels, quota
 * (plus a zero quota at system priority classes), LimitRange, Group RoleBindings to the platform
 * ClusterRoles, a deployer service account, Workload Identity service accounts and NetworkPolicies
 * (default deny both ways; own namespace, DNS, metadata server, declared dependencies in both directions,
 * external dependencies and declared ingress sources).
 *
 * Dedicated nodes are not pinned through the `scheduler.alpha.kubernetes.io/node-selector` annotation:
 * it needs the PodNodeSelector admission plugin, which GKE does not enable, and it cannot add tolerations.
 * Instead PlatformPolicies rejects pods without the toleration and nodeSelector, and
 * DedicatedNodeScheduling injects both into workloads this library synthesizes.
 *
 * Every object carries `platform.gke-platform-cdk.io/managed-by=platform`, which PlatformPolicies protects.
 * Escape hatch: each object is a cdk8s ApiObject; use `addJsonPatch` (e.g. `tenantNamespace.namespace.addJsonPatch(...)`).
 */
export class TenantNamespace extends Construct {
  /** The Namespace (construct id `Resource`). */
  public readonly namespace: k8s.KubeNamespace;
  public readonly namespaceName: string;
  public readonly resourceQuota: k8s.KubeResourceQuota;
  public readonly systemPriorityQuota: k8s.KubeResourceQuota;
  public readonly limitRange: k8s.KubeLimitRange;
  /** RoleBindings keyed by name (`tenant-admin`, `tenant-developer`, `tenant-viewer`, `deployer`). */
  public readonly roleBindings: Readonly<Record<string, k8s.KubeRoleBinding>>;
  /** Service accounts keyed by name (`deployer` and each Workload Identity KSA). */
  public readonly serviceAccounts: Readonly<Record<string, k8s.KubeServiceAccount>>;
  /** NetworkPolicies keyed by name. */
  public readonly networkPolicies: Readonly<Record<string, k8s.KubeNetworkPolicy>>;
  /** The tenant with defaults resolved. */
  public readonly tenant: ResolvedTenant;

  constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    super(scope, id);
    assertTenantSpec(props.tenant, this.node.path);
    const tenant = resolveTenant(props.tenant);
    const dependents = [...(props.dependents ?? [])].sort();
    const podSecurityVersion = props.podSecurityVersion ?? DEFAULT_POD_SECURITY_VERSION;
    const deployerRole = props.deployerClusterRole ?? TENANT_DEVELOPER_ROLE;
    this.validateProps(props, tenant, dependents);

    this.tenant = tenant;
    const ns = tenant.name;
    this.namespaceName = ns;
    const labels = ownedLabels({ [TENANT_LABEL]: ns });

    this.namespace = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: ns,
        labels: {
          ...labels,
          [TENANCY_KIND_LABEL]: 'tenant',
          [ISOLATION_LABEL]: tenant.isolation,
          [TEAM_LABEL]: tenant.labels.team,
          [ENVIRONMENT_LABEL]: tenant.labels.environment,
          [COST_CENTER_LABEL]: tenant.labels.costCenter,
          ...podSecurityLabels(tenant.podSecurity, podSecurityVersion),
        },
      },
    });

    const quotas = addQuotas(this, ns, tenant.quota, labels);
    this.resourceQuota = quotas.quota;
    this.systemPriorityQuota = quotas.systemPriority;
    this.limitRange = addLimitRange(this, ns, tenant.limits, labels);

    const roleBindings: Record<string, k8s.KubeRoleBinding> = {};
    for (const role of ['admin', 'developer', 'viewer'] as const) {
      const group = tenant.groups[role];
      if (!group) continue;
      const name = ROLE_FOR[role];
      roleBindings[name] = addRoleBinding(this, `RoleBinding-${role}`, name, ns, name, { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: group }, labels);
    }

    const serviceAccounts: Record<string, k8s.KubeServiceAccount> = {};
    // CD tools obtain tokens for it through the TokenRequest API; pods never need to mount it.
    serviceAccounts[DEPLOYER_SERVICE_ACCOUNT] = new k8s.KubeServiceAccount(this, 'Deployer', {
      metadata: meta(DEPLOYER_SERVICE_ACCOUNT, ns, labels),
      automountServiceAccountToken: false,
    });
    roleBindings[DEPLOYER_SERVICE_ACCOUNT] = addRoleBinding(this, 'DeployerBinding', DEPLOYER_SERVICE_ACCOUNT, ns, deployerRole, { kind: 'ServiceAccount', name: DEPLOYER_SERVICE_ACCOUNT, namespace: ns }, labels);

    for (const wi of tenant.workloadIdentities) {
      serviceAccounts[wi.ksa] = new k8s.KubeServiceAccount(this, `Ksa-${wi.ksa}`, {
        metadata: {
          ...meta(wi.ksa, ns, labels),
          annotations: { 'iam.gke.io/gcp-service-account': gsaEmail(wi.gsa, props.project!) },
        },
      });
    }
    this.roleBindings = roleBindings;
    this.serviceAccounts = serviceAccounts;
    this.networkPolicies = addNetworkPolicies(
      this,
      tenantNetworkPolicies(tenant, {
        dependents,
        googleApisCidr: props.googleApisCidr,
        privateServicesCidr: props.privateServicesCidr,
        nodeLocalDnsCidr: props.nodeLocalDnsCidr,
        metadataServer: props.metadataServer,
      }),
      labels,
    );
  }

  private validateProps(props: TenantNamespaceProps, tenant: ResolvedTenant, dependents: readonly string[]): void {
    const path = this.node.path;
    if (tenant.workloadIdentities.length > 0 && !props.project) {
      throw new ValidationError({ path, field: 'project', value: props.project, problem: 'is missing, but the tenant declares workloadIdentities', fix: 'pass the GCP project that holds the Google service accounts' });
    }
    for (const dependent of dependents) {
      if (!isDns1123Label(dependent) || dependent === tenant.name) {
        throw new ValidationError({ path, field: 'dependents', value: dependent, problem: dependent === tenant.name ? 'is the tenant itself' : 'is not a DNS-1123 label', fix: 'pass the names of other tenants, e.g. from dependentsOf()' });
      }
    }
  }
}

/** `<gsa>@<project>.iam.gserviceaccount.com`. */
function gsaEmail(accountId: string, project: string): string {
  return `${accountId}@${project}.iam.gserviceaccount.com`;
}

/**
 * Enforce the tenant's level; audit and warn at `restricted` so baseline tenants see what a move to
 * restricted would break. Versions are pinned for reproducible admission.
 */
export function podSecurityLabels(level: TenantPodSecurityLevel, version: string): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': version,
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/audit-version': version,
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/warn-version': version,
  };
}
