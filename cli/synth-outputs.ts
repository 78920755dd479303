import { existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { stageFolder } from '../lib/domain/gitops/sync-stages';
import { App } from 'cdktf';
import { PlatformAddOn } from '../lib/addons/platform-add-on';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { synthClusterManifests } from '../charts/cluster-manifests';
import { buildPlatformStacks } from '../stacks/platform-stacks';
import { StateBackendOptions } from '../stacks/stack-defaults';

/** What the Terraform side of a synth wrote. */
export interface TerraformSynthResult {
  /** Resources per stack, by stack name (sorted). */
  readonly stacks: Readonly<Record<string, number>>;
  /** Folders of stacks that no longer exist, removed (relative to the outdir). */
  readonly removed: readonly string[];
}

/**
 * Synthesizes every stack into `outdir` (cdktf writes `manifest.json` and `stacks/<stack>/cdk.tf.json`) and
 * removes the folders of stacks that are gone, so a removed cluster or link leaves nothing behind. Other
 * content of kept stack folders (`.terraform/` from a deploy) stays.
 */
export function synthTerraform(platform: LoadedPlatform, outdir: string, backend?: StateBackendOptions, addOns: readonly PlatformAddOn[] = []): TerraformSynthResult {
  const app = new App({ outdir, stackTraces: false });
  buildPlatformStacks(app, platform, { backend, addOns });
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { workingDirectory: string; synthesizedStackPath: string }> };
  const kept = new Set(Object.values(manifest.stacks).map((s) => s.workingDirectory));
  const removed: string[] = [];
  const stacksDir = join(outdir, 'stacks');
  for (const entry of existsSync(stacksDir) ? readdirSync(stacksDir).sort() : []) {
    const folder = join('stacks', entry);
    if (!kept.has(folder)) {
      rmSync(join(outdir, folder), { recursive: true, force: true });
      removed.push(folder);
    }
  }
  const stacks: Record<string, number> = {};
  for (const name of Object.keys(manifest.stacks).sort()) {
    const json = JSON.parse(readFileSync(join(outdir, manifest.stacks[name].synthesizedStackPath), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
    stacks[name] = Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  }
  return { stacks, removed };
}

/** What the manifests side of a synth wrote. */
export interface ManifestSynthResult {
  /** Manifest files per cluster, by cluster name. */
  readonly clusters: Readonly<Record<string, readonly string[]>>;
  /** Files written because they are new or changed (relative to the outdir). */
  readonly changed: readonly string[];
  /** Manifest files of removed tenants and clusters, deleted (relative to the outdir). */
  readonly removed: readonly string[];
}

/** Manifest files the synth owns: anything else in the folder (a README, a kustomization) is left alone. */
const MANIFEST_FILE = /\.k8s\.yaml$/;

/**
 * Synthesizes every cluster's manifests into a fresh folder, then brings `outdir` to exactly that set of
 * `*.k8s.yaml` files: new and changed files written, stale ones (a removed tenant, a removed cluster)
 * deleted with the folders they leave empty, unchanged files untouched. A GitOps publish of `outdir` prunes.
 */
export function synthManifests(platform: LoadedPlatform, outdir: string, addOns: readonly PlatformAddOn[] = []): ManifestSynthResult {
  const fresh = mkdtempSync(join(tmpdir(), 'gke-platform-manifests-'));
  try {
    synthClusterManifests(platform, fresh, { addOns });
    const wanted = listFiles(fresh).filter((f) => MANIFEST_FILE.test(f));
    const existing = existsSync(outdir) ? listFiles(outdir).filter((f) => MANIFEST_FILE.test(f)) : [];
    const changed: string[] = [];
    for (const file of wanted) {
      const target = join(outdir, file);
      const text = readFileSync(join(fresh, file));
      if (existsSync(target) && readFileSync(target).equals(text)) continue;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      changed.push(file);
    }
    const wantedSet = new Set(wanted);
    const removed = existing.filter((file) => !wantedSet.has(file));
    for (const file of removed) rmSync(join(outdir, file));
    for (const file of removed) removeEmptyParents(outdir, dirname(file));
    const clusters: Record<string, string[]> = {};
    // A cluster's files in every stage folder: `platform.k8s.yaml`, ..., `../prod-usc1.add-ons/tenant-x.k8s.yaml`.
    for (const cluster of platform.definition.clusters) {
      const addOns = `${stageFolder(cluster.name, 'add-ons')}/`;
      clusters[cluster.name] = [
        ...wanted.filter((f) => f.startsWith(`${cluster.name}/`)).map((f) => f.slice(cluster.name.length + 1)),
        ...wanted.filter((f) => f.startsWith(addOns)).map((f) => `../${f}`),
      ];
    }
    mkdirSync(outdir, { recursive: true });
    return { clusters, changed, removed };
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

/** Every file under `dir`, relative to it with `/` separators, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

function removeEmptyParents(root: string, folder: string): void {
  while (folder && folder !== '.') {
    const path = join(root, folder);
    if (!existsSync(path) || readdirSync(path).length > 0) return;
    rmdirSync(path);
    folder = dirname(folder);
  }
}
