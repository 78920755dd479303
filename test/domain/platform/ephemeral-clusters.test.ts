import { readFileSync } from 'fs';
import { join } from 'path';
import type { ClusterDefinition, PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { resolvePlatform } from '../../../lib/domain/platform/resolve-platform';
import { exampleLockFile, examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const ipPlanLock = readFileSync(exampleLockFile, 'utf8');
const tenantStatesLock = readFileSync(join(exampleLockFile, '..', 'tenant-states.lock.json'), 'utf8');
const input = { ipPlanLock, ipPlanLockName: 'ip.json', tenantStatesLock, tenantStatesLockName: 'states.json', frozen: false, record: true, today: EXAMPLE_TODAY };

/** A disposable experiment cluster in us-west1. */
const EXPERIMENT: ClusterDefinition = {
  name: 'exp-usw1',
  project: 'drive-gke-dev',
  region: 'us-west1',
  environment: 'dev',
  maxNodes: 10,
  maxPodsPerNode: 32,
  authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }],
  nodePools: [{ name: 'general', kind: 'general', maxNodes: 10 }],
  ephemeral: { expires: '2026-12-31' },
};

const withExperiment = (cluster: ClusterDefinition = EXPERIMENT): PlatformDefinition => ({ ...examplePlatform, clusters: [...examplePlatform.clusters, cluster] });
const started = resolvePlatform(withExperiment(), input);
const startedLock = started.ipPlanLockToWrite!;

describe('ephemeral clusters', () => {
  test('its ranges are recorded under ephemeral/, beside the permanent ones, which do not move', () => {
    expect(started.recorded.map((r) => r.name).sort()).toEqual(['control-plane', 'nodes', 'pods', 'services'].map((r) => `ephemeral/us-west1/exp-usw1/${r}`));
    const written = JSON.parse(startedLock).allocations;
    for (const [name, entry] of Object.entries(JSON.parse(ipPlanLock).allocations)) expect(written[name]).toEqual(entry);
    expect(started.plan.clusters.find((c) => c.name === 'exp-usw1')!.ephemeral).toEqual({ expires: '2026-12-31' });
    expect(started.plan.clusters.find((c) => c.name === 'dev-usw1')!.ephemeral).toBeUndefined();
  });

  test('removed, its ranges are released with the next record (no plan --release); nothing else changes', () => {
    const removed = resolvePlatform(examplePlatform, { ...input, ipPlanLock: startedLock });
    expect(JSON.parse(removed.ipPlanLockToWrite!)).toEqual(JSON.parse(ipPlanLock));
    expect(removed.notices).toEqual([
      'ip-plan: released 4 range(s) of removed ephemeral clusters in ip.json; review and commit it:\n' +
        ['control-plane', 'nodes', 'pods', 'services'].map((r) => `  - ephemeral/us-west1/exp-usw1/${r} ${JSON.parse(startedLock).allocations[`ephemeral/us-west1/exp-usw1/${r}`].cidr}`).join('\n'),
    ]);
  });

  test('removed while the plan is not recorded (CI): they stay reserved, and the notice says what releases them', () => {
    const frozen = resolvePlatform(examplePlatform, { ...input, ipPlanLock: startedLock, frozen: true, record: false });
    expect(frozen.ipPlanLockToWrite).toBeUndefined();
    expect(frozen.notices).toContain(
      `ip-plan: ephemeral/us-west1/exp-usw1/pods (${JSON.parse(startedLock).allocations['ephemeral/us-west1/exp-usw1/pods'].cidr}) belonged to a removed ephemeral cluster; \`npm run ip-plan -- --write\` releases it`,
    );
  });

  test('past its expiry it is reported, with the days left before synthesis refuses it', () => {
    const expired = resolvePlatform(withExperiment(), { ...input, ipPlanLock: startedLock, today: '2027-01-03' });
    expect(expired.notices).toContain('ephemeral cluster exp-usw1 expired on 2026-12-31; synthesis rejects it in 4 day(s): remove it (destroy its parked stack) or extend the date');
  });

  test('throws after the grace period, as for developer namespaces', () => {
    expect(() => resolvePlatform(withExperiment(), { ...input, ipPlanLock: startedLock, today: '2027-01-08' })).toThrow(
      'clusters[exp-usw1]: ephemeral.expires "2026-12-31" passed 8 days ago, beyond the 7-day grace period: the experiment is over; remove the cluster (its stack is parked for `cdktf destroy` and its ranges are released), or extend the date',
    );
    expect(() => resolvePlatform(withExperiment({ ...EXPERIMENT, ephemeral: { expires: '2026-12-31', gracePeriodDays: 30 } }), { ...input, ipPlanLock: startedLock, today: '2027-01-08' })).not.toThrow();
  });

  test('throws on an expiry that is not a date', () => {
    expect(() => resolvePlatform(withExperiment({ ...EXPERIMENT, ephemeral: { expires: '31/12/2026' } }), input)).toThrow('clusters[exp-usw1]: ephemeral.expires "31/12/2026" is not a YYYY-MM-DD date');
  });

  test('throws when an existing cluster is marked ephemeral, or an ephemeral one loses the mark: its ranges would move', () => {
    const marked = { ...examplePlatform, clusters: examplePlatform.clusters.map((c) => (c.name === 'dev-usw1' ? { ...c, ephemeral: { expires: '2027-01-31' } } : c)) };
    expect(() => resolvePlatform(marked, input)).toThrow(
      /clusters\[dev-usw1\]: ephemeral \{"expires":"2027-01-31"\} marks as disposable a cluster whose ranges are recorded as permanent \(gcp\/us-west1\/dev-usw1\/nodes in ip.json\): its ranges would move, replacing the cluster; leave ephemeral out/,
    );
    const { ephemeral: _e, ...permanent } = EXPERIMENT;
    expect(() => resolvePlatform(withExperiment(permanent), { ...input, ipPlanLock: startedLock })).toThrow(/clusters\[exp-usw1\]: ephemeral null drops the disposable mark of a cluster whose ranges are recorded as ephemeral/);
  });

  test('throws when an ephemeral cluster declares generations (it is replaced, not migrated)', () => {
    expect(() => resolvePlatform(withExperiment({ ...EXPERIMENT, generations: [{ name: 'a' }] }), input)).toThrow(/clusters\[exp-usw1\]: generations \["a"\] is declared on an ephemeral cluster/);
  });
});
