/**
 * Where the corpus' admitted pods could run, judged against the synthesized node pools: every honest pod has a
 * pool; a dedicated tenant's pods only its own pools, the ML tenant's CPU-only pods its companion CPU pool,
 * shared tenants' pods no tenant pool. And why admission matters: pods it refuses would reach others' nodes.
 */
import { admissionCorpus } from '../../lib/domain/isolation/admission-corpus';
import { podSpecOf } from '../../lib/domain/isolation/corpus-objects';
import { resourcesOf, synthExample } from '../stacks/example-synth';
import { exampleManifests, examplePlatform } from './example-manifests';
import { feasiblePools, poolsOf } from './scheduling-judge';

const { json } = synthExample();
const pools = poolsOf(resourcesOf({ 'drive-cluster-prod-usc1': json['drive-cluster-prod-usc1'] }, 'google_container_node_pool').map(([, , body]) => body));
const manifests = exampleManifests();
const corpus = admissionCorpus('prod-usc1', manifests['prod-usc1'], examplePlatform);
const specOf = (id: string) => podSpecOf(corpus.find((c) => c.id === id)!.object!);
const owners: Record<string, string[]> = { simulation: ['tenant-simulation'], 'ml-training': ['tenant-ml-training', 'tenant-ml-training-cpu'] };

describe("scheduling of the corpus pods on prod-usc1's node pools", () => {
  const admittedPods = corpus.filter((c) => c.expect === 'allowed' && c.object && podSpecOf(c.object) && c.namespace);

  test.each(admittedPods.map((c) => [c.id, c] as const))('%s has a pool, and only pools its tenant may use', (_, c) => {
    const feasible = feasiblePools(podSpecOf(c.object!), pools);
    expect(feasible).not.toEqual([]);
    const own = owners[c.namespace!];
    if (own) for (const pool of feasible) expect(own).toContain(pool);
    else for (const pool of feasible) expect(pool.startsWith('tenant-')).toBe(false);
  });

  test("the ML tenant's CPU-only pods run on its companion CPU pool, its GPU jobs on its GPU pool", () => {
    expect(feasiblePools(specOf('ml-training/developer/cpu-only-pod'), pools)).toEqual(['tenant-ml-training-cpu']);
    expect(feasiblePools(specOf('ml-training/developer/deployment'), pools)).toEqual(['tenant-ml-training-cpu']);
    expect(feasiblePools(specOf('ml-training/developer/gpu-job'), pools)).toEqual(['tenant-ml-training']);
  });

  test("the simulation tenant's large pods fit its nodes", () => {
    expect(feasiblePools(specOf('simulation/developer/large-pod'), pools)).toEqual(['tenant-simulation']);
  });

  test("what admission refuses would otherwise reach another tenant's nodes", () => {
    expect(feasiblePools(specOf('mapping/developer/pod-tolerates-simulation'), pools)).toContain('tenant-simulation');
    expect(feasiblePools(specOf('routing/developer/deployment-tolerates-ml-training'), pools)).toContain('tenant-ml-training-cpu');
  });
});
