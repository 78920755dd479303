/**
 * A small add-on written against the public API only: per tenant, a Pub/Sub topic for the tenant's alerts
 * (Terraform, in the stack that owns the tenant) and, in each of the tenant's namespaces, a ConfigMap telling
 * workloads where to publish (Kubernetes, in the tenant's chart). Enable it in the definition:
 * `addOns: [{ name: 'tenant-alerts', settings: { retentionDays: 7 } }]`.
 */
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { ConfigMap } from 'cdk8s-plus-33';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM, type PlatformAddOn, type PlatformDefinition, type ValidationIssue } from '../../lib';

export interface TenantAlertsSettings {
  /** Days Pub/Sub keeps alert messages (1-31). @default 7 */
  readonly retentionDays?: number;
}

/** Default retention: a week covers a weekend on call and the Monday after. */
export const DEFAULT_ALERT_RETENTION_DAYS = 7;
/** Name of the ConfigMap in each tenant namespace. */
export const ALERTS_CONFIG_MAP = 'platform-alerts';

/** The topic a tenant's alerts go to: `<platform>-<tenant>-alerts`. */
export function alertsTopicName(platform: string, tenant: string): string {
  return `${platform}-${tenant}-alerts`;
}

export const tenantAlerts: PlatformAddOn<TenantAlertsSettings> = {
  name: 'tenant-alerts',

  validate(settings: TenantAlertsSettings, _definition: PlatformDefinition): ValidationIssue[] {
    const days = settings.retentionDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 31)) {
      return [{ path: 'addOns[tenant-alerts]', field: 'settings.retentionDays', value: days, problem: 'must be a whole number of days from 1 to 31 (Pub/Sub keeps messages at most 31 days)', fix: 'use e.g. 7' }];
    }
    return [];
  },

  // One topic per tenant: what shard placement counts for this add-on.
  tenantResources: () => 1,

  extendTenant({ scope, tenant, plan, settings }) {
    new PubsubTopic(scope, 'Topic', {
      project: tenant.plan.project,
      name: alertsTopicName(plan.name, tenant.plan.name),
      messageRetentionDuration: `${(settings.retentionDays ?? DEFAULT_ALERT_RETENTION_DAYS) * 86_400}s`,
      labels: { tenant: tenant.plan.name },
    });
  },

  extendTenantManifests({ scope, tenant, namespace, plan }) {
    new ConfigMap(scope, 'Config', {
      // Platform-owned: the platform policies keep tenants from editing it.
      metadata: { name: ALERTS_CONFIG_MAP, namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM } },
      data: { topic: `projects/${tenant.project}/topics/${alertsTopicName(plan.name, tenant.name)}` },
    });
  },
};
