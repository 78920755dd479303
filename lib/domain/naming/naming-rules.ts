/** Name rules shared by the platform model and the constructs (GCP and Kubernetes naming limits). */

/** GKE cluster and node pool names. */
export const GKE_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
export const GKE_NAME_RULE = 'must match [a-z]([-a-z0-9]{0,38}[a-z0-9])? (lower-case, at most 40 characters, starting with a letter)';

/** Most GCP resource names (RFC 1035 label, ≤ 63). */
export const GCP_RESOURCE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const GCP_RESOURCE_NAME_RULE = 'must be an RFC 1035 label: lower-case letters, digits and hyphens, starting with a letter, at most 63 characters';

/** GCP project ids: 6–30 characters. */
export const GCP_PROJECT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
export const GCP_PROJECT_ID_RULE = 'must be 6-30 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen';

/** GCP regions such as us-central1 or europe-west4. */
export const GCP_REGION = /^[a-z]+-[a-z]+[0-9]+$/;
/** GCP zones such as us-central1-a. */
export const GCP_ZONE = /^([a-z]+-[a-z]+[0-9]+)-[a-z]$/;

/** DNS domain, e.g. example.com. */
export const DNS_DOMAIN = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Platform names prefix stack names and resource names, so they stay short. */
export const PLATFORM_NAME = /^[a-z]([-a-z0-9]{0,18}[a-z0-9])?$/;

/** The region a zone belongs to, or undefined when the text is not a zone. */
export function regionOfZone(zone: string): string | undefined {
  return GCP_ZONE.exec(zone)?.[1];
}
