/**
 * A synth in two steps: stage (validate, synthesize both sides into scratch folders, work out the lock files' new
 * contents, judge the connectivity intents on the scratch output), then commit (bring the output folders to the
 * staged synthesis, write the lock files). Nothing in the project changes unless every step before the commit
 * succeeded, so a failed synth leaves the output and the lock files as they were.
 */
import { rmSync } from 'fs';
import { join, relative } from 'path';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { PendingLocks, writeLockFileChanges } from './lock-writes';
import { CliError } from './cli-error';
import { CACHE_DIR } from './incremental/synth-cache';
import { commandLine, ResolvedConfig } from './config';
import { commitManifests, commitTerraform, DECOMMISSIONED_DIR, decommissionedStacks, ManifestSynthResult, StagedManifests, StagedTerraform, TerraformSynthResult } from './synth-outputs';

/** One side or both, staged: what the commit writes. Plain data, so the parallel synth's children can hand it over as JSON. */
export interface StagedSynth {
  /** The Terraform side: its scratch folder and the outdir it goes to. @default not synthesized (--only manifests) */
  readonly terraform?: StagedTerraform & {
    /** The Terraform outdir it goes to. */
    readonly outdir: string;
    /** Where state is kept, for the summary (`local files`, `gs://<bucket>`). */
    readonly state: string;
  };
  /** The manifests side: its scratch folder and the outdir it goes to. @default not synthesized (--only terraform) */
  readonly manifests?: StagedManifests & {
    /** The manifests outdir it goes to. */
    readonly outdir: string;
  };
  /** The lock files' new contents (written last) and the notices that say what they record. */
  readonly locks: PendingLocks;
}

/** Removes the scratch folders of a synth that will not be committed. */
export function discardStaged(staged: StagedSynth): void {
  for (const dir of [staged.terraform?.dir, staged.manifests?.dir]) if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Checks `--destroyed` names before anything is written: each must be a parked stack, not a live one. */
export function checkDestroyed(config: ResolvedConfig, outdir: string, destroyed: readonly string[], liveStacks: readonly string[] | undefined): void {
  const parked = decommissionedStacks(outdir);
  for (const stack of destroyed) {
    if (liveStacks?.includes(stack)) throw new CliError(`--destroyed ${stack}: the stack is still defined`, `remove what it holds from the definition first; only stacks in ${DECOMMISSIONED_DIR}/ can be confirmed destroyed`);
    if (!parked.includes(stack))
      throw new CliError(
        `--destroyed ${stack}: no such decommissioned stack`,
        parked.length > 0 ? `name one of ${parked.join(', ')}` : `nothing is waiting in ${DECOMMISSIONED_DIR}/; \`${commandLine(config, 'synth')}\` parks the stack of a removed cluster or link there`,
      );
  }
}

/**
 * Writes the staged synthesis into the project (outputs, then lock files), forgets the stacks confirmed destroyed,
 * and returns the summary lines, in the order the one-process synth has always printed them.
 */
export function commitStaged(staged: StagedSynth, platform: LoadedPlatform, config: ResolvedConfig, cwd: string, destroyed: readonly string[], log: (message: string) => void): string[] {
  const shown = (path: string) => relative(cwd, path) || '.';
  const lines: string[] = [];
  let tf: TerraformSynthResult | undefined;
  let k8s: ManifestSynthResult | undefined;
  if (staged.terraform) tf = commitTerraform(staged.terraform, staged.terraform.outdir);
  if (staged.manifests) k8s = commitManifests(platform, staged.manifests.dir, staged.manifests.outdir, staged.manifests.reused);
  writeLockFileChanges(staged.locks.changes, [], () => undefined);
  if (staged.terraform && tf) {
    const outdir = staged.terraform.outdir;
    for (const stack of destroyed) rmSync(join(outdir, DECOMMISSIONED_DIR, stack), { recursive: true, force: true });
    const names = Object.keys(tf.stacks);
    const total = Object.values(tf.stacks).reduce((a, b) => a + b, 0);
    lines.push(`terraform: ${names.length} stacks, ${total} resources in ${shown(outdir)}/stacks/ (state: ${staged.terraform.state})`);
    for (const name of names) lines.push(`  ${name.padEnd(Math.max(...names.map((n) => n.length)))}  ${tf.stacks[name]} resource${tf.stacks[name] === 1 ? '' : 's'}`);
    for (const stack of destroyed) lines.push(`  - forgot ${shown(outdir)}/${DECOMMISSIONED_DIR}/${stack}/ (confirmed destroyed)`);
    for (const stack of decommissionedStacks(outdir)) {
      const newly = tf.removed.includes(join('stacks', stack));
      lines.push(
        `  - ${newly ? 'moved' : 'kept'} ${shown(outdir)}/${DECOMMISSIONED_DIR}/${stack}/: the stack is no longer defined, but its resources stay deployed until destroyed: ` +
          `\`terraform -chdir=${shown(outdir)}/${DECOMMISSIONED_DIR}/${stack} init && terraform -chdir=${shown(outdir)}/${DECOMMISSIONED_DIR}/${stack} destroy\`, then \`${commandLine(config, `synth --destroyed ${stack}`)}\``,
      );
    }
  }
  if (staged.manifests && k8s) {
    const outdir = staged.manifests.outdir;
    const clusters = Object.keys(k8s.clusters);
    const files = Object.values(k8s.clusters).reduce((a, b) => a + b.length, 0);
    lines.push(`manifests: ${clusters.length} clusters, ${files} files in ${shown(outdir)}/ (${k8s.changed.length} written, ${files - k8s.changed.length} unchanged)`);
    for (const cluster of clusters) lines.push(`  ${cluster}/  ${k8s.clusters[cluster].join(', ')}`);
    for (const file of k8s.removed) lines.push(`  - removed ${shown(outdir)}/${file}`);
  }
  const incremental = incrementalLine(staged);
  if (incremental) lines.push(incremental);
  for (const notice of staged.locks.notices) log(notice);
  return lines;
}

/** What an incremental synth reused, e.g. `incremental: 2 of 71 stacks and 1 of 20 clusters synthesized, the rest unchanged`. */
function incrementalLine(staged: StagedSynth): string | undefined {
  const parts: string[] = [];
  if (staged.terraform?.cache) {
    const all = Object.keys(staged.terraform.stacks).length;
    parts.push(`${all - (staged.terraform.reused ?? []).length} of ${all} stacks`);
  }
  if (staged.manifests?.cache) {
    const clusters = Object.keys(staged.manifests.cache);
    const reused = new Set(staged.manifests.reused ?? []);
    const kept = clusters.filter((c) => Object.keys(staged.manifests!.cache![c].files).some((f) => reused.has(f))).length;
    parts.push(`${clusters.length - kept} of ${clusters.length} clusters`);
  }
  return parts.length > 0 ? `incremental: ${parts.join(' and ')} synthesized, the rest unchanged since the last synth (${CACHE_DIR}/)` : undefined;
}

/** synth's options, shared with the parallel synth that parses the same command line. */
export const SYNTH_OPTIONS = { only: { type: 'string' }, config: { type: 'string' }, destroyed: { type: 'string', multiple: true }, 'no-cache': { type: 'boolean' } } as const;

/** The closing lines about the lock files: what this synth recorded. */
export function lockSummary(platform: LoadedPlatform, config: ResolvedConfig, shown: (path: string) => string): string[] {
  const lines: string[] = [];
  const recorded = platform.recorded.length;
  lines.push(recorded > 0 ? `ip plan: ${recorded} new range(s) recorded in ${shown(config.lockFile)}; review and commit it` : `ip plan: no new ranges (${platform.ipPlan.allocations.length} recorded in ${shown(config.lockFile)})`);
  const newTenants = platform.recordedTenants.length;
  if (newTenants > 0) lines.push(`tenant states: ${newTenants} new tenant(s) recorded in ${shown(platform.tenantStatesFile)}; review and commit it`);
  return lines;
}
