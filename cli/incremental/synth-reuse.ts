/**
 * The incremental synth's wiring: whether the cache is used, the input slices of this synth, the last record for
 * the same output folders, and the record written once a synth is committed. `gke-platform synth` uses the cache
 * unless `--no-cache` (a full synth, whose record is still written) or `CI=true` (CI runs cold: nothing is read
 * from or written to the cache folder).
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { PlatformAddOn } from '../../lib/addons/platform-add-on';
import type { ConfiguredPlatform } from '../platform-source';
import type { ResolvedConfig } from '../config';
import type { StagedSynth } from '../synth-stage';
import type { ManifestsReuse, TerraformReuse } from '../synth-outputs';
import { hashBytes } from './content-hash';
import { codeVersion } from './code-version';
import { CACHE_DIR, readSynthRecord, SynthRecord, writeSynthRecord } from './synth-cache';
import { planSlices, SynthSlices } from './synth-inputs';
import { VerifyCache } from './verify-cache';

/** How a synth uses the cache. */
export interface SynthCacheMode {
  /** Read the last record and skip what is unchanged. */
  readonly read: boolean;
  /** Write the record after committing. */
  readonly write: boolean;
}

/** The cache mode of a synth: off in CI, write-only with `--no-cache`. */
export function synthCacheMode(env: NodeJS.ProcessEnv, noCache: boolean): SynthCacheMode {
  if (env.CI === 'true') return { read: false, write: false };
  return { read: !noCache, write: true };
}

/** The cache folder of a configuration. */
export function cacheDir(config: ResolvedConfig): string {
  return join(config.root, CACHE_DIR);
}

/** The library's own add-ons, loaded only when a definition enables add-ons (they load cdktf and cdk8s). */
function builtInAddOns(): PlatformAddOn[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return [
    require('../../lib/addons/vault/vault-add-on').vaultAddOn,
    require('../../lib/addons/istio/istio-add-on').istioAddOn,
    require('../../lib/addons/kueue/kueue-add-on').kueueAddOn,
    require('../../lib/addons/cd/argo-cd-add-on').argoCdAddOn,
    require('../../lib/addons/cd/spinnaker-add-on').spinnakerAddOn,
    require('../../lib/addons/monitoring/managed-prometheus-add-on').managedPrometheusAddOn,
  ];
}

/** What a synth reuses on each side, or undefined for a side synthesized in full without a record. */
export interface SynthReuse {
  /** The stacks to reuse and to synthesize. @default absent: every stack synthesized */
  readonly terraform?: TerraformReuse;
  /** The clusters to reuse and to synthesize. @default absent: every cluster synthesized */
  readonly manifests?: ManifestsReuse;
}

/** The inputs of this synth and, when reading, the last record for the same output folders. */
export function synthReuse(config: ResolvedConfig, configured: ConfiguredPlatform, mode: SynthCacheMode, outdirs: { readonly terraform: string; readonly manifests: string; readonly backend: string }): SynthReuse {
  if (!mode.write) return {};
  const slices = synthSlices(configured, outdirs);
  if (!slices) return {};
  const record = mode.read ? readSynthRecord(cacheDir(config), codeVersion()) : undefined;
  return {
    terraform: { slices, outdir: outdirs.terraform, previous: record?.terraform?.outdir === outdirs.terraform ? record.terraform : undefined },
    manifests: { slices, outdir: outdirs.manifests, previous: record?.manifests?.outdir === outdirs.manifests ? record.manifests : undefined },
  };
}

function synthSlices(configured: ConfiguredPlatform, outdirs: { readonly terraform: string; readonly backend: string }): SynthSlices | undefined {
  const { platform, addOns } = configured;
  const enabled = (platform.definition.addOns ?? []).length > 0;
  const today = new Date().toISOString().slice(0, 10);
  return planSlices(platform, addOns, enabled ? builtInAddOns() : [], codeVersion(), { backend: outdirs.backend, terraformOutdir: outdirs.terraform, today });
}

/**
 * Records a committed synth: the sides it synthesized with their cache entries, and the other side's last record
 * (its output was not touched). A side staged without entries (the cache could not be used) leaves no record of it.
 */
export function recordCommittedSynth(config: ResolvedConfig, staged: StagedSynth, mode: SynthCacheMode): void {
  if (!mode.write) return;
  const code = codeVersion();
  const dir = cacheDir(config);
  const previous = readSynthRecord(dir, code);
  let terraform: SynthRecord['terraform'] = previous?.terraform;
  let manifests: SynthRecord['manifests'] = previous?.manifests;
  if (staged.terraform) {
    const manifest = join(staged.terraform.outdir, 'manifest.json');
    terraform = staged.terraform.cache && existsSync(manifest) ? { outdir: staged.terraform.outdir, manifest: hashBytes(readFileSync(manifest)), stacks: staged.terraform.cache } : undefined;
  }
  if (staged.manifests) manifests = staged.manifests.cache ? { outdir: staged.manifests.outdir, clusters: staged.manifests.cache } : undefined;
  writeSynthRecord(dir, { version: 1, code, ...(terraform ? { terraform } : {}), ...(manifests ? { manifests } : {}) });
}

/** The verification cache of a staged synth: only when both sides were staged with cache entries (every file's hash known). */
export function verifyCacheFor(config: ResolvedConfig, staged: StagedSynth, mode: SynthCacheMode): VerifyCache | undefined {
  if (!mode.write || !staged.terraform?.cache || !staged.manifests?.cache) return undefined;
  return VerifyCache.open(cacheDir(config), codeVersion(), mode.read);
}
