/**
 * `gke-platform synth` as a process runs its two sides in two child processes at once: the Terraform side
 * (cdktf) and the manifests side (cdk8s) share nothing but the definition and the lock files, and each is
 * single-threaded, so on two cores the synth takes about as long as the slower side instead of the sum.
 * Each child stages its side in a scratch folder and hands it over (a JSON file naming the folder, and from the
 * Terraform child the lock files' new contents); the manifests child resolves the same plan without recording
 * (placement is deterministic). When both have staged, this process judges the connectivity intents on the
 * scratch output, as the one-process synth does, and only then writes the output folders and the lock files: a
 * failure anywhere writes nothing. In-process callers of `runCli` (tests, scripts) run the sides one after the other.
 */
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { errorLines } from './cli-error';
import { CliContext, parseCommandArgs } from './command';
import { reportFailures, verificationSummary, verifyStaged } from './commands/verify';
import { loadConfig } from './config';
import { loadConfiguredPlatform } from './platform-source';
import { synthPartNodeArgs } from './synth-part-flags';
import { commitStaged, discardStaged, lockSummary, StagedSynth, SYNTH_OPTIONS } from './synth-stage';
import { phase } from '../lib/report/phase-timing';
import { recordCommittedSynth, synthCacheMode, verifyCacheFor } from './incremental/synth-reuse';

/** Set in the manifests child: resolve without recording, and leave the lock summary to the Terraform child. */
export const SYNTH_PART_ENV = 'GKE_PLATFORM_SYNTH_PART';
/** Set in each child: the file it writes its staged side to (StagedSynth as JSON) instead of committing. */
export const SYNTH_STAGE_FILE_ENV = 'GKE_PLATFORM_SYNTH_STAGE_FILE';
/** Set to 1 to run the two sides one after the other in one process. */
export const SEQUENTIAL_ENV = 'GKE_PLATFORM_SEQUENTIAL';

/** Whether this invocation is a whole synth that the executable splits in two processes. */
export function isParallelSynth(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv[0] === 'synth' && env[SEQUENTIAL_ENV] !== '1' && env[SYNTH_PART_ENV] === undefined && !argv.some((a) => a === '--only' || a.startsWith('--only=') || a === '-h' || a === '--help');
}

interface PartResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runPart(entry: string, argv: readonly string[], part: 'terraform' | 'manifests', stageFile: string): Promise<PartResult> {
  return new Promise((resolve) => {
    // The heap flag keeps cdktf's garbage from tripling peak memory (synth-part-flags.ts).
    const child = spawn(process.execPath, [...synthPartNodeArgs(process.execArgv), entry, 'synth', '--only', part, ...argv.slice(1)], {
      env: { ...process.env, [SYNTH_PART_ENV]: part, [SYNTH_STAGE_FILE_ENV]: stageFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ code: 1, stdout, stderr: `${stderr}gke-platform synth: could not start the ${part} process: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr }));
  });
}

/** Runs both sides at once, then verifies and commits both, printing the summaries in the usual order. */
export async function runParallelSynth(entry: string, argv: readonly string[]): Promise<number> {
  const handover = mkdtempSync(join(tmpdir(), 'gke-platform-synth-'));
  const stageFiles = { terraform: join(handover, 'terraform.json'), manifests: join(handover, 'manifests.json') };
  const [terraform, manifests] = await Promise.all([runPart(entry, argv, 'terraform', stageFiles.terraform), runPart(entry, argv, 'manifests', stageFiles.manifests)]);
  const readStaged = (file: string): StagedSynth | undefined => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as StagedSynth;
    } catch {
      return undefined;
    }
  };
  const tfStaged = readStaged(stageFiles.terraform);
  const k8sStaged = readStaged(stageFiles.manifests);
  rmSync(handover, { recursive: true, force: true });
  // The Terraform child reports validation errors once; the manifests child would repeat them.
  const failedTogether = terraform.code !== 0 && manifests.code !== 0;
  process.stderr.write(terraform.stderr + (failedTogether ? '' : manifests.stderr));
  const context: CliContext = { cwd: process.cwd(), env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  // The lock files' changes are worked out again below, by this process, from the same definition.
  const staged: StagedSynth = { terraform: tfStaged?.terraform, manifests: k8sStaged?.manifests, locks: { changes: [], notices: [] } };
  if (terraform.code !== 0 || manifests.code !== 0 || !staged.terraform || !staged.manifests) {
    discardStaged(staged);
    if (terraform.code === 0 && manifests.code === 0) context.err('gke-platform synth: a synth process ended without handing over its output\n');
    context.err('gke-platform synth: nothing written (the output folders and lock files are as they were)\n');
    return terraform.code !== 0 ? terraform.code : manifests.code !== 0 ? manifests.code : 1;
  }
  try {
    const { values } = parseCommandArgs('synth', argv.slice(1), SYNTH_OPTIONS);
    const config = loadConfig(context.cwd, values.config);
    // Resolving again gives the plan the children staged (placement is deterministic), with what is new to record.
    const frozen = context.env.CI === 'true';
    const configured = phase('define', () => loadConfiguredPlatform(config, { frozen, record: !frozen, deferWrites: true, log: () => undefined }));
    const { terraform: tf, manifests: k8s } = staged;
    const cacheMode = synthCacheMode(context.env, values['no-cache'] === true);
    const result = phase('verify', () => verifyStaged(configured, { terraform: tf, manifests: k8s }, verifyCacheFor(config, staged, cacheMode)));
    if (result.failures.length > 0) {
      discardStaged(staged);
      process.stdout.write(`connectivity: ${verificationSummary(result)}\n`);
      reportFailures('synth', result, context);
      context.err('gke-platform synth: nothing written (the output folders and lock files are as they were)\n');
      return 1;
    }
    const shown = (path: string) => relative(context.cwd, path) || '.';
    const lines = phase('write', () => {
      const summary = commitStaged({ ...staged, locks: configured.pendingLocks }, configured.platform, config, context.cwd, values.destroyed ?? [], (m) => context.err(`${m}\n`));
      recordCommittedSynth(config, staged, cacheMode);
      return summary;
    });
    lines.push(...lockSummary(configured.platform, config, shown), `connectivity: ${verificationSummary(result)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    discardStaged(staged);
    context.err(`${errorLines('synth', error).join('\n')}\n`);
    return 1;
  }
}
