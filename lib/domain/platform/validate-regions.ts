import { IssueCollector } from '../validation-error';
import { isKnownRegion, knownZones, similarRegions } from './gcp-regions';
import { GCP_REGION, GCP_ZONE, regionOfZone } from '../naming/naming-rules';
import { ClusterDefinition, PlatformDefinition } from './platform-definition';

/** Regions must be listed in gcp-regions.ts or declared in `additionalRegions` (a newer region, spelt deliberately). */
export function validateRegions(definition: Pick<PlatformDefinition, 'regions' | 'additionalRegions'>, issues: IssueCollector): void {
  const additional = new Set(definition.additionalRegions ?? []);
  for (const region of definition.additionalRegions ?? []) {
    if (!GCP_REGION.test(region)) issues.add({ path: 'platform', field: 'additionalRegions', value: region, problem: 'is not a GCP region name', fix: 'use a region name such as "us-central1"' });
  }
  for (const region of definition.regions) {
    if (!GCP_REGION.test(region)) {
      issues.add({ path: 'regions', field: 'region', value: region, problem: 'is not a GCP region name', fix: 'use a region such as "us-central1"' });
    } else if (!isKnownRegion(region) && !additional.has(region)) {
      const similar = similarRegions(region);
      issues.add({
        path: 'regions',
        field: 'region',
        value: region,
        problem: 'is not a known Google Cloud region',
        fix: `${similar.length > 0 ? `did you mean ${similar.join(' or ')}? ` : ''}if it is a region newer than the library's list, add it to additionalRegions`,
      });
    }
  }
}

/** A cluster's zones must belong to its region and, for a listed region, exist. */
export function validateClusterZones(definition: Pick<PlatformDefinition, 'additionalRegions'>, cluster: ClusterDefinition, issues: IssueCollector): void {
  const path = `clusters[${cluster.name}]`;
  const listed = knownZones(cluster.region);
  for (const zone of cluster.zones ?? []) {
    if (!GCP_ZONE.test(zone) || regionOfZone(zone) !== cluster.region) {
      issues.add({ path, field: 'zones', value: zone, problem: `is not a zone of the cluster's region ${cluster.region}`, fix: `use zones such as ${(listed ?? [`${cluster.region}-a`])[0]}` });
    } else if (listed && !listed.includes(zone)) {
      issues.add({ path, field: 'zones', value: zone, problem: `is not one of ${cluster.region}'s zones`, fix: `use zones from ${listed.join(', ')}` });
    }
  }
  if (!cluster.zones && !listed && (definition.additionalRegions ?? []).includes(cluster.region)) {
    issues.add({
      path,
      field: 'zones',
      value: undefined,
      problem: `must be listed for ${cluster.region}, a region outside the library's list`,
      fix: `list the zones, e.g. zones: ['${cluster.region}-a', '${cluster.region}-b', '${cluster.region}-c']`,
    });
  }
}
