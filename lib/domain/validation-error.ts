/**
 * One error class for every validation failure in the library, pure and construct-side alike.
 * Each issue names where (a construct path or a definition path), the field, the bad value,
 * the rule it breaks and the fix, so the message alone tells a user what to change.
 */
export interface ValidationIssue {
  /** Construct path (`prod-usc1/Cluster`) or definition path (`clusters[prod-usc1]`). */
  readonly path: string;
  /** The field that holds the bad value, e.g. `maxPodsPerNode`. */
  readonly field: string;
  /** The bad value as the user wrote it. */
  readonly value: unknown;
  /** What is wrong, e.g. `must be between 8 and 256`. */
  readonly problem: string;
  /** What to do about it, e.g. `use /15 or lower maxPodsPerNode`. */
  readonly fix: string;
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  // JSON would show NaN and Infinity as null, hiding the real mistake.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  } catch {
    return String(value);
  }
}

export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path}: ${issue.field} ${formatValue(issue.value)} ${issue.problem}; ${issue.fix}`;
}

/** The one error for invalid input: every issue at once, each naming place, field, value, rule and fix. */
export class ValidationError extends Error {
  public readonly issues: readonly ValidationIssue[];

  constructor(issues: ValidationIssue | readonly ValidationIssue[]) {
    const list = Array.isArray(issues) ? (issues as readonly ValidationIssue[]) : [issues as ValidationIssue];
    super(list.length === 1 ? formatIssue(list[0]) : `${list.length} validation errors:\n${list.map((i) => `- ${formatIssue(i)}`).join('\n')}`);
    this.name = 'ValidationError';
    this.issues = list;
  }
}

/** Collects issues and throws them together, so a user fixes every mistake in one round. */
export class IssueCollector {
  private readonly collected: ValidationIssue[] = [];

  public add(issue: ValidationIssue): void {
    this.collected.push(issue);
  }

  public get issues(): readonly ValidationIssue[] {
    return this.collected;
  }

  public throwIfAny(): void {
    if (this.collected.length > 0) throw new ValidationError(this.collected);
  }
}
