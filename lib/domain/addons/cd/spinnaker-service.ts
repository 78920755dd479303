/**
 * Spinnaker (the seed's CD system) through the Spinnaker Operator: the Kubernetes accounts of a
 * `SpinnakerService`, one per tenant namespace per cluster, restricted to that namespace, READ for every tenant
 * group and WRITE for the groups that may deploy; each account deploys as the tenant namespace's deployer service
 * account, whose token a kubeconfig in a Secret carries. Pure: no cdktf or cdk8s.
 *
 * No schema package covers the operator's CRD, so the part of its shape this add-on writes is documented here
 * (SPINNAKER_SERVICE_FIELDS) and every emitted object is checked against it (spinnakerServiceShapeErrors).
 */
import type { PlatformDefinition } from '../../platform/platform-definition';
import type { PlatformPlan, TenantPlan } from '../../platform/platform-plan';
import type { ValidationIssue } from '../../validation-error';
import { validateCdPlacement, readGroups, writeGroups } from './cd-common';

export const SPINNAKER_ADD_ON = 'spinnaker';
const SPINNAKER_SERVICE_API_VERSION = 'spinnaker.io/v1alpha2';

/** Settings of the spinnaker add-on (`addOns: [{ name: 'spinnaker', settings }]`). */
export interface SpinnakerSettings {
  /** The cluster Spinnaker runs on (its SpinnakerService goes into that cluster's platform manifests). */
  readonly cluster: string;
  /** Spinnaker's release, `config.version` (e.g. `1.36.0`). */
  readonly version: string;
  /** The Spinnaker Operator's release tag its CRDs are installed from (cd-prerequisites.ts). @default SPINNAKER_OPERATOR_VERSION ('v1.4.0') */
  readonly operatorVersion?: string;
  /** The namespace of Spinnaker and its operator-managed objects. @default 'spinnaker' */
  readonly namespace?: string;
  /** The SpinnakerService's name. @default 'spinnaker' */
  readonly name?: string;
  /** Secret (in `namespace`) holding one kubeconfig per account, keyed by account name. @default 'spinnaker-kubeconfigs' */
  readonly kubeconfigSecret?: string;
  /**
   * Further sections of the halconfig (`spec.spinnakerConfig.config`), e.g. `persistentStorage`, `security`;
   * `version` and `providers.kubernetes` are the add-on's. @default none
   */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** The namespace the Spinnaker operator's examples install into. */
export const DEFAULT_SPINNAKER_NAMESPACE = 'spinnaker';
/** The SpinnakerService's name when the settings name none. */
const DEFAULT_SPINNAKER_NAME = 'spinnaker';
/** The Secret in Spinnaker's namespace holding one kubeconfig per account (the team creates it). */
const DEFAULT_SPINNAKER_KUBECONFIG_SECRET = 'spinnaker-kubeconfigs';

/** One Kubernetes (V2) account of the halconfig, as the operator passes it to Clouddriver. */
interface SpinnakerKubernetesAccount {
  /** Account name, `<cluster>-<tenant>` (spinnakerAccountName); unique across the platform (validateSpinnakerSettings). */
  readonly name: string;
  /** Always `V2`: the Kubernetes provider version Spinnaker supports. */
  readonly providerVersion: 'V2';
  /** `encryptedFile:k8s!n:<secret>!k:<key>`: the operator reads the kubeconfig from a Secret in its namespace. */
  readonly kubeconfigFile: string;
  /** The only namespaces the account sees and deploys to. */
  readonly namespaces: readonly string[];
  /** Only what Spinnaker deployed is cached and shown. */
  readonly onlySpinnakerManaged: boolean;
  /** Fiat roles (here: Google Groups) per permission. */
  readonly permissions: {
    /** Groups that see the account's resources: the tenant's admin, developer and viewer groups that are declared. */
    readonly READ: readonly string[];
    /** Groups that deploy through it: the tenant's admin and developer groups that are declared. */
    readonly WRITE: readonly string[];
  };
}

/** The subset of the `SpinnakerService` CRD (spinnaker.io/v1alpha2) this add-on writes. */
interface SpinnakerServiceObject {
  /** The Spinnaker Operator's CRD version, `spinnaker.io/v1alpha2`. */
  readonly apiVersion: typeof SPINNAKER_SERVICE_API_VERSION;
  /** Always `SpinnakerService`. */
  readonly kind: 'SpinnakerService';
  /**
   * Name and namespace from the settings, else `spinnaker` and `spinnaker` (DEFAULT_SPINNAKER_NAME,
   * DEFAULT_SPINNAKER_NAMESPACE), with the platform's labels.
   */
  readonly metadata: {
    /** The SpinnakerService's name: settings.name, else 'spinnaker' (DEFAULT_SPINNAKER_NAME). */
    readonly name: string;
    /** Its namespace: settings.namespace, else 'spinnaker' (DEFAULT_SPINNAKER_NAMESPACE). */
    readonly namespace: string;
    /** Labels on the object. @default undefined: none (the add-on always writes the platform's labels) */
    readonly labels?: Readonly<Record<string, string>>;
  };
  /**
   * The halconfig: the settings' `config` sections, the pinned `version`, and the Kubernetes provider enabled with
   * every tenant's accounts, sorted by name.
   */
  readonly spec: {
    /** What the operator turns into Spinnaker's configuration. */
    readonly spinnakerConfig: {
      /** The halconfig: the settings' own sections (persistent storage, security...) beside the two the add-on writes. */
      readonly config: {
        /** The Spinnaker release, `major.minor.patch` (validateSpinnakerSettings). */
        readonly version: string;
        /** Cloud providers: the settings' own, plus the Kubernetes provider the add-on writes (the settings may not set it). */
        readonly providers: {
          /** Spinnaker's Kubernetes (V2) provider, one account per tenant namespace per cluster. */
          readonly kubernetes: {
            /** Always true: the provider is on. */
            readonly enabled: boolean;
            /** The account Spinnaker picks when none is named. @default undefined: the add-on names none, so every pipeline stage names its account */
            readonly primaryAccount?: string;
            /** Every tenant's accounts, sorted by name. */
            readonly accounts: readonly SpinnakerKubernetesAccount[];
          };
        };
        readonly [section: string]: unknown;
      };
    };
  };
}

type FieldType = 'string' | 'boolean' | 'object' | 'string-map' | 'string[]' | 'object[]' | 'any';

/**
 * The fields of the SpinnakerService CRD used here, by path (`[]` marks list items), with their type and meaning,
 * from the Spinnaker Operator's CRD (spinnaker.io/v1alpha2; spec.spinnakerConfig.config is Halyard's halconfig).
 */
export const SPINNAKER_SERVICE_FIELDS: Readonly<Record<string, { readonly type: FieldType; readonly doc: string }>> = {
  apiVersion: { type: 'string', doc: 'spinnaker.io/v1alpha2' },
  kind: { type: 'string', doc: 'SpinnakerService' },
  metadata: { type: 'object', doc: 'object metadata' },
  'metadata.name': { type: 'string', doc: 'the SpinnakerService (one per Spinnaker installation)' },
  'metadata.namespace': { type: 'string', doc: 'where Spinnaker runs; kubeconfig Secrets are read from here' },
  'metadata.labels': { type: 'string-map', doc: 'labels' },
  spec: { type: 'object', doc: 'SpinnakerServiceSpec' },
  'spec.spinnakerConfig': { type: 'object', doc: 'Halyard configuration: config, profiles, service settings, files' },
  'spec.spinnakerConfig.config': { type: 'object', doc: 'the halconfig deployment configuration' },
  'spec.spinnakerConfig.config.version': { type: 'string', doc: 'Spinnaker release' },
  'spec.spinnakerConfig.config.*': { type: 'any', doc: "other halconfig sections (persistentStorage, security, ...), the platform team's" },
  'spec.spinnakerConfig.config.providers': { type: 'object', doc: 'cloud providers' },
  'spec.spinnakerConfig.config.providers.*': { type: 'any', doc: "other providers (google, ...), the platform team's" },
  'spec.spinnakerConfig.config.providers.kubernetes': { type: 'object', doc: 'the Kubernetes (V2) provider' },
  'spec.spinnakerConfig.config.providers.kubernetes.enabled': { type: 'boolean', doc: 'provider on' },
  'spec.spinnakerConfig.config.providers.kubernetes.primaryAccount': { type: 'string', doc: 'default account' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts': { type: 'object[]', doc: 'accounts' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts[].name': { type: 'string', doc: 'account name (unique)' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts[].providerVersion': { type: 'string', doc: 'V2' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts[].kubeconfigFile': { type: 'string', doc: 'kubeconfig path or secret reference (encryptedFile:k8s!n:<secret>!k:<key>)' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts[].namespaces': { type: 'string[]', doc: 'namespaces the account may see and deploy to' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts[].onlySpinnakerManaged': { type: 'boolean', doc: 'cache only what Spinnaker deployed' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts[].permissions': { type: 'object', doc: 'Fiat authorizations' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts[].permissions.READ': { type: 'string[]', doc: 'roles that may see the account' },
  'spec.spinnakerConfig.config.providers.kubernetes.accounts[].permissions.WRITE': { type: 'string[]', doc: 'roles that may deploy with the account' },
};

function typeOf(value: unknown): FieldType | 'other' {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v)) ? 'object[]' : 'other';
  if (typeof value === 'object' && value !== null) return 'object';
  return 'other';
}

/** Fields of an object that the documented shape lacks or types differently; empty when it conforms. */
export function spinnakerServiceShapeErrors(object: unknown): string[] {
  const errors: string[] = [];
  const walk = (value: unknown, path: string) => {
    const wildcard = path.includes('.') ? `${path.slice(0, path.lastIndexOf('.'))}.*` : undefined;
    const field = SPINNAKER_SERVICE_FIELDS[path] ?? (wildcard ? SPINNAKER_SERVICE_FIELDS[wildcard] : undefined);
    if (path !== '' && !field) return void errors.push(`${path}: not a field of the documented SpinnakerService shape`);
    if (field?.type === 'any') return;
    if (field?.type === 'string-map') {
      if (typeOf(value) !== 'object' || Object.values(value as object).some((v) => typeof v !== 'string')) errors.push(`${path}: is not a map of strings`);
      return;
    }
    const actual = typeOf(value);
    if (path !== '' && actual !== field!.type && !(field!.type === 'object[]' && Array.isArray(value) && value.length === 0)) return void errors.push(`${path}: is ${actual}, the CRD has ${field!.type}`);
    if (actual === 'object') for (const [k, v] of Object.entries(value as object)) walk(v, path === '' ? k : `${path}.${k}`);
    if (actual === 'object[]') for (const item of value as object[]) for (const [k, v] of Object.entries(item)) walk(v, `${path}[].${k}`);
  };
  walk(object, '');
  for (const required of ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'spec.spinnakerConfig.config.version']) {
    if (required.split('.').reduce<any>((o, k) => o?.[k], object) === undefined) errors.push(`${required}: required`);
  }
  return errors;
}

/** A tenant's account on a cluster: `<cluster>-<tenant>`. */
function spinnakerAccountName(cluster: string, tenant: string): string {
  return `${cluster}-${tenant}`;
}

/** The accounts of a tenant: one per namespace per cluster, deploying as the namespace's deployer. */
function spinnakerAccounts(tenant: TenantPlan, kubeconfigSecret: string): SpinnakerKubernetesAccount[] {
  return tenant.namespaces.map((ns) => {
    const name = spinnakerAccountName(ns.cluster, tenant.name);
    return { name, providerVersion: 'V2', kubeconfigFile: `encryptedFile:k8s!n:${kubeconfigSecret}!k:${name}`, namespaces: [ns.namespace], onlySpinnakerManaged: true, permissions: { READ: readGroups(tenant), WRITE: writeGroups(tenant) } };
  });
}

/** The SpinnakerService with every tenant's accounts, sorted by name. */
export function spinnakerService(plan: PlatformPlan, settings: SpinnakerSettings, labels: Readonly<Record<string, string>>): SpinnakerServiceObject {
  const secret = settings.kubeconfigSecret ?? DEFAULT_SPINNAKER_KUBECONFIG_SECRET;
  const accounts = plan.tenants.flatMap((t) => spinnakerAccounts(t, secret)).sort((a, b) => a.name.localeCompare(b.name));
  return {
    apiVersion: SPINNAKER_SERVICE_API_VERSION,
    kind: 'SpinnakerService',
    metadata: { name: settings.name ?? DEFAULT_SPINNAKER_NAME, namespace: settings.namespace ?? DEFAULT_SPINNAKER_NAMESPACE, labels: { ...labels } },
    spec: { spinnakerConfig: { config: { ...(settings.config ?? {}), version: settings.version, providers: { ...((settings.config?.providers as object | undefined) ?? {}), kubernetes: { enabled: true, accounts } } } } },
  };
}

export function validateSpinnakerSettings(settings: SpinnakerSettings, definition: PlatformDefinition): ValidationIssue[] {
  const path = `addOns[${SPINNAKER_ADD_ON}]`;
  const issues = validateCdPlacement(SPINNAKER_ADD_ON, settings, definition, DEFAULT_SPINNAKER_NAMESPACE);
  if (typeof settings.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(settings.version))
    issues.push({ path, field: 'settings.version', value: settings.version, problem: 'is not a Spinnaker release (major.minor.patch)', fix: "pin the release Spinnaker runs, e.g. '1.36.0'" });
  for (const field of ['name', 'kubeconfigSecret'] as const) {
    const value = settings[field];
    if (value !== undefined && (typeof value !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)))
      issues.push({ path, field: `settings.${field}`, value, problem: 'is not a DNS-1123 label', fix: `use e.g. '${field === 'name' ? DEFAULT_SPINNAKER_NAME : DEFAULT_SPINNAKER_KUBECONFIG_SECRET}'` });
  }
  // Account names join cluster and tenant with '-': two pairs can meet (cluster a-b + tenant c, cluster a + tenant b-c).
  const owners = new Map<string, string>();
  for (const tenant of definition.tenants ?? []) {
    for (const cluster of tenant.clusters) {
      const name = spinnakerAccountName(cluster, tenant.name);
      const owner = `${cluster}/${tenant.name}`;
      if (owners.has(name) && owners.get(name) !== owner) issues.push({ path, field: 'accounts', value: name, problem: `is the account name of both ${owners.get(name)} and ${owner}`, fix: 'rename one of the tenants or clusters' });
      owners.set(name, owner);
    }
  }
  const config = settings.config;
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config)))
    issues.push({ path, field: 'settings.config', value: config, problem: 'is not an object of halconfig sections', fix: "give sections, e.g. { persistentStorage: { persistentStoreType: 'gcs', gcs: { bucket: '...' } } }" });
  else if (config && ('version' in config || (typeof config.providers === 'object' && config.providers !== null && 'kubernetes' in config.providers))) {
    issues.push({
      path,
      field: 'settings.config',
      value: Object.keys(config),
      problem: 'sets version or providers.kubernetes, which the add-on writes',
      fix: 'set the release with settings.version; the Kubernetes accounts come from the tenants',
    });
  }
  return issues;
}
