import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import type { SynthesizedPlatform } from '../domain/reachability/read-synthesized';

/**
 * Reads a synthesized platform from disk for the reachability model: every `<cdktfOut>/stacks/<stack>/cdk.tf.json`
 * and every document of `<dist>/<cluster>/*.yaml`. The thin I/O edge of the pure model.
 */
export function readSynthesizedPlatform(cdktfOut: string, dist: string): SynthesizedPlatform {
  const stacksDir = join(cdktfOut, 'stacks');
  if (!existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist: synthesize first (\`gke-platform synth\`)`);
  const stacks = readdirSync(stacksDir)
    .sort()
    .filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json')))
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')) }));
  const manifests = existsSync(dist)
    ? readdirSync(dist, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
        .map((cluster) => ({
          cluster,
          objects: readdirSync(join(dist, cluster))
            .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
            .sort()
            .flatMap((file) => parseAllDocuments(readFileSync(join(dist, cluster, file), 'utf8')).map((doc) => doc.toJSON())),
        }))
    : [];
  return { stacks, manifests };
}
