import { X509Certificate } from 'crypto';
import { readFileSync } from 'fs';
import { kubernetesAuthPath, tenantPolicyName } from '../../lib/domain/addons/vault/vault-plan';
import { Judgement } from './judgement';
import { KubeServer } from './kube-server';
import { resolveValue, vaultRequests, VaultRequest, vaultResources, VaultRequestInputs } from './vault-requests';
import { vaultMessage, VaultResponse, VaultServer } from './vault-server';

/**
 * The Vault judge: a real Vault (dev mode, loopback) replays the synthesized Vault stack, then each tenant asks for
 * what it must get and for what it must never get: another tenant's secrets, certificates for another tenant's
 * identities, another tenant's login role. With each cluster's API server up, it also configures the cluster's
 * Kubernetes auth mount exactly as the docs say (the token reviewer's JWT read from its Secret) and logs in with
 * real service-account tokens, so Vault's own TokenReview call to the API server decides.
 */

/** The stand-in for the offline root CA: a PKI mount of the judge's own, never part of the stack. */
const OFFLINE_ROOT = 'conformance-offline-root';
const SECRET_KEY = 'conformance';

type Stack = { resource?: Record<string, Record<string, Record<string, unknown>>>; variable?: Record<string, unknown> };

interface VaultTenant {
  readonly name: string;
  readonly policy: string;
  /** Its PKI role's issue endpoint, `<pki mount>/issue/<role>`. */
  readonly issuePath: string;
  readonly allowedUriSans: readonly string[];
}

interface LoginRole {
  readonly backend: string;
  readonly roleName: string;
  readonly tenant: string;
  readonly namespaces: readonly string[];
  readonly serviceAccounts: readonly string[];
  /** The audience the role requires of a login's token, when it sets one. */
  readonly audience?: string;
}

/** What one case found: one line for a failure, nothing for a pass. */
class Tally {
  checked = 0;
  passed = 0;
  readonly failures: string[] = [];

  record(label: string, failure: string | undefined): void {
    this.checked += 1;
    if (failure) this.failures.push(`${label}: ${failure}`);
    else this.passed += 1;
  }

  judgement(judge: Judgement['judge'], version: string, target: string): Judgement {
    return { judge, version, target, checked: this.checked, passed: this.passed, failed: this.failures.length, skipped: 0, failures: [...this.failures] };
  }
}

const ok = (r: VaultResponse) => r.status >= 200 && r.status < 300;

/** Allowed means 2xx; `denied` means exactly `status` (403: an ACL policy refused; 400: the PKI role refused). */
function expectAnswer(response: VaultResponse, expected: 'allowed' | { denied: number }): string | undefined {
  if (expected === 'allowed') return ok(response) ? undefined : `expected allowed, got HTTP ${response.status}: ${vaultMessage(response)}`;
  if (ok(response)) return `expected refused (HTTP ${expected.denied}), but ALLOWED`;
  return response.status === expected.denied ? undefined : `refused, but with HTTP ${response.status} instead of ${expected.denied}: ${vaultMessage(response)}`;
}

export class VaultTargetJudge {
  private readonly apply = new Tally();
  private readonly suite = new Tally();
  private readonly variables: Record<string, string> = {};
  private readonly tenants: VaultTenant[] = [];
  private readonly loginRoles: LoginRole[] = [];
  private kvMount = '';
  /** A service-account token of an earlier cluster: signed by another API server, it must log in nowhere else. */
  private foreignJwt?: { cluster: string; jwt: string };

  constructor(
    private readonly server: VaultServer,
    private readonly stack: Stack,
    private readonly target: string,
    private readonly version: string,
  ) {}

  static read(stackFile: string): Stack {
    return JSON.parse(readFileSync(stackFile, 'utf8'));
  }

  /** Replays every resource but the auth mounts' configs, signing the intermediate CA with the stand-in root. */
  async replayPlatform(): Promise<void> {
    for (const name of Object.keys(this.stack.variable ?? {})) if (!name.startsWith('token_reviewer_jwt_')) this.variables[name] = '';
    await this.send({ address: 'judge: offline root stand-in', type: 'judge', method: 'POST', path: `sys/mounts/${OFFLINE_ROOT}`, body: { type: 'pki', config: { max_lease_ttl: '87600h' } } }, false);
    await this.send(
      {
        address: 'judge: offline root stand-in',
        type: 'judge',
        method: 'POST',
        path: `${OFFLINE_ROOT}/root/generate/internal`,
        body: { common_name: 'conformance stand-in for the offline root', ttl: '87600h', key_type: 'ec', key_bits: 384 },
      },
      false,
    );

    const inputs = (): VaultRequestInputs => ({ variables: this.variables });
    for (const request of vaultRequests(this.stack, inputs(), (type) => type !== 'vault_kubernetes_auth_backend_config')) {
      const response = await this.send(request, true);
      if (request.type === 'vault_pki_secret_backend_intermediate_cert_request' && ok(response)) {
        // The documented offline step, done by the stand-in root: sign the CSR, hand the PEM back as the variable.
        const signed = await this.server.request('POST', `${OFFLINE_ROOT}/root/sign-intermediate`, { csr: response.body.data.csr, use_csr_values: true, ttl: '8760h' });
        const variable = this.certificateVariable();
        if (!ok(signed) || !variable) this.apply.record(`${this.target}: signing the intermediate CSR offline`, ok(signed) ? 'no variable feeds vault_pki_secret_backend_intermediate_set_signed.certificate' : vaultMessage(signed));
        else this.variables[variable] = `${signed.body.data.certificate}\n${signed.body.data.issuing_ca}`;
      }
      if (request.type === 'vault_pki_secret_backend_intermediate_cert_request') {
        for (const setSigned of vaultRequests(this.stack, inputs(), (type) => type === 'vault_pki_secret_backend_intermediate_set_signed')) await this.send(setSigned, true);
      }
    }
    this.readModel();
  }

  /** The variable the set-signed resource's certificate reads: where the offline-signed PEM goes. */
  private certificateVariable(): string | undefined {
    const setSigned = vaultResources(this.stack).find((r) => r.type === 'vault_pki_secret_backend_intermediate_set_signed');
    return /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(String(setSigned?.config.certificate ?? ''))?.[1];
  }

  /** Tenants, mounts and login roles as the synthesized stack has them (not as the definition meant them). */
  private readModel(): void {
    const resources = this.stack.resource ?? {};
    const resolve = (address: string, attr: string, value: unknown) => resolveValue(value, address, attr, resources, { variables: this.variables });
    const kv = Object.entries(resources.vault_mount ?? {}).filter(([, m]) => m.type === 'kv' && (m.options as Record<string, string> | undefined)?.version === '2');
    this.kvMount = kv.length === 1 ? String(kv[0][1].path) : '';
    if (!this.kvMount) this.suite.record(`${this.target}: KV v2 mount`, `expected exactly one KV v2 mount, found ${kv.length}`);
    const policies = new Set(Object.values(resources.vault_policy ?? {}).map((p) => String(p.name)));
    for (const [name, role] of Object.entries(resources.vault_pki_secret_backend_role ?? {})) {
      const tenant = String(role.name);
      const policy = tenantPolicyName(tenant);
      if (!policies.has(policy)) this.suite.record(`${this.target}: vault_pki_secret_backend_role.${name}`, `no policy ${policy} for tenant ${tenant}`);
      this.tenants.push({ name: tenant, policy, issuePath: `${resolve(`vault_pki_secret_backend_role.${name}`, 'backend', role.backend)}/issue/${tenant}`, allowedUriSans: (role.allowed_uri_sans as string[] | undefined) ?? [] });
    }
    const tenantOfPolicy = new Map(this.tenants.map((t) => [t.policy, t.name]));
    for (const [name, role] of Object.entries(resources.vault_kubernetes_auth_backend_role ?? {})) {
      const address = `vault_kubernetes_auth_backend_role.${name}`;
      const policiesOfRole = (resolve(address, 'token_policies', role.token_policies) as string[]) ?? [];
      const tenant = policiesOfRole.map((p) => tenantOfPolicy.get(p)).find(Boolean);
      if (!tenant || policiesOfRole.length !== 1) {
        this.suite.record(`${this.target}: ${address}`, `expected exactly one tenant policy, found ${JSON.stringify(policiesOfRole)}`);
        continue;
      }
      this.loginRoles.push({
        backend: String(resolve(address, 'backend', role.backend)),
        roleName: String(role.role_name),
        tenant,
        namespaces: role.bound_service_account_namespaces as string[],
        serviceAccounts: role.bound_service_account_names as string[],
        audience: role.audience === undefined ? undefined : String(resolve(address, 'audience', role.audience)),
      });
    }
  }

  /** Each tenant, with a token of its policy only, against its own and every other tenant's secrets, PKI roles and policies. */
  async tenantSuite(): Promise<void> {
    if (!this.kvMount) return;
    for (const tenant of this.tenants) {
      const seeded = await this.server.request('POST', `${this.kvMount}/data/${tenant.name}/${SECRET_KEY}`, { data: { owner: tenant.name } });
      if (!ok(seeded)) this.suite.record(`${this.target}: seeding ${this.kvMount}/${tenant.name}/${SECRET_KEY}`, vaultMessage(seeded));
    }
    for (const tenant of this.tenants) {
      const created = await this.server.request('POST', 'auth/token/create', { policies: [tenant.policy], ttl: '10m' });
      if (!ok(created)) {
        this.suite.record(`${this.target}: token of ${tenant.policy}`, vaultMessage(created));
        continue;
      }
      await this.askAs(tenant, created.body.auth.client_token, `token of ${tenant.policy}`);
    }
  }

  /** The cases of one tenant's token, however it was obtained (a token of its policy, or a Kubernetes login). */
  private async askAs(tenant: VaultTenant, token: string, how: string): Promise<void> {
    const label = (what: string) => `${this.target}: ${tenant.name} (${how}) ${what}`;
    const ask = async (what: string, method: string, path: string, body: unknown, expected: 'allowed' | { denied: number }, check?: (r: VaultResponse) => string | undefined) => {
      const response = await this.server.request(method, path, body, token);
      this.suite.record(label(what), expectAnswer(response, expected) ?? (check && ok(response) ? check(response) : undefined));
    };
    await ask('reads its own secret', 'GET', `${this.kvMount}/data/${tenant.name}/${SECRET_KEY}`, undefined, 'allowed', (r) => (r.body.data?.data?.owner === tenant.name ? undefined : 'read someone else’s value'));
    const own = tenant.allowedUriSans[0];
    if (own) {
      await ask(`issues a certificate for its own identity ${own}`, 'POST', tenant.issuePath, { uri_sans: own, ttl: '1h' }, 'allowed', (r) => {
        const sans = new X509Certificate(r.body.data.certificate).subjectAltName ?? '';
        return sans === `URI:${own}` ? undefined : `certificate SANs are ${sans}, expected exactly URI:${own}`;
      });
    }
    await ask('asks its own PKI role for a DNS name', 'POST', tenant.issuePath, { common_name: `${tenant.name}.example.com`, ttl: '1h' }, { denied: 400 });
    await ask('asks its own PKI role for an IP SAN', 'POST', tenant.issuePath, { uri_sans: own, ip_sans: '10.0.0.1', ttl: '1h' }, { denied: 400 });
    for (const other of this.tenants.filter((t) => t.name !== tenant.name)) {
      await ask(`reads ${other.name}'s secret`, 'GET', `${this.kvMount}/data/${other.name}/${SECRET_KEY}`, undefined, { denied: 403 });
      await ask(`lists ${other.name}'s secrets`, 'GET', `${this.kvMount}/metadata/${other.name}/?list=true`, undefined, { denied: 403 });
      await ask(`writes into ${other.name}'s prefix`, 'POST', `${this.kvMount}/data/${other.name}/${SECRET_KEY}`, { data: { owner: tenant.name } }, { denied: 403 });
      await ask(`issues from ${other.name}'s PKI role`, 'POST', other.issuePath, { uri_sans: other.allowedUriSans[0], ttl: '1h' }, { denied: 403 });
      if (other.allowedUriSans[0]) await ask(`asks its own PKI role for ${other.name}'s identity ${other.allowedUriSans[0]}`, 'POST', tenant.issuePath, { uri_sans: other.allowedUriSans[0], ttl: '1h' }, { denied: 400 });
      await ask(`reads ${other.name}'s policy`, 'GET', `sys/policies/acl/${other.policy}`, undefined, { denied: 403 });
    }
  }

  /**
   * With the cluster's API server up and its manifests applied: configure its auth mount as a deploy would (endpoint,
   * CA, the token reviewer's JWT from its Secret), then log in with real service-account tokens.
   */
  async clusterLogins(kube: KubeServer, cluster: string, objects: readonly any[]): Promise<void> {
    const mount = kubernetesAuthPath(cluster);
    const jwt = await this.tokenReviewerJwt(kube, cluster, objects);
    if (!jwt) return;
    const resources = this.stack.resource ?? {};
    const configs = vaultResources(this.stack).filter((r) => r.type === 'vault_kubernetes_auth_backend_config' && resolveValue(r.config.backend, `${r.type}.${r.name}`, 'backend', resources, { variables: this.variables }) === mount);
    if (configs.length !== 1) {
      this.apply.record(`${this.target}: auth mount ${mount}`, `expected one vault_kubernetes_auth_backend_config, found ${configs.length}`);
      return;
    }
    const reviewerVariable = /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(String(configs[0].config.token_reviewer_jwt))?.[1];
    if (reviewerVariable) this.variables[reviewerVariable] = jwt;
    const ca = readFileSync(kube.caFile(), 'utf8');
    const inputs: VaultRequestInputs = {
      variables: this.variables,
      crossStack: (_address, attribute) => (attribute === 'kubernetes_host' ? kube.endpoint() : attribute === 'kubernetes_ca_cert' ? ca : undefined),
    };
    for (const request of vaultRequests(this.stack, inputs, (type, attr) => type === 'vault_kubernetes_auth_backend_config' && attr('backend') === mount)) await this.send(request, true);

    const roles = this.loginRoles.filter((r) => r.backend === mount);
    for (const role of roles) {
      const tenant = this.tenants.find((t) => t.name === role.tenant)!;
      for (const namespace of role.namespaces) {
        const serviceAccount = role.serviceAccounts[0] === '*' ? 'default' : role.serviceAccounts[0];
        const token = await serviceAccountToken(kube, namespace, serviceAccount, role.audience);
        const label = (what: string) => `${this.target}/${cluster}: ${namespace}/${serviceAccount} ${what}`;
        if (typeof token !== 'string' || !token) {
          this.suite.record(label('gets a service-account token'), `TokenRequest failed: ${token ? JSON.stringify(token).slice(0, 200) : 'no token'}`);
          continue;
        }
        const login = await this.server.request('POST', `auth/${mount}/login`, { role: role.roleName, jwt: token }, '');
        const policies: string[] = login.body?.auth?.policies ?? [];
        this.suite.record(
          label(`logs in with role ${role.roleName}`),
          expectAnswer(login, 'allowed') ?? (policies.includes(tenant.policy) && policies.every((p) => p === tenant.policy || p === 'default') ? undefined : `got policies ${policies.join(', ')}`),
        );
        if (ok(login)) await this.askAs(tenant, login.body.auth.client_token, `logged in on ${cluster}`);
        for (const other of roles.filter((r) => r.tenant !== role.tenant)) {
          const refused = await this.server.request('POST', `auth/${mount}/login`, { role: other.roleName, jwt: token }, '');
          this.suite.record(label(`logs in with ${other.tenant}'s role ${other.roleName}`), expectAnswer(refused, { denied: 403 }));
        }
        if (role.audience) {
          // A token of the same service account minted for the API server itself (no Vault audience) must not log in.
          const other = await serviceAccountToken(kube, namespace, serviceAccount, undefined);
          const refused = typeof other === 'string' ? await this.server.request('POST', `auth/${mount}/login`, { role: role.roleName, jwt: other }, '') : undefined;
          this.suite.record(label(`logs in with a token of another audience`), refused ? expectAnswer(refused, { denied: 403 }) : 'TokenRequest failed');
        }
        if (this.foreignJwt && this.foreignJwt.cluster !== cluster) {
          const foreign = await this.server.request('POST', `auth/${mount}/login`, { role: role.roleName, jwt: this.foreignJwt.jwt }, '');
          this.suite.record(`${this.target}/${cluster}: a service-account token of ${this.foreignJwt.cluster} logs in with role ${role.roleName}`, expectAnswer(foreign, { denied: 403 }));
        }
        this.foreignJwt = { cluster, jwt: token };
      }
    }
  }

  /** The JWT the token controller wrote into the token reviewer's Secret (the one bound to system:auth-delegator). */
  private async tokenReviewerJwt(kube: KubeServer, cluster: string, objects: readonly any[]): Promise<string | undefined> {
    const label = `${this.target}/${cluster}: token reviewer`;
    const binding = objects.find((o) => o.kind === 'ClusterRoleBinding' && o.roleRef?.name === 'system:auth-delegator');
    const subject = binding?.subjects?.find((s: { kind: string }) => s.kind === 'ServiceAccount');
    const secret =
      subject && objects.find((o) => o.kind === 'Secret' && o.type === 'kubernetes.io/service-account-token' && o.metadata.namespace === subject.namespace && o.metadata.annotations?.['kubernetes.io/service-account.name'] === subject.name);
    if (!secret) {
      this.apply.record(label, 'the manifests have no service account bound to system:auth-delegator with a token Secret');
      return undefined;
    }
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const current = await kube.request('GET', `/api/v1/namespaces/${secret.metadata.namespace}/secrets/${secret.metadata.name}`);
      const token = current.body?.data?.token;
      if (token) {
        this.apply.record(label, undefined);
        return Buffer.from(token, 'base64').toString('utf8');
      }
      await new Promise((done) => setTimeout(done, 500));
    }
    this.apply.record(label, `the token controller wrote no token into Secret ${secret.metadata.namespace}/${secret.metadata.name} within 60 s`);
    return undefined;
  }

  /** One replayed API call: 2xx without a warning (Vault warns of parameters it ignores) passes. */
  private async send(request: VaultRequest, counted: boolean): Promise<VaultResponse> {
    const response = await this.server.request(request.method, request.path, request.body);
    const warnings: string[] = (response.body?.warnings ?? []).filter((w: string) => !/^Endpoint replaced the value of these parameters/.test(w));
    // The judge's own calls (the stand-in root) fail only on an error; the stack's calls on a warning too.
    const failure = !ok(response) ? `HTTP ${response.status}: ${vaultMessage(response)}` : counted && warnings.length > 0 ? `Vault warned: ${warnings.join('; ')}` : undefined;
    if (counted || failure) this.apply.record(`${this.target}: ${request.address} (${request.method} /v1/${request.path})`, failure);
    return response;
  }

  judgements(): Judgement[] {
    return [this.apply.judgement('vault apply', this.version, this.target), this.suite.judgement('vault tenant suite', this.version, this.target)];
  }
}

/**
 * A short-lived token of a service account for `audience` (the API server's own audience when undefined), as a
 * projected token volume gives a pod; the service account is created first when the manifests do not declare it.
 */
async function serviceAccountToken(kube: KubeServer, namespace: string, name: string, audience: string | undefined): Promise<string | unknown> {
  const path = `/api/v1/namespaces/${namespace}/serviceaccounts/${name}`;
  if ((await kube.request('GET', path)).status === 404) await kube.request('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
  const spec = { expirationSeconds: 600, ...(audience ? { audiences: [audience] } : {}) };
  const requested = await kube.request('POST', `${path}/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec });
  return requested.status === 201 ? requested.body.status.token : requested.body;
}
