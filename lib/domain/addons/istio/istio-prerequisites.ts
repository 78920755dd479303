/**
 * What the Istio add-on's objects (Sidecar, PeerAuthentication, AuthorizationPolicy, ServiceEntry) need on a cluster:
 * Istio's CRDs, from Istio's own `base` Helm chart at a pinned release, and the mesh's system namespace. istiod,
 * the CNI agent and gateways are not installed by the add-on (docs/seed-add-ons.md). Pure.
 */
import type { ClusterPlan, PlatformPlan } from '../../platform/platform-plan';
import { tenantsOnPlannedCluster } from '../../platform/platform-plan';
import type { ValidationIssue } from '../../validation-error';
import type { AddOnDeployNeeds } from '../deploy-prerequisites';
import { ISTIO_ADD_ON, IstioSettings, resolveIstioSettings } from './mesh-plan';

/**
 * The Istio release whose `base` chart installs the CRDs: the newest patch release of Istio when this was pinned
 * (December 2026). The conformance rehearsal builds the same release's CRDs from istio.io/api at the same tag.
 */
export const ISTIO_VERSION = '1.31.4';
/** Istio's published Helm chart repository (istio.io's install guide, "Install with Helm"). */
const ISTIO_CHART_REPOSITORY = 'https://istio-release.storage.googleapis.com/charts';
/** The chart of Istio's cluster-wide resources: the CRDs (and the default revision's validation). */
const ISTIO_BASE_CHART = 'base';
/** The prerequisite's name: its RootSync and the Helm release. */
const ISTIO_BASE_PREREQUISITE = 'istio-base';
/** The API groups of Istio's CRDs. */
const ISTIO_CRD_GROUPS: readonly string[] = ['extensions.istio.io', 'networking.istio.io', 'security.istio.io', 'telemetry.istio.io'];

const RELEASE = /^\d+\.\d+\.\d+$/;

/** `settings.version`: an Istio release, exactly. */
export function validateIstioVersion(settings: IstioSettings): ValidationIssue[] {
  const version = settings.version;
  if (version === undefined || (typeof version === 'string' && RELEASE.test(version))) return [];
  return [{ path: `addOns[${ISTIO_ADD_ON}]`, field: 'settings.version', value: version, problem: 'is not an Istio release (major.minor.patch, no v)', fix: `pin the release the mesh runs, e.g. '${ISTIO_VERSION}'` }];
}

/** Istio's base chart and the system namespace, on every cluster that hosts tenants (where the add-on writes objects). */
export function istioDeployNeeds(settings: IstioSettings, cluster: ClusterPlan, plan: PlatformPlan): AddOnDeployNeeds {
  if (tenantsOnPlannedCluster(plan, cluster.name).length === 0) return {};
  const { systemNamespace } = resolveIstioSettings(settings);
  const version = settings.version ?? ISTIO_VERSION;
  return {
    prerequisites: [
      {
        name: ISTIO_BASE_PREREQUISITE,
        description: `Istio ${version} base chart: the Istio CRDs`,
        source: { type: 'helm', repo: ISTIO_CHART_REPOSITORY, chart: ISTIO_BASE_CHART, version, namespace: systemNamespace },
        providesGroups: ISTIO_CRD_GROUPS,
      },
    ],
    namespaces: [systemNamespace],
  };
}
