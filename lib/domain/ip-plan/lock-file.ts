import { ValidationError, ValidationIssue } from '../validation-error';

/**
 * The committed record of every allocation. Synthesis reads it; an allocation recorded here never
 * moves. Entries leave only through `releaseAllocations`, never because a definition line was deleted.
 */
export interface LockFile {
  /** Format version of the file; only 1 exists (LOCK_FILE_VERSION). */
  readonly version: 1;
  /** Every recorded range by allocation name, e.g. `gcp/us-central1/prod-usc1/pods`. */
  readonly allocations: Readonly<Record<string, LockedAllocation>>;
}

/** One recorded range of the lock file. */
export interface LockedAllocation {
  /** The recorded range; it never moves, and stays reserved until its name is released. */
  readonly cidr: string;
  /** The pool it was drawn from; it must still contain the range. */
  readonly pool: string;
}

const LOCK_FILE_VERSION = 1;
const LOCK_FILE_COMMENT = 'Managed by the gke-platform IP plan: `plan --write` records new ranges, which never move; only `plan --release <name>` frees one.';

/** Parses and shape-checks a lock file; range conflicts are checked when the plan resolves. */
export function parseLockFile(text: string, source: string): LockFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw lockError(source, 'contents', text.slice(0, 40), `is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(data)) throw lockError(source, 'contents', data, 'is not a JSON object');
  // JSON.parse keeps the last of two equal keys silently: a merge that doubled an entry would hide a range.
  const duplicates = findDuplicateKeys(text);
  if (duplicates.length > 0) {
    throw new ValidationError(
      duplicates.map((d) => ({
        path: `${source}#${d.path}`,
        field: 'key',
        value: d.key,
        problem: 'appears twice in the same object (a bad merge?); JSON keeps only the last',
        fix: 'keep one entry (the one the recorded infrastructure uses), or restore the file from version control',
      })),
    );
  }
  if (data.version !== LOCK_FILE_VERSION) {
    throw lockError(source, 'version', data.version, `is not ${LOCK_FILE_VERSION}`, 'regenerate the file with a matching gke-platform-cdk version');
  }
  if (!isRecord(data.allocations)) throw lockError(source, 'allocations', data.allocations, 'is not an object of name to {cidr, pool}');
  const issues: ValidationIssue[] = [];
  const allocations: Record<string, LockedAllocation> = {};
  for (const [name, entry] of Object.entries(data.allocations)) {
    if (!isRecord(entry) || typeof entry.cidr !== 'string' || typeof entry.pool !== 'string') {
      issues.push({ path: `${source}#${name}`, field: 'entry', value: entry, problem: 'is not of the form {"cidr": "a.b.c.d/p", "pool": "<pool name>"}', fix: 'restore the entry from version control' });
      continue;
    }
    allocations[name] = { cidr: entry.cidr, pool: entry.pool };
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { version: LOCK_FILE_VERSION, allocations };
}

/** Stable text: names sorted, two-space indent, trailing newline, so diffs show only real changes. */
export function serializeLockFile(lock: LockFile): string {
  const sorted: Record<string, LockedAllocation> = {};
  for (const name of Object.keys(lock.allocations).sort()) {
    const { cidr, pool } = lock.allocations[name];
    sorted[name] = { cidr, pool };
  }
  return `${JSON.stringify({ $comment: LOCK_FILE_COMMENT, version: lock.version, allocations: sorted }, null, 2)}\n`;
}

/** Frees recorded ranges: the one deliberate way an allocation leaves the plan. */
export function releaseAllocations(lock: LockFile, names: readonly string[], source = 'lock file'): LockFile {
  const unknown = names.filter((name) => !(name in lock.allocations));
  if (unknown.length > 0) {
    throw lockError(source, 'release', unknown, 'names allocations that are not recorded', `pick names from the lock file, e.g. ${Object.keys(lock.allocations).sort().slice(0, 3).join(', ') || '(it is empty)'}`);
  }
  const allocations = { ...lock.allocations };
  for (const name of names) delete allocations[name];
  return { version: lock.version, allocations };
}

function lockError(source: string, field: string, value: unknown, problem: string, fix = 'restore the file from version control, or delete it to start a new plan'): ValidationError {
  return new ValidationError({ path: source, field, value, problem, fix });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that appear twice in one object of a JSON text, with the path of the object (`allocations`). */
function findDuplicateKeys(text: string): { readonly path: string; readonly key: string }[] {
  const found: { path: string; key: string }[] = [];
  const stack: { keys: Set<string> | undefined; name: string }[] = [];
  let pendingKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          value += text.slice(j, j + 2);
          j += 2;
        } else value += text[j++];
      }
      i = j;
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k])) k++;
      const top = stack[stack.length - 1];
      if (text[k] === ':' && top?.keys) {
        const path = stack
          .map((s) => s.name)
          .filter(Boolean)
          .join('.');
        if (top.keys.has(value)) found.push({ path: path || '(top level)', key: value });
        top.keys.add(value);
        pendingKey = value;
      }
    } else if (c === '{' || c === '[') {
      stack.push({ keys: c === '{' ? new Set() : undefined, name: pendingKey ?? '' });
      pendingKey = undefined;
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      pendingKey = undefined;
    }
  }
  return found;
}
