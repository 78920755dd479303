/**
 * The replacement audit: every resource type the library emits has its provider ForceNew arguments written down
 * (force-new-fields.ts), and a change to each of them is reported as a likely replacement.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { EMITTED_RESOURCE_TYPES, FORCE_NEW_FIELDS } from '../../lib/report/force-new-fields';
import { REPLACEMENT_RULES } from '../../lib/report/replacement-rules';
import { diffSynthOutputs } from '../../lib/report/synth-diff';
import { SynthTree } from '../../lib/report/synth-tree';

const ROOT = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Resource types the library's code can emit: every provider resource module it imports. */
function importedResourceTypes(): string[] {
  const types = new Set<string>();
  for (const file of [...sources(join(ROOT, 'lib')), ...sources(join(ROOT, 'stacks'))]) {
    for (const match of readFileSync(file, 'utf8').matchAll(/@cdktf\/provider-(google|aws|random)\/lib\/([a-z0-9-]+)'/g)) {
      const [, provider, module] = match;
      if (module === 'provider' || module.startsWith('data-')) continue;
      types.add(`${provider}_${module.replace(/-/g, '_')}`);
    }
  }
  return [...types].sort();
}

const tree = (resources: Record<string, Record<string, unknown>>): SynthTree => ({ stacks: new Map([['s', resources]]), manifests: new Map() });

/** A body with `path` set to `value` (nested objects for dotted paths). */
function withPath(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

describe('the ForceNew audit', () => {
  test('lists exactly the resource types the library imports from the providers', () => {
    expect([...EMITTED_RESOURCE_TYPES].sort()).toEqual(importedResourceTypes());
  });

  test('records the arguments that make a GKE cluster or node pool a new one', () => {
    expect(FORCE_NEW_FIELDS.google_container_cluster).toEqual(
      expect.arrayContaining(['default_max_pods_per_node', 'ip_allocation_policy.cluster_secondary_range_name', 'private_cluster_config.master_ipv4_cidr_block', 'network', 'subnetwork', 'location']),
    );
    expect(FORCE_NEW_FIELDS.google_container_node_pool).toEqual(
      expect.arrayContaining(['max_pods_per_node', 'network_config.pod_range', 'node_config.service_account', 'node_config.oauth_scopes', 'node_config.spot', 'node_config.guest_accelerator']),
    );
  });

  test.each(REPLACEMENT_RULES.map((rule) => [rule.type, rule]))('a change to each ForceNew argument of %s is a likely replacement', (type, rule) => {
    const blocks = new Set(rule.blocks ?? []);
    for (const path of rule.forceNew) {
      // A block forces a new resource when it appears; an argument when its value changes.
      const before = blocks.has(path) ? withPath(path, null) : withPath(path, 'a');
      const after = blocks.has(path) ? withPath(path, { x: 1 }) : withPath(path, 'b');
      const diff = diffSynthOutputs(tree({ [type]: { R: { ...before } } }), tree({ [type]: { R: { ...after } } }));
      expect({ path, findings: diff.critical.map((f) => [f.kind, f.attributes]) }).toEqual({ path, findings: [['likely-replacement', [path]]] });
    }
  });

  test('a change inside a ForceNew block that is not itself ForceNew is not a replacement', () => {
    const cluster = (stackType: string) => ({ google_container_cluster: { C: { ip_allocation_policy: { cluster_secondary_range_name: 'pods', stack_type: stackType } } } });
    expect(diffSynthOutputs(tree(cluster('IPV4')), tree(cluster('IPV4_IPV6'))).critical).toEqual([]);
  });

  test('a plain in-place change (a node pool autoscaling limit) is not a replacement', () => {
    const pool = (max: number) => ({ google_container_node_pool: { P: { autoscaling: { total_max_node_count: max } } } });
    const diff = diffSynthOutputs(tree(pool(10)), tree(pool(20)));
    expect(diff.terraform.changed).toHaveLength(1);
    expect(diff.critical).toEqual([]);
  });
});

describe('node_config ForceNew fields', () => {
  test('a cluster and a node pool list the same node_config fields (one list, node_config.go)', () => {
    const nodeConfig = (type: string) => FORCE_NEW_FIELDS[type].filter((f) => f.startsWith('node_config.'));
    expect(nodeConfig('google_container_cluster').length).toBeGreaterThan(40);
    expect(nodeConfig('google_container_cluster')).toEqual(nodeConfig('google_container_node_pool'));
    // each resource keeps its own arguments beside them
    expect(FORCE_NEW_FIELDS.google_container_cluster).toContain('default_max_pods_per_node');
    expect(FORCE_NEW_FIELDS.google_container_node_pool).not.toContain('default_max_pods_per_node');
  });

  test('each list stays sorted', () => {
    for (const type of ['google_container_cluster', 'google_container_node_pool']) expect(FORCE_NEW_FIELDS[type]).toEqual([...FORCE_NEW_FIELDS[type]].sort());
  });
});
