import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { AddOnPrerequisites } from '../lib/addons/add-on-prerequisites';
import { PlatformAddOn } from '../lib/addons/platform-add-on';
import { clusterDeployNeeds, enabledAddOns, validateAddOns, validateTrafficPlanned } from '../lib/domain/addons/add-on-rules';
import { apiGroupOf } from '../lib/domain/addons/deploy-prerequisites';
import { ADD_ONS_ROOT_SYNC, addOnsStageRootSync, validateNamespaceOrder, objectStage, reconcilerUser, stageFolder, SyncStage } from '../lib/domain/gitops/sync-stages';
import { DEFAULT_GITOPS_ROOT_DIRECTORY } from '../lib/domain/platform/platform-defaults';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM } from '../lib/domain/tenancy/labels';
import { ValidationError } from '../lib/domain/validation-error';
import { ROOT_RECONCILER } from '../lib/gitops/config-sync-identity';
import { CONFIG_SYNC_NAMESPACE } from '../lib/domain/gitops/sync-stages';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { ClusterPlan, PlatformPlan, tenantsOnPlannedCluster } from '../lib/domain/platform/platform-plan';
import { tenantPolicyOptions } from '../lib/domain/platform/tenant-network-policies';
import { AddOnTrafficPolicies } from '../lib/tenancy/add-on-traffic-policies';
import { DedicatedNodeScheduling } from '../lib/tenancy/dedicated-node-scheduling';
import { DeveloperNamespace } from '../lib/tenancy/developer-namespace';
import { PlatformPolicies } from '../lib/tenancy/platform-policies';
import { TenantNamespace } from '../lib/tenancy/tenant-namespace';

/** Options of `buildClusterManifests` and `synthClusterManifests`. */
export interface ClusterManifestsOptions {
  /** The day developer namespace expiry is judged on. @default today (UTC) */
  readonly today?: string | Date;
  /**
   * Identities allowed to change platform-owned objects and namespace labels (the GitOps reconciler), in addition
   * to PlatformPolicies' defaults (cluster admins, kube-system controllers, the controller manager).
   * @default Config Sync's root reconciler and Argo CD's application controller
   */
  readonly exemptUsers?: readonly string[];
  /** Add-ons the definition may enable (`addOns`); the enabled ones add their objects. @default none */
  readonly addOns?: readonly PlatformAddOn[];
  /**
   * Only these clusters' manifests (`synthClusterManifests`): the incremental synth leaves out the clusters whose
   * inputs did not change. @default every cluster of the plan
   */
  readonly clusters?: ReadonlySet<string>;
}

/**
 * The GitOps reconcilers that apply dist/<cluster> and dist/<cluster>.add-ons: they must be able to change
 * platform-owned objects (the add-ons stage writes them into tenant namespaces).
 */
export const DEFAULT_RECONCILER_USERS = [`system:serviceaccount:${CONFIG_SYNC_NAMESPACE}:${ROOT_RECONCILER}`, reconcilerUser(ADD_ONS_ROOT_SYNC), 'system:serviceaccount:argocd:argocd-application-controller'];

/** One chart's objects in one stage: what is written to `<outdir>/<stage folder>/<chart>.k8s.yaml`. */
export interface StagedChart {
  /** The stage: `platform` (the cluster's folder) or `add-ons` (`<cluster>.add-ons`). */
  readonly stage: SyncStage;
  /** The folder below the output folder, `<cluster>` or `<cluster>.add-ons`. */
  readonly folder: string;
  /** The chart's id, the file's name without `.k8s.yaml`. */
  readonly chart: string;
  /** The chart's objects of this stage, in the chart's order. */
  readonly objects: readonly any[];
}

/**
 * One cluster's manifests: a chart per file in `<outdir>/<cluster>/`. Each chart lives in a cdk8s App of its
 * own because cdk8s validates and resolves the whole app once per chart it synthesizes: with every tenant
 * in one app, synthesis time grew with the square of the tenants on a cluster.
 */
export class ClusterManifests {
  constructor(
    public readonly cluster: string,
    public readonly charts: readonly Chart[],
    /** API groups the add-ons' prerequisites provide: objects of these groups go to the add-ons stage. */
    public readonly providedGroups: ReadonlySet<string> = new Set(),
    /** The folder holding the cluster folders. @default the parent of the first chart's output folder */
    private readonly outdir?: string,
  ) {}

  /**
   * Every chart's objects split by stage (sync-stages.ts): objects of the groups the prerequisites provide in the
   * add-ons stage, everything else in the platform stage. Throws when an object's namespace is created by no stage
   * up to its own (the apply would be refused).
   */
  public stagedCharts(): StagedChart[] {
    const staged: StagedChart[] = [];
    for (const chart of this.charts) {
      const objects = chart.toJson();
      for (const stage of ['platform', 'add-ons'] as const) {
        const mine = objects.filter((o: any) => objectStage(o.apiVersion, this.providedGroups) === stage);
        if (mine.length > 0 || (stage === 'platform' && objects.length === 0)) staged.push({ stage, folder: stageFolder(this.cluster, stage), chart: chart.node.id, objects: mine });
      }
    }
    const issues = validateNamespaceOrder(
      this.cluster,
      (['platform', 'add-ons'] as const).map((stage) => ({ stage, objects: staged.filter((s) => s.stage === stage).flatMap((s) => s.objects) })),
    );
    if (issues.length > 0) throw new ValidationError(issues);
    return staged;
  }

  /** Writes `<chart>.k8s.yaml` for every chart into the folder of each stage it has objects in. */
  public synth(): void {
    const outdir = this.outdir ?? join(App.of(this.charts[0]).outdir, '..');
    for (const { folder, chart, objects } of this.stagedCharts()) {
      mkdirSync(join(outdir, folder), { recursive: true });
      Yaml.save(join(outdir, folder, `${chart}.k8s.yaml`), [...objects]);
    }
  }
}

/**
 * Every cluster's manifests, written to `<outdir>/<cluster>/`: `platform.k8s.yaml` (roles and admission
 * policies), `tenant-<name>.k8s.yaml` per tenant on the cluster, `developer-namespaces.k8s.yaml` on the
 * developer cluster. Nothing is written until `synth()`, so tests can inspect the charts.
 */
export function buildClusterManifests(platform: LoadedPlatform, outdir: string, options: ClusterManifestsOptions = {}): Record<string, ClusterManifests> {
  checkAddOns(platform, options);
  const manifests: Record<string, ClusterManifests> = {};
  for (const cluster of platform.plan.clusters) {
    manifests[cluster.name] = buildCluster(platform.plan, cluster, outdir, options);
  }
  return manifests;
}

/**
 * Synthesizes every cluster's manifests into `<outdir>/<cluster>/`, one cluster at a time: only that
 * cluster's constructs are alive while it is written, so memory stays flat and time grows linearly with
 * the tenants (with every cluster built first, garbage collection made 2,000 tenants cost 2.5× 1,000).
 */
export function synthClusterManifests(platform: LoadedPlatform, outdir: string, options: ClusterManifestsOptions = {}): void {
  checkAddOns(platform, options);
  for (const cluster of platform.plan.clusters) {
    if (options.clusters && !options.clusters.has(cluster.name)) continue;
    buildCluster(platform.plan, cluster, outdir, options).synth();
  }
}

/** Construct id of the add-ons' scope in a chart: capitalised, so it never meets a tenant id (a DNS label). */
const ADD_ONS_SCOPE_ID = 'AddOns';
/** Construct id of the policies derived from the add-ons' traffic needs in a tenant chart (capitalised likewise). */
const ADD_ON_TRAFFIC_ID = 'AddOnTraffic';

function addOnScope(chart: Chart, addOn: string): Construct {
  const root = (chart.node.tryFindChild(ADD_ONS_SCOPE_ID) as Construct | undefined) ?? new Construct(chart, ADD_ONS_SCOPE_ID);
  return new Construct(root, addOn);
}

function buildCluster(plan: PlatformPlan, cluster: ClusterPlan, outdir: string, options: ClusterManifestsOptions): ClusterManifests {
  const charts: Chart[] = [];
  const newChart = (id: string) => {
    const chart = new Chart(new App({ outdir: `${outdir}/${cluster.name}`, outputFileExtension: '.k8s.yaml' }), id);
    charts.push(chart);
    return chart;
  };
  const tenants = tenantsOnPlannedCluster(plan, cluster.name);
  const specs = tenants.map((t) => t.definition);
  const addOns = enabledAddOns(plan.definition, options.addOns ?? []);

  const platformChart = newChart('platform');
  new PlatformPolicies(platformChart, 'PlatformPolicies', {
    tenants: specs,
    exemptUsers: options.exemptUsers ?? DEFAULT_RECONCILER_USERS,
  });
  for (const { addOn, settings } of addOns) {
    const context = { plan, settings, chart: platformChart, cluster, scope: addOnScope(platformChart, addOn.name) };
    addOn.admissionPolicies?.(context);
    addOn.extendClusterManifests?.(context);
  }
  // What the plan adds to each tenant's NetworkPolicies here (its dependents on this cluster, its private services).
  const policyOptions = tenantPolicyOptions(plan, cluster.name);
  for (const tenant of tenants) {
    const chart = newChart(`tenant-${tenant.name}`);
    const here = tenant.namespaces.find((n) => n.cluster === cluster.name);
    const { dependents, privateServicesCidr } = policyOptions(tenant.name);
    new TenantNamespace(chart, tenant.name, {
      // The LimitRange and the GPU quota are sized for the tenant's nodes on this cluster (the plan derives both).
      tenant: { ...tenant.definition, limits: here?.limits, quota: { ...tenant.definition.quota, gpus: here?.gpus } },
      dependents,
      project: cluster.project,
      privateServicesCidr,
    });
    // Derived from the add-ons' traffic needs: egress to their servers, ingress from their namespaces.
    const traffic = plan.addOnTraffic;
    if (traffic.tenantEgress.length + traffic.tenantIngress.length > 0) {
      new AddOnTrafficPolicies(chart, ADD_ON_TRAFFIC_ID, { namespace: tenant.name, egress: traffic.tenantEgress, ingress: traffic.tenantIngress });
    }
    for (const { addOn, settings } of addOns) {
      addOn.extendTenantManifests?.({ plan, settings, chart, cluster, tenant, namespace: tenant.name, scope: addOnScope(chart, addOn.name) });
    }
    // After the add-ons: their workloads in a dedicated-nodes namespace get the toleration and selector too.
    if (tenant.placement) DedicatedNodeScheduling.apply(chart, { tenant: tenant.placement.tenant });
  }
  const developer = plan.developerNamespaces;
  if (developer?.cluster === cluster.name) {
    const chart = newChart('developer-namespaces');
    for (const spec of developer.namespaces) {
      new DeveloperNamespace(chart, spec.name, { spec, today: options.today, gracePeriodDays: developer.gracePeriodDays, limits: plan.developerNamespaceLimits });
    }
  }
  const needs = clusterDeployNeeds(plan, cluster, options.addOns ?? []);
  if (needs.prerequisites.length > 0 || needs.namespaces.length > 0) {
    const apiObjects = charts.flatMap((chart) => chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject));
    const hasAddOnsStage = apiObjects.some((o) => needs.providedGroups.has(apiGroupOf(o.apiVersion)));
    const gitOps = plan.definition.gitOps;
    new AddOnPrerequisites(newChart(ADD_ON_PREREQUISITES_CHART), 'AddOnPrerequisites', {
      needs,
      existingNamespaces: new Set(apiObjects.filter((o) => o.kind === 'Namespace').map((o) => o.name)),
      addOnsStage: hasAddOnsStage ? addOnsStageRootSync(gitOps.repository, gitOps.rootDirectory ?? DEFAULT_GITOPS_ROOT_DIRECTORY, cluster.name, { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM }) : undefined,
    });
  }
  return new ClusterManifests(cluster.name, charts, needs.providedGroups, outdir);
}

/** The chart (and file, in the platform stage) of the add-ons' namespaces and the prerequisites' RootSyncs. */
export const ADD_ON_PREREQUISITES_CHART = 'add-on-prerequisites';

/** The definition enables only add-ons supplied here, with valid settings (as loadPlatform checks when given them). */
function checkAddOns(platform: LoadedPlatform, options: ClusterManifestsOptions): void {
  const issues = validateAddOns(platform.definition, options.addOns ?? []);
  if (issues.length > 0) throw new ValidationError(issues);
  const unplanned = validateTrafficPlanned(platform.plan, options.addOns ?? []);
  if (unplanned.length > 0) throw new ValidationError(unplanned);
}
