import { ApiObject } from 'cdk8s';
import { ISTIO_ADD_ON, IstioSettings, meshConnectivityIntents, meshTrafficNeeds, resolveIstioSettings, tenantMeshPlan, validateIstioSettings } from '../../domain/addons/istio/mesh-plan';
import { istioDeployNeeds, validateIstioVersion } from '../../domain/addons/istio/istio-prerequisites';
import { ValidationError } from '../../domain/validation-error';
import type { PlatformAddOn } from '../platform-add-on';
import { ISTIO_INJECTION_LABEL, TenantMesh } from './tenant-mesh';

/**
 * Istio for every tenant namespace, from the tenant model's dependency graph. Enable with one line:
 * `addOns: [{ name: 'istio' }]`. Manifests only: the injection label on each tenant namespace and a TenantMesh
 * beside it. At deploy time Istio's CRDs come first, from Istio's `base` chart at the pinned release (deployNeeds).
 * Installing Istio itself (istiod, the CNI node agent, gateways) is not part of it.
 */
export const istioAddOn: PlatformAddOn<IstioSettings> = {
  name: ISTIO_ADD_ON,
  validate: (settings, definition) => [...validateIstioSettings(settings, definition), ...validateIstioVersion(settings)],
  deployNeeds: (settings, cluster, plan) => istioDeployNeeds(settings, cluster, plan),
  connectivityIntents: (_settings, plan) => meshConnectivityIntents(plan),
  trafficNeeds: (_settings, definition) => meshTrafficNeeds(definition),
  extendTenantManifests({ scope, chart, plan, tenant, namespace, settings }) {
    const resolved = resolveIstioSettings(settings);
    const ns = chart.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Namespace' && c.name === namespace);
    if (!ns) throw new ValidationError({ path: scope.node.path, field: 'namespace', value: namespace, problem: 'has no Namespace object in the tenant chart', fix: 'run the istio add-on on charts built by buildClusterManifests' });
    ns.metadata.addLabel(ISTIO_INJECTION_LABEL, 'enabled');
    new TenantMesh(scope, 'Mesh', { mesh: tenantMeshPlan(tenant, plan, resolved), systemNamespace: resolved.systemNamespace });
  },
};
