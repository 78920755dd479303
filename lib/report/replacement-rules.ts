/**
 * Which Terraform resources are critical infrastructure, and which of their arguments force a new
 * resource (destroy and create) when changed. The table lists only arguments marked `ForceNew` in
 * the provider schemas we checked, provider google 6.x (hashicorp/terraform-provider-google,
 * google/services/container/resource_container_{cluster,node_pool}.go and
 * google/services/compute/resource_compute_{vpn_tunnel,ha_vpn_gateway,interconnect_attachment}.go)
 * and aws 6.x (internal/service/ec2/vpnsite_connection.go). It is a reviewer's hint, not a plan:
 * provider diff suppression and CustomizeDiff can turn a listed change into a no-op or an unlisted one
 * into a replacement. Only `terraform plan` confirms.
 */

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

export interface ReplacementRule {
  readonly type: string;
  /** Attribute paths (dot-separated; list indices ignored) whose change forces a new resource. */
  readonly forceNew: readonly string[];
  /** Attribute paths updated in place but with an outage, worth a reviewer's eye. @default none */
  readonly disruptive?: readonly { readonly path: string; readonly why: string }[];
  /** Where the list comes from. */
  readonly source: string;
}

export const REPLACEMENT_RULES: readonly ReplacementRule[] = [
  {
    type: 'google_container_cluster',
    forceNew: [
      'name',
      'location',
      'project',
      'network',
      'subnetwork',
      'networking_mode',
      'ip_allocation_policy.cluster_secondary_range_name',
      'ip_allocation_policy.services_secondary_range_name',
      'ip_allocation_policy.cluster_ipv4_cidr_block',
      'ip_allocation_policy.services_ipv4_cidr_block',
      'private_cluster_config.enable_private_nodes',
      'private_cluster_config.master_ipv4_cidr_block',
      'private_cluster_config.private_endpoint_subnetwork',
    ],
    source: 'ForceNew in google 6.x resource_container_cluster.go',
  },
  {
    type: 'google_container_node_pool',
    forceNew: [
      'name',
      'name_prefix',
      'cluster',
      'location',
      'project',
      'initial_node_count',
      'max_pods_per_node',
      'placement_policy',
      'queued_provisioning',
      'network_config.create_pod_range',
      'network_config.pod_range',
      'network_config.pod_ipv4_cidr_block',
      'network_config.subnetwork',
      'network_config.additional_node_network_configs',
      'network_config.additional_pod_network_configs',
      'network_config.pod_cidr_overprovision_config',
    ],
    source: 'ForceNew in google 6.x resource_container_node_pool.go; node_config arguments not listed',
  },
  {
    type: 'google_compute_vpn_tunnel',
    // Every argument but labels: the API has no update call for tunnels besides setLabels.
    forceNew: [
      'name',
      'shared_secret',
      'description',
      'ike_version',
      'local_traffic_selector',
      'remote_traffic_selector',
      'peer_external_gateway',
      'peer_external_gateway_interface',
      'peer_gcp_gateway',
      'peer_ip',
      'region',
      'router',
      'target_vpn_gateway',
      'vpn_gateway',
      'vpn_gateway_interface',
      'project',
    ],
    source: 'ForceNew in google 6.x resource_compute_vpn_tunnel.go',
  },
  {
    type: 'google_compute_ha_vpn_gateway',
    forceNew: ['name', 'network', 'description', 'region', 'stack_type', 'vpn_interfaces', 'project'],
    source: 'ForceNew in google 6.x resource_compute_ha_vpn_gateway.go',
  },
  {
    type: 'google_compute_interconnect_attachment',
    forceNew: ['name', 'router', 'type', 'vlan_tag8021q', 'candidate_subnets', 'edge_availability_domain', 'encryption', 'interconnect', 'ipsec_internal_addresses', 'project'],
    source: 'ForceNew in google 6.x resource_compute_interconnect_attachment.go',
  },
  {
    type: 'aws_vpn_connection',
    forceNew: ['tunnel1_inside_cidr', 'tunnel2_inside_cidr', 'tunnel1_inside_ipv6_cidr', 'tunnel2_inside_ipv6_cidr', 'tunnel_inside_ip_version', 'static_routes_only', 'enable_acceleration'],
    disruptive: [
      { path: 'customer_gateway_id', why: 'changed in place by ModifyVpnConnection; the tunnels are down while AWS moves them' },
      { path: 'transit_gateway_id', why: 'changed in place by ModifyVpnConnection; the tunnels are down while AWS moves them' },
      { path: 'vpn_gateway_id', why: 'changed in place by ModifyVpnConnection; the tunnels are down while AWS moves them' },
    ],
    source: 'ForceNew in aws 6.x vpnsite_connection.go',
  },
];

/** Arguments whose values never appear in a report (they would leak into a PR comment). */
export function isSensitivePath(path: string): boolean {
  return /secret|preshared|password|private_key|token/i.test(path);
}
