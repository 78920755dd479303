import { IssueCollector } from '../validation-error';
import { validateTenantReach } from './tenant-reach-rules';
import { validateDeveloperNamespaces, ExpiredDeveloperNamespace, validateSharedProjectRoles, validateTenants } from '../tenancy/tenant-rules';
import { PlatformDefinition } from './platform-definition';
import { companionCpuPool, tenantProjects, tenantsOnCluster } from './tenant-definition';
import { tenantCpuPoolName, tenantPoolName } from '../tenancy/tenant-placement';
import { developerNamespaceLimits, tenantLimitsOnCluster } from './tenant-limits';
import { tenantGpuQuota } from './tenant-gpu-quota';
import { GKE_NAME } from '../naming/naming-rules';
import { indexTenants } from './tenant-index';
import { tenantIsolation } from '../tenancy/tenant-placement';
import { validateResourceProvisioning } from '../tenancy/tenant-resources';

/**
 * Tenant checks at platform level: the tenancy rules (names, groups, quotas, dependencies, isolation
 * against cluster capabilities) plus what the platform provisions (dedicated pools, identity projects,
 * developer namespaces). Returns developer namespaces past their expiry but inside the grace period.
 */
export function validatePlatformTenants(definition: PlatformDefinition, issues: IssueCollector, today: string | Date = new Date()): ExpiredDeveloperNamespace[] {
  const tenants = definition.tenants ?? [];
  // Every cluster this library builds runs Dataplane V2, which enforces NetworkPolicy.
  for (const issue of validateTenants(tenants, { clusters: definition.clusters.map((c) => ({ name: c.name, dataplaneV2: true })) })) issues.add(issue);
  const projectOf = new Map(definition.clusters.map((c) => [c.name, c.project]));
  // Built once: looking other tenants and pools up per tenant would be quadratic in tenants.
  const index = indexTenants(definition);
  for (const tenant of tenants) {
    const path = `tenants[${tenant.name}]`;
    if (tenant.isolation === 'dedicated-nodes' && !tenant.dedicatedNodes) {
      issues.add({ path, field: 'dedicatedNodes', value: undefined, problem: 'is required when isolation is "dedicated-nodes"', fix: "describe the tenant's pool, e.g. { machineType: 'n2-standard-8', maxNodes: 20 }" });
    }
    if (tenant.dedicatedNodes && tenant.isolation !== 'dedicated-nodes') {
      issues.add({ path, field: 'dedicatedNodes', value: tenant.dedicatedNodes, problem: `is set but isolation is ${JSON.stringify(tenantIsolation(tenant))}`, fix: 'set isolation: "dedicated-nodes", or remove dedicatedNodes' });
    }
    if (tenant.isolation === 'dedicated-nodes' && !GKE_NAME.test(tenantPoolName(tenant.name))) {
      issues.add({ path, field: 'name', value: tenant.name, problem: `makes the node pool name ${JSON.stringify(tenantPoolName(tenant.name))}, longer than GKE's 40 characters`, fix: 'use a tenant name of at most 33 characters' });
    } else if (tenant.isolation === 'dedicated-nodes' && tenant.dedicatedNodes && companionCpuPool(tenant.dedicatedNodes) && !GKE_NAME.test(tenantCpuPoolName(tenant.name))) {
      issues.add({
        path,
        field: 'name',
        value: tenant.name,
        problem: `makes the companion CPU pool name ${JSON.stringify(tenantCpuPoolName(tenant.name))}, longer than GKE's 40 characters`,
        fix: 'use a tenant name of at most 29 characters, or set dedicatedNodes.cpuPool: false',
      });
    }
    // Its identities exist in every project of its clusters (one Workload Identity pool each), with their grants.
    const projects = tenantProjects(tenant, (c) => projectOf.get(c));
    // A project-wide role on a project other tenants share reaches their resources: refused unless accepted by name,
    // in each project the role is granted in. Only project roles can reach other tenants.
    if ((tenant.workloadIdentities ?? []).some((wi) => wi.projectRoles.length > 0)) {
      for (const project of projects) {
        const sharedWith = index.tenantsInProject(project).filter((name) => name !== tenant.name);
        for (const issue of validateSharedProjectRoles(tenant, project, sharedWith, path)) issues.add(issue);
      }
    }
    // The LimitRange must agree with the nodes and the quota on every cluster the tenant lives on.
    for (const cluster of definition.clusters.filter((c) => tenant.clusters.includes(c.name))) {
      for (const issue of tenantLimitsOnCluster(definition, cluster, tenant, index.nodePools(cluster)).issues) issues.add(issue);
      for (const issue of tenantGpuQuota(definition, cluster, tenant, index.nodePools(cluster)).issues) issues.add(issue);
    }
  }
  for (const issue of validateTenantReach(definition)) issues.add(issue);
  // Who makes each resource a grant names: the platform (in the tenant's state) or nobody here (a prerequisite).
  // Once per project of each tenant: a grant without its own project names the resource of each project.
  const withProjects = tenants.flatMap((tenant) => {
    const projects = tenantProjects(tenant, (c) => projectOf.get(c));
    return (projects.length > 0 ? projects : ['']).map((project) => ({ tenant, project }));
  });
  for (const issue of validateResourceProvisioning(withProjects)) issues.add(issue);
  const developer = definition.developerNamespaces;
  if (!developer) return [];
  const developerCluster = definition.clusters.find((c) => c.name === developer.cluster);
  if (!developerCluster) {
    issues.add({ path: 'developerNamespaces', field: 'cluster', value: developer.cluster, problem: 'is not a declared cluster', fix: `use one of ${[...projectOf.keys()].join(', ')}` });
  } else {
    for (const issue of developerNamespaceLimits(definition, developerCluster).issues) issues.add(issue);
  }
  if (developer.gracePeriodDays !== undefined && (!Number.isInteger(developer.gracePeriodDays) || developer.gracePeriodDays < 0)) {
    issues.add({ path: 'developerNamespaces', field: 'gracePeriodDays', value: developer.gracePeriodDays, problem: 'must be a whole number of days of at least 0', fix: 'use e.g. 14, or 0 to reject an expired namespace at once' });
  }
  const result = validateDeveloperNamespaces(developer.namespaces, {
    today,
    gracePeriodDays: developer.gracePeriodDays,
    takenNamespaces: tenantsOnCluster(tenants, developer.cluster).map((t) => t.name),
  });
  for (const issue of result.issues) issues.add(issue);
  return [...result.expired];
}
