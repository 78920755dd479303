import { App, Chart } from 'cdk8s';
import { CONFIG_SYNC_NAMESPACE, ROOT_RECONCILER } from '../lib/gitops/config-sync';
import { LoadedPlatform } from '../lib/platform/load-platform';
import { ClusterDefinition } from '../lib/platform/platform-definition';
import { tenantsOnCluster } from '../lib/platform/tenant-definition';
import { DedicatedNodeScheduling } from '../lib/tenancy/dedicated-node-scheduling';
import { DeveloperNamespace } from '../lib/tenancy/developer-namespace';
import { PlatformPolicies } from '../lib/tenancy/platform-policies';
import { TenantNamespace } from '../lib/tenancy/tenant-namespace';
import { dependentsOf } from '../lib/tenancy/tenant-spec';

export interface ClusterManifestsOptions {
  /** The day developer namespace expiry is judged on. @default today (UTC) */
  readonly today?: string | Date;
  /**
   * Identities allowed to change platform-owned objects and namespace labels (the GitOps reconciler).
   * @default Config Sync's root reconciler and Argo CD's application controller
   */
  readonly exemptUsers?: readonly string[];
}

/** The GitOps reconcilers that apply dist/<cluster>: they must be able to change platform-owned objects. */
export const DEFAULT_RECONCILER_USERS = [
  `system:serviceaccount:${CONFIG_SYNC_NAMESPACE}:${ROOT_RECONCILER}`,
  'system:serviceaccount:argocd:argocd-application-controller',
];

/**
 * One cdk8s app per cluster, written to `<outdir>/<cluster>/`: `platform.k8s.yaml` (roles and admission
 * policies), `tenant-<name>.k8s.yaml` per tenant on the cluster, `developer-namespaces.k8s.yaml` on the
 * developer cluster. Returns the apps (one per cluster) so tests can inspect them without writing files.
 */
export function buildClusterManifests(platform: LoadedPlatform, outdir: string, options: ClusterManifestsOptions = {}): Record<string, App> {
  const apps: Record<string, App> = {};
  for (const cluster of platform.definition.clusters) {
    apps[cluster.name] = buildCluster(platform, cluster, `${outdir}/${cluster.name}`, options);
  }
  return apps;
}

/** Synthesizes every cluster's manifests into `<outdir>/<cluster>/`. */
export function synthClusterManifests(platform: LoadedPlatform, outdir: string, options: ClusterManifestsOptions = {}): void {
  for (const app of Object.values(buildClusterManifests(platform, outdir, options))) app.synth();
}

function buildCluster(platform: LoadedPlatform, cluster: ClusterDefinition, outdir: string, options: ClusterManifestsOptions): App {
  const { definition } = platform;
  const app = new App({ outdir, outputFileExtension: '.k8s.yaml' });
  const tenants = tenantsOnCluster(definition.tenants, cluster.name);

  new PlatformPolicies(new Chart(app, 'platform'), 'PlatformPolicies', {
    tenants,
    exemptUsers: options.exemptUsers ?? DEFAULT_RECONCILER_USERS,
  });
  for (const tenant of tenants) {
    const chart = new Chart(app, `tenant-${tenant.name}`);
    new TenantNamespace(chart, tenant.name, { tenant, dependents: dependentsOf(tenant.name, tenants), project: cluster.project });
    // Anything the library places in a dedicated-nodes namespace must land on the tenant's pool.
    if (tenant.isolation === 'dedicated-nodes') DedicatedNodeScheduling.apply(chart, { tenant: tenant.name });
  }
  const developer = definition.developerNamespaces;
  if (developer?.cluster === cluster.name) {
    const chart = new Chart(app, 'developer-namespaces');
    for (const spec of developer.namespaces) {
      new DeveloperNamespace(chart, spec.name, { spec, today: options.today, gracePeriodDays: developer.gracePeriodDays });
    }
  }
  return app;
}
