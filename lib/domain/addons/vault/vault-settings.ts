/**
 * Settings of the Vault add-on (`addOns: [{ name: 'vault', settings: { address: 'https://vault.example.com:8200' } }]`),
 * their defaults and their validation. Pure: no cdktf, cdk8s or constructs.
 */
import type { PlatformDefinition } from '../../platform/platform-definition';
import type { ValidationIssue } from '../../validation-error';
import { validateServerLocation } from '../server-location';
import type { ServerLocation } from '../traffic-needs';

export const VAULT_ADD_ON = 'vault';

/** Settings of the vault add-on (`addOns: [{ name: 'vault', settings }]`). */
export interface VaultSettings {
  /** Vault's API address, `https://...` (the Terraform provider talks to it; the token comes from `VAULT_TOKEN`). */
  readonly address: string;
  /**
   * Where Vault's servers are, so the platform can derive their traffic: tenants' egress to it (NetworkPolicy,
   * ServiceEntry), and its TokenReview calls to every control plane (an authorized network on each). `cidr` is
   * Vault's own addresses (its load balancer's /32), inside a remote network a hybrid link reaches; `remoteNetwork`
   * names that network. @default the address's IP as a /32 when `address` is an IPv4 literal; required otherwise
   */
  readonly network?: {
    /** The remote network Vault lives in. @default the remote network whose ranges hold `cidr` */
    readonly remoteNetwork?: string;
    /** Vault's addresses, at most a /24 (MAX_SERVER_PREFIX). */
    readonly cidr: string;
  };
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
const DEFAULT_TOKEN_REVIEWER_NAMESPACE = 'vault-auth';
/** A day: short-lived certificates, renewed by the workload's agent; a lost one expires soon. */
const DEFAULT_CERTIFICATE_TTL = '24h';
/** Three days cover a long weekend without renewal. */
const DEFAULT_CERTIFICATE_MAX_TTL = '72h';
/** The audience logins' tokens are requested for: names Vault, so a token minted for another system never logs in. */
const DEFAULT_VAULT_AUDIENCE = 'vault';

const MOUNT_PATH = /^[a-z0-9]([-a-z0-9_]{0,62}[a-z0-9])?$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DURATION = /^[1-9][0-9]*[smh]$/;
/** A JWT audience: no whitespace and no comma (Vault reads a comma-separated list). */
const AUDIENCE = /^[^\s,]{1,253}$/;

/** Vault's port when the address names none: HTTPS. */
export const DEFAULT_VAULT_HTTPS_PORT = 443;
/** The short name of Vault's server in derived objects: the `add-on-egress-vault` NetworkPolicy, the `vault` authorized network. */
export const VAULT_SERVER_NAME = 'vault';

const ADDRESS = /^https:\/\/([^\s/:]+)(?::(\d+))?\/?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Vault's host and port, from its `https://host[:port]` address. */
export function vaultEndpoint(address: string): { readonly host: string; readonly port: number } {
  const match = ADDRESS.exec(address);
  if (!match) throw new Error(`vault: ${JSON.stringify(address)} is not an https:// address; validateVaultSettings refuses it, so the platform was not validated`);
  return { host: match[1], port: match[2] === undefined ? DEFAULT_VAULT_HTTPS_PORT : Number(match[2]) };
}

/** Where Vault is: `network` as given, else the address's IPv4 literal as a /32; undefined when neither says. */
export function vaultLocation(settings: Pick<VaultSettings, 'address' | 'network'>): (Pick<ServerLocation, 'cidr'> & { readonly remoteNetwork?: string }) | undefined {
  if (settings.network !== undefined) return settings.network;
  const host = ADDRESS.exec(settings.address ?? '')?.[1];
  return host !== undefined && IPV4.test(host) ? { cidr: `${host}/32` } : undefined;
}

/** The settings with every default applied. */
export type ResolvedVaultSettings = Required<Omit<VaultSettings, 'serviceAccounts' | 'network'>> & Pick<VaultSettings, 'serviceAccounts' | 'network'>;

export function resolveVaultSettings(settings: VaultSettings, definition: Pick<PlatformDefinition, 'organization'>): ResolvedVaultSettings {
  return {
    address: settings.address,
    network: settings.network,
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
  const port = Number(ADDRESS.exec(typeof settings.address === 'string' ? settings.address : '')?.[2] ?? DEFAULT_VAULT_HTTPS_PORT);
  if (typeof settings.address !== 'string' || !ADDRESS.test(settings.address) || port < 1 || port > 65535) {
    add('address', settings.address, 'is not an https:// address of a Vault server', "give Vault's API address, e.g. 'https://vault.example.com:8200'");
  } else if (settings.network === undefined && vaultLocation(settings) === undefined) {
    add(
      'network',
      settings.network,
      `is not given, and the address's host ${vaultEndpoint(settings.address).host} is a name the platform cannot turn into a range: no authorized network, NetworkPolicy or ServiceEntry can name Vault`,
      "give Vault's addresses, e.g. network: { remoteNetwork: 'aws-usw2-prod', cidr: '10.8.64.10/32' }",
    );
  }
  const location = vaultLocation(settings);
  if (settings.network !== undefined && (typeof settings.network !== 'object' || settings.network === null))
    add('network', settings.network, 'is not an object', "give { remoteNetwork, cidr }, e.g. { remoteNetwork: 'aws-usw2-prod', cidr: '10.8.64.10/32' }");
  else if (location !== undefined)
    issues.push(
      ...validateServerLocation(
        path,
        settings.network !== undefined ? { cidr: 'settings.network.cidr', remoteNetwork: 'settings.network.remoteNetwork' } : { cidr: 'settings.address', remoteNetwork: 'settings.network.remoteNetwork' },
        location,
        definition,
        'Vault',
      ),
    );
  for (const field of ['kvMount', 'pkiMount'] as const) {
    const value = settings[field];
    if (value !== undefined && (typeof value !== 'string' || !MOUNT_PATH.test(value)))
      add(field, value, 'is not a mount path of lower-case letters, digits, - and _', `use e.g. '${field === 'kvMount' ? DEFAULT_VAULT_KV_MOUNT : DEFAULT_VAULT_PKI_MOUNT}'`);
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
  if (settings.audience !== undefined && (typeof settings.audience !== 'string' || !AUDIENCE.test(settings.audience)))
    add('audience', settings.audience, 'is not one JWT audience (no spaces or commas, at most 253 characters)', `use e.g. '${DEFAULT_VAULT_AUDIENCE}'`);
  for (const [tenant, accounts] of Object.entries(settings.serviceAccounts ?? {})) {
    if (!tenants.has(tenant)) add(`serviceAccounts.${tenant}`, tenant, 'is not a tenant of the definition', `use one of ${[...tenants].join(', ')}`);
    if (!Array.isArray(accounts) || accounts.some((a) => typeof a !== 'string' || !DNS_LABEL.test(a)))
      add(`serviceAccounts.${tenant}`, accounts, 'is not a list of service account names (DNS-1123 labels)', "list names, e.g. ['api', 'worker']");
  }
  return issues;
}
