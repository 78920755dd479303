/**
 * A tenant's per-container limits (its LimitRange), derived from the nodes its pods run on and checked against
 * its quota: a container larger than any node never schedules, one larger than the quota never starts, and a
 * 4-CPU cap on a tenant whose nodes have 32 is a rule that hurts honest tenants. Pure: no cdktf or cdk8s import.
 */
import type { ValidationIssue } from '../validation-error';
import { largestContainer } from './node-shape';
import { compareQuantities, isQuantity } from './quantity';
import { DEFAULT_TENANT_LIMITS, TenantIsolation, TenantLimits, TenantQuota } from './tenant-spec';

interface ContainerLimitsInput {
  /**
   * The tenant's isolation: a dedicated-nodes tenant's maximum is derived from its own nodes only; others are also
   * capped by DEFAULT_TENANT_LIMITS.
   */
  readonly isolation: TenantIsolation;
  /** The limits as declared; a declared `maxCpu`/`maxMemory` is checked, an absent one derived. @default all derived */
  readonly declared?: TenantLimits;
  /** The tenant's quota with defaults applied; a container maximum above its `limitsCpu`/`limitsMemory` is refused. */
  readonly quota: Required<TenantQuota>;
  /**
   * Machine types of the nodes the pods run on: a dedicated-nodes tenant's own pools, else the cluster's
   * untainted general pools.
   */
  readonly machineTypes: readonly string[];
  /** Where to report problems, e.g. `tenants[simulation] on prod-usc1`. */
  readonly path: string;
}

export interface ContainerLimits {
  /** The LimitRange values: declared ones kept, absent maxima derived, the rest from DEFAULT_TENANT_LIMITS. */
  readonly limits: Required<TenantLimits>;
  /** Declared limits the nodes or the quota cannot honour, and maxima that cannot be derived; empty when all fit. */
  readonly issues: readonly ValidationIssue[];
}

type Resource = 'cpu' | 'memory';
const FIELD: Readonly<Record<Resource, 'maxCpu' | 'maxMemory'>> = { cpu: 'maxCpu', memory: 'maxMemory' };
const QUOTA: Readonly<Record<Resource, 'limitsCpu' | 'limitsMemory'>> = { cpu: 'limitsCpu', memory: 'limitsMemory' };
const FIELD_FOR_DEFAULT: Readonly<Record<Resource, 'defaultCpu' | 'defaultMemory'>> = { cpu: 'defaultCpu', memory: 'defaultMemory' };

/**
 * Dedicated-nodes tenants: the largest container their own nodes hold, capped by the quota. Other tenants share
 * nodes, so DEFAULT_TENANT_LIMITS' max still caps them, and so do their nodes (a 4-CPU cap is wrong on 4-vCPU
 * nodes, which leave about 3.4 cores for pods). Declared values win, but must fit the nodes and the quota.
 */
export function containerLimits(input: ContainerLimitsInput): ContainerLimits {
  // A value that is not a quantity (a typo, a negative amount) is reported with its field by validateQuota; comparing
  // it here would throw without naming the field.
  const given = [...Object.values(input.declared ?? {}), input.quota[QUOTA.cpu], input.quota[QUOTA.memory]];
  if (given.some((v) => v !== undefined && !isQuantity(v))) return { limits: { ...DEFAULT_TENANT_LIMITS, ...(input.declared ?? {}) } as Required<TenantLimits>, issues: [] };
  const issues: ValidationIssue[] = [];
  const known = input.machineTypes.map((m) => ({ machineType: m, largest: largestContainer(m) })).filter((x) => x.largest);
  const unknown = input.machineTypes.filter((m) => !largestContainer(m));
  const declared = Object.fromEntries(Object.entries(input.declared ?? {}).filter(([, v]) => v !== undefined)) as TenantLimits;
  const result: Record<Resource, string> = { cpu: '', memory: '' };

  for (const resource of ['cpu', 'memory'] as const) {
    const field = FIELD[resource];
    const quota = input.quota[QUOTA[resource]];
    const node = known.reduce<{ machineType: string; value: string } | undefined>((best, k) => {
      const value = k.largest![resource];
      return !best || compareQuantities(value, best.value) > 0 ? { machineType: k.machineType, value } : best;
    }, undefined);
    const given = declared[field];
    if (given !== undefined) {
      if (node && compareQuantities(given, node.value) > 0) {
        issues.push({
          path: input.path,
          field: `limits.${field}`,
          value: given,
          problem: `exceeds the largest container its nodes hold (${node.value} on ${node.machineType}), so such a pod never schedules`,
          fix: `lower limits.${field} to ${node.value} or run the tenant on larger machines`,
        });
      }
      if (compareQuantities(given, quota) > 0) {
        issues.push({
          path: input.path,
          field: `limits.${field}`,
          value: given,
          problem: `exceeds quota.${QUOTA[resource]} ${JSON.stringify(quota)}, so such a pod never starts`,
          fix: `lower limits.${field} or raise quota.${QUOTA[resource]}`,
        });
      }
      result[resource] = given;
      continue;
    }
    if (!node && input.isolation === 'dedicated-nodes') {
      issues.push({
        path: input.path,
        field: `limits.${field}`,
        value: undefined,
        problem: `cannot be derived: the machine types ${unknown.join(', ')} have no known shape`,
        fix: `set limits.maxCpu and limits.maxMemory to what one container may use on those nodes`,
      });
      result[resource] = DEFAULT_TENANT_LIMITS[field];
      continue;
    }
    const candidates = [quota, ...(node ? [node.value] : []), ...(input.isolation === 'dedicated-nodes' ? [] : [DEFAULT_TENANT_LIMITS[field]])];
    result[resource] = candidates.reduce((a, b) => (compareQuantities(b, a) < 0 ? b : a));
  }

  const limits: Required<TenantLimits> = { ...DEFAULT_TENANT_LIMITS, ...declared, maxCpu: result.cpu, maxMemory: result.memory };
  for (const resource of ['cpu', 'memory'] as const) {
    const field = FIELD_FOR_DEFAULT[resource];
    if (compareQuantities(limits[field], limits[FIELD[resource]]) > 0) {
      issues.push({ path: input.path, field: `limits.${field}`, value: limits[field], problem: `exceeds the container maximum ${JSON.stringify(limits[FIELD[resource]])} its nodes and quota allow`, fix: `lower limits.${field}` });
    }
  }
  return { limits, issues };
}
