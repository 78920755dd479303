/**
 * Which Terraform state (stack) holds each tenant's GCP resources, recorded like the IP plan's ranges:
 * `tenant-states.lock.json` beside the IP plan lock. A recorded tenant never changes state because tenants
 * were added, removed or reordered; a new tenant goes to the first shard of its project with room, else a new
 * shard. Moving a recorded tenant is an explicit act (`plan --move-tenant`). Pure: lib/platform/lock-files.ts reads and writes the file.
 */
import { TENANT_ROLES } from '../tenancy/tenant-spec';
import { ValidationError, ValidationIssue } from '../validation-error';
import type { PlatformDefinition } from './platform-definition';
import type { PlatformTenant } from './tenant-definition';
import { DEFAULT_MAX_RESOURCES_PER_STATE } from './platform-defaults';

const TENANT_STATES_LOCK_VERSION = 1;
/** File name of the membership record, beside the IP plan lock file. */
export const TENANT_STATES_LOCK_FILE = 'tenant-states.lock.json';
/**
 * New tenants fill a shard up to this share of the limit: the rest is headroom for recorded tenants to grow
 * (another Workload Identity, another group) without anyone having to move them.
 */
const SHARD_FILL_RATIO = 0.8;

const LOCK_COMMENT = 'Managed by gke-platform: the Terraform state (stack) of each tenant. `plan --write` records new tenants, which never move; only `plan --move-tenant <tenant> --to <stack>` moves one.';

export interface TenantStatesLock {
  /** Format version of the file (TENANT_STATES_LOCK_VERSION). */
  readonly version: 1;
  /** Stack name by tenant name. */
  readonly tenants: Readonly<Record<string, string>>;
}

/** Fewest resources a state may be limited to: below this a single tenant or cluster could not fit. */
const MIN_MAX_RESOURCES_PER_STATE = 50;

/** The definition's `terraformStates`: a whole-number limit of at least MIN_MAX_RESOURCES_PER_STATE. */
export function validateTerraformStates(definition: Pick<PlatformDefinition, 'terraformStates'>): ValidationIssue[] {
  const max = definition.terraformStates?.maxResources;
  if (max === undefined || (Number.isInteger(max) && max >= MIN_MAX_RESOURCES_PER_STATE)) return [];
  return [{ path: 'terraformStates', field: 'maxResources', value: max, problem: `must be a whole number of at least ${MIN_MAX_RESOURCES_PER_STATE}`, fix: `use ${DEFAULT_MAX_RESOURCES_PER_STATE} (the default) or another whole number` }];
}

/** The stack name prefix every tenant state of a platform has: `<platform>-tenants`. */
export function tenantStatePrefix(platform: string): string {
  return `${platform}-tenants`;
}

/** The rule's name of shard `index` (from 1) for a project: `<platform>-tenants-<project>-<index>`. */
export function tenantShardName(platform: string, project: string, index: number): string {
  return `${tenantStatePrefix(platform)}-${project}-${index}`;
}

const STACK_NAME = /^[a-z][-a-z0-9]{0,62}[a-z0-9]$/;

/** Parses and shape-checks the membership record. */
export function parseTenantStatesLock(text: string, source: string): TenantStatesLock {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ValidationError({ path: source, field: 'contents', value: text.slice(0, 40), problem: `is not valid JSON (${(error as Error).message})`, fix: 'restore the file from version control' });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ValidationError({ path: source, field: 'contents', value: data, problem: 'is not a JSON object', fix: 'restore the file from version control' });
  const record = data as Record<string, unknown>;
  if (record.version !== TENANT_STATES_LOCK_VERSION) {
    throw new ValidationError({ path: source, field: 'version', value: record.version, problem: `is not ${TENANT_STATES_LOCK_VERSION}`, fix: 'regenerate the file with a matching gke-platform-cdk version' });
  }
  const tenants = record.tenants;
  if (typeof tenants !== 'object' || tenants === null || Array.isArray(tenants)) {
    throw new ValidationError({ path: source, field: 'tenants', value: tenants, problem: 'is not an object of tenant name to stack name', fix: 'restore the file from version control' });
  }
  const issues: ValidationIssue[] = [];
  for (const [tenant, stack] of Object.entries(tenants)) {
    if (typeof stack !== 'string' || !STACK_NAME.test(stack)) {
      issues.push({ path: `${source}#${tenant}`, field: 'stack', value: stack, problem: 'is not a stack name (lower-case letters, digits, hyphens)', fix: 'restore the entry from version control' });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { version: TENANT_STATES_LOCK_VERSION, tenants: tenants as Record<string, string> };
}

/** Stable text: tenants sorted, so a diff shows exactly the tenants recorded or moved. */
export function serializeTenantStatesLock(lock: TenantStatesLock): string {
  const sorted: Record<string, string> = {};
  for (const tenant of Object.keys(lock.tenants).sort()) sorted[tenant] = lock.tenants[tenant];
  return `${JSON.stringify({ $comment: LOCK_COMMENT, version: lock.version, tenants: sorted }, null, 2)}\n`;
}

/**
 * Upper bound of the Terraform resources a tenant's identity stack holds (lib/tenancy/tenant-identity.ts): per
 * Workload Identity a service account, its Workload Identity binding, one grant per distinct project role and one
 * per distinct role on a named resource;
 * one per resource the platform creates for it (`provisioning: 'create'`);
 * per distinct group a clusterViewer grant and a gke-security-groups membership (counted even when the platform
 * manages no memberships, so the estimate never falls short). A tenant across `projects` projects has its identities,
 * their grants, its clusterViewer grants and the resources created in its own project once per project (a created
 * resource that names its project, once). A test holds it to the construct.
 */
export function estimateTenantIdentityResources(tenant: Pick<PlatformTenant, 'workloadIdentities' | 'groups'>, projects = 1): number {
  const identities = (tenant.workloadIdentities ?? []).reduce((sum, wi) => sum + 2 + new Set(wi.projectRoles).size + new Set((wi.resourceRoles ?? []).map((g) => `${g.kind}/${g.name}/${g.role}`)).size, 0);
  const groups = new Set(TENANT_ROLES.map((role) => tenant.groups[role]).filter((g): g is string => !!g)).size;
  const createdGrants = (tenant.workloadIdentities ?? []).flatMap((wi) => (wi.resourceRoles ?? []).filter((g) => g.provisioning === 'create'));
  // One per resource the platform creates: in each project when the grant names none, else once.
  const created =
    new Set(createdGrants.filter((g) => g.project === undefined).map((g) => `${g.kind}/${g.name}`)).size * projects + new Set(createdGrants.filter((g) => g.project !== undefined).map((g) => `${g.kind}/${g.project}/${g.name}`)).size;
  return identities * projects + groups * (projects + 1) + created;
}

/** A tenant as placement sees it. */
export interface TenantToPlace {
  /** The tenant's name. */
  readonly name: string;
  /** The project its identities live in: the group its shard belongs to. */
  readonly project: string;
  /** Its estimated resources (identity plus add-ons). */
  readonly resources: number;
}

interface AssignTenantStatesOptions {
  /** The platform's name: the prefix of every shard's name. */
  readonly platform: string;
  /** @default DEFAULT_MAX_RESOURCES_PER_STATE */
  readonly maxResources?: number;
  /** Unrecorded tenants are errors instead of being placed. */
  readonly frozen: boolean;
  /** Where the record lives, for messages. */
  readonly lockFileName: string;
  /** The command that records new tenants, e.g. `npx gke-platform plan --write`. */
  readonly recordCommand: string;
}

interface TenantStateAssignment {
  /** Stack by tenant, for every tenant of the definition. */
  readonly states: Readonly<Record<string, string>>;
  /** Tenants placed by this resolution (not in the record), in definition order. */
  readonly newTenants: readonly {
    /** The new tenant's name. */
    readonly tenant: string;
    /** The stack (Terraform state shard) it is placed in: its project's lowest-numbered shard with room under the fill target, else a new shard. */
    readonly stack: string;
  }[];
  /** Recorded tenants no longer in the definition: dropped from the record when it is next written. */
  readonly orphaned: readonly {
    /** The recorded tenant's name. */
    readonly tenant: string;
    /** The stack the record placed it in: that stack no longer holds the tenant's resources, so its next apply destroys them. */
    readonly stack: string;
  }[];
  /** The record to write: every current tenant, orphans dropped. */
  readonly lock: TenantStatesLock;
}

/**
 * Resolves each tenant's state: recorded tenants stay where the record says; the others (in definition order)
 * go to the lowest-numbered shard of their project whose estimated resources stay within the fill target, or a
 * new shard. Only rule-named shards (`<platform>-tenants-<project>-<n>`) receive new tenants; a stack recorded
 * by hand (the pre-sharding `<platform>-tenants`) keeps its tenants and takes no new ones.
 */
export function assignTenantStates(tenants: readonly TenantToPlace[], lock: TenantStatesLock | undefined, options: AssignTenantStatesOptions): TenantStateAssignment {
  const maxResources = options.maxResources ?? DEFAULT_MAX_RESOURCES_PER_STATE;
  const recorded = lock?.tenants ?? {};
  const current = new Set(tenants.map((t) => t.name));
  const states: Record<string, string> = {};
  const load = new Map<string, number>();
  for (const tenant of tenants) {
    const stack = recorded[tenant.name];
    if (stack === undefined) continue;
    states[tenant.name] = stack;
    load.set(stack, (load.get(stack) ?? 0) + tenant.resources);
  }
  const missing = tenants.filter((t) => recorded[t.name] === undefined);
  if (options.frozen && missing.length > 0) {
    throw new ValidationError(
      missing.map((t) => ({
        path: options.lockFileName,
        field: 'tenant',
        value: t.name,
        problem: 'has no recorded Terraform state, and the record is frozen (CI)',
        fix: `run \`${options.recordCommand}\` and commit ${options.lockFileName}`,
      })),
    );
  }
  const target = Math.max(1, Math.floor(maxResources * SHARD_FILL_RATIO));
  const newTenants: { tenant: string; stack: string }[] = [];
  for (const tenant of missing) {
    let index = 1;
    for (;;) {
      const stack = tenantShardName(options.platform, tenant.project, index);
      const used = load.get(stack) ?? 0;
      // An empty shard always takes the tenant, however large: the post-build check reports a tenant over the limit.
      if (used === 0 || used + tenant.resources <= target) {
        states[tenant.name] = stack;
        load.set(stack, used + tenant.resources);
        newTenants.push({ tenant: tenant.name, stack });
        break;
      }
      index++;
    }
  }
  const orphaned = Object.keys(recorded)
    .filter((name) => !current.has(name))
    .sort()
    .map((tenant) => ({ tenant, stack: recorded[tenant] }));
  return { states, newTenants, orphaned, lock: { version: TENANT_STATES_LOCK_VERSION, tenants: states } };
}

/**
 * Records a move of one tenant to another state: the one deliberate way a tenant changes state. The target is
 * any stack name under the platform's tenant prefix (an existing shard, a new rule-named one, or a name of the
 * team's choosing). The caller moves the Terraform state (see `stateMoveScript`).
 */
export function moveTenantState(lock: TenantStatesLock, tenant: string, to: string, options: { readonly platform: string; readonly source: string }): TenantStatesLock {
  const from = lock.tenants[tenant];
  if (from === undefined) {
    throw new ValidationError({ path: options.source, field: 'tenant', value: tenant, problem: 'is not recorded, so it has no state to move from', fix: 'record it first with `plan --write`, then move it' });
  }
  const prefix = tenantStatePrefix(options.platform);
  if (!(to === prefix || to.startsWith(`${prefix}-`)) || !STACK_NAME.test(to)) {
    throw new ValidationError({
      path: options.source,
      field: 'to',
      value: to,
      problem: `is not a tenant stack name (${prefix}-<name>, lower-case letters, digits, hyphens)`,
      fix: `name a shard such as ${tenantShardName(options.platform, '<project>', 2)}`,
    });
  }
  if (to === from) throw new ValidationError({ path: options.source, field: 'to', value: to, problem: `is already the state of tenant ${tenant}`, fix: 'name another stack' });
  return { version: lock.version, tenants: { ...lock.tenants, [tenant]: to } };
}
