/**
 * The incremental synth's record of the last synth it committed: per Terraform stack and per cluster's manifests,
 * the hash of its inputs and of the files it wrote. It lives in `<project>/.gke-platform-cache/` (gitignored), is
 * only an index of what is already in the output folders, and is safe to delete: a missing, unreadable, partial
 * or foreign record (another version, other output folders) is ignored and the synth runs in full, and an entry
 * whose file in the output folder is missing or has other bytes than recorded is rebuilt. The record is written
 * last, after the output, by a rename, so a synth that fails half-way leaves the previous record or none.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

/** The cache folder, relative to the project (the folder of the configuration). */
export const CACHE_DIR = '.gke-platform-cache';
const SYNTH_RECORD = 'synth.json';
const RECORD_VERSION = 1;

/** One Terraform stack as last committed. */
export interface CachedStack {
  /** Hash of its inputs (synth-inputs.ts). */
  readonly input: string;
  /** Hash of its `cdk.tf.json` as written. */
  readonly output: string;
  /** Resources it holds (for the summary). */
  readonly resources: number;
  /** Stacks it reads outputs of (its `terraform_remote_state` inputs), sorted. */
  readonly producers: readonly string[];
}

/** One cluster's manifests as last committed. */
export interface CachedCluster {
  /** Hash of its inputs. */
  readonly input: string;
  /** Its files, relative to the manifests outdir, with the hash of each as written. */
  readonly files: Readonly<Record<string, string>>;
}

/** What the last committed synth wrote. */
export interface SynthRecord {
  /** The record format; another version is not read (a full synth instead). */
  readonly version: typeof RECORD_VERSION;
  /** The code version it was written with (code-version.ts). */
  readonly code: string;
  /** The Terraform side. @default absent: not synthesized with the cache */
  readonly terraform?: {
    /** The outdir, absolute. */
    readonly outdir: string;
    /** Hash of `manifest.json` as written. */
    readonly manifest: string;
    /** Each stack synthesized, by stack name. */
    readonly stacks: Readonly<Record<string, CachedStack>>;
  };
  /** The manifests side. @default absent */
  readonly manifests?: {
    /** The outdir, absolute. */
    readonly outdir: string;
    /** Each cluster's manifests, by cluster name. */
    readonly clusters: Readonly<Record<string, CachedCluster>>;
  };
}

/** The record in `cacheDir`, or undefined when there is none or it cannot be used (corrupt, partial, other code). */
export function readSynthRecord(cacheDir: string, code: string): SynthRecord | undefined {
  const file = join(cacheDir, SYNTH_RECORD);
  if (!existsSync(file)) return undefined;
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as SynthRecord;
    if (record?.version !== RECORD_VERSION || record.code !== code) return undefined;
    if (record.terraform && !validTerraform(record.terraform)) return undefined;
    if (record.manifests && !validManifests(record.manifests)) return undefined;
    return record;
  } catch {
    return undefined;
  }
}

/** Replaces the record (write beside, then rename). */
export function writeSynthRecord(cacheDir: string, record: SynthRecord): void {
  writeCacheFile(cacheDir, SYNTH_RECORD, JSON.stringify(record));
}

/** Deletes the record (a synth with the cache off leaves none that could describe older output). */
export function forgetSynthRecord(cacheDir: string): void {
  rmSync(join(cacheDir, SYNTH_RECORD), { force: true });
}

/** Writes one file of the cache folder atomically, creating the folder with a .gitignore of its own. */
export function writeCacheFile(cacheDir: string, name: string, text: string): void {
  mkdirSync(cacheDir, { recursive: true });
  const ignore = join(cacheDir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# gke-platform synth cache: safe to delete, never commit\n*\n');
  const file = join(cacheDir, name);
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function validTerraform(t: unknown): boolean {
  if (!isRecord(t) || !isString(t.outdir) || !isString(t.manifest) || !isRecord(t.stacks)) return false;
  return Object.values(t.stacks).every((s) => isRecord(s) && isString(s.input) && isString(s.output) && typeof s.resources === 'number' && Array.isArray(s.producers) && s.producers.every(isString));
}

function validManifests(m: unknown): boolean {
  if (!isRecord(m) || !isString(m.outdir) || !isRecord(m.clusters)) return false;
  return Object.values(m.clusters).every((c) => isRecord(c) && isString(c.input) && isRecord(c.files) && Object.values(c.files).every(isString));
}
