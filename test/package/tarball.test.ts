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
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, resolve } from 'path';

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

/**
 * Environment for child processes: no npm_* variables inherited from an outer `npm test`, and no CI: the walk is a
 * platform engineer's session on their own machine, where new ranges are recorded, even when this suite runs in CI.
 */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key) && key !== 'CI') env[key] = value;
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

const steps: Step[] = [];
let work = '';
let tarball = '';

function timed<T>(name: string, fn: () => T): T {
  const start = Date.now();
  const result = fn();
  steps.push({ name, seconds: (Date.now() - start) / 1000 });
  return result;
}

afterAll(() => {
  if (steps.length > 0) process.stderr.write(`package test timings: ${steps.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(', ')}\n`);
  if (!work) return;
  if (process.env.KEEP_PACKAGE_TEST_DIR === '1') {
    process.stderr.write(`package test kept its scratch directory: ${work}\n`);
  } else {
    rmSync(work, { recursive: true, force: true });
  }
});

describe('npm pack tarball', () => {
  let scratch = '';
  let packedFiles: string[] = [];

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
        ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--cache', join(work, 'npm-cache'), '--registry', NO_REGISTRY, tarball, ...declared.map((name) => `file:${join(ROOT, 'node_modules', name)}`)],
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

  test('ships the compiled library and its declarations, no sources or tests', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package/package.json', 'package/README.md', 'package/build/lib/index.js', 'package/build/lib/index.d.ts']));
    const stray = packedFiles.filter((f) => /\.test\.|(^|\/)test\/|\/examples\/|node_modules|\.tgz$/.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
    expect(stray).toEqual([]);
  });

  test('ships the CLI, the LICENSE, and no example platform or app entry point', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package/LICENSE', 'package/build/cli/bin.js', 'package/build/cli/main.js']));
    expect(packedFiles.filter((f) => /example|drive|\/main\.(js|d\.ts)$|ip-plan\.lock\.json/.test(f) && f !== 'package/build/cli/main.js' && f !== 'package/build/cli/main.d.ts')).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'gke-platform': 'build/cli/bin.js' });
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004/);
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

/**
 * A new platform engineer's walk, offline: in an empty folder `npx <tarball> init`, edit the definition, the two
 * commands (install, synthesize), then plan, report, diff and the project's own test, never naming the bundled
 * example. Registry dependencies are `file:` links to this checkout's node_modules, the AWS provider left out.
 */
describe('a new platform from the tarball', () => {
  let project = '';
  const outputs: Record<string, string> = {};
  const npmOffline = () => ['--offline', '--no-audit', '--no-fund', '--cache', join(work, 'npm-cache'), '--registry', NO_REGISTRY];
  const npx = (step: string, args: string[], env: Record<string, string> = {}) => run(step, 'npx', ['--offline', '--no-install', ...args], project, childEnv({ npm_config_registry: NO_REGISTRY, ...env }));
  const failing = (args: string[]) => {
    try {
      execFileSync('npx', ['--offline', '--no-install', ...args], { cwd: project, env: childEnv({ npm_config_registry: NO_REGISTRY }), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { status: e.status, stdout: e.stdout, stderr: e.stderr };
    }
    throw new Error(`npx ${args.join(' ')} succeeded; expected it to fail`);
  };
  const editDefinition = (edit: (text: string) => string) => {
    const file = join(project, 'platform', 'platform.ts');
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error('the definition edit changed nothing');
    writeFileSync(file, after);
  };

  beforeAll(() => {
    if (!tarball) throw new Error('the pack step did not run');
    project = join(work, 'acme-platform');
    mkdirSync(project);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const runtime = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)].filter((name) => name !== '@cdktf/provider-aws');

    // 1. The README's first step in an empty folder, `npx --package=<tarball> gke-platform init ...` (npm exec is npx;
    // offline, the registry dependencies npx would download are given as links).
    outputs.init = timed('npx --package=<tarball> gke-platform init', () =>
      run(
        'npx init',
        'npm',
        [
          'exec',
          ...npmOffline(),
          '--yes',
          `--package=${tarball}`,
          ...runtime.map((n) => `--package=file:${join(ROOT, 'node_modules', n)}`),
          '--',
          'gke-platform',
          'init',
          '--gitops-repo',
          'https://github.com/acme/platform-manifests.git',
          '--region',
          'europe-west3',
          '--name',
          'acme',
        ],
        project,
      ),
    );

    // 2. Edit: a second tenant.
    editDefinition((text) =>
      text.replace(
        /\n  \],\n  gitOps:/,
        `\n    { name: 'team-b', groups: { admin: 'team-b-admins@example.com' }, clusters: ['prod-euw3'], isolation: 'shared', labels: { team: 'team-b', environment: 'prod', costCenter: 'cc-0002' } },\n  ],\n  gitOps:`,
      ),
    );

    // 3. The two commands: install, then synthesize. Offline, the registry dependencies come first, as links (what a
    // registry would give; npm cannot swap a declared registry range for a link offline, so those names are
    // installed afresh from links); then a plain `npm install` installs gke-platform-cdk as init wrote it: the
    // tarball it copied to vendor/.
    const manifestPath = join(project, 'package.json');
    const scaffold = JSON.parse(readFileSync(manifestPath, 'utf8'));
    outputs.packageSpec = scaffold.dependencies['gke-platform-cdk'];
    const declared = [...Object.keys(scaffold.dependencies), ...Object.keys(scaffold.devDependencies)].filter((n) => n !== 'gke-platform-cdk');
    expect(declared).not.toContain('@cdktf/provider-aws');
    writeFileSync(manifestPath, JSON.stringify({ ...scaffold, dependencies: undefined, devDependencies: undefined }, null, 2));
    const links = [...declared, ...Object.keys(manifest.dependencies)].map((n) => `file:${join(ROOT, 'node_modules', n)}`);
    timed('npm install (registry dependencies as links)', () => run('npm install', 'npm', ['install', ...npmOffline(), '--ignore-scripts', ...links], project));
    const linked = JSON.parse(readFileSync(manifestPath, 'utf8'));
    writeFileSync(manifestPath, JSON.stringify({ ...linked, dependencies: { ...linked.dependencies, 'gke-platform-cdk': outputs.packageSpec } }, null, 2));
    timed('npm install (scaffold)', () => run('npm install', 'npm', ['install', ...npmOffline(), '--ignore-scripts'], project));
    outputs.synth = timed('npm run synth (scaffold)', () => run('npm run synth', 'npm', ['run', 'synth'], project, childEnv({ npm_config_registry: NO_REGISTRY })));
  }, TIMEOUT_MS);

  test('init wrote a project that names no example, and the AWS provider was never installed', () => {
    expect(outputs.init).toContain('init: wrote platform acme (11 files; 4 ranges recorded in platform/ip-plan.lock.json, 1 tenant(s) in platform/tenant-states.lock.json)');
    expect(outputs.init).toContain(`init: gke-platform-cdk comes from the tarball ${realpathSync(tarball)}, copied to vendor/${basename(tarball)} (package.json: "file:vendor/${basename(tarball)}"); commit it`);
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(manifest.gkePlatform).toEqual({ definition: 'platform/platform.ts', lockFile: 'platform/ip-plan.lock.json' });
    for (const file of ['platform/platform.ts', 'package.json', 'cdktf.json', 'cdk8s.yaml', 'ci.sh', 'README.md']) expect(readFileSync(join(project, file), 'utf8')).not.toMatch(/drive|example-platform|examples\//);
    expect(existsSync(join(project, 'node_modules', '@cdktf', 'provider-aws'))).toBe(false);
  });

  test('the project depends on the tarball init copied into it, and npm installed the package from there', () => {
    expect(outputs.packageSpec).toBe(`file:vendor/${basename(tarball)}`);
    expect(readFileSync(join(project, 'vendor', basename(tarball))).equals(readFileSync(tarball))).toBe(true);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/gke-platform-cdk']).toMatchObject({ version: '0.1.0', resolved: `file:vendor/${basename(tarball)}` });
    expect(existsSync(join(project, 'node_modules', 'gke-platform-cdk', 'build', 'cli', 'bin.js'))).toBe(true);
    // ci.sh starts with `npm ci`: the lock file alone reinstalls it.
    timed('npm ci (scaffold)', () => run('npm ci', 'npm', ['ci', ...npmOffline(), '--ignore-scripts'], project));
    expect(existsSync(join(project, 'node_modules', 'gke-platform-cdk', 'build', 'cli', 'bin.js'))).toBe(true);
  });

  test('npm run synth wrote the stacks and the manifests of the edited definition and said so', () => {
    expect(outputs.synth).toMatch(/terraform: 5 stacks, \d+ resources in cdktf\.out\/stacks\//);
    expect(outputs.synth).toContain('  prod-euw3/  platform.k8s.yaml, tenant-team-a.k8s.yaml, tenant-team-b.k8s.yaml');
    expect(outputs.synth).toMatch(/ip plan: no new ranges \(4 recorded in platform\/ip-plan.lock.json\)/);
    expect(outputs.synth).toMatch(/connectivity: (\d+) of \1 intents met, 0 unmet, 0 accepted gap\(s\)/);
    expect(readdirSync(join(project, 'cdktf.out', 'stacks')).sort()).toEqual(['acme-cluster-prod-euw3', 'acme-fleet', 'acme-network', 'acme-project-services', 'acme-tenants-acme-prod-1']);
  });

  test('plan --check, report and the project test pass', () => {
    expect(npx('plan --check', ['gke-platform', 'plan', '--check'])).toMatch(/gcp\/europe-west3\/prod-euw3\/pods/);
    expect(npx('report', ['gke-platform', 'report']).trim()).toBe('report/platform-report.md');
    expect(readFileSync(join(project, 'report', 'platform-report.md'), 'utf8')).toContain('# Platform `acme`');
    timed('npm test (scaffold)', () => run('npm test', 'npm', ['test'], project, childEnv({ npm_config_registry: NO_REGISTRY })));
  });

  test("enabling an add-on keeps the project's own test and plan --check passing: both load the module's addOns", () => {
    const file = join(project, 'platform', 'platform.ts');
    const before = readFileSync(file, 'utf8');
    editDefinition((text) => `import { istioAddOn } from 'gke-platform-cdk';\n${text.replace(/\n  gitOps:/, "\n  addOns: [{ name: 'istio' }],\n  gitOps:")}\nexport const addOns = [istioAddOn];\n`);
    try {
      timed('npm test (scaffold, istio)', () => run('npm test', 'npm', ['test'], project, childEnv({ npm_config_registry: NO_REGISTRY })));
      expect(npx('plan --check (istio)', ['gke-platform', 'plan', '--check'])).toMatch(/gcp\/europe-west3\/prod-euw3\/pods/);
    } finally {
      writeFileSync(file, before);
    }
  });

  test('npx cdktf synth and npx cdk8s synth run the same synthesis', () => {
    timed('npx cdktf synth (scaffold)', () => npx('cdktf synth', ['cdktf', 'synth'], { CHECKPOINT_DISABLE: '1' }));
    expect(existsSync(join(project, 'cdktf.out', 'stacks', 'acme-network', 'cdk.tf.json'))).toBe(true);
    timed('npx cdk8s synth (scaffold)', () => npx('cdk8s synth', ['cdk8s', 'synth']));
    expect(existsSync(join(project, 'dist', 'prod-euw3', 'tenant-team-b.k8s.yaml'))).toBe(true);
  });

  test('removing a tenant removes its file; diff --fail-on replace stops on a maxPodsPerNode change', () => {
    const base = join(work, 'acme-base');
    mkdirSync(base);
    cpSync(join(project, 'cdktf.out'), join(base, 'cdktf.out'), { recursive: true });
    cpSync(join(project, 'dist'), join(base, 'dist'), { recursive: true });
    editDefinition((text) => text.replace(/\n    \{ name: 'team-b'[^\n]*/, '').replace('maxPodsPerNode: 32', 'maxPodsPerNode: 24'));
    const synth = npx('synth after edit', ['gke-platform', 'synth']);
    expect(synth).toContain('  - removed dist/prod-euw3/tenant-team-b.k8s.yaml');
    expect(existsSync(join(project, 'dist', 'prod-euw3', 'tenant-team-b.k8s.yaml'))).toBe(false);

    const diff = failing(['gke-platform', 'diff', base, '--fail-on', 'replace']);
    expect(diff.status).toBe(1);
    expect(diff.stdout).toMatch(/\*\*Likely replacement\*\* `acme-cluster-prod-euw3\/google_container_cluster\.[^`]+`: `default_max_pods_per_node` \(`32` → `24`\)/);
    expect(diff.stdout).toMatch(/\*\*Deletion\*\* `prod-euw3\/v1\/Namespace\/-\/team-b`/);
    expect(diff.stderr).toMatch(/^diff: \d+ finding\(s\) match --fail-on replace$/m);
  });

  test('an AWS link without the AWS provider installed fails with the install command, no stack trace', () => {
    editDefinition((text) =>
      text.replace(
        /\n  gitOps:/,
        `\n  remoteNetworks: [{ name: 'aws-euc1', kind: 'aws-vpc', awsRegion: 'eu-central-1', cidrs: ['10.8.0.0/16'] }],
  hybridLinks: [{ kind: 'ha-vpn-aws', name: 'aws-euc1', region: 'europe-west3', remoteNetwork: 'aws-euc1', gcpAsn: 64514,
    aws: { type: 'transit-gateway', amazonSideAsn: 64512, vpcId: 'vpc-0e4c1f6b2a7d93851', subnetIds: ['subnet-04f3c2a1b0e9d8c7a'], routeTableIds: { private: 'rtb-0c2d4e6f8a0b1c3d5' } } }],
  gitOps:`,
      ),
    );
    const result = failing(['gke-platform', 'synth']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('hybridLinks[aws-euc1]: kind "ha-vpn-aws" needs the optional peer dependency @cdktf/provider-aws, which is not installed; run `npm install --save @cdktf/provider-aws@21.22.1`, or remove the AWS link');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test(
    "the README's Brownfield section: an existing VPC and an existing transit gateway, from the definition alone",
    () => {
      // The README's install command, offline: the provider bindings as a link (what the registry would give).
      timed('npm install @cdktf/provider-aws (link)', () => run('npm install provider-aws', 'npm', ['install', ...npmOffline(), '--ignore-scripts', `file:${join(ROOT, 'node_modules', '@cdktf', 'provider-aws')}`], project));
      // The README's fields: `existing` on the scaffold's network, the existing transit gateway on the AWS link.
      editDefinition((text) =>
        text
          .replace(
            /network: \{ name: 'acme-vpc', project: '([^']+)' \}/,
            "network: { name: 'acme-vpc', project: '$1', existing: { subnets: [{ name: 'corp-vms-euw2', region: 'europe-west2', cidr: '10.20.0.0/20', secondaryRanges: [{ rangeName: 'vms-alias', cidr: '100.72.0.0/16' }] }], serviceProjectAttachments: 'existing' } }",
          )
          .replace(
            /aws: \{ type: 'transit-gateway'[^\n]*\} \} \}\],/,
            "aws: { existingTransitGatewayId: 'tgw-0a1b2c3d4e5f60718', amazonSideAsn: 64600, vpcId: 'vpc-0c1d2e3f4a5b6c7d8', routeTableIds: { 'private-a': 'rtb-0a1b2c3d4e5f60719' } } }],",
          ),
      );
      expect(readFileSync(join(project, 'platform', 'platform.ts'), 'utf8')).toContain("existingTransitGatewayId: 'tgw-0a1b2c3d4e5f60718'");
      const plan = npx('plan --write (brownfield)', ['gke-platform', 'plan', '--write']);
      expect(plan).toMatch(/network\/existing\/corp-vms-euw2\s+10\.20\.0\.0\/20/);
      expect(plan).toMatch(/network\/existing\/corp-vms-euw2\/vms-alias\s+100\.72\.0\.0\/16/);
      const synth = timed('gke-platform synth (brownfield)', () => npx('synth (brownfield)', ['gke-platform', 'synth']));
      expect(synth).toMatch(/connectivity: (\d+) of \1 intents met, 0 unmet/);
      const stack = (name: string) => JSON.parse(readFileSync(join(project, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
      const network = stack('acme-network');
      expect(network.resource.google_compute_network).toBeUndefined();
      expect(Object.values<any>(network.data.google_compute_network)).toEqual([expect.objectContaining({ name: 'acme-vpc' })]);
      const link = stack('acme-link-aws-euc1');
      expect(link.resource.aws_ec2_transit_gateway).toBeUndefined();
      expect(Object.values<any>(link.data.aws_ec2_transit_gateway).map((g) => g.id)).toEqual(['tgw-0a1b2c3d4e5f60718']);
      expect(new Set(Object.values<any>(link.resource.aws_route).map((r) => `${r.route_table_id} via ${r.transit_gateway_id}`))).toEqual(new Set(['rtb-0a1b2c3d4e5f60719 via tgw-0a1b2c3d4e5f60718']));
    },
    TIMEOUT_MS,
  );
});
