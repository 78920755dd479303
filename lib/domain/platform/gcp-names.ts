import { ClusterDefinition } from './platform-definition';

/*
 * GCP names derived from the platform definition. They are part of the public contract: renaming a
 * subnet or a secondary range replaces it (and the cluster on it), so these only ever derive from
 * user-given names, and tests pin them.
 */

/** The subnet a cluster's nodes live in: one per cluster, in the cluster's region. */
export function clusterSubnetName(cluster: Pick<ClusterDefinition, 'name'>): string {
  return `gke-${cluster.name}`;
}

export function podRangeName(cluster: Pick<ClusterDefinition, 'name'>): string {
  return `${cluster.name}-pods`;
}

export function servicesRangeName(cluster: Pick<ClusterDefinition, 'name'>): string {
  return `${cluster.name}-services`;
}

/** Secondary range name of an additional pod range. */
export function additionalPodRangeName(cluster: Pick<ClusterDefinition, 'name'>, range: string): string {
  return `${cluster.name}-${range}`;
}

/** Terraform stack names: one state and blast radius each. */
export const stackNames = {
  network: (platform: string) => `${platform}-network`,
  fleet: (platform: string) => `${platform}-fleet`,
  cluster: (platform: string, cluster: string) => `${platform}-cluster-${cluster}`,
  link: (platform: string, link: string) => `${platform}-link-${link}`,
  /** The single tenants stack from before sharding: kept for platforms whose record names it (tenant-states.ts). */
  tenants: (platform: string) => `${platform}-tenants`,
  projectServices: (platform: string) => `${platform}-project-services`,
  /** IAM of developer-namespace owners on their cluster's project. */
  developers: (platform: string) => `${platform}-developers`,
};
