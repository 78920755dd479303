/**
 * Moving a tenant to another cluster (one line of the definition) moves its Vault login role, its mesh policies
 * and its CD destinations with it, and changes nothing else the add-ons own.
 */
import { allObjects, seedPlatform, SeedOutput, synthSeed } from './seed-fixtures';

// mapping's dependency on routing would not follow routing to another cluster (a dependency must be placed on every
// cluster of its dependent: tenant-reach-rules.ts), so the platform moved from has none.
const base = { ...seedPlatform, tenants: seedPlatform.tenants!.map((t) => (t.name === 'mapping' ? { ...t, dependencies: { ...t.dependencies, tenants: (t.dependencies?.tenants ?? []).filter((d) => d !== 'routing') } } : t)) };
const moved = { ...base, tenants: base.tenants.map((t) => (t.name === 'routing' ? { ...t, clusters: ['dev-usw1'] } : t)) };
const before = synthSeed(base);
const after = synthSeed(moved);

/** Every object the add-ons own, keyed `cluster/kind/namespace/name`. */
function addOnObjects(output: SeedOutput): Map<string, unknown> {
  const owned = allObjects(output).filter(
    ({ object: o }) =>
      /istio\.io|argoproj\.io|spinnaker\.io/.test(o.apiVersion) ||
      o.metadata.name === 'allow-egress-to-istiod' ||
      o.metadata.namespace === 'vault-auth' ||
      o.metadata.name === 'vault-auth' ||
      o.metadata.name === 'vault-token-reviewer-auth-delegator',
  );
  return new Map(owned.map(({ cluster, object }) => [`${cluster}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`, object]));
}

function diff<T>(a: Map<string, T>, b: Map<string, T>) {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return {
    removed: keys.filter((k) => a.has(k) && !b.has(k)),
    added: keys.filter((k) => !a.has(k) && b.has(k)),
    changed: keys.filter((k) => a.has(k) && b.has(k) && JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))),
  };
}

const vaultResources = (output: SeedOutput) =>
  new Map(Object.entries<Record<string, unknown>>(output.stacks['drive-vault'].resource).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]): [string, unknown] => [`${type}.${name}`, body])));

test("Vault: only the tenant's login role moves (its policy, PKI role and everyone else's stay)", () => {
  expect(diff(vaultResources(before), vaultResources(after))).toEqual({
    removed: ['vault_kubernetes_auth_backend_role.Role-routing-prod-usc1'],
    added: ['vault_kubernetes_auth_backend_role.Role-routing-dev-usw1'],
    changed: [],
  });
  const role = (output: SeedOutput, cluster: string) => output.stacks['drive-vault'].resource.vault_kubernetes_auth_backend_role[`Role-routing-${cluster}`];
  expect(role(after, 'dev-usw1')).toMatchObject({ backend: '${vault_auth_backend.Auth-dev-usw1.path}', bound_service_account_namespaces: ['routing'] });
  expect(role(after, 'dev-usw1').token_policies).toEqual(role(before, 'prod-usc1').token_policies);
});

test("mesh and CD: the tenant's mesh policies move cluster, its Spinnaker account and Argo CD destinations follow, nothing else changes", () => {
  const a = addOnObjects(before);
  const b = addOnObjects(after);
  const meshKinds = [
    'AuthorizationPolicy/routing/allow-declared',
    'NetworkPolicy/routing/allow-egress-to-istiod',
    'PeerAuthentication/routing/default',
    'ServiceEntry/routing/add-on-vault',
    'ServiceEntry/routing/google-apis',
    'ServiceEntry/routing/metadata-server',
    'Sidecar/routing/default',
  ];
  expect(diff(a, b)).toEqual({
    removed: meshKinds.map((k) => `prod-usc1/${k}`),
    added: meshKinds.map((k) => `dev-usw1/${k}`),
    changed: ['prod-usc1/AppProject/argocd/routing', 'prod-usc1/ApplicationSet/argocd/routing', 'prod-usc1/SpinnakerService/spinnaker/spinnaker'],
  });
  // The mesh objects are the same objects, on the new cluster.
  for (const kind of meshKinds) expect(b.get(`dev-usw1/${kind}`)).toEqual(a.get(`prod-usc1/${kind}`));
  const accounts = (m: Map<string, any>) => m.get('prod-usc1/SpinnakerService/spinnaker/spinnaker').spec.spinnakerConfig.config.providers.kubernetes.accounts.map((x: any) => x.name);
  expect(accounts(a).filter((n: string) => !accounts(b).includes(n))).toEqual(['prod-usc1-routing']);
  expect(accounts(b).filter((n: string) => !accounts(a).includes(n))).toEqual(['dev-usw1-routing']);
  const project = (m: Map<string, any>) => m.get('prod-usc1/AppProject/argocd/routing').spec;
  expect(project(b).destinations).toEqual([{ name: 'dev-usw1', namespace: 'routing' }]);
  expect({ ...project(b), destinations: undefined, description: undefined }).toEqual({ ...project(a), destinations: undefined, description: undefined });
  expect(b.get('prod-usc1/ApplicationSet/argocd/routing')).toMatchObject({ spec: { generators: [{ list: { elements: [{ cluster: 'dev-usw1', namespace: 'routing' }] } }] } });
});

test('the namespace on the new cluster carries the injection label', () => {
  const ns = after.manifests['dev-usw1']['tenant-routing'].find((o) => o.kind === 'Namespace')!;
  expect(ns.metadata.labels!['istio-injection']).toBe('enabled');
  expect(after.manifests['prod-usc1']['tenant-routing']).toBeUndefined();
});
