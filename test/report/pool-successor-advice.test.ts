/**
 * `gke-platform diff` on a node pool replacement: the field that forces it, and the successor declaration to write
 * instead (docs/node-pool-upgrades.md).
 */
import { diffSynthOutputs, renderSynthDiff } from '../../lib/report/synth-diff';
import { readSynthTree } from '../../lib/report/synth-tree';
import { poolSuccessorAdvice } from '../../lib/report/pool-successor-advice';
import { CLUSTER, NODE_POOL, writeTree } from './synth-fixtures';

const stack = (resources: Record<string, Record<string, unknown>>) => readSynthTree(writeTree({ stacks: { s: resources } }));
const GPU_POOL = { ...NODE_POOL, name: 'gpu-l4', node_config: { ...NODE_POOL.node_config, guest_accelerator: [{ type: 'nvidia-l4', count: 1 }] } };

describe('a node pool replacement in the diff', () => {
  const before = stack({ google_container_node_pool: { R: GPU_POOL } });
  const after = stack({ google_container_node_pool: { R: { ...GPU_POOL, node_config: { ...GPU_POOL.node_config, guest_accelerator: [{ type: 'nvidia-l4', count: 2 }] } } } });
  const diff = diffSynthOutputs(before, after);

  test('names the forcing field and carries the successor advice', () => {
    expect(diff.critical).toEqual([
      expect.objectContaining({
        kind: 'likely-replacement',
        attributes: ['node_config.guest_accelerator.count'],
        detail: expect.stringContaining('`node_config.guest_accelerator.count` (`[1]` → `[2]`) forces a new resource'),
        proposal:
          "keep `gpu-l4` unchanged (a replacement removes every node at once) and add a successor beside it in its cluster's nodePools: `{ name: 'gpu-l4-b', successorOf: 'gpu-l4', ... }` with gpu-l4's fields and the new gpu; move the workload (cordon and drain gpu-l4), then remove gpu-l4 and successorOf in a later change (docs/node-pool-upgrades.md)",
      }),
    ]);
  });

  test('the Markdown shows the advice under the finding', () => {
    expect(renderSynthDiff(diff)).toMatch(/- \*\*Likely replacement\*\* `s\/google_container_node_pool\.R`: .*\n {2}- \*\*Instead:\*\* keep `gpu-l4` unchanged/);
  });

  test('a cluster replacement gets the generation proposal, not the pool advice', () => {
    const cluster = diffSynthOutputs(stack({ google_container_cluster: { C: CLUSTER } }), stack({ google_container_cluster: { C: { ...CLUSTER, default_max_pods_per_node: 16 } } }));
    expect(cluster.critical[0]?.proposal).not.toMatch(/successorOf/);
  });

  test("a pool replaced with its cluster gets no pool advice: the cluster's generation covers it", () => {
    const both = diffSynthOutputs(
      stack({ google_container_cluster: { C: CLUSTER }, google_container_node_pool: { R: GPU_POOL } }),
      stack({ google_container_cluster: { C: { ...CLUSTER, default_max_pods_per_node: 16 } }, google_container_node_pool: { R: { ...GPU_POOL, max_pods_per_node: 16 } } }),
    );
    expect(both.critical.find((f) => f.type === 'google_container_node_pool')?.proposal).toBeUndefined();
  });

  test.each([
    [['max_pods_per_node'], 'maxPodsPerNode'],
    [['network_config.pod_range'], 'podRange'],
    [['node_config.spot'], "kind ('spot-batch' runs Spot VMs)"],
    [['queued_provisioning', 'queued_provisioning.enabled', 'node_config.reservation_affinity'], 'queuedProvisioning'],
    [['node_config.oauth_scopes'], '`node_config.oauth_scopes`'],
  ])('%j is declared on the successor as %s', (forcing, field) => {
    expect(poolSuccessorAdvice('services-b', forcing)).toContain(`{ name: 'services-c', successorOf: 'services-b', ... }\` with services-b's fields and the new ${field};`);
  });

  test('a tenant pool has no successor: the advice says so', () => {
    expect(poolSuccessorAdvice('tenant-ml-training', ['node_config.guest_accelerator.type'])).toMatch(/^a dedicated-nodes tenant's pool has no successor pool: this replaces its nodes all at once/);
  });

  test('a pool past -z gets a new name', () => {
    expect(poolSuccessorAdvice('web-z', ['max_pods_per_node'])).toMatch(/^web-z has used every generation suffix: declare the changed pool under a new name beside it/);
  });
});
