/**
 * The benchmark runner: compiles the project with its own tsc, runs every workload in a child process
 * of its own (one at a time: the machine has 2 cores), and reports wall time, peak RSS and phases, the
 * growth when tenants double, the overhead against the direct baseline and the issue's targets.
 * Imports only Node built-ins, so the runner itself adds nothing to what it measures.
 */
import { spawn, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'os';
import { join, resolve } from 'path';
import { probeOutput, ProbeReport } from './probe';

export interface BenchOptions {
  /** Small sizes only, one run each (for tests and a smoke check). @default false */
  readonly quick?: boolean;
  /** Do not time `npm test`. @default false */
  readonly skipTest?: boolean;
  /** Do not run the direct baseline (saves about a third of a full run). @default false */
  readonly skipBaseline?: boolean;
  /**
   * Only these generated sizes, and no load or example cases (to spread a full run over several invocations).
   * @default every size of FULL_SIZES (QUICK_SIZES with quick), with the load and example cases
   */
  readonly sizes?: readonly (readonly [number, number])[];
  /** Runs of the load, example and headline-size cases; the median is reported. @default 3 (1 with quick) */
  readonly repeats?: number;
  /** Repeat every generated size, not only the headline one (a full run then takes about three times as long). @default false */
  readonly repeatAll?: boolean;
  /**
   * Run the generated sizes in passes (every size and case once, then again), instead of each case's runs back to
   * back, so the runs compared in a growth ratio are minutes apart rather than a whole run apart: the growth is then
   * also reported per pass, and its median over the passes judged. Implies repeatAll. @default false
   */
  readonly interleave?: boolean;
  /**
   * Only these cases of the generated sizes (`cli` is `gke-platform synth` end to end, `cli-one-tenant-change` the
   * incremental synth after a one-tenant edit). @default every one: cli, cli-one-tenant-change, tf, k8s, both,
   * add-one and (without skipBaseline) baseline
   */
  readonly kinds?: readonly GeneratedKind[];
  /** Project root. @default the folder two levels above this file */
  readonly root?: string;
  /** Where the JSON goes. @default <root>/bench-results */
  readonly resultsDir?: string;
  /** Progress lines. @default console.log */
  readonly log?: (line: string) => void;
}

export type CaseKind = 'load' | 'tf' | 'k8s' | 'baseline' | 'both' | 'add-one' | 'cli' | 'cli-one-tenant-change' | 'example-tf' | 'example-k8s' | 'example-tf-compiled' | 'example-k8s-compiled';
/** The cases run at every generated size. */
export const GENERATED_KINDS = ['cli', 'cli-one-tenant-change', 'tf', 'k8s', 'both', 'add-one', 'baseline'] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

/** The processes of `gke-platform synth`: the parent (define, verify) and its two children (cli/parallel-synth.ts). */
export const CLI_PROCESSES = ['parent', 'terraform', 'manifests'] as const;
/** The phases of the `cli` case, by process, in the order they run (`verify:read` and `verify:judge` are inside `verify`). */
export const CLI_PHASES: readonly (readonly [(typeof CLI_PROCESSES)[number], string])[] = [
  ['terraform', 'define'],
  ['terraform', 'construct'],
  ['terraform', 'synth'],
  ['manifests', 'define'],
  ['manifests', 'synth'],
  ['parent', 'define'],
  ['parent', 'verify'],
  ['parent', 'verify:read'],
  ['parent', 'verify:judge'],
  ['parent', 'write'],
];
/** A phase's key in a `cli` measurement: `terraform.construct`; the parent's own are unprefixed. */
export function cliPhaseKey(process: (typeof CLI_PROCESSES)[number], name: string): string {
  return process === 'parent' ? name : `${process}.${name}`;
}

export interface Measurement {
  /** Spawn to exit, as the parent saw it (includes Node start-up). */
  readonly wallMs: number;
  /** The machine's 1-minute load average when the run started (other jobs share the cores). */
  readonly loadAverage?: number;
  readonly maxRssKb: number;
  readonly phases: Readonly<Record<string, number>>;
}

export interface BenchCase {
  readonly id: string;
  readonly kind: CaseKind;
  readonly clusters?: number;
  readonly tenants?: number;
  readonly command: string;
  readonly runs: readonly Measurement[];
  /** Median of the runs, field by field. */
  readonly median: Measurement;
  /** Terraform resources (tf, baseline) or Kubernetes objects (k8s) written by the first run. */
  readonly outputCount?: number;
  /** Terraform resources per type (tf, baseline): compared to prove the baseline is the same platform. */
  readonly resourceTypes?: Readonly<Record<string, number>>;
  /** Stacks (Terraform states) written (tf, baseline). */
  readonly stacks?: number;
  /** The stack with the most resources (tf, baseline). */
  readonly largestState?: { readonly name: string; readonly resources: number };
}

/** Per platform size: the figures of issue 16 (state size, change size, both apps' time and memory). */
export interface ScaleRow {
  readonly clusters: number;
  readonly tenants: number;
  readonly stacks?: number;
  readonly largestState?: { readonly name: string; readonly resources: number };
  /** Terraform state files and manifest files changed by adding one shared tenant. */
  readonly changedStateFiles?: number;
  readonly changedManifestFiles?: number;
  /** Both apps in two processes at once (as `gke-platform synth` runs them), wall. */
  readonly parallelMs?: number;
  /** The two apps one after the other (sum of their walls). */
  readonly sequentialMs?: number;
  /** Largest peak RSS of one process (cdktf or cdk8s), and the two together (parallel). */
  readonly maxRssKb?: number;
  readonly rssSumKb?: number;
}

export interface GrowthStep {
  readonly kind: 'tf' | 'k8s';
  readonly clusters: number;
  readonly fromTenants: number;
  readonly toTenants: number;
  /** Ratio of wall times. */
  readonly wallRatio: number;
  /** Ratio of define + construct + synth (without process start-up and module load, which do not grow). */
  readonly workRatio: number;
  /** With interleave: the work ratio of each pass (two runs minutes apart), and their median. */
  readonly passWorkRatios?: readonly number[];
  readonly medianPassWorkRatio?: number;
}

/** The growth of one figure of the `cli` case (wall or a phase) when tenants double. */
export interface CliGrowthStep {
  readonly clusters: number;
  readonly fromTenants: number;
  readonly toTenants: number;
  /** `wall`, or a phase key (`terraform.synth`, `verify`, ...). */
  readonly figure: string;
  /** Ratio of the medians. */
  readonly ratio: number;
  /** With interleave: the ratio within each pass, and their median (what the target judges). */
  readonly passRatios?: readonly number[];
  readonly medianPassRatio?: number;
}

export interface OverheadRow {
  readonly clusters: number;
  readonly tenants: number;
  readonly libraryMs: number;
  readonly baselineMs: number;
  /** Library wall / baseline wall. */
  readonly ratio: number;
  /** Resource types whose counts differ between library and baseline (empty when the baseline is faithful). */
  readonly resourceDifferences: readonly string[];
}

export interface TargetResult {
  readonly target: string;
  readonly figure: string;
  readonly status: 'PASS' | 'MISS' | 'SKIP';
}

export interface BenchResults {
  readonly version: 1;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly machine: { readonly nproc: number; readonly cpuModel: string; readonly memoryMb: number; readonly freeMemoryMb: number; readonly node: string; readonly platform: string; readonly loadAverage: readonly number[] };
  readonly options: { readonly quick: boolean; readonly skipTest: boolean; readonly repeats: number; readonly repeatAll: boolean; readonly skipBaseline?: boolean; readonly interleave?: boolean };
  /** How children run: compiled by the project's tsc to this folder (relative to the root). */
  readonly buildDir: string;
  readonly cases: readonly BenchCase[];
  readonly growth: readonly GrowthStep[];
  readonly overhead: readonly OverheadRow[];
  readonly scale: readonly ScaleRow[];
  /** `gke-platform synth` end to end: the growth of its wall time and of each phase when tenants double. */
  readonly cliGrowth?: readonly CliGrowthStep[];
  readonly npmTest?: { readonly wallMs: number; readonly exitCode: number; readonly tail: string };
  readonly targets: readonly TargetResult[];
  /** Failures of the benchmark itself (a case that could not run); non-empty means exit code 1. */
  readonly errors: readonly string[];
}

/** Platform sizes: the issue's corners, and a tenant doubling series at 20 clusters for the growth ratio. */
export const FULL_SIZES: readonly (readonly [number, number])[] = [
  [1, 10],
  [5, 100],
  [20, 500],
  [20, 1000],
  [20, 2000],
  [20, 4000],
  [50, 5000],
];
export const QUICK_SIZES: readonly (readonly [number, number])[] = [
  [1, 10],
  [2, 20],
  [2, 40],
];
/** The headline size of the issue's targets. */
export const HEADLINE = { clusters: 20, tenants: 1000 } as const;
const QUICK_HEADLINE = { clusters: 2, tenants: 40 } as const;
const LOAD_REPEATS = 5;
/** A case taking longer than this is an error, not a figure. */
const CASE_TIMEOUT_MS = 15 * 60_000;

const TARGETS = {
  loadMs: 1000,
  loadRssMb: 200,
  exampleMs: 5000,
  headlineMs: 20_000,
  headlineRssMb: 2048,
  doublingRatio: 2.2,
  overheadRatio: 1.3,
  npmTestMs: 60_000,
  // Issue 26: `gke-platform synth` end to end.
  cliHeadlineMs: 6_000,
  cliLargeMs: 30_000,
  cliRssMb: 1024,
  oneTenantChangeMs: 2_000,
  // Issue 16.
  maxStateResources: 500,
  parallelHeadlineMs: 10_000,
  largeRssMb: 1024,
};
/** The large size of issue 16's memory and state-size targets. */
export const LARGE = { clusters: 50, tenants: 5000 } as const;

export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const startedAt = new Date();
  const root = options.root ?? resolve(__dirname, '..', '..');
  const quick = options.quick ?? false;
  const skipTest = options.skipTest ?? false;
  const repeats = options.repeats ?? (quick ? 1 : 3);
  const interleave = options.interleave ?? false;
  const repeatAll = (options.repeatAll ?? false) || interleave;
  const skipBaseline = options.skipBaseline ?? false;
  const log = options.log ?? ((line: string) => console.log(line));
  const resultsDir = options.resultsDir ?? join(root, 'bench-results');
  const buildDir = join(root, 'bench-results', '.build');
  const errors: string[] = [];

  log(`compiling lib, stacks, charts and scripts/bench with the project's tsc into ${buildDir} ...`);
  compile(root, log);
  const probe = join(buildDir, 'scripts', 'bench', 'probe.js');
  const workload = join(buildDir, 'scripts', 'bench', 'workload.js');

  const scratch = mkdtempSync(join(tmpdir(), 'gke-bench-'));
  const cases: BenchCase[] = [];
  interface Pending {
    readonly kind: CaseKind;
    readonly size?: { clusters: number; tenants: number };
    command: string;
    readonly runs: Measurement[];
    failed: boolean;
    counts?: ReturnType<typeof countOutput>;
  }
  const pending = new Map<string, Pending>();
  type ArgsFor = (outdir: string) => { args: string[]; env?: Record<string, string>; after?: () => Record<string, number> };
  // One measurement of a case; the first run's output is counted.
  const runOnce = async (id: string, kind: CaseKind, argsFor: ArgsFor, size?: { clusters: number; tenants: number }) => {
    let p = pending.get(id);
    if (!p) {
      p = { kind, size, command: '', runs: [], failed: false };
      pending.set(id, p);
    }
    if (p.failed) return;
    const i = p.runs.length;
    const outdir = join(scratch, `${id}-${i}`);
    mkdirSync(outdir, { recursive: true });
    try {
      const { args, env, after } = argsFor(outdir);
      p.command = `node ${args.map((a) => a.replace(root + '/', '')).join(' ')}`;
      const measured = await measure(root, args, env ?? {}, join(scratch, `${id}-${i}.probe.json`));
      // Checks after the timed run (not timed): the one-tenant change's output against a full synth.
      p.runs.push(after ? { ...measured, phases: { ...measured.phases, ...after() } } : measured);
      if (i === 0) p.counts = countOutput(kind, outdir);
    } catch (error) {
      p.failed = true;
      errors.push(`${id}: ${(error as Error).message}`);
      log(`  ${id}: ERROR ${(error as Error).message}`);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };
  const finishCase = (id: string) => {
    const p = pending.get(id);
    pending.delete(id);
    if (!p || p.runs.length === 0) return;
    const { outputCount, resourceTypes, stacks, largestState } = p.counts ?? {};
    const c: BenchCase = { id, kind: p.kind, ...p.size, command: p.command, runs: p.runs, median: medianOf(p.runs), outputCount, resourceTypes, stacks, largestState };
    cases.push(c);
    log(`  ${id.padEnd(28)} ${fmtMs(c.median.wallMs).padStart(8)}  ${fmtMb(c.median.maxRssKb).padStart(8)}  (${p.runs.length} run${p.runs.length > 1 ? 's' : ''})`);
  };
  const runCase = async (id: string, kind: CaseKind, count: number, argsFor: ArgsFor, size?: { clusters: number; tenants: number }) => {
    for (let i = 0; i < count; i++) await runOnce(id, kind, argsFor, size);
    finishCase(id);
  };

  try {
    if (!options.sizes) {
      log('library load (compiled lib/index.js) ...');
      await runCase('load', 'load', quick ? 1 : LOAD_REPEATS, () => ({ args: ['--require', probe, workload, 'load'] }));

      log('bundled example (CI=true: the IP plan is frozen, nothing is written to stacks/) ...');
      const exampleEnv = (outdir: string) => ({ CI: 'true', CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: join(outdir, 'cdktf.out'), CDK8S_OUTDIR: join(outdir, 'dist') });
      // As `npm run synth` runs them (tsx), minus npm's own start-up; and compiled.
      await runCase('example-tf', 'example-tf', repeats, (o) => ({ args: ['--import', 'tsx', '--require', probe, join(root, 'cli', 'cdktf-app.ts')], env: exampleEnv(o) }));
      await runCase('example-k8s', 'example-k8s', repeats, (o) => ({ args: ['--import', 'tsx', '--require', probe, join(root, 'cli', 'cdk8s-app.ts')], env: exampleEnv(o) }));
      await runCase('example-tf-compiled', 'example-tf-compiled', repeats, (o) => ({ args: ['--require', probe, join(buildDir, 'cli', 'cdktf-app.js')], env: exampleEnv(o) }));
      await runCase('example-k8s-compiled', 'example-k8s-compiled', repeats, (o) => ({ args: ['--require', probe, join(buildDir, 'cli', 'cdk8s-app.js')], env: exampleEnv(o) }));
    }
    log('generated platforms (library cdktf, library cdk8s, both at once, one tenant added, direct baseline) ...');
    const headline = quick ? QUICK_HEADLINE : HEADLINE;
    const sizes = options.sizes ?? (quick ? QUICK_SIZES : FULL_SIZES);
    const kinds = (options.kinds ?? GENERATED_KINDS).filter((k) => !(skipBaseline && k === 'baseline'));
    const cli = join(buildDir, 'cli', 'bin.js');
    const generated = (clusters: number, tenants: number, kind: GeneratedKind) =>
      [
        `${kind}-${clusters}x${tenants}`,
        kind,
        (o: string): { args: string[]; env: Record<string, string>; after?: () => Record<string, number> } =>
          kind === 'cli-one-tenant-change'
            ? oneTenantChange(o, buildDir, clusters, tenants, probe, cli)
            : kind === 'cli'
              ? // A generated platform has no lock file yet: its first synth records the ranges, as a user's first run does, even when the bench runs in CI.
                { args: ['--require', probe, cli, 'synth', '--config', cliProject(o, buildDir, clusters, tenants)], env: { CHECKPOINT_DISABLE: '1', CI: 'false' } }
              : { args: ['--require', probe, workload, kind, String(clusters), String(tenants), o], env: { CHECKPOINT_DISABLE: '1' } },
        { clusters, tenants },
      ] as const;
    // The one-tenant change (three synths of the platform) runs at the headline size only, unless sizes are named.
    const runsAt = (clusters: number, tenants: number, kind: GeneratedKind) => kind !== 'cli-one-tenant-change' || options.sizes !== undefined || (clusters === headline.clusters && tenants === headline.tenants);
    if (interleave) {
      // Pass by pass: each pass measures every size once, so a growth ratio compares runs minutes apart.
      for (let pass = 0; pass < repeats; pass++) {
        log(`  pass ${pass + 1} of ${repeats} (load average ${loadavg()[0].toFixed(2)})`);
        for (const [clusters, tenants] of sizes) {
          // A count, not a time: one run is enough.
          for (const kind of kinds) if ((kind !== 'add-one' || pass === 0) && runsAt(clusters, tenants, kind)) await runOnce(...generated(clusters, tenants, kind));
        }
      }
      for (const [clusters, tenants] of sizes) for (const kind of kinds) finishCase(`${kind}-${clusters}x${tenants}`);
    } else {
      for (const [clusters, tenants] of sizes) {
        const runs = repeatAll || (clusters === headline.clusters && tenants === headline.tenants) ? repeats : 1;
        for (const kind of kinds.filter((k) => runsAt(clusters, tenants, k))) {
          const [id, k, argsFor, size] = generated(clusters, tenants, kind);
          // A count, not a time: one run is enough.
          await runCase(id, k, kind === 'add-one' ? 1 : runs, argsFor, size);
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  let npmTest: BenchResults['npmTest'];
  if (!skipTest) {
    log('npm test (typecheck, import check, jest --ci), once ...');
    npmTest = await timeNpmTest(root);
    log(`  npm test ${fmtMs(npmTest.wallMs)} exit ${npmTest.exitCode}`);
  }

  const growth = growthSteps(cases, interleave);
  const cliGrowth = cliGrowthSteps(cases, interleave);
  const overhead = overheadRows(cases);
  const scale = scaleRows(cases);
  const headline = quick ? QUICK_HEADLINE : HEADLINE;
  const large = quick ? QUICK_SIZES[QUICK_SIZES.length - 1] : ([LARGE.clusters, LARGE.tenants] as const);
  const targets = [...evaluateTargets(cases, growth, overhead, npmTest, headline, large), ...cliTargets(cases, cliGrowth, headline, large)];
  const results: BenchResults = {
    version: 1,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    machine: {
      nproc: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryMb: Math.round(totalmem() / 2 ** 20),
      freeMemoryMb: Math.round(freemem() / 2 ** 20),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    options: { quick, skipTest, repeats, repeatAll, ...(skipBaseline ? { skipBaseline } : {}), ...(interleave ? { interleave } : {}) },
    buildDir: 'bench-results/.build',
    cases,
    growth,
    overhead,
    scale,
    cliGrowth,
    npmTest,
    targets,
    errors,
  };
  mkdirSync(resultsDir, { recursive: true });
  const json = JSON.stringify(results, null, 2);
  writeFileSync(join(resultsDir, `bench-${quick ? 'quick-' : ''}${startedAt.toISOString().replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(resultsDir, quick ? 'latest-quick.json' : 'latest.json'), json);
  return results;
}

/** The project's own tsc, incremental. Type errors elsewhere in the tree are reported, not fatal: tsc still emits. */
function compile(root: string, log: (line: string) => void): void {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'scripts', 'bench', 'tsconfig.bench.json')], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    const workload = join(root, 'bench-results', '.build', 'scripts', 'bench', 'workload.js');
    if (!existsSync(workload)) throw new Error(`tsc failed and emitted nothing:\n${result.stdout}${result.stderr}`);
    log(
      `  warning: tsc reported type errors (output emitted anyway):\n${result.stdout
        .split('\n')
        .slice(0, 10)
        .map((l) => `    ${l}`)
        .join('\n')}`,
    );
  }
}

/** Spawns one child and waits for it; the probe in the child reports peak RSS and phases. */
function measure(cwd: string, args: string[], env: Record<string, string>, probeOut: string): Promise<Measurement> {
  return new Promise((resolvePromise, reject) => {
    rmSync(probeOut, { force: true });
    const loadAverage = Math.round(loadavg()[0] * 100) / 100;
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env, BENCH_PROBE_OUT: probeOut }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-8).join('\n')}`));
      if (!existsSync(probeOut)) return reject(new Error('the probe wrote no report'));
      const report = JSON.parse(readFileSync(probeOut, 'utf8')) as ProbeReport;
      // `gke-platform synth`'s two children report beside the parent: their phases and peak RSS, prefixed.
      const phases: Record<string, number> = { ...report.phases };
      for (const part of ['terraform', 'manifests'] as const) {
        const file = probeOutput(probeOut, part);
        if (!existsSync(file)) continue;
        const child = JSON.parse(readFileSync(file, 'utf8')) as ProbeReport;
        for (const [name, ms] of Object.entries(child.phases)) phases[cliPhaseKey(part, name)] = ms;
        phases[`${part}.maxRssKb`] = child.maxRssKb;
        rmSync(file, { force: true });
      }
      resolvePromise({ wallMs: round(wallMs), loadAverage, maxRssKb: report.maxRssKb, phases });
    });
  });
}

/**
 * A project for `gke-platform synth --config`: a definition module that generates the platform (compiled generator)
 * and a configuration writing into `outdir`. A first synth: the lock files are written as the run records them.
 */
function cliProject(outdir: string, buildDir: string, clusters: number, tenants: number): string {
  const generator = join(buildDir, 'scripts', 'bench', 'generate-platform.js');
  writeFileSync(join(outdir, 'platform.js'), `exports.platform = require(${JSON.stringify(generator)}).generatePlatform({ clusters: ${clusters}, tenants: ${tenants} });\n`);
  const config = join(outdir, 'gke-platform.json');
  writeFileSync(config, JSON.stringify({ definition: 'platform.js', terraformOutdir: 'cdktf.out', manifestsOutdir: 'dist' }));
  return config;
}

/** Counts of the `cli-one-tenant-change` case, beside its phases (not milliseconds). */
export const ONE_TENANT_KEYS = { identical: 'identicalToFullSynth', differing: 'filesDifferingFromFullSynth', files: 'outputFiles' } as const;

/**
 * The `cli-one-tenant-change` case: a full `gke-platform synth` of the generated platform (not timed), then one
 * tenant's definition edited (another viewer group and a quota: its namespace's RoleBinding and ResourceQuota, its
 * shard's state), then the timed synth, incremental as a user's next run is. Afterwards (not timed) a full synth of
 * the edited definition into fresh folders (CI=true: no cache) must match the incremental output byte for byte.
 */
function oneTenantChange(outdir: string, buildDir: string, clusters: number, tenants: number, probe: string, cli: string): { args: string[]; env: Record<string, string>; after: () => Record<string, number> } {
  const config = cliProject(outdir, buildDir, clusters, tenants);
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'false' };
  const first = spawnSync(process.execPath, [cli, 'synth', '--config', config], { cwd: outdir, env, encoding: 'utf8' });
  if (first.status !== 0) throw new Error(`the first synth failed: ${first.stderr.trim().split('\n').slice(-5).join('\n')}`);
  const generator = join(buildDir, 'scripts', 'bench', 'generate-platform.js');
  const tenant = Math.floor(tenants / 2);
  writeFileSync(
    join(outdir, 'platform.js'),
    `const platform = require(${JSON.stringify(generator)}).generatePlatform({ clusters: ${clusters}, tenants: ${tenants} });\n` +
      `const t = platform.tenants[${tenant}];\n` +
      `t.groups = { ...t.groups, viewer: t.name + '-auditors@example.com' };\n` +
      `t.quota = { requestsCpu: '12', requestsMemory: '48Gi', limitsCpu: '24', limitsMemory: '96Gi' };\n` +
      `exports.platform = platform;\n`,
  );
  const after = () => {
    const reference = join(outdir, 'full-synth');
    const full = spawnSync(process.execPath, [cli, 'synth', '--config', config], { cwd: outdir, env: { ...env, CI: 'true', CDKTF_OUTDIR: join(reference, 'cdktf.out'), CDK8S_OUTDIR: join(reference, 'dist') }, encoding: 'utf8' });
    if (full.status !== 0) throw new Error(`the reference full synth failed: ${full.stderr.trim().split('\n').slice(-5).join('\n')}`);
    let differing = 0;
    let files = 0;
    for (const folder of ['cdktf.out', 'dist']) {
      const [mine, theirs] = [fileContents(join(outdir, folder)), fileContents(join(reference, folder))];
      for (const file of new Set([...mine.keys(), ...theirs.keys()])) if (mine.get(file) !== theirs.get(file)) differing++;
      files += theirs.size;
    }
    return { [ONE_TENANT_KEYS.identical]: differing === 0 ? 1 : 0, [ONE_TENANT_KEYS.differing]: differing, [ONE_TENANT_KEYS.files]: files };
  };
  return { args: ['--require', probe, cli, 'synth', '--config', config], env: { CHECKPOINT_DISABLE: '1', CI: 'false' }, after };
}

/** Every file below `dir` by relative path, with its bytes (as latin1 text, compared for equality only). */
function fileContents(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(join(dir, prefix))) return out;
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of fileContents(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel), 'latin1'));
  }
  return out;
}

function timeNpmTest(root: string): Promise<{ wallMs: number; exitCode: number; tail: string }> {
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('npm', ['test'], { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-3000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ wallMs: round(Number(process.hrtime.bigint() - start) / 1e6), exitCode: code ?? -1, tail: out.split('\n').slice(-12).join('\n') }));
  });
}

/** Resources per type in cdktf output, or the number of Kubernetes objects in cdk8s output. */
function countOutput(kind: CaseKind, outdir: string): { outputCount?: number; resourceTypes?: Record<string, number>; stacks?: number; largestState?: BenchCase['largestState'] } {
  if (kind === 'tf' || kind === 'baseline') {
    const stacksDir = join(outdir, 'stacks');
    if (!existsSync(stacksDir)) return {};
    const types: Record<string, number> = {};
    let largestState: BenchCase['largestState'];
    const names = readdirSync(stacksDir).sort();
    for (const stack of names) {
      const json = JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      let inStack = 0;
      for (const [type, resources] of Object.entries(json.resource ?? {})) {
        types[type] = (types[type] ?? 0) + Object.keys(resources).length;
        inStack += Object.keys(resources).length;
      }
      if (!largestState || inStack > largestState.resources) largestState = { name: stack, resources: inStack };
    }
    const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
    return { outputCount: Object.values(types).reduce((a, b) => a + b, 0), resourceTypes: sorted, stacks: names.length, largestState };
  }
  if (kind === 'k8s') {
    let objects = 0;
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.yaml')) objects += (readFileSync(join(dir, entry.name), 'utf8').match(/^kind: /gm) ?? []).length;
      }
    };
    if (existsSync(outdir)) walk(outdir);
    return { outputCount: objects };
  }
  return {};
}

/** Growth per doubling of tenants; `paired` (interleaved passes): also the ratio within each pass, and its median. */
export function growthSteps(cases: readonly BenchCase[], paired = false): GrowthStep[] {
  const steps: GrowthStep[] = [];
  for (const kind of ['tf', 'k8s'] as const) {
    const sized = cases.filter((c) => c.kind === kind && c.clusters !== undefined && c.tenants !== undefined);
    for (const from of sized) {
      const to = sized.find((c) => c.clusters === from.clusters && c.tenants === from.tenants! * 2);
      if (!to) continue;
      const passes = paired ? Math.min(from.runs.length, to.runs.length) : 0;
      const passWorkRatios = Array.from({ length: passes }, (_, i) => ratio(work(to.runs[i]), work(from.runs[i])));
      steps.push({
        kind,
        clusters: from.clusters!,
        fromTenants: from.tenants!,
        toTenants: to.tenants!,
        wallRatio: ratio(to.median.wallMs, from.median.wallMs),
        workRatio: ratio(work(to.median), work(from.median)),
        ...(passes > 1 ? { passWorkRatios, medianPassWorkRatio: median(passWorkRatios) } : {}),
      });
    }
  }
  return steps;
}

export function scaleRows(cases: readonly BenchCase[]): ScaleRow[] {
  const rows: ScaleRow[] = [];
  for (const tf of cases.filter((c) => c.kind === 'tf')) {
    const at = (kind: CaseKind) => cases.find((c) => c.kind === kind && c.clusters === tf.clusters && c.tenants === tf.tenants);
    const [k8s, both, addOne] = [at('k8s'), at('both'), at('add-one')];
    rows.push({
      clusters: tf.clusters!,
      tenants: tf.tenants!,
      stacks: tf.stacks,
      largestState: tf.largestState,
      changedStateFiles: addOne?.median.phases.changedStateFiles,
      changedManifestFiles: addOne?.median.phases.changedManifestFiles,
      parallelMs: both?.median.wallMs,
      sequentialMs: k8s ? round(tf.median.wallMs + k8s.median.wallMs) : undefined,
      maxRssKb: both?.median.phases.childMaxRssKb ?? (k8s ? Math.max(tf.median.maxRssKb, k8s.median.maxRssKb) : undefined),
      rssSumKb: both?.median.phases.childRssSumKb,
    });
  }
  return rows;
}

export function overheadRows(cases: readonly BenchCase[]): OverheadRow[] {
  const rows: OverheadRow[] = [];
  for (const lib of cases.filter((c) => c.kind === 'tf')) {
    const base = cases.find((c) => c.kind === 'baseline' && c.clusters === lib.clusters && c.tenants === lib.tenants);
    if (!base) continue;
    const types = new Set([...Object.keys(lib.resourceTypes ?? {}), ...Object.keys(base.resourceTypes ?? {})]);
    const differences = [...types]
      .sort()
      .filter((t) => (lib.resourceTypes?.[t] ?? 0) !== (base.resourceTypes?.[t] ?? 0))
      .map((t) => `${t}: library ${lib.resourceTypes?.[t] ?? 0}, baseline ${base.resourceTypes?.[t] ?? 0}`);
    rows.push({ clusters: lib.clusters!, tenants: lib.tenants!, libraryMs: lib.median.wallMs, baselineMs: base.median.wallMs, ratio: ratio(lib.median.wallMs, base.median.wallMs), resourceDifferences: differences });
  }
  return rows;
}

export function evaluateTargets(
  cases: readonly BenchCase[],
  growth: readonly GrowthStep[],
  overhead: readonly OverheadRow[],
  npmTest: BenchResults['npmTest'],
  headline: { clusters: number; tenants: number },
  large: readonly [number, number] = [LARGE.clusters, LARGE.tenants],
): TargetResult[] {
  const find = (kind: CaseKind, size?: { clusters: number; tenants: number }) => cases.find((c) => c.kind === kind && (!size || (c.clusters === size.clusters && c.tenants === size.tenants)));
  const targets: TargetResult[] = [];
  const check = (target: string, figure: string, ok: boolean | undefined) => targets.push({ target, figure, status: ok === undefined ? 'SKIP' : ok ? 'PASS' : 'MISS' });

  const load = find('load');
  check(`library load ≤ ${TARGETS.loadMs / 1000} s (compiled lib/index.js, process wall)`, load ? fmtMs(load.median.wallMs) : 'not measured', load && load.median.wallMs <= TARGETS.loadMs);
  check(`library load ≤ ${TARGETS.loadRssMb} MB peak RSS`, load ? fmtMb(load.median.maxRssKb) : 'not measured', load && load.median.maxRssKb / 1024 <= TARGETS.loadRssMb);

  const exTf = find('example-tf');
  const exK8s = find('example-k8s');
  const example = exTf && exK8s ? exTf.median.wallMs + exK8s.median.wallMs : undefined;
  check(
    `bundled example, both apps (tsx, as npm run synth) ≤ ${TARGETS.exampleMs / 1000} s`,
    example !== undefined ? `${fmtMs(example)} (cdktf ${fmtMs(exTf!.median.wallMs)} + cdk8s ${fmtMs(exK8s!.median.wallMs)})` : 'not measured',
    example !== undefined ? example <= TARGETS.exampleMs : undefined,
  );

  const hTf = find('tf', headline);
  const hK8s = find('k8s', headline);
  const size = `${headline.clusters} clusters × ${headline.tenants} tenants`;
  const hMs = hTf && hK8s ? hTf.median.wallMs + hK8s.median.wallMs : undefined;
  check(
    `${size}, both apps ≤ ${TARGETS.headlineMs / 1000} s`,
    hMs !== undefined ? `${fmtMs(hMs)} (cdktf ${fmtMs(hTf!.median.wallMs)} + cdk8s ${fmtMs(hK8s!.median.wallMs)})` : 'not measured',
    hMs !== undefined ? hMs <= TARGETS.headlineMs : undefined,
  );
  const hRss = hTf && hK8s ? Math.max(hTf.median.maxRssKb, hK8s.median.maxRssKb) : undefined;
  check(
    `${size}, peak RSS ≤ ${TARGETS.headlineRssMb / 1024} GB`,
    hRss !== undefined ? `${fmtMb(hRss)} (cdktf ${fmtMb(hTf!.median.maxRssKb)}, cdk8s ${fmtMb(hK8s!.median.maxRssKb)})` : 'not measured',
    hRss !== undefined ? hRss / 1024 <= TARGETS.headlineRssMb : undefined,
  );

  for (const kind of ['tf', 'k8s'] as const) {
    const steps = growth.filter((g) => g.kind === kind);
    // Interleaved passes: the median of the ratios within each pass; otherwise the ratio of the medians.
    const judged = (g: GrowthStep) => g.medianPassWorkRatio ?? g.workRatio;
    const worst = steps.reduce<GrowthStep | undefined>((w, g) => (!w || judged(g) > judged(w) ? g : w), undefined);
    check(
      `doubling tenants costs ≤ ${TARGETS.doublingRatio}× time (${kind === 'tf' ? 'cdktf' : 'cdk8s'}, worst step, define+construct+synth${worst?.medianPassWorkRatio !== undefined ? ', median over passes' : ''})`,
      worst
        ? `${judged(worst)}× (${worst.fromTenants}→${worst.toTenants} tenants at ${worst.clusters} clusters; ${worst.passWorkRatios ? `passes ${worst.passWorkRatios.join('×, ')}×; ratio of medians ${worst.workRatio}×; ` : ''}wall ${worst.wallRatio}×)`
        : 'not measured',
      worst ? judged(worst) <= TARGETS.doublingRatio : undefined,
    );
  }

  const row = overhead.find((o) => o.clusters === headline.clusters && o.tenants === headline.tenants);
  const worstOverhead = overhead.reduce<OverheadRow | undefined>((w, o) => (!w || o.ratio > w.ratio ? o : w), undefined);
  check(
    `overhead vs direct baseline ≤ ${TARGETS.overheadRatio}× (cdktf wall, ${size})`,
    row ? `${row.ratio}× (${fmtMs(row.libraryMs)} / ${fmtMs(row.baselineMs)}); worst size ${worstOverhead!.clusters}×${worstOverhead!.tenants}: ${worstOverhead!.ratio}×` : 'not measured',
    row ? row.ratio <= TARGETS.overheadRatio : undefined,
  );

  // Issue 16: bounded states, small changes, both apps at once, memory at the large size.
  const scale = scaleRows(cases);
  const stateSizes = [[headline.clusters, headline.tenants], large].filter((s, i, all) => all.findIndex((o) => o[0] === s[0] && o[1] === s[1]) === i);
  for (const [clusters, tenants] of stateSizes) {
    const row = scale.find((r) => r.clusters === clusters && r.tenants === tenants);
    check(
      `largest Terraform state ≤ ${TARGETS.maxStateResources} resources at ${clusters} × ${tenants}`,
      row?.largestState ? `${row.largestState.resources} (${row.largestState.name}; ${row.stacks} stacks)` : 'not measured',
      row?.largestState ? row.largestState.resources <= TARGETS.maxStateResources : undefined,
    );
  }
  const hRow = scale.find((r) => r.clusters === headline.clusters && r.tenants === headline.tenants);
  check(
    `${size}, both apps in parallel processes ≤ ${TARGETS.parallelHeadlineMs / 1000} s`,
    hRow?.parallelMs !== undefined ? `${fmtMs(hRow.parallelMs)} (one after the other: ${hRow.sequentialMs !== undefined ? fmtMs(hRow.sequentialMs) : '?'})` : 'not measured',
    hRow?.parallelMs !== undefined ? hRow.parallelMs <= TARGETS.parallelHeadlineMs : undefined,
  );
  const lRow = scale.find((r) => r.clusters === large[0] && r.tenants === large[1]);
  check(
    `${large[0]} × ${large[1]}, peak RSS of each app ≤ ${TARGETS.largeRssMb / 1024} GB`,
    lRow?.maxRssKb !== undefined ? `${fmtMb(lRow.maxRssKb)}${lRow.rssSumKb !== undefined ? ` (both together ${fmtMb(lRow.rssSumKb)})` : ''}` : 'not measured',
    lRow?.maxRssKb !== undefined ? lRow.maxRssKb / 1024 <= TARGETS.largeRssMb : undefined,
  );
  const changes = scale.filter((r) => r.changedStateFiles !== undefined);
  check(
    'adding one shared tenant changes one state file and one manifest file, at every size',
    changes.length > 0 ? changes.map((r) => `${r.clusters}×${r.tenants}: ${r.changedStateFiles} + ${r.changedManifestFiles}`).join(', ') : 'not measured',
    changes.length > 0 ? changes.every((r) => r.changedStateFiles === 1 && r.changedManifestFiles === 1) : undefined,
  );

  check(
    `npm test ≤ ${TARGETS.npmTestMs / 1000} s`,
    npmTest ? `${fmtMs(npmTest.wallMs)}${npmTest.exitCode === 0 ? '' : ` (exit ${npmTest.exitCode}: tests failed)`}` : 'skipped (--skip-test)',
    npmTest ? npmTest.wallMs <= TARGETS.npmTestMs : undefined,
  );
  return targets;
}

/** The table, growth, overhead and target lines as printed by `npm run bench`. */
export function formatReport(results: BenchResults): string {
  const lines: string[] = [];
  const m = results.machine;
  lines.push(`machine: ${m.nproc} cores (${m.cpuModel}), ${m.memoryMb} MB, node ${m.node}, load average ${m.loadAverage.join(' ')}`);
  lines.push(
    `runs: ${results.options.repeats} for load (5), the example and the headline size${results.options.repeatAll ? ' and every size' : ', 1 for other sizes'}${results.options.interleave ? ', generated sizes in interleaved passes' : ''} (median shown); children run JS compiled by the project's tsc (${results.buildDir}) unless marked tsx`,
  );
  lines.push('');
  const header = ['case', 'clusters', 'tenants', 'runs', 'wall', 'peak RSS', 'load', 'define', 'construct', 'synth', 'output'];
  const rows = results.cases.map((c) => [
    c.id + (c.kind === 'example-tf' || c.kind === 'example-k8s' ? ' (tsx)' : ''),
    c.clusters?.toString() ?? '',
    c.tenants?.toString() ?? '',
    c.runs.length.toString(),
    fmtMs(c.median.wallMs),
    fmtMb(c.median.maxRssKb),
    ...['load', 'define', 'construct', 'synth'].map((p) => (c.median.phases[p] !== undefined ? fmtMs(c.median.phases[p]) : '')),
    c.outputCount !== undefined ? `${c.outputCount} ${c.kind === 'k8s' ? 'objects' : 'resources'}` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmtRow = (r: string[]) => r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  lines.push(fmtRow(header));
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) lines.push(fmtRow(r));
  if (results.npmTest) lines.push(`npm test: ${fmtMs(results.npmTest.wallMs)} (exit ${results.npmTest.exitCode})`);
  lines.push('');
  if (results.growth.length > 0) {
    lines.push('growth when tenants double (ratio of define+construct+synth; of wall time in brackets):');
    for (const g of results.growth) {
      const passes = g.passWorkRatios ? `; per pass ${g.passWorkRatios.join('×, ')}×, median ${g.medianPassWorkRatio}×` : '';
      lines.push(`  ${g.kind.padEnd(4)} ${g.clusters} clusters, ${g.fromTenants} → ${g.toTenants} tenants: ${g.workRatio}× (wall ${g.wallRatio}×)${passes}`);
    }
  }
  if (results.overhead.length > 0) {
    lines.push('overhead vs direct baseline (cdktf wall, library / baseline):');
    for (const o of results.overhead)
      lines.push(
        `  ${o.clusters}×${o.tenants}: ${o.ratio}× (${fmtMs(o.libraryMs)} / ${fmtMs(o.baselineMs)})${o.resourceDifferences.length ? `; resource counts differ: ${o.resourceDifferences.join('; ')}` : '; same resource counts per type'}`,
      );
  }
  if (results.scale?.length) {
    lines.push('state size, change size, both apps (issue 16):');
    for (const r of results.scale) {
      lines.push(
        `  ${r.clusters}×${r.tenants}: ${r.stacks ?? '?'} stacks, largest state ${r.largestState ? `${r.largestState.resources} (${r.largestState.name})` : '?'}; +1 tenant changes ${r.changedStateFiles ?? '?'} state file(s) and ${r.changedManifestFiles ?? '?'} manifest file(s); both apps ${r.parallelMs !== undefined ? fmtMs(r.parallelMs) : '?'} in parallel, ${r.sequentialMs !== undefined ? fmtMs(r.sequentialMs) : '?'} one after the other; peak RSS ${r.maxRssKb !== undefined ? fmtMb(r.maxRssKb) : '?'}${r.rssSumKb !== undefined ? ` (${fmtMb(r.rssSumKb)} together)` : ''}`,
      );
    }
  }
  const cliLines = formatCliReport(results);
  if (cliLines.length > 0) lines.push('', ...cliLines);
  lines.push('');
  lines.push('targets (issues 7, 16 and 26):');
  for (const t of results.targets) lines.push(`  ${t.status.padEnd(4)} ${t.target}: ${t.figure}`);
  for (const e of results.errors) lines.push(`  ERROR ${e}`);
  return lines.join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : round((sorted[mid - 1] + sorted[mid]) / 2);
}

function medianOf(runs: readonly Measurement[]): Measurement {
  const med = median;
  const phaseNames = [...new Set(runs.flatMap((r) => Object.keys(r.phases)))];
  const loads = runs.flatMap((r) => (r.loadAverage !== undefined ? [r.loadAverage] : []));
  return {
    wallMs: med(runs.map((r) => r.wallMs)),
    ...(loads.length > 0 ? { loadAverage: med(loads) } : {}),
    maxRssKb: med(runs.map((r) => r.maxRssKb)),
    phases: Object.fromEntries(phaseNames.map((p) => [p, med(runs.map((r) => r.phases[p] ?? 0))])),
  };
}

function work(m: Measurement): number {
  return (m.phases.define ?? 0) + (m.phases.construct ?? 0) + (m.phases.synth ?? 0);
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 100) / 100 : 0;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function fmtMb(kb: number): string {
  return `${Math.round(kb / 1024)} MB`;
}

/** The growth of the `cli` case's wall and of each phase when tenants double at the same clusters. */
export function cliGrowthSteps(cases: readonly BenchCase[], paired = false): CliGrowthStep[] {
  const steps: CliGrowthStep[] = [];
  const sized = cases.filter((c) => c.kind === 'cli' && c.clusters !== undefined && c.tenants !== undefined);
  const figures = ['wall', ...CLI_PHASES.map(([p, n]) => cliPhaseKey(p, n))];
  const value = (m: Measurement, figure: string) => (figure === 'wall' ? m.wallMs : m.phases[figure]);
  for (const from of sized) {
    const to = sized.find((c) => c.clusters === from.clusters && c.tenants === from.tenants! * 2);
    if (!to) continue;
    for (const figure of figures) {
      if (value(from.median, figure) === undefined || value(to.median, figure) === undefined) continue;
      const passes = paired ? Math.min(from.runs.length, to.runs.length) : 0;
      const passRatios = Array.from({ length: passes }, (_, i) => ratio(value(to.runs[i], figure) ?? 0, value(from.runs[i], figure) ?? 0));
      steps.push({
        clusters: from.clusters!,
        fromTenants: from.tenants!,
        toTenants: to.tenants!,
        figure,
        ratio: ratio(value(to.median, figure)!, value(from.median, figure)!),
        ...(passes > 1 ? { passRatios, medianPassRatio: median(passRatios) } : {}),
      });
    }
  }
  return steps;
}

/** Phases shorter than this at the larger size are not judged for growth: their ratios are clock noise. */
const MIN_JUDGED_PHASE_MS = 200;

/** Issue 26's targets on the `cli` case. */
export function cliTargets(cases: readonly BenchCase[], growth: readonly CliGrowthStep[], headline: { clusters: number; tenants: number }, large: readonly [number, number]): TargetResult[] {
  const targets: TargetResult[] = [];
  const check = (target: string, figure: string, ok: boolean | undefined) => targets.push({ target, figure, status: ok === undefined ? 'SKIP' : ok ? 'PASS' : 'MISS' });
  const at = (clusters: number, tenants: number) => cases.find((c) => c.kind === 'cli' && c.clusters === clusters && c.tenants === tenants);
  for (const [[clusters, tenants], limit] of [
    [[headline.clusters, headline.tenants], TARGETS.cliHeadlineMs],
    [large, TARGETS.cliLargeMs],
  ] as const) {
    const c = at(clusters, tenants);
    check(
      `gke-platform synth at ${clusters} × ${tenants} ≤ ${limit / 1000} s (end to end, verification included)`,
      c ? `${fmtMs(c.median.wallMs)} (load average ${c.median.loadAverage ?? '?'})` : 'not measured',
      c ? c.median.wallMs <= limit : undefined,
    );
  }
  const change = cases.find((c) => c.kind === 'cli-one-tenant-change' && c.clusters === headline.clusters && c.tenants === headline.tenants);
  const full = at(headline.clusters, headline.tenants);
  const identical = change?.runs.every((r) => r.phases[ONE_TENANT_KEYS.identical] === 1);
  check(
    `one-tenant change at ${headline.clusters} × ${headline.tenants} ≤ ${TARGETS.oneTenantChangeMs / 1000} s (gke-platform synth after editing one tenant, incremental), output byte-identical to a full synth`,
    change
      ? `${fmtMs(change.median.wallMs)} (load average ${change.median.loadAverage ?? '?'}${full ? `; full synth ${fmtMs(full.median.wallMs)}, ratio ${ratio(change.median.wallMs, full.median.wallMs)}` : ''}); ${identical ? `identical (${change.median.phases[ONE_TENANT_KEYS.files]} files)` : `NOT identical: ${change.runs.map((r) => r.phases[ONE_TENANT_KEYS.differing]).join('/')} files differ`}`
      : 'not measured',
    change ? change.median.wallMs <= TARGETS.oneTenantChangeMs && identical === true : undefined,
  );
  const all = cases.filter((c) => c.kind === 'cli');
  const peak = (c: BenchCase) => Math.max(c.median.maxRssKb, c.median.phases['terraform.maxRssKb'] ?? 0, c.median.phases['manifests.maxRssKb'] ?? 0);
  const worst = all.reduce<BenchCase | undefined>((w, c) => (!w || peak(c) > peak(w) ? c : w), undefined);
  check(
    `gke-platform synth, peak RSS of each process ≤ ${TARGETS.cliRssMb / 1024} GB, every size`,
    worst
      ? `${fmtMb(peak(worst))} at ${worst.clusters} × ${worst.tenants} (parent ${fmtMb(worst.median.maxRssKb)}, terraform ${fmtMb(worst.median.phases['terraform.maxRssKb'] ?? 0)}, manifests ${fmtMb(worst.median.phases['manifests.maxRssKb'] ?? 0)})`
      : 'not measured',
    worst ? peak(worst) / 1024 <= TARGETS.cliRssMb : undefined,
  );
  const judged = (g: CliGrowthStep) => g.medianPassRatio ?? g.ratio;
  const sizeOf = (g: CliGrowthStep) => at(g.clusters, g.toTenants)!;
  const meaningful = growth.filter((g) => g.figure === 'wall' || (sizeOf(g).median.phases[g.figure] ?? 0) >= MIN_JUDGED_PHASE_MS);
  const worstStep = meaningful.reduce<CliGrowthStep | undefined>((w, g) => (!w || judged(g) > judged(w) ? g : w), undefined);
  check(
    `gke-platform synth, doubling tenants ≤ ${TARGETS.doublingRatio}× for the wall and every phase of ≥ ${MIN_JUDGED_PHASE_MS} ms (worst${worstStep?.medianPassRatio !== undefined ? ', median over passes' : ''})`,
    worstStep
      ? `${judged(worstStep)}× (${worstStep.figure}, ${worstStep.fromTenants}→${worstStep.toTenants} tenants at ${worstStep.clusters} clusters${worstStep.passRatios ? `; passes ${worstStep.passRatios.join('×, ')}×` : ''})`
      : 'not measured',
    worstStep ? judged(worstStep) <= TARGETS.doublingRatio : undefined,
  );
  return targets;
}

/** The `cli` case as a table: wall, every phase and each process's peak RSS per size; then the doubling ratios. */
export function formatCliReport(results: BenchResults): string[] {
  const cli = results.cases.filter((c) => c.kind === 'cli');
  if (cli.length === 0) return [];
  const lines = ['gke-platform synth end to end (three processes: parent, terraform, manifests; median of the runs):'];
  const header = ['size', 'runs', 'load', 'wall', ...CLI_PHASES.map(([p, n]) => cliPhaseKey(p, n)), 'RSS parent', 'RSS terraform', 'RSS manifests'];
  const rows = cli.map((c) => [
    `${c.clusters}×${c.tenants}`,
    String(c.runs.length),
    c.runs.map((r) => r.loadAverage ?? '?').join('/'),
    fmtMs(c.median.wallMs),
    ...CLI_PHASES.map(([p, n]) => (c.median.phases[cliPhaseKey(p, n)] !== undefined ? fmtMs(c.median.phases[cliPhaseKey(p, n)]) : '')),
    fmtMb(c.median.maxRssKb),
    fmtMb(c.median.phases['terraform.maxRssKb'] ?? 0),
    fmtMb(c.median.phases['manifests.maxRssKb'] ?? 0),
  ]);
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i].length), h.length));
  const fmtRow = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  lines.push(fmtRow(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmtRow));
  const growth = results.cliGrowth ?? [];
  if (growth.length > 0) {
    lines.push('doubling tenants (ratio of medians; per pass and their median with --interleave):');
    for (const g of growth) lines.push(`  ${g.clusters}×${g.fromTenants}→${g.toTenants} ${g.figure}: ${g.ratio}×${g.passRatios ? ` (passes ${g.passRatios.join('×, ')}×, median ${g.medianPassRatio}×)` : ''}`);
  }
  return lines;
}
