/**
 * The resources a tenant's grants name (buckets, topics, datasets, secrets): created by the platform in the tenant's
 * state, or existing prerequisites that must be there before the first deploy. Pure: no cdktf import.
 */
import type { ValidationIssue } from '../validation-error';
import { CREATABLE_RESOURCE_KINDS, ResourceRoleKind, TenantLabels, TenantSpec } from './tenant-spec';

/** GCE label values: lower-case letters, digits, `-` and `_`, at most 63 characters (the created resources' labels). */
export const GCE_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/** One resource a tenant's grants name, once however many grants name it. */
export interface NamedResource {
  /** What it is. */
  readonly kind: ResourceRoleKind;
  /** Bucket name, or topic, dataset or secret id. */
  readonly name: string;
  /** The project holding it: the grant's, else the tenant's (a bucket's name is global, but it still lives in one). */
  readonly project: string;
  /** Where a created bucket or dataset lives. @default undefined for kinds without a location */
  readonly location?: string;
}

/** A resource the definition says exists already, with the tenants whose grants name it. */
export interface ResourcePrerequisite extends NamedResource {
  /** Tenants granted a role on it, sorted. */
  readonly tenants: readonly string[];
}

/** Kinds whose created resource has a location. */
const LOCATED_KINDS: readonly ResourceRoleKind[] = ['storage-bucket', 'bigquery-dataset'];

/** `<kind>/<project>/<name>`: one resource, whoever names it. */
export function resourceKey(r: Pick<NamedResource, 'kind' | 'project' | 'name'>): string {
  return `${r.kind}/${r.project}/${r.name}`;
}

/**
 * The resources the platform creates for a tenant (grants with `provisioning: 'create'`), once each, in grant order. A
 * bucket or dataset without a location is created in `defaultLocation`.
 */
export function tenantCreatedResources(tenant: Pick<TenantSpec, 'workloadIdentities'>, project: string, defaultLocation: string | undefined): NamedResource[] {
  const created = new Map<string, NamedResource>();
  for (const wi of tenant.workloadIdentities ?? []) {
    for (const grant of wi.resourceRoles ?? []) {
      if (grant.provisioning !== 'create') continue;
      const resource: NamedResource = {
        kind: grant.kind,
        name: grant.name,
        project: grant.project ?? project,
        ...(LOCATED_KINDS.includes(grant.kind) ? { location: grant.location ?? defaultLocation } : {}),
      };
      if (!created.has(resourceKey(resource))) created.set(resourceKey(resource), resource);
    }
  }
  return [...created.values()];
}

/**
 * The existing resources the tenants' grants name (`provisioning: 'existing'`) that no tenant creates, once each with
 * the tenants naming them, sorted by kind, project and name: what `gke-platform plan --check` lists and a fresh project must have first.
 */
export function resourcePrerequisites(tenants: readonly { readonly tenant: Pick<TenantSpec, 'name' | 'workloadIdentities'>; readonly project: string }[]): ResourcePrerequisite[] {
  // Another tenant's created resource is the platform's, not a prerequisite.
  const created = new Set(tenants.flatMap(({ tenant, project }) => tenantCreatedResources(tenant, project, undefined).map(resourceKey)));
  const existing = new Map<string, { resource: NamedResource; tenants: Set<string> }>();
  for (const { tenant, project } of tenants) {
    for (const wi of tenant.workloadIdentities ?? []) {
      for (const grant of wi.resourceRoles ?? []) {
        if (grant.provisioning !== 'existing') continue;
        const resource: NamedResource = { kind: grant.kind, name: grant.name, project: grant.project ?? project, ...(grant.location ? { location: grant.location } : {}) };
        if (created.has(resourceKey(resource))) continue;
        const entry = existing.get(resourceKey(resource)) ?? { resource, tenants: new Set<string>() };
        entry.tenants.add(tenant.name);
        existing.set(resourceKey(resource), entry);
      }
    }
  }
  return [...existing.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, { resource, tenants: names }]) => ({ ...resource, tenants: [...names].sort() }));
}

/**
 * Every grant says who makes its resource; only creatable kinds are created; a resource is created by one tenant
 * only (another tenant granted on it declares it `existing`); a creating tenant's labels are GCE label values (the created resources
 * carry them). Issues under `tenants[<t>].workloadIdentities[<gsa>].resourceRoles[i]` and `tenants[<t>].labels`.
 */
export function validateResourceProvisioning(tenants: readonly { readonly tenant: Pick<TenantSpec, 'name' | 'workloadIdentities' | 'labels'>; readonly project: string }[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // Bucket names are global: one bucket name is one bucket, whichever project would hold it.
  const creators = new Map<string, { tenant: string; project: string }>();
  for (const { tenant, project } of tenants) {
    let creates = false;
    for (const wi of tenant.workloadIdentities ?? []) {
      (wi.resourceRoles ?? []).forEach((grant, i) => {
        const path = `tenants[${tenant.name}].workloadIdentities[${wi.gsa}].resourceRoles[${i}]`;
        const what = `the ${grant.kind} ${grant.name}`;
        const key = resourceKey({ kind: grant.kind, name: grant.name, project: grant.project ?? project });
        if (grant.provisioning === undefined) {
          issues.push({
            path,
            field: 'provisioning',
            value: undefined,
            problem: `is required: nothing says who makes ${what}, so a fresh project would fail the grant with 404`,
            fix: `set provisioning: 'create' (the platform creates it in the tenant's state) or 'existing' (a prerequisite \`gke-platform plan --check\` lists)`,
          });
          return;
        }
        if (grant.provisioning === 'create' && !CREATABLE_RESOURCE_KINDS.includes(grant.kind)) {
          issues.push({
            path,
            field: 'provisioning',
            value: 'create',
            problem: `is not offered for ${grant.kind} (the platform creates ${CREATABLE_RESOURCE_KINDS.join(', ')})`,
            fix: `create ${what} elsewhere and set provisioning: 'existing'`,
          });
          return;
        }
        if (grant.provisioning === 'create') {
          creates = true;
          const resourceProject = grant.project ?? project;
          const creationKey = grant.kind === 'storage-bucket' ? `${grant.kind}/${grant.name}` : key;
          const other = creators.get(creationKey);
          if (other !== undefined && other.tenant !== tenant.name)
            issues.push({ path, field: 'provisioning', value: 'create', problem: `asks to create ${what}, which tenant ${other.tenant} creates already`, fix: `let one tenant create it and declare it 'existing' in the other` });
          else if (other !== undefined && other.project !== resourceProject)
            issues.push({
              path,
              field: 'provisioning',
              value: 'create',
              problem: `asks to create ${what} in each of the tenant's projects (${other.project}, ${resourceProject}), but bucket names are global: the second would fail`,
              fix: `name the project that holds it (project: '${other.project}'): the tenant's identities in every project get the grant on that one bucket`,
            });
          else creators.set(creationKey, { tenant: tenant.name, project: resourceProject });
        }
      });
    }
    if (creates) {
      for (const [key, field] of [
        ['team', 'labels.team'],
        ['environment', 'labels.environment'],
        ['costCenter', 'labels.costCenter'],
      ] as const) {
        const value = tenant.labels[key as keyof TenantLabels];
        if (!GCE_LABEL_VALUE.test(value))
          issues.push({
            path: `tenants[${tenant.name}]`,
            field,
            value,
            problem: 'is not a GCE label value (the resources the platform creates for the tenant carry it): lower-case letters, digits, "-" and "_", at most 63',
            fix: 'use e.g. "cc-1101"',
          });
      }
    }
  }
  return issues;
}
