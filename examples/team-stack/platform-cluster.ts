import type { GkeClusterAttributes } from '../../lib';

/**
 * What the platform team hands a product team about the shared production cluster `prod-usc1` of the
 * bundled example platform (examples/drive-platform/platform.ts). Every value is fixed by the platform's definition:
 * - name, location, projectId, nodeLocations: the cluster entry (zones default to <region>-a/b/c);
 * - nodeServiceAccountEmail: the cluster stack creates `<cluster>-nodes@<project>.iam.gserviceaccount.com`;
 * - podRangeName: `<cluster>-pods` (lib/platform/gcp-names.ts), sized for maxPodsPerNode by the IP plan
 *   (`npm run ip-plan` shows the range and its headroom).
 * Check them against the live cluster with `gcloud container clusters describe prod-usc1 --region us-central1`.
 */
export const PROD_USC1: GkeClusterAttributes = {
  name: 'prod-usc1',
  location: 'us-central1',
  projectId: 'drive-gke-prod',
  nodeServiceAccountEmail: 'prod-usc1-nodes@drive-gke-prod.iam.gserviceaccount.com',
  podRangeName: 'prod-usc1-pods',
  maxPodsPerNode: 64,
  releaseChannel: 'REGULAR',
  nodeLocations: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
};
