/**
 * Which Terraform resources are critical infrastructure, and which changes replace (destroy and create) a
 * resource. The arguments come from FORCE_NEW_FIELDS (force-new-fields.ts: the providers' ForceNew arguments
 * for every resource type the library emits, with their sources). It is a reviewer's hint, not a plan:
 * provider diff suppression and CustomizeDiff can turn a listed change into a no-op or an unlisted one into a
 * replacement (a subnet's shrunk ip_cidr_range, for one). Only `terraform plan` confirms.
 */
import { FORCE_NEW_FIELDS } from './force-new-fields';

/** Resource types whose removal or replacement cuts clusters or links: always flagged first. */
export const CRITICAL_RESOURCE_TYPES: readonly string[] = [
  'google_container_cluster',
  'google_container_node_pool',
  'google_compute_network',
  'google_compute_subnetwork',
  'google_compute_vpn_tunnel',
  'google_compute_ha_vpn_gateway',
  'google_compute_interconnect_attachment',
  'google_compute_router',
  'aws_vpn_connection',
  'aws_customer_gateway',
  'aws_ec2_transit_gateway',
];

interface ReplacementRule {
  /** Terraform resource type, e.g. `google_container_cluster`. */
  readonly type: string;
  /** Argument paths (dot-separated; list indices ignored) whose change forces a new resource. */
  readonly forceNew: readonly string[];
  /** Block paths among `forceNew`: only adding or removing the block forces a new resource. @default none */
  readonly blocks?: readonly string[];
  /** Attribute paths updated in place but with an outage, worth a reviewer's eye. @default none */
  readonly disruptive?: readonly {
    /** Attribute path, dot-separated (list indices ignored), as in `forceNew`. */
    readonly path: string;
    /** The outage its change causes, shown to the reviewer, e.g. that nodes are recreated. */
    readonly why: string;
  }[];
  /** Where the list comes from. */
  readonly source: string;
}

/** In-place changes that still interrupt traffic (or replace in one direction only), by resource type. */
const DISRUPTIVE: Readonly<Record<string, readonly { readonly path: string; readonly why: string }[]>> = {
  aws_vpn_connection: [
    { path: 'customer_gateway_id', why: 'changed in place by ModifyVpnConnection; the tunnels are down while AWS moves them' },
    { path: 'transit_gateway_id', why: 'changed in place by ModifyVpnConnection; the tunnels are down while AWS moves them' },
    { path: 'vpn_gateway_id', why: 'changed in place by ModifyVpnConnection; the tunnels are down while AWS moves them' },
  ],
  aws_ec2_transit_gateway: [
    { path: 'amazon_side_asn', why: 'changed in place by ModifyTransitGateway; BGP sessions on its attachments re-establish' },
    { path: 'default_route_table_association', why: 'from disable to enable forces a new transit gateway (provider CustomizeDiff)' },
    { path: 'default_route_table_propagation', why: 'from disable to enable forces a new transit gateway (provider CustomizeDiff)' },
  ],
};

/** One rule per emitted resource type: its ForceNew arguments, the blocks among them, disruptive changes. */
export const REPLACEMENT_RULES: readonly ReplacementRule[] = Object.entries(FORCE_NEW_FIELDS).map(([type, paths]) => ({
  type,
  forceNew: paths,
  blocks: paths.filter((path) => paths.some((other) => other.startsWith(`${path}.`))),
  disruptive: DISRUPTIVE[type],
  source: `ForceNew in the provider's ${type} schema`,
}));

/** Arguments whose values never appear in a report (they would leak into a PR comment). */
export function isSensitivePath(path: string): boolean {
  return /secret|preshared|password|private_key|token/i.test(path);
}
