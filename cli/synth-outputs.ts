import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { stageFolder } from '../lib/domain/gitops/sync-stages';
import { App } from 'cdktf';
import { PlatformAddOn } from '../lib/addons/platform-add-on';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { synthClusterManifests } from '../charts/cluster-manifests';
import { buildPlatformStacks } from '../stacks/platform-stacks';
import { phase } from '../lib/report/phase-timing';
import { StateBackendOptions } from '../stacks/stack-defaults';

/** What the Terraform side of a synth wrote. */
export interface TerraformSynthResult {
  /** Resources per stack, by stack name (sorted). */
  readonly stacks: Readonly<Record<string, number>>;
  /**
   * Folders of stacks that are no longer defined (relative to the outdir, `stacks/<stack>`), moved to
   * `decommissioned/<stack>/` with their Terraform JSON so their resources can still be destroyed.
   */
  readonly removed: readonly string[];
}

/** Where the stacks of removed clusters and links wait, until `synth --destroyed <stack>` confirms them gone. */
export const DECOMMISSIONED_DIR = 'decommissioned';

/** A Terraform synthesis in a scratch folder, not yet in the outdir. */
export interface StagedTerraform {
  /** The scratch folder cdktf wrote to (manifest.json, stacks/<stack>/cdk.tf.json). */
  readonly dir: string;
  /** Resources per stack, by stack name (sorted). */
  readonly stacks: Readonly<Record<string, number>>;
}

/** Synthesizes every stack into a scratch folder; nothing in the project changes. */
export function stageTerraform(platform: LoadedPlatform, backend?: StateBackendOptions, addOns: readonly PlatformAddOn[] = []): StagedTerraform {
  const dir = mkdtempSync(join(tmpdir(), 'gke-platform-terraform-'));
  try {
    const app = new App({ outdir: dir, stackTraces: false });
    phase('construct', () => buildPlatformStacks(app, platform, { backend, addOns }));
    // cdktf writes each stack's JSON (to the scratch folder) as it synthesizes it.
    phase('synth', () => app.synth());
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const manifest = readManifest(dir);
  const stacks: Record<string, number> = {};
  for (const name of Object.keys(manifest.stacks).sort()) {
    const json = JSON.parse(readFileSync(join(dir, manifest.stacks[name].synthesizedStackPath), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
    stacks[name] = Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  }
  return { dir, stacks };
}

/**
 * Brings `outdir` to the staged synthesis: every synthesized file written (unchanged ones untouched, each
 * replaced by a rename), other content of kept stack folders (`.terraform/` from a deploy) left alone. The folder
 * of a stack that is gone moves to `decommissioned/<stack>/` (same depth, so its local state path still holds): the
 * resources it declares are still deployed until someone destroys them from there. Removes the scratch folder.
 */
export function commitTerraform(staged: StagedTerraform, outdir: string): TerraformSynthResult {
  const kept = new Set(Object.values(readManifest(staged.dir).stacks).map((s) => s.workingDirectory));
  for (const file of listFiles(staged.dir)) replaceFile(join(staged.dir, file), join(outdir, file));
  const removed: string[] = [];
  const stacksDir = join(outdir, 'stacks');
  for (const entry of existsSync(stacksDir) ? readdirSync(stacksDir).sort() : []) {
    const folder = join('stacks', entry);
    if (kept.has(folder)) continue;
    const parked = join(outdir, DECOMMISSIONED_DIR, entry);
    rmSync(parked, { recursive: true, force: true });
    mkdirSync(dirname(parked), { recursive: true });
    renameSync(join(outdir, folder), parked);
    removed.push(folder);
  }
  // A stack defined again is live again: its parked copy is stale.
  for (const folder of kept) rmSync(join(outdir, DECOMMISSIONED_DIR, folder.replace(/^stacks\//, '')), { recursive: true, force: true });
  rmSync(staged.dir, { recursive: true, force: true });
  return { stacks: staged.stacks, removed };
}

/** Stage and commit in one go: every stack synthesized into `outdir` (see commitTerraform). */
export function synthTerraform(platform: LoadedPlatform, outdir: string, backend?: StateBackendOptions, addOns: readonly PlatformAddOn[] = []): TerraformSynthResult {
  return commitTerraform(stageTerraform(platform, backend, addOns), outdir);
}

/** Stacks parked in `<outdir>/decommissioned/`, sorted. */
export function decommissionedStacks(outdir: string): string[] {
  const dir = join(outdir, DECOMMISSIONED_DIR);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
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

/** Every cluster's manifests in a scratch folder; nothing in the project changes. */
export function stageManifests(platform: LoadedPlatform, addOns: readonly PlatformAddOn[] = []): string {
  const fresh = mkdtempSync(join(tmpdir(), 'gke-platform-manifests-'));
  try {
    // One cluster at a time: its charts built and written to the scratch folder (construct and synth together).
    phase('synth', () => synthClusterManifests(platform, fresh, { addOns }));
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  return fresh;
}

/**
 * Brings `outdir` to exactly the staged set of `*.k8s.yaml` files: new and changed files written, stale ones (a
 * removed tenant, a removed cluster) deleted with the folders they leave empty, unchanged files untouched. A
 * GitOps publish of `outdir` prunes. Removes the scratch folder.
 */
export function commitManifests(platform: LoadedPlatform, staged: string, outdir: string): ManifestSynthResult {
  try {
    const wanted = listFiles(staged).filter((f) => MANIFEST_FILE.test(f));
    const existing = existsSync(outdir) ? listFiles(outdir).filter((f) => MANIFEST_FILE.test(f)) : [];
    const changed = wanted.filter((file) => replaceFile(join(staged, file), join(outdir, file)));
    const wantedSet = new Set(wanted);
    const removed = existing.filter((file) => !wantedSet.has(file));
    for (const file of removed) rmSync(join(outdir, file));
    for (const file of removed) removeEmptyParents(outdir, dirname(file));
    const clusters: Record<string, string[]> = {};
    // A cluster's files in every stage folder: `platform.k8s.yaml`, ..., `../prod-usc1.add-ons/tenant-x.k8s.yaml`.
    for (const cluster of platform.definition.clusters) {
      const addOns = `${stageFolder(cluster.name, 'add-ons')}/`;
      clusters[cluster.name] = [...wanted.filter((f) => f.startsWith(`${cluster.name}/`)).map((f) => f.slice(cluster.name.length + 1)), ...wanted.filter((f) => f.startsWith(addOns)).map((f) => `../${f}`)];
    }
    mkdirSync(outdir, { recursive: true });
    return { clusters, changed, removed };
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

/** Stage and commit in one go (see commitManifests). */
export function synthManifests(platform: LoadedPlatform, outdir: string, addOns: readonly PlatformAddOn[] = []): ManifestSynthResult {
  return commitManifests(platform, stageManifests(platform, addOns), outdir);
}

/** Writes `from`'s bytes to `to` unless equal (write beside, then rename); true when written. */
function replaceFile(from: string, to: string): boolean {
  const text = readFileSync(from);
  if (existsSync(to) && readFileSync(to).equals(text)) return false;
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(`${to}.gke-platform-tmp`, text);
  renameSync(`${to}.gke-platform-tmp`, to);
  return true;
}

function readManifest(dir: string): { stacks: Record<string, { workingDirectory: string; synthesizedStackPath: string }> } {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
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
