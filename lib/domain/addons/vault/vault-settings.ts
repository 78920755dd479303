/**
 * Settings of the Vault add-on (`addOns: [{ name: 'vault', settings: { address: 'https://vault.example.com:8200' } }]`),
 * their defaults and their validation. Pure: no cdktf, cdk8s or constructs.
 */
import type { PlatformDefinition } from '../../platform/platform-definition';
import type { ValidationIssue } from '../../validation-error';

export const VAULT_ADD_ON = 'vault';

export interface VaultSettings {
  /** Vault's API address, `https://...` (the Terraform provider talks to it; the token comes from `VAULT_TOKEN`). */
  readonly address: string;
  /** Path of the platform's KV v2 mount; each tenant owns the prefix `<tenant>/` in it. @default 'tenant-secrets' */
  readonly kvMount?: string;
  /** Path of the intermediate PKI mount issuing workload certificates. @default 'pki-workload' */
  readonly pkiMount?: string;
  /** SPIFFE trust domain of workload certificates (`spiffe://<trustDomain>/ns/<ns>/sa/<sa>`). @default the organization's domain */
  readonly trustDomain?: string;
  /** Namespace of the token-reviewer service account in every cluster. @default 'vault-auth' */
  readonly tokenReviewerNamespace?: string;
  /** Lifetime of a workload certificate (Vault duration). @default '24h' */
  readonly certificateTtl?: string;
  /** Longest lifetime a workload may request (Vault duration). @default '72h' */
  readonly certificateMaxTtl?: string;
  /**
   * Audience every login's service-account token must carry (Vault checks the JWT's `aud` claim). Without one, any
   * token of a bound service account logs in, including a token minted for another system; with it, workloads log
   * in with a projected token requested for this audience (Vault Secrets Operator: `VaultAuth.spec.kubernetes.audiences`).
   * @default 'vault' (DEFAULT_VAULT_AUDIENCE)
   */
  readonly audience?: string;
  /**
   * Service accounts per tenant that may log in and be named in certificates, besides its Workload Identity KSAs.
   * @default none: the tenant's Workload Identity KSAs; a tenant with neither gets every service account of its namespace
   */
  readonly serviceAccounts?: Readonly<Record<string, readonly string[]>>;
}

/** Where the platform keeps tenant secrets: one KV v2 mount, one prefix per tenant. */
export const DEFAULT_VAULT_KV_MOUNT = 'tenant-secrets';
/** Mount of the workload intermediate CA; the root CA stays offline. */
export const DEFAULT_VAULT_PKI_MOUNT = 'pki-workload';
/** The namespace of the token reviewer; not a tenant name, so it never meets a tenant's namespace. */
export const DEFAULT_TOKEN_REVIEWER_NAMESPACE = 'vault-auth';
/** A day: short-lived certificates, renewed by the workload's agent; a lost one expires soon. */
export const DEFAULT_CERTIFICATE_TTL = '24h';
/** Three days cover a long weekend without renewal. */
export const DEFAULT_CERTIFICATE_MAX_TTL = '72h';
/** The audience logins' tokens are requested for: names Vault, so a token minted for another system never logs in. */
export const DEFAULT_VAULT_AUDIENCE = 'vault';

const MOUNT_PATH = /^[a-z0-9]([-a-z0-9_]{0,62}[a-z0-9])?$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DURATION = /^[1-9][0-9]*[smh]$/;
/** A JWT audience: no whitespace and no comma (Vault reads a comma-separated list). */
const AUDIENCE = /^[^\s,]{1,253}$/;

/** The settings with every default applied. */
export type ResolvedVaultSettings = Required<Omit<VaultSettings, 'serviceAccounts'>> & Pick<VaultSettings, 'serviceAccounts'>;

export function resolveVaultSettings(settings: VaultSettings, definition: Pick<PlatformDefinition, 'organization'>): ResolvedVaultSettings {
  return {
    address: settings.address,
    kvMount: settings.kvMount ?? DEFAULT_VAULT_KV_MOUNT,
    pkiMount: settings.pkiMount ?? DEFAULT_VAULT_PKI_MOUNT,
    trustDomain: settings.trustDomain ?? definition.organization.domain,
    tokenReviewerNamespace: settings.tokenReviewerNamespace ?? DEFAULT_TOKEN_REVIEWER_NAMESPACE,
    certificateTtl: settings.certificateTtl ?? DEFAULT_CERTIFICATE_TTL,
    certificateMaxTtl: settings.certificateMaxTtl ?? DEFAULT_CERTIFICATE_MAX_TTL,
    audience: settings.audience ?? DEFAULT_VAULT_AUDIENCE,
    serviceAccounts: settings.serviceAccounts,
  };
}

const seconds = (d: string) => Number(d.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[d.slice(-1) as 's' | 'm' | 'h'];

/** One issue per mistake, under `addOns[vault]`. */
export function validateVaultSettings(settings: VaultSettings, definition: PlatformDefinition): ValidationIssue[] {
  const path = `addOns[${VAULT_ADD_ON}]`;
  const issues: ValidationIssue[] = [];
  const add = (field: string, value: unknown, problem: string, fix: string) => issues.push({ path, field: `settings.${field}`, value, problem, fix });
  if (typeof settings.address !== 'string' || !/^https:\/\/[^\s/]+(:\d+)?\/?$/.test(settings.address)) {
    add('address', settings.address, 'is not an https:// address of a Vault server', "give Vault's API address, e.g. 'https://vault.example.com:8200'");
  }
  for (const field of ['kvMount', 'pkiMount'] as const) {
    const value = settings[field];
    if (value !== undefined && (typeof value !== 'string' || !MOUNT_PATH.test(value))) add(field, value, 'is not a mount path of lower-case letters, digits, - and _', `use e.g. '${field === 'kvMount' ? DEFAULT_VAULT_KV_MOUNT : DEFAULT_VAULT_PKI_MOUNT}'`);
  }
  if (settings.kvMount !== undefined && settings.kvMount === (settings.pkiMount ?? DEFAULT_VAULT_PKI_MOUNT)) add('kvMount', settings.kvMount, 'is the PKI mount too', 'give the KV and PKI mounts different paths');
  const trustDomain = settings.trustDomain ?? definition.organization?.domain;
  if (typeof trustDomain !== 'string' || !DNS_NAME.test(trustDomain)) add('trustDomain', trustDomain, 'is not a lower-case DNS name (a SPIFFE trust domain)', "use the organization's domain, e.g. 'example.com'");
  const reviewer = settings.tokenReviewerNamespace;
  if (reviewer !== undefined && (typeof reviewer !== 'string' || !DNS_LABEL.test(reviewer))) add('tokenReviewerNamespace', reviewer, 'is not a DNS-1123 label', `use e.g. '${DEFAULT_TOKEN_REVIEWER_NAMESPACE}'`);
  const tenants = new Set((definition.tenants ?? []).map((t) => t.name));
  if (reviewer !== undefined && tenants.has(reviewer)) add('tokenReviewerNamespace', reviewer, 'is the namespace of a tenant', 'use a namespace of its own, e.g. vault-auth');
  for (const field of ['certificateTtl', 'certificateMaxTtl'] as const) {
    const value = settings[field];
    if (value !== undefined && (typeof value !== 'string' || !DURATION.test(value))) add(field, value, 'is not a duration in whole seconds, minutes or hours', "use e.g. '24h'");
  }
  const ttl = settings.certificateTtl ?? DEFAULT_CERTIFICATE_TTL;
  const maxTtl = settings.certificateMaxTtl ?? DEFAULT_CERTIFICATE_MAX_TTL;
  if (DURATION.test(ttl) && DURATION.test(maxTtl) && seconds(ttl) > seconds(maxTtl)) add('certificateTtl', ttl, `is longer than certificateMaxTtl ${maxTtl}`, 'shorten certificateTtl or lengthen certificateMaxTtl');
  if (settings.audience !== undefined && (typeof settings.audience !== 'string' || !AUDIENCE.test(settings.audience))) add('audience', settings.audience, 'is not one JWT audience (no spaces or commas, at most 253 characters)', `use e.g. '${DEFAULT_VAULT_AUDIENCE}'`);
  for (const [tenant, accounts] of Object.entries(settings.serviceAccounts ?? {})) {
    if (!tenants.has(tenant)) add(`serviceAccounts.${tenant}`, tenant, 'is not a tenant of the definition', `use one of ${[...tenants].join(', ')}`);
    if (!Array.isArray(accounts) || accounts.some((a) => typeof a !== 'string' || !DNS_LABEL.test(a))) add(`serviceAccounts.${tenant}`, accounts, 'is not a list of service account names (DNS-1123 labels)', "list names, e.g. ['api', 'worker']");
  }
  return issues;
}
