import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli, exampleProject, redefine, ROOT } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

/**
 * The whole life of a cluster generation, scripted through the CLI on the bundled example with its add-ons: start
 * generation b of prod-usc1, shift traffic in steps, retire a, release its ranges. After every step: synth passes
 * (every connectivity intent met), verify passes (trust continuity), no recorded range moves, no tenant loses a path
 * an intent requires, and nothing outside the retiring generation is replaced (gke-platform diff between the steps).
 */

/** A definition module: the example with its add-ons, prod-usc1's generations as given, Spinnaker where given. */
function definition(generations: string | undefined, spinnaker = 'prod-usc1'): string {
  const example = JSON.stringify(join(ROOT, 'examples/drive-platform/platform'));
  const clusters = generations === undefined ? 'drivePlatform.clusters' : `drivePlatform.clusters.map((c) => (c.name === 'prod-usc1' ? { ...c, generations: ${generations} } : c))`;
  const addOns = `drivePlatform.addOns!.map((a) => (a.name === 'spinnaker' ? { ...a, settings: { ...a.settings, cluster: '${spinnaker}' } } : a))`;
  return `import { drivePlatform, addOns as exampleAddOns } from ${example};\nexport const addOns = exampleAddOns;\nexport const platform = { ...drivePlatform, clusters: ${clusters}, addOns: ${addOns} };`;
}

const B = `{ name: 'b', maxPodsPerNode: 32`;
const STEPS: readonly { readonly name: string; readonly generations: string | undefined; readonly spinnaker?: string }[] = [
  { name: 'as it is', generations: undefined },
  { name: 'b started without traffic', generations: `[{ name: 'a', trafficWeight: 100 }, ${B}, trafficWeight: 0 }]` },
  { name: 'canary 90/10', generations: `[{ name: 'a', trafficWeight: 90 }, ${B}, trafficWeight: 10 }]` },
  { name: 'half 50/50', generations: `[{ name: 'a', trafficWeight: 50 }, ${B}, trafficWeight: 50 }]` },
  { name: 'all on b 0/100', generations: `[{ name: 'a', trafficWeight: 0 }, ${B}, trafficWeight: 100 }]` },
  // The CD system runs on a: it moves on its own step (the definition refuses retiring a while it is there).
  { name: 'Spinnaker moved to b', generations: `[{ name: 'a', trafficWeight: 0 }, ${B}, trafficWeight: 100 }]`, spinnaker: 'prod-usc1-b' },
  { name: 'a retiring', generations: `[{ name: 'a', state: 'retiring' }, ${B}, trafficWeight: 100 }]`, spinnaker: 'prod-usc1-b' },
];
/** The steps that move something off generation a (its intents move to b). */
const MOVES = new Set(['Spinnaker moved to b', 'a retiring']);

interface Step {
  readonly name: string;
  /** A copy of the synthesized output (cdktf.out/ and dist/) after the step. */
  readonly output: string;
  /** The IP plan lock after the step. */
  readonly lock: Record<string, { cidr: string }>;
  /** The allow-intents met after the step (verify --json), by what they say (ids of add-on intents are positional). */
  readonly met: Set<string>;
  readonly synth: ReturnType<typeof cli>;
  readonly verify: ReturnType<typeof cli>;
}

const { dir, lockFile } = exampleProject(definition(undefined));
const steps: Step[] = STEPS.map((step, index) => {
  if (index > 0) redefine(dir, definition(step.generations, step.spinnaker));
  const synth = cli(dir, ['synth']);
  const verify = cli(dir, ['verify', '--json']);
  const output = mkdtempSync(join(tmpdir(), `generation-step-${index}-`));
  cpSync(join(dir, 'cdktf.out'), join(output, 'cdktf.out'), { recursive: true });
  if (existsSync(join(dir, 'dist'))) cpSync(join(dir, 'dist'), join(output, 'dist'), { recursive: true });
  const verdicts: { from: unknown; to: unknown; protocol: string; port?: number; expect: string; met: boolean }[] = verify.stdout ? JSON.parse(verify.stdout).verdicts : [];
  const required = verdicts.filter((v) => v.met && v.expect === 'allow').map((v) => `${JSON.stringify(v.from)} -> ${JSON.stringify(v.to)} ${v.protocol}/${v.port ?? 'any'}`);
  return { name: step.name, output, lock: JSON.parse(readFileSync(lockFile, 'utf8')).allocations, met: new Set(required), synth, verify };
});
const pairs = steps.slice(1).map((after, i) => ({ before: steps[i], after }));

/** A path with any of its mentions of prod-usc1 moved to prod-usc1-b (what a path to or from a becomes when a thing moves to b). */
function movedToB(path: string): string[] {
  const parts = path.split(/prod-usc1(?![a-z0-9])(?!-b(?![a-z0-9]))/);
  let variants = [parts[0]];
  for (const part of parts.slice(1)) variants = variants.flatMap((v) => [`${v}prod-usc1${part}`, `${v}prod-usc1-b${part}`]);
  return variants;
}

describe('cluster generations through the CLI: start, shift, retire, release', () => {
  test.each(steps.map((s) => [s.name, s]))('%s: synth writes both sides with every intent met, and verify passes', (name, step) => {
    // Starting b records its ranges; retiring a leaves its ranges recorded: both say so, nothing else is said.
    const said = name === 'b started without traffic' ? /^ip-plan: recorded 4 new range\(s\)/ : name === 'a retiring' ? /^ip-plan: gcp\/us-central1\/prod-usc1\/control-plane \(.*\) is recorded but no longer requested/ : /^$/;
    expect([step.synth.status, step.synth.stderr]).toEqual([0, expect.stringMatching(said)]);
    expect(step.synth.stdout).toMatch(/^connectivity: (\d+) of \1 intents met, 0 unmet, 0 accepted gap\(s\)$/m);
    expect([step.verify.status, step.verify.stderr]).toEqual([0, name === 'a retiring' ? expect.stringMatching(said) : '']);
  });

  test('starting b records its four ranges beside the others; no step moves a recorded range', () => {
    expect(Object.keys(steps[1].lock).filter((name) => !(name in steps[0].lock))).toEqual(['control-plane', 'nodes', 'pods', 'services'].map((r) => `gcp/us-central1/prod-usc1-b/${r}`));
    for (const { before, after } of pairs) for (const [name, entry] of Object.entries(before.lock)) expect([after.name, name, after.lock[name]]).toEqual([after.name, name, entry]);
  });

  test('no tenant loses a path an intent requires: every intent met before is met after (on b once a retires)', () => {
    for (const { before, after } of pairs) {
      const lost = [...before.met].filter((path) => !after.met.has(path) && !(MOVES.has(after.name) && movedToB(path).some((moved) => after.met.has(moved))));
      expect([after.name, lost]).toEqual([after.name, []]);
    }
    expect(steps[1].met.size).toBeGreaterThan(steps[0].met.size);
  });

  test.each(pairs.slice(0, 4).map((p) => [p.after.name, p]))('%s: diff --fail-on replace finds nothing replaced or removed', (_name, { before, after }) => {
    const diff = cli(dir, ['diff', before.output, after.output, '--json', '--fail-on', 'replace']);
    expect([diff.status, diff.stderr]).toEqual([0, '']);
    const json = JSON.parse(diff.stdout);
    expect(json.terraform.removed).toEqual([]);
    expect(json.manifests.removed).toEqual([]);
  });

  /** Whether a diff key is generation a's: it names prod-usc1 (not prod-usc1-b) or one of a's ranges. */
  const aRanges = Object.entries(steps[0].lock)
    .filter(([name]) => name.startsWith('gcp/us-central1/prod-usc1/'))
    .map(([, entry]) => entry.cidr.replace(/[./]/g, '-'));
  const isA = (key: string) => /prod-usc1(?![a-z0-9])(?!-b(?![a-z0-9]))/.test(key) || aRanges.some((range) => key.includes(`-${range}_`) || key.endsWith(`-${range}`));

  test.each(pairs.slice(4).map((p) => [p.after.name, p]))("%s: whatever is removed or replaced is generation a's; b and the rest only change in place", (_name, { before, after }) => {
    const json = JSON.parse(cli(dir, ['diff', before.output, after.output, '--json']).stdout);
    expect(json.critical.filter((f: { key: string }) => !isA(f.key))).toEqual([]);
    expect(json.terraform.removed.filter((r: { key: string }) => !isA(r.key))).toEqual([]);
    expect(json.manifests.removed.filter((r: { key: string }) => !isA(r.key))).toEqual([]);
  });

  test('retiring a parks its stack for destruction, removes its manifests and keeps its ranges recorded until released', () => {
    const { before, after } = pairs[pairs.length - 1];
    expect(existsSync(join(dir, 'cdktf.out', 'decommissioned', 'drive-cluster-prod-usc1', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'prod-usc1'))).toBe(false);
    const json = JSON.parse(cli(dir, ['diff', before.output, after.output, '--json']).stdout);
    expect(json.terraform.removed.map((r: { stack: string }) => r.stack)).toContain('drive-cluster-prod-usc1');
    for (const change of json.terraform.changed) expect(change.stack).not.toBe('drive-cluster-prod-usc1-b');
    expect(after.lock).toEqual(before.lock);
    expect(after.synth.stderr).toMatch(/gcp\/us-central1\/prod-usc1\/pods \(\S+\) is recorded but no longer requested; it stays reserved until `.*--release gcp\/us-central1\/prod-usc1\/pods`/);
  });

  test("releasing a's ranges frees exactly them; the next synth changes no output", () => {
    const names = ['control-plane', 'nodes', 'pods', 'services'].map((r) => `gcp/us-central1/prod-usc1/${r}`);
    const release = cli(dir, ['plan', ...names.flatMap((n) => ['--release', n]), '--write']);
    expect([release.status, release.stderr]).toEqual([0, expect.stringContaining('released')]);
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')).allocations;
    expect(lock).toEqual(Object.fromEntries(Object.entries(steps[steps.length - 1].lock).filter(([name]) => !names.includes(name))));
    expect(cli(dir, ['synth']).status).toBe(0);
    const diff = JSON.parse(cli(dir, ['diff', steps[steps.length - 1].output, '--json']).stdout);
    expect(diff.failing.any).toBe(0);
  });

  test('verify fails, naming the generation and what it lacks, when an output lacks a counterpart of a generation taking traffic', () => {
    // The 50/50 step's output without b's Vault role for the mapping tenant.
    const broken = mkdtempSync(join(tmpdir(), 'generation-broken-'));
    cpSync(steps[3].output, broken, { recursive: true });
    const vault = join(broken, 'cdktf.out', 'stacks', 'drive-vault', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(vault, 'utf8'));
    delete json.resource.vault_kubernetes_auth_backend_role['Role-mapping-prod-usc1-b'];
    writeFileSync(vault, JSON.stringify(json));
    redefine(dir, definition(STEPS[3].generations));
    const verify = cli(dir, ['verify', '--quiet'], { CDKTF_OUTDIR: join(broken, 'cdktf.out'), CDK8S_OUTDIR: join(broken, 'dist') });
    expect(verify.status).toBe(1);
    expect(verify.stderr).toContain(
      'gke-platform verify: 1 counterpart(s) missing for cluster generations that receive traffic:\n  generation b of prod-usc1 (prod-usc1-b, 50% of traffic) lacks the counterpart of the vault_kubernetes_auth_backend_role "drive-vault/Role-mapping-prod-usc1" of prod-usc1: expected "drive-vault/Role-mapping-prod-usc1-b"',
    );
  });
});
