/**
 * Validation of the tenant model, before anything is synthesized. Pure: returns ValidationIssues
 * (or throws a ValidationError collecting them), each naming the tenant, field, value and fix.
 */
import { Address4, Address6 } from 'ip-address';
import { IssueCollector, ValidationIssue, ValidationError } from '../validation-error';
import { compareQuantities, isQuantity } from './quantity';
import { validateHostClaims, validateHostNames } from './host-rules';
import { DeveloperNamespaceSpec, ExternalDependency, IngressSource, PortSpec, RESOURCE_ROLE_KINDS, TENANT_ROLES, TenantLimits, TenantQuota, TenantSpec, DEFAULT_ISOLATION, DEFAULT_TENANT_LIMITS, DEFAULT_TENANT_QUOTA } from './tenant-spec';

/** Days an expired developer namespace is only reported before synthesis rejects it. */
const DEFAULT_DEVELOPER_GRACE_PERIOD_DAYS = 14;

/**
 * Namespaces a tenant must not take: Kubernetes' own, and GKE's system prefixes (`gke-`, `gmp-`, `kube-`)
 * and the GitOps engines the platform may run.
 */
const RESERVED_NAMESPACES: readonly string[] = ['default', 'config-management-system', 'config-management-monitoring', 'resource-group-system', 'argocd'];
const RESERVED_NAMESPACE_PREFIXES: readonly string[] = ['kube-', 'gke-', 'gmp-'];
/** KSA names the namespace bundle itself creates. */
const RESERVED_SERVICE_ACCOUNTS: readonly string[] = ['default', 'deployer'];

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
// IAM: 6-30 characters, lowercase letters, digits and hyphens, starts with a letter, no trailing hyphen.
const GSA_ACCOUNT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const PROJECT_ROLE = /^(roles\/[A-Za-z0-9_.]+|projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/roles\/[A-Za-z0-9_.]+|organizations\/\d+\/roles\/[A-Za-z0-9_.]+)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const POD_SECURITY_LEVELS = ['restricted', 'baseline'];
const ISOLATIONS = ['shared', 'dedicated-nodes', 'dedicated-cluster'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export function isDns1123Label(value: string): boolean {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

function isEmail(value: string): boolean {
  return typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
}

function isLabelValue(value: string): boolean {
  return typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value);
}

function isGsaAccountId(value: string): boolean {
  return typeof value === 'string' && GSA_ACCOUNT_ID.test(value);
}

/** The problem with a CIDR, or undefined when it is a valid network address in IPv4 or IPv6 notation. */
function cidrProblem(value: string): string | undefined {
  if (typeof value !== 'string' || !value.includes('/')) return 'is not a CIDR';
  const v4 = Address4.isValid(value);
  if (!v4 && !Address6.isValid(value)) return 'is not a valid IPv4 or IPv6 CIDR';
  const address = v4 ? new Address4(value) : new Address6(value);
  const network = address.startAddress().correctForm();
  if (network !== address.correctForm()) return `has host bits set; use ${network}/${address.subnetMask}`;
  return undefined;
}

/** Parses `YYYY-MM-DD` as a UTC day number (days since the epoch), or undefined when not a real date. */
export function parseIsoDay(value: string): number | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [y, m, d] = match.slice(1).map(Number);
  const time = Date.UTC(y, m - 1, d);
  const date = new Date(time);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return time / 86_400_000;
}

function namespaceNameProblem(name: string): string | undefined {
  if (!isDns1123Label(name)) return 'is not a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters, starting and ending alphanumeric)';
  if (RESERVED_NAMESPACES.includes(name) || RESERVED_NAMESPACE_PREFIXES.some((p) => name.startsWith(p))) {
    return `is reserved for the system (${[...RESERVED_NAMESPACES, ...RESERVED_NAMESPACE_PREFIXES.map((p) => `${p}*`)].join(', ')})`;
  }
  return undefined;
}

/** Values the label fixes suggest: the tenant's own name for its team, otherwise a neutral value. */
const LABEL_EXAMPLES: Record<string, string | undefined> = { environment: 'prod', costCenter: 'cc-0000' };

/** A Google service account id from the tenant's and the Kubernetes service account's names (6-30 characters). */
function suggestedGsa(tenant: string, ksa: string): string {
  const id = `${tenant}-${ksa}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  return id.length >= 6 ? id : `${id}-sa-account`.slice(0, 30);
}

/** Issues in one tenant on its own (no cross-tenant or cluster knowledge). */
export function validateTenantSpec(spec: TenantSpec, path = `tenants[${spec.name}]`): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: string, value: unknown, problem: string, fix: string) => issues.push({ path, field, value, problem, fix });

  const nameProblem = namespaceNameProblem(spec.name);
  if (nameProblem) add('name', spec.name, nameProblem, 'rename the tenant: lower-case letters, digits and "-", e.g. "team-a"');

  for (const role of TENANT_ROLES) {
    const group = spec.groups?.[role];
    if (group !== undefined && !isEmail(group)) {
      add(`groups.${role}`, group, 'is not an e-mail address', `use the Google Group's address, e.g. "${spec.name}-${role}s@<your organization's domain>"`);
    }
  }
  if (!spec.clusters || spec.clusters.length === 0) add('clusters', spec.clusters, 'is empty', 'list at least one cluster name');

  if (spec.podSecurity !== undefined && !POD_SECURITY_LEVELS.includes(spec.podSecurity)) {
    add('podSecurity', spec.podSecurity, 'is not allowed for a tenant (only "restricted" or "baseline")', 'use "baseline" at most; privileged workloads belong to the platform');
  }
  if (spec.isolation !== undefined && !ISOLATIONS.includes(spec.isolation)) {
    add('isolation', spec.isolation, `is not one of ${ISOLATIONS.join(', ')}`, 'pick one of the isolation levels');
  }

  for (const [key, field] of [
    ['team', 'labels.team'],
    ['environment', 'labels.environment'],
    ['costCenter', 'labels.costCenter'],
  ] as const) {
    const value = spec.labels?.[key];
    if (value === undefined || value === '' || !isLabelValue(value)) {
      add(field, value, 'is not a non-empty Kubernetes label value (at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends)', `set ${field} to e.g. "${LABEL_EXAMPLES[key] ?? spec.name}"`);
    }
  }

  issues.push(...validateQuota(spec.quota, spec.limits, path));

  const deps = spec.dependencies?.tenants ?? [];
  deps.forEach((dep) => {
    if (dep === spec.name) add('dependencies.tenants', dep, 'is the tenant itself', 'remove it; traffic within a namespace is always allowed');
  });
  (spec.dependencies?.external ?? []).forEach((ext, i) => issues.push(...externalIssues(ext, `dependencies.external[${i}]`, path)));
  (spec.ingressSources ?? []).forEach((src, i) => issues.push(...ingressSourceIssues(src, `ingressSources[${i}]`, path)));
  issues.push(...validateHostNames(spec.hosts, path));

  const ksas = new Set<string>();
  const gsas = new Set<string>();
  (spec.workloadIdentities ?? []).forEach((wi, i) => {
    const field = `workloadIdentities[${i}]`;
    if (!isDns1123Label(wi.ksa)) add(`${field}.ksa`, wi.ksa, 'is not a DNS-1123 label', 'use a lowercase name such as "api"');
    else if (RESERVED_SERVICE_ACCOUNTS.includes(wi.ksa)) add(`${field}.ksa`, wi.ksa, 'is reserved by the namespace bundle', 'pick another service account name');
    else if (ksas.has(wi.ksa)) add(`${field}.ksa`, wi.ksa, 'is declared twice', 'declare each Kubernetes service account once');
    ksas.add(wi.ksa);
    if (!isGsaAccountId(wi.gsa)) {
      add(`${field}.gsa`, wi.gsa, 'is not a Google service account id (6-30 characters: lowercase letters, digits, hyphens; starts with a letter)', `shorten or rename it, e.g. "${suggestedGsa(spec.name, wi.ksa)}"`);
    } else if (gsas.has(wi.gsa)) add(`${field}.gsa`, wi.gsa, 'is declared twice', 'give each Kubernetes service account its own Google service account');
    gsas.add(wi.gsa);
    wi.projectRoles.forEach((role, j) => {
      if (!PROJECT_ROLE.test(role)) add(`${field}.projectRoles[${j}]`, role, 'is not an IAM role name', 'use "roles/<service>.<role>" or "projects/<project>/roles/<id>"');
    });
    (wi.resourceRoles ?? []).forEach((grant, j) => {
      const at = `${field}.resourceRoles[${j}]`;
      if (!RESOURCE_ROLE_KINDS.includes(grant.kind)) add(`${at}.kind`, grant.kind, `is not one of ${RESOURCE_ROLE_KINDS.join(', ')}`, 'pick the kind of the resource');
      if (!grant.name || /\s/.test(grant.name)) add(`${at}.name`, grant.name, 'is not a resource name', 'use the bucket name or the resource id');
      if (!PROJECT_ROLE.test(grant.role)) add(`${at}.role`, grant.role, 'is not an IAM role name', 'use "roles/<service>.<role>"');
      if (grant.kind === 'artifact-registry-repository' && !grant.location) add(`${at}.location`, grant.location, 'is required for an Artifact Registry repository', 'set the repository region, e.g. "us-central1"');
    });
    (wi.sharedProjectOptIns ?? []).forEach((optIn, j) => {
      const at = `${field}.sharedProjectOptIns[${j}]`;
      if (!wi.projectRoles.includes(optIn.role)) add(`${at}.role`, optIn.role, "is not one of the identity's projectRoles", 'opt in only to roles listed in projectRoles, or remove the entry');
      if (!optIn.reason || optIn.reason.trim().length < 10) add(`${at}.reason`, optIn.reason, 'does not say why (at least 10 characters)', 'say why no resource-level grant will do');
    });
  });
  return issues;
}

/** The kind of resource a predefined role is usually granted on, for the fix of a message. */
function resourceKindFor(role: string): string {
  const service = /^roles\/([a-z]+)\./.exec(role)?.[1];
  const kinds: Record<string, string> = { storage: 'storage-bucket', pubsub: 'pubsub-topic', secretmanager: 'secret', bigquery: 'bigquery-dataset', artifactregistry: 'artifact-registry-repository' };
  return (service && kinds[service]) ?? '<kind>';
}

/**
 * Project-wide roles on a project the tenant shares with other tenants that the definition has not accepted by
 * name: a project-wide data role (`roles/storage.objectUser`, ...) reaches every tenant's resources there.
 */
export function validateSharedProjectRoles(tenant: Pick<TenantSpec, 'name' | 'workloadIdentities'>, project: string, sharedWith: readonly string[], path = `tenants[${tenant.name}]`): ValidationIssue[] {
  if (sharedWith.length === 0) return [];
  const issues: ValidationIssue[] = [];
  const sorted = [...sharedWith].sort();
  const others = sorted.length > 5 ? `${sorted.slice(0, 5).join(', ')} and ${sorted.length - 5} more` : sorted.join(', ');
  (tenant.workloadIdentities ?? []).forEach((wi, i) => {
    const accepted = new Set((wi.sharedProjectOptIns ?? []).map((o) => o.role));
    wi.projectRoles.forEach((role, j) => {
      if (accepted.has(role)) return;
      issues.push({
        path,
        field: `workloadIdentities[${i}].projectRoles[${j}]`,
        value: role,
        problem: `is granted on all of project ${project}, which tenants ${others} share, so it reaches their resources too`,
        fix: `grant it on the resources ${wi.gsa} uses (resourceRoles: [{ kind: '${resourceKindFor(role)}', name: '<name>', role: '${role}' }]), or accept it with sharedProjectOptIns: [{ role: '${role}', reason: '<why>' }]`,
      });
    });
  });
  return issues;
}

function quantityField(quota: TenantQuota | undefined, limits: TenantLimits | undefined, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const quantities: [string, string | undefined][] = [
    ['quota.requestsCpu', quota?.requestsCpu],
    ['quota.requestsMemory', quota?.requestsMemory],
    ['quota.limitsCpu', quota?.limitsCpu],
    ['quota.limitsMemory', quota?.limitsMemory],
    ['quota.requestsStorage', quota?.requestsStorage],
    ['limits.defaultCpu', limits?.defaultCpu],
    ['limits.defaultMemory', limits?.defaultMemory],
    ['limits.defaultRequestCpu', limits?.defaultRequestCpu],
    ['limits.defaultRequestMemory', limits?.defaultRequestMemory],
    ['limits.maxCpu', limits?.maxCpu],
    ['limits.maxMemory', limits?.maxMemory],
  ];
  for (const [field, value] of quantities) {
    if (value !== undefined && /^\s*-/.test(String(value))) {
      issues.push({ path, field, value, problem: 'is negative: a quantity cannot be below zero', fix: `write a positive amount for ${field}, e.g. "500m", "2", "512Mi" or "8Gi"` });
    } else if (value !== undefined && !isQuantity(value)) {
      issues.push({ path, field, value, problem: 'is not a Kubernetes quantity', fix: 'write e.g. "500m", "2", "512Mi" or "8Gi"' });
    }
  }
  const counts: [string, number | undefined][] = [
    ['quota.pods', quota?.pods],
    ['quota.loadBalancers', quota?.loadBalancers],
    ['quota.persistentVolumeClaims', quota?.persistentVolumeClaims],
    ['quota.gpus', quota?.gpus],
  ];
  for (const [field, value] of counts) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      issues.push({ path, field, value, problem: 'is not a non-negative integer', fix: 'use a whole number such as 10' });
    }
  }
  return issues;
}

/**
 * Quantity syntax first; then the LimitRange against the quota: defaults above the quota would make
 * every pod without resources exceed it, and the API server rejects defaultRequest > default > max.
 * `defaultQuota` is the quota the given fields override (tenants and developer namespaces differ).
 */
export function validateQuota(quotaSpec: TenantQuota | undefined, limitsSpec: TenantLimits | undefined, path: string, defaultQuota: Required<TenantQuota> = DEFAULT_TENANT_QUOTA): ValidationIssue[] {
  const syntax = quantityField(quotaSpec, limitsSpec, path);
  if (syntax.length > 0) return syntax;
  const quota: Required<TenantQuota> = { ...defaultQuota, ...definedOnly(quotaSpec) };
  const limits: Required<TenantLimits> = { ...DEFAULT_TENANT_LIMITS, ...definedOnly(limitsSpec) };
  const issues: ValidationIssue[] = [];
  const check = (field: string, value: string, other: string, otherField: string, fix: string) => {
    if (compareQuantities(value, other) > 0) {
      issues.push({ path, field, value, problem: `exceeds ${otherField} ${JSON.stringify(other)}`, fix });
    }
  };
  check('limits.defaultCpu', limits.defaultCpu, quota.limitsCpu, 'quota.limitsCpu', 'lower limits.defaultCpu or raise quota.limitsCpu');
  check('limits.defaultMemory', limits.defaultMemory, quota.limitsMemory, 'quota.limitsMemory', 'lower limits.defaultMemory or raise quota.limitsMemory');
  check('limits.defaultRequestCpu', limits.defaultRequestCpu, quota.requestsCpu, 'quota.requestsCpu', 'lower limits.defaultRequestCpu or raise quota.requestsCpu');
  check('limits.defaultRequestMemory', limits.defaultRequestMemory, quota.requestsMemory, 'quota.requestsMemory', 'lower limits.defaultRequestMemory or raise quota.requestsMemory');
  check('limits.defaultRequestCpu', limits.defaultRequestCpu, limits.defaultCpu, 'limits.defaultCpu', 'a default request must not exceed the default limit');
  check('limits.defaultRequestMemory', limits.defaultRequestMemory, limits.defaultMemory, 'limits.defaultMemory', 'a default request must not exceed the default limit');
  check('limits.defaultCpu', limits.defaultCpu, limits.maxCpu, 'limits.maxCpu', 'lower limits.defaultCpu or raise limits.maxCpu');
  check('limits.defaultMemory', limits.defaultMemory, limits.maxMemory, 'limits.maxMemory', 'lower limits.defaultMemory or raise limits.maxMemory');
  check('quota.requestsCpu', quota.requestsCpu, quota.limitsCpu, 'quota.limitsCpu', 'requests cannot exceed limits; raise quota.limitsCpu');
  check('quota.requestsMemory', quota.requestsMemory, quota.limitsMemory, 'quota.limitsMemory', 'requests cannot exceed limits; raise quota.limitsMemory');
  return issues;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function portIssues(ports: readonly PortSpec[] | undefined, field: string, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  (ports ?? []).forEach((p, i) => {
    if (!(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535)) {
      issues.push({ path, field: `${field}.ports[${i}].port`, value: p.port, problem: 'is not a port number (1-65535)', fix: 'use a port such as 443' });
    }
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) {
      issues.push({ path, field: `${field}.ports[${i}].protocol`, value: p.protocol, problem: `is not one of ${PROTOCOLS.join(', ')}`, fix: 'use "TCP" or "UDP"' });
    }
  });
  return issues;
}

function externalIssues(ext: ExternalDependency, field: string, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const problem = cidrProblem(ext.cidr);
  if (problem) issues.push({ path, field: `${field}.cidr`, value: ext.cidr, problem, fix: 'write the network address with its prefix, e.g. "10.20.0.0/16"' });
  if (!ext.ports || ext.ports.length === 0) {
    issues.push({ path, field: `${field}.ports`, value: ext.ports, problem: 'is empty', fix: 'list the ports the tenant calls; "all ports" to an external range is not offered' });
  }
  issues.push(...portIssues(ext.ports, field, path));
  return issues;
}

function ingressSourceIssues(src: IngressSource, field: string, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if ('namespace' in src) {
    if (!isDns1123Label(src.namespace)) {
      issues.push({ path, field: `${field}.namespace`, value: src.namespace, problem: 'is not a DNS-1123 label', fix: 'use the namespace name, e.g. "gateway"' });
    }
  } else if ('cidr' in src) {
    const problem = cidrProblem(src.cidr);
    if (problem) issues.push({ path, field: `${field}.cidr`, value: src.cidr, problem, fix: 'write the network address with its prefix, e.g. "35.191.0.0/16"' });
  } else {
    issues.push({ path, field, value: src, problem: 'has neither namespace nor cidr', fix: 'give { namespace } or { cidr }' });
  }
  issues.push(...portIssues(src.ports, field, path));
  return issues;
}

/** What the tenant rules need to know about a cluster. */
interface TenantClusterInfo {
  /** Cluster name, as tenants' `clusters` name it. */
  readonly name: string;
  /** GKE Dataplane V2 (enforces NetworkPolicy). @default false */
  readonly dataplaneV2?: boolean;
  /** Calico network policy enforcement. @default false */
  readonly networkPolicy?: boolean;
}

interface TenantValidationContext {
  /** Every cluster tenants may name; a tenant on a cluster not listed is refused. */
  readonly clusters: readonly TenantClusterInfo[];
}

/** Every issue in a set of tenants, including cross-tenant and cluster rules. */
export function validateTenants(tenants: readonly TenantSpec[], context: TenantValidationContext): ValidationIssue[] {
  const collector = new IssueCollector();
  const names = new Set(tenants.map((t) => t.name));
  const clusters = new Map(context.clusters.map((c) => [c.name, c]));
  const seen = new Set<string>();
  const gsaOwners = new Map<string, string>();

  for (const tenant of tenants) {
    const path = `tenants[${tenant.name}]`;
    validateTenantSpec(tenant, path).forEach((i) => collector.add(i));
    if (seen.has(tenant.name)) {
      collector.add({ path, field: 'name', value: tenant.name, problem: 'is declared twice (namespaces must be unique)', fix: 'rename one tenant or merge the two' });
    }
    seen.add(tenant.name);

    for (const dep of tenant.dependencies?.tenants ?? []) {
      if (dep !== tenant.name && !names.has(dep)) {
        collector.add({ path, field: 'dependencies.tenants', value: dep, problem: 'is not a declared tenant', fix: `declare tenant "${dep}" or remove the dependency (known: ${[...names].sort().join(', ')})` });
      }
    }

    const isolation = tenant.isolation ?? DEFAULT_ISOLATION;
    for (const clusterName of tenant.clusters ?? []) {
      const cluster = clusters.get(clusterName);
      if (!cluster) {
        collector.add({ path, field: 'clusters', value: clusterName, problem: 'is not a declared cluster', fix: `use one of ${[...clusters.keys()].sort().join(', ') || '(no clusters declared)'}` });
        continue;
      }
      if (isolation === 'dedicated-nodes' && !cluster.dataplaneV2 && !cluster.networkPolicy) {
        collector.add({
          path,
          field: 'isolation',
          value: isolation,
          problem: `needs network policy enforcement, but cluster "${clusterName}" has neither Dataplane V2 nor network policy enabled`,
          fix: `enable Dataplane V2 on cluster "${clusterName}" or use isolation "dedicated-cluster"`,
        });
      }
      if (isolation === 'dedicated-cluster') {
        const others = tenants.filter((t) => t.name !== tenant.name && (t.clusters ?? []).includes(clusterName)).map((t) => t.name);
        if (others.length > 0) {
          collector.add({
            path,
            field: 'clusters',
            value: clusterName,
            problem: `is shared with ${others.sort().join(', ')}, but isolation is "dedicated-cluster"`,
            fix: 'give the tenant a cluster of its own or use isolation "dedicated-nodes"',
          });
        }
      }
    }

    for (const wi of tenant.workloadIdentities ?? []) {
      const owner = gsaOwners.get(wi.gsa);
      if (owner !== undefined && owner !== tenant.name) {
        collector.add({ path, field: 'workloadIdentities.gsa', value: wi.gsa, problem: `is also used by tenant "${owner}" (Google service account ids are unique per project)`, fix: 'prefix the account id with the tenant name' });
      }
      gsaOwners.set(wi.gsa, tenant.name);
    }
  }
  // Admission admits a host under the requesting tenant's own names only; that is sound only while no two overlap.
  for (const issue of validateHostClaims(tenants)) collector.add(issue);
  return [...collector.issues];
}

/** Throws one ValidationError listing every issue in the tenants. */
export function assertTenants(tenants: readonly TenantSpec[], context: TenantValidationContext): void {
  const issues = validateTenants(tenants, context);
  if (issues.length > 0) throw new ValidationError(issues);
}

interface DeveloperNamespaceCheckOptions {
  /** The current day, `YYYY-MM-DD` (UTC) or a Date; a parameter so tests and CI are reproducible. */
  readonly today: string | Date;
  /** Days after expiry during which a namespace is only reported. @default DEFAULT_DEVELOPER_GRACE_PERIOD_DAYS */
  readonly gracePeriodDays?: number;
  /** Namespaces already taken (tenant names), to catch collisions. @default [] */
  readonly takenNamespaces?: readonly string[];
}

/** A developer namespace past its expiry but still inside the grace period. */
export interface ExpiredDeveloperNamespace {
  /** The developer namespace's name. */
  readonly name: string;
  /** Its owner's e-mail, to tell them. */
  readonly owner: string;
  /** The expiry date as declared, `YYYY-MM-DD`. */
  readonly expires: string;
  /** Whole days since the expiry date, at least 1. */
  readonly daysExpired: number;
  /** Days left before synthesis rejects the entry. */
  readonly daysUntilRejected: number;
}

interface DeveloperNamespaceCheck {
  /** Namespaces past their expiry but inside the grace period: reported, still synthesized. */
  readonly expired: readonly ExpiredDeveloperNamespace[];
  /** Bad names, owners and dates, duplicates, and namespaces expired beyond the grace period; empty when all pass. */
  readonly issues: readonly ValidationIssue[];
}

/** A day (`YYYY-MM-DD` or a Date) as a UTC day number. */
export function todayDay(today: string | Date): number {
  if (today instanceof Date) return Math.floor(today.getTime() / 86_400_000);
  const day = parseIsoDay(today);
  if (day === undefined) throw new Error(`today ${JSON.stringify(today)} is not a YYYY-MM-DD date`);
  return day;
}

/** Checks developer namespaces: names, owners, expiry dates; reports expired ones, rejects them after the grace period. */
export function validateDeveloperNamespaces(specs: readonly DeveloperNamespaceSpec[], options: DeveloperNamespaceCheckOptions): DeveloperNamespaceCheck {
  const today = todayDay(options.today);
  const grace = options.gracePeriodDays ?? DEFAULT_DEVELOPER_GRACE_PERIOD_DAYS;
  const taken = new Set(options.takenNamespaces ?? []);
  const seen = new Set<string>();
  const expired: ExpiredDeveloperNamespace[] = [];
  const issues: ValidationIssue[] = [];
  for (const spec of specs) {
    const path = `developerNamespaces[${spec.name}]`;
    const add = (field: string, value: unknown, problem: string, fix: string) => issues.push({ path, field, value, problem, fix });
    const nameProblem = namespaceNameProblem(spec.name);
    if (nameProblem) add('name', spec.name, nameProblem, 'use e.g. "dev-alice"');
    if (seen.has(spec.name) || taken.has(spec.name)) add('name', spec.name, 'is declared twice (namespaces must be unique)', 'pick another name');
    seen.add(spec.name);
    if (!isEmail(spec.owner)) add('owner', spec.owner, 'is not an e-mail address', 'use the owner\'s Google account, e.g. "alice@example.com"');
    if (spec.expires === undefined) continue;
    const day = parseIsoDay(spec.expires);
    if (day === undefined) {
      add('expires', spec.expires, 'is not a YYYY-MM-DD date', 'write e.g. "2025-06-30"');
      continue;
    }
    const daysExpired = today - day;
    if (daysExpired <= 0) continue;
    if (daysExpired > grace) {
      add('expires', spec.expires, `passed ${daysExpired} days ago, beyond the ${grace}-day grace period`, 'remove the entry (its namespace is deleted) or extend the date');
    } else {
      expired.push({ name: spec.name, owner: spec.owner, expires: spec.expires, daysExpired, daysUntilRejected: grace - daysExpired });
    }
  }
  return { expired, issues };
}

/** Throws on any issue; returns the expired-but-tolerated entries for the synth to report. */
export function assertDeveloperNamespaces(specs: readonly DeveloperNamespaceSpec[], options: DeveloperNamespaceCheckOptions): readonly ExpiredDeveloperNamespace[] {
  const result = validateDeveloperNamespaces(specs, options);
  if (result.issues.length > 0) throw new ValidationError(result.issues);
  return result.expired;
}

/** Throws one ValidationError listing every issue of a single tenant (used by the constructs). */
export function assertTenantSpec(spec: TenantSpec, path: string): void {
  const issues = validateTenantSpec(spec, path);
  if (issues.length > 0) throw new ValidationError(issues);
}
