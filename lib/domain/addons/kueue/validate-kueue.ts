/**
 * The kueue add-on's settings against the definition: tenants and pools that exist and that the tenant may use,
 * quantities, limits, the pinned version, queued-provisioning pools covered by a queue, and per cluster and pool
 * the nominal quotas adding up to no more than the pool holds. One issue per mistake. Pure.
 */
import { clusterNodePools } from '../../platform/cluster-node-pools';
import type { PlatformDefinition } from '../../platform/platform-definition';
import { poolsTenantMayUse } from '../../platform/tenant-gpu-quota';
import { isQuantity } from '../../tenancy/quantity';
import type { ValidationIssue } from '../../validation-error';
import { formatAmount, nominalQuota, NominalQuota, oversubscribed, poolCapacity } from './pool-capacity';
import { KUEUE_ADD_ON, KUEUE_VERSION, KueueResources, KueueSettings } from './kueue-settings';

const PATH = `addOns[${KUEUE_ADD_ON}]`;
const TAG = /^v\d+\.\d+\.\d+$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function resourceIssues(path: string, field: string, r: KueueResources | undefined): ValidationIssue[] {
  if (r === undefined) return [];
  const issues: ValidationIssue[] = [];
  for (const key of ['cpu', 'memory'] as const) {
    const value = r[key];
    if (value !== undefined && (typeof value !== 'string' || !isQuantity(value)))
      issues.push({ path, field: `${field}.${key}`, value, problem: 'is not a Kubernetes quantity', fix: key === 'cpu' ? "give cores, e.g. '400' or '1500m'" : "give bytes, e.g. '2400Gi'" });
  }
  if (r.gpus !== undefined && (!Number.isInteger(r.gpus) || r.gpus < 0))
    issues.push({ path, field: `${field}.gpus`, value: r.gpus, problem: 'must be a whole number of at least 0', fix: 'give the GPUs as the nodes advertise them, e.g. 8' });
  return issues;
}

/** Every mistake in the settings, in the definition's issue format (`addOns[kueue]: queues[<tenant>]...`). */
export function validateKueueSettings(settings: KueueSettings, definition: PlatformDefinition): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (settings.version !== undefined && !TAG.test(settings.version))
    issues.push({ path: PATH, field: 'settings.version', value: settings.version, problem: 'is not a release tag (vMAJOR.MINOR.PATCH)', fix: `pin a release, e.g. '${KUEUE_VERSION}'` });
  if (settings.cohort !== undefined && !DNS_LABEL.test(settings.cohort)) issues.push({ path: PATH, field: 'settings.cohort', value: settings.cohort, problem: 'is not a DNS-1123 label', fix: "name the cohort e.g. 'batch'" });
  const queues = settings.queues;
  if (!Array.isArray(queues) || queues.length === 0)
    return [
      ...issues,
      { path: PATH, field: 'settings.queues', value: queues, problem: 'is not a non-empty list', fix: "list the batch tenants, e.g. [{ tenant: 'simulation', quotas: [{ pool: 'batch-spot', cpu: '400', memory: '1600Gi' }] }]" },
    ];

  const tenants = new Map((definition.tenants ?? []).map((t) => [t.name, t]));
  const seen = new Set<string>();
  // Per cluster and pool: the tenants' nominal quotas, for the capacity check.
  const perPool = new Map<string, NominalQuota[]>();
  const listedPools = new Set<string>();
  for (const queue of queues) {
    const path = `${PATH}: queues[${queue.tenant}]`;
    const tenant = tenants.get(queue.tenant);
    if (!tenant) {
      issues.push({ path, field: 'tenant', value: queue.tenant, problem: 'is not a tenant of the definition', fix: `use one of ${[...tenants.keys()].join(', ') || '(no tenants declared)'}` });
      continue;
    }
    if (seen.has(queue.tenant)) issues.push({ path, field: 'tenant', value: queue.tenant, problem: 'has two queues', fix: 'give each tenant one queue, with a quota per pool' });
    seen.add(queue.tenant);
    if (queue.weight !== undefined && !(typeof queue.weight === 'number' && queue.weight > 0 && Number.isFinite(queue.weight)))
      issues.push({ path, field: 'weight', value: queue.weight, problem: 'must be a number above 0', fix: 'use 1 for an equal share, 2 for twice the share of what the cohort lends' });
    if (!Array.isArray(queue.quotas) || queue.quotas.length === 0) {
      issues.push({ path, field: 'quotas', value: queue.quotas, problem: 'is empty', fix: "give a nominal quota on at least one pool, e.g. { pool: 'batch-spot', cpu: '100', memory: '400Gi' }" });
      continue;
    }
    const pools = new Set<string>();
    for (const quota of queue.quotas) {
      const at = `${path}.quotas[${quota.pool}]`;
      if (pools.has(quota.pool)) issues.push({ path: at, field: 'pool', value: quota.pool, problem: 'is listed twice', fix: 'give one quota per pool' });
      pools.add(quota.pool);
      const amountIssues = [...resourceIssues(at, 'quota', quota), ...resourceIssues(at, 'borrowingLimit', quota.borrowingLimit), ...resourceIssues(at, 'lendingLimit', quota.lendingLimit)];
      issues.push(...amountIssues);
      const usableSomewhere: string[] = [];
      for (const clusterName of tenant.clusters) {
        const cluster = definition.clusters.find((c) => c.name === clusterName);
        if (!cluster) continue;
        const all = clusterNodePools(definition, cluster);
        const pool = poolsTenantMayUse(all, tenant).find((p) => p.name === quota.pool);
        if (!pool) continue;
        usableSomewhere.push(clusterName);
        listedPools.add(`${clusterName}/${pool.name}`);
        const capacity = poolCapacity(pool);
        if ((quota.gpus ?? 0) > 0 && capacity.gpus === 0) issues.push({ path: at, field: 'gpus', value: quota.gpus, problem: `is set on pool ${pool.name}, which has no GPUs`, fix: "give GPUs only on a kind: 'gpu' pool" });
        if (amountIssues.length === 0) {
          const key = `${clusterName}/${pool.name}`;
          perPool.set(key, [...(perPool.get(key) ?? []), nominalQuota(queue.tenant, quota)]);
        }
      }
      if (usableSomewhere.length === 0) {
        const usable = tenant.clusters.flatMap((c) => {
          const cluster = definition.clusters.find((x) => x.name === c);
          return cluster ? poolsTenantMayUse(clusterNodePools(definition, cluster), tenant).map((p) => p.name) : [];
        });
        issues.push({
          path: at,
          field: 'pool',
          value: quota.pool,
          problem: `is not a pool tenant ${queue.tenant} may use on its clusters (${tenant.clusters.join(', ')})`,
          fix: usable.length > 0 ? `use one of ${[...new Set(usable)].join(', ')}` : 'give the tenant a pool first',
        });
      }
    }
  }

  for (const [key, quotas] of perPool) {
    const [clusterName, poolName] = key.split('/');
    const cluster = definition.clusters.find((c) => c.name === clusterName)!;
    const pool = clusterNodePools(definition, cluster).find((p) => p.name === poolName)!;
    for (const over of oversubscribed(poolCapacity(pool), quotas)) {
      const holders = quotas.filter((q) => over.tenants.includes(q.tenant));
      const parts = holders.map((q) => `${q.tenant} ${formatAmount(over.resource, over.resource === 'cpu' ? q.cpu : over.resource === 'memory' ? q.memory : q.gpus)}`).join(' + ');
      issues.push({
        path: `${PATH}: queues[${over.tenants.join(', ')}] on ${clusterName}`,
        field: `quotas[${poolName}].${over.resource === 'nvidia.com/gpu' ? 'gpus' : over.resource}`,
        value: formatAmount(over.resource, over.sum),
        problem: `is what the nominal quotas add up to (${parts}), more than pool ${poolName} holds at its ${pool.maxNodes} nodes (${formatAmount(over.resource, over.capacity)})`,
        fix: `lower the tenants' nominal quotas on ${poolName} (borrowing lets a queue use what others leave idle), or raise the pool's maxNodes`,
      });
    }
  }

  for (const cluster of definition.clusters) {
    for (const pool of clusterNodePools(definition, cluster).filter((p) => p.queuedProvisioning)) {
      if (listedPools.has(`${cluster.name}/${pool.name}`)) continue;
      const path = pool.tenant ? `tenants[${pool.tenant}].dedicatedNodes` : `clusters[${cluster.name}].nodePools[${pool.name}]`;
      issues.push({
        path,
        field: 'queuedProvisioning',
        value: true,
        problem: `is set, but no queue of the ${KUEUE_ADD_ON} add-on has a quota on pool ${pool.name} on ${cluster.name}, so nothing would ever request its nodes`,
        fix: `give ${pool.tenant ? `queues[${pool.tenant}]` : 'a tenant queue'} a quota on ${pool.name}, or leave queuedProvisioning out`,
      });
    }
  }
  return issues;
}
