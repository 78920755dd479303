/**
 * The Vault stack's resources as the Vault HTTP API requests the provider would send for them, read from the
 * synthesized `cdk.tf.json`: the conformance Vault judge replays them on a real Vault dev server. Pure: the judge
 * supplies what only a deploy knows (variables, the clusters' endpoints and CAs), through `inputs`.
 *
 * Every resource type and attribute the library emits is mapped here; anything else is an error naming it, so the
 * judge never passes a resource it did not replay.
 */

/** One API call: `path` is relative to `/v1/`. */
export interface VaultRequest {
  /** The Terraform address, e.g. `vault_policy.Policy-mapping`. */
  readonly address: string;
  readonly type: string;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface VaultRequestInputs {
  /** Values of the stack's variables (`var.<name>`); a variable without one is an error when a resource reads it. */
  readonly variables: Readonly<Record<string, string>>;
  /**
   * Values of attributes that read other stacks (`terraform_remote_state`), by address and attribute, e.g. the
   * Kubernetes host and CA of an auth mount's config. Missing: an error naming the attribute.
   */
  readonly crossStack?: (address: string, attribute: string) => string | undefined;
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** The order a deploy creates them in: mounts before what lives in them, the CSR before its signed certificate. */
const ORDER: Readonly<Record<string, number>> = {
  vault_mount: 0,
  vault_auth_backend: 0,
  vault_policy: 1,
  vault_pki_secret_backend_config_urls: 1,
  vault_pki_secret_backend_intermediate_cert_request: 2,
  vault_pki_secret_backend_intermediate_set_signed: 3,
  vault_pki_secret_backend_role: 4,
  vault_kubernetes_auth_backend_config: 5,
  vault_kubernetes_auth_backend_role: 6,
};

/** Every resource of a Vault stack, in deploy order; types outside ORDER throw. */
export function vaultResources(stack: { resource?: Resources }): { type: string; name: string; config: Record<string, unknown> }[] {
  const all = Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, config]) => ({ type, name, config })));
  for (const r of all) {
    if (!r.type.startsWith('vault_')) continue;
    if (!(r.type in ORDER)) throw new Error(`${r.type}.${r.name}: the Vault judge does not replay this resource type; map it in scripts/conformance/vault-requests.ts`);
  }
  return all.filter((r) => r.type in ORDER).sort((a, b) => ORDER[a.type] - ORDER[b.type]);
}

/**
 * Resolves one attribute value: literals as they are; `${<type>.<name>.<attr>}` of a resource in the same stack;
 * `${var.<name>}`; `min(length(var.<name>), 1)` (the count of an optional resource); anything reading another stack
 * through `inputs.crossStack`.
 */
export function resolveValue(value: unknown, address: string, attribute: string, resources: Resources, inputs: VaultRequestInputs): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, address, attribute, resources, inputs));
  if (typeof value !== 'string' || !value.includes('${')) return value;
  if (value.includes('terraform_remote_state')) {
    const given = inputs.crossStack?.(address, attribute);
    if (given === undefined) throw new Error(`${address}.${attribute} reads another stack (${value}); the judge gave no value for it`);
    return given;
  }
  const whole = /^\$\{([^{}]+)\}$/.exec(value);
  if (!whole) throw new Error(`${address}.${attribute}: cannot resolve ${value}`);
  const expression = whole[1].trim();
  const variable = /^var\.([A-Za-z0-9_-]+)$/.exec(expression);
  if (variable) return variableValue(variable[1], address, attribute, inputs);
  const count = /^min\(length\(var\.([A-Za-z0-9_-]+)\),\s*1\)$/.exec(expression);
  if (count) return Math.min(variableValue(count[1], address, attribute, inputs).length, 1);
  const reference = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)$/.exec(expression);
  if (reference) {
    const [, type, name, attr] = reference;
    const target = resources[type]?.[name];
    if (!target || !(attr in target)) throw new Error(`${address}.${attribute}: ${expression} names nothing in this stack`);
    return resolveValue(target[attr], `${type}.${name}`, attr, resources, inputs);
  }
  throw new Error(`${address}.${attribute}: cannot resolve ${value}`);
}

function variableValue(name: string, address: string, attribute: string, inputs: VaultRequestInputs): string {
  const value = inputs.variables[name];
  if (value === undefined) throw new Error(`${address}.${attribute} reads var.${name}; the judge gave no value for it`);
  return value;
}

/** Attributes Terraform reads itself, never sent to Vault. */
const META = new Set(['//', 'count', 'depends_on', 'lifecycle', 'provider', 'for_each']);

function pick(config: Record<string, unknown>, resolve: (attr: string, v: unknown) => unknown, omit: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([attr]) => !META.has(attr) && !omit.includes(attr))
      .map(([attr, v]) => [attr, resolve(attr, v)]),
  );
}

/**
 * The API calls for the stack's resources, in deploy order; `only` keeps those the judge replays now (the auth
 * configs wait for their cluster's API server). A resource whose `count` resolves to 0 is left out.
 */
export function vaultRequests(stack: { resource?: Resources }, inputs: VaultRequestInputs, only: (type: string, attribute: (name: string) => unknown) => boolean = () => true): VaultRequest[] {
  const resources = stack.resource ?? {};
  const requests: VaultRequest[] = [];
  for (const { type, name, config } of vaultResources(stack)) {
    const address = `${type}.${name}`;
    const resolve = (attr: string, v: unknown) => resolveValue(v, address, attr, resources, inputs);
    if (!only(type, (attr) => resolve(attr, config[attr]))) continue;
    if ('count' in config && resolve('count', config.count) === 0) continue;
    const all = pick(config, resolve, []);
    const rest = (...omit: string[]) => pick(config, resolve, omit);
    const request = (method: 'POST' | 'PUT', path: string, body: Record<string, unknown>) => requests.push({ address, type, method, path, body });
    switch (type) {
      case 'vault_mount': {
        const { path, max_lease_ttl_seconds, default_lease_ttl_seconds, ...body } = rest();
        const config: Record<string, unknown> = {};
        if (max_lease_ttl_seconds !== undefined) config.max_lease_ttl = max_lease_ttl_seconds;
        if (default_lease_ttl_seconds !== undefined) config.default_lease_ttl = default_lease_ttl_seconds;
        request('POST', `sys/mounts/${path}`, { ...body, ...(Object.keys(config).length > 0 ? { config } : {}) });
        break;
      }
      case 'vault_auth_backend': {
        const { path, ...body } = rest();
        request('POST', `sys/auth/${path ?? body.type}`, body);
        break;
      }
      case 'vault_policy':
        request('PUT', `sys/policies/acl/${all.name}`, rest('name'));
        break;
      case 'vault_pki_secret_backend_config_urls':
        request('POST', `${all.backend}/config/urls`, rest('backend'));
        break;
      case 'vault_pki_secret_backend_intermediate_cert_request':
        request('POST', `${all.backend}/intermediate/generate/${all.type}`, rest('backend', 'type'));
        break;
      case 'vault_pki_secret_backend_intermediate_set_signed':
        request('POST', `${all.backend}/intermediate/set-signed`, rest('backend'));
        break;
      case 'vault_pki_secret_backend_role':
        request('POST', `${all.backend}/roles/${all.name}`, rest('backend', 'name'));
        break;
      case 'vault_kubernetes_auth_backend_config':
        request('POST', `auth/${all.backend}/config`, rest('backend'));
        break;
      case 'vault_kubernetes_auth_backend_role':
        request('POST', `auth/${all.backend}/role/${all.role_name}`, rest('backend', 'role_name'));
        break;
    }
  }
  return requests;
}
