import { ControlPlanePeeringRoutes } from '../../lib/gke/control-plane-peering-routes';
import { clusterStack, only, synthJson } from './fixtures';

describe('GkeCluster NodeLocal DNSCache', () => {
  test('is on by default, where tenant NetworkPolicies point their DNS allowance', () => {
    expect(only(synthJson(clusterStack().stack), 'google_container_cluster').addons_config).toEqual({ dns_cache_config: { enabled: true } });
  });

  test('can be turned off', () => {
    expect(only(synthJson(clusterStack({ nodeLocalDnsCache: false }).stack), 'google_container_cluster').addons_config).toEqual({ dns_cache_config: { enabled: false } });
  });
});

describe('ControlPlanePeeringRoutes', () => {
  test("exports the VPC's custom routes over the cluster's control-plane peering, importing none", () => {
    const { stack, cluster } = clusterStack();
    new ControlPlanePeeringRoutes(stack, 'PeeringRoutes', { cluster, networkProject: 'acme-net', networkName: 'prod-vpc' });
    expect(only(synthJson(stack), 'google_compute_network_peering_routes_config')).toEqual(
      expect.objectContaining({
        project: 'acme-net',
        network: 'prod-vpc',
        peering: '${google_container_cluster.Cluster_EB0386A7.private_cluster_config[0].peering_name}',
        export_custom_routes: true,
        import_custom_routes: false,
      }),
    );
  });

  test('throws when the network project is not a project id', () => {
    const { stack, cluster } = clusterStack();
    expect(() => new ControlPlanePeeringRoutes(stack, 'PeeringRoutes', { cluster, networkProject: 'Acme', networkName: 'prod-vpc' })).toThrow('test/PeeringRoutes: networkProject "Acme"');
  });

  test('throws when the network name is invalid', () => {
    const { stack, cluster } = clusterStack();
    expect(() => new ControlPlanePeeringRoutes(stack, 'PeeringRoutes', { cluster, networkProject: 'acme-net', networkName: 'Prod_VPC' })).toThrow('test/PeeringRoutes: networkName "Prod_VPC" is not a valid name');
  });
});
