import type { PlatformDefinition } from './platform-definition';
import type { ResourceRoleKind } from '../tenancy/tenant-spec';
import { tenantCreatedResources } from '../tenancy/tenant-resources';
import { privateServiceAccessPlan } from './private-service-access';
import { resolveClusterSettings } from './cluster-settings-plan';
import { tenantProjects } from './tenant-definition';

/**
 * The API each Google resource type needs enabled in the project it lives in (longest matching prefix wins).
 * The project-services stack enables these before any other stack applies; a test holds every synthesized
 * resource to this table.
 */
const RESOURCE_TYPE_APIS: readonly (readonly [prefix: string, api: string])[] = [
  ['google_compute_', 'compute.googleapis.com'],
  ['google_container_', 'container.googleapis.com'],
  ['google_gke_hub_feature', 'gkehub.googleapis.com'],
  ['google_gke_hub_', 'gkehub.googleapis.com'],
  ['google_dns_', 'dns.googleapis.com'],
  ['google_service_networking_', 'servicenetworking.googleapis.com'],
  ['google_service_account', 'iam.googleapis.com'],
  ['google_project_iam_', 'cloudresourcemanager.googleapis.com'],
  ['google_project_iam_custom_role', 'iam.googleapis.com'],
  ['google_project_service', 'serviceusage.googleapis.com'],
  ['google_cloud_identity_', 'cloudidentity.googleapis.com'],
  // Resource-scoped grants on a tenant's own bucket, topic or secret: the API is on wherever the resource lives.
  ['google_storage_', 'storage.googleapis.com'],
  ['google_pubsub_', 'pubsub.googleapis.com'],
  ['google_secret_manager_', 'secretmanager.googleapis.com'],
  ['google_bigquery_', 'bigquery.googleapis.com'],
  // The GKE service agent's grant on a secrets-encryption key: the API is on wherever the key lives.
  ['google_kms_', 'cloudkms.googleapis.com'],
];

/** The Terraform type of each kind the platform creates for a tenant (TenantResource). */
const CREATED_RESOURCE_TYPES: Readonly<Partial<Record<ResourceRoleKind, string>>> = {
  'storage-bucket': 'google_storage_bucket',
  'pubsub-topic': 'google_pubsub_topic',
  'bigquery-dataset': 'google_bigquery_dataset',
  secret: 'google_secret_manager_secret',
};

/** The API a resource type needs, or undefined for types that need none (data sources, other providers). */
export function apiOfResourceType(type: string): string | undefined {
  return [...RESOURCE_TYPE_APIS].sort((a, b) => b[0].length - a[0].length).find(([prefix]) => type.startsWith(prefix))?.[1];
}

/** What GKE clusters and their nodes use at run time beyond the resources: Workload Identity tokens, logs, metrics, images. */
const CLUSTER_RUNTIME_APIS = ['iamcredentials.googleapis.com', 'logging.googleapis.com', 'monitoring.googleapis.com', 'artifactregistry.googleapis.com'];
/** Config Sync through the fleet: Config Management next to GKE Hub. */
const GITOPS_APIS = ['gkehub.googleapis.com', 'anthosconfigmanagement.googleapis.com'];

/**
 * Every API each project of the platform uses, sorted: the host project's networking (and container, which Shared
 * VPC requires in the host too), each cluster project's GKE, IAM and run-time APIs, fleet APIs with GitOps.
 */
export function platformProjectServices(definition: PlatformDefinition, options: { readonly gitOps?: boolean } = {}): Record<string, string[]> {
  const services = new Map<string, Set<string>>();
  const add = (project: string, ...apis: string[]) => {
    const set = services.get(project) ?? new Set<string>();
    apis.forEach((a) => set.add(a));
    services.set(project, set);
  };
  const host = definition.network.project;
  add(host, 'compute.googleapis.com', 'container.googleapis.com', 'dns.googleapis.com', 'cloudresourcemanager.googleapis.com', 'serviceusage.googleapis.com');
  if (privateServiceAccessPlan(definition)) add(host, 'servicenetworking.googleapis.com');
  // Shared VPC: the host holds the custom role GKE's service agents manage load balancers' firewall rules with.
  if (definition.clusters.some((c) => c.project !== host)) add(host, 'iam.googleapis.com');
  for (const cluster of definition.clusters) {
    add(cluster.project, 'compute.googleapis.com', 'container.googleapis.com', 'iam.googleapis.com', 'cloudresourcemanager.googleapis.com', 'serviceusage.googleapis.com', ...CLUSTER_RUNTIME_APIS);
    if (options.gitOps) add(cluster.project, ...GITOPS_APIS);
    const settings = resolveClusterSettings(definition, cluster);
    // Enforcing evaluates the project's policy through the Binary Authorization API of the cluster's project.
    if (settings.binaryAuthorization.evaluationMode !== 'DISABLED') add(cluster.project, 'binaryauthorization.googleapis.com');
    // A key in a project of the definition gets its API here; a key elsewhere is its owners' (a prerequisite).
    const keyProject = settings.secretsEncryption?.keyName.split('/')[1];
    if (keyProject && definition.projects.some((p) => p.id === keyProject)) add(keyProject, 'cloudkms.googleapis.com', 'serviceusage.googleapis.com');
  }
  // What the platform creates for tenants (provisioning: 'create') needs its API in the project it lives in.
  const projectOfCluster = new Map(definition.clusters.map((c) => [c.name, c.project]));
  for (const tenant of definition.tenants ?? []) {
    // A tenant across projects creates a resource without its own project in each of them.
    for (const project of tenantProjects(tenant, (c) => projectOfCluster.get(c))) {
      for (const resource of tenantCreatedResources(tenant, project, undefined)) {
        const api = apiOfResourceType(CREATED_RESOURCE_TYPES[resource.kind] ?? '');
        if (api) add(resource.project, api, 'serviceusage.googleapis.com');
      }
    }
  }
  return Object.fromEntries([...services.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([project, set]) => [project, [...set].sort()]));
}
