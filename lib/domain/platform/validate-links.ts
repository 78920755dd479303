import { IssueCollector, ValidationIssue } from '../validation-error';
import { validateAmazonSideAsn, validateAsnsDiffer, validateCloudRouterAsn, validatePeerAsn } from '../hybrid/asn';
import { validateMtus, validateSla, validateVlanTag } from '../hybrid/interconnect-rules';
import { validateAwsId, validateIpv4Address, validatePublicPeerAddress } from '../hybrid/remote-rules';
import { DEFAULT_AMAZON_SIDE_ASN, DEFAULT_AWS_GATEWAY_TYPE, DEFAULT_NETWORK_MTU, DEFAULT_ROUTING_MODE } from './platform-defaults';
import { Cidr } from '../ip-plan/cidr';
import { PARTNER_INTERCONNECT_ASN } from '../hybrid/asn';
import { HybridLinkDefinition } from './hybrid-link-definition';
import { GCP_RESOURCE_NAME, GCP_RESOURCE_NAME_RULE } from '../naming/naming-rules';
import { PlatformDefinition, RemoteNetworkKind } from './platform-definition';

/** Remote network kind each link kind reaches. */
const REMOTE_KIND: Record<HybridLinkDefinition['kind'], RemoteNetworkKind> = { 'ha-vpn-aws': 'aws-vpc', 'ha-vpn-peer': 'on-prem', interconnect: 'on-prem' };

/**
 * Link checks: names, regions, the remote network each link reaches, and the link internals (ASN ranges, AWS ids,
 * peer addresses, SLA topology, MTU, VLAN tags) with the rule functions the hybrid constructs call.
 */
export function validateLinks(definition: PlatformDefinition, issues: IssueCollector): void {
  const regions = new Set(definition.regions);
  const remotes = new Map((definition.remoteNetworks ?? []).map((n) => [n.name, n]));
  const names = new Set<string>();
  for (const link of definition.hybridLinks ?? []) {
    const path = `hybridLinks[${link.name}]`;
    if (names.has(link.name)) issues.add({ path: 'hybridLinks', field: 'name', value: link.name, problem: 'is declared twice', fix: 'give each link a unique name' });
    names.add(link.name);
    // Link resources are named `<link>-<suffix>`, so leave room under GCP's 63 characters.
    if (!GCP_RESOURCE_NAME.test(link.name) || link.name.length > 40)
      issues.add({ path, field: 'name', value: link.name, problem: `${GCP_RESOURCE_NAME_RULE}, and at most 40 characters so suffixed names fit`, fix: 'use a short name such as "aws-usw2"' });
    const linkRegions = link.kind === 'interconnect' ? link.attachments.map((a) => a.region) : [link.region];
    for (const region of linkRegions) {
      if (!regions.has(region)) issues.add({ path, field: 'region', value: region, problem: 'is not one of the platform regions', fix: `use one of ${[...regions].join(', ')}` });
    }
    const remote = remotes.get(link.remoteNetwork);
    if (!remote) {
      issues.add({ path, field: 'remoteNetwork', value: link.remoteNetwork, problem: 'is not a declared remote network', fix: `declare it in remoteNetworks, or use one of ${[...remotes.keys()].join(', ') || '(none declared)'}` });
    } else if (remote.kind !== REMOTE_KIND[link.kind]) {
      issues.add({
        path,
        field: 'remoteNetwork',
        value: link.remoteNetwork,
        problem: `is a ${remote.kind} network, but a ${link.kind} link reaches a ${REMOTE_KIND[link.kind]} network`,
        fix: 'point the link at the right network, or use the matching link kind',
      });
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
    // The link constructs' own rules, run here too so `gke-platform plan --check` refuses what synthesis would.
    for (const issue of linkRuleIssues(definition, link, path)) issues.add(issue);
  }
}

/** ASN, address, AWS id, SLA topology, MTU and VLAN rules of one link: the same functions the constructs call. */
function linkRuleIssues(definition: PlatformDefinition, link: HybridLinkDefinition, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  switch (link.kind) {
    case 'ha-vpn-aws': {
      const amazonSideAsn = link.aws.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN;
      issues.push(...validateCloudRouterAsn(path, 'gcpAsn', link.gcpAsn));
      issues.push(...validateAmazonSideAsn(path, 'aws.amazonSideAsn', amazonSideAsn, { allowLegacy: link.aws.type === 'vpn-gateway' && link.aws.existingVpnGatewayId !== undefined }));
      issues.push(...validateAsnsDiffer(path, 'aws.amazonSideAsn', link.gcpAsn, amazonSideAsn));
      issues.push(...validateAwsId(path, 'aws.vpcId', link.aws.vpcId, 'vpc'));
      (link.aws.subnetIds ?? []).forEach((id, i) => issues.push(...validateAwsId(path, `aws.subnetIds[${i}]`, id, 'subnet')));
      if (link.aws.subnetIds && link.aws.subnetIds.length === 0)
        issues.push({
          path,
          field: 'aws.subnetIds',
          value: [],
          problem: 'is empty, but a transit gateway VPC attachment needs a subnet in each availability zone it serves',
          fix: 'list one subnet per availability zone, or leave subnetIds out when the VPC is already attached',
        });
      for (const [key, id] of Object.entries(link.aws.routeTableIds ?? {})) {
        issues.push(...validateAwsId(path, `aws.routeTableIds.${key}`, id, 'routeTable'));
        if (!ROUTE_TABLE_KEY.test(key))
          issues.push({
            path,
            field: 'aws.routeTableIds',
            value: key,
            problem: "is not a usable key: it becomes part of the routes' construct ids (their Terraform addresses)",
            fix: 'use letters, digits, "-" and "_" only, e.g. "private-a"',
          });
      }
      issues.push(...existingAwsGatewayIssues(path, link));
      if (link.aws.type === 'vpn-gateway' && link.aws.subnetIds) {
        issues.push({ path, field: 'aws.subnetIds', value: link.aws.subnetIds, problem: 'is set for a VPN gateway, which attaches to the VPC without subnets', fix: "remove subnetIds, or use type: 'transit-gateway'" });
      }
      break;
    }
    case 'ha-vpn-peer':
      issues.push(...validateCloudRouterAsn(path, 'gcpAsn', link.gcpAsn));
      issues.push(...validatePeerAsn(path, 'peerAsn', link.peerAsn));
      issues.push(...validateAsnsDiffer(path, 'peerAsn', link.gcpAsn, link.peerAsn));
      if (![1, 2, 4].includes(link.peerInterfaceIps.length)) {
        issues.push({
          path,
          field: 'peerInterfaceIps',
          value: link.peerInterfaceIps,
          problem: `has ${link.peerInterfaceIps.length} entries, but an external VPN gateway has 1, 2 or 4 interfaces`,
          fix: 'list the public IPs of 1, 2 or 4 device interfaces',
        });
      }
      link.peerInterfaceIps.forEach((ip, i) => issues.push(...validateIpv4Address(path, `peerInterfaceIps[${i}]`, ip), ...validatePublicPeerAddress(path, `peerInterfaceIps[${i}]`, ip)));
      break;
    case 'interconnect': {
      if (link.type === 'DEDICATED' && link.gcpAsn !== undefined && link.peerAsn !== undefined) {
        issues.push(...validateCloudRouterAsn(path, 'gcpAsn', link.gcpAsn));
        issues.push(...validatePeerAsn(path, 'peerAsn', link.peerAsn));
        issues.push(...validateAsnsDiffer(path, 'peerAsn', link.gcpAsn, link.peerAsn));
      }
      if (link.type === 'PARTNER' && link.peerAsn !== undefined) {
        issues.push({ path, field: 'peerAsn', value: link.peerAsn, problem: 'is set on a Partner Interconnect link, whose BGP peering the partner configures', fix: 'remove peerAsn' });
      }
      const names = new Set<string>();
      for (const [i, attachment] of link.attachments.entries()) {
        const where = `${path}.attachments[${attachment.name}]`;
        if (names.has(attachment.name)) issues.push({ path, field: `attachments[${i}].name`, value: attachment.name, problem: 'is declared twice', fix: 'give each attachment a unique name' });
        names.add(attachment.name);
        if (!GCP_RESOURCE_NAME.test(attachment.name)) issues.push({ path: where, field: 'name', value: attachment.name, problem: GCP_RESOURCE_NAME_RULE, fix: 'use a name such as "garage-usw1-a"' });
        if (attachment.metro.trim() === '')
          issues.push({ path: where, field: 'metro', value: attachment.metro, problem: 'is empty, so the SLA check cannot count metros', fix: 'give the metro of the colocation facility, e.g. "sea" or "fra"' });
        if (attachment.vlanTag !== undefined) issues.push(...validateVlanTag(where, 'vlanTag', attachment.vlanTag));
        if (link.type === 'PARTNER' && (attachment.vlanTag !== undefined || attachment.interconnect !== undefined)) {
          issues.push({
            path: where,
            field: attachment.vlanTag !== undefined ? 'vlanTag' : 'interconnect',
            value: attachment.vlanTag ?? attachment.interconnect,
            problem: 'is set on a Partner attachment, which the partner provisions',
            fix: 'remove it, or use type: DEDICATED',
          });
        }
        if (link.type === 'DEDICATED' && !attachment.interconnect)
          issues.push({ path: where, field: 'interconnect', value: attachment.interconnect, problem: 'is required for a Dedicated attachment', fix: 'give the URL of the Interconnect the attachment uses' });
      }
      const networkMtu = definition.network.mtu ?? DEFAULT_NETWORK_MTU;
      issues.push(
        ...validateMtus(
          path,
          link.attachments.map(() => link.mtu ?? networkMtu),
          networkMtu,
        ),
      );
      issues.push(...validateSla(path, link.slaTarget, link.attachments, definition.network.routingMode ?? DEFAULT_ROUTING_MODE));
      break;
    }
  }
  return issues;
}

/** A route table's key becomes part of a construct id (`Route-<key>-<cidr>`): no `/`, nothing a Terraform address cannot hold. */
const ROUTE_TABLE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * An existing gateway of an AWS link: its id's form, that it matches the gateway type, and its ASN, which the link
 * cannot read and must not guess (the default 64512 belongs to a gateway the link creates).
 */
function existingAwsGatewayIssues(path: string, link: Extract<HybridLinkDefinition, { kind: 'ha-vpn-aws' }>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const type = link.aws.type ?? DEFAULT_AWS_GATEWAY_TYPE;
  const { existingTransitGatewayId: tgw, existingVpnGatewayId: vgw } = link.aws;
  if (tgw !== undefined) issues.push(...validateAwsId(path, 'aws.existingTransitGatewayId', tgw, 'transitGateway'));
  if (vgw !== undefined) issues.push(...validateAwsId(path, 'aws.existingVpnGatewayId', vgw, 'vpnGateway'));
  if (tgw !== undefined && type !== 'transit-gateway') {
    issues.push({
      path,
      field: 'aws.existingTransitGatewayId',
      value: tgw,
      problem: `is set, but aws.type is "${type}": the tunnels would end on a virtual private gateway, not on this transit gateway`,
      fix: "set aws.type: 'transit-gateway' (or leave type out), or remove existingTransitGatewayId",
    });
  }
  if (vgw !== undefined && type !== 'vpn-gateway') {
    issues.push({
      path,
      field: 'aws.existingVpnGatewayId',
      value: vgw,
      problem: `is set, but aws.type is "${type}"${link.aws.type === undefined ? ' (the default)' : ''}: the tunnels would end on a transit gateway, not on this virtual private gateway`,
      fix: "set aws.type: 'vpn-gateway', or remove existingVpnGatewayId",
    });
  }
  const existing = type === 'transit-gateway' ? tgw : vgw;
  if (existing !== undefined && link.aws.amazonSideAsn === undefined) {
    const field = type === 'transit-gateway' ? 'aws.existingTransitGatewayId' : 'aws.existingVpnGatewayId';
    const query =
      type === 'transit-gateway'
        ? `aws ec2 describe-transit-gateways --transit-gateway-ids ${existing} --query 'TransitGateways[0].Options.AmazonSideAsn'`
        : `aws ec2 describe-vpn-gateways --vpn-gateway-ids ${existing} --query 'VpnGateways[0].AmazonSideAsn'`;
    issues.push({
      path,
      field: 'aws.amazonSideAsn',
      value: undefined,
      problem: `is required with ${field} ${existing}: the Cloud Router's BGP peers must use that gateway's ASN, which the link cannot read (the default ${DEFAULT_AMAZON_SIDE_ASN} is only for a gateway the link creates)`,
      fix: `set aws.amazonSideAsn to the gateway's Amazon-side ASN (\`${query}\`)`,
    });
  }
  return issues;
}
