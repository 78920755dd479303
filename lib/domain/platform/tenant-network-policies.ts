/**
 * A tenant's NetworkPolicies on a cluster, read from the platform plan: what the plan adds to the tenant's own
 * declaration (its dependents on that cluster, the Private Service Access range when it uses private-IP services,
 * the add-ons' traffic) fed to the one planner (tenancy/network-policy-plan.ts). The cluster manifests pass the same
 * options to TenantNamespace and AddOnTrafficPolicies, which run that planner; the mesh plan reads the same
 * private-services rule. Pure: no cdk8s.
 */
import { addOnTrafficNetworkPolicies, NetworkPolicyPlan, TenantPolicyOptions, tenantNetworkPolicies } from '../tenancy/network-policy-plan';
import { dependentsOf } from '../tenancy/tenant-spec';
import type { PlatformPlan } from './platform-plan';
import { tenantsOnPlannedCluster } from './platform-plan';
import { privateServiceAccessPlan, privateServiceTenants, PSA_RANGE_NAME } from './private-service-access';

/**
 * The Private Service Access range for each tenant that holds a private-IP service role (Cloud SQL, AlloyDB,
 * Memorystore) where the platform has Private Service Access; undefined for every other tenant.
 */
export function privateServicesCidrs(plan: Pick<PlatformPlan, 'definition' | 'ipPlan'>): (tenant: string) => string | undefined {
  const cidr = privateServiceAccessPlan(plan.definition) ? plan.ipPlan.cidr(PSA_RANGE_NAME) : undefined;
  const tenants = new Set(cidr ? privateServiceTenants(plan.definition) : []);
  return (tenant) => (tenants.has(tenant) ? cidr : undefined);
}

/**
 * What the plan adds to each tenant's own policies on one cluster: its dependents among the cluster's tenants (a
 * dependent elsewhere has no namespace here to admit) and its private-services range.
 */
export function tenantPolicyOptions(plan: PlatformPlan, cluster: string): (tenant: string) => TenantPolicyOptions {
  const specs = tenantsOnPlannedCluster(plan, cluster).map((t) => t.definition);
  const privateServices = privateServicesCidrs(plan);
  return (tenant) => ({ dependents: dependentsOf(tenant, specs), privateServicesCidr: privateServices(tenant) });
}

/** Every NetworkPolicy a tenant's namespace gets on a cluster, from the plan. */
export interface TenantNetworkPolicyPlan {
  /** The tenant namespace's own (TenantNamespace's). */
  readonly namespace: readonly NetworkPolicyPlan[];
  /** The add-ons' traffic needs' (AddOnTrafficPolicies'); empty when no enabled add-on needs any. */
  readonly addOnTraffic: readonly NetworkPolicyPlan[];
}

/** The NetworkPolicies of `tenant`'s namespace on `cluster`, in the order the cluster's manifests create them. */
export function tenantNetworkPolicyPlan(plan: PlatformPlan, tenant: string, cluster: string): TenantNetworkPolicyPlan {
  const found = plan.tenants.find((t) => t.name === tenant && t.clusters.includes(cluster));
  if (!found) return { namespace: [], addOnTraffic: [] };
  return {
    namespace: tenantNetworkPolicies(found.resolved, tenantPolicyOptions(plan, cluster)(tenant)),
    addOnTraffic: addOnTrafficNetworkPolicies(tenant, { egress: plan.addOnTraffic.tenantEgress, ingress: plan.addOnTraffic.tenantIngress }),
  };
}
