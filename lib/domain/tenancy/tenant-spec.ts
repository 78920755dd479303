/**
 * The tenant model: plain typed data, read by both the cdk8s side (namespaces, policies) and the
 * cdktf side (identities). Pure: no cdktf or cdk8s import. Defaults live here as named constants and
 * are resolved once by {@link resolveTenant}.
 */

/** Pod Security Standard a tenant namespace enforces. `privileged` is not offered to tenants. */
export type TenantPodSecurityLevel = 'restricted' | 'baseline';

/**
 * How strongly a tenant is isolated:
 * - `shared`: a namespace in a multi-tenant cluster;
 * - `dedicated-nodes`: plus a tainted node pool of its own, enforced by admission policies;
 * - `dedicated-cluster`: a cluster of its own (ideally in its own project).
 */
export type TenantIsolation = 'shared' | 'dedicated-nodes' | 'dedicated-cluster';

/** Google Groups (e-mail addresses) bound to the platform's tenant ClusterRoles in the tenant's namespace. */
export interface TenantGroups {
  /** Bound to `tenant-admin`. @default no binding */
  readonly admin?: string;
  /** Bound to `tenant-developer`. @default no binding */
  readonly developer?: string;
  /** Bound to `tenant-viewer`. @default no binding */
  readonly viewer?: string;
}

/** The three tenant roles, in the order bindings and IAM members are emitted. */
export const TENANT_ROLES = ['admin', 'developer', 'viewer'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** A ResourceQuota. Quantities use Kubernetes notation (`4`, `500m`, `8Gi`). */
export interface TenantQuota {
  /** `requests.cpu`. @default '4' */
  readonly requestsCpu?: string;
  /** `requests.memory`. @default '8Gi' */
  readonly requestsMemory?: string;
  /** `limits.cpu`. @default '8' */
  readonly limitsCpu?: string;
  /** `limits.memory`. @default '16Gi' */
  readonly limitsMemory?: string;
  /** `requests.storage` (sum of PVC requests). @default '100Gi' */
  readonly requestsStorage?: string;
  /** `pods`. @default 100 */
  readonly pods?: number;
  /** `services.loadbalancers`. @default 0 (a load balancer costs money and exposes the tenant; opt in) */
  readonly loadBalancers?: number;
  /** `persistentvolumeclaims`. @default 20 */
  readonly persistentVolumeClaims?: number;
  /**
   * `requests.nvidia.com/gpu`: GPUs the namespace's pods may request together. A platform derives it per cluster
   * from the GPU pools the tenant may use (tenantGpuQuota): its own GPU pool for a dedicated-nodes tenant, the
   * cluster's GPU pools for a dedicated-cluster tenant, 0 for a shared tenant unless declared (a declared value is
   * checked against the cluster's shared GPU pools).
   * @default 0 (DEFAULT_TENANT_QUOTA; a TenantNamespace used on its own)
   */
  readonly gpus?: number;
}

/** A LimitRange for containers, so pods without resources are admitted under the quota. */
export interface TenantLimits {
  /** Default CPU limit per container. @default '500m' */
  readonly defaultCpu?: string;
  /** Default memory limit per container. @default '512Mi' */
  readonly defaultMemory?: string;
  /** Default CPU request per container. @default '100m' */
  readonly defaultRequestCpu?: string;
  /** Default memory request per container. @default '128Mi' */
  readonly defaultRequestMemory?: string;
  /** Maximum CPU limit per container. @default '4' */
  readonly maxCpu?: string;
  /** Maximum memory limit per container. @default '8Gi' */
  readonly maxMemory?: string;
}

/** A port's protocol in a tenant's rules. */
export type NetworkProtocol = 'TCP' | 'UDP' | 'SCTP';

/** A port (and protocol) in a tenant's rules. */
export interface PortSpec {
  /** Port number, 1-65535 (validateTenantSpec). */
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: NetworkProtocol;
}

/** Egress to addresses outside the cluster (on-prem, AWS, a SaaS range). */
export interface ExternalDependency {
  /** An IPv4 or IPv6 CIDR, network address only (`10.20.0.0/16`). */
  readonly cidr: string;
  /** Ports allowed to that CIDR; at least one. */
  readonly ports: readonly PortSpec[];
}

/** What a tenant calls: other tenants, external services, Google APIs; each yields the policies that let it through. */
export interface TenantDependencies {
  /** Tenants this one calls; each yields egress here and ingress there. @default [] */
  readonly tenants?: readonly string[];
  /** External CIDRs this tenant calls. @default [] */
  readonly external?: readonly ExternalDependency[];
}

/** Where ingress into a tenant may come from, besides its own namespace and dependent tenants. */
export type IngressSource =
  | {
      /** A namespace name (for example the ingress gateway's). */
      readonly namespace: string;
      /** Restrict to pods with these labels in that namespace. @default all pods */
      readonly podLabels?: Readonly<Record<string, string>>;
      /** Restrict to these ports. @default all ports */
      readonly ports?: readonly PortSpec[];
    }
  | {
      /** An IPv4 or IPv6 CIDR (for example the Google load balancer health-check ranges). */
      readonly cidr: string;
      /** Restrict to these ports. @default all ports */
      readonly ports?: readonly PortSpec[];
    };

/** Kinds of resource a tenant identity can be granted a role on (each has its own IAM member resource). */
export const RESOURCE_ROLE_KINDS = ['storage-bucket', 'pubsub-topic', 'pubsub-subscription', 'secret', 'bigquery-dataset', 'artifact-registry-repository'] as const;
/** The kinds of resources a tenant's workload identity may hold a role on. */
export type ResourceRoleKind = (typeof RESOURCE_ROLE_KINDS)[number];

/** A role on one named resource: the grant reaches that resource only, never another tenant's. */
export interface ResourceRoleGrant {
  /**
   * What the resource is: `storage-bucket`, `pubsub-topic`, `pubsub-subscription`, `secret`, `bigquery-dataset` or
   * `artifact-registry-repository` (RESOURCE_ROLE_KINDS).
   */
  readonly kind: ResourceRoleKind;
  /** Bucket name; topic, subscription, secret or dataset id; repository id. */
  readonly name: string;
  /** e.g. `roles/storage.objectUser`. */
  readonly role: string;
  /** Project holding the resource (buckets need none: their names are global). @default the identity's project */
  readonly project?: string;
  /**
   * Region of an Artifact Registry repository, e.g. `us-central1`; required for that kind (validateTenantSpec). For a
   * bucket or dataset the platform creates, where it is created.
   * @default none for a repository (refused); for a created bucket or dataset, the region of the tenant's first cluster
   */
  readonly location?: string;
  /**
   * Who makes the resource. `create`: the platform creates it in the tenant's Terraform state with the tenant's labels
   * and secure defaults (buckets: uniform bucket-level access, public access prevention enforced, versioning), for
   * `storage-bucket`, `pubsub-topic`, `bigquery-dataset` and `secret` (CREATABLE_RESOURCE_KINDS). `existing`: it must
   * exist before the first deploy; `gke-platform plan --check` lists it as a prerequisite. A platform definition must
   * say which (validateResourceProvisioning).
   * @default 'existing' for a TenantIdentity used on its own (it grants on the resource and creates nothing)
   */
  readonly provisioning?: ResourceProvisioning;
}

/** Who makes a resource a tenant is granted a role on (ResourceRoleGrant.provisioning). */
export type ResourceProvisioning = 'create' | 'existing';

/** The kinds the platform can create for a tenant (`provisioning: 'create'`). */
export const CREATABLE_RESOURCE_KINDS: readonly ResourceRoleKind[] = ['storage-bucket', 'pubsub-topic', 'bigquery-dataset', 'secret'];

/** A project-wide role accepted on a project other tenants share, by name, with the reason a reviewer reads. */
export interface SharedProjectRoleOptIn {
  /** A role listed in the identity's `projectRoles`, e.g. `roles/aiplatform.user` (validateTenantSpec). */
  readonly role: string;
  /** Why no resource-level grant will do, e.g. `Vertex AI custom jobs have no resource-level IAM`. */
  readonly reason: string;
}

/** A Kubernetes service account bound to a Google service account through Workload Identity. */
export interface WorkloadIdentitySpec {
  /** Kubernetes service account name in the tenant namespace (DNS-1123 label). */
  readonly ksa: string;
  /** Google service account id (the part before `@`), 6-30 characters. Changing it replaces the account. */
  readonly gsa: string;
  /**
   * Project-wide roles on the identity's project, e.g. `roles/cloudsql.client`. On a project other tenants
   * share, a project-wide role reaches their resources too: each needs an entry in `sharedProjectOptIns`,
   * else synthesis refuses it. Prefer `resourceRoles`.
   */
  readonly projectRoles: readonly string[];
  /** Roles on named resources (buckets, topics, subscriptions, secrets, datasets, repositories). @default [] */
  readonly resourceRoles?: readonly ResourceRoleGrant[];
  /** Project roles accepted although the project is shared with other tenants, each with its reason. @default [] */
  readonly sharedProjectOptIns?: readonly SharedProjectRoleOptIn[];
}

/** Cost-allocation and ownership labels put on the namespace. */
export interface TenantLabels {
  /** Owning team: the namespace's `team` label (a Kubernetes label value, non-empty). */
  readonly team: string;
  /** Environment, e.g. `prod`: the namespace's `environment` label (a Kubernetes label value, non-empty). */
  readonly environment: string;
  /** Cost centre: the namespace's `cost-center` label (a Kubernetes label value, non-empty), read by GKE cost allocation. */
  readonly costCenter: string;
}

/** A tenant: its namespace, groups, quota and limits, isolation, dependencies and workload identities. */
export interface TenantSpec {
  /** Tenant name = namespace name (DNS-1123 label). Changing it replaces the namespace and its GCP bindings. */
  readonly name: string;
  /** Google Groups bound to the tenant roles in its namespace; `{}` binds none. */
  readonly groups: TenantGroups;
  /** Names of the clusters the tenant lives on. */
  readonly clusters: readonly string[];
  /** @default DEFAULT_TENANT_QUOTA */
  readonly quota?: TenantQuota;
  /**
   * Per-container limits (the namespace's LimitRange). In a platform definition, an absent `maxCpu`/`maxMemory`
   * is derived from the nodes the tenant runs on and its quota (see containerLimits), and declared ones are checked
   * against both. @default DEFAULT_TENANT_LIMITS (a TenantNamespace used on its own)
   */
  readonly limits?: TenantLimits;
  /** @default 'restricted' */
  readonly podSecurity?: TenantPodSecurityLevel;
  /** @default no dependencies */
  readonly dependencies?: TenantDependencies;
  /** @default none (only the namespace itself and dependent tenants) */
  readonly ingressSources?: readonly IngressSource[];
  /** @default none */
  readonly workloadIdentities?: readonly WorkloadIdentitySpec[];
  /** @default 'shared' */
  readonly isolation?: TenantIsolation;
  /**
   * DNS names the tenant serves, each with all its subdomains (`maps.example.com` covers `api.maps.example.com`
   * and `*.maps.example.com`). Every host of its Ingresses and Gateway API routes must lie under one of them; no
   * two tenants' names may be equal or nested (validateTenants), so no tenant can claim a host another serves.
   * Lowercase DNS names without wildcards.
   * @default [] (its Ingresses and routes may name no host)
   */
  readonly hosts?: readonly string[];
  /** Cost-allocation and ownership labels on its namespace; all three are required. */
  readonly labels: TenantLabels;
}

/** A personal namespace on the dev cluster. */
export interface DeveloperNamespaceSpec {
  /** Namespace name (DNS-1123 label). */
  readonly name: string;
  /** Owner's e-mail; bound as namespace admin. */
  readonly owner: string;
  /** Last day (`YYYY-MM-DD`, UTC) the namespace is wanted. @default never expires */
  readonly expires?: string;
}

/**
 * Defaults sized for a small service team: a few nodes' worth of a shared e2-standard-8 pool.
 * Limits are twice the requests, a common burst ratio; raise them per tenant.
 */
export const DEFAULT_TENANT_QUOTA: Required<TenantQuota> = {
  requestsCpu: '4',
  requestsMemory: '8Gi',
  limitsCpu: '8',
  limitsMemory: '16Gi',
  requestsStorage: '100Gi',
  pods: 100,
  loadBalancers: 0,
  persistentVolumeClaims: 20,
  gpus: 0,
};

/** Defaults for a typical web container; `max` keeps one container from taking a whole quota. */
export const DEFAULT_TENANT_LIMITS: Required<TenantLimits> = {
  defaultCpu: '500m',
  defaultMemory: '512Mi',
  defaultRequestCpu: '100m',
  defaultRequestMemory: '128Mi',
  maxCpu: '4',
  maxMemory: '8Gi',
};

/** A developer namespace is a sandbox: a tenth of a tenant, no load balancers. */
export const DEFAULT_DEVELOPER_QUOTA: Required<TenantQuota> = {
  requestsCpu: '2',
  requestsMemory: '4Gi',
  limitsCpu: '4',
  limitsMemory: '8Gi',
  requestsStorage: '20Gi',
  pods: 20,
  loadBalancers: 0,
  persistentVolumeClaims: 5,
  gpus: 0,
};

/** Restricted is the Pod Security Standard for untrusted workloads; tenants opt down to baseline. */
const DEFAULT_POD_SECURITY: TenantPodSecurityLevel = 'restricted';
/** Tenants share the general pools unless they ask for dedicated nodes. */
export const DEFAULT_ISOLATION: TenantIsolation = 'shared';
/** A port's protocol when a tenant's rule names none: TCP, as in Kubernetes. */
export const DEFAULT_PROTOCOL: NetworkProtocol = 'TCP';

/** A tenant with every default filled in. */
export interface ResolvedTenant {
  /** Tenant name = namespace name. */
  readonly name: string;
  /** Groups as declared (`{}` when absent). */
  readonly groups: TenantGroups;
  /** Clusters as declared. */
  readonly clusters: readonly string[];
  /** DEFAULT_TENANT_QUOTA overlaid with the declared fields. */
  readonly quota: Required<TenantQuota>;
  /** DEFAULT_TENANT_LIMITS overlaid with the declared fields (a platform derives absent maxima per cluster instead: containerLimits). */
  readonly limits: Required<TenantLimits>;
  /** As declared, else 'restricted' (DEFAULT_POD_SECURITY). */
  readonly podSecurity: TenantPodSecurityLevel;
  /** Tenant and external dependencies as declared; empty lists when absent. */
  readonly dependencies: {
    /** Tenants this one calls, as declared; empty when none are declared. */
    readonly tenants: readonly string[];
    /** External CIDRs and ports this one calls, as declared; empty when none are declared. */
    readonly external: readonly ExternalDependency[];
  };
  /** As declared; empty when absent (only its own namespace and dependent tenants reach it). */
  readonly ingressSources: readonly IngressSource[];
  /** As declared; empty when absent. */
  readonly workloadIdentities: readonly WorkloadIdentitySpec[];
  /** As declared, else 'shared' (DEFAULT_ISOLATION). */
  readonly isolation: TenantIsolation;
  /** As declared; empty when absent (no Ingress or route may name a host). */
  readonly hosts: readonly string[];
  /** As declared. */
  readonly labels: TenantLabels;
}

export function resolveTenant(spec: TenantSpec): ResolvedTenant {
  return {
    name: spec.name,
    groups: spec.groups ?? {},
    clusters: spec.clusters ?? [],
    quota: { ...DEFAULT_TENANT_QUOTA, ...stripUndefined(spec.quota) },
    limits: { ...DEFAULT_TENANT_LIMITS, ...stripUndefined(spec.limits) },
    podSecurity: spec.podSecurity ?? DEFAULT_POD_SECURITY,
    dependencies: { tenants: spec.dependencies?.tenants ?? [], external: spec.dependencies?.external ?? [] },
    ingressSources: spec.ingressSources ?? [],
    workloadIdentities: spec.workloadIdentities ?? [],
    isolation: spec.isolation ?? DEFAULT_ISOLATION,
    hosts: spec.hosts ?? [],
    labels: spec.labels,
  };
}

/** The tenants that declare a dependency on `tenantName`, sorted: the sources of its dependency ingress. */
export function dependentsOf(tenantName: string, tenants: readonly TenantSpec[]): string[] {
  return tenants
    .filter((t) => (t.dependencies?.tenants ?? []).includes(tenantName))
    .map((t) => t.name)
    .sort();
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
