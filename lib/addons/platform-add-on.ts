/**
 * The add-on interface: how a platform team (and the library's own optional parts) adds Terraform resources
 * and Kubernetes objects to the right stack and chart, per platform, per cluster and per tenant, without
 * touching the tenant model, the stacks or the charts. The pure hooks (settings validation, connectivity
 * intents, admission cases) are in lib/domain/addons/add-on-rules.ts.
 *
 * Order of a build: the platform's stacks are created; then for each enabled add-on, in the definition's order,
 * `extendCluster` per cluster, `extendTenant` per tenant, then `addStacks`. Manifests: per cluster, the platform
 * chart gets `admissionPolicies` and `extendClusterManifests`, each tenant chart `extendTenantManifests`; then the
 * library's post-processing (dedicated-nodes scheduling) runs over every chart, add-on objects included.
 */
import type { Chart } from 'cdk8s';
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { AddOnRules } from '../domain/addons/add-on-rules';
import type { ClusterPlan, PlatformPlan, TenantPlan } from '../domain/platform/platform-plan';
import type { GkeCluster } from '../gke/gke-cluster';
import type { NodePool } from '../gke/node-pool';
import type { TenantIdentity } from '../tenancy/tenant-identity';

/** What every hook gets: the plan and the add-on's settings (as its `validate` accepted them). */
export interface AddOnContext<Settings> {
  /** The whole platform plan (every cluster, tenant and range, resolved once): read it, never change it. */
  readonly plan: PlatformPlan;
  /** This add-on's `settings` from the definition's `addOns` entry, as the add-on's `validate` accepted them. */
  readonly settings: Settings;
}

/** A cluster as built: its record of the plan, its stack, its GKE cluster (endpoint, CA: `cluster.resource`). */
export interface BuiltCluster {
  /** The cluster's record of the platform plan (name, project, region, ranges, node pools). */
  readonly plan: ClusterPlan;
  /** The cluster's own stack (`<platform>-cluster-<name>`): one Terraform state; depend on it from other stacks. */
  readonly stack: TerraformStack;
  /** The GKE cluster construct; `cluster.resource` is the `google_container_cluster` (endpoint, CA certificate). */
  readonly cluster: GkeCluster;
  /** The cluster's node pools by pool name (tenant-dedicated pools included), as the plan lists them. */
  readonly nodePools: Readonly<Record<string, NodePool>>;
}

/** A tenant as built: its record of the plan, the stack that owns its Terraform, its identities. */
export interface BuiltTenant {
  /** The tenant's record of the platform plan (name, project, clusters, namespaces, the stack that owns it). */
  readonly plan: TenantPlan;
  /** The stack holding this tenant's GCP resources (today one tenants stack; may be one of several shards). */
  readonly stack: TerraformStack;
  /** The tenant's identity construct in that stack: its Google service accounts with their Workload Identity bindings, clusterViewer grants and security-group memberships. */
  readonly identity: TenantIdentity;
}

/** What an add-on's `clusterTerraform` hook gets: a scope in the cluster's stack and the cluster as built. */
export interface ClusterTerraformContext<Settings> extends AddOnContext<Settings> {
  /** A scope of this add-on inside the cluster's stack (construct id `<add-on>`): add Terraform here. */
  readonly scope: Construct;
  /** The cluster this call is for, as built. */
  readonly cluster: BuiltCluster;
}

/** What an add-on's `tenantTerraform` hook gets: a scope in the stack that owns the tenant. */
export interface TenantTerraformContext<Settings> extends AddOnContext<Settings> {
  /** A scope of this add-on inside the stack that owns the tenant (construct id `<add-on>-<tenant>`). */
  readonly scope: Construct;
  /** The tenant this call is for, as built. */
  readonly tenant: BuiltTenant;
}

/** What an add-on's `stacks` hook gets: the app and every cluster and tenant as built, to add stacks of its own. */
export interface AddOnStacksContext<Settings> extends AddOnContext<Settings> {
  /** Where stacks are added (the cdktf App). */
  readonly app: Construct;
  /** Every cluster as built, by name: depend on `stack`, reference `cluster.resource.endpoint` and the CA across stacks. */
  readonly clusters: Readonly<Record<string, BuiltCluster>>;
  /** Every tenant as built, by name. */
  readonly tenants: Readonly<Record<string, BuiltTenant>>;
  /** The platform's own stacks, for `addDependency`: the add-on's stacks deploy after what they depend on. */
  readonly platformStacks: readonly TerraformStack[];
  /** Gives a new stack the platform's state backend (local or GCS, one prefix per stack) and names it `<platform>-<suffix>`. */
  readonly configureStack: (stack: TerraformStack) => void;
  /** The stack name the platform's convention gives an add-on stack: `<platform>-<suffix>`. */
  readonly stackName: (suffix: string) => string;
}

/** What an add-on's `clusterManifests` hook gets: a scope in the cluster's `platform` chart. */
export interface ClusterManifestsContext<Settings> extends AddOnContext<Settings> {
  /** A scope of this add-on inside the cluster's `platform` chart (written to `platform.k8s.yaml`). */
  readonly scope: Construct;
  /** The cluster's `platform` chart itself (e.g. for `Chart.of` lookups or `addDependency` between objects). */
  readonly chart: Chart;
  /** The cluster this chart is for: its record of the platform plan. */
  readonly cluster: ClusterPlan;
}

/** What an add-on's `tenantManifests` hook gets: a scope in the tenant's chart on one cluster. */
export interface TenantManifestsContext<Settings> extends AddOnContext<Settings> {
  /** A scope of this add-on inside the tenant's chart on this cluster (written to `tenant-<tenant>.k8s.yaml`). */
  readonly scope: Construct;
  /** The tenant's chart on this cluster itself (written to `tenant-<tenant>.k8s.yaml`). */
  readonly chart: Chart;
  /** The cluster this chart is for: its record of the platform plan. */
  readonly cluster: ClusterPlan;
  /** The tenant this chart is for: its record of the platform plan. */
  readonly tenant: TenantPlan;
  /** The tenant's namespace on this cluster: put namespaced objects here. */
  readonly namespace: string;
}

/**
 * A platform add-on. Enable it in the definition (`addOns: [{ name, settings }]`) and pass it in the `addOns`
 * option of `loadPlatform`, `buildPlatformStacks` and `synthClusterManifests` / `buildClusterManifests`.
 * Every hook is optional. Construct ids under the scopes given are Terraform addresses: keep them stable.
 */
export interface PlatformAddOn<Settings = any> extends AddOnRules<Settings> {
  /** Terraform resources in each cluster's stack (e.g. a Workload Identity binding per cluster). */
  extendCluster?(context: ClusterTerraformContext<Settings>): void;
  /** Terraform resources per tenant, in the stack that owns the tenant (e.g. a bucket or a topic per tenant). */
  extendTenant?(context: TenantTerraformContext<Settings>): void;
  /** Stacks of the add-on's own, added after the platform's stacks, with their dependencies declared. */
  addStacks?(context: AddOnStacksContext<Settings>): void;
  /** ValidatingAdmissionPolicies (and their bindings) in each cluster's platform chart. */
  admissionPolicies?(context: ClusterManifestsContext<Settings>): void;
  /** Kubernetes objects per cluster, in the cluster's platform chart. */
  extendClusterManifests?(context: ClusterManifestsContext<Settings>): void;
  /** Kubernetes objects per tenant namespace, in the tenant's chart on each of its clusters. */
  extendTenantManifests?(context: TenantManifestsContext<Settings>): void;
}
