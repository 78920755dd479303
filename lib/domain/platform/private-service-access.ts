import type { PlatformDefinition } from './platform-definition';

/** Roles whose services tenants reach on private IPs (Cloud SQL, AlloyDB, Memorystore): they need Private Service Access. */
const PRIVATE_IP_SERVICE_ROLES: readonly string[] = ['roles/cloudsql.', 'roles/alloydb.', 'roles/redis.', 'roles/memcache.'];
/** A /20 holds Cloud SQL's per-region /24s for many instances and regions (Google recommends at least /24, ideally /16-/20). */
const DEFAULT_PSA_PREFIX_LENGTH = 20;
/** Cloud SQL connectors (3307), MySQL (3306), PostgreSQL and AlloyDB (5432), Memorystore for Redis (6379). */
export const PRIVATE_SERVICE_PORTS: readonly number[] = [3307, 3306, 5432, 6379];
/** The IP plan name of the range. Part of the lock file contract. */
export const PSA_RANGE_NAME = 'network/private-service-access';

/** Tenants whose Workload Identities hold a private-IP service role. */
export function privateServiceTenants(definition: Pick<PlatformDefinition, 'tenants'>): string[] {
  return (definition.tenants ?? []).filter((t) => (t.workloadIdentities ?? []).some((wi) => wi.projectRoles.some((role) => PRIVATE_IP_SERVICE_ROLES.some((prefix) => role.startsWith(prefix))))).map((t) => t.name);
}

/** Whether the platform gets Private Service Access, and the range it asks the IP plan for. */
export function privateServiceAccessPlan(definition: Pick<PlatformDefinition, 'tenants' | 'network' | 'poolAssignment'>): { readonly prefixLength: number; readonly pool: string } | undefined {
  const option = definition.network.privateServiceAccess;
  if (option === false) return undefined;
  if (option === undefined && privateServiceTenants(definition).length === 0) return undefined;
  return { prefixLength: option?.prefixLength ?? DEFAULT_PSA_PREFIX_LENGTH, pool: option?.pool ?? definition.poolAssignment.nodes };
}
