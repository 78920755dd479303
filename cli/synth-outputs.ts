import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { folderStage, stageFolder } from '../lib/domain/gitops/sync-stages';
import { App, TerraformStack } from 'cdktf';
import { hashBytes } from './incremental/content-hash';
import { CachedCluster, CachedStack, SynthRecord } from './incremental/synth-cache';
import type { SynthSlices } from './incremental/synth-inputs';
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
  /**
   * Stacks not synthesized because their inputs and output are unchanged: their files are the outdir's, which the
   * scratch folder does not hold (manifest.json lists them). @default none: every stack is in the scratch folder
   */
  readonly reused?: readonly string[];
  /** Each stack's cache entry (inputs, output hash), for the record written after the commit. @default none: no cache */
  readonly cache?: Readonly<Record<string, CachedStack>>;
}

/** What an incremental Terraform synth reuses: the inputs of each stack now, and the last committed record. */
export interface TerraformReuse {
  /** Each stack's input hash now. */
  readonly slices: SynthSlices;
  /** The last synth's record, for the same outdir. @default none: every stack is synthesized */
  readonly previous?: SynthRecord['terraform'];
  /** The outdir (where reused files are). */
  readonly outdir: string;
}

/**
 * Synthesizes every stack into a scratch folder; nothing in the project changes. With `reuse`, only the stacks
 * whose inputs changed, or whose recorded file in the outdir is missing or changed, are synthesized, with their
 * dependency closure: the stacks whose outputs they read (cdktf adds those outputs to the producing stack) and
 * every other reader of a producer so synthesized (or the producer would lose the outputs that reader needs). The
 * others are left out of the App before synthesis; manifest.json lists every stack, their entries taken from
 * the outdir's, byte for byte as a full synth writes it. Should a synthesized stack read a stack that was left out
 * (a new cross-stack reference), everything is synthesized again in full.
 */
export function stageTerraform(platform: LoadedPlatform, backend?: StateBackendOptions, addOns: readonly PlatformAddOn[] = [], reuse?: TerraformReuse): StagedTerraform {
  const dir = mkdtempSync(join(tmpdir(), 'gke-platform-terraform-'));
  let reused: string[] = [];
  let previousManifest: CdktfManifest | undefined;
  try {
    const app = new App({ outdir: dir, stackTraces: false });
    previousManifest = reuse ? readReusableManifest(reuse) : undefined;
    const unchanged = previousManifest ? unchangedStacks(reuse!, previousManifest) : undefined;
    // Tenant shards are most of the stacks: one that is unchanged and neither reads nor is read by another stack is not even built.
    const skipped = new Set([...(reuse?.slices.shards ?? [])].filter((name) => unchanged?.(name) && !reuse!.previous!.stacks[name].producers.length && !isProducer(reuse!, name)));
    phase('construct', () => buildPlatformStacks(app, platform, { backend, addOns, tenantStates: unchanged ? (name) => !skipped.has(name) : undefined }));
    const built = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack).map((s) => s.node.id);
    const all = [...built, ...[...skipped].filter((name) => !built.includes(name))];
    if (reuse) {
      const rebuild = unchanged ? stacksToRebuild(all, reuse, unchanged) : new Set(all);
      reused = all.filter((name) => !rebuild.has(name));
      for (const name of reused) app.node.tryRemoveChild(name);
    }
    // cdktf writes each stack's JSON (to the scratch folder) as it synthesizes it.
    phase('synth', () => app.synth());
    if (reused.length > 0) {
      const built = new Set(all.filter((name) => !reused.includes(name)));
      const missed = [...built].some((name) => producersOf(readStackJson(dir, name)).some((p) => !built.has(p)));
      if (missed) {
        rmSync(dir, { recursive: true, force: true });
        return stageTerraform(platform, backend, addOns, { slices: reuse!.slices, outdir: reuse!.outdir });
      }
      mergeManifest(dir, previousManifest!, all, reused);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const manifest = readManifest(dir);
  const stacks: Record<string, number> = {};
  const cache: Record<string, CachedStack> = {};
  for (const name of Object.keys(manifest.stacks).sort()) {
    if (reused.includes(name)) {
      const entry = reuse!.previous!.stacks[name];
      stacks[name] = entry.resources;
      cache[name] = { ...entry, input: reuse!.slices.stack(name) };
      continue;
    }
    const text = readFileSync(join(dir, manifest.stacks[name].synthesizedStackPath));
    const json = JSON.parse(text.toString('utf8')) as StackJson;
    stacks[name] = Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    if (reuse) cache[name] = { input: reuse.slices.stack(name), output: hashBytes(text), resources: stacks[name], producers: producersOf(json) };
  }
  return { dir, stacks, ...(reuse ? { reused, cache } : {}) };
}

interface StackJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: { readonly terraform_remote_state?: Record<string, unknown> };
}

interface CdktfManifest {
  readonly version: string;
  readonly stacks: Record<string, { workingDirectory: string; synthesizedStackPath: string }>;
}

/** The stacks whose outputs a stack reads: cdktf names each remote state `cross-stack-reference-input-<stack>`. */
function producersOf(json: StackJson): string[] {
  const prefix = 'cross-stack-reference-input-';
  return Object.keys(json.data?.terraform_remote_state ?? {})
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length))
    .sort();
}

function readStackJson(dir: string, name: string): StackJson {
  return JSON.parse(readFileSync(join(dir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as StackJson;
}

/** The outdir's manifest.json when it is the one the record describes, else undefined (synthesize in full). */
function readReusableManifest(reuse: TerraformReuse): CdktfManifest | undefined {
  const file = join(reuse.outdir, 'manifest.json');
  if (!reuse.previous || !existsSync(file)) return undefined;
  const text = readFileSync(file);
  if (hashBytes(text) !== reuse.previous.manifest) return undefined;
  return JSON.parse(text.toString('utf8')) as CdktfManifest;
}

/** Whether a stack's inputs are those recorded and its file in the outdir has the recorded bytes (each file read once). */
function unchangedStacks(reuse: TerraformReuse, manifest: CdktfManifest): (name: string) => boolean {
  const known = new Map<string, boolean>();
  return (name) => {
    let unchanged = known.get(name);
    if (unchanged === undefined) {
      const entry = reuse.previous!.stacks[name];
      const file = join(reuse.outdir, 'stacks', name, 'cdk.tf.json');
      unchanged = entry !== undefined && manifest.stacks[name] !== undefined && entry.input === reuse.slices.stack(name) && existsSync(file) && hashBytes(readFileSync(file)) === entry.output;
      known.set(name, unchanged);
    }
    return unchanged;
  };
}

/** Whether another stack read this stack's outputs in the last synth. */
function isProducer(reuse: TerraformReuse, name: string): boolean {
  return Object.values(reuse.previous!.stacks).some((s) => s.producers.includes(name));
}

/** The stacks to synthesize: changed inputs, missing or changed files, and their dependency closure. */
function stacksToRebuild(all: readonly string[], reuse: TerraformReuse, unchanged: (name: string) => boolean): Set<string> {
  const previous = reuse.previous!.stacks;
  const rebuild = new Set(all.filter((name) => !unchanged(name)));
  const readers = new Map<string, string[]>();
  for (const name of all) for (const producer of previous[name]?.producers ?? []) readers.set(producer, [...(readers.get(producer) ?? []), name]);
  for (let grew = true; grew;) {
    grew = false;
    for (const name of [...rebuild]) {
      for (const other of [...(previous[name]?.producers ?? []), ...(readers.get(name) ?? [])]) {
        if (all.includes(other) && !rebuild.has(other)) {
          rebuild.add(other);
          grew = true;
        }
      }
    }
  }
  return rebuild;
}

/**
 * manifest.json with every stack: the synthesized stacks' entries as cdktf wrote them, the reused stacks' from the
 * outdir's manifest, written with cdktf's own stable stringify so the bytes are those of a full synth.
 */
function mergeManifest(dir: string, previous: CdktfManifest, all: readonly string[], reused: readonly string[]): void {
  const written = readManifest(dir) as unknown as CdktfManifest;
  const stacks: Record<string, unknown> = {};
  for (const name of all) stacks[name] = reused.includes(name) ? previous.stacks[name] : written.stacks[name];
  const stringify = require(require.resolve('json-stable-stringify', { paths: [dirname(require.resolve('cdktf'))] })) as (value: unknown, options: { space: number }) => string;
  writeFileSync(join(dir, 'manifest.json'), stringify({ version: written.version, stacks }, { space: 2 }));
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

/** A manifests synthesis in a scratch folder, not yet in the outdir. */
export interface StagedManifests {
  /** The scratch folder holding `<cluster>/*.k8s.yaml`. */
  readonly dir: string;
  /**
   * Files (relative to the outdir) of the clusters not synthesized because their inputs and files are unchanged:
   * the outdir's, kept as they are. @default none: every file is in the scratch folder
   */
  readonly reused?: readonly string[];
  /** Each cluster's cache entry, for the record written after the commit. @default none: no cache */
  readonly cache?: Readonly<Record<string, CachedCluster>>;
}

/** What an incremental manifests synth reuses. */
export interface ManifestsReuse {
  /** Each cluster's input hash now. */
  readonly slices: SynthSlices;
  /** The last synth's record, for the same outdir. @default none: every cluster is synthesized */
  readonly previous?: SynthRecord['manifests'];
  /** The outdir (where reused files are). */
  readonly outdir: string;
}

/**
 * Every cluster's manifests in a scratch folder; nothing in the project changes. With `reuse`, a cluster whose
 * inputs are unchanged and whose recorded files are all in the outdir with the recorded bytes is not synthesized.
 */
export function stageManifests(platform: LoadedPlatform, addOns: readonly PlatformAddOn[] = [], reuse?: ManifestsReuse): StagedManifests {
  const fresh = mkdtempSync(join(tmpdir(), 'gke-platform-manifests-'));
  const names = platform.plan.clusters.map((c) => c.name);
  const kept = new Set(reuse ? names.filter((name) => reusableCluster(name, reuse)) : []);
  try {
    // One cluster at a time: its charts built and written to the scratch folder (construct and synth together).
    phase('synth', () => synthClusterManifests(platform, fresh, { addOns, clusters: new Set(names.filter((n) => !kept.has(n))) }));
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  if (!reuse) return { dir: fresh };
  const written = listFiles(fresh).filter((f) => MANIFEST_FILE.test(f));
  const cache: Record<string, CachedCluster> = {};
  for (const name of names) {
    if (kept.has(name)) {
      cache[name] = reuse.previous!.clusters[name];
      continue;
    }
    const files: Record<string, string> = {};
    for (const file of written.filter((f) => clusterOfFile(f) === name)) files[file] = hashBytes(readFileSync(join(fresh, file)));
    cache[name] = { input: reuse.slices.cluster(name), files };
  }
  const reused = [...kept].flatMap((name) => Object.keys(reuse.previous!.clusters[name].files));
  return { dir: fresh, reused, cache };
}

/** The cluster a manifest file belongs to: `<cluster>/x.k8s.yaml` or `<cluster>.add-ons/x.k8s.yaml`. */
function clusterOfFile(file: string): string {
  return folderStage(file.split('/')[0]).cluster;
}

function reusableCluster(name: string, reuse: ManifestsReuse): boolean {
  const entry = reuse.previous?.clusters[name];
  if (!entry || entry.input !== reuse.slices.cluster(name)) return false;
  return Object.entries(entry.files).every(([file, hash]) => existsSync(join(reuse.outdir, file)) && hashBytes(readFileSync(join(reuse.outdir, file))) === hash);
}

/**
 * Brings `outdir` to exactly the staged set of `*.k8s.yaml` files: new and changed files written, stale ones (a
 * removed tenant, a removed cluster) deleted with the folders they leave empty, unchanged files untouched (the
 * reused ones of an incremental synth too). A GitOps publish of `outdir` prunes. Removes the scratch folder.
 */
export function commitManifests(platform: LoadedPlatform, staged: string, outdir: string, reused: readonly string[] = []): ManifestSynthResult {
  try {
    const fresh = listFiles(staged).filter((f) => MANIFEST_FILE.test(f));
    const existing = existsSync(outdir) ? listFiles(outdir).filter((f) => MANIFEST_FILE.test(f)) : [];
    const changed = fresh.filter((file) => replaceFile(join(staged, file), join(outdir, file)));
    const wanted = [...fresh, ...reused].sort();
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
  return commitManifests(platform, stageManifests(platform, addOns).dir, outdir);
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
