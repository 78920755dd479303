/**
 * One measured workload, run in a child process of its own (compiled by the project's tsc, so no
 * transpiler runs while it is measured): `node --require probe.js workload.js <kind> [clusters tenants outdir]`.
 * Modules are required inside each phase, so loading code is timed apart from building and synthesizing.
 */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PHASES_KEY } from './probe';

export type WorkloadKind = 'load' | 'tf' | 'k8s' | 'baseline' | 'both' | 'add-one';

/** Phase keys that carry counts and child figures, not milliseconds (the 'both' and 'add-one' workloads). */
export const COUNT_KEYS = { changedStates: 'changedStateFiles', changedManifests: 'changedManifestFiles', childMaxRssKb: 'childMaxRssKb', childRssSumKb: 'childRssSumKb' } as const;

/** Fixed day for developer namespace expiry, so every run synthesizes the same manifests. */
const BENCH_TODAY = '2026-01-01';
const BENCH_MANIFEST_REPOSITORY = 'https://github.com/example/platform-manifests.git';

const phases: Record<string, number> = {};
(globalThis as Record<string, unknown>)[PHASES_KEY] = phases;

function phase<T>(name: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  phases[name] = Math.round((performance.now() - start) * 10) / 10;
  return result;
}

/** Loads the platform with a throwaway lock path: nothing recorded, nothing frozen, nothing written to stacks/. */
function loadGenerated(clusters: number, tenants: number) {
  const { generatePlatform } = require('./generate-platform') as typeof import('./generate-platform');
  const { loadPlatform } = require('../../lib/platform/load-platform') as typeof import('../../lib/platform/load-platform');
  const lockDir = mkdtempSync(join(tmpdir(), 'bench-lock-'));
  try {
    return loadPlatform(generatePlatform({ clusters, tenants }), { lockFile: join(lockDir, 'ip-plan.lock.json'), record: false, frozen: false, log: () => undefined, today: BENCH_TODAY });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export function runWorkload(kind: WorkloadKind, clusters: number, tenants: number, outdir: string): void | Promise<void> {
  switch (kind) {
    case 'both':
      return runBothInParallel(clusters, tenants, outdir);
    case 'add-one':
      return addOneTenant(clusters, tenants, outdir);
    case 'load':
      // The public API as a consumer gets it: the compiled lib/index.js.
      phase('load', () => require('../../lib/index'));
      return;
    case 'tf': {
      const { App } = phase('load', () => {
        require('../../lib/platform/load-platform');
        require('../../stacks/platform-stacks');
        return require('cdktf') as typeof import('cdktf');
      });
      const platform = phase('define', () => loadGenerated(clusters, tenants));
      const { buildPlatformStacks } = require('../../stacks/platform-stacks') as typeof import('../../stacks/platform-stacks');
      const app = phase('construct', () => {
        const a = new App({ outdir });
        buildPlatformStacks(a, platform, { gitOps: { repository: { url: BENCH_MANIFEST_REPOSITORY, branch: 'main' } } });
        return a;
      });
      phase('synth', () => app.synth());
      return;
    }
    case 'k8s': {
      const { synthClusterManifests } = phase('load', () => {
        require('../../lib/platform/load-platform');
        return require('../../charts/cluster-manifests') as typeof import('../../charts/cluster-manifests');
      });
      const platform = phase('define', () => loadGenerated(clusters, tenants));
      // The production path builds and writes one cluster at a time, so construct is part of synth here.
      phase('synth', () => synthClusterManifests(platform, outdir, { today: BENCH_TODAY }));
      return;
    }
    case 'baseline': {
      const { App, buildBaselineStacks } = phase('load', () => ({
        ...(require('cdktf') as typeof import('cdktf')),
        ...(require('./baseline-app') as typeof import('./baseline-app')),
      }));
      const { generatePlatform } = require('./generate-platform') as typeof import('./generate-platform');
      const definition = phase('define', () => generatePlatform({ clusters, tenants }));
      const app = phase('construct', () => {
        const a = new App({ outdir });
        buildBaselineStacks(a, definition);
        return a;
      });
      phase('synth', () => app.synth());
      return;
    }
  }
}

/**
 * Both apps at once, as `gke-platform synth` runs them (cli/parallel-synth.ts): the cdktf and the cdk8s workload
 * in two child processes started together, with the executable's Node options (cli/synth-part-flags.ts). The parent's wall is the figure; the children's peak RSS are recorded.
 */
async function runBothInParallel(clusters: number, tenants: number, outdir: string): Promise<void> {
  const start = performance.now();
  const child = (kind: 'tf' | 'k8s') =>
    new Promise<number>((resolve, reject) => {
      const probeOut = join(outdir, `${kind}.probe.json`);
      // The Node options `gke-platform synth` gives its two processes (the heap flag).
      const { synthPartNodeArgs } = require('../../cli/synth-part-flags') as typeof import('../../cli/synth-part-flags');
      const proc = spawn(process.execPath, [...synthPartNodeArgs([]), '--require', join(__dirname, 'probe.js'), __filename, kind, String(clusters), String(tenants), join(outdir, kind)], {
        env: { ...process.env, BENCH_PROBE_OUT: probeOut },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      proc.on('error', reject);
      proc.on('close', (code) => (code === 0 ? resolve((JSON.parse(readFileSync(probeOut, 'utf8')) as { maxRssKb: number }).maxRssKb) : reject(new Error(`${kind} exited ${code}`))));
    });
  const [tf, k8s] = await Promise.all([child('tf'), child('k8s')]);
  phases.synth = Math.round((performance.now() - start) * 10) / 10;
  phases[COUNT_KEYS.childMaxRssKb] = Math.max(tf, k8s);
  phases[COUNT_KEYS.childRssSumKb] = tf + k8s;
}

/** Every file under `dir` with its content hash, by relative path. */
function hashTree(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(join(dir, prefix))) return out;
  for (const entry of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(join(dir, rel)).isDirectory()) for (const [k, v] of hashTree(dir, rel)) out.set(k, v);
    else
      out.set(
        rel,
        createHash('sha1')
          .update(readFileSync(join(dir, rel)))
          .digest('hex'),
      );
  }
  return out;
}

/**
 * Files a one-tenant change touches: the platform is synthesized with its membership recorded (as a team's
 * repository holds it), then one shared tenant is added and it is synthesized again into the same folders.
 * Records the Terraform state files (cdk.tf.json) and manifest files that changed.
 */
function addOneTenant(clusters: number, tenants: number, outdir: string): void {
  const { generatePlatform } = require('./generate-platform') as typeof import('./generate-platform');
  const { loadPlatform } = require('../../lib/platform/load-platform') as typeof import('../../lib/platform/load-platform');
  const { synthManifests, synthTerraform } = require('../../cli/synth-outputs') as typeof import('../../cli/synth-outputs');
  const lockFile = join(outdir, 'ip-plan.lock.json');
  const [tf, k8s] = [join(outdir, 'cdktf.out'), join(outdir, 'dist')];
  const definition = generatePlatform({ clusters, tenants });
  const synthBoth = (d: typeof definition) => {
    const platform = loadPlatform(d, { lockFile, frozen: false, record: true, log: () => undefined, today: BENCH_TODAY });
    synthTerraform(platform, tf);
    synthManifests(platform, k8s);
  };
  synthBoth(definition);
  const [tfBefore, k8sBefore] = [hashTree(tf), hashTree(k8s)];
  // A shared tenant shaped like the first shared one, on the same cluster.
  const model = definition.tenants!.find((t) => (t.isolation ?? 'shared') === 'shared')!;
  const name = 'team-added';
  const added = { ...model, name, labels: { ...model.labels, team: name }, dependencies: undefined, workloadIdentities: model.workloadIdentities?.map((wi) => ({ ...wi, gsa: `added-${wi.ksa}` })) };
  phase('synth', () => synthBoth({ ...definition, tenants: [...definition.tenants!, added] }));
  const changed = (before: Map<string, string>, after: Map<string, string>) => [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
  const tfChanged = changed(tfBefore, hashTree(tf));
  phases[COUNT_KEYS.changedStates] = tfChanged.filter((f) => f.endsWith('cdk.tf.json')).length;
  phases[COUNT_KEYS.changedManifests] = changed(k8sBefore, hashTree(k8s)).length;
}

if (require.main === module) {
  const [kind, clusters, tenants, outdir] = process.argv.slice(2);
  if (!['load', 'tf', 'k8s', 'baseline', 'both', 'add-one'].includes(kind)) {
    console.error(`usage: workload.js load | (tf|k8s|baseline|both|add-one) <clusters> <tenants> <outdir>; got ${kind}`);
    process.exit(2);
  }
  Promise.resolve(runWorkload(kind as WorkloadKind, Number(clusters ?? 0), Number(tenants ?? 0), outdir ?? mkdtempSync(join(tmpdir(), 'bench-out-')))).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
