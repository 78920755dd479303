import { Cidr } from '../../../lib/domain/ip-plan/cidr';
import { nodesInPodRange, nodesInSubnet, nodeSubnetPrefix, podBlockPrefix, podRangePrefix } from '../../../lib/domain/ip-plan/gke-sizing';
import {
  validateGkeName,
  validateLabels,
  validateMaintenanceWindow,
  validateMaxPodsPerNode,
  validateNodeSubnetCapacity,
  validatePodRangeCapacity,
  validateServiceAccountId,
  validateTaints,
  validateZones,
  isZoneOf,
  maxPodsThatFit,
} from '../../../lib/domain/gke/gke-rules';

const P = 'test/Cluster';

// The sizing itself is lib/ip-plan/gke-sizing's; these tables pin the GKE rules the checks below rely on.
describe('pod block sizing', () => {
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
    [111, 24],
    [128, 24],
    [129, 23],
    [256, 23],
  ])('%d pods per node -> /%d per node', (pods, prefix) => {
    expect(podBlockPrefix(pods)).toBe(prefix);
  });

  test.each([7, 257, 0, 64.5])('rejects %d pods per node', (pods) => {
    expect(() => podBlockPrefix(pods)).toThrow(RangeError);
    expect(validateMaxPodsPerNode(P, 'maxPodsPerNode', pods)[0].problem).toBe('must be an integer between 8 and 256');
  });
});

describe('pod range capacity: nodes = 2^(block prefix - range prefix)', () => {
  test.each([
    [14, 110, 1024],
    [16, 110, 256],
    [16, 64, 512],
    [16, 32, 1024],
    [16, 8, 4096],
    [21, 110, 8],
    [24, 110, 1],
    [23, 256, 1],
    [24, 256, 0],
    [18, 256, 32],
  ])('/%d at %d pods per node holds %d nodes', (prefix, pods, nodes) => {
    expect(nodesInPodRange(prefix, pods)).toBe(nodes);
  });

  test.each([
    [500, 64, 16],
    [512, 64, 16],
    [513, 64, 15],
    [256, 64, 17],
    [1, 110, 24],
    [1000, 110, 14],
  ])('%d nodes at %d pods need a /%d', (nodes, pods, prefix) => {
    expect(podRangePrefix(nodes, pods)).toBe(prefix);
    expect(nodesInPodRange(prefix, pods)).toBeGreaterThanOrEqual(nodes);
    expect(nodesInPodRange(prefix + 1, pods)).toBeLessThan(nodes);
  });

  test.each([
    [16, 256, 110],
    [16, 500, 64],
    [16, 5000, undefined],
  ])('largest maxPods fitting /%d with %d nodes is %s', (prefix, nodes, pods) => {
    expect(maxPodsThatFit(prefix, nodes)).toBe(pods);
  });

  test('message names range, capacity, need and fix', () => {
    const [issue] = validatePodRangeCapacity(P, 'podRangeCidr', Cidr.parse('10.8.0.0/17'), 110, 130, 'maxNodes 127 + 3 surge');
    expect(issue).toEqual({
      path: P,
      field: 'podRangeCidr',
      value: '10.8.0.0/17',
      problem: 'holds 128 nodes at 110 pods per node (one /24 per node), but maxNodes 127 + 3 surge needs 130',
      fix: 'use a /16 or larger pod range, or lower maxPodsPerNode to 64, or lower the node count',
    });
  });

  test('style-guide example: /16 at 64 pods for 500+ nodes', () => {
    const [issue] = validatePodRangeCapacity(P, 'podRangeCidr', Cidr.parse('10.8.0.0/16'), 64, 600, 'maxNodes 600');
    expect(issue.problem).toBe('holds 512 nodes at 64 pods per node (one /25 per node), but maxNodes 600 needs 600');
    expect(issue.fix).toBe('use a /15 or larger pod range, or lower maxPodsPerNode to 32, or lower the node count');
  });

  test('no issue when it fits', () => {
    expect(validatePodRangeCapacity(P, 'x', Cidr.parse('100.64.0.0/14'), 110, 1024, 'y')).toEqual([]);
  });
});

describe('node subnet capacity: 2^(32-p) - 4', () => {
  test.each([
    [29, 4],
    [28, 12],
    [24, 252],
    [22, 1020],
    [20, 4092],
  ])('/%d holds %d nodes', (prefix, nodes) => expect(nodesInSubnet(prefix)).toBe(nodes));

  test.each([
    [252, 24],
    [253, 23],
    [12, 28],
    [13, 27],
  ])('%d nodes need a /%d', (nodes, prefix) => expect(nodeSubnetPrefix(nodes)).toBe(prefix));

  test('message', () => {
    const [issue] = validateNodeSubnetCapacity(P, 'nodeSubnetCidr', Cidr.parse('10.0.0.0/24'), 253, 'maxNodes 250 + 3 surge');
    expect(issue.problem).toBe('holds 252 nodes (2^(32-24) - 4 reserved), but maxNodes 250 + 3 surge needs 253');
    expect(issue.fix).toBe('use a /23 or larger node subnet, or lower the node count');
  });
});

describe('names', () => {
  test.each(['a', 'prod-usc1', 'a'.repeat(40), 'a1-b2'])('accepts %s', (n) => expect(validateGkeName(P, 'name', n)).toEqual([]));
  test.each(['', 'A', '1a', 'a-', 'a_b', 'a'.repeat(41)])('rejects %j', (n) => {
    expect(validateGkeName(P, 'name', n)[0].problem).toBe('must match ^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$ (at most 40 characters)');
  });
  test.each(['abcdef', 'gke-prod-nodes', 'a'.repeat(30)])('service account id %s', (id) => expect(validateServiceAccountId(P, 'id', id)).toEqual([]));
  test.each(['abcde', 'a'.repeat(31), '1abcdef', 'abcdef-', 'Abcdef'])('rejects service account id %s', (id) => {
    expect(validateServiceAccountId(P, 'id', id)[0].problem).toMatch(/^is not a service account id \(6-30 characters/);
  });
});

describe('zones', () => {
  test.each([
    ['us-central1-a', 'us-central1', true],
    ['us-central1-f', 'us-central1', true],
    ['us-east1-b', 'us-central1', false],
    ['us-central1', 'us-central1', false],
    ['us-central10-a', 'us-central1', false],
  ])('%s in %s: %s', (zone, region, expected) => expect(isZoneOf(zone, region)).toBe(expected));

  test('validateZones reports foreign and duplicate zones', () => {
    expect(validateZones(P, 'nodeLocations', ['us-central1-a', 'us-east1-b', 'us-central1-a'], 'us-central1').map((i) => `${i.field}: ${i.problem}`)).toEqual([
      'nodeLocations[1]: is not a zone of region us-central1',
      'nodeLocations: lists a zone twice',
    ]);
  });
});

describe('taints and labels', () => {
  test.each(['NO_SCHEDULE', 'PREFER_NO_SCHEDULE', 'NO_EXECUTE'])('accepts effect %s', (effect) => {
    expect(validateTaints(P, 'taints', [{ key: 'k', value: 'v', effect }])).toEqual([]);
  });
  test.each(['NoSchedule', 'NO_SCHEDULED', ''])('rejects effect %j', (effect) => {
    const [issue] = validateTaints(P, 'taints', [{ key: 'k', value: 'v', effect }]);
    expect(issue.problem).toBe('is not one of NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE');
    expect(issue.fix).toMatch(/NO_SCHEDULE \(not NoSchedule\)/);
  });
  test('rejects the nvidia.com/gpu taint', () => {
    const [issue] = validateTaints(P, 'taints', [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }]);
    expect(issue.problem).toBe('is the GPU taint GKE adds itself to GPU nodes');
  });
  test('rejects bad keys, values and duplicates', () => {
    const issues = validateTaints(P, 'taints', [
      { key: 'bad key', value: 'v', effect: 'NO_SCHEDULE' },
      { key: 'k', value: 'bad value', effect: 'NO_SCHEDULE' },
      { key: 'k', value: 'x', effect: 'NO_SCHEDULE' },
    ]);
    expect(issues.map((i) => i.field)).toEqual(['taints[0].key', 'taints[1].value', 'taints[2]']);
  });
  test('labels', () => {
    expect(validateLabels(P, 'labels', { 'example.com/team': 'a', tenant: 'b' })).toEqual([]);
    expect(validateLabels(P, 'labels', { 'bad key': 'x', ok: 'bad value' }).map((i) => i.problem)).toEqual(['is not a valid Kubernetes label key', 'is not a valid Kubernetes label value']);
  });
});

describe('maintenance window', () => {
  test('accepts a 4-hour weekly window', () => {
    expect(validateMaintenanceWindow(P, '2025-01-04T02:00:00Z', '2025-01-04T06:00:00Z', 'FREQ=WEEKLY;BYDAY=SA')).toEqual([]);
  });
  test.each([
    ['2025-01-04T02:00:00Z', '2025-01-04T05:00:00Z', 'FREQ=WEEKLY', 'is less than 4 hours after startTime 2025-01-04T02:00:00Z'],
    ['yesterday', '2025-01-04T05:00:00Z', 'FREQ=WEEKLY', 'is not an RFC 3339 time'],
    ['2025-01-04T02:00:00Z', '2025-01-04T08:00:00Z', 'WEEKLY', 'is not an RFC 5545 RRULE starting with FREQ=DAILY or FREQ=WEEKLY'],
  ])('rejects %s..%s %s', (start, end, rrule, problem) => {
    expect(validateMaintenanceWindow(P, start, end, rrule)[0].problem).toBe(problem);
  });
});
