import { readSynthesized, SynthesizedPlatform } from '../../../lib/domain/reachability/read-synthesized';

const net = 'google_compute_network.net_1';
const output: SynthesizedPlatform = {
  stacks: [
    {
      name: 'p-network',
      json: {
        resource: {
          google_compute_network: { net_1: { name: 'vpc', routing_mode: 'REGIONAL', delete_default_routes_on_create: true } },
          google_compute_subnetwork: {
            sub_1: { name: 'gke-c1', region: 'r1', ip_cidr_range: '10.0.0.0/24', private_ip_google_access: true, network: `\${${net}.id}`, secondary_ip_range: [{ range_name: 'c1-pods', ip_cidr_range: '100.64.0.0/20' }] },
          },
          google_compute_firewall: {
            fw_1: { name: 'deny-all', network: `\${${net}.id}`, direction: 'EGRESS', priority: 10, deny: [{ protocol: 'all' }], destination_ranges: ['0.0.0.0/0'] },
            fw_2: { name: 'allow', network: `\${${net}.id}`, allow: { protocol: 'tcp', ports: ['443'] }, source_ranges: ['10.0.0.0/8'], target_tags: ['t'] },
          },
          google_compute_route: { r_1: { name: 'pga', dest_range: '199.36.153.8/30', next_hop_gateway: 'default-internet-gateway' } },
          google_compute_router_nat: {
            nat_1: {
              name: 'nat',
              region: 'r1',
              source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS',
              subnetwork: [{ name: '${google_compute_subnetwork.sub_1.id}', source_ip_ranges_to_nat: ['PRIMARY_IP_RANGE', 'LIST_OF_SECONDARY_IP_RANGES'], secondary_ip_range_names: ['c1-pods'] }],
            },
          },
          google_dns_managed_zone: { z_1: { name: 'apis', dns_name: 'googleapis.com.', visibility: 'private' } },
          google_dns_record_set: { a_1: { managed_zone: '${google_dns_managed_zone.z_1.name}', name: 'private.googleapis.com.', type: 'A', rrdatas: ['199.36.153.8'] } },
          google_compute_global_address: { g_1: { name: 'psa', purpose: 'VPC_PEERING', address: '10.10.0.0', prefix_length: 20 } },
          google_service_networking_connection: { s_1: { reserved_peering_ranges: ['${google_compute_global_address.g_1.name}'] } },
          google_project_service: { ps_1: { project: 'p', service: 'compute.googleapis.com' } },
        },
      },
    },
    {
      name: 'p-cluster-c1',
      json: {
        resource: {
          google_container_cluster: {
            c_1: {
              name: 'c1',
              project: 'p',
              location: 'r1',
              subnetwork: '${data.terraform_remote_state.cross-stack-reference-input-p-network.outputs.cross-stack-output-google_compute_subnetworksub_1id}',
              ip_allocation_policy: [{ cluster_secondary_range_name: 'c1-pods' }],
              private_cluster_config: { enable_private_endpoint: true, master_ipv4_cidr_block: '172.16.0.0/28', master_global_access_config: { enabled: true } },
              master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '10.200.8.0/24', display_name: 'corp' }], private_endpoint_enforcement_enabled: true },
              addons_config: { dns_cache_config: { enabled: true } },
            },
          },
          google_container_node_pool: { np_1: { cluster: '${google_container_cluster.c_1.name}', node_config: { tags: ['t'], service_account: 'sa@p.iam.gserviceaccount.com' } } },
          google_compute_network_peering_routes_config: { pr_1: { peering: '${google_container_cluster.c_1.private_cluster_config[0].peering_name}', export_custom_routes: true, import_custom_routes: false } },
        },
      },
    },
    {
      name: 'p-link-site',
      json: {
        resource: {
          google_compute_router: {
            rt_1: { name: 'site-r1', region: 'r1', bgp: { asn: 16550, advertise_mode: 'CUSTOM', advertised_groups: ['ALL_SUBNETS'], advertised_ip_ranges: [{ range: '172.16.0.0/28' }] } },
            rt_2: { name: 'vpn-r1', region: 'r1', bgp: { asn: 64514 } },
          },
          google_compute_router_peer: {
            peer_1: { name: 'vpn-0', router: '${google_compute_router.rt_2.name}', advertise_mode: 'CUSTOM', advertised_groups: [], advertised_ip_ranges: [{ range: '10.0.0.0/24' }] },
            peer_2: { name: 'vpn-1', router: '${google_compute_router.rt_2.name}' },
          },
          aws_vpn_connection: { v_1: {} },
          aws_route: { ar_1: { route_table_id: 'rtb-1', destination_cidr_block: '10.0.0.0/24', transit_gateway_id: '${aws_ec2_transit_gateway.t.id}' } },
        },
      },
    },
  ],
  manifests: [
    {
      cluster: 'c1',
      objects: [
        { kind: 'Namespace', metadata: { name: 'a', labels: { team: 'a' } } },
        { kind: 'NetworkPolicy', metadata: { name: 'only-ingress', namespace: 'a' }, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] } },
        { kind: 'NetworkPolicy', metadata: { name: 'with-egress', namespace: 'a' }, spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443 }] }] } },
        { kind: 'ConfigMap', metadata: { name: 'ignored' } },
      ],
    },
  ],
};

const t = readSynthesized(output, { remoteNetworks: [{ name: 'site', kind: 'on-prem', cidrs: ['10.200.0.0/16'] }], links: [{ name: 'site', remoteNetwork: 'site', stack: 'p-link-site' }] });

describe('reading the synthesized output', () => {
  test('network, subnets and static routes', () => {
    expect(t.network).toMatchObject({ name: 'vpc', routingMode: 'REGIONAL', defaultInternetRoute: false });
    expect(t.subnets).toEqual([{ name: 'gke-c1', region: 'r1', cidr: '10.0.0.0/24', secondaryRanges: [{ name: 'c1-pods', cidr: '100.64.0.0/20' }], privateGoogleAccess: true, at: 'p-network: google_compute_subnetwork.sub_1' }]);
    expect(t.routes).toEqual([{ name: 'pga', destRange: '199.36.153.8/30', nextHop: 'internet', at: 'p-network: google_compute_route.r_1' }]);
  });

  test('firewall rules with their defaults: INGRESS, priority 1000, blocks as objects or lists', () => {
    expect(t.firewalls.map((f) => [f.name, f.direction, f.priority, f.action, f.rules])).toEqual([
      ['deny-all', 'EGRESS', 10, 'deny', [{ protocol: 'all', ports: undefined }]],
      ['allow', 'INGRESS', 1000, 'allow', [{ protocol: 'tcp', ports: ['443'] }]],
    ]);
  });

  test('a cluster joins its subnet across stacks, its node pools, its peering export and its add-ons', () => {
    expect(t.clusters).toEqual([
      expect.objectContaining({
        name: 'c1',
        subnet: 'gke-c1',
        nodeCidr: '10.0.0.0/24',
        podCidrs: ['100.64.0.0/20'],
        controlPlaneCidr: '172.16.0.0/28',
        privateEndpoint: true,
        globalAccess: true,
        privateEndpointEnforced: true,
        authorizedNetworks: [{ name: 'corp', cidr: '10.200.8.0/24' }],
        nodeTags: ['t'],
        nodeServiceAccounts: ['sa@p.iam.gserviceaccount.com'],
        nodeLocalDnsCache: true,
        controlPlaneRouteExport: { exportCustomRoutes: true, at: 'p-cluster-c1: google_compute_network_peering_routes_config.pr_1' },
      }),
    ]);
  });

  test('link advertisements: per peer, a DEFAULT peer inheriting its router, a router without peers speaking for the partner', () => {
    expect(t.links[0].advertisements.map((a) => [a.label, a.mode, a.groups, a.ranges])).toEqual([
      ['Cloud Router site-r1', 'CUSTOM', ['ALL_SUBNETS'], ['172.16.0.0/28']],
      ['BGP peer vpn-0 of Cloud Router vpn-r1', 'CUSTOM', [], ['10.0.0.0/24']],
      ['BGP peer vpn-1 of Cloud Router vpn-r1', 'DEFAULT', [], []],
    ]);
    expect(t.links[0].regions).toEqual(['r1']);
    expect(t.links[0].aws?.routes).toEqual([{ routeTableId: 'rtb-1', destination: '10.0.0.0/24', target: 'transit-gateway', at: 'p-link-site: aws_route.ar_1' }]);
  });

  test('NAT, DNS, Private Service Access and project services', () => {
    expect(t.nats[0].subnets).toEqual([{ subnet: 'gke-c1', allRanges: false, primary: true, secondaryRangeNames: ['c1-pods'] }]);
    expect(t.dnsZones[0]).toMatchObject({ dnsName: 'googleapis.com.', private: true, records: [{ name: 'private.googleapis.com.', type: 'A', rrdatas: ['199.36.153.8'] }] });
    expect(t.privateServiceAccess).toEqual([{ name: 'psa', cidr: '10.10.0.0/20', connected: true, at: 'p-network: google_compute_global_address.g_1' }]);
    expect(t.projectServices).toEqual([{ project: 'p', service: 'compute.googleapis.com', at: 'p-network: google_project_service.ps_1' }]);
  });

  test("namespaces and NetworkPolicies, with Kubernetes' default policyTypes", () => {
    expect(t.namespaces).toEqual([{ cluster: 'c1', name: 'a', labels: { team: 'a' } }]);
    expect(t.networkPolicies.map((p) => [p.name, p.policyTypes])).toEqual([
      ['only-ingress', ['Ingress']],
      ['with-egress', ['Ingress', 'Egress']],
    ]);
  });

  describe('an existing VPC (a google_compute_network data source, no resource)', () => {
    const existing = { name: 'p-network', json: { data: { google_compute_network: { Network_Existing_1: { name: 'corp-vpc', project: 'host' } } } } };

    test('is named by its data source; routing mode and default route come from the definition (the context)', () => {
      const model = readSynthesized({ stacks: [existing], manifests: [] }, { remoteNetworks: [], links: [], existingNetwork: { routingMode: 'REGIONAL', defaultInternetRoute: false } });
      expect(model.network).toEqual({ name: 'corp-vpc', routingMode: 'REGIONAL', defaultInternetRoute: false, at: 'p-network: data.google_compute_network.Network_Existing_1' });
    });

    test("without a context: GLOBAL routing and GCP's default internet route", () => {
      const model = readSynthesized({ stacks: [existing], manifests: [] }, { remoteNetworks: [], links: [] });
      expect(model.network).toMatchObject({ name: 'corp-vpc', routingMode: 'GLOBAL', defaultInternetRoute: true });
    });

    test('a VPC resource wins over a data source of the same type elsewhere', () => {
      const model = readSynthesized({ stacks: [...output.stacks, existing], manifests: [] }, { remoteNetworks: [], links: [], existingNetwork: { routingMode: 'REGIONAL', defaultInternetRoute: false } });
      expect(model.network.name).toBe(t.network.name);
      expect(model.network.at).toBe(t.network.at);
    });
  });

  test('an output without a network reads as an empty model rather than failing', () => {
    const empty = readSynthesized({ stacks: [], manifests: [] }, { remoteNetworks: [], links: [] });
    expect(empty.network).toMatchObject({ name: 'unknown', defaultInternetRoute: false });
    expect(empty.clusters).toEqual([]);
  });
});
