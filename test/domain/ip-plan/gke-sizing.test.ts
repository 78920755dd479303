import { gkeRangeSizes, nodesInPodRange, nodesInSubnet, nodeSubnetPrefix, podBlockPrefix, podRangePrefix, servicesRangePrefix } from '../../../lib/domain/ip-plan/gke-sizing';

describe('GKE sizing', () => {
  test.each([
    [8, 28],
    [9, 27],
    [16, 27],
    [17, 26],
    [32, 26],
    [33, 25],
    [64, 25],
    [65, 24],
    [110, 24],
    [128, 24],
    [129, 23],
    [256, 23],
  ])('a node with %i max pods gets a /%i pod block', (pods, prefix) => {
    expect(podBlockPrefix(pods)).toBe(prefix);
  });

  test.each([7, 257, 0, 12.5])('throws when maxPodsPerNode is %p', (pods) => {
    expect(() => podBlockPrefix(pods)).toThrow(/maxPodsPerNode .* must be a whole number from 8 to 256/);
  });

  test.each([
    // usable = 2^(32-p) - 4
    [1, 29],
    [4, 29],
    [5, 28],
    [12, 28],
    [13, 27],
    [252, 24],
    [253, 23],
    [1020, 22],
    [1021, 21],
  ])('%i nodes need a /%i node subnet', (nodes, prefix) => {
    expect(nodeSubnetPrefix(nodes)).toBe(prefix);
    expect(nodesInSubnet(prefix)).toBeGreaterThanOrEqual(nodes);
  });

  test.each([
    // nodes = 2^(block prefix - pod range prefix)
    [256, 64, 17],
    [500, 64, 16],
    [512, 64, 16],
    [1000, 110, 14],
    [60, 32, 20],
    [1, 8, 28],
  ])('%i nodes at %i pods per node need a /%i pod range', (nodes, pods, prefix) => {
    expect(podRangePrefix(nodes, pods)).toBe(prefix);
    expect(nodesInPodRange(prefix, pods)).toBeGreaterThanOrEqual(nodes);
    expect(nodesInPodRange(prefix + 1, pods)).toBeLessThan(nodes);
  });

  test('the style guide example: a /16 holds 256 nodes at 64 pods per node', () => {
    expect(nodesInPodRange(16, 64)).toBe(512);
    expect(nodesInPodRange(17, 64)).toBe(256);
  });

  test.each([
    [4096, 20],
    [1024, 22],
    [1000, 22],
    [1, 32],
  ])('%i services need a /%i', (services, prefix) => {
    expect(servicesRangePrefix(services)).toBe(prefix);
  });

  test('gkeRangeSizes counts surge nodes and defaults services to a /20', () => {
    expect(gkeRangeSizes({ maxNodes: 250, surgeNodes: 6, maxPodsPerNode: 110 })).toEqual({ nodes: 23, pods: 16, services: 20, controlPlane: 28 });
  });
});
