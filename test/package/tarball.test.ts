/**
 * The published package: `npm pack` (prepack builds), install the tarball into a fresh project, compile a
 * small app against the installed .d.ts with strict tsc, run it, and check what it synthesized.
 *
 * No network: the tarball is installed with `npm install --offline` into a scratch project whose
 * dependencies and peer dependencies (exactly those the package declares) are `file:` links to this
 * repository's node_modules, which `npm ci` filled. npm links them instead of fetching, a throw-away cache
 * keeps ~/.npm untouched, and an unreachable registry turns any attempted download into a fast failure.
 * Set KEEP_PACKAGE_TEST_DIR=1 to keep the scratch directory for inspection.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(__dirname, 'fixtures', 'consumer-app.ts.txt');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** Nothing listens there: a download attempt fails at once instead of reaching the internet. */
const NO_REGISTRY = 'http://127.0.0.1:9/';
const TIMEOUT_MS = 180_000;

/** The root exports issue 6 promises to a fresh project. */
const PROMISED_EXPORTS = ['IpPlan', 'Network', 'GkeCluster', 'NodePool', 'HaVpnToAws', 'HaVpnToPeer', 'Interconnect', 'TenantIdentity', 'TenantNamespace', 'PlatformPolicies'];
/** And the compositions, so a team can build a whole platform from its own definition. */
const COMPOSITION_EXPORTS = ['loadPlatform', 'buildPlatformStacks', 'NetworkStack', 'ClusterStack', 'HybridLinkStack', 'TenantIdentityStack', 'buildClusterManifests', 'synthClusterManifests'];

interface Step {
  readonly name: string;
  readonly seconds: number;
}

/** Environment for child processes: no npm_* variables inherited from an outer `npm test`. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, CHECKPOINT_DISABLE: '1', ...extra };
}

/** Runs a command; on failure throws with the command, exit status and both outputs. */
function run(step: string, file: string, args: readonly string[], cwd: string, env = childEnv()): string {
  try {
    return execFileSync(file, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { status?: number; signal?: string; stdout?: string; stderr?: string; message: string };
    throw new Error(
      [
        `package test step "${step}" failed (exit ${e.status ?? e.signal ?? 'unknown'})`,
        `  cwd: ${cwd}`,
        `  command: ${file} ${args.join(' ')}`,
        `--- stdout ---\n${(e.stdout ?? '').trim().slice(-4000)}`,
        `--- stderr ---\n${(e.stderr ?? e.message).trim().slice(-4000)}`,
      ].join('\n'),
    );
  }
}

describe('npm pack tarball', () => {
  const steps: Step[] = [];
  let work = '';
  let scratch = '';
  let tarball = '';
  let packedFiles: string[] = [];

  function timed<T>(name: string, fn: () => T): T {
    const start = Date.now();
    const result = fn();
    steps.push({ name, seconds: (Date.now() - start) / 1000 });
    return result;
  }

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'gke-platform-cdk-package-'));
    const packDir = join(work, 'pack');
    scratch = join(work, 'scratch');
    mkdirSync(packDir);
    mkdirSync(scratch);

    // 1. Pack: runs `prepack` (npm run build) like `npm publish` would.
    timed('npm pack (build included)', () => run('npm pack', 'npm', ['pack', '--pack-destination', packDir], ROOT));
    const tarballs = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`npm pack wrote ${JSON.stringify(tarballs)} to ${packDir}; expected one .tgz`);
    tarball = join(packDir, tarballs[0]);
    packedFiles = run('list tarball', 'tar', ['-tzf', tarball], work).split('\n').filter(Boolean);

    // 2. Install into a fresh project, offline: the package's declared dependencies and peers are links.
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const declared = [...new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})])].sort();
    const missing = declared.filter((name) => !existsSync(join(ROOT, 'node_modules', name, 'package.json')));
    if (missing.length > 0) throw new Error(`node_modules lacks ${missing.join(', ')}; run \`npm ci\` in ${ROOT} first`);
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch-consumer', version: '0.0.0', private: true }, null, 2));
    timed('npm install --offline', () =>
      run(
        'npm install',
        'npm',
        [
          'install',
          '--offline',
          '--no-audit',
          '--no-fund',
          '--ignore-scripts',
          '--cache',
          join(work, 'npm-cache'),
          '--registry',
          NO_REGISTRY,
          tarball,
          ...declared.map((name) => `file:${join(ROOT, 'node_modules', name)}`),
        ],
        scratch,
      ),
    );

    // 3. Compile a consumer app with strict tsc against the installed declarations (lib check included).
    const source = readFileSync(FIXTURE, 'utf8').replace('__TF_OUTDIR__', join(scratch, 'cdktf.out')).replace('__K8S_OUTDIR__', join(scratch, 'dist'));
    writeFileSync(join(scratch, 'main.ts'), source);
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'node16',
            moduleResolution: 'node16',
            lib: ['ES2022'],
            strict: true,
            noUnusedLocals: true,
            skipLibCheck: false,
            types: [],
            outDir: 'out',
            rootDir: '.',
          },
          files: ['main.ts'],
        },
        null,
        2,
      ),
    );
    timed('tsc (consumer)', () => run('tsc', process.execPath, [TSC, '-p', 'tsconfig.json'], scratch));

    // 4. Run it.
    timed('node (synth)', () => run('node', process.execPath, [join(scratch, 'out', 'main.js')], scratch));
  }, TIMEOUT_MS);

  afterAll(() => {
    if (steps.length > 0) process.stderr.write(`package test timings: ${steps.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(', ')}\n`);
    if (!work) return;
    if (process.env.KEEP_PACKAGE_TEST_DIR === '1') {
      process.stderr.write(`package test kept its scratch directory: ${work}\n`);
    } else {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('ships the compiled library and its declarations, no sources or tests', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package/package.json', 'package/README.md', 'package/build/lib/index.js', 'package/build/lib/index.d.ts']));
    const stray = packedFiles.filter((f) => /\.test\.|(^|\/)test\/|\/examples\/|node_modules|\.tgz$/.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
    expect(stray).toEqual([]);
  });

  test("the installed package is the tarball's copy, not this repository", () => {
    const resolved = run('resolve', process.execPath, ['-p', "require.resolve('gke-platform-cdk')"], scratch).trim();
    expect(realpathSync(resolved)).toBe(realpathSync(join(scratch, 'node_modules', 'gke-platform-cdk', 'build', 'lib', 'index.js')));
    expect(existsSync(join(scratch, 'node_modules', 'gke-platform-cdk', 'build', 'lib', 'index.d.ts'))).toBe(true);
  });

  test('the package root exports what issue 6 promises', () => {
    const script = `const m = require('gke-platform-cdk'); console.log(JSON.stringify(${JSON.stringify([...PROMISED_EXPORTS, ...COMPOSITION_EXPORTS])}.filter((n) => typeof m[n] !== 'function')))`;
    expect(JSON.parse(run('exports', process.execPath, ['-e', script], scratch))).toEqual([]);
  });

  test('the consumer app synthesized a Terraform stack with a GKE cluster and its pool', () => {
    const json = JSON.parse(readFileSync(join(scratch, 'cdktf.out', 'stacks', 'scratch', 'cdk.tf.json'), 'utf8'));
    const [[clusterId, cluster]] = Object.entries(json.resource.google_container_cluster as Record<string, any>);
    expect(cluster).toMatchObject({ name: 'scratch', location: 'europe-west3' });
    const [pool] = Object.values(json.resource.google_container_node_pool as Record<string, any>);
    expect(pool.cluster).toBe(`\${google_container_cluster.${clusterId}.id}`);
    expect(Object.keys(json.resource.google_compute_vpn_tunnel)).toHaveLength(6);
    expect(Object.keys(json.resource.google_compute_interconnect_attachment)).toHaveLength(2);
  });

  test('the consumer app synthesized the tenant manifests', () => {
    expect(readdirSync(join(scratch, 'dist')).sort()).toEqual(['platform.k8s.yaml', 'tenant-checkout.k8s.yaml']);
    expect(readFileSync(join(scratch, 'dist', 'tenant-checkout.k8s.yaml'), 'utf8')).toMatch(/kind: Namespace\n[\s\S]*name: checkout/);
  });
});
