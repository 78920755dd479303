/**
 * Every argument the Terraform providers mark as forcing a new resource (ForceNew / RequiresReplace), for each
 * resource type this library emits. Written down once here so the reviewer's diff and its tests share one list.
 *
 * Sources (read, not run; regenerate when the pinned providers move):
 * - google: hashicorp/terraform-provider-google at 8.0.0 (August 2026, the source available offline here; the
 *   synthesized JSON pins 6.50.0), the `ForceNew: true` arguments of each resource's schema, node_config.go for
 *   `node_config` of clusters and node pools, tpgiamresource for the IAM members' role/member/condition and their parent resource's identifying arguments
 *   (bucket; project with topic, subscription, secret_id or dataset_id; project, location and repository).
 * - aws: hashicorp/terraform-provider-aws internal/service/ec2 (customer_gateway.go, transitgateway_transit_gateway.go,
 *   transitgateway_vpc_attachment.go, vpc_route.go, vpnsite_connection.go, vpnsite_gateway.go,
 *   vpnsite_gateway_route_propagation.go).
 * - random: random_password has no update; every argument requires replacement.
 * - the reachability fixes' types (global address, peering routes config, DNS zone and record set, project service,
 *   service networking connection): the same `ForceNew` reading of their resource files.
 *
 * A path that has nested entries is a block: adding or removing the block forces a new resource, while a
 * change inside it counts only where the nested argument is listed itself.
 */

/**
 * ForceNew arguments of `node_config`, relative to it (node_config.go): a cluster's default pool and a node pool
 * share the schema, so both entries below take this one list.
 */
const NODE_CONFIG_FORCE_NEW_FIELDS: readonly string[] = [
  'advanced_machine_features', 'advanced_machine_features.enable_nested_virtualization',
  'advanced_machine_features.threads_per_core', 'boot_disk_kms_key',
  'confidential_nodes.confidential_instance_type', 'enable_confidential_storage',
  'ephemeral_storage_local_ssd_config', 'ephemeral_storage_local_ssd_config.data_cache_count',
  'ephemeral_storage_local_ssd_config.local_ssd_count', 'flex_start', 'guest_accelerator',
  'guest_accelerator.count', 'guest_accelerator.gpu_driver_installation_config',
  'guest_accelerator.gpu_driver_installation_config.gpu_driver_version', 'guest_accelerator.gpu_partition_size',
  'guest_accelerator.gpu_sharing_config', 'guest_accelerator.gpu_sharing_config.gpu_sharing_strategy',
  'guest_accelerator.gpu_sharing_config.max_shared_clients_per_gpu', 'guest_accelerator.type',
  'host_maintenance_policy', 'host_maintenance_policy.maintenance_interval', 'local_nvme_ssd_block_config',
  'local_nvme_ssd_block_config.local_ssd_count', 'local_ssd_count', 'local_ssd_encryption_mode',
  'max_run_duration', 'metadata', 'min_cpu_platform', 'node_group', 'oauth_scopes', 'preemptible',
  'reservation_affinity', 'reservation_affinity.consume_reservation_type', 'reservation_affinity.key',
  'reservation_affinity.values', 'sandbox_config', 'secondary_boot_disks', 'secondary_boot_disks.disk_image',
  'secondary_boot_disks.mode', 'service_account', 'shielded_instance_config',
  'shielded_instance_config.enable_integrity_monitoring', 'shielded_instance_config.enable_secure_boot',
  'sole_tenant_config', 'sole_tenant_config.node_affinity', 'sole_tenant_config.node_affinity.key',
  'sole_tenant_config.node_affinity.operator', 'sole_tenant_config.node_affinity.values', 'spot',
];

/** A resource's own ForceNew paths plus `node_config.<field>` for each of NODE_CONFIG_FORCE_NEW_FIELDS, sorted. */
function withNodeConfig(own: readonly string[]): readonly string[] {
  return [...own, ...NODE_CONFIG_FORCE_NEW_FIELDS.map((field) => `node_config.${field}`)].sort();
}

/** ForceNew argument paths (dot-separated, list indices dropped) by resource type. */
export const FORCE_NEW_FIELDS: Readonly<Record<string, readonly string[]>> = {
  aws_customer_gateway: [
    'bgp_asn', 'device_name', 'ip_address', 'type',
  ],
  aws_ec2_transit_gateway: [
    'multicast_support',
  ],
  aws_ec2_transit_gateway_vpc_attachment: [
    'transit_gateway_id', 'vpc_id',
  ],
  aws_route: [
    'destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id', 'route_table_id',
  ],
  aws_vpn_connection: [
    'enable_acceleration', 'static_routes_only', 'tunnel1_inside_cidr', 'tunnel1_inside_ipv6_cidr',
    'tunnel2_inside_cidr', 'tunnel2_inside_ipv6_cidr', 'tunnel_inside_ip_version',
  ],
  aws_vpn_gateway: [
    'amazon_side_asn', 'availability_zone',
  ],
  aws_vpn_gateway_route_propagation: [
    'route_table_id', 'vpn_gateway_id',
  ],
  google_artifact_registry_repository_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'location', 'member', 'project', 'repository', 'role',
  ],
  google_bigquery_dataset: [
    'dataset_id', 'external_dataset_reference', 'external_dataset_reference.connection', 'external_dataset_reference.external_source', 'location', 'project',
  ],
  google_bigquery_dataset_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'dataset_id', 'member', 'project', 'role',
  ],
  google_cloud_identity_group_membership: [
    'group', 'preferred_member_key', 'preferred_member_key.id', 'preferred_member_key.namespace',
  ],
  google_compute_external_vpn_gateway: [
    'description', 'interface', 'interface.id', 'interface.ip_address', 'interface.ipv6_address', 'name', 'params',
    'params.resource_manager_tags', 'project', 'redundancy_type',
  ],
  google_compute_firewall: [
    'direction', 'name', 'params', 'project',
  ],
  google_compute_global_address: [
    'address', 'address_type', 'description', 'ip_version', 'name', 'network', 'prefix_length', 'project', 'purpose',
  ],
  google_compute_ha_vpn_gateway: [
    'description', 'gateway_ip_version', 'name', 'network', 'params', 'params.resource_manager_tags', 'project',
    'region', 'stack_type', 'vpn_interfaces', 'vpn_interfaces.id', 'vpn_interfaces.interconnect_attachment',
  ],
  google_compute_interconnect_attachment: [
    'candidate_cloud_router_ip_address', 'candidate_cloud_router_ipv6_address',
    'candidate_customer_router_ip_address', 'candidate_customer_router_ipv6_address', 'candidate_subnets',
    'edge_availability_domain', 'encryption', 'interconnect', 'ipsec_internal_addresses', 'name', 'params', 'project',
    'router', 'subnet_length', 'type', 'vlan_tag8021q',
  ],
  google_compute_network: [
    'auto_create_subnetworks', 'description', 'internal_ipv6_range', 'name', 'network_profile', 'params',
    'params.resource_manager_tags', 'project',
  ],
  google_compute_network_peering_routes_config: [
    'network', 'peering', 'project',
  ],
  google_compute_router: [
    'encrypted_interconnect_router', 'name', 'ncc_gateway', 'network', 'params', 'project', 'region',
  ],
  google_compute_router_interface: [
    'interconnect_attachment', 'ip_range', 'ip_version', 'name', 'private_ip_address', 'project',
    'redundant_interface', 'region', 'router', 'subnetwork', 'vpn_tunnel',
  ],
  google_compute_router_nat: [
    'endpoint_types', 'initial_nat_ips', 'name', 'project', 'region', 'router', 'type',
  ],
  google_compute_router_peer: [
    'interface', 'name', 'project', 'region', 'router',
  ],
  google_compute_shared_vpc_host_project: [
    'project',
  ],
  google_compute_shared_vpc_service_project: [
    'host_project', 'service_project',
  ],
  google_compute_subnetwork: [
    'description', 'external_ipv6_prefix', 'internal_ipv6_prefix', 'name', 'network', 'params',
    'params.resource_manager_tags', 'project', 'region', 'reserved_internal_range', 'resolve_subnet_mask',
  ],
  google_compute_subnetwork_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'member', 'project', 'region',
    'role', 'subnetwork',
  ],
  google_compute_vpn_tunnel: [
    'cipher_suite', 'cipher_suite.phase1', 'cipher_suite.phase1.dh', 'cipher_suite.phase1.encryption',
    'cipher_suite.phase1.integrity', 'cipher_suite.phase1.prf', 'cipher_suite.phase2',
    'cipher_suite.phase2.encryption', 'cipher_suite.phase2.integrity', 'cipher_suite.phase2.pfs', 'description',
    'ike_version', 'local_traffic_selector', 'name', 'params', 'params.resource_manager_tags',
    'peer_external_gateway', 'peer_external_gateway_interface', 'peer_gcp_gateway', 'peer_ip', 'project', 'region',
    'remote_traffic_selector', 'router', 'shared_secret', 'shared_secret_wo_version', 'target_vpn_gateway',
    'vpn_gateway', 'vpn_gateway_interface',
  ],
  google_container_cluster: withNodeConfig([
    'cluster_autoscaling.auto_provisioning_defaults.boot_disk_kms_key', 'cluster_ipv4_cidr', 'confidential_nodes',
    'confidential_nodes.confidential_instance_type', 'confidential_nodes.enabled', 'datapath_provider',
    'dataplane_optimization_mode', 'default_max_pods_per_node', 'description', 'enable_autopilot',
    'enable_kubernetes_alpha', 'enable_tpu', 'initial_node_count', 'ip_allocation_policy',
    'ip_allocation_policy.cluster_ipv4_cidr_block', 'ip_allocation_policy.cluster_secondary_range_name',
    'ip_allocation_policy.pod_cidr_overprovision_config', 'ip_allocation_policy.services_ipv4_cidr_block',
    'ip_allocation_policy.services_secondary_range_name', 'location', 'master_auth.client_certificate_config',
    'master_auth.client_certificate_config.issue_client_certificate', 'name', 'network', 'networking_mode',
    'node_pool', 'private_cluster_config.master_ipv4_cidr_block',
    'private_cluster_config.private_endpoint_subnetwork', 'project', 'subnetwork',
    'user_managed_keys_config.aggregation_ca', 'user_managed_keys_config.cluster_ca',
    'user_managed_keys_config.etcd_api_ca', 'user_managed_keys_config.etcd_peer_ca',
  ]),
  google_container_node_pool: withNodeConfig([
    'cluster', 'initial_node_count', 'location', 'max_pods_per_node', 'name', 'name_prefix',
    'network_config.accelerator_network_profile', 'network_config.additional_node_network_configs',
    'network_config.additional_node_network_configs.network',
    'network_config.additional_node_network_configs.subnetwork', 'network_config.additional_pod_network_configs',
    'network_config.additional_pod_network_configs.max_pods_per_node',
    'network_config.additional_pod_network_configs.secondary_pod_range',
    'network_config.additional_pod_network_configs.subnetwork', 'network_config.create_pod_range',
    'network_config.pod_cidr_overprovision_config', 'network_config.pod_ipv4_cidr_block', 'network_config.pod_range',
    'network_config.subnetwork', 'placement_policy', 'placement_policy.policy_name', 'project',
    'queued_provisioning', 'queued_provisioning.enabled',
  ]),
  google_dns_managed_zone: [
    'dns_name', 'name', 'peering_config', 'project', 'reverse_lookup', 'service_directory_config', 'visibility',
  ],
  google_dns_record_set: [
    'managed_zone', 'name', 'project', 'type',
  ],
  google_gke_hub_feature: [
    'location', 'name', 'project',
  ],
  google_gke_hub_feature_membership: [
    'feature', 'location', 'membership', 'membership_location', 'project',
  ],
  google_gke_hub_membership: [
    'authority.issuer', 'endpoint', 'endpoint.gke_cluster', 'endpoint.gke_cluster.resource_link', 'location',
    'membership_id', 'project',
  ],
  google_project_iam_custom_role: [
    'project', 'role_id',
  ],
  google_project_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'member', 'project', 'role',
  ],
  google_project_service: [
    'project', 'service',
  ],
  google_pubsub_subscription_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'member', 'project', 'role', 'subscription',
  ],
  google_pubsub_topic: [
    'name', 'project', 'tags',
  ],
  google_pubsub_topic_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'member', 'project', 'role', 'topic',
  ],
  google_secret_manager_secret: [
    'project', 'replication', 'replication.auto', 'replication.user_managed', 'replication.user_managed.replicas',
    'replication.user_managed.replicas.location', 'secret_id', 'tags',
  ],
  google_secret_manager_secret_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'member', 'project', 'role', 'secret_id',
  ],
  google_service_account: [
    'account_id', 'project',
  ],
  google_service_account_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'member', 'role',
    'service_account_id',
  ],
  google_service_networking_connection: [
    'network', 'service',
  ],
  google_storage_bucket: [
    'custom_placement_config.data_locations', 'enable_object_retention', 'hierarchical_namespace',
    'hierarchical_namespace.enabled', 'location', 'name', 'project',
  ],
  google_storage_bucket_iam_member: [
    'condition', 'condition.description', 'condition.expression', 'condition.title', 'bucket', 'member', 'role',
  ],
  random_password: [
    'keepers', 'length', 'lower', 'min_lower', 'min_numeric', 'min_special', 'min_upper', 'number', 'numeric',
    'override_special', 'special', 'upper',
  ],
};

/** Resource types the library emits, each of which has an entry above (a test keeps the two in step). */
export const EMITTED_RESOURCE_TYPES: readonly string[] = Object.keys(FORCE_NEW_FIELDS);

