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
export function readClusterFolders(dist: string): ClusterFolders[] {
  if (!existsSync(dist)) return [];
  const folders = readdirSync(dist, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return [...new Set(folders.map((folder) => folderStage(folder).cluster))].sort().map((cluster) => ({
    cluster,
    stages: (['platform', 'add-ons'] as const)
      .filter((stage) => folders.includes(stageFolder(cluster, stage)))
      .map((stage) => {
        const folder = join(dist, stageFolder(cluster, stage));
        const objects = readdirSync(folder)
          .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
          .sort()
          .flatMap((file) => parseAllDocuments(readFileSync(join(folder, file), 'utf8')).map((doc) => doc.toJSON()))
          .filter((object) => object && typeof object === 'object');
        return { stage, folder, objects };
      }),
  }));
}
