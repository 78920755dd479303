/**
 * A cluster's GKE settings resolved from its own fields over the platform's `clusterDefaults` over the library's
 * defaults, and checked where they are written (a bad platform default is reported once, at `clusterDefaults`).
 */
import type { IssueCollector } from '../validation-error';
import type { ClusterDefinition, ClusterSettingsDefinition, PlatformDefinition } from './platform-definition';
import {
  BinaryAuthorizationSetting,
  DEFAULT_BINARY_AUTHORIZATION_MODE,
  DEFAULT_MAINTENANCE_EXCLUSION_SCOPE,
  DEFAULT_MAINTENANCE_WINDOW,
  DEFAULT_SECURITY_POSTURE,
  MaintenanceExclusion,
  MaintenanceWindow,
  SecretsEncryptionSetting,
  SecurityPosture,
  validateEnumSettings,
  validateKmsKeyName,
  validateMaintenanceExclusions,
  validateMaintenanceWindowAt,
} from '../gke/cluster-settings';
import { DEFAULT_CLUSTER_RELEASE_CHANNEL } from './platform-defaults';

/** A cluster's GKE settings with every default applied (part of `ClusterPlan`). */
export interface ClusterSettingsPlan {
  /** The cluster's, else `clusterDefaults`', else 'REGULAR' (DEFAULT_CLUSTER_RELEASE_CHANNEL). */
  readonly releaseChannel: 'RAPID' | 'REGULAR' | 'STABLE';
  /** Binary Authorization evaluation mode: the cluster's, else `clusterDefaults`', else 'DISABLED'. */
  readonly binaryAuthorization: BinaryAuthorizationSetting;
  /** The Cloud KMS key of application-layer secrets encryption. @default undefined: Google-managed encryption */
  readonly secretsEncryption?: SecretsEncryptionSetting;
  /** The recurring window, and the platform's exclusions followed by the cluster's own (same name: the cluster's). */
  readonly maintenance: MaintenancePlan;
  /** Security posture, each mode from the cluster, else `clusterDefaults`, else DEFAULT_SECURITY_POSTURE. */
  readonly securityPosture: Required<SecurityPosture>;
}

/** A cluster's maintenance policy, resolved. */
export interface MaintenancePlan {
  /** The cluster's window, else `clusterDefaults`', else DEFAULT_MAINTENANCE_WINDOW. */
  readonly window: MaintenanceWindow;
  /** The platform's exclusions, then the cluster's (a cluster's of the same name replaces the platform's), each with its scope. */
  readonly exclusions: readonly Required<MaintenanceExclusion>[];
}

/** The cluster's settings over the platform's defaults over the library's. */
export function resolveClusterSettings(definition: PlatformDefinition, cluster: ClusterDefinition): ClusterSettingsPlan {
  const defaults = definition.clusterDefaults ?? {};
  const exclusions = new Map<string, MaintenanceExclusion>();
  for (const e of [...(defaults.maintenance?.exclusions ?? []), ...(cluster.maintenance?.exclusions ?? [])]) {
    exclusions.delete(e.name);
    exclusions.set(e.name, e);
  }
  return {
    releaseChannel: cluster.releaseChannel ?? defaults.releaseChannel ?? DEFAULT_CLUSTER_RELEASE_CHANNEL,
    binaryAuthorization: { evaluationMode: (cluster.binaryAuthorization ?? defaults.binaryAuthorization)?.evaluationMode ?? DEFAULT_BINARY_AUTHORIZATION_MODE },
    ...(cluster.secretsEncryption ? { secretsEncryption: { keyName: cluster.secretsEncryption.keyName } } : {}),
    maintenance: {
      window: cluster.maintenance?.window ?? defaults.maintenance?.window ?? DEFAULT_MAINTENANCE_WINDOW,
      exclusions: [...exclusions.values()].map((e) => ({ name: e.name, startTime: e.startTime, endTime: e.endTime, scope: e.scope ?? DEFAULT_MAINTENANCE_EXCLUSION_SCOPE })),
    },
    securityPosture: { ...DEFAULT_SECURITY_POSTURE, ...definedFields(defaults.securityPosture), ...definedFields(cluster.securityPosture) },
  };
}

function definedFields<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The platform defaults' own problems, reported once at `clusterDefaults`. */
export function validateClusterDefaults(definition: PlatformDefinition, issues: IssueCollector): void {
  if (definition.clusterDefaults) checkSettings('clusterDefaults', definition.clusterDefaults, issues);
}

/**
 * A cluster's own settings, and the resolved ones where they combine: the key against the cluster's region, and the
 * platform's exclusions with the cluster's against GKE's counts (each exclusion's own rules are checked where written).
 */
export function validateClusterSettings(definition: PlatformDefinition, cluster: ClusterDefinition, issues: IssueCollector): void {
  const path = `clusters[${cluster.name}]`;
  checkSettings(path, cluster, issues);
  if (cluster.secretsEncryption) {
    for (const issue of validateKmsKeyName(path, 'secretsEncryption.keyName', cluster.secretsEncryption.keyName, cluster.region)) issues.add(issue);
  }
  const own = cluster.maintenance?.exclusions ?? [];
  const inherited = definition.clusterDefaults?.maintenance?.exclusions ?? [];
  if (inherited.length > 0 && own.length > 0) {
    const combined = resolveClusterSettings(definition, cluster).maintenance.exclusions;
    // Only the count rules can fail for the combination; each entry was checked where it is written.
    for (const issue of validateMaintenanceExclusions(path, 'maintenance.exclusions (with clusterDefaults.maintenance.exclusions)', combined).filter((i) => !i.field.includes('['))) issues.add(issue);
  }
}

function checkSettings(path: string, settings: ClusterSettingsDefinition, issues: IssueCollector): void {
  for (const issue of validateEnumSettings(
    path,
    { binaryAuthorization: settings.binaryAuthorization?.evaluationMode, securityPosture: settings.securityPosture },
    { binaryAuthorization: 'binaryAuthorization.evaluationMode', securityPosture: 'securityPosture' },
  )) {
    issues.add(issue);
  }
  if (settings.maintenance?.window) for (const issue of validateMaintenanceWindowAt(path, 'maintenance.window', settings.maintenance.window)) issues.add(issue);
  if (settings.maintenance?.exclusions) for (const issue of validateMaintenanceExclusions(path, 'maintenance.exclusions', settings.maintenance.exclusions)) issues.add(issue);
}
