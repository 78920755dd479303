import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';

export interface TreeSpec {
  /** Stack name → `resource` block. */
  readonly stacks?: Record<string, Record<string, Record<string, unknown>>>;
  /** Cluster → file name → objects (written as one multi-document YAML file). */
  readonly manifests?: Record<string, Record<string, unknown[]>>;
  /** Write the stacks at the root (the directory IS a cdktf.out). */
  readonly bareCdktfOut?: boolean;
}

/** Writes a synthesized tree the way cdktf and cdk8s lay it out, in a fresh temporary directory. */
export function writeTree(spec: TreeSpec): string {
  const root = mkdtempSync(join(tmpdir(), 'synth-tree-'));
  const cdktfOut = spec.bareCdktfOut ? root : join(root, 'cdktf.out');
  for (const [stack, resource] of Object.entries(spec.stacks ?? {})) {
    const dir = join(cdktfOut, 'stacks', stack);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ '//': { metadata: { stackName: stack } }, terraform: {}, resource }, null, 2));
  }
  for (const [cluster, files] of Object.entries(spec.manifests ?? {})) {
    const dir = join(root, 'dist', cluster);
    mkdirSync(dir, { recursive: true });
    for (const [file, objects] of Object.entries(files)) writeFileSync(join(dir, file), objects.map((o) => stringify(o)).join('---\n'));
  }
  return root;
}

export const CLUSTER = {
  name: 'prod-usc1',
  location: 'us-central1',
  network: '${google_compute_network.Network.id}',
  ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' },
  private_cluster_config: { enable_private_nodes: true, master_ipv4_cidr_block: '172.16.0.0/28' },
  '//': { metadata: { path: 'prod-usc1/Cluster/Resource' } },
};

export const NODE_POOL = {
  name: 'general',
  cluster: '${google_container_cluster.Cluster.id}',
  node_config: { machine_type: 'e2-standard-8', labels: { 'workload-class': 'general' } },
  network_config: { pod_range: 'pods' },
  autoscaling: { total_max_node_count: 100 },
};

export const TUNNEL = { name: 'aws-1', shared_secret: '${random_password.psk1.result}', peer_external_gateway_interface: 0, labels: { team: 'net' } };

export const NAMESPACE = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { tenant: 'team-a' } } };
export const QUOTA = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'team-a' }, spec: { hard: { pods: '100' } } };
export const ROLE_BINDING = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'admins', namespace: 'team-a' }, subjects: [] };
