/**
 * The synthesized platform a staged synth is about to write, read for the connectivity verification: the files
 * synthesized into the scratch folders and, for an incremental synth, the reused ones in the output folders, in
 * the order `readSynthesizedPlatform` reads a whole output (stacks by name; clusters by name, platform stage
 * first, files by name). With a parse cache (verify-cache.ts), a file whose bytes were parsed before is not
 * parsed again.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { folderStage, stageFolder } from '../../lib/domain/gitops/sync-stages';
import { MODEL_RESOURCE_TYPES, modelReads, SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import type { VerifyCache } from './verify-cache';
import { parseManifests } from '../../lib/report/cluster-folders';
import type { StagedSynth } from '../synth-stage';

/** What the model reads of a staged synth, and the hash of what it read of each file (empty without a cache). */
export interface StagedOutput {
  /** The synthesized platform as the reachability model reads it. */
  readonly output: SynthesizedPlatform;
  /** `<file>`, `<hash of what the model reads of it>`, for every file read, in reading order. */
  readonly parts: readonly string[];
  /** Every file read had a known hash (so `parts` describes the whole output). */
  readonly complete: boolean;
}

/** Both sides of a staged synth as the model reads them; with a cache, files it knows by their bytes' hash are not read. */
export function readStagedOutput(staged: Required<Pick<StagedSynth, 'terraform' | 'manifests'>>, cache?: VerifyCache): StagedOutput {
  const { terraform, manifests } = staged;
  const parts: string[] = [];
  let complete = cache !== undefined;
  const read = (file: string, fileHash: string | undefined, load: () => unknown): unknown => {
    if (fileHash === undefined) complete = false;
    if (!cache || fileHash === undefined) return load();
    const part = cache.part(fileHash, load);
    parts.push(file, part.hash);
    return part.content;
  };
  const reusedStacks = new Set(terraform.reused ?? []);
  const stacks = Object.keys(terraform.stacks)
    .sort()
    .map((name) => {
      const path = join(reusedStacks.has(name) ? terraform.outdir : terraform.dir, 'stacks', name, 'cdk.tf.json');
      const json = read(`stacks/${name}`, terraform.cache?.[name]?.output, () => modelResources(JSON.parse(readFileSync(path, 'utf8'))));
      return { name, json: json as SynthesizedPlatform['stacks'][number]['json'] };
    });
  // Every file with where it is and, when the cache entry knows it, the hash of its bytes.
  const reused = new Set(manifests.reused ?? []);
  const hashes = new Map(Object.values(manifests.cache ?? {}).flatMap((c) => Object.entries(c.files)));
  const files = [...listYaml(manifests.dir), ...reused].sort();
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const [folder, name] = splitFolder(file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), name]);
  }
  const clusters = [...new Set([...byFolder.keys()].map((folder) => folderStage(folder).cluster))].sort();
  const output: SynthesizedPlatform = {
    stacks,
    manifests: clusters.map((cluster) => ({
      cluster,
      objects: (['platform', 'add-ons'] as const).flatMap((stage) =>
        (byFolder.get(stageFolder(cluster, stage)) ?? []).sort().flatMap((name) => {
          const file = `${stageFolder(cluster, stage)}/${name}`;
          const path = join(reused.has(file) ? manifests.outdir : manifests.dir, file);
          return read(file, hashes.get(file), () => parseManifests(readFileSync(path, 'utf8'), modelReads).filter((object) => object && typeof object === 'object')) as unknown[];
        }),
      ),
    })),
  };
  return { output, parts, complete };
}

/** A stack's JSON reduced to the resources the model reads (readSynthesized ignores the rest). */
function modelResources(json: { resource?: Record<string, unknown> }): { resource: Record<string, unknown> } {
  return { resource: Object.fromEntries(Object.entries(json.resource ?? {}).filter(([type]) => MODEL_RESOURCE_TYPES.has(type))) };
}

function splitFolder(file: string): [string, string] {
  const at = file.indexOf('/');
  return [file.slice(0, at), file.slice(at + 1)];
}

/** The `*.yaml` files one level below the folders of `dir` (`<folder>/<file>`). */
function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const folder of readdirSync(dir)) {
    if (!statSync(join(dir, folder)).isDirectory()) continue;
    for (const file of readdirSync(join(dir, folder))) if (file.endsWith('.yaml') || file.endsWith('.yml')) out.push(`${folder}/${file}`);
  }
  return out;
}
