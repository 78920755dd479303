/**
 * What the kueue add-on's objects need on a cluster: Kueue's CRDs from `config/components/crd/bases` of Kueue's
 * repository at the pinned release tag, applied by the GitOps engine before the ResourceFlavors, ClusterQueues and
 * LocalQueues. The Kueue controller itself (with fair sharing and the ProvisioningRequest admission check enabled in
 * its configuration) is installed by the platform team, as the other add-ons' controllers are. Pure.
 */
import type { ClusterPlan } from '../../platform/platform-plan';
import type { AddOnDeployNeeds } from '../deploy-prerequisites';
import { queuesOnCluster } from './kueue-plan';
import { KUEUE_CRDS_DIR, KUEUE_CRDS_PREREQUISITE, KUEUE_GROUP, KUEUE_REPOSITORY, KUEUE_VERSION, KueueSettings } from './kueue-settings';

/** Kueue's CRDs on every cluster where a batch tenant's queue has a quota (where the add-on writes objects). */
export function kueueDeployNeeds(settings: KueueSettings, cluster: ClusterPlan): AddOnDeployNeeds {
  if (queuesOnCluster(settings, cluster).length === 0) return {};
  const version = settings.version ?? KUEUE_VERSION;
  return {
    prerequisites: [{ name: KUEUE_CRDS_PREREQUISITE, description: `Kueue ${version} CRDs`, source: { type: 'git', repo: KUEUE_REPOSITORY, revision: version, dir: KUEUE_CRDS_DIR }, providesGroups: [KUEUE_GROUP] }],
  };
}
