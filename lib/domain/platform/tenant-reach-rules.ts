import type { ValidationIssue } from '../validation-error';
import type { PlatformDefinition } from './platform-definition';
import type { PlatformTenant } from './tenant-definition';
import { TENANT_ROLES } from '../tenancy/tenant-spec';

/**
 * A tenant's declared dependency on another tenant becomes NetworkPolicies on each cluster the tenant runs on. On a
 * cluster the other tenant is not placed on, that policy names a namespace that does not exist and no connectivity
 * intent covers it: the dependency silently means nothing there. Cross-cluster dependencies (an intent, a path
 * between clusters and policies on both sides) are not built, so they are refused, naming the clusters to align.
 */
export function validateDependencyPlacement(tenant: PlatformTenant, byName: ReadonlyMap<string, PlatformTenant>, path = `tenants[${tenant.name}]`): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const dep of new Set(tenant.dependencies?.tenants ?? [])) {
    const other = byName.get(dep);
    if (!other || dep === tenant.name) continue; // unknown or self: reported by validateTenants
    const missing = tenant.clusters.filter((cluster) => !other.clusters.includes(cluster));
    if (missing.length === 0) continue;
    issues.push({
      path,
      field: 'dependencies.tenants',
      value: dep,
      problem: `is not placed on ${missing.length === 1 ? 'cluster' : 'clusters'} ${missing.join(', ')}, where ${tenant.name} runs (${dep} runs on ${other.clusters.join(', ')}); a dependency across clusters is not built (no path, intent or policy on the other side)`,
      fix: `add ${missing.map((c) => `"${c}"`).join(', ')} to tenants[${dep}].clusters, or keep ${tenant.name} on clusters ${dep} runs on`,
    });
  }
  return issues;
}

/**
 * Google Groups for RBAC resolves only groups of the organization's Cloud Identity domain (members of
 * gke-security-groups@<domain>): a RoleBinding to a group elsewhere grants nothing. Subdomains are accepted.
 */
export function validateGroupDomains(tenant: PlatformTenant, domain: string, path = `tenants[${tenant.name}]`): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const own = domain.toLowerCase();
  for (const role of TENANT_ROLES) {
    const group = tenant.groups?.[role];
    const at = typeof group === 'string' ? group.lastIndexOf('@') : -1;
    if (at < 0) continue; // not an e-mail: reported by validateTenantSpec
    const groupDomain = group!.slice(at + 1).toLowerCase();
    if (groupDomain === own || groupDomain.endsWith(`.${own}`)) continue;
    issues.push({
      path,
      field: `groups.${role}`,
      value: group,
      problem: `is outside the organization's domain ${domain}: Google Groups for RBAC only resolves groups of that domain, so the binding would grant nothing`,
      fix: `use a group of ${domain}, e.g. "${group!.slice(0, at)}@${domain}", or correct organization.domain`,
    });
  }
  return issues;
}

/** Both rules for every tenant of the definition. */
export function validateTenantReach(definition: PlatformDefinition): ValidationIssue[] {
  const tenants = (definition.tenants ?? []).filter((t) => t && typeof t === 'object' && Array.isArray(t.clusters));
  const byName = new Map(tenants.map((t) => [t.name, t]));
  return tenants.flatMap((t) => [...validateDependencyPlacement(t, byName), ...validateGroupDomains(t, definition.organization.domain)]);
}
