import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import type { NamespaceBaselineProps } from './namespace-baseline-props';
import { ValidationError } from '../domain/validation-error';
import { EXPIRES_LABEL, OWNER_ANNOTATION, TENANCY_KIND_LABEL, TENANT_ADMIN_ROLE, TENANT_LABEL } from '../domain/tenancy/labels';
import { addLimitRange, addQuotas, addRoleBinding, ownedLabels } from './private/namespace-bundle';
import { addNetworkPolicies } from './private/network-policy-object';
import { baselineNetworkPolicies } from '../domain/tenancy/network-policy-plan';
import { DEFAULT_POD_SECURITY_VERSION, podSecurityLabels } from './tenant-namespace';
import { ExpiredDeveloperNamespace, validateDeveloperNamespaces, validateQuota } from '../domain/tenancy/tenant-rules';
import { DEFAULT_DEVELOPER_QUOTA, DEFAULT_TENANT_LIMITS, DeveloperNamespaceSpec, TenantLimits, TenantQuota } from '../domain/tenancy/tenant-spec';

/** Props of `DeveloperNamespace`. */
export interface DeveloperNamespaceProps extends NamespaceBaselineProps {
  /** The namespace. Changing `name` replaces it and deletes everything in it. */
  readonly spec: DeveloperNamespaceSpec;
  /**
   * The current day (`YYYY-MM-DD` or a Date) to judge expiry by. Pass a fixed value in CI for reproducible
   * synthesis. @default the current UTC date
   */
  readonly today?: string | Date;
  /** Days past expiry during which the namespace is kept and only reported. @default 14 */
  readonly gracePeriodDays?: number;
  /** @default DEFAULT_DEVELOPER_QUOTA */
  readonly quota?: TenantQuota;
  /** @default DEFAULT_TENANT_LIMITS */
  readonly limits?: TenantLimits;
  /** ClusterRole bound to the owner. @default 'tenant-admin' */
  readonly ownerClusterRole?: string;
}

/**
 * A personal sandbox on the dev cluster: a namespace (restricted Pod Security) with a small quota, a
 * LimitRange, the default NetworkPolicies (deny both ways; own namespace, DNS, metadata server) and an
 * admin RoleBinding of kind User for its owner. `expires` becomes a label (selectable) and the owner an
 * annotation. Expired entries are reported through `expired`; past the grace period the constructor throws.
 */
export class DeveloperNamespace extends Construct {
  /** The Namespace (construct id `Resource`). */
  public readonly namespace: k8s.KubeNamespace;
  public readonly namespaceName: string;
  public readonly resourceQuota: k8s.KubeResourceQuota;
  public readonly limitRange: k8s.KubeLimitRange;
  public readonly ownerBinding: k8s.KubeRoleBinding;
  public readonly networkPolicies: Readonly<Record<string, k8s.KubeNetworkPolicy>>;
  /** Set when the namespace is past its expiry but inside the grace period: report it. */
  public readonly expired?: ExpiredDeveloperNamespace;

  constructor(scope: Construct, id: string, props: DeveloperNamespaceProps) {
    super(scope, id);
    const spec = props.spec;
    const today = props.today ?? new Date();
    const quota: Required<TenantQuota> = { ...DEFAULT_DEVELOPER_QUOTA, ...definedOnly(props.quota) };
    const limits: Required<TenantLimits> = { ...DEFAULT_TENANT_LIMITS, ...definedOnly(props.limits) };
    const ownerRole = props.ownerClusterRole ?? TENANT_ADMIN_ROLE;
    const podSecurityVersion = props.podSecurityVersion ?? DEFAULT_POD_SECURITY_VERSION;

    const check = validateDeveloperNamespaces([spec], { today, gracePeriodDays: props.gracePeriodDays });
    const issues = [...check.issues, ...validateQuota(props.quota, props.limits, `developerNamespaces[${spec.name}]`, DEFAULT_DEVELOPER_QUOTA)];
    if (issues.length > 0) throw new ValidationError(issues.map((i) => ({ ...i, path: this.node.path })));
    this.expired = check.expired[0];

    const ns = spec.name;
    this.namespaceName = ns;
    const labels = ownedLabels({ [TENANT_LABEL]: ns });
    this.namespace = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: ns,
        labels: {
          ...labels,
          [TENANCY_KIND_LABEL]: 'developer',
          ...(spec.expires ? { [EXPIRES_LABEL]: spec.expires } : {}),
          ...podSecurityLabels('restricted', podSecurityVersion),
        },
        annotations: { [OWNER_ANNOTATION]: spec.owner },
      },
    });
    this.resourceQuota = addQuotas(this, ns, quota, labels).quota;
    this.limitRange = addLimitRange(this, ns, limits, labels);
    this.ownerBinding = addRoleBinding(this, 'OwnerBinding', 'owner', ns, ownerRole, { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: spec.owner }, labels);
    this.networkPolicies = addNetworkPolicies(this, baselineNetworkPolicies(ns, { nodeLocalDnsCidr: props.nodeLocalDnsCidr, metadataServer: props.metadataServer }), labels);
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
