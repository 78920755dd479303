import { ApiObject } from 'cdk8s';
import { applicationSet, appProject, ARGO_CD_ADD_ON, ArgoCdSettings, validateArgoCdSettings } from '../../domain/addons/cd/argo-cd-project';
import { argoCdDeployNeeds, validateArgoCdVersion } from '../../domain/addons/cd/cd-prerequisites';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM } from '../../domain/tenancy/labels';
import { DEPLOYER_SERVICE_ACCOUNT } from '../../tenancy/tenant-namespace';
import { cdTrafficNeeds } from '../../domain/addons/cd/cd-common';
import type { PlatformAddOn } from '../platform-add-on';

/**
 * Argo CD per tenant: an AppProject and an ApplicationSet, in the platform manifests of the cluster Argo CD runs
 * on. Enable with one line: `addOns: [{ name: 'argo-cd', settings: { cluster: 'prod-usc1' } }]`. Syncs impersonate
 * the tenant namespace's `deployer` service account (TenantNamespace), bound like the tenant's developer group.
 * At deploy time Argo CD's CRDs come first, from its `manifests/crds` at the pinned release (deployNeeds).
 */
export const argoCdAddOn: PlatformAddOn<ArgoCdSettings> = {
  name: ARGO_CD_ADD_ON,
  validate: (settings, definition) => [...validateArgoCdSettings(settings, definition), ...validateArgoCdVersion(settings)],
  deployNeeds: (settings, cluster) => argoCdDeployNeeds(settings, cluster),
  trafficNeeds: (settings, definition) => cdTrafficNeeds(ARGO_CD_ADD_ON, settings.cluster, definition),
  extendClusterManifests({ scope, plan, cluster, settings }) {
    if (cluster.name !== settings.cluster) return;
    const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM };
    for (const tenant of plan.tenants) {
      new ApiObject(scope, `AppProject-${tenant.name}`, appProject(tenant, plan, settings, DEPLOYER_SERVICE_ACCOUNT, labels) as any);
      new ApiObject(scope, `ApplicationSet-${tenant.name}`, applicationSet(tenant, plan, settings, labels) as any);
    }
  },
};
