/**
 * The Google Cloud regions and zones a platform may name, so a typo (`us-centrall1`, `europe-west1-a`) is an
 * error before it becomes four new ranges in the lock file. Maintained by hand from
 * https://cloud.google.com/compute/docs/regions-zones (checked November 2026). A region newer than this list
 * is accepted when the definition names it in `additionalRegions`; its clusters then list their `zones`.
 */
import { DEFAULT_ZONE_SUFFIXES } from './platform-defaults';

export const GCP_REGION_ZONES: Readonly<Record<string, readonly string[]>> = {
  'africa-south1': ['a', 'b', 'c'],
  'asia-east1': ['a', 'b', 'c'],
  'asia-east2': ['a', 'b', 'c'],
  'asia-northeast1': ['a', 'b', 'c'],
  'asia-northeast2': ['a', 'b', 'c'],
  'asia-northeast3': ['a', 'b', 'c'],
  'asia-south1': ['a', 'b', 'c'],
  'asia-south2': ['a', 'b', 'c'],
  'asia-southeast1': ['a', 'b', 'c'],
  'asia-southeast2': ['a', 'b', 'c'],
  'australia-southeast1': ['a', 'b', 'c'],
  'australia-southeast2': ['a', 'b', 'c'],
  'europe-central2': ['a', 'b', 'c'],
  'europe-north1': ['a', 'b', 'c'],
  'europe-north2': ['a', 'b', 'c'],
  'europe-southwest1': ['a', 'b', 'c'],
  // europe-west1 has no zone a.
  'europe-west1': ['b', 'c', 'd'],
  'europe-west2': ['a', 'b', 'c'],
  'europe-west3': ['a', 'b', 'c'],
  'europe-west4': ['a', 'b', 'c'],
  'europe-west6': ['a', 'b', 'c'],
  'europe-west8': ['a', 'b', 'c'],
  'europe-west9': ['a', 'b', 'c'],
  'europe-west10': ['a', 'b', 'c'],
  'europe-west12': ['a', 'b', 'c'],
  'me-central1': ['a', 'b', 'c'],
  'me-central2': ['a', 'b', 'c'],
  'me-west1': ['a', 'b', 'c'],
  'northamerica-northeast1': ['a', 'b', 'c'],
  'northamerica-northeast2': ['a', 'b', 'c'],
  'northamerica-south1': ['a', 'b', 'c'],
  'southamerica-east1': ['a', 'b', 'c'],
  'southamerica-west1': ['a', 'b', 'c'],
  // us-central1 has four zones; us-east1 has no zone a.
  'us-central1': ['a', 'b', 'c', 'f'],
  'us-east1': ['b', 'c', 'd'],
  'us-east4': ['a', 'b', 'c'],
  'us-east5': ['a', 'b', 'c'],
  'us-south1': ['a', 'b', 'c'],
  'us-west1': ['a', 'b', 'c'],
  'us-west2': ['a', 'b', 'c'],
  'us-west3': ['a', 'b', 'c'],
  'us-west4': ['a', 'b', 'c'],
};

/** Whether the list knows the region. */
export function isKnownRegion(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(GCP_REGION_ZONES, region);
}

/** The zones of a listed region (`us-central1-a`, ...); undefined for a region outside the list. */
export function knownZones(region: string): readonly string[] | undefined {
  return isKnownRegion(region) ? GCP_REGION_ZONES[region].map((suffix) => `${region}-${suffix}`) : undefined;
}

/** A cluster's zones when it names none: the region's first three listed zones (a, b, c outside the list). */
export function defaultZones(region: string): readonly string[] {
  return (isKnownRegion(region) ? GCP_REGION_ZONES[region] : DEFAULT_ZONE_SUFFIXES).slice(0, 3).map((suffix) => `${region}-${suffix}`);
}

/** Listed regions closest to a misspelt one (the nearest, at edit distance ≤ 2), for the fix of an error message. */
export function similarRegions(region: string): string[] {
  const scored = Object.keys(GCP_REGION_ZONES).map((known) => ({ known, distance: editDistance(region, known) }));
  const best = Math.min(...scored.map((c) => c.distance));
  return best > 2
    ? []
    : scored
        .filter((c) => c.distance === best)
        .map((c) => c.known)
        .sort();
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
