import { copyFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadPlatform } from '../../lib/platform/load-platform';
import { DEFAULT_BLUE_GREEN_UPGRADE, DEFAULT_MACHINE_TYPES, DEFAULT_NETWORK_MTU } from '../../lib/domain/platform/platform-defaults';
import { withDataCluster } from './platform/with-data-cluster';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { planCluster } from '../../lib/domain/platform/platform-plan';
import { PARTNER_INTERCONNECT_ASN } from '../../lib/domain/hybrid/asn';
import { gkeTaint } from '../../lib/domain/tenancy/tenant-placement';
import { exampleLockFile, examplePlatform } from '../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

/** Loads a definition against a scratch copy of the example's lock file, recording any new range there. */
function plan(definition: PlatformDefinition) {
  const lockFile = join(mkdtempSync(join(tmpdir(), 'plan-')), 'ip-plan.lock.json');
  copyFileSync(exampleLockFile, lockFile);
  return loadPlatform(definition, { lockFile, frozen: false, today: EXAMPLE_TODAY, log: () => undefined }).plan;
}

const example = plan(examplePlatform);

describe('PlatformPlan of the example', () => {
  test('names every stack once', () => {
    expect(example.stacks).toEqual({
      network: 'drive-network',
      fleet: 'drive-fleet',
      clusters: { 'prod-usc1': 'drive-cluster-prod-usc1', 'dev-usw1': 'drive-cluster-dev-usw1', 'payments-usc1': 'drive-cluster-payments-usc1' },
      developers: 'drive-developers',
      links: { 'aws-usw2': 'drive-link-aws-usw2', 'garage-sunnyvale': 'drive-link-garage-sunnyvale' },
      // Resolved without a record: every tenant placed by the shard rule, per project (loadPlatform reads the record).
      tenantStates: {
        mapping: 'drive-tenants-drive-gke-prod-1',
        'ml-training': 'drive-tenants-drive-gke-prod-1',
        payments: 'drive-tenants-drive-payments-prod-1',
        routing: 'drive-tenants-drive-gke-prod-1',
        simulation: 'drive-tenants-drive-gke-prod-1',
      },
    });
  });

  test('a cluster carries its ranges by name with their CIDRs from the lock file', () => {
    const prod = planCluster(example, 'prod-usc1');
    expect(prod.subnet).toMatchObject({ name: 'gke-prod-usc1', ipPlanName: 'gcp/us-central1/prod-usc1/nodes' });
    expect(prod.podRange).toMatchObject({ rangeName: 'prod-usc1-pods', ipPlanName: 'gcp/us-central1/prod-usc1/pods' });
    expect(prod.podRange.cidr).toBe(example.ipPlan.cidr('gcp/us-central1/prod-usc1/pods'));
    expect(prod.controlPlane.cidr).toBe(example.ipPlan.cidr('gcp/us-central1/prod-usc1/control-plane'));
    expect(prod.zones).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c']);
    expect(prod.releaseChannel).toBe('REGULAR');
  });

  test('surge counts every surge pool (tenant pools included) in every zone, once; blue-green the largest blue-green pool', () => {
    // prod-usc1: 3 own pools + 2 dedicated-nodes tenant pools surge 1 each in 3 zones; ml-training's companion CPU pool
    // (general: blue-green) adds a second set of its 8 nodes instead.
    expect(planCluster(example, 'prod-usc1').surgeNodes).toBe(15);
    expect(planCluster(example, 'prod-usc1').blueGreenNodes).toBe(8);
    expect(example.ipPlan.gkeClusters.find((c) => c.cluster === 'gcp/us-central1/prod-usc1')).toMatchObject({ surgeNodes: 15, blueGreenNodes: 8 });
  });

  test('dedicated-nodes tenants are placed: pool, taint in both spellings, toleration, selector', () => {
    const sim = example.tenants.find((t) => t.name === 'simulation')!;
    expect(sim.placement).toMatchObject({ poolName: 'tenant-simulation', taint: { key: 'tenant', value: 'simulation', effect: 'NoSchedule' }, nodeSelector: { tenant: 'simulation' } });
    expect(sim.placement!.toleration).toEqual({ key: 'tenant', operator: 'Equal', value: 'simulation', effect: 'NoSchedule' });
    expect(gkeTaint(sim.placement!.taint)).toEqual({ key: 'tenant', value: 'simulation', effect: 'NO_SCHEDULE' });
    const pool = planCluster(example, 'prod-usc1').nodePools.find((p) => p.name === 'tenant-simulation')!;
    expect(pool).toMatchObject({ kind: 'spot-batch', spot: true, locationPolicy: 'ANY', machineType: 'n2-standard-32', minNodes: 0, placement: sim.placement });
    expect(example.tenants.find((t) => t.name === 'mapping')!.placement).toBeUndefined();
    expect(example.tenants.find((t) => t.name === 'payments')!).toMatchObject({ isolation: 'dedicated-cluster', project: 'drive-payments-prod' });
  });

  test('links resolve ASNs, MTU and routing once', () => {
    const garage = example.links.find((l) => l.name === 'garage-sunnyvale')!;
    expect(garage).toMatchObject({ kind: 'interconnect', mtu: 1460, networkMtu: 1460, routingMode: 'GLOBAL' });
    if (garage.kind !== 'interconnect') throw new Error('unreachable');
    expect(garage.routers).toEqual([
      { name: 'garage-sunnyvale-us-central1', region: 'us-central1', asn: PARTNER_INTERCONNECT_ASN },
      { name: 'garage-sunnyvale-us-west1', region: 'us-west1', asn: PARTNER_INTERCONNECT_ASN },
    ]);
    const aws = example.links.find((l) => l.name === 'aws-usw2')!;
    if (aws.kind !== 'ha-vpn-aws') throw new Error('unreachable');
    expect(aws.aws).toMatchObject({ type: 'transit-gateway', amazonSideAsn: 64512, region: 'us-west-2' });
    expect(aws.bgpRanges.map((r) => r.session)).toEqual(['tunnel-1', 'tunnel-2', 'tunnel-3', 'tunnel-4']);
    // No cluster authorizes a range of the AWS VPC, so no control plane is advertised to it.
    expect(aws.advertisements.ranges).toEqual([]);
  });
});

describe('PlatformPlan defaults', () => {
  const bare: PlatformDefinition = {
    ...examplePlatform,
    network: { name: 'drive-platform', project: 'drive-net-prod' },
    clusters: examplePlatform.clusters.map((c) =>
      c.name !== 'dev-usw1'
        ? c
        : {
            ...c,
            releaseChannel: undefined,
            nodePools: [
              // 16: the recorded pod range (64 nodes) holds the pools at maximum plus surge and a blue-green second set of these.
              { name: 'general', kind: 'general', maxNodes: 16 },
              { name: 'batch', kind: 'spot-batch', maxNodes: 10 },
              { name: 'gpu', kind: 'gpu', maxNodes: 4 },
            ],
          },
    ),
    tenants: [
      ...(examplePlatform.tenants ?? []),
      {
        name: 'lab',
        groups: { admin: 'lab@example.com' },
        clusters: ['dev-usw1'],
        isolation: 'dedicated-nodes',
        dedicatedNodes: { kind: 'gpu', maxNodes: 2, cpuPool: false },
        labels: { team: 'lab', environment: 'dev', costCenter: 'cc-9' },
      },
    ],
  };
  const resolved = plan(bare);
  const dev = planCluster(resolved, 'dev-usw1');
  const pool = (name: string) => dev.nodePools.find((p) => p.name === name)!;

  test.each([
    ['general', { machineType: DEFAULT_MACHINE_TYPES.general, minNodes: 3, spot: false, locationPolicy: 'BALANCED', maxSurge: 0, maxUnavailable: 0, maxPodsPerNode: 32, upgrade: { strategy: 'blue-green', ...DEFAULT_BLUE_GREEN_UPGRADE } }],
    ['batch', { maxSurge: 1, upgrade: { strategy: 'surge', maxSurge: 1, maxUnavailable: 0 } }],
    ['batch', { machineType: DEFAULT_MACHINE_TYPES['spot-batch'], minNodes: 0, spot: true, locationPolicy: 'ANY' }],
    ['gpu', { machineType: DEFAULT_MACHINE_TYPES.gpu, minNodes: 0, spot: false, locationPolicy: 'ANY', gpu: { type: 'nvidia-l4', count: 1, driverVersion: 'LATEST' } }],
    ['tenant-lab', { machineType: DEFAULT_MACHINE_TYPES.gpu, minNodes: 0, gpu: { type: 'nvidia-l4', count: 1, driverVersion: 'LATEST' } }],
  ])('pool %s gets its defaults', (name, expected) => {
    expect(pool(name)).toMatchObject(expected);
  });

  test("the documented machine type defaults are the presets' (general e2-standard-4, spot-batch n2-standard-8, gpu g2-standard-8)", () => {
    expect(DEFAULT_MACHINE_TYPES).toEqual({ general: 'e2-standard-4', 'spot-batch': 'n2-standard-8', gpu: 'g2-standard-8' });
  });

  test('the network and cluster defaults apply', () => {
    expect(resolved.network).toMatchObject({ routingMode: 'GLOBAL', mtu: DEFAULT_NETWORK_MTU });
    expect(resolved.network.vpcMtu).toBeUndefined();
    expect(dev.releaseChannel).toBe('REGULAR');
  });
});

describe('PlatformPlan order independence', () => {
  const twoInWest = withDataCluster(40);

  test('advertised control planes and NAT subnet lists do not follow the cluster order', () => {
    const forward = plan(twoInWest);
    const reversed = plan({ ...twoInWest, clusters: [...twoInWest.clusters].reverse() });
    const adverts = (p: typeof forward) => p.links.find((l) => l.name === 'garage-sunnyvale')!.advertisements.ranges.map((r) => r.description);
    expect(adverts(forward)).toEqual(['private.googleapis.com', 'data-usw1 control plane', 'dev-usw1 control plane', 'payments-usc1 control plane', 'prod-usc1 control plane']);
    expect(adverts(reversed)).toEqual(adverts(forward));
    expect(reversed.network.nats).toEqual(forward.network.nats);
    expect(forward.network.nats.find((n) => n.region === 'us-central1')!.subnets.map((s) => s.subnet)).toEqual(['gke-payments-usc1', 'gke-prod-usc1']);
  });
});
