import { parseArgs, ParseArgsConfig } from 'util';
import { CliError } from './cli-error';

/** Where a command runs and writes: injectable so tests run commands in-process. */
export interface CliContext {
  /** Folder the command runs in: where the configuration is looked for and relative paths start. */
  readonly cwd: string;
  /** Environment read by the command (CI, CDKTF_OUTDIR, CDK8S_OUTDIR, TF_STATE_BUCKET). */
  readonly env: NodeJS.ProcessEnv;
  /** Writes to standard output (results: tables, JSON, paths). */
  readonly out: (text: string) => void;
  /** Writes to standard error (notices, errors and their fixes). */
  readonly err: (text: string) => void;
}

/** One subcommand: its help text and what it does; returns the exit code. */
export interface Command {
  /** The subcommand as typed, e.g. `plan`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  run(argv: readonly string[], context: CliContext): number;
}

type Options = NonNullable<ParseArgsConfig['options']>;

type HelpOption = { help: { type: 'boolean'; short: 'h' } };
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & HelpOption; allowPositionals: boolean; strict: true }>>;

/** Parses a command's arguments strictly; `--help` is always accepted. */
export function parseCommandArgs<O extends Options>(command: string, argv: readonly string[], options: O, allowPositionals = false): Parsed<O> {
  const help: HelpOption = { help: { type: 'boolean', short: 'h' } };
  try {
    return parseArgs({ args: [...argv], options: { ...options, ...help }, allowPositionals, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message, `see \`gke-platform ${command} --help\``);
  }
}
