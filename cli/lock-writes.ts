import { writeLockText } from '../lib/platform/lock-files';

/** A lock file's new contents, written only once the whole command has succeeded. */
export interface LockFileChange {
  /** Path of the lock file. */
  readonly path: string;
  /** Its new text, as the domain serialized it. */
  readonly text: string;
}

/**
 * Writes each lock file whole (write, then rename: a reader in another process never sees half a file), then logs
 * the notices that say what was recorded. Commands call it last, so a failed command records nothing.
 */
export function writeLockFileChanges(changes: readonly LockFileChange[], notices: readonly string[], log: (message: string) => void): void {
  for (const change of changes) writeLockText(change.path, change.text);
  for (const notice of notices) log(notice);
}

/** Lock files a command will write once it has succeeded, and what to tell the user then. */
export interface PendingLocks {
  /** The lock files' new contents. */
  readonly changes: readonly LockFileChange[];
  /** Notices in order (what was recorded, orphaned ranges and tenants, expiring developer namespaces). */
  readonly notices: readonly string[];
}
