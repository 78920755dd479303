import type { Reservation } from '../ip-plan/plan-requests';
import { Cidr } from '../ip-plan/cidr';
import { GCP_REGION, GCP_RESOURCE_NAME, GCP_RESOURCE_NAME_RULE } from '../naming/naming-rules';
import type { ValidationIssue } from '../validation-error';
import { clusterSubnetName } from './gcp-names';
import type { PlatformDefinition } from './platform-definition';

/**
 * An existing VPC (`network.existing`): what the platform reserves in its IP plan and what it checks. Which parts the
 * network stack creates in the VPC and which it only reads is written down in NetworkDefinition.existing.
 */

/** Reservation name of an existing subnet's primary range; part of the IP plan's contract (errors name it). */
export function existingSubnetReservationName(subnet: string): string {
  return `network/existing/${subnet}`;
}

/** Reservation name of an existing subnet's secondary range. */
export function existingSecondaryRangeReservationName(subnet: string, rangeName: string): string {
  return `network/existing/${subnet}/${rangeName}`;
}

/** Every range of the existing VPC's subnets, reserved so no range of the platform overlaps them. Empty without `network.existing`. */
export function existingNetworkReservations(definition: Pick<PlatformDefinition, 'network'>): Reservation[] {
  const network = definition.network;
  return (network.existing?.subnets ?? []).flatMap((subnet) => [
    { name: existingSubnetReservationName(subnet.name), cidr: subnet.cidr, reason: `subnet ${subnet.name} (${subnet.region}) of the existing VPC ${network.name}` },
    ...(subnet.secondaryRanges ?? []).map((range) => ({
      name: existingSecondaryRangeReservationName(subnet.name, range.rangeName),
      cidr: range.cidr,
      reason: `secondary range ${range.rangeName} of subnet ${subnet.name} of the existing VPC ${network.name}`,
    })),
  ]);
}

/**
 * The existing VPC's declared subnets: names, regions and ranges well formed, each declared once, and none named like the
 * subnet the platform creates for a cluster in the same region (GCP refuses a second subnet of that name there).
 * Overlaps between ranges are the IP plan's to report (it names both parties).
 */
export function validateExistingNetwork(definition: Pick<PlatformDefinition, 'network' | 'clusters'>): ValidationIssue[] {
  const existing = definition.network.existing;
  if (!existing) return [];
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const clusterSubnets = new Map(definition.clusters.map((c) => [`${c.region}/${clusterSubnetName(c)}`, c.name]));
  (existing.subnets ?? []).forEach((subnet, i) => {
    const path = `network.existing.subnets[${subnet.name || i}]`;
    if (!GCP_RESOURCE_NAME.test(subnet.name)) issues.push({ path, field: 'name', value: subnet.name, problem: GCP_RESOURCE_NAME_RULE, fix: 'copy the name from `gcloud compute networks subnets list`' });
    const key = `${subnet.region}/${subnet.name}`;
    if (seen.has(key)) issues.push({ path, field: 'name', value: subnet.name, problem: `is declared twice in ${subnet.region}`, fix: 'list each existing subnet once' });
    seen.add(key);
    if (!GCP_REGION.test(subnet.region)) issues.push({ path, field: 'region', value: subnet.region, problem: 'is not a GCP region name', fix: 'give the subnet\'s region, e.g. "us-central1"' });
    const cluster = clusterSubnets.get(key);
    if (cluster !== undefined) {
      issues.push({
        path,
        field: 'name',
        value: subnet.name,
        problem: `is the name of the subnet the platform creates for cluster ${cluster} in ${subnet.region}, and GCP refuses a second subnet of that name there`,
        fix: `rename the cluster, or, if this subnet is the one the platform would create, import it into the network stack's state (\`terraform import\`) instead of declaring it here`,
      });
    }
    const cidrIssue = (field: string, cidr: string) => {
      const parsed = Cidr.tryParse(cidr);
      if (typeof parsed === 'string') issues.push({ path, field, value: cidr, problem: parsed, fix: 'copy the range from `gcloud compute networks subnets describe`, e.g. 10.128.0.0/20' });
    };
    cidrIssue('cidr', subnet.cidr);
    const names = new Set<string>();
    (subnet.secondaryRanges ?? []).forEach((range, j) => {
      if (!GCP_RESOURCE_NAME.test(range.rangeName))
        issues.push({ path, field: `secondaryRanges[${j}].rangeName`, value: range.rangeName, problem: GCP_RESOURCE_NAME_RULE, fix: 'copy the range name from `gcloud compute networks subnets describe`' });
      if (names.has(range.rangeName)) issues.push({ path, field: `secondaryRanges[${j}].rangeName`, value: range.rangeName, problem: 'is declared twice on the subnet', fix: 'list each secondary range once' });
      names.add(range.rangeName);
      cidrIssue(`secondaryRanges[${j}].cidr`, range.cidr);
    });
  });
  return issues;
}
