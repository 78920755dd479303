import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as fc from 'fast-check';
import { cli, exampleProject, redefine, ROOT } from './harness';
import { CACHE_DIR } from '../../cli/incremental/synth-cache';
import { MODEL_RESOURCE_TYPES } from '../../lib/domain/reachability/read-synthesized';

process.env.CHECKPOINT_DISABLE = '1';

/**
 * The incremental synth (cli/incremental/) against a full synth of the same definition: after each one-tenant
 * edit, after the cache is deleted, corrupted or cut short, and after an output file was changed by hand, the
 * output folders hold exactly the bytes a full synth (CI=true: no cache read or written) writes into fresh folders.
 */

const GENERATOR = join(ROOT, 'scripts/bench/generate-platform');
let revision = 0;

/** A project whose definition is the generated platform with `edit` (TypeScript over `platform`) applied. */
function generatedProject(clusters: number, tenants: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'gke-platform-incremental-'));
  mkdirSync(join(dir, 'platform'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  define(dir, clusters, tenants, '');
  return dir;
}

/** A new definition module each time: a required module stays cached for the life of the test process. */
function define(dir: string, clusters: number, tenants: number, edit: string): void {
  const file = `platform/platform-${++revision}.ts`;
  writeFileSync(join(dir, file), `import { generatePlatform } from ${JSON.stringify(GENERATOR)};\nexport const platform: any = generatePlatform({ clusters: ${clusters}, tenants: ${tenants} });\n${edit}\n`);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, gkePlatform: { definition: file, lockFile: 'platform/ip-plan.lock.json' } }));
}

/** Every file below `dir` with its bytes, by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${entry}` : entry;
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else files.set(path, readFileSync(join(dir, path)));
    }
  };
  if (existsSync(dir)) walk('');
  return files;
}

/** Paths whose bytes differ between two trees, or that only one has. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort().filter((path) => !a.get(path) || !b.get(path) || !a.get(path)!.equals(b.get(path)!));
}

/** Synthesizes incrementally in the project's folders; returns stdout (asserting success). */
function synth(dir: string, args: string[] = []): string {
  const { status, stdout, stderr } = cli(dir, ['synth', ...args]);
  if (status !== 0) throw new Error(`synth failed (${status}):\n${stderr}`);
  return stdout;
}

/** The project's output next to a full synth of the same definition into fresh folders; with `stdout`, the same verification summary too. */
function expectSameAsFullSynth(dir: string, stdout?: string): void {
  const reference = mkdtempSync(join(tmpdir(), 'gke-platform-reference-'));
  const full = cli(dir, ['synth'], { CI: 'true', CDKTF_OUTDIR: join(reference, 'cdktf.out'), CDK8S_OUTDIR: join(reference, 'dist') });
  if (full.status !== 0) throw new Error(`full synth failed:\n${full.stderr}`);
  if (stdout !== undefined) expect(/^connectivity: .*$/m.exec(stdout)?.[0]).toBe(/^connectivity: .*$/m.exec(full.stdout)?.[0]);
  expect(differences(tree(join(dir, 'cdktf.out')), tree(join(reference, 'cdktf.out')))).toEqual([]);
  expect(differences(tree(join(dir, 'dist')), tree(join(reference, 'dist')))).toEqual([]);
  rmSync(reference, { recursive: true, force: true });
}

/** `incremental: 1 of 9 stacks and 1 of 2 clusters synthesized, ...` as numbers. */
function incremental(stdout: string): { stacks: number; of: number; clusters: number; ofClusters: number } {
  const match = /^incremental: (\d+) of (\d+) stacks and (\d+) of (\d+) clusters synthesized/m.exec(stdout);
  if (!match) throw new Error(`no incremental line in:\n${stdout}`);
  const [stacks, of, clusters, ofClusters] = match.slice(1).map(Number);
  return { stacks, of, clusters, ofClusters };
}

/** One-tenant edits of the generated platform, as TypeScript over tenant `t` (and the platform's tenants). */
const EDITS = {
  quota: `t.quota = { requestsCpu: '7', requestsMemory: '9Gi', limitsCpu: '14', limitsMemory: '18Gi' };`,
  viewerGroup: `t.groups = { ...t.groups, viewer: t.name + '-auditors@example.com' };`,
  costCenter: `t.labels = { ...t.labels, costCenter: 'cc-4242' };`,
  externalDependency: `t.dependencies = { tenants: t.dependencies?.tenants ?? [], external: [{ cidr: '10.201.0.0/16', ports: [{ port: 8443 }] }] };`,
  tenantDependency: `{ const other = platform.tenants.find((o: any) => o !== t && t.clusters.every((c: string) => o.clusters.includes(c)) && !(t.dependencies?.tenants ?? []).includes(o.name)); if (other) t.dependencies = { ...(t.dependencies ?? {}), tenants: [...(t.dependencies?.tenants ?? []), other.name] }; }`,
  resourceRole: `t.workloadIdentities = [{ ...t.workloadIdentities[0], resourceRoles: [{ ...t.workloadIdentities[0].resourceRoles[0], role: 'roles/storage.objectAdmin' }] }, ...t.workloadIdentities.slice(1)];`,
  ingressSource: `t.ingressSources = [{ namespace: 'edge-gateway' }];`,
} as const;

describe('gke-platform synth, incremental', () => {
  const CLUSTERS = 2;
  const TENANTS = 10;

  test('after random one-tenant edits, the output is byte for byte a full synth, and only the touched stacks and clusters are synthesized', () => {
    const dir = generatedProject(CLUSTERS, TENANTS);
    const first = synth(dir);
    expect(incremental(first).stacks).toBe(incremental(first).of);
    expect(existsSync(join(dir, CACHE_DIR, 'synth.json'))).toBe(true);
    // Nothing changed: nothing synthesized.
    expect(incremental(synth(dir))).toMatchObject({ stacks: 0, clusters: 0 });
    const edits: string[] = [];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TENANTS - 1 }), fc.constantFrom(...(Object.keys(EDITS) as (keyof typeof EDITS)[])), (tenant, kind) => {
        // Edits accumulate: each synth starts from the previous one's output and record.
        edits.push(`{ const t = platform.tenants[${tenant}]; ${EDITS[kind]} }`);
        define(dir, CLUSTERS, TENANTS, edits.join('\n'));
        const stdout = synth(dir);
        const run = incremental(stdout);
        // Never the whole Terraform side, and at most the clusters the tenant is on.
        expect(run.stacks).toBeLessThan(run.of);
        expect(run.clusters).toBeLessThanOrEqual(2);
        expectSameAsFullSynth(dir, stdout);
      }),
      { numRuns: 4, seed: 2612 },
    );
  }, 600_000);

  test('a deleted, corrupted or partial cache, or an output file changed by hand, never changes the output', () => {
    const dir = generatedProject(2, 6);
    synth(dir);
    define(dir, 2, 6, `{ const t = platform.tenants[3]; ${EDITS.quota} }`);
    const record = join(dir, CACHE_DIR, 'synth.json');
    const whole = readFileSync(record, 'utf8');

    rmSync(join(dir, CACHE_DIR), { recursive: true });
    const cold = incremental(synth(dir));
    expect(cold.stacks).toBe(cold.of);
    expectSameAsFullSynth(dir);

    const verify = join(dir, CACHE_DIR, 'verify.json');
    for (const broken of [whole.slice(0, Math.floor(whole.length / 2)), JSON.stringify({ version: 1, code: 'other' }), JSON.stringify({ ...JSON.parse(whole), terraform: { outdir: 1 } })]) {
      define(dir, 2, 6, `{ const t = platform.tenants[${revision % 6}]; ${EDITS.tenantDependency} }`);
      writeFileSync(record, broken);
      const text = readFileSync(verify, 'utf8');
      writeFileSync(verify, text.slice(0, Math.floor(text.length / 3)));
      const stdout = synth(dir);
      const run = incremental(stdout);
      expect(run.stacks).toBe(run.of);
      expectSameAsFullSynth(dir, stdout);
    }

    // A reused stack's file and a reused manifest file edited by hand: the record's hashes no longer match, so both are synthesized again.
    const stacks = readdirSync(join(dir, 'cdktf.out', 'stacks')).sort();
    writeFileSync(join(dir, 'cdktf.out', 'stacks', stacks[0], 'cdk.tf.json'), '{}');
    const cluster = readdirSync(join(dir, 'dist')).sort()[0];
    const manifest = readdirSync(join(dir, 'dist', cluster)).sort()[0];
    writeFileSync(join(dir, 'dist', cluster, manifest), '# edited\n');
    rmSync(join(dir, 'cdktf.out', 'stacks', stacks[1]), { recursive: true });
    const repaired = incremental(synth(dir));
    expect(repaired.stacks).toBeGreaterThanOrEqual(2);
    expect(repaired.clusters).toBe(1);
    expectSameAsFullSynth(dir);
  }, 600_000);

  test('--no-cache synthesizes everything and writes the record; CI=true neither reads nor writes it', () => {
    const dir = generatedProject(2, 6);
    synth(dir);
    const all = incremental(synth(dir, ['--no-cache']));
    expect(all.stacks).toBe(all.of);
    expect(incremental(synth(dir))).toMatchObject({ stacks: 0, clusters: 0 });
    rmSync(join(dir, CACHE_DIR), { recursive: true });
    const { status, stdout } = cli(dir, ['synth'], { CI: 'true' });
    expect(status).toBe(0);
    expect(stdout).not.toMatch(/^incremental:/m);
    expect(existsSync(join(dir, CACHE_DIR))).toBe(false);
  }, 300_000);

  test('the example (add-ons that read every tenant): a one-tenant edit gives a full synth byte for byte', () => {
    const { dir } = exampleProject();
    synth(dir);
    redefine(dir, `export const platform = { ...example, tenants: example.tenants!.map((t) => (t.name === 'mapping' ? { ...t, labels: { ...t.labels, costCenter: 'cc-9999' } } : t)) };`);
    synth(dir);
    expectSameAsFullSynth(dir);
  }, 300_000);
});

describe('the verification cache keeps only what the model reads', () => {
  test('every resource type read-synthesized.ts reads is in MODEL_RESOURCE_TYPES', () => {
    const source = readFileSync(join(ROOT, 'lib/domain/reachability/read-synthesized.ts'), 'utf8');
    const read = [...source.matchAll(/ofType\('([a-z0-9_]+)'/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((type) => !MODEL_RESOURCE_TYPES.has(type))).toEqual([]);
  });
});
