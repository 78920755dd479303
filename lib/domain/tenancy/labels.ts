/**
 * Label keys, taint keys and well-known names shared by the tenancy constructs, the admission
 * policies that enforce them and the GKE node pools that carry them. Pure constants: no imports.
 */

/** Prefix of every label and annotation this library owns. */
export const PLATFORM_LABEL_PREFIX = 'platform.gke-platform-cdk.io';

/** Marks objects the platform owns; admission policies stop tenants from changing them. */
export const MANAGED_BY_LABEL = `${PLATFORM_LABEL_PREFIX}/managed-by`;
/** Value of {@link MANAGED_BY_LABEL} on platform-owned objects. */
export const MANAGED_BY_PLATFORM = 'platform';

/** Names the tenant (or developer namespace) an object belongs to; selects tenant namespaces in policies. */
export const TENANT_LABEL = `${PLATFORM_LABEL_PREFIX}/tenant`;
/** `tenant` or `developer`: which kind of namespace this is. */
export const TENANCY_KIND_LABEL = `${PLATFORM_LABEL_PREFIX}/tenancy`;
/** Isolation level of a tenant namespace (`shared`, `dedicated-nodes`, `dedicated-cluster`). */
export const ISOLATION_LABEL = `${PLATFORM_LABEL_PREFIX}/isolation`;
/** Expiry date (YYYY-MM-DD) of a developer namespace; a valid label value, so it can be selected on. */
export const EXPIRES_LABEL = `${PLATFORM_LABEL_PREFIX}/expires`;
/** Owner e-mail of a developer namespace ('@' is not allowed in label values, hence an annotation). */
export const OWNER_ANNOTATION = `${PLATFORM_LABEL_PREFIX}/owner`;

/** Cost-allocation labels: plain keys so GKE cost allocation and billing exports pick them up as-is. */
export const TEAM_LABEL = 'team';
export const ENVIRONMENT_LABEL = 'environment';
export const COST_CENTER_LABEL = 'cost-center';

/** Label the API server sets on every namespace (Kubernetes >= 1.22); policies select namespaces by it. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Taint and label of dedicated tenant node pools: taint `tenant=<name>:NoSchedule`, label `tenant=<name>`.
 * The GKE node pool construct (lib/gke) writes the same literal `tenant`; keep them equal.
 */
export const TENANT_TAINT_KEY = 'tenant';
/** Node label key that dedicated node pools carry; pods select it through `nodeSelector`. */
export const TENANT_NODE_LABEL_KEY = 'tenant';
/** Kubernetes spelling of the taint effect (GKE's API spells it NO_SCHEDULE). */
export const TENANT_TAINT_EFFECT = 'NoSchedule';

/** Platform ClusterRoles that tenant groups are bound to (per namespace, never cluster-wide). */
export const TENANT_ADMIN_ROLE = 'tenant-admin';
export const TENANT_DEVELOPER_ROLE = 'tenant-developer';
export const TENANT_VIEWER_ROLE = 'tenant-viewer';

/** Priority classes reserved for the system; tenants get a zero-pod quota for them. */
export const SYSTEM_PRIORITY_CLASSES: readonly string[] = ['system-cluster-critical', 'system-node-critical'];

/** The extended resource GKE's NVIDIA device plugin advertises; a ResourceQuota counts it as `requests.nvidia.com/gpu`. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/** The platform ClusterRole a tenant admin binds to its own controllers' service accounts: leader-election Leases and Events. */
export const TENANT_LEADER_ELECTION_ROLE = 'tenant-leader-election';

/** GKE's Ingress classes: `gce` makes an external Application Load Balancer, `gce-internal` an internal one. */
export const GKE_EXTERNAL_INGRESS_CLASS = 'gce';
export const GKE_INTERNAL_INGRESS_CLASS = 'gce-internal';
