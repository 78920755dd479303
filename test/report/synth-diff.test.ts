import { diffSynthOutputs, diffSynthTrees, renderSynthDiff } from '../../lib/report/synth-diff';
import { readSynthTree } from '../../lib/report/synth-tree';
import { REPLACEMENT_RULES, CRITICAL_RESOURCE_TYPES } from '../../lib/report/replacement-rules';
import { changedPaths, valueAt } from '../../lib/report/private/json-diff';
import { CLUSTER, NAMESPACE, NODE_POOL, QUOTA, ROLE_BINDING, TUNNEL, writeTree } from './synth-fixtures';

/** GIVEN a platform before and after a pull request that touches clusters, pools, a tunnel and manifests. */
function fixtureTrees(): { before: string; after: string } {
  const before = writeTree({
    stacks: {
      'drive-prod-usc1': {
        google_container_cluster: { Cluster: CLUSTER },
        google_container_node_pool: { General: NODE_POOL, Batch: { ...NODE_POOL, name: 'batch' } },
      },
      'drive-dev-usw1': { google_container_cluster: { Cluster: { ...CLUSTER, name: 'dev-usw1' } } },
      'drive-link-aws': { google_compute_vpn_tunnel: { Tunnel1: TUNNEL }, google_compute_router_peer: { Peer1: { name: 'aws-1', peer_asn: 64512 } } },
    },
    manifests: {
      'prod-usc1': { 'team-a.k8s.yaml': [NAMESPACE, QUOTA, ROLE_BINDING] },
      'dev-usw1': { 'team-b.k8s.yaml': [{ ...NAMESPACE, metadata: { name: 'team-b' } }] },
    },
  });
  const after = writeTree({
    stacks: {
      'drive-prod-usc1': {
        google_container_cluster: { Cluster: { ...CLUSTER, '//': { metadata: { path: 'moved/but/same' } } } },
        google_container_node_pool: {
          General: { ...NODE_POOL, node_config: { ...NODE_POOL.node_config, machine_type: 'e2-standard-16' }, network_config: { pod_range: 'pods-2' } },
          // The batch pool under a new construct id: same pool, new address.
          BatchPool: { ...NODE_POOL, name: 'batch' },
        },
        google_compute_subnetwork: { Extra: { name: 'extra', ip_cidr_range: '10.1.0.0/24' } },
      },
      'drive-link-aws': { google_compute_vpn_tunnel: { Tunnel1: { ...TUNNEL, shared_secret: '${random_password.psk1b.result}', labels: { team: 'network' } } }, google_compute_router_peer: { Peer1: { name: 'aws-1', peer_asn: 64512 } } },
    },
    manifests: {
      'prod-usc1': { 'team-a.k8s.yaml': [NAMESPACE, { ...QUOTA, spec: { hard: { pods: '200' } } }], 'team-c.k8s.yaml': [{ ...NAMESPACE, metadata: { name: 'team-c' } }] },
    },
  });
  return { before, after };
}

describe('diffSynthTrees', () => {
  const { before, after } = fixtureTrees();
  const diff = diffSynthTrees(before, after);

  test('reports added, changed and removed Terraform resources, ignoring cdktf metadata', () => {
    expect(diff.terraform.added.map((r) => r.key)).toEqual(['drive-prod-usc1/google_compute_subnetwork.Extra', 'drive-prod-usc1/google_container_node_pool.BatchPool']);
    expect(diff.terraform.removed.map((r) => r.key)).toEqual(['drive-dev-usw1/google_container_cluster.Cluster', 'drive-prod-usc1/google_container_node_pool.Batch']);
    expect(diff.terraform.changed.map((r) => r.key)).toEqual(['drive-link-aws/google_compute_vpn_tunnel.Tunnel1', 'drive-prod-usc1/google_container_node_pool.General']);
  });

  test('names nested changed attribute paths', () => {
    const pool = diff.terraform.changed.find((c) => c.type === 'google_container_node_pool');
    expect(pool?.paths).toEqual(['network_config.pod_range', 'node_config.machine_type']);
    expect(diff.terraform.changed.find((c) => c.type === 'google_compute_vpn_tunnel')?.paths).toEqual(['labels.team', 'shared_secret']);
  });

  test('flags critical findings first: deletions, address changes, likely replacements', () => {
    expect(diff.critical.map((f) => [f.kind, f.key])).toEqual([
      ['removed', 'dev-usw1/v1/Namespace/-/team-b'],
      ['removed', 'drive-dev-usw1/google_container_cluster.Cluster'],
      ['address-change', 'drive-prod-usc1/google_container_node_pool.Batch'],
      ['likely-replacement', 'drive-link-aws/google_compute_vpn_tunnel.Tunnel1'],
      ['likely-replacement', 'drive-prod-usc1/google_container_node_pool.General'],
    ]);
    expect(diff.critical.find((f) => f.kind === 'address-change')?.newKey).toBe('drive-prod-usc1/google_container_node_pool.BatchPool');
    expect(diff.critical.find((f) => f.type === 'google_container_node_pool' && f.kind === 'likely-replacement')?.attributes).toEqual(['network_config.pod_range']);
    expect(diff.critical.find((f) => f.type === 'google_compute_vpn_tunnel')?.attributes).toEqual(['shared_secret']);
  });

  test('never prints secret values', () => {
    const tunnel = diff.critical.find((f) => f.type === 'google_compute_vpn_tunnel');
    expect(tunnel?.detail).toContain('`shared_secret` (sensitive value changed) forces a new resource');
    expect(renderSynthDiff(diff)).not.toContain('psk1');
  });

  test('reports manifests added, changed and removed per cluster with changed paths', () => {
    expect(diff.manifests.added.map((m) => m.key)).toEqual(['prod-usc1/v1/Namespace/-/team-c']);
    expect(diff.manifests.removed.map((m) => m.key)).toEqual(['dev-usw1/v1/Namespace/-/team-b', 'prod-usc1/rbac.authorization.k8s.io/v1/RoleBinding/team-a/admins']);
    expect(diff.manifests.changed).toEqual([expect.objectContaining({ key: 'prod-usc1/v1/ResourceQuota/team-a/quota', paths: ['spec.hard.pods'] })]);
  });

  test('renders Markdown with the summary, the critical section first and groups per stack and cluster', () => {
    const markdown = renderSynthDiff(diff);
    expect(markdown).toContain('**Summary:** ⚠️ 5 critical · Terraform: 2 added, 2 changed, 2 removed · Manifests: 1 added, 1 changed, 2 removed');
    const critical = markdown.indexOf('### ⚠️ Replacements and deletions of critical infrastructure');
    expect(critical).toBeGreaterThan(0);
    expect(critical).toBeLessThan(markdown.indexOf('### Terraform resources'));
    expect(markdown.indexOf('### Terraform resources')).toBeLessThan(markdown.indexOf('### Manifests'));
    expect(markdown).toContain('- **Likely replacement** `drive-prod-usc1/google_container_node_pool.General`: `network_config.pod_range` (`"pods"` → `"pods-2"`) forces a new resource');
    expect(markdown).toContain('- **Destroy and create (address changed)** `drive-prod-usc1/google_container_node_pool.Batch` → `drive-prod-usc1/google_container_node_pool.BatchPool`');
    expect(markdown).toContain('only `terraform plan` against the real state confirms a replacement');
    expect(markdown).toContain('- `google_container_node_pool.General`: `network_config.pod_range`, `node_config.machine_type`');
    expect(markdown).toContain('#### Cluster `prod-usc1`');
    expect(markdown).toContain('- `ResourceQuota team-a/quota (v1)`: `spec.hard.pods`');
    expect(markdown).toMatchSnapshot();
  });

  test('is deterministic', () => {
    expect(renderSynthDiff(diffSynthTrees(before, after))).toBe(renderSynthDiff(diff));
  });

  test('reports no differences for identical trees', () => {
    const same = diffSynthTrees(before, before);
    expect(same.critical).toEqual([]);
    expect(renderSynthDiff(same)).toContain('No differences in the synthesized output.');
  });
});

describe('critical rules', () => {
  const stack = (resources: Record<string, Record<string, unknown>>) => readSynthTree(writeTree({ stacks: { s: resources } }));

  test.each([
    ['google_container_cluster', CLUSTER, { private_cluster_config: { enable_private_nodes: true, master_ipv4_cidr_block: '172.16.0.16/28' } }, 'private_cluster_config.master_ipv4_cidr_block'],
    ['google_container_cluster', CLUSTER, { ip_allocation_policy: { cluster_secondary_range_name: 'pods-b', services_secondary_range_name: 'services' } }, 'ip_allocation_policy.cluster_secondary_range_name'],
    ['google_container_node_pool', NODE_POOL, { max_pods_per_node: 64 }, 'max_pods_per_node'],
    ['google_compute_interconnect_attachment', { name: 'a', vlan_tag8021q: 100, router: 'r' }, { vlan_tag8021q: 101 }, 'vlan_tag8021q'],
    ['aws_vpn_connection', { tunnel1_inside_cidr: '169.254.10.0/30' }, { tunnel1_inside_cidr: '169.254.11.0/30' }, 'tunnel1_inside_cidr'],
  ])('%s: a change to %# is a likely replacement', (type, body, change, attribute) => {
    const diff = diffSynthOutputs(stack({ [type]: { R: body } }), stack({ [type]: { R: { ...body, ...change } } }));
    expect(diff.critical).toEqual([expect.objectContaining({ kind: 'likely-replacement', attributes: [attribute] })]);
  });

  test('an in-place change is not flagged', () => {
    const diff = diffSynthOutputs(stack({ google_container_node_pool: { R: NODE_POOL } }), stack({ google_container_node_pool: { R: { ...NODE_POOL, autoscaling: { total_max_node_count: 200 } } } }));
    expect(diff.terraform.changed).toHaveLength(1);
    expect(diff.critical).toEqual([]);
  });

  test('changing the AWS target gateway is flagged as disruptive, not as a replacement', () => {
    const diff = diffSynthOutputs(stack({ aws_vpn_connection: { R: { transit_gateway_id: 'tgw-1' } } }), stack({ aws_vpn_connection: { R: { transit_gateway_id: 'tgw-2' } } }));
    expect(diff.critical).toEqual([expect.objectContaining({ kind: 'disruptive-change', attributes: ['transit_gateway_id'] })]);
  });

  test('removing a non-critical resource is not flagged', () => {
    const diff = diffSynthOutputs(stack({ google_compute_firewall: { F: { name: 'f' } } }), stack({}));
    expect(diff.terraform.removed).toHaveLength(1);
    expect(diff.critical).toEqual([]);
  });

  test('a critical resource moving between stacks reads as destroy and create', () => {
    const before = readSynthTree(writeTree({ stacks: { a: { google_compute_vpn_tunnel: { T: TUNNEL } } } }));
    const after = readSynthTree(writeTree({ stacks: { b: { google_compute_vpn_tunnel: { T: TUNNEL } } } }));
    expect(diffSynthOutputs(before, after).critical).toEqual([expect.objectContaining({ kind: 'address-change', key: 'a/google_compute_vpn_tunnel.T', newKey: 'b/google_compute_vpn_tunnel.T' })]);
  });

  test('every critical type has a rule, and every rule lists its attributes once', () => {
    for (const type of CRITICAL_RESOURCE_TYPES) expect(REPLACEMENT_RULES.map((r) => r.type)).toContain(type);
    for (const rule of REPLACEMENT_RULES) expect(new Set(rule.forceNew).size).toBe(rule.forceNew.length);
  });
});

describe('reading trees', () => {
  test('accepts a directory that is itself a cdktf.out', () => {
    const tree = readSynthTree(writeTree({ bareCdktfOut: true, stacks: { s: { google_compute_network: { N: { name: 'n' } } } } }));
    expect([...tree.stacks.keys()]).toEqual(['s']);
  });

  test('throws when a directory holds no synthesized output', () => {
    const empty = writeTree({});
    expect(() => readSynthTree(empty)).toThrow(/holds no synthesized output: expected cdktf\.out\/stacks\/<stack>\/cdk\.tf\.json/);
    expect(() => readSynthTree(`${empty}/missing`)).toThrow(/is not a directory/);
  });
});

describe('json paths', () => {
  test.each([
    [{ a: 1 }, { a: 2 }, ['a']],
    [{ a: { b: [1, 2] } }, { a: { b: [1, 3] } }, ['a.b[1]']],
    [{ a: [1] }, { a: [1, 2] }, ['a']],
    [{ a: 1, '//': 'x' }, { a: 1, '//': 'y' }, []],
    [{}, { a: { b: 1 } }, ['a']],
  ])('changedPaths(%j, %j) is %j', (a, b, paths) => {
    expect(changedPaths(a, b)).toEqual(paths);
  });

  test('valueAt looks through one-element block lists', () => {
    expect(valueAt({ a: [{ b: 1 }] }, 'a.b')).toEqual([1]);
    expect(valueAt({ a: { b: 1 } }, 'a.c')).toBeUndefined();
  });
});
