/**
 * The Managed Prometheus add-on's settings and traffic: Google Cloud Managed Service for Prometheus (on by default on
 * every GkeCluster) runs its collectors in `gmp-system`; tenants' default-deny ingress drops their scrapes unless each
 * tenant namespace admits them on its metrics ports. Pure: no cdktf, cdk8s or constructs.
 */
import type { PlatformDefinition } from '../../platform/platform-definition';
import type { ValidationIssue } from '../../validation-error';
import { ISTIO_ADD_ON } from '../istio/mesh-plan';
import type { TrafficNeed } from '../traffic-needs';

export const MANAGED_PROMETHEUS_ADD_ON = 'managed-prometheus';
/** Where GKE runs Managed Prometheus' collectors (managed collection). */
export const GMP_NAMESPACE = 'gmp-system';
/**
 * Istio's merged metrics port on every sidecar (the application's metrics and Envoy's, `/stats/prometheus`): the
 * sidecar serves it itself, outside inbound capture, so a collector outside the mesh scrapes it under STRICT mTLS.
 */
export const ISTIO_MERGED_METRICS_PORT = 15020;
/** Envoy's own Prometheus port, likewise outside capture. */
export const ENVOY_PROMETHEUS_PORT = 15090;

/** Settings of the managed-prometheus add-on (`addOns: [{ name: 'managed-prometheus', settings }]`). */
export interface ManagedPrometheusSettings {
  /**
   * The tenants' TCP ports the collectors scrape (what their PodMonitorings name). Under the Istio add-on only the
   * sidecar's own metrics ports can be scraped from outside the mesh (15020, 15090): STRICT mTLS refuses the rest.
   * @default [15020] (ISTIO_MERGED_METRICS_PORT) when the istio add-on is enabled; required otherwise
   */
  readonly ports?: readonly number[];
}

const meshEnabled = (definition: PlatformDefinition) => (definition.addOns ?? []).some((a) => a?.name === ISTIO_ADD_ON);

/** The ports scraped: as given, else Istio's merged metrics port when the mesh is on. */
export function scrapedPorts(settings: ManagedPrometheusSettings, definition: PlatformDefinition): readonly number[] {
  return settings.ports ?? (meshEnabled(definition) ? [ISTIO_MERGED_METRICS_PORT] : []);
}

export function validateManagedPrometheusSettings(settings: ManagedPrometheusSettings, definition: PlatformDefinition): ValidationIssue[] {
  const path = `addOns[${MANAGED_PROMETHEUS_ADD_ON}]`;
  const ports = settings.ports;
  if (ports === undefined) {
    if (meshEnabled(definition)) return [];
    return [
      {
        path,
        field: 'settings.ports',
        value: ports,
        problem: "is not given: the tenants' metrics ports cannot be guessed, so no NetworkPolicy would admit the collectors",
        fix: 'list the ports your PodMonitorings scrape, e.g. ports: [9090]',
      },
    ];
  }
  if (!Array.isArray(ports) || ports.length === 0) return [{ path, field: 'settings.ports', value: ports, problem: 'is not a non-empty list of ports', fix: 'list the ports your PodMonitorings scrape, e.g. ports: [9090]' }];
  const issues: ValidationIssue[] = [];
  ports.forEach((port, i) => {
    if (!Number.isInteger(port) || port < 1 || port > 65535) issues.push({ path, field: `settings.ports[${i}]`, value: port, problem: 'is not a TCP port (1..65535)', fix: 'use the port number your PodMonitorings scrape, e.g. 9090' });
    else if (meshEnabled(definition) && port !== ISTIO_MERGED_METRICS_PORT && port !== ENVOY_PROMETHEUS_PORT) {
      issues.push({
        path,
        field: `settings.ports[${i}]`,
        value: port,
        problem: `is captured by the tenants' Istio sidecars, whose STRICT mTLS refuses the collectors (${GMP_NAMESPACE} is outside the mesh)`,
        fix: `scrape Istio's merged metrics on ${ISTIO_MERGED_METRICS_PORT} (the application's metrics included), or leave ports out`,
      });
    }
  });
  return issues;
}

/** The collectors in gmp-system, on every cluster, open connections to every tenant's metrics ports. */
export function managedPrometheusTrafficNeeds(settings: ManagedPrometheusSettings, definition: PlatformDefinition): TrafficNeed[] {
  const ports = scrapedPorts(settings, definition);
  if (ports.length === 0) return [];
  return [{ kind: 'namespace-to-tenants', namespace: GMP_NAMESPACE, ports, reason: "Managed Prometheus' collectors scrape tenants' metrics" }];
}
