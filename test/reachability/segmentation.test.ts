import { Testing } from 'cdk8s';
import { App } from 'cdktf';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildClusterManifests } from '../../charts/cluster-manifests';
import { examplePlatform, exampleLockFile } from '../../examples/drive-platform/platform';
import { loadPlatform } from '../../lib/platform/load-platform';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import type { SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import { verifySynthesized } from '../../lib/report/verify-connectivity';
import { buildPlatformStacks } from '../../stacks/platform-stacks';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import { clone, EXAMPLE_CLUSTERS, EXAMPLE_SEGMENTATION_INTENTS, synthesizedExample } from './example-model';

/*
 * Issue 20, item 3: each cluster's firewall rules reach its own nodes only; between clusters, only a declared intent
 * opens a path. The judge is the reachability model reading the synthesized output.
 */
const { definition, output } = synthesizedExample();
const { result } = verifySynthesized(definition, output);
const verdict = (r: typeof result, id: string) => {
  const found = r.verdicts.find((v) => v.id === id);
  if (!found) throw new Error(`no intent ${id}`);
  return found;
};
type Firewalls = Record<string, { name: string; target_tags?: string[]; source_ranges?: string[]; allow?: unknown }>;
const firewallsOf = (o: SynthesizedPlatform) => (o.stacks.find((s) => s.name === 'drive-network')!.json as { resource: { google_compute_firewall: Firewalls } }).resource.google_compute_firewall;

describe('clusters are segmented in the example', () => {
  test("every ordered pair of clusters: nodes, pods and control plane are denied, each at the receiver's ingress firewall", () => {
    expect(EXAMPLE_SEGMENTATION_INTENTS).toHaveLength(18);
    for (const id of EXAMPLE_SEGMENTATION_INTENTS) {
      const v = verdict(result, id);
      expect([id, v.allowed, v.met]).toEqual([id, false, true]);
      const to = /->(?:nodes|pods):(.+)$/.exec(id)![1];
      expect(v.hops.at(-1)).toMatchObject({ kind: 'firewall', at: `VPC firewall (ingress to ${to} nodes)`, ok: false });
    }
  });

  test('the dedicated payments cluster is out of reach of the shared clusters', () => {
    for (const from of ['prod-usc1', 'dev-usw1']) {
      expect(verdict(result, `cluster-segmentation/pods:${from}->pods:payments-usc1`).message).toBe(`pods of ${from} → pods of payments-usc1 any protocol: DENIED`);
    }
  });

  test.each(EXAMPLE_CLUSTERS)("%s: its intra-cluster and control-plane rules target its own nodes' tag", (cluster) => {
    const rules = Object.values(firewallsOf(output));
    expect(rules.find((r) => r.name === `drive-platform-allow-${cluster}-internal`)!.target_tags).toEqual([`gke-${cluster}-nodes`]);
    const cp = definition.clusters.findIndex((c) => c.name === cluster);
    expect(rules.filter((r) => r.name.startsWith('drive-platform-allow-cp-'))[cp].target_tags).toEqual([`gke-${cluster}-nodes`]);
    // Only the health-check rule still targets every node: its sources are Google's load balancers.
    expect(rules.filter((r) => r.target_tags?.includes('gke-node')).map((r) => r.name)).toEqual(['drive-platform-allow-health-checks']);
  });

  test('the firewall rules keep their state addresses (a new target is an in-place update)', () => {
    expect(Object.keys(firewallsOf(output)).sort()).toEqual([
      'Network_AllowClusterInternal-dev-usw1_50F04BE3',
      'Network_AllowClusterInternal-payments-usc1_12FF1243',
      'Network_AllowClusterInternal-prod-usc1_F9C505A9',
      'Network_AllowControlPlane-172-16-0-0-28_AD70493F',
      'Network_AllowControlPlane-172-16-0-16-28_C8C2020F',
      'Network_AllowControlPlane-172-16-0-32-28_9A408F63',
      'Network_AllowHealthChecks_E443A356',
    ]);
  });

  test('the output before segmentation (every rule targeting gke-node) fails exactly the segmentation intents', () => {
    const before = clone(output) as SynthesizedPlatform;
    for (const rule of Object.values(firewallsOf(before))) rule.target_tags = ['gke-node'];
    const failures = verifySynthesized(definition, before).result.failures;
    expect(failures.map((v) => v.id).sort()).toEqual([...EXAMPLE_SEGMENTATION_INTENTS].sort());
    expect(verdict(verifySynthesized(definition, before).result, 'cluster-segmentation/pods:prod-usc1->pods:payments-usc1').message).toBe(
      'pods of prod-usc1 → pods of payments-usc1 any protocol: ALLOWED at firewall rule drive-platform-allow-prod-usc1-internal: admits 100.64.0.0/15 to payments-usc1 nodes any protocol',
    );
  });

  test("a node pool without its cluster's tag is cut off from its own cluster", () => {
    const mutated = clone(output) as SynthesizedPlatform;
    const pools = (mutated.stacks.find((s) => s.name === 'drive-cluster-dev-usw1')!.json as any).resource.google_container_node_pool;
    for (const pool of Object.values<any>(pools)) pool.node_config.tags = ['gke-node'];
    const failures = verifySynthesized(definition, mutated).result.failures.map((v) => v.id);
    expect(failures).toEqual(expect.arrayContaining(['pods-across-nodes/dev-usw1', 'control-plane-to-nodes/dev-usw1']));
  });
});

/** The example with more intents, synthesized and judged as `npm run synth` does. */
function judgeWith(intents: PlatformDefinition['connectivityIntents']) {
  const changed: PlatformDefinition = { ...examplePlatform, connectivityIntents: [...(examplePlatform.connectivityIntents ?? []), ...(intents ?? [])] };
  const platform = loadPlatform(changed, { lockFile: exampleLockFile, frozen: true, today: EXAMPLE_TODAY });
  const outdir = mkdtempSync(join(tmpdir(), 'segmentation-'));
  const app = new App({ outdir, stackTraces: false });
  buildPlatformStacks(app, platform, { gitOps: false });
  app.synth();
  const network = JSON.parse(readFileSync(join(outdir, 'stacks/drive-network/cdk.tf.json'), 'utf8'));
  const stacks = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks as Record<string, { synthesizedStackPath: string }>;
  const synthesized: SynthesizedPlatform = {
    stacks: Object.entries(stacks).map(([name, s]) => ({ name, json: JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8')) })),
    manifests: Object.entries(buildClusterManifests(platform, 'unused', { today: EXAMPLE_TODAY })).map(([cluster, m]) => ({ cluster, objects: m.charts.flatMap((chart) => Testing.synth(chart)) })),
  };
  return { network, result: verifySynthesized(changed, synthesized).result };
}

describe('a path between clusters only through a declared intent', () => {
  const declared = judgeWith([
    { id: 'prod-to-dev-metrics', from: { kind: 'pods', cluster: 'prod-usc1' }, to: { kind: 'pods', cluster: 'dev-usw1' }, port: 9090, expect: 'allow', reason: 'prod Prometheus federates dev' },
    { id: 'prod-nodes-not-dev-metrics', from: { kind: 'nodes', cluster: 'prod-usc1' }, to: { kind: 'pods', cluster: 'dev-usw1' }, port: 9090, expect: 'deny', reason: 'only the pods were declared' },
  ]);

  test("opens one rule: the sender's pod ranges to the receiver's nodes, on the declared port only", () => {
    const rule = Object.entries<any>(declared.network.resource.google_compute_firewall).find(([, r]) => r.name === 'drive-platform-allow-prod-to-dev-metrics');
    expect(rule?.[0]).toBe('Network_AllowClusterPath-prod-to-dev-metrics_91D514E3');
    expect(rule?.[1]).toMatchObject({ direction: 'INGRESS', source_ranges: ['100.64.0.0/15'], target_tags: ['gke-dev-usw1-nodes'], allow: [{ protocol: 'tcp', ports: ['9090'] }] });
  });

  test('the declared path is met; every other protocol and every other source stays denied', () => {
    expect(declared.result.failures.map((v) => v.message)).toEqual([]);
    expect(
      verdict(declared.result, 'prod-to-dev-metrics')
        .hops.filter((h) => h.permits)
        .map((h) => h.at),
    ).toEqual(['firewall rule drive-platform-allow-prod-to-dev-metrics']);
    expect(verdict(declared.result, 'cluster-segmentation/pods:prod-usc1->pods:dev-usw1')).toMatchObject({ allowed: false, met: true });
    expect(verdict(declared.result, 'cluster-segmentation/pods:dev-usw1->pods:prod-usc1')).toMatchObject({ allowed: false, met: true });
    expect(verdict(declared.result, 'prod-nodes-not-dev-metrics')).toMatchObject({ allowed: false, met: true });
  });

  test('an intent opening every protocol between two clusters replaces the denial it contradicts, and only that one', () => {
    const open = judgeWith([{ id: 'prod-to-dev-all', from: { kind: 'nodes', cluster: 'prod-usc1' }, to: { kind: 'nodes', cluster: 'dev-usw1' }, protocol: 'any', expect: 'allow', reason: 'a migration' }]);
    expect(open.result.failures.map((v) => v.message)).toEqual([]);
    const ids = open.result.verdicts.map((v) => v.id);
    expect(ids).not.toContain('cluster-segmentation/nodes:prod-usc1->nodes:dev-usw1');
    expect(ids).toContain('cluster-segmentation/pods:prod-usc1->pods:dev-usw1');
    expect(ids).toContain('cluster-segmentation/nodes:dev-usw1->nodes:prod-usc1');
  });
});
