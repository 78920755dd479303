import { errorLines } from './cli-error';
import { CliContext, Command } from './command';
import { atlantisCommand } from './commands/atlantis';
import { diffCommand } from './commands/diff';
import { initCommand } from './commands/init';
import { planCommand } from './commands/plan';
import { reportCommand } from './commands/report';
import { synthCommand } from './commands/synth';
import { verifyCommand } from './commands/verify';
import { isParallelSynth, runParallelSynth } from './parallel-synth';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [initCommand, planCommand, synthCommand, verifyCommand, reportCommand, diffCommand, atlantisCommand];

export const HELP = `usage: gke-platform <command> [options]

A multi-tenant GKE platform from one typed definition: its IP plan, Terraform stacks and per-cluster manifests.
Every command reads the project's configuration (package.json's "gkePlatform" field, written by init, or
--config FILE) and never a bundled example.

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run \`gke-platform <command> --help\` for a command's options.`;

/** The process's own context. */
export function processContext(): CliContext {
  return { cwd: process.cwd(), env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
}

/**
 * Runs the CLI and returns its exit code: 0, or 1 with every problem on its own line (no stack trace).
 */
export function runCli(argv: readonly string[], context: CliContext = processContext()): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.out(`${HELP}\n`);
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    context.err(`gke-platform: unknown command ${JSON.stringify(name)}\n  fix: use one of ${COMMANDS.map((c) => c.name).join(', ')} (gke-platform --help)\n`);
    return 1;
  }
  try {
    return command.run(rest, context);
  } catch (error) {
    context.err(`${errorLines(command.name, error).join('\n')}\n`);
    return 1;
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (isParallelSynth(argv, process.env)) void runParallelSynth(__filename, argv).then((code) => (process.exitCode = code));
  else process.exitCode = runCli(argv);
}
