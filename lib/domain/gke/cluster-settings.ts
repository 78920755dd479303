/**
 * GKE cluster settings a regulated team sets per cluster (or once for the platform): Binary Authorization,
 * application-layer secrets encryption with a Cloud KMS key, maintenance windows and exclusions, security posture.
 * Types, defaults and rules only (no cdktf): the platform definition resolves and checks them with these, and
 * `GkeCluster` checks its props with the same functions, so a cluster built without the definition gets the same rules.
 */
import { ValidationIssue } from '../validation-error';
import { validateMaintenanceWindow } from './gke-rules';

/** A recurring window in which GKE may upgrade the cluster (`maintenance_policy.recurring_window`). */
export interface MaintenanceWindow {
  /** RFC 3339, e.g. `2025-01-04T02:00:00Z`; only the time of day and the duration matter. */
  readonly startTime: string;
  /** RFC 3339, at least 4 hours after `startTime` (GKE's minimum contiguous window); the gap is each window's length. */
  readonly endTime: string;
  /** RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=SA,SU`. */
  readonly recurrence: string;
}

/**
 * Saturday and Sunday 02:00-08:00 UTC: 6 h each, so GKE's 48 h of availability per 32 days is met with margin (the
 * date only anchors the time of day). Night-time in Europe, Friday/Saturday evening in the Americas.
 */
export const DEFAULT_MAINTENANCE_WINDOW: MaintenanceWindow = {
  startTime: '2025-01-04T02:00:00Z',
  endTime: '2025-01-04T08:00:00Z',
  recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU',
};

/** What a maintenance exclusion holds back (GKE's `MaintenanceExclusionOptions.Scope`). */
export const MAINTENANCE_EXCLUSION_SCOPES = ['NO_UPGRADES', 'NO_MINOR_UPGRADES', 'NO_MINOR_OR_NODE_UPGRADES'] as const;
/** `NO_UPGRADES`: nothing; `NO_MINOR_UPGRADES`: control-plane and node patches still apply; `NO_MINOR_OR_NODE_UPGRADES`: control-plane patches only. */
export type MaintenanceExclusionScope = (typeof MAINTENANCE_EXCLUSION_SCOPES)[number];
/** GKE's own default scope of an exclusion: no upgrades at all. */
export const DEFAULT_MAINTENANCE_EXCLUSION_SCOPE: MaintenanceExclusionScope = 'NO_UPGRADES';

/** A one-off period in which GKE must not upgrade the cluster (`maintenance_policy.maintenance_exclusion`), e.g. a year-end freeze. */
export interface MaintenanceExclusion {
  /** Name of the exclusion, unique per cluster, e.g. `year-end-freeze`. */
  readonly name: string;
  /** RFC 3339, e.g. `2026-12-15T00:00:00Z`. */
  readonly startTime: string;
  /** RFC 3339, after `startTime`: at most 30 days later for `NO_UPGRADES`, 180 days for the minor scopes (GKE's limits). */
  readonly endTime: string;
  /** What is held back. @default 'NO_UPGRADES' (DEFAULT_MAINTENANCE_EXCLUSION_SCOPE, GKE's default) */
  readonly scope?: MaintenanceExclusionScope;
}

/**
 * GKE's limits on exclusions (Maintenance windows and exclusions, GKE docs, as of 2025-12; the provider's
 * `maintenance_exclusion` takes at most 20): a cluster holds at most 20 exclusions, at most 3 of them of scope
 * `NO_UPGRADES`, each of those at most 30 days long; a minor-version scope at most 180 days (and GKE also refuses one
 * that ends after the cluster's minor version leaves standard support, which only GKE knows).
 */
export const MAINTENANCE_EXCLUSION_LIMITS = { maxExclusions: 20, maxNoUpgrades: 3, maxNoUpgradesDays: 30, maxMinorDays: 180 } as const;

/** How GKE evaluates images against Binary Authorization (`binary_authorization.evaluation_mode`). */
export const BINARY_AUTHORIZATION_MODES = ['DISABLED', 'PROJECT_SINGLETON_POLICY_ENFORCE'] as const;
/** `DISABLED`, or `PROJECT_SINGLETON_POLICY_ENFORCE`: admit only images the project's Binary Authorization policy allows. */
export type BinaryAuthorizationMode = (typeof BINARY_AUTHORIZATION_MODES)[number];
/**
 * Off, as GKE creates clusters: enforcing needs the project's policy (`google_binary_authorization_policy`, owned by
 * the security team: its default admits every image) and the Binary Authorization API, which the platform then enables.
 */
export const DEFAULT_BINARY_AUTHORIZATION_MODE: BinaryAuthorizationMode = 'DISABLED';

/** Binary Authorization of a cluster (`binary_authorization`). */
export interface BinaryAuthorizationSetting {
  /** `DISABLED`, or `PROJECT_SINGLETON_POLICY_ENFORCE`: admit only images the project's policy allows. */
  readonly evaluationMode: BinaryAuthorizationMode;
}

/** Application-layer secrets encryption of a cluster (`database_encryption`). */
export interface SecretsEncryptionSetting {
  /** The Cloud KMS crypto key, `projects/<p>/locations/<the cluster's region>/keyRings/<r>/cryptoKeys/<k>`. */
  readonly keyName: string;
}

/** Security posture dashboard mode (`security_posture_config.mode`). */
export const SECURITY_POSTURE_MODES = ['DISABLED', 'BASIC', 'ENTERPRISE'] as const;
/** Security posture dashboard mode. */
export type SecurityPostureMode = (typeof SECURITY_POSTURE_MODES)[number];
/** Workload vulnerability scanning (`security_posture_config.vulnerability_mode`). */
export const VULNERABILITY_MODES = ['VULNERABILITY_DISABLED', 'VULNERABILITY_BASIC', 'VULNERABILITY_ENTERPRISE'] as const;
/** Workload vulnerability scanning mode. */
export type VulnerabilityMode = (typeof VULNERABILITY_MODES)[number];

/** The security posture of a cluster. */
export interface SecurityPosture {
  /** @default 'BASIC' (DEFAULT_SECURITY_POSTURE.mode, GKE's default since 1.27) */
  readonly mode?: SecurityPostureMode;
  /** @default 'VULNERABILITY_DISABLED' (DEFAULT_SECURITY_POSTURE.vulnerabilityMode, GKE's default for Standard clusters) */
  readonly vulnerabilityMode?: VulnerabilityMode;
}

/**
 * GKE's own defaults for a Standard cluster, written out so Terraform restores them when someone turns posture off
 * in the console (the provider leaves an unset block unmanaged): the BASIC posture dashboard (configuration audit,
 * free), vulnerability scanning off (its standard tier is deprecated; ENTERPRISE needs GKE Enterprise).
 */
export const DEFAULT_SECURITY_POSTURE: Required<SecurityPosture> = { mode: 'BASIC', vulnerabilityMode: 'VULNERABILITY_DISABLED' };

/** The Cloud KMS role GKE's service agent needs on the key that encrypts the cluster's Secrets in etcd. */
export const KMS_ENCRYPTER_DECRYPTER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** The GKE service agent of a project, by project number (what encrypts and decrypts with the key). */
export function gkeServiceAgent(projectNumber: string): string {
  return `service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`;
}

const KMS_KEY_NAME = /^projects\/([a-z][-a-z0-9]{4,28}[a-z0-9])\/locations\/([a-z0-9-]+)\/keyRings\/([-_a-zA-Z0-9]{1,63})\/cryptoKeys\/([-_a-zA-Z0-9]{1,63})$/;

/** A Cloud KMS key's resource name for secrets encryption: its form, and its location the cluster's region (GKE requires it). */
export function validateKmsKeyName(path: string, field: string, keyName: string, region: string): ValidationIssue[] {
  const match = typeof keyName === 'string' ? KMS_KEY_NAME.exec(keyName) : null;
  if (!match) {
    return [
      {
        path,
        field,
        value: keyName,
        problem: 'is not a Cloud KMS crypto key resource name',
        fix: `use projects/<project>/locations/${region}/keyRings/<ring>/cryptoKeys/<key> (gcloud kms keys list --location ${region} --keyring <ring> --format="value(name)")`,
      },
    ];
  }
  if (match[2] !== region) {
    return [
      {
        path,
        field,
        value: keyName,
        problem: `is in location ${match[2]}, but the cluster is in ${region}: GKE encrypts Secrets only with a key of the cluster's own region`,
        fix: `use a key of a key ring in ${region}`,
      },
    ];
  }
  return [];
}

/** An exclusion's length in days, or undefined when either time does not parse. */
function exclusionDays(exclusion: MaintenanceExclusion): number | undefined {
  const start = Date.parse(exclusion.startTime);
  const end = Date.parse(exclusion.endTime);
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : (end - start) / 86_400_000;
}

/** Exclusions against GKE's rules: names, times, scopes, lengths and counts (MAINTENANCE_EXCLUSION_LIMITS). */
export function validateMaintenanceExclusions(path: string, field: string, exclusions: readonly MaintenanceExclusion[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const limits = MAINTENANCE_EXCLUSION_LIMITS;
  if (exclusions.length > limits.maxExclusions) {
    issues.push({
      path,
      field,
      value: exclusions.map((e) => e.name),
      problem: `holds ${exclusions.length} exclusions, but GKE takes at most ${limits.maxExclusions} per cluster`,
      fix: 'remove exclusions that have ended or merge adjacent ones',
    });
  }
  const seen = new Set<string>();
  for (const exclusion of exclusions) {
    const at = `${field}[${exclusion.name}]`;
    if (!/^[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?$/i.test(exclusion.name)) {
      issues.push({ path, field: `${at}.name`, value: exclusion.name, problem: 'is not a name of 1-63 letters, digits, "-", "_" or "."', fix: 'name it e.g. "year-end-freeze"' });
    }
    if (seen.has(exclusion.name)) issues.push({ path, field: `${at}.name`, value: exclusion.name, problem: 'is used by another exclusion of the cluster', fix: 'give each exclusion its own name' });
    seen.add(exclusion.name);
    const scope = exclusion.scope ?? DEFAULT_MAINTENANCE_EXCLUSION_SCOPE;
    if (!MAINTENANCE_EXCLUSION_SCOPES.includes(scope)) {
      issues.push({ path, field: `${at}.scope`, value: scope, problem: `is not one of ${MAINTENANCE_EXCLUSION_SCOPES.join(', ')}`, fix: 'use "NO_MINOR_UPGRADES" to keep patches flowing, or "NO_UPGRADES" for a short freeze' });
      continue;
    }
    for (const key of ['startTime', 'endTime'] as const) {
      if (Number.isNaN(Date.parse(exclusion[key]))) issues.push({ path, field: `${at}.${key}`, value: exclusion[key], problem: 'is not an RFC 3339 time', fix: 'use e.g. "2026-12-15T00:00:00Z"' });
    }
    const days = exclusionDays(exclusion);
    if (days === undefined) continue;
    const max = scope === 'NO_UPGRADES' ? limits.maxNoUpgradesDays : limits.maxMinorDays;
    if (days <= 0) {
      issues.push({ path, field: `${at}.endTime`, value: exclusion.endTime, problem: `is not after startTime ${exclusion.startTime}`, fix: 'end the exclusion after it starts' });
    } else if (days > max) {
      issues.push({
        path,
        field: `${at}.endTime`,
        value: exclusion.endTime,
        problem: `makes the ${scope} exclusion ${Math.round(days * 10) / 10} days long, but GKE allows at most ${max}`,
        fix: scope === 'NO_UPGRADES' ? `end it within ${max} days of startTime, or use scope "NO_MINOR_UPGRADES" (up to ${limits.maxMinorDays} days, patches still apply)` : `end it within ${max} days of startTime`,
      });
    }
  }
  const noUpgrades = exclusions.filter((e) => (e.scope ?? DEFAULT_MAINTENANCE_EXCLUSION_SCOPE) === 'NO_UPGRADES');
  if (noUpgrades.length > limits.maxNoUpgrades) {
    issues.push({
      path,
      field,
      value: noUpgrades.map((e) => e.name),
      problem: `holds ${noUpgrades.length} NO_UPGRADES exclusions, but GKE takes at most ${limits.maxNoUpgrades} per cluster`,
      fix: 'keep the freezes that matter, or give the others scope "NO_MINOR_UPGRADES"',
    });
  }
  return issues;
}

/** A window in the definition's field names (`<field>.startTime`, ...): GKE's minimum of 4 contiguous hours and an RRULE. */
export function validateMaintenanceWindowAt(path: string, field: string, window: MaintenanceWindow): ValidationIssue[] {
  return validateMaintenanceWindow(path, window.startTime, window.endTime, window.recurrence).map((issue) => ({ ...issue, field: issue.field.replace(/^maintenanceWindow/, field) }));
}

/** Binary Authorization and security posture values, for callers the compiler does not reach (JavaScript, JSON). */
export function validateEnumSettings(
  path: string,
  settings: { readonly binaryAuthorization?: BinaryAuthorizationMode; readonly securityPosture?: SecurityPosture },
  fields: { readonly binaryAuthorization: string; readonly securityPosture: string },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const mode = settings.binaryAuthorization;
  if (mode !== undefined && !BINARY_AUTHORIZATION_MODES.includes(mode)) {
    issues.push({ path, field: fields.binaryAuthorization, value: mode, problem: `is not one of ${BINARY_AUTHORIZATION_MODES.join(', ')}`, fix: 'use "PROJECT_SINGLETON_POLICY_ENFORCE" to enforce the project policy, or "DISABLED"' });
  }
  const posture = settings.securityPosture;
  if (posture?.mode !== undefined && !SECURITY_POSTURE_MODES.includes(posture.mode)) {
    issues.push({ path, field: `${fields.securityPosture}.mode`, value: posture.mode, problem: `is not one of ${SECURITY_POSTURE_MODES.join(', ')}`, fix: 'use "BASIC" (GKE\'s default) or "ENTERPRISE"' });
  }
  if (posture?.vulnerabilityMode !== undefined && !VULNERABILITY_MODES.includes(posture.vulnerabilityMode)) {
    issues.push({
      path,
      field: `${fields.securityPosture}.vulnerabilityMode`,
      value: posture.vulnerabilityMode,
      problem: `is not one of ${VULNERABILITY_MODES.join(', ')}`,
      fix: 'use "VULNERABILITY_DISABLED" or "VULNERABILITY_ENTERPRISE"',
    });
  }
  return issues;
}
