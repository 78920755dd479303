/**
 * `gke-platform synth` as a process runs its two sides in two child processes at once: the Terraform side
 * (cdktf) and the manifests side (cdk8s) share nothing but the definition and the lock files, and each is
 * single-threaded, so on two cores the synth takes about as long as the slower side instead of the sum.
 * The Terraform child records new ranges and tenants; the manifests child resolves the same plan without
 * writing (placement is deterministic, and lock files are replaced atomically). When both have written, this
 * process judges the connectivity intents on the output, as the one-process synth does. In-process callers of
 * `runCli` (tests, scripts) run the sides one after the other.
 */
import { spawn } from 'child_process';
import { errorLines } from './cli-error';
import { CliContext, parseCommandArgs } from './command';
import { reportFailures, verificationSummary, verifyConfigured } from './commands/verify';
import { loadConfig } from './config';
import { loadConfiguredPlatform } from './platform-source';
import { synthPartNodeArgs } from './synth-part-flags';

/** Set in the manifests child: resolve without recording, and leave the lock summary to the Terraform child. */
export const SYNTH_PART_ENV = 'GKE_PLATFORM_SYNTH_PART';
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

function runPart(entry: string, argv: readonly string[], part: 'terraform' | 'manifests'): Promise<PartResult> {
  return new Promise((resolve) => {
    // The heap flag keeps cdktf's garbage from tripling peak memory (synth-part-flags.ts).
    const child = spawn(process.execPath, [...synthPartNodeArgs(process.execArgv), entry, 'synth', '--only', part, ...argv.slice(1)], {
      env: { ...process.env, [SYNTH_PART_ENV]: part },
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

/** Runs both sides at once and prints their summaries in the usual order: Terraform, then manifests. */
export async function runParallelSynth(entry: string, argv: readonly string[]): Promise<number> {
  const [terraform, manifests] = await Promise.all([runPart(entry, argv, 'terraform'), runPart(entry, argv, 'manifests')]);
  // The Terraform child reports validation errors once; the manifests child would repeat them.
  const failedTogether = terraform.code !== 0 && manifests.code !== 0;
  process.stderr.write(terraform.stderr + (failedTogether ? '' : manifests.stderr));
  // The lock summary (the Terraform child's last lines) closes the report, as in a one-process synth.
  const isLockLine = (line: string) => line.startsWith('ip plan:') || line.startsWith('tenant states:');
  const lines = terraform.stdout.split('\n').filter((l) => l !== '');
  const summary = [...lines.filter((l) => !isLockLine(l)), ...manifests.stdout.split('\n').filter((l) => l !== ''), ...lines.filter(isLockLine)];
  if (terraform.code !== 0 || manifests.code !== 0) {
    process.stdout.write(summary.length > 0 ? `${summary.join('\n')}\n` : '');
    return terraform.code !== 0 ? terraform.code : manifests.code;
  }
  const context: CliContext = { cwd: process.cwd(), env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  try {
    const { values } = parseCommandArgs('synth', argv.slice(1), { only: { type: 'string' }, config: { type: 'string' } });
    const config = loadConfig(context.cwd, values.config);
    // The Terraform child recorded what was new: resolving again without writing gives the same plan.
    const configured = loadConfiguredPlatform(config, { frozen: false, record: false, log: () => undefined });
    const result = verifyConfigured(config, configured, context.env);
    summary.push(`connectivity: ${verificationSummary(result)}`);
    process.stdout.write(`${summary.join('\n')}\n`);
    return reportFailures('synth', result, context) ? 1 : 0;
  } catch (error) {
    process.stdout.write(`${summary.join('\n')}\n`);
    context.err(`${errorLines('synth', error).join('\n')}\n`);
    return 1;
  }
}
