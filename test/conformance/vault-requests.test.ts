/**
 * The Vault judge's replay: the synthesized Vault stack as the Vault API calls a deploy makes. The judge itself (a real
 * Vault answering them) runs in `npm run conformance`; here, that every resource the stack emits is replayed, with
 * references resolved, in deploy order, and that anything it cannot replay faithfully is an error, not a pass.
 */
import { resolveValue, vaultRequests } from '../../scripts/conformance/vault-requests';
import { synthSeed } from '../addons/seed-fixtures';

const vault = synthSeed().stacks['drive-vault'];
const resourceCount = Object.values<Record<string, unknown>>(vault.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
const crossStack = (_address: string, attribute: string) => ({ kubernetes_host: 'https://127.0.0.1:6443', kubernetes_ca_cert: 'PEM' })[attribute];
const variables = { workload_ca_certificate: '', token_reviewer_jwt_prod_usc1: 'jwt-prod', token_reviewer_jwt_dev_usw1: 'jwt-dev', token_reviewer_jwt_payments_usc1: 'jwt-payments' };

describe('replaying the synthesized Vault stack', () => {
  test('maps every resource to one API call, mounts first, the signed certificate only once given', () => {
    // WHEN the intermediate certificate is not signed yet
    const unsigned = vaultRequests(vault, { variables, crossStack });
    // THEN every resource but the set-signed one (count 0) is one request
    expect(unsigned).toHaveLength(resourceCount - 1);
    expect(unsigned.some((r) => r.type === 'vault_pki_secret_backend_intermediate_set_signed')).toBe(false);
    const firstNonMount = unsigned.findIndex((r) => r.type !== 'vault_mount' && r.type !== 'vault_auth_backend');
    expect(unsigned.slice(firstNonMount).every((r) => r.type !== 'vault_mount' && r.type !== 'vault_auth_backend')).toBe(true);
    // AND once signed, the certificate goes to set-signed after its CSR
    const signed = vaultRequests(vault, { variables: { ...variables, workload_ca_certificate: 'SIGNED PEM' }, crossStack });
    const order = signed.map((r) => r.type);
    expect(order.indexOf('vault_pki_secret_backend_intermediate_set_signed')).toBeGreaterThan(order.indexOf('vault_pki_secret_backend_intermediate_cert_request'));
    expect(signed.find((r) => r.type === 'vault_pki_secret_backend_intermediate_set_signed')).toMatchObject({ method: 'POST', path: 'pki-workload/intermediate/set-signed', body: { certificate: 'SIGNED PEM' } });
  });

  test('resolves references inside the stack and sends the attributes under their API names', () => {
    const requests = vaultRequests(vault, { variables, crossStack });
    const byAddress = (address: string) => requests.find((r) => r.address === address)!;
    expect(byAddress('vault_mount.KvMount')).toMatchObject({ path: 'sys/mounts/tenant-secrets', body: { type: 'kv', options: { version: '2' } } });
    expect(byAddress('vault_mount.PkiMount').body).toMatchObject({ type: 'pki', config: { max_lease_ttl: 365 * 24 * 3600 } });
    expect(byAddress('vault_policy.Policy-mapping')).toMatchObject({ method: 'PUT', path: 'sys/policies/acl/tenant-mapping' });
    expect(byAddress('vault_kubernetes_auth_backend_role.Role-mapping-prod-usc1')).toMatchObject({
      path: 'auth/kubernetes-prod-usc1/role/mapping',
      body: { bound_service_account_names: ['tile-builder'], bound_service_account_namespaces: ['mapping'], token_policies: ['tenant-mapping'] },
    });
    expect(byAddress('vault_kubernetes_auth_backend_config.AuthConfig-prod-usc1')).toMatchObject({
      path: 'auth/kubernetes-prod-usc1/config',
      body: { kubernetes_host: 'https://127.0.0.1:6443', kubernetes_ca_cert: 'PEM', token_reviewer_jwt: 'jwt-prod' },
    });
    expect(byAddress('vault_pki_secret_backend_role.PkiRole-mapping')).toMatchObject({ path: 'pki-workload/roles/mapping', body: { allowed_uri_sans: ['spiffe://example.com/ns/mapping/sa/tile-builder'], allow_any_name: false } });
    expect(JSON.stringify(requests)).not.toContain('${');
  });

  test('keeps only what the judge asks for now, resolving the filter on the resolved attributes', () => {
    const prod = vaultRequests(vault, { variables, crossStack }, (type, attribute) => type === 'vault_kubernetes_auth_backend_config' && attribute('backend') === 'kubernetes-prod-usc1');
    expect(prod.map((r) => r.address)).toEqual(['vault_kubernetes_auth_backend_config.AuthConfig-prod-usc1']);
  });

  test('throws when a variable or another stack is read without a value from the judge', () => {
    expect(() => vaultRequests(vault, { variables: { workload_ca_certificate: '' } })).toThrow(/reads another stack .*the judge gave no value/);
    expect(() => vaultRequests(vault, { variables: {}, crossStack })).toThrow(/reads var\.workload_ca_certificate; the judge gave no value/);
  });

  test('throws on a resource type or an expression it does not replay, instead of passing it', () => {
    expect(() => vaultRequests({ resource: { vault_jwt_auth_backend: { Jwt: { path: 'jwt' } } } }, { variables: {} })).toThrow(/vault_jwt_auth_backend\.Jwt: the Vault judge does not replay this resource type/);
    expect(() => resolveValue('${upper(var.x)}', 'vault_policy.P', 'name', {}, { variables: { x: 'a' } })).toThrow(/vault_policy\.P\.name: cannot resolve/);
    expect(() => resolveValue('${vault_policy.Missing.name}', 'vault_policy.P', 'name', {}, { variables: {} })).toThrow(/names nothing in this stack/);
  });
});
