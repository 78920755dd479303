import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Cidr } from '../../lib/domain/ip-plan/cidr';
import { loadPlatform } from '../../lib/platform/load-platform';
import { GKE_NAME } from '../../lib/domain/naming/naming-rules';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { clusterNodePools } from '../../lib/domain/platform/cluster-node-pools';
import { generatePlatform } from '../../scripts/bench/generate-platform';
import { BenchCase, BenchResults, CLI_PHASES, cliGrowthSteps, cliPhaseKey, cliTargets, evaluateTargets, growthSteps, Measurement, ONE_TENANT_KEYS, runBench } from '../../scripts/bench/run-bench';

function load(definition: PlatformDefinition) {
  const lockFile = join(mkdtempSync(join(tmpdir(), 'bench-test-')), 'ip-plan.lock.json');
  const loaded = loadPlatform(definition, { lockFile, record: false, frozen: false, log: () => undefined, today: '2026-01-01' });
  return { loaded, lockFile };
}

describe('generatePlatform', () => {
  test.each([
    [1, 10],
    [5, 100],
    [20, 1000],
  ])('%i clusters × %i tenants loads: validated, every range placed, nothing written', (clusters, tenants) => {
    // GIVEN
    const definition = generatePlatform({ clusters, tenants });
    // WHEN
    const { loaded, lockFile } = load(definition);
    // THEN
    expect(definition.clusters).toHaveLength(clusters);
    expect(definition.tenants).toHaveLength(tenants);
    expect(loaded.ipPlan.newAllocations.length).toBe(loaded.ipPlan.allocations.length);
    expect(existsSync(lockFile)).toBe(false);
    // 4 ranges per cluster, 4 BGP /30s per HA VPN (Partner Interconnect needs none).
    const vpns = (definition.hybridLinks ?? []).filter((l) => l.kind === 'ha-vpn-aws').length;
    expect(loaded.ipPlan.allocations).toHaveLength(4 * clusters + 4 * vpns);
  });

  test('no two ranges overlap, nor with the remote networks', () => {
    const definition = generatePlatform({ clusters: 20, tenants: 1000 });
    const { loaded } = load(definition);
    const ranges = [...loaded.ipPlan.allocations.map((a) => ({ name: a.name, cidr: Cidr.parse(a.cidr) })), ...(definition.remoteNetworks ?? []).flatMap((n) => n.cidrs.map((c) => ({ name: n.name, cidr: Cidr.parse(c) })))];
    const overlaps = ranges.flatMap((a, i) =>
      ranges
        .slice(i + 1)
        .filter((b) => a.cidr.overlaps(b.cidr))
        .map((b) => `${a.name} ${b.name}`),
    );
    expect(overlaps).toEqual([]);
  });

  test('mixes the isolation levels, links and dependencies', () => {
    const definition = generatePlatform({ clusters: 20, tenants: 1000 });
    const count = (isolation: string) => definition.tenants!.filter((t) => (t.isolation ?? 'shared') === isolation).length;
    expect(count('dedicated-cluster')).toBe(4);
    expect(count('dedicated-nodes')).toBeGreaterThan(50);
    expect(count('shared')).toBeGreaterThan(800);
    expect(definition.tenants!.filter((t) => (t.dependencies?.tenants ?? []).length > 0).length).toBeGreaterThan(100);
    expect(definition.hybridLinks!.map((l) => l.kind).sort()).toEqual([...Array(4).fill('ha-vpn-aws'), ...Array(4).fill('interconnect')]);
    expect(new Set(definition.clusters.map((c) => c.region)).size).toBe(6);
  });

  test('respects the GKE and tenancy rules the validation enforces', () => {
    const definition = generatePlatform({ clusters: 50, tenants: 5000 });
    const projectOf = new Map(definition.clusters.map((c) => [c.name, c.project]));
    for (const cluster of definition.clusters) {
      const pools = clusterNodePools(definition, cluster);
      expect(cluster.name).toMatch(GKE_NAME);
      for (const pool of pools) expect(pool.name).toMatch(GKE_NAME);
      // Tenant dedicated pools count toward the cluster's maxNodes.
      expect(pools.reduce((sum, p) => sum + p.maxNodes, 0)).toBeLessThanOrEqual(cluster.maxNodes);
    }
    for (const tenant of definition.tenants!) expect(new Set(tenant.clusters.map((c) => projectOf.get(c))).size).toBe(1);
    expect(new Set(definition.tenants!.map((t) => t.name)).size).toBe(5000);
  });

  test('is deterministic', () => {
    expect(generatePlatform({ clusters: 5, tenants: 100 })).toEqual(generatePlatform({ clusters: 5, tenants: 100 }));
  });

  test('throws when clusters is below 1', () => {
    expect(() => generatePlatform({ clusters: 0, tenants: 10 })).toThrow(/clusters 0 must be a whole number of at least 1/);
  });
});

describe('growthSteps', () => {
  const run = (work: number): Measurement => ({ wallMs: work + 500, maxRssKb: 1, phases: { define: work / 2, synth: work / 2 } });
  const sized = (tenants: number, works: number[]): BenchCase => ({ id: `tf-20x${tenants}`, kind: 'tf', clusters: 20, tenants, command: '', runs: works.map(run), median: run([...works].sort((a, b) => a - b)[works.length >> 1]) });
  // Pass 2 ran while the machine was loaded: its 1,000-tenant run was slow, its 2,000-tenant run fast.
  const cases = [sized(1000, [1000, 1600, 1100]), sized(2000, [2000, 2100, 2300])];

  test('with interleaved passes, gives the ratio within each pass and their median', () => {
    const [step] = growthSteps(cases, true);
    expect(step).toMatchObject({ fromTenants: 1000, toTenants: 2000, workRatio: 1.91, passWorkRatios: [2, 1.31, 2.09], medianPassWorkRatio: 2 });
  });

  test('without passes, gives only the ratio of the medians (runs back to back are not paired)', () => {
    const [step] = growthSteps(cases);
    expect(step.workRatio).toBe(1.91);
    expect(step.passWorkRatios).toBeUndefined();
  });

  test('judges the doubling target on the median over passes when there is one', () => {
    const loaded = [sized(1000, [1000, 1000, 1000]), sized(2000, [2300, 2100, 2400])];
    const target = (steps: ReturnType<typeof growthSteps>) => evaluateTargets(loaded, steps, [], undefined, { clusters: 20, tenants: 1000 }).find((t) => t.target.includes('cdktf, worst step'))!;
    expect(target(growthSteps(loaded, true))).toMatchObject({ status: 'MISS', figure: expect.stringContaining('2.3× (1000→2000 tenants at 20 clusters; passes 2.3×, 2.1×, 2.4×') });
    expect(target(growthSteps([sized(1000, [1000, 1000, 1000]), sized(2000, [2100, 2500, 2150])], true))).toMatchObject({ status: 'PASS', figure: expect.stringContaining('2.15×') });
  });
});

describe('gke-platform synth end to end (the cli case)', () => {
  const run = (wallMs: number, verify: number, rss = 300_000): Measurement => ({ wallMs, loadAverage: 2, maxRssKb: rss, phases: { 'terraform.synth': wallMs / 2, verify, 'terraform.maxRssKb': rss, 'manifests.maxRssKb': 100_000 } });
  const sized = (tenants: number, runs: Measurement[]): BenchCase => ({ id: `cli-20x${tenants}`, kind: 'cli', clusters: 20, tenants, command: '', runs, median: runs[1] });
  const cases = [sized(1000, [run(5000, 400), run(5200, 500), run(6000, 450)]), sized(2000, [run(9000, 1200), run(10000, 1000), run(12000, 1100)])];

  test('gives the doubling ratio of the wall and of each phase, per pass and their median', () => {
    const steps = cliGrowthSteps(cases, true);
    expect(steps.find((s) => s.figure === 'wall')).toMatchObject({ fromTenants: 1000, toTenants: 2000, ratio: 1.92, passRatios: [1.8, 1.92, 2], medianPassRatio: 1.92 });
    expect(steps.find((s) => s.figure === 'verify')).toMatchObject({ passRatios: [3, 2, 2.44], medianPassRatio: 2.44 });
  });

  test('judges the time targets, every process under 1 GB, and the worst doubling of a phase long enough to measure', () => {
    const targets = cliTargets(cases, cliGrowthSteps(cases, true), { clusters: 20, tenants: 1000 }, [20, 2000]);
    expect(targets.map((t) => [t.status, t.figure])).toEqual([
      ['PASS', '5.20 s (load average 2)'],
      ['PASS', '10.00 s (load average 2)'],
      ['SKIP', 'not measured'],
      ['PASS', '293 MB at 20 × 1000 (parent 293 MB, terraform 293 MB, manifests 98 MB)'],
      ['MISS', '2.44× (verify, 1000→2000 tenants at 20 clusters; passes 3×, 2×, 2.44×)'],
    ]);
  });
});

// Spawns about fifteen measured processes (~30 s): kept out of the default `npm test` so it stays fast;
// CI runs it as a step of its own (BENCH_SMOKE=1, see .ci/run).
const describeBenchRun = process.env.BENCH_SMOKE === '1' ? describe : describe.skip;

describeBenchRun('npm run bench -- --quick --skip-test', () => {
  let results: BenchResults;
  let written: BenchResults;

  beforeAll(async () => {
    results = await runBench({ quick: true, skipTest: true, log: () => undefined });
    written = JSON.parse(readFileSync(join(__dirname, '..', '..', 'bench-results', 'latest-quick.json'), 'utf8')) as BenchResults;
  }, 600_000);

  test('runs without errors and writes the JSON it returns', () => {
    expect(results.errors).toEqual([]);
    expect(written).toEqual(results);
    expect(results.options).toEqual({ quick: true, skipTest: true, repeats: 1, repeatAll: false });
    expect(results.machine.nproc).toBeGreaterThan(0);
  });

  test('measures every case with wall time, peak RSS and phases', () => {
    expect(results.cases.map((c) => c.id)).toEqual([
      'load',
      'example-tf',
      'example-k8s',
      'example-tf-compiled',
      'example-k8s-compiled',
      ...['1x10', '2x20', '2x40'].flatMap((size) => ['cli', ...(size === '2x40' ? ['cli-one-tenant-change'] : []), 'tf', 'k8s', 'both', 'add-one', 'baseline'].map((kind) => `${kind}-${size}`)),
    ]);
    for (const c of results.cases) {
      expect(c.median.wallMs).toBeGreaterThan(0);
      expect(c.median.maxRssKb).toBeGreaterThan(0);
      expect(c.runs).toHaveLength(1);
    }
    const tf = results.cases.find((c) => c.id === 'tf-2x40')!;
    expect(Object.keys(tf.median.phases)).toEqual(['load', 'define', 'construct', 'synth']);
    expect(tf.outputCount).toBeGreaterThan(0);
    expect(results.cases.find((c) => c.id === 'k8s-2x40')!.outputCount).toBeGreaterThan(0);
    // gke-platform synth: the phases of its three processes and the two children's peak RSS.
    const cli = results.cases.find((c) => c.id === 'cli-2x40')!;
    for (const key of CLI_PHASES.map(([p, n]) => cliPhaseKey(p, n))) expect(cli.median.phases[key]).toBeGreaterThan(0);
    expect(cli.median.phases['terraform.maxRssKb']).toBeGreaterThan(0);
    expect(cli.median.phases['manifests.maxRssKb']).toBeGreaterThan(0);
    // The one-tenant change: an incremental synth whose output is byte for byte a full synth's.
    for (const change of results.cases.filter((c) => c.kind === 'cli-one-tenant-change')) {
      expect(change.median.phases[ONE_TENANT_KEYS.identical]).toBe(1);
      expect(change.median.phases[ONE_TENANT_KEYS.files]).toBeGreaterThan(0);
    }
  });

  test('the baseline synthesizes the same resources as the library, type by type', () => {
    expect(results.overhead.map((o) => `${o.clusters}x${o.tenants}`)).toEqual(['1x10', '2x20', '2x40']);
    for (const row of results.overhead) {
      expect(row.resourceDifferences).toEqual([]);
      expect(row.ratio).toBeGreaterThan(0);
    }
  });

  test('reports per size the stacks, the largest state, the files one added tenant changes, and both apps at once', () => {
    expect(results.scale.map((r) => `${r.clusters}x${r.tenants}`)).toEqual(['1x10', '2x20', '2x40']);
    for (const row of results.scale) {
      expect(row.largestState!.resources).toBeGreaterThan(0);
      expect(row.stacks).toBeGreaterThan(2);
      expect([row.changedStateFiles, row.changedManifestFiles]).toEqual([1, 1]);
      expect(row.parallelMs).toBeGreaterThan(0);
      expect(row.maxRssKb).toBeGreaterThan(0);
    }
  });

  test('reports growth and every target as PASS, MISS or SKIP', () => {
    expect(results.growth.map((g) => `${g.kind} ${g.fromTenants}->${g.toTenants}`)).toEqual(['tf 20->40', 'k8s 20->40']);
    expect(results.targets).toHaveLength(18);
    expect(results.cliGrowth!.filter((g) => g.figure === 'wall').map((g) => `${g.fromTenants}->${g.toTenants}`)).toEqual(['20->40']);
    for (const t of results.targets) expect(['PASS', 'MISS', 'SKIP']).toContain(t.status);
    expect(results.targets.find((t) => t.target.startsWith('npm test'))!.status).toBe('SKIP');
    expect(results.npmTest).toBeUndefined();
  });
});
