import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'fs';
import { join, resolve } from 'path';
import { ClusterFolders, readClusterFolders } from '../../lib/report/cluster-folders';

/** One synthesized platform (or example app) that the judges read. */
export interface Target {
  /** `bundled-example` or the example's folder name. */
  readonly name: string;
  /** Where its `cdktf.out/` and `dist/` were written. */
  readonly dir: string;
  /** The platform module (exports `platform` and `lockFile`), when the target has a platform definition. */
  readonly platformModule?: string;
}

const ROOT = resolve(__dirname, '..', '..');

/** The platform this repository's own configuration (package.json `gkePlatform`) points at: the bundled example. */
function bundledDefinition(): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).gkePlatform as { definition: string };
  return join(ROOT, config.definition);
}

/**
 * Synthesizes the bundled example (`npm run synth`, through this repository's configuration) and every app under
 * `examples/` (`examples/<name>/main.ts`) into `<workDir>/<name>/`, exactly as their users run them, with only the
 * output folders redirected.
 */
export function synthesizeTargets(workDir: string, log: (line: string) => void): Target[] {
  const targets: Target[] = [{ name: 'bundled-example', dir: join(workDir, 'bundled-example'), platformModule: bundledDefinition() }];
  for (const entry of readdirSync(join(ROOT, 'examples'), { withFileTypes: true })) {
    if (!entry.isDirectory() || !existsSync(join(ROOT, 'examples', entry.name, 'main.ts'))) continue;
    const platformModule = join(ROOT, 'examples', entry.name, 'platform.ts');
    targets.push({ name: entry.name, dir: join(workDir, entry.name), platformModule: existsSync(platformModule) ? platformModule : undefined });
  }
  for (const target of targets) {
    rmSync(target.dir, { recursive: true, force: true });
    mkdirSync(target.dir, { recursive: true });
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: join(target.dir, 'cdktf.out'), CDK8S_OUTDIR: join(target.dir, 'dist') };
    const command = target.name === 'bundled-example' ? ['npm', ['run', '--silent', 'synth']] : ['npx', ['tsx', join('examples', target.name, 'main.ts')]];
    log(`synthesizing ${target.name}`);
    const run = spawnSync(command[0] as string, command[1] as string[], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`synthesizing ${target.name} failed (exit ${run.status}):\n${run.stderr || run.stdout}`);
  }
  return targets;
}

/** Each stack's `cdk.tf.json` of a target, by stack name. */
export function stacksOf(target: Target): { stack: string; file: string }[] {
  const stacksDir = join(target.dir, 'cdktf.out', 'stacks');
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir)
    .filter((stack) => existsSync(join(stacksDir, stack, 'cdk.tf.json')))
    .sort()
    .map((stack) => ({ stack, file: join(stacksDir, stack, 'cdk.tf.json') }));
}

/** Each cluster of a target's `dist/`, with every object of every stage folder, and the stages themselves. */
export function clustersOf(target: Target): (ClusterFolders & { objects: any[] })[] {
  return readClusterFolders(join(target.dir, 'dist')).map((cluster) => ({ ...cluster, objects: cluster.stages.flatMap((s) => [...s.objects]) }));
}
