/**
 * One measured workload, run in a child process of its own (compiled by the project's tsc, so no
 * transpiler runs while it is measured): `node --require probe.js workload.js <kind> [clusters tenants outdir]`.
 * Modules are required inside each phase, so loading code is timed apart from building and synthesizing.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PHASES_KEY } from './probe';

export type WorkloadKind = 'load' | 'tf' | 'k8s' | 'baseline';

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
  const { loadPlatform } = require('../../lib/domain/platform/load-platform') as typeof import('../../lib/domain/platform/load-platform');
  const lockDir = mkdtempSync(join(tmpdir(), 'bench-lock-'));
  try {
    return loadPlatform(generatePlatform({ clusters, tenants }), { lockFile: join(lockDir, 'ip-plan.lock.json'), record: false, frozen: false, log: () => undefined, today: BENCH_TODAY });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export function runWorkload(kind: WorkloadKind, clusters: number, tenants: number, outdir: string): void {
  switch (kind) {
    case 'load':
      // The public API as a consumer gets it: the compiled lib/index.js.
      phase('load', () => require('../../lib/index'));
      return;
    case 'tf': {
      const { App } = phase('load', () => {
        require('../../lib/domain/platform/load-platform');
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
        require('../../lib/domain/platform/load-platform');
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

if (require.main === module) {
  const [kind, clusters, tenants, outdir] = process.argv.slice(2);
  if (!['load', 'tf', 'k8s', 'baseline'].includes(kind)) {
    console.error(`usage: workload.js load | (tf|k8s|baseline) <clusters> <tenants> <outdir>; got ${kind}`);
    process.exit(2);
  }
  runWorkload(kind as WorkloadKind, Number(clusters ?? 0), Number(tenants ?? 0), outdir ?? mkdtempSync(join(tmpdir(), 'bench-out-')));
}
