import { ValidationIssue } from '../validation-error';

/** How Config Sync authenticates to the repository (Config Sync's `secretType`). */
export type GitAuth =
  | {
      /** A public repository: Config Sync reads it without credentials. */
      readonly type: 'none';
    }
  | {
      /**
       * A `git-creds` Secret in config-management-system holding an SSH key (`ssh`) or a username and token
       * (`token`); created outside Terraform, so the credential is never in state.
       */
      readonly type: 'ssh' | 'token';
    }
  | {
      /** Secure Source Manager / Cloud Source Repositories, read through Workload Identity: no Secret at all. */
      readonly type: 'gcpserviceaccount';
      /** The Google service account Config Sync's reconciler impersonates; it needs read access to the repository. */
      readonly serviceAccountEmail: string;
    };

/** A folder of a Git repository that Config Sync applies to one cluster. */
export interface GitSource {
  /** Repository URL: `https://...` or `git@host:org/repo.git` / `ssh://...`. */
  readonly url: string;
  /** @default 'main' */
  readonly branch?: string;
  /** Folder holding this cluster's manifests, e.g. `dist/prod-usc1`. */
  readonly directory: string;
  /** Tag or commit to pin. @default 'HEAD' (the tip of `branch`) */
  readonly revision?: string;
  /** @default { type: 'none' } */
  readonly auth?: GitAuth;
  /** Seconds between syncs. @default 15 (Config Sync's default) */
  readonly syncWaitSeconds?: number;
}

/** The branch Config Sync follows when the source names none. */
export const DEFAULT_GIT_BRANCH = 'main';
/** Seconds between Config Sync's syncs: Config Sync's own default. */
export const DEFAULT_SYNC_WAIT_SECONDS = 15;

const GIT_URL = /^(https:\/\/[^\s]+|ssh:\/\/[^\s]+|[a-zA-Z0-9._-]+@[a-zA-Z0-9.-]+:[^\s]+)$/;
const SERVICE_ACCOUNT_EMAIL = /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;

/** Checks a Git source; `path` is the construct path used in messages. */
export function validateGitSource(path: string, source: GitSource): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!GIT_URL.test(source.url)) {
    issues.push({ path, field: 'repository.url', value: source.url, problem: 'is not an https://, ssh:// or git@host: repository URL', fix: 'give the clone URL of the repository holding the manifests' });
  } else if (source.url.startsWith('http://')) {
    issues.push({ path, field: 'repository.url', value: source.url, problem: 'is plain HTTP', fix: 'use https://' });
  }
  const ssh = !source.url.startsWith('https://');
  const auth = source.auth?.type ?? 'none';
  if (ssh && auth !== 'ssh') {
    issues.push({ path, field: 'repository.auth', value: auth, problem: 'does not fit an SSH URL', fix: "use auth { type: 'ssh' } with a git-creds Secret, or an https:// URL" });
  }
  if (!ssh && auth === 'ssh') {
    issues.push({ path, field: 'repository.auth', value: auth, problem: 'needs an SSH URL', fix: 'use a git@host:org/repo.git or ssh:// URL' });
  }
  if (source.auth?.type === 'gcpserviceaccount' && !SERVICE_ACCOUNT_EMAIL.test(source.auth.serviceAccountEmail)) {
    issues.push({ path, field: 'repository.auth.serviceAccountEmail', value: source.auth.serviceAccountEmail, problem: 'is not a Google service account email', fix: 'use NAME@PROJECT.iam.gserviceaccount.com' });
  }
  if (source.directory.startsWith('/') || source.directory.split('/').includes('..') || source.directory.trim() === '') {
    issues.push({ path, field: 'repository.directory', value: source.directory, problem: 'must be a relative folder inside the repository', fix: 'use a path such as dist/prod-usc1' });
  }
  if (source.syncWaitSeconds !== undefined && (!Number.isInteger(source.syncWaitSeconds) || source.syncWaitSeconds < 1)) {
    issues.push({ path, field: 'repository.syncWaitSeconds', value: source.syncWaitSeconds, problem: 'must be a whole number of seconds, at least 1', fix: 'use 15 (the default) or more' });
  }
  return issues;
}
