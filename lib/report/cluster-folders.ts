import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { folderStage, stageFolder, SyncStage } from '../domain/gitops/sync-stages';

/** One cluster's synthesized manifests, stage by stage (lib/domain/gitops/sync-stages.ts). */
export interface ClusterFolders {
  /** The cluster's name. */
  readonly cluster: string;
  /** Its stage folders that exist, platform stage first, each with every document of its `*.yaml` files in file order. */
  readonly stages: readonly {
    /** `platform` or `add-ons`. */
    readonly stage: SyncStage;
    /** The stage folder's path. */
    readonly folder: string;
    /** Every document of its `*.yaml` files, in file order. */
    readonly objects: readonly any[];
  }[];
}

/**
 * Every cluster of a `dist/` folder with the objects of each of its stage folders (`<cluster>/`,
 * `<cluster>.add-ons/`). The thin I/O edge that the reachability model and the conformance judges share.
 */
export function readClusterFolders(dist: string, keep?: ManifestFilter): ClusterFolders[] {
  if (!existsSync(dist)) return [];
  const folders = readdirSync(dist, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return [...new Set(folders.map((folder) => folderStage(folder).cluster))].sort().map((cluster) => ({
    cluster,
    stages: (['platform', 'add-ons'] as const)
      .filter((stage) => folders.includes(stageFolder(cluster, stage)))
      .map((stage) => {
        const folder = join(dist, stageFolder(cluster, stage));
        const objects = readdirSync(folder)
          .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
          .sort()
          .flatMap((file) => parseManifests(readFileSync(join(folder, file), 'utf8'), keep))
          .filter((object) => object && typeof object === 'object');
        return { stage, folder, objects };
      }),
  }));
}

/** Which manifest objects to parse, by their top-level `kind` and `apiVersion`. */
export type ManifestFilter = (kind: string, apiVersion: string) => boolean;

/** A document marker at the start of a line: YAML forbids one inside a document's content, so it always separates. */
const DOCUMENT_MARKER = /^---(?=[ \t]|$)/gm;

/**
 * Every document of a YAML stream as plain data. With `keep`, a document whose plain top-level `kind:` and
 * `apiVersion:` lines say it is not wanted is left unparsed (parsing is most of the cost of reading the output);
 * a document without such lines (flow style, quoted values, a key written twice) is parsed anyway.
 */
export function parseManifests(text: string, keep?: ManifestFilter): unknown[] {
  if (!keep) return parseAllDocuments(text).map((doc) => doc.toJSON());
  const out: unknown[] = [];
  for (const chunk of splitDocuments(text)) {
    const kind = topLevel(chunk, 'kind');
    const apiVersion = topLevel(chunk, 'apiVersion');
    if (kind !== undefined && apiVersion !== undefined && !keep(kind, apiVersion)) continue;
    for (const doc of parseAllDocuments(chunk)) out.push(doc.toJSON());
  }
  return out;
}

/** The stream cut before each document marker after the first character (each piece keeps its marker line). */
function splitDocuments(text: string): string[] {
  const starts = [0, ...[...text.matchAll(DOCUMENT_MARKER)].map((m) => m.index!).filter((i) => i > 0)];
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

/** The value of a plain top-level key written once on a line of its own; undefined when it is not that simple. */
function topLevel(chunk: string, key: string): string | undefined {
  const lines = chunk.match(new RegExp(`^${key}:.*$`, 'gm')) ?? [];
  if (lines.length !== 1) return undefined;
  const value = lines[0].slice(key.length + 1).trim();
  return /^[A-Za-z0-9][A-Za-z0-9./-]*$/.test(value) ? value : undefined;
}
