import { successorGenerationProposal } from '../../../lib/domain/platform/successor-generation';

describe('successorGenerationProposal: what diff proposes instead of replacing a cluster', () => {
  const before = { name: 'prod-usc1', project: 'drive-gke-prod', location: 'us-central1', default_max_pods_per_node: 64 };

  test('a pods-per-node change: the field, its old value, and a generation b that sets the new one', () => {
    expect(successorGenerationProposal(before, { ...before, default_max_pods_per_node: 32 }, ['default_max_pods_per_node'])).toBe(
      "maxPodsPerNode cannot change on the live cluster prod-usc1: instead of replacing it, build a successor generation beside it (docs/cluster-generations.md): keep prod-usc1's own settings as they were (maxPodsPerNode 64) and add generations: [{ name: 'a', trafficWeight: 100 }, { name: 'b', trafficWeight: 0, maxPodsPerNode: 32 }], then shift trafficWeight in steps and retire 'a' (state: 'retiring')",
    );
  });

  test('a project move: the generation takes the new project', () => {
    expect(successorGenerationProposal(before, { ...before, project: 'drive-gke-prod-2' }, ['project'])).toContain(`{ name: 'b', trafficWeight: 0, project: "drive-gke-prod-2" }`);
  });

  test('a range change names the fields that size the ranges (no single value to copy)', () => {
    const proposal = successorGenerationProposal(before, before, ['ip_allocation_policy.cluster_secondary_range_name']);
    expect(proposal).toMatch(/^maxNodes, maxPodsPerNode, maxServices, additionalPodRanges or pools \(the ranges they size\) cannot change on the live cluster prod-usc1/);
    expect(proposal).toContain("{ name: 'b', trafficWeight: 0, /* the maxNodes, maxPodsPerNode, maxServices, additionalPodRanges or pools (the ranges they size) you changed */ }");
  });

  test('no proposal for a change a generation would carry too (a rename, a library setting)', () => {
    expect(successorGenerationProposal(before, { ...before, name: 'prod-usc2' }, ['name'])).toBeUndefined();
    expect(successorGenerationProposal(before, before, ['datapath_provider'])).toBeUndefined();
  });
});
