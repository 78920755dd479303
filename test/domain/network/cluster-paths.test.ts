import { clusterPaths, crossesClusters, validateClusterPathIntents } from '../../../lib/domain/network/cluster-paths';
import type { ConnectivityIntent } from '../../../lib/domain/reachability/connectivity-intent';
import { deriveIntents } from '../../../lib/domain/reachability/derive-intents';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const clusters = [
  { name: 'a', nodeCidr: '10.0.0.0/22', podCidrs: ['100.64.0.0/16', '100.65.0.0/16'] },
  { name: 'b', nodeCidr: '10.0.4.0/22', podCidrs: ['100.66.0.0/16'] },
];
const path = (changes: Partial<ConnectivityIntent>): ConnectivityIntent => ({
  id: 'a-to-b',
  from: { kind: 'pods', cluster: 'a' },
  to: { kind: 'nodes', cluster: 'b' },
  port: 8080,
  expect: 'allow',
  reason: 'r',
  ...changes,
});

describe('clusterPaths', () => {
  test("an allow intent between two clusters opens one rule: the sender's ranges to the receiver's node tag", () => {
    expect(clusterPaths('vpc', clusters, [path({})])).toEqual([
      { id: 'a-to-b', name: 'vpc-allow-a-to-b', from: 'a', to: 'b', sourceCidrs: ['100.64.0.0/16', '100.65.0.0/16'], targetTag: 'gke-b-nodes', protocol: 'tcp', port: 8080, reason: 'r' },
    ]);
  });

  test.each<[string, Partial<ConnectivityIntent>, object]>([
    ['nodes send from the node subnet', { from: { kind: 'nodes', cluster: 'a' } }, { sourceCidrs: ['10.0.0.0/22'] }],
    ["a tenant sends from its cluster's pod ranges", { from: { kind: 'tenant', tenant: 't', cluster: 'a' } }, { sourceCidrs: ['100.64.0.0/16', '100.65.0.0/16'] }],
    ['protocol any is every protocol, without ports', { protocol: 'any', port: undefined }, { protocol: 'all' }],
    ['udp keeps its port', { protocol: 'udp', port: 53 }, { protocol: 'udp', port: 53 }],
  ])('%s', (_, changes, expected) => {
    expect(clusterPaths('vpc', clusters, [path(changes)])[0]).toMatchObject(expected);
  });

  test.each<[string, Partial<ConnectivityIntent>]>([
    ['a deny intent', { expect: 'deny' }],
    ['an intent inside one cluster', { to: { kind: 'nodes', cluster: 'a' } }],
    ['an intent to a control plane (authorized networks, not the firewall)', { to: { kind: 'control-plane', cluster: 'b' } }],
    ['an intent from a remote network', { from: { kind: 'remote', network: 'aws' } }],
  ])('%s opens nothing', (_, changes) => {
    expect(clusterPaths('vpc', clusters, [path(changes)])).toEqual([]);
  });

  test('crossesClusters holds for nodes, pods and tenants of two clusters', () => {
    expect(crossesClusters(path({}))).toBe(true);
    expect(crossesClusters(path({ to: { kind: 'pods', cluster: 'a' } }))).toBe(false);
  });
});

describe('validateClusterPathIntents', () => {
  test('throws (through assertPlatform) when a path between clusters has no id, naming the intent and the fix', () => {
    const definition = { ...examplePlatform, connectivityIntents: [path({ id: undefined, from: { kind: 'pods', cluster: 'prod-usc1' }, to: { kind: 'pods', cluster: 'dev-usw1' } })] };
    expect(() => assertPlatform(definition, { today: EXAMPLE_TODAY })).toThrow(
      'connectivityIntents[0]: id undefined is missing, but the intent opens a firewall path from prod-usc1 to dev-usw1 and its id names the rule; give the intent a short lower-case id, e.g. "prod-to-dev-metrics"',
    );
  });

  test('reports an id that makes no firewall name, with the room left', () => {
    expect(validateClusterPathIntents('drive-platform', [path({ id: 'Prod/Dev' })])).toEqual([
      {
        path: 'connectivityIntents[0]',
        field: 'id',
        value: 'Prod/Dev',
        problem: 'makes the name "drive-platform-allow-Prod/Dev" of the firewall rule from a to b, which is not a GCE name (lower-case letters, digits and "-", at most 63 characters)',
        fix: 'use an id of lower-case letters, digits and "-" of at most 42 characters',
      },
    ]);
    expect(validateClusterPathIntents('drive-platform', [path({ id: 'x'.repeat(43) })])).toHaveLength(1);
    expect(validateClusterPathIntents('drive-platform', [path({ id: 'x'.repeat(42) })])).toEqual([]);
  });
});

describe('segmentation intents', () => {
  const segmentation = (d = examplePlatform) => deriveIntents(d).filter((i) => i.id!.startsWith('cluster-segmentation/'));

  test('every ordered pair of clusters: nodes and pods on every protocol, the control plane on the kubelet port, all denied', () => {
    const intents = segmentation();
    expect(intents).toHaveLength(3 * 2 * 3);
    expect(intents.every((i) => i.expect === 'deny')).toBe(true);
    expect(intents.find((i) => i.id === 'cluster-segmentation/pods:prod-usc1->pods:payments-usc1')).toMatchObject({ from: { kind: 'pods', cluster: 'prod-usc1' }, to: { kind: 'pods', cluster: 'payments-usc1' }, protocol: 'any' });
    expect(intents.find((i) => i.id === 'cluster-segmentation/control-plane:dev-usw1->nodes:prod-usc1')).toMatchObject({ port: 10250 });
  });

  test('one cluster: none', () => {
    expect(segmentation({ ...examplePlatform, clusters: [examplePlatform.clusters[0]] })).toEqual([]);
  });
});
