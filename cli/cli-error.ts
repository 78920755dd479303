import { formatValue, ValidationError } from '../lib/domain/validation-error';

/** A problem with how the CLI was called or configured: printed as one line and its fix, never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** What to do about it. */
    public readonly fix?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The lines printed for an error: each validation issue on its own line (place, field, value, problem, fix),
 * a CLI error with its fix, anything else as its message. A stack trace only with GKE_PLATFORM_DEBUG=1.
 */
export function errorLines(command: string, error: unknown): string[] {
  const prefix = `gke-platform ${command}:`;
  if (error instanceof ValidationError) {
    const count = error.issues.length;
    return [`${prefix} ${count} problem${count === 1 ? '' : 's'} in the platform definition:`, ...error.issues.map((i) => `  - ${i.path}: ${i.field} ${formatValue(i.value)} ${i.problem}; ${i.fix}`)];
  }
  if (error instanceof CliError) return [`${prefix} ${error.message}`, ...(error.fix ? [`  fix: ${error.fix}`] : [])];
  const e = error as Error;
  return [`${prefix} ${e?.message ?? String(error)}`, ...(process.env.GKE_PLATFORM_DEBUG === '1' && e?.stack ? [e.stack] : ['  (set GKE_PLATFORM_DEBUG=1 for a stack trace)'])];
}
