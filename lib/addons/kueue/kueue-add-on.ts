import { ApiObject } from 'cdk8s';
import { kueueClusterObjects } from '../../domain/addons/kueue/kueue-plan';
import { kueueDeployNeeds } from '../../domain/addons/kueue/kueue-prerequisites';
import { KUEUE_ADD_ON, KueueSettings } from '../../domain/addons/kueue/kueue-settings';
import { queueAdmissionCases, queuedNamespaces, requireQueuePolicyObjects } from '../../domain/addons/kueue/queue-rule';
import { validateKueueSettings } from '../../domain/addons/kueue/validate-kueue';
import type { PlatformAddOn } from '../platform-add-on';

/**
 * Kueue for batch tenants (simulation, ML training): enable with
 * `addOns: [{ name: 'kueue', settings: { queues: [{ tenant, quotas: [{ pool, cpu, memory, gpus }] }] } }]`.
 * Per cluster: a ResourceFlavor per pool a queue names, a ClusterQueue per batch tenant in one cohort, the
 * ProvisioningRequestConfig and AdmissionCheck for queued-provisioning pools, and the policy
 * `platform-require-kueue-queue`; per batch tenant namespace a LocalQueue `batch`. At deploy time Kueue's CRDs come
 * first, from Kueue's repository at the pinned release (deployNeeds). Installing the Kueue controller is not part of it.
 *
 * Construct ids (cdk8s: object names in the output): `<Kind>-<name>` under the add-on's scope. Escape hatch: the
 * ApiObjects' `addJsonPatch`.
 */
export const kueueAddOn: PlatformAddOn<KueueSettings> = {
  name: KUEUE_ADD_ON,
  validate: (settings, definition) => validateKueueSettings(settings, definition),
  deployNeeds: (settings, cluster) => kueueDeployNeeds(settings, cluster),
  admissionCases: (settings, cluster, plan) => queueAdmissionCases(settings, cluster, plan),
  admissionPolicies({ scope, settings, cluster }) {
    const namespaces = queuedNamespaces(settings, cluster);
    if (namespaces.length === 0) return;
    for (const object of requireQueuePolicyObjects(namespaces)) new ApiObject(scope, `${object.kind}-${(object.metadata as { name: string }).name}`, object as any);
  },
  extendClusterManifests({ scope, settings, cluster }) {
    for (const object of kueueClusterObjects(settings, cluster).cluster) new ApiObject(scope, `${object.kind}-${object.metadata.name}`, { ...object });
  },
  extendTenantManifests({ scope, settings, cluster, tenant }) {
    for (const object of kueueClusterObjects(settings, cluster).tenants[tenant.name] ?? []) new ApiObject(scope, `${object.kind}-${object.metadata.name}`, { ...object });
  },
};
