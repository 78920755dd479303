import { ValidationError } from '../../lib/domain/validation-error';
import { SPINNAKER_SERVICE_FIELDS, spinnakerServiceShapeErrors, validateSpinnakerSettings } from '../../lib/domain/addons/cd/spinnaker-service';
import { PLATFORM_OWNED_KINDS, validateArgoCdSettings } from '../../lib/domain/addons/cd/argo-cd-project';
import { DEPLOYER_SERVICE_ACCOUNT } from '../../lib/tenancy/tenant-namespace';
import { TENANT_DEVELOPER_ROLE } from '../../lib/domain/tenancy/labels';
import { expectK8sSchemaValid } from '../tenancy/validate-k8s';
import { permissionsOf } from '../isolation/rbac-evaluator';
import { examplePlatform } from '../../examples/drive-platform/platform';
import { allObjects, K8sObject, loadSeed, SEED_ADD_ONS, seedPlatform, synthSeed } from './seed-fixtures';

const output = synthSeed();
const plan = output.platform.plan;
const platformChart = (cluster: string) => output.manifests[cluster].platform;
const spinnaker = platformChart('prod-usc1').find((o) => o.kind === 'SpinnakerService')!;
const accounts: any[] = spinnaker.spec.spinnakerConfig.config.providers.kubernetes.accounts;
const tenantNamespaces = plan.tenants.flatMap((t) => t.namespaces.map((ns) => ({ tenant: t, ...ns })));

describe('spinnaker: an account per tenant namespace per cluster', () => {
  test('the SpinnakerService lives only on the cluster Spinnaker runs on, in its namespace', () => {
    expect(
      allObjects(output)
        .filter(({ object }) => object.kind === 'SpinnakerService')
        .map(({ cluster, chart }) => [cluster, chart]),
    ).toEqual([['prod-usc1', 'platform']]);
    expect(spinnaker).toMatchObject({ apiVersion: 'spinnaker.io/v1alpha2', metadata: { name: 'spinnaker', namespace: 'spinnaker' } });
    expect(spinnaker.spec.spinnakerConfig.config.version).toBe('1.36.0');
  });

  test('one account per tenant namespace per cluster, restricted to that namespace, deploying with its kubeconfig Secret', () => {
    expect(accounts.map((a) => a.name)).toEqual(tenantNamespaces.map((n) => `${n.cluster}-${n.tenant.name}`).sort());
    for (const n of tenantNamespaces) {
      const account = accounts.find((a) => a.name === `${n.cluster}-${n.tenant.name}`);
      expect(account).toMatchObject({ providerVersion: 'V2', namespaces: [n.namespace], onlySpinnakerManaged: true, kubeconfigFile: `encryptedFile:k8s!n:spinnaker-kubeconfigs!k:${n.cluster}-${n.tenant.name}` });
    }
  });

  test('READ for every tenant group, WRITE for the groups that may deploy (admin, developer)', () => {
    expect(accounts.find((a) => a.name === 'prod-usc1-mapping').permissions).toEqual({
      READ: ['mapping-admins@example.com', 'mapping-dev@example.com', 'mapping-view@example.com'],
      WRITE: ['mapping-admins@example.com', 'mapping-dev@example.com'],
    });
    expect(accounts.find((a) => a.name === 'payments-usc1-payments').permissions).toEqual({ READ: ['payments-admins@example.com', 'payments-dev@example.com'], WRITE: ['payments-admins@example.com', 'payments-dev@example.com'] });
  });

  test('the emitted SpinnakerService uses only fields of the documented CRD shape, each with its documented type', () => {
    expect(spinnakerServiceShapeErrors(spinnaker)).toEqual([]);
    // Every documented account field is used, so the documentation is the shape actually written.
    const accountFields = Object.keys(SPINNAKER_SERVICE_FIELDS)
      .filter((p) => p.includes('accounts[].'))
      .map((p) => p.split('accounts[].')[1].split('.')[0]);
    expect([...new Set(accountFields)].sort()).toEqual(Object.keys(accounts[0]).sort());
  });

  test.each([
    [{ ...spinnaker, spec: { spinnakerConfig: { config: { ...spinnaker.spec.spinnakerConfig.config, providers: { kubernetes: { enabled: 'yes', accounts } } } } } }, /providers\.kubernetes\.enabled: is string, the CRD has boolean/],
    [
      { ...spinnaker, spec: { spinnakerConfig: { config: { version: '1.36.0', providers: { kubernetes: { enabled: true, accounts: [{ ...accounts[0], namespace: 'x' }] } } } } } },
      /accounts\[\]\.namespace: not a field of the documented SpinnakerService shape/,
    ],
    [{ ...spinnaker, spec: { spinnakerConfig: { config: { providers: { kubernetes: { enabled: true, accounts } } } } } }, /spec\.spinnakerConfig\.config\.version: required/],
  ])('the shape check refuses a wrong object (%#)', (object, message) => {
    expect(spinnakerServiceShapeErrors(object).join('\n')).toMatch(message);
  });

  test('further halconfig sections of the settings pass through beside the accounts', () => {
    const out = synthSeed(
      { ...seedPlatform, addOns: [{ name: 'spinnaker', settings: { cluster: 'prod-usc1', version: '1.36.0', config: { persistentStorage: { persistentStoreType: 'gcs' }, providers: { google: { enabled: true } } } } }] },
      SEED_ADD_ONS,
    );
    const config = out.manifests['prod-usc1'].platform.find((o) => o.kind === 'SpinnakerService')!.spec.spinnakerConfig.config;
    expect(config.persistentStorage).toEqual({ persistentStoreType: 'gcs' });
    expect(config.providers.google).toEqual({ enabled: true });
    expect(config.providers.kubernetes.accounts).toHaveLength(tenantNamespaces.length);
  });
});

describe('argo-cd: an AppProject and an ApplicationSet per tenant', () => {
  const argo = platformChart('prod-usc1').filter((o) => o.apiVersion === 'argoproj.io/v1alpha1');
  const project = (tenant: string) => argo.find((o) => o.kind === 'AppProject' && o.metadata.name === tenant)!;

  test('every Argo CD object validates against the Argo CD schema (@kubernetes-models/argo-cd)', () => {
    expect(argo).toHaveLength(2 * plan.tenants.length);
    expectK8sSchemaValid(argo);
    expect(
      allObjects(output)
        .filter(({ object }) => object.apiVersion === 'argoproj.io/v1alpha1')
        .every(({ cluster, chart }) => cluster === 'prod-usc1' && chart === 'platform'),
    ).toBe(true);
  });

  test('destinations are exactly the tenant namespaces on its clusters; nothing cluster-scoped; platform kinds denied', () => {
    for (const tenant of plan.tenants) {
      const spec = project(tenant.name).spec;
      expect(spec.destinations).toEqual(tenant.namespaces.map((ns) => ({ name: ns.cluster, namespace: ns.namespace })));
      expect(spec.clusterResourceWhitelist).toEqual([]);
      expect(spec.namespaceResourceBlacklist).toEqual([
        { group: '', kind: 'ResourceQuota' },
        { group: '', kind: 'LimitRange' },
        { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
      ]);
      expect(spec.destinationServiceAccounts).toEqual(tenant.namespaces.map((ns) => ({ server: '*', namespace: ns.namespace, defaultServiceAccount: DEPLOYER_SERVICE_ACCOUNT })));
      expect(spec.sourceRepos).toEqual(['https://github.com/example/drive-platform-manifests.git']);
    }
    expect(PLATFORM_OWNED_KINDS.map((k) => k.kind)).toEqual(['ResourceQuota', 'LimitRange', 'NetworkPolicy']);
  });

  test("roles are bound to the tenant's groups and confined to its own project's applications", () => {
    expect(project('mapping').spec.roles).toEqual([
      { name: 'admin', description: 'tenant admins: every application action', groups: ['mapping-admins@example.com'], policies: ['p, proj:mapping:admin, applications, *, mapping/*, allow'] },
      {
        name: 'developer',
        description: 'tenant developers: read, sync, run actions',
        groups: ['mapping-dev@example.com'],
        policies: ['get', 'sync', 'action/*'].map((a) => `p, proj:mapping:developer, applications, ${a}, mapping/*, allow`),
      },
      { name: 'viewer', description: 'tenant viewers: read', groups: ['mapping-view@example.com'], policies: ['p, proj:mapping:viewer, applications, get, mapping/*, allow'] },
    ]);
  });

  test('the ApplicationSet makes one Application per cluster of the tenant, in its project, into its namespace', () => {
    const set = argo.find((o) => o.kind === 'ApplicationSet' && o.metadata.name === 'payments')!;
    expect(set.spec.generators).toEqual([{ list: { elements: [{ cluster: 'payments-usc1', namespace: 'payments' }] } }]);
    expect(set.spec.template.spec).toEqual({
      project: 'payments',
      source: { repoURL: 'https://github.com/example/drive-platform-manifests.git', targetRevision: 'main', path: 'tenants/payments/{{.cluster}}' },
      destination: { name: '{{.cluster}}', namespace: '{{.namespace}}' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
  });

  test("a tenant's own source repository replaces the default", () => {
    const out = synthSeed({ ...seedPlatform, addOns: [{ name: 'argo-cd', settings: { cluster: 'dev-usw1', sources: { mapping: { repoURL: 'https://github.com/example/mapping-deploy.git', path: 'deploy' } } } }] }, SEED_ADD_ONS);
    const objects = out.manifests['dev-usw1'].platform;
    expect(objects.find((o) => o.kind === 'AppProject' && o.metadata.name === 'mapping')!.spec.sourceRepos).toEqual(['https://github.com/example/mapping-deploy.git']);
    expect(objects.find((o) => o.kind === 'ApplicationSet' && o.metadata.name === 'mapping')!.spec.template.spec.source).toEqual({
      repoURL: 'https://github.com/example/mapping-deploy.git',
      targetRevision: 'HEAD',
      path: 'deploy/{{.cluster}}',
    });
  });
});

describe('the deployer identity: exactly what the tenant developer group can do, only in its own namespace', () => {
  const bindings = allObjects(output).filter(({ object }) => object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding');
  const boundTo = (match: (subject: any) => boolean) =>
    bindings.filter(({ object }) => (object.subjects ?? []).some(match)).map(({ cluster, object }) => ({ cluster, kind: object.kind, namespace: object.metadata.namespace, roleRef: object.roleRef }));

  test.each(tenantNamespaces.map((n) => [n.tenant.name, n.cluster, n]))("%s on %s: the deployer has the developer group's bindings, no more", (_t, _c, n: any) => {
    const deployer = boundTo((s) => s.kind === 'ServiceAccount' && s.name === DEPLOYER_SERVICE_ACCOUNT && s.namespace === n.namespace);
    const developer = boundTo((s) => s.kind === 'Group' && s.name === n.tenant.resolved.groups.developer);
    expect(deployer).toEqual([{ cluster: n.cluster, kind: 'RoleBinding', namespace: n.namespace, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: TENANT_DEVELOPER_ROLE } }]);
    expect(developer).toEqual(deployer);
  });

  // The RBAC table of the isolation work (test/isolation/rbac-evaluator.ts), over everything the cluster holds.
  test.each(tenantNamespaces.map((n) => [n.tenant.name, n.cluster, n]))("%s on %s: the RBAC table of the deployer equals the developer group's, all in its namespace", (_t, _c, n: any) => {
    const manifests = Object.values(output.manifests[n.cluster]).flat() as any[];
    const deployer = permissionsOf(manifests, { user: `system:serviceaccount:${n.namespace}:${DEPLOYER_SERVICE_ACCOUNT}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${n.namespace}`, 'system:authenticated'] });
    const developer = permissionsOf(manifests, { user: 'someone@example.com', groups: [n.tenant.resolved.groups.developer, 'system:authenticated'] });
    expect(deployer.length).toBeGreaterThan(0);
    expect(deployer).toEqual(developer);
    expect(deployer.every((p) => p.namespace === n.namespace)).toBe(true);
  });

  test.each(plan.tenants.flatMap((a) => plan.tenants.filter((b) => b !== a).map((b) => [a.name, b.name])))("%s's CD accounts cannot deploy into %s", (a, b) => {
    const bNamespaces = plan.tenants.find((t) => t.name === b)!.namespaces;
    const aAccounts = accounts.filter((x) => x.name.endsWith(`-${a}`) && tenantNamespaces.some((n) => `${n.cluster}-${n.tenant.name}` === x.name && n.tenant.name === a));
    for (const account of aAccounts) expect(account.namespaces).not.toContain(b);
    const aProject = platformChart('prod-usc1').find((o: K8sObject) => o.kind === 'AppProject' && o.metadata.name === a)!;
    for (const ns of bNamespaces) {
      expect(aProject.spec.destinations).not.toContainEqual({ name: ns.cluster, namespace: ns.namespace });
      expect(aProject.spec.destinationServiceAccounts.map((d: any) => d.namespace)).not.toContain(ns.namespace);
    }
    // A's deployer has no binding in B's namespace (nor any cluster-wide one).
    expect(boundTo((s) => s.kind === 'ServiceAccount' && s.name === DEPLOYER_SERVICE_ACCOUNT && s.namespace === a).every((x) => x.namespace === a && x.kind === 'RoleBinding')).toBe(true);
  });
});

describe('cd settings', () => {
  test('throws when the cluster is not one of the definition, naming the add-on, field, value and fix (through loadPlatform)', () => {
    expect(() => loadSeed({ ...seedPlatform, addOns: [{ name: 'argo-cd', settings: { cluster: 'nowhere' } }] }, SEED_ADD_ONS)).toThrow(
      /addOns\[argo-cd\]: settings\.cluster "nowhere" is not a cluster of the definition \(where argo-cd runs\); use one of prod-usc1, dev-usw1, payments-usc1/,
    );
  });

  test('throws when two tenant namespaces would get the same Spinnaker account name', () => {
    const clash = {
      ...examplePlatform,
      clusters: [...examplePlatform.clusters, { ...examplePlatform.clusters[1], name: 'prod' }],
      tenants: [...examplePlatform.tenants!, { ...examplePlatform.tenants![1], name: 'usc1-routing', clusters: ['prod'] }],
    };
    expect(() => {
      throw new ValidationError(validateSpinnakerSettings({ cluster: 'prod-usc1', version: '1.36.0' }, clash));
    }).toThrow(/addOns\[spinnaker\]: accounts "prod-usc1-routing" is the account name of both prod-usc1\/routing and prod\/usc1-routing; rename one of the tenants or clusters/);
  });

  test.each([
    ['spinnaker', { cluster: 'prod-usc1', version: 'latest' }, /settings\.version "latest" is not a Spinnaker release \(major\.minor\.patch\); pin the release/],
    ['spinnaker', { cluster: 'prod-usc1', version: '1.36.0', namespace: 'mapping' }, /settings\.namespace "mapping" is the namespace of a tenant/],
    ['spinnaker', { cluster: 'prod-usc1', version: '1.36.0', config: { providers: { kubernetes: {} } } }, /settings\.config \["providers"\] sets version or providers\.kubernetes, which the add-on writes/],
    ['spinnaker', { cluster: 'prod-usc1', version: '1.36.0', kubeconfigSecret: 'Bad_Name' }, /settings\.kubeconfigSecret "Bad_Name" is not a DNS-1123 label/],
    ['argo-cd', { cluster: 'prod-usc1', namespace: 'Argo CD' }, /settings\.namespace "Argo CD" is not a DNS-1123 label; use e\.g\. 'argocd'/],
    ['argo-cd', { cluster: 'prod-usc1', sources: { nobody: { repoURL: 'https://x/y.git' } } }, /settings\.sources\.nobody "nobody" is not a tenant of the definition/],
    ['argo-cd', { cluster: 'prod-usc1', sources: { mapping: { repoURL: 'ftp://x' } } }, /settings\.sources\.mapping\.repoURL "ftp:\/\/x" is not an https:\/\/, ssh:\/\/ or git@host: repository URL/],
    ['argo-cd', { cluster: 'prod-usc1', sources: { mapping: { repoURL: 'https://x/y.git', path: '../other' } } }, /settings\.sources\.mapping\.path "\.\.\/other" is not a relative folder inside the repository/],
    ['argo-cd', { cluster: 'prod-usc1', automatedSync: 'yes' }, /settings\.automatedSync "yes" is not true or false/],
  ])('throws when %s settings are %j', (addOn, settings, message) => {
    const issues = addOn === 'spinnaker' ? validateSpinnakerSettings(settings as any, examplePlatform) : validateArgoCdSettings(settings as any, examplePlatform);
    expect(() => {
      throw new ValidationError(issues);
    }).toThrow(message);
  });
});
