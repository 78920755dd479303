import { IssueCollector } from '../validation-error';
import { Cidr } from '../ip-plan/cidr';
import { PARTNER_INTERCONNECT_ASN } from '../hybrid/asn';
import { HybridLinkDefinition } from './hybrid-link-definition';
import { GCP_RESOURCE_NAME, GCP_RESOURCE_NAME_RULE } from './naming-rules';
import { PlatformDefinition, RemoteNetworkKind } from './platform-definition';

/** Remote network kind each link kind reaches. */
const REMOTE_KIND: Record<HybridLinkDefinition['kind'], RemoteNetworkKind> = { 'ha-vpn-aws': 'aws-vpc', 'ha-vpn-peer': 'on-prem', interconnect: 'on-prem' };

/**
 * Platform-level link checks: names, regions, the remote network each link reaches. Link internals
 * (ASN ranges, SLA topology, MTU, /30 rules) are checked by the hybrid constructs when they are built.
 */
export function checkLinks(definition: PlatformDefinition, issues: IssueCollector): void {
  const regions = new Set(definition.regions);
  const remotes = new Map((definition.remoteNetworks ?? []).map((n) => [n.name, n]));
  const names = new Set<string>();
  for (const link of definition.hybridLinks ?? []) {
    const path = `hybridLinks[${link.name}]`;
    if (names.has(link.name)) issues.add({ path: 'hybridLinks', field: 'name', value: link.name, problem: 'is declared twice', fix: 'give each link a unique name' });
    names.add(link.name);
    // Link resources are named `<link>-<suffix>`, so leave room under GCP's 63 characters.
    if (!GCP_RESOURCE_NAME.test(link.name) || link.name.length > 40) issues.add({ path, field: 'name', value: link.name, problem: `${GCP_RESOURCE_NAME_RULE}, and at most 40 characters so suffixed names fit`, fix: 'use a short name such as "aws-usw2"' });
    const linkRegions = link.kind === 'interconnect' ? link.attachments.map((a) => a.region) : [link.region];
    for (const region of linkRegions) {
      if (!regions.has(region)) issues.add({ path, field: 'region', value: region, problem: 'is not one of the platform regions', fix: `use one of ${[...regions].join(', ')}` });
    }
    const remote = remotes.get(link.remoteNetwork);
    if (!remote) {
      issues.add({ path, field: 'remoteNetwork', value: link.remoteNetwork, problem: 'is not a declared remote network', fix: `declare it in remoteNetworks, or use one of ${[...remotes.keys()].join(', ') || '(none declared)'}` });
    } else if (remote.kind !== REMOTE_KIND[link.kind]) {
      issues.add({ path, field: 'remoteNetwork', value: link.remoteNetwork, problem: `is a ${remote.kind} network, but a ${link.kind} link reaches a ${REMOTE_KIND[link.kind]} network`, fix: 'point the link at the right network, or use the matching link kind' });
    }
    for (const range of link.advertise?.ranges ?? []) {
      if (typeof Cidr.tryParse(range) === 'string') issues.add({ path, field: 'advertise.ranges', value: range, problem: 'is not an aligned IPv4 CIDR', fix: 'give ranges such as 10.0.0.0/20' });
    }
    if (link.kind === 'interconnect') {
      if (link.type === 'PARTNER' && link.gcpAsn !== undefined && link.gcpAsn !== PARTNER_INTERCONNECT_ASN) {
        issues.add({ path, field: 'gcpAsn', value: link.gcpAsn, problem: `must be ${PARTNER_INTERCONNECT_ASN} for Partner Interconnect`, fix: 'leave gcpAsn unset for PARTNER links' });
      }
      if (link.type === 'DEDICATED' && (link.gcpAsn === undefined || link.peerAsn === undefined)) {
        issues.add({ path, field: link.gcpAsn === undefined ? 'gcpAsn' : 'peerAsn', value: undefined, problem: 'is required for Dedicated Interconnect', fix: 'give the Cloud Router ASN (gcpAsn) and the on-prem router ASN (peerAsn)' });
      }
    }
  }
}
