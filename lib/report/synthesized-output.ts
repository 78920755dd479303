import { existsSync, readdirSync, readFileSync } from 'fs';
import { ManifestFilter, readClusterFolders } from './cluster-folders';
import { join } from 'path';
import type { SynthesizedPlatform } from '../domain/reachability/read-synthesized';

/**
 * Reads a synthesized platform from disk for the reachability model: every `<cdktfOut>/stacks/<stack>/cdk.tf.json`
 * and every document of `<dist>/<cluster>/*.yaml` and `<dist>/<cluster>.add-ons/*.yaml`. The thin I/O edge of the pure model.
 * With `keep`, only the manifest objects it wants are parsed (see `parseManifests`).
 */
export function readSynthesizedPlatform(cdktfOut: string, dist: string, keep?: ManifestFilter): SynthesizedPlatform {
  const stacksDir = join(cdktfOut, 'stacks');
  if (!existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist: synthesize first (\`gke-platform synth\`)`);
  const stacks = readdirSync(stacksDir)
    .sort()
    .filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json')))
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')) }));
  // A cluster's objects are those of every stage folder (`<cluster>/`, `<cluster>.add-ons/`), platform stage first.
  const manifests = readClusterFolders(dist, keep).map(({ cluster, stages }) => ({ cluster, objects: stages.flatMap((s) => s.objects) }));
  return { stacks, manifests };
}
