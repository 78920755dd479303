/**
 * The labels every cloud resource of a platform carries: a spec, so it lives in the domain. The stacks set them as
 * the Google provider's `default_labels` and the AWS provider's `default_tags`.
 */

/** Label key naming the tool that manages a resource. */
export const MANAGED_BY_CLOUD_LABEL = 'managed-by';
/** Its value: this library. */
export const MANAGED_BY_CLOUD_VALUE = 'gke-platform-cdk';
/** Label key naming the platform (its short name, a valid GCE label value by the platform name rule). */
export const PLATFORM_CLOUD_LABEL = 'platform';

/** Labels on every Google resource that takes labels (and tags on every AWS resource) of the platform `platform`. */
export function platformLabels(platform: string): Record<string, string> {
  return { [MANAGED_BY_CLOUD_LABEL]: MANAGED_BY_CLOUD_VALUE, [PLATFORM_CLOUD_LABEL]: platform };
}
