/**
 * Replacing a node pool without downtime, scripted on the bundled example (docs/node-pool-upgrades.md):
 *   step 0: the example as it is;
 *   step 1: a successor gpu-l4-b (a change GKE cannot make in place: two L4s per node) beside the unchanged gpu-l4;
 *   step 2: gpu-l4 removed (after the operator drained it) and successorOf dropped.
 * At each step exactly the expected Terraform resource appears or disappears; nothing else changes, no range moves.
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { loadPlatform } from '../../lib/platform/load-platform';
import { ClusterDefinition, PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { NodePoolDefinition } from '../../lib/domain/platform/node-pool-definition';
import { exampleLockFile, examplePlatform } from '../../examples/drive-platform/platform';
import { buildPlatformStacks } from '../../stacks/platform-stacks';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

process.env.CHECKPOINT_DISABLE = '1';

const GITOPS = { gitOps: { repository: { url: 'https://github.com/example/drive-platform-manifests.git' } } };
const CLUSTER_STACK = 'drive-cluster-prod-usc1';

/** Every Terraform resource of the synthesized platform (a real App, validations on), by `<stack>/<type>.<name>`, as JSON text. */
function synth(definition: PlatformDefinition) {
  const platform = loadPlatform(definition, { lockFile: exampleLockFile, frozen: true, today: EXAMPLE_TODAY, log: () => undefined });
  const outdir = mkdtempSync(join(tmpdir(), 'pool-successor-'));
  const app = new App({ outdir, stackTraces: false });
  buildPlatformStacks(app, platform, GITOPS);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const resources = new Map<string, string>();
  for (const [stack, entry] of Object.entries<{ synthesizedStackPath: string }>(manifest.stacks)) {
    const tf = JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), 'utf8'));
    for (const [type, byName] of Object.entries<Record<string, unknown>>(tf.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) resources.set(`${stack}/${type}.${name}`, JSON.stringify(body));
    }
  }
  return { resources, allocations: platform.ipPlan.allocations.map((a) => `${a.name} ${a.cidr}`) };
}

/** Keys only in `after`, only in `before`, and in both with a different body. */
function compare(before: Map<string, string>, after: Map<string, string>) {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
  };
}

const withProdPools = (change: (pools: readonly NodePoolDefinition[]) => NodePoolDefinition[]): PlatformDefinition => ({
  ...examplePlatform,
  clusters: examplePlatform.clusters.map((c): ClusterDefinition => (c.name === 'prod-usc1' ? { ...c, nodePools: change(c.nodePools) } : c)),
});
const gpuL4 = examplePlatform.clusters.find((c) => c.name === 'prod-usc1')!.nodePools.find((p) => p.name === 'gpu-l4')!;
const successor: NodePoolDefinition = { ...gpuL4, name: 'gpu-l4-b', successorOf: 'gpu-l4', machineType: 'g2-standard-24', gpu: { type: 'nvidia-l4', count: 2 }, maxNodes: 24 };
const { successorOf: _successorOf, ...successorAlone } = successor;

const step0 = synth(examplePlatform);
const step1 = synth(withProdPools((pools) => [...pools, successor]));
const step2 = synth(withProdPools((pools) => [...pools.filter((p) => p.name !== 'gpu-l4'), successorAlone]));
const poolKey = (step: typeof step0, name: string) => [...step.resources.entries()].find(([key, body]) => key.startsWith(`${CLUSTER_STACK}/google_container_node_pool.`) && JSON.parse(body).name === name)?.[0];

describe('replacing a node pool through a successor', () => {
  test('step 1: only the successor pool is added; the old pool and everything else are unchanged', () => {
    const diff = compare(step0.resources, step1.resources);
    expect(diff.added).toEqual([poolKey(step1, 'gpu-l4-b')]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(poolKey(step1, 'gpu-l4')).toBe(poolKey(step0, 'gpu-l4'));
  });

  test("step 1: the successor's construct id is its name, in the cluster's stack, beside the old pool's", () => {
    expect(poolKey(step0, 'gpu-l4')).toMatch(/^drive-cluster-prod-usc1\/google_container_node_pool\.gpu-l4_[0-9A-F]{8}$/);
    expect(poolKey(step1, 'gpu-l4-b')).toMatch(/^drive-cluster-prod-usc1\/google_container_node_pool\.gpu-l4-b_[0-9A-F]{8}$/);
  });

  test("step 1: the successor carries the change that forced it, surge upgrades and the old pool's taints and labels", () => {
    const body = JSON.parse(step1.resources.get(poolKey(step1, 'gpu-l4-b')!)!);
    expect(body).toMatchSnapshot();
    const old = JSON.parse(step1.resources.get(poolKey(step1, 'gpu-l4')!)!);
    expect(body.node_config.labels).toEqual(old.node_config.labels);
    expect(body.node_config.guest_accelerator[0].count).toBe(2);
    expect(body.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 1, max_unavailable: 0 });
  });

  test('step 2: removing the old pool removes only its resource; the successor is byte-identical without successorOf', () => {
    const diff = compare(step1.resources, step2.resources);
    expect(diff.removed).toEqual([poolKey(step1, 'gpu-l4')]);
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([]);
  });

  test('no range moves at any step', () => {
    expect(step1.allocations).toEqual(step0.allocations);
    expect(step2.allocations).toEqual(step0.allocations);
  });

  test('throws when the old pool is removed but successorOf stays', () => {
    expect(() => synth(withProdPools((pools) => [...pools.filter((p) => p.name !== 'gpu-l4'), successor]))).toThrow(
      /clusters\[prod-usc1\]\.nodePools\[gpu-l4-b\]: successorOf "gpu-l4" names no pool of this cluster's nodePools; .*once the old pool is removed, drop successorOf \(it changes nothing deployed\)/,
    );
  });
});
