import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { loadPlatform } from '../../lib/platform/load-platform';
import { examplePlatform, exampleLockFile } from '../../examples/drive-platform/platform';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { buildPlatformStacks, PlatformStacksOptions } from '../../stacks/platform-stacks';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

export type TfJson = { resource?: Record<string, Record<string, any>>; data?: Record<string, Record<string, any>>; terraform?: any; output?: Record<string, any>; provider?: any };

/**
 * Synthesizes the bundled example exactly as `npm run synth` does (a real App, validations on, cross-stack
 * references turned into remote state) into a temporary folder, and reads every stack back by name.
 */
export function synthExample(options: PlatformStacksOptions = { gitOps: { repository: { url: 'https://github.com/example/drive-platform-manifests.git' } } }, definition: PlatformDefinition = examplePlatform) {
  const platform = loadPlatform(definition, { lockFile: exampleLockFile, frozen: true, today: EXAMPLE_TODAY });
  const outdir = mkdtempSync(join(tmpdir(), 'example-synth-'));
  const app = new App({ outdir, stackTraces: false });
  const stacks = buildPlatformStacks(app, platform, options);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const texts: Record<string, string> = {};
  const json: Record<string, TfJson> = {};
  for (const [name, stack] of Object.entries<{ synthesizedStackPath: string }>(manifest.stacks)) {
    texts[name] = readFileSync(join(outdir, stack.synthesizedStackPath), 'utf8');
    json[name] = JSON.parse(texts[name]);
  }
  return { platform, stacks, texts, json, manifest };
}

/** Every resource of a type across the given stacks, as [stack, name, body]. */
export function resourcesOf(json: Record<string, TfJson>, type: string): [string, string, any][] {
  return Object.entries(json).flatMap(([stack, tf]) => Object.entries(tf.resource?.[type] ?? {}).map(([name, body]): [string, string, any] => [stack, name, body]));
}
