/**
 * The platform's two committed lock files on disk: the IP plan lock (lib/domain/ip-plan/lock-file.ts) and the
 * tenant-states lock beside it (lib/domain/platform/tenant-states.ts). The domain parses and serializes their
 * contents; this module is the only code that reads or writes them.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { LockFile, parseLockFile, serializeLockFile } from '../domain/ip-plan/lock-file';
import { parseTenantStatesLock, serializeTenantStatesLock, TENANT_STATES_LOCK_FILE, TenantStatesLock } from '../domain/platform/tenant-states';

/** A lock file's text, or undefined when there is none yet. */
export function readLockText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Replaces a lock file's text whole: write a temporary file, then rename it over the old one. */
export function writeLockText(path: string, text: string): void {
  // A reader in another process (the parallel synth's other half) never sees half a file.
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** The tenant-states lock's path for an IP plan lock file: the same folder. */
export function tenantStatesLockPath(ipPlanLockFile: string): string {
  return join(dirname(ipPlanLockFile), TENANT_STATES_LOCK_FILE);
}

/** Reads and parses the IP plan lock file, or returns undefined when there is none yet. */
export function readLockFile(path: string): LockFile | undefined {
  const text = readLockText(path);
  return text === undefined ? undefined : parseLockFile(text, path);
}

/** Writes the IP plan lock file (a temporary file, then a rename). */
export function writeLockFile(path: string, lock: LockFile): void {
  writeLockText(path, serializeLockFile(lock));
}

/** Reads and parses the tenant-states lock, or returns undefined when there is none yet. */
export function readTenantStatesLock(path: string): TenantStatesLock | undefined {
  const text = readLockText(path);
  return text === undefined ? undefined : parseTenantStatesLock(text, path);
}

export function writeTenantStatesLock(path: string, lock: TenantStatesLock): void {
  writeLockText(path, serializeTenantStatesLock(lock));
}
