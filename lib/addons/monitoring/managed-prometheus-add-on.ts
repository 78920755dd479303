import { MANAGED_PROMETHEUS_ADD_ON, managedPrometheusTrafficNeeds, ManagedPrometheusSettings, validateManagedPrometheusSettings } from '../../domain/addons/monitoring/managed-prometheus';
import type { PlatformAddOn } from '../platform-add-on';

/**
 * Google Cloud Managed Service for Prometheus scraping tenants. Enable with one line:
 * `addOns: [{ name: 'managed-prometheus' }]` (with Istio: the sidecars' merged metrics on 15020) or
 * `{ name: 'managed-prometheus', settings: { ports: [9090] } }`. Traffic only: every tenant namespace admits the
 * collectors of `gmp-system` on exactly those ports (the platform derives the NetworkPolicy); tenants write their own
 * PodMonitorings. Managed collection itself is on by default on every GkeCluster (`managedPrometheus`).
 */
export const managedPrometheusAddOn: PlatformAddOn<ManagedPrometheusSettings> = {
  name: MANAGED_PROMETHEUS_ADD_ON,
  validate: (settings, definition) => validateManagedPrometheusSettings(settings, definition),
  trafficNeeds: (settings, definition) => managedPrometheusTrafficNeeds(settings, definition),
};
