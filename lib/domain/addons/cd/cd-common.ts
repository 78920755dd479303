/** What the CD add-ons share: the cluster they run on, group lists per permission. Pure. */
import type { PlatformDefinition } from '../../platform/platform-definition';
import type { TenantPlan } from '../../platform/platform-plan';
import type { ValidationIssue } from '../../validation-error';
import type { TrafficNeed } from '../traffic-needs';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Groups that may see a tenant's deployments: every role (admin, developer, viewer), as declared. */
export function readGroups(tenant: TenantPlan): string[] {
  const g = tenant.resolved.groups;
  return [g.admin, g.developer, g.viewer].filter((x): x is string => !!x);
}

/** Groups that may deploy: exactly those bound to a role that can write workloads (admin, developer). */
export function writeGroups(tenant: TenantPlan): string[] {
  const g = tenant.resolved.groups;
  return [g.admin, g.developer].filter((x): x is string => !!x);
}

/** The `cluster` a CD system runs on must be a cluster of the definition; `namespace` a DNS label. */
export function validateCdPlacement(addOn: string, settings: { readonly cluster?: unknown; readonly namespace?: unknown }, definition: PlatformDefinition, defaultNamespace: string): ValidationIssue[] {
  const path = `addOns[${addOn}]`;
  const issues: ValidationIssue[] = [];
  const clusters = definition.clusters.map((c) => c.name);
  if (typeof settings.cluster !== 'string' || !clusters.includes(settings.cluster)) {
    issues.push({ path, field: 'settings.cluster', value: settings.cluster, problem: `is not a cluster of the definition (where ${addOn} runs)`, fix: `use one of ${clusters.join(', ')}` });
  }
  if (settings.namespace !== undefined && (typeof settings.namespace !== 'string' || !DNS_LABEL.test(settings.namespace))) {
    issues.push({ path, field: 'settings.namespace', value: settings.namespace, problem: 'is not a DNS-1123 label', fix: `use e.g. '${defaultNamespace}'` });
  }
  if (typeof settings.namespace === 'string' && (definition.tenants ?? []).some((t) => t.name === settings.namespace)) {
    issues.push({ path, field: 'settings.namespace', value: settings.namespace, problem: 'is the namespace of a tenant', fix: `give ${addOn} a namespace of its own, e.g. '${defaultNamespace}'` });
  }
  return issues;
}

/**
 * What a CD system needs from the network: its pods, on the cluster it runs on, call the API server of every
 * cluster it deploys to (every cluster with a tenant). The platform authorizes the CD cluster's pod ranges on the
 * targets' control planes; its own control plane always admits them.
 */
export function cdTrafficNeeds(addOn: string, cluster: string, definition: PlatformDefinition): TrafficNeed[] {
  const targets = definition.clusters.map((c) => c.name).filter((c) => (definition.tenants ?? []).some((t) => t.clusters.includes(c)));
  if (targets.length === 0) return [];
  return [{ kind: 'cluster-to-control-planes', from: cluster, clusters: targets, reason: `${addOn} on ${cluster} deploys tenants' workloads through each target cluster's API server` }];
}
