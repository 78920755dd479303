/**
 * The labels every cloud resource of a platform carries: a spec, so it lives in the domain. The stacks set them as
 * the Google provider's `default_labels` and the AWS provider's `default_tags`.
 */

/** Label key naming the tool that manages a resource. */
const MANAGED_BY_CLOUD_LABEL = 'managed-by';
/** Its value: this library. */
const MANAGED_BY_CLOUD_VALUE = 'gke-platform-cdk';
/** Label key naming the platform (its short name, a valid GCE label value by the platform name rule). */
const PLATFORM_CLOUD_LABEL = 'platform';

/** Labels on every Google resource that takes labels (and tags on every AWS resource) of the platform `platform`. */
export function platformLabels(platform: string): Record<string, string> {
  return { [MANAGED_BY_CLOUD_LABEL]: MANAGED_BY_CLOUD_VALUE, [PLATFORM_CLOUD_LABEL]: platform };
}

/** GCE label key of the tenant that owns a resource (its name: already a valid label value). */
export const TENANT_CLOUD_LABEL = 'tenant';
/** GCE label key of the owning team. */
export const TEAM_CLOUD_LABEL = 'team';
/** GCE label key of the cost centre billing is charged to. */
export const COST_CENTER_CLOUD_LABEL = 'cost-center';

/**
 * A Kubernetes label value as a GCE label value: lower-case, characters outside `[a-z0-9_-]` as `_`, at most 63
 * (GCE label values allow no upper case and no dots, Kubernetes label values do).
 */
export function gceLabelValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, 63);
}

/** The labels of a tenant's own cloud resources (its node pools' VMs), so the billing export can charge them to it. */
export function tenantCostLabels(tenant: { readonly name: string; readonly labels: { readonly team: string; readonly costCenter: string } }): Record<string, string> {
  return { [TENANT_CLOUD_LABEL]: gceLabelValue(tenant.name), [TEAM_CLOUD_LABEL]: gceLabelValue(tenant.labels.team), [COST_CENTER_CLOUD_LABEL]: gceLabelValue(tenant.labels.costCenter) };
}
