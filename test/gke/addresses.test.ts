import { CloudNat } from '../../lib/network/cloud-nat';
import { NodePool } from '../../lib/gke/node-pool';
import { clusterStack, Json, synthJson } from './fixtures';

/** Every Terraform resource address in a synthesized stack, sorted. */
function addresses(json: Json): string[] {
  return Object.entries(json.resource ?? {})
    .flatMap(([type, byId]) => Object.keys(byId as object).map((id) => `${type}.${id}`))
    .sort();
}

/**
 * Terraform state addresses are a contract: a change here means resources would be destroyed and
 * recreated (or need `moveTo`). Update this list only deliberately.
 */
test('resource addresses of a minimal network + NAT + cluster + pool', () => {
  const { stack, network, cluster } = clusterStack();
  network.allowControlPlane('172.16.0.0/28');
  new CloudNat(stack, 'Nat', { network, region: 'us-central1', subnets: [{ subnet: network.subnet('prod-usc1') }] });
  new NodePool(stack, 'Services', { cluster, name: 'services' });
  expect(addresses(synthJson(stack))).toEqual([
    'google_compute_firewall.Network_AllowControlPlane-172-16-0-0-28_AD70493F',
    'google_compute_firewall.Network_AllowHealthChecks_E443A356',
    'google_compute_network.Network_1C6012B5',
    'google_compute_router.Nat_Router_6E352AE2',
    'google_compute_router_nat.Nat_74B082C8',
    'google_compute_subnetwork.Network_Subnet-prod-usc1_AD1CFE10',
    'google_container_cluster.Cluster_EB0386A7',
    'google_container_node_pool.Services_8FACC938',
    'google_project_iam_member.Cluster_NodeServiceAccount_artifactregistry-reader_1B5FB948',
    'google_project_iam_member.Cluster_NodeServiceAccount_container-defaultNodeServiceAccount_B1D825C2',
    'google_service_account.Cluster_NodeServiceAccount_9731FFAE',
  ]);
});

test('construct paths of the main resources', () => {
  const { stack, network, cluster } = clusterStack();
  const pool = new NodePool(stack, 'Services', { cluster, name: 'services' });
  expect([network.vpc!, network.subnetResources['prod-usc1'], cluster.resource, cluster.nodeServiceAccount!.resource, pool.resource].map((r) => r.node.path)).toEqual([
    'test/Network/Resource',
    'test/Network/Subnet-prod-usc1',
    'test/Cluster/Resource',
    'test/Cluster/NodeServiceAccount/Resource',
    'test/Services/Resource',
  ]);
});
