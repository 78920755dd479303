/**
 * The request corpus itself: complete, valid objects; every tenant, identity and attack covered; honest
 * pods that Pod Security `restricted`, the LimitRange and the placement rules admit. Its answers are judged
 * by admission-policies.test.ts (CEL) and the conformance tenant suite (a real API server).
 */
import { Testing } from 'cdk8s';
import { buildClusterManifests } from '../../charts/cluster-manifests';
import { AdmissionCase } from '../../lib/domain/isolation/admission-case';
import { admissionCorpus } from '../../lib/domain/isolation/admission-corpus';
import { podSpecOf } from '../../lib/domain/isolation/corpus-objects';
import { loadPlatform } from '../../lib/platform/load-platform';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { compareQuantities } from '../../lib/domain/tenancy/quantity';
import { exampleLockFile } from '../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import { expectK8sSchemaValid } from '../tenancy/validate-k8s';
import type { Manifest } from './cel-judge';
import { exampleManifests, examplePlatform } from './example-manifests';

const manifests = exampleManifests();
const corpus = Object.fromEntries(Object.keys(manifests).map((c) => [c, admissionCorpus(c, manifests[c], examplePlatform)]));
const all = Object.values(corpus).flat();
const ids = (cluster: string) => corpus[cluster].map((c) => c.id);

/** The Pod Security `restricted` rules the corpus relies on, checked on a pod spec. */
function restrictedProblems(spec: any): string[] {
  const problems: string[] = [];
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) problems.push('host namespaces');
  if ((spec.volumes ?? []).some((v: any) => v.hostPath)) problems.push('hostPath');
  if (spec.securityContext?.seccompProfile?.type !== 'RuntimeDefault') problems.push('seccomp');
  for (const c of spec.containers) {
    const sc = c.securityContext ?? {};
    if (sc.privileged) problems.push('privileged');
    if (sc.allowPrivilegeEscalation !== false) problems.push('allowPrivilegeEscalation');
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push('capabilities');
    if (!(sc.runAsNonRoot ?? spec.securityContext?.runAsNonRoot)) problems.push('runAsNonRoot');
    if ((c.ports ?? []).some((p: any) => p.hostPort)) problems.push('hostPort');
  }
  return problems;
}

/** Containers over the namespace's LimitRange max (what the LimitRanger refuses). */
function overLimitRange(objects: readonly Manifest[], c: AdmissionCase): string[] {
  const spec = c.object ? podSpecOf(c.object) : undefined;
  if (!spec || !c.namespace) return [];
  const limitRange = objects.find((o) => o.kind === 'LimitRange' && o.metadata.namespace === c.namespace);
  const max = limitRange?.spec.limits.find((l: any) => l.type === 'Container')?.max ?? {};
  return (spec.containers as any[]).flatMap((container) =>
    Object.entries(max as Record<string, string>)
      .filter(([resource, value]) => container.resources?.limits?.[resource] && compareQuantities(container.resources.limits[resource], value) > 0)
      .map(([resource]) => `${container.name} ${resource}`),
  );
}

describe('admissionCorpus', () => {
  // kubernetes-models has no Gateway API schemas (no package of them is a dependency here): routes are checked for
  // the fields their policy reads below, and by the API server only where the Gateway API CRDs are installed.
  const isRoute = (o: any) => o?.apiVersion === 'gateway.networking.k8s.io/v1';
  test('every case object is a valid Kubernetes object', () => {
    expectK8sSchemaValid(all.flatMap((c) => [c.object, c.oldObject].filter((o) => o && !isRoute(o))));
  });

  // kubernetes-models does not check it; the conformance API server refused such Ingresses as invalid.
  test('every Ingress names rules or a default backend (the API server refuses one with neither)', () => {
    const ingresses = all.map((c) => c.object as any).filter((o) => o?.kind === 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    for (const ingress of ingresses) expect({ name: ingress.metadata.name, valid: (ingress.spec.rules ?? []).length > 0 || !!ingress.spec.defaultBackend }).toEqual({ name: ingress.metadata.name, valid: true });
  });

  test('every route object attaches to a gateway and names lowercase hostnames (the fields its policy reads)', () => {
    const routes = all.map((c) => c.object as any).filter(isRoute);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.kind).toBe('HTTPRoute');
      expect(route.spec.parentRefs).toEqual([{ name: 'gateway', namespace: 'ingress-gateway' }]);
      for (const host of route.spec.hostnames ?? []) expect(host).toMatch(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
    }
  });

  test('ids are unique per cluster and name the namespace, the identity and the attempt', () => {
    for (const cluster of Object.keys(corpus)) {
      expect(new Set(ids(cluster)).size).toBe(ids(cluster).length);
      for (const id of ids(cluster)) expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/);
    }
  });

  test("object names are DNS-1123 labels of at most 52 characters (CronJob's limit)", () => {
    for (const c of all) {
      const name = (c.object as any)?.metadata?.name ?? c.name;
      expect(name).toMatch(/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/);
    }
  });

  test('every denial names its layer, every policy denial its policy', () => {
    for (const c of all) {
      if (c.expect === 'denied') expect(c.deniedBy).toBeDefined();
      else expect(c.deniedBy).toBeUndefined();
      expect(!!c.policy).toBe(c.deniedBy === 'admission-policy');
      if (c.benchmark) expect(c.benchmark).toMatch(/^MTB-PL[12]-(BC|CC)-[A-Z]+-\d$/);
    }
  });

  test.each(examplePlatform.tenants!.map((t) => [t.name, t] as const))('%s: questioned as each of its groups, its service accounts, another tenant, the platform', (name, tenant) => {
    const cluster = tenant.clusters[0];
    const roles = new Set(corpus[cluster].filter((c) => c.id.startsWith(`${name}/`)).map((c) => c.id.split('/')[1]));
    for (const role of ['admin', 'developer', 'viewer'] as const) expect(roles.has(role)).toBe(!!tenant.groups[role]);
    for (const expected of ['deployer', 'platform-admin', 'controller-manager', ...(tenant.workloadIdentities ?? []).map((w) => `sa-${w.ksa}`)]) expect([...roles]).toContain(expected);
    const others = corpus[cluster].filter((c) => c.namespace === name && !c.id.startsWith(`${name}/`));
    const onCluster = examplePlatform.tenants!.filter((t) => t.clusters.includes(cluster));
    expect(others.length > 0).toBe(onCluster.length > 1);
    for (const c of others) expect(c).toMatchObject({ expect: 'denied', deniedBy: 'rbac' });
  });

  const attacks = [
    'pod-privileged',
    'pod-hostpath',
    'pod-hostnetwork',
    'pod-hostport',
    'pod-hostpid',
    'pod-hostipc',
    'pod-privilege-escalation',
    'service-nodeport',
    'service-externalips',
    'service-lb-annotation',
    'pod-system-priority',
    'pod-in-kube-system',
    'configmap-forged-platform-label',
    'pod-over-limit-range',
    'secret-sa-token-deployer',
    'ingress-no-class',
    'ingress-class-gce',
    'ingressclassname-gce',
    'ingress-global-static-ip',
    'ingress-regional-static-ip',
    'ingress-pre-shared-cert',
    'ingress-frontend-config',
    'ingress-other-host',
    'ingress-tls-other-host',
    'httproute-other-host',
    'httproute-no-hostnames',
    'pvc-volumename',
    'pod-inline-csi',
    'pod-ephemeral-volumename',
    'statefulset-claim-volumename',
    'service-externalname',
  ];
  const adminAttacks = [
    'role-escalate',
    'role-bind',
    'role-impersonate',
    'role-wildcard',
    'bind-cluster-admin',
    'clusterrole',
    'clusterrolebinding',
    'namespace',
    'networkpolicy-allow-all',
    'update-quota',
    'delete-limitrange',
    'delete-default-deny',
    'update-platform-rolebinding',
    'delete-platform-rolebinding',
    'update-platform-serviceaccount',
    'relabel-namespace',
    'bind-admin',
    'bind-edit',
    'role-token-request',
    'role-leases-cluster',
    'secret-sa-token',
  ];
  test.each(examplePlatform.tenants!.map((t) => [t.name, t] as const))('%s: every attack is asked, and refused', (name, tenant) => {
    const cluster = tenant.clusters[0];
    const writer = tenant.groups.developer ? 'developer' : 'admin';
    for (const what of attacks) expect(corpus[cluster].find((c) => c.id === `${name}/${writer}/${what}`)).toMatchObject({ expect: 'denied' });
    for (const what of adminAttacks) expect(corpus[cluster].find((c) => c.id === `${name}/admin/${what}`)).toMatchObject({ expect: 'denied' });
    expect(corpus[cluster].find((c) => c.id === `${name}/deployer/secret-sa-token`)).toMatchObject({ expect: 'denied', deniedBy: 'admission-policy', policy: 'platform-restrict-service-account-tokens' });
    // A LoadBalancer Service, and an internal Ingress, are admitted exactly when the tenant's quota grants load balancers.
    const lbs = tenant.quota?.loadBalancers ?? 0;
    expect(corpus[cluster].find((c) => c.id === `${name}/${writer}/service-loadbalancer`)).toMatchObject(lbs > 0 ? { expect: 'allowed' } : { expect: 'denied', deniedBy: 'quota' });
    expect(corpus[cluster].find((c) => c.id === `${name}/${writer}/ingress-internal-no-quota`)).toEqual(lbs > 0 ? undefined : expect.objectContaining({ deniedBy: 'admission-policy' }));
    // GPUs: over the quota the plan sized from the pools the tenant may use (0 without GPU pools).
    expect(corpus[cluster].find((c) => c.id === `${name}/${writer}/${tenant.dedicatedNodes?.kind === 'gpu' ? 'pod-gpu-over-quota' : 'pod-gpu'}`)).toMatchObject({ expect: 'denied', deniedBy: 'quota' });
  });

  test('what an admin may grant its own workloads is admitted: leader election, a role it holds, a Lease', () => {
    for (const tenant of examplePlatform.tenants!.filter((t) => t.groups.admin)) {
      for (const what of ['role-leases', 'bind-leader-election', 'bind-held-role', 'lease']) {
        expect(corpus[tenant.clusters[0]].find((c) => c.id === `${tenant.name}/admin/${what}`)).toMatchObject({ expect: 'allowed' });
      }
    }
  });

  test("honest exposure is admitted: an internal Ingress and routes on the tenant's own hosts, claims, identity-bound inline volumes", () => {
    expect(corpus['prod-usc1'].find((c) => c.id === 'routing/developer/ingress-own-host')).toMatchObject({ expect: 'allowed' });
    expect((corpus['prod-usc1'].find((c) => c.id === 'routing/developer/ingress-own-host')!.object as any).spec.rules[0].host).toBe('app.routing.drive.example.com');
    expect(corpus['payments-usc1'].find((c) => c.id === 'payments/developer/ingress-own-host')).toMatchObject({ expect: 'allowed' });
    expect(corpus['prod-usc1'].find((c) => c.id === 'mapping/developer/ingress-own-host')).toBeUndefined();
    for (const tenant of ['mapping', 'routing']) expect(corpus['prod-usc1'].find((c) => c.id === `${tenant}/developer/httproute-own-host`)).toMatchObject({ expect: 'allowed' });
    for (const tenant of examplePlatform.tenants!) {
      const writer = tenant.groups.developer ? 'developer' : 'admin';
      for (const what of ['pvc', 'pod-inline-gcsfuse']) expect(corpus[tenant.clusters[0]].find((c) => c.id === `${tenant.name}/${writer}/${what}`)).toMatchObject({ expect: 'allowed' });
    }
  });

  test("every pod kind that tolerates, selects or names another tenant's dedicated nodes is refused, for every pair", () => {
    const dedicated = ['ml-training', 'simulation'];
    for (const tenant of ['mapping', 'routing', 'simulation', 'ml-training']) {
      const writer = examplePlatform.tenants!.find((t) => t.name === tenant)!.groups.developer ? 'developer' : 'admin';
      for (const other of dedicated.filter((d) => d !== tenant)) {
        for (const kind of ['pod', 'deployment', 'replicaset', 'statefulset', 'daemonset', 'job', 'cronjob']) {
          for (const how of ['tolerates', 'selects', 'nodename']) {
            expect(corpus['prod-usc1'].find((c) => c.id === `${tenant}/${writer}/${kind}-${how}-${other}`)).toMatchObject({ expect: 'denied', deniedBy: 'admission-policy' });
          }
        }
      }
    }
  });

  test("the honest workloads are asked and expected admitted: ordinary kinds, the ML tenant's CPU pods, the simulation tenant's large pods", () => {
    for (const tenant of examplePlatform.tenants!) {
      const writer = tenant.groups.developer ? 'developer' : 'admin';
      for (const what of ['deployment', 'job', 'cronjob', 'pod', 'service', 'configmap', 'secret']) {
        expect(corpus[tenant.clusters[0]].find((c) => c.id === `${tenant.name}/${writer}/${what}`)).toMatchObject({ expect: 'allowed' });
      }
      expect(corpus[tenant.clusters[0]].find((c) => c.id === `${tenant.name}/admin/role`)).toMatchObject({ expect: 'allowed' });
    }
    expect(corpus['prod-usc1'].find((c) => c.id === 'ml-training/developer/cpu-only-pod')).toMatchObject({ expect: 'allowed' });
    const large = corpus['prod-usc1'].find((c) => c.id === 'simulation/developer/large-pod')!;
    expect(large.expect).toBe('allowed');
    // Sized from its n2-standard-32 nodes (31 cores, 117Gi for one container), not the 4-CPU cap every tenant once got.
    expect((podSpecOf(large.object!) as any).containers[0].resources.limits).toEqual({ cpu: '31', memory: '117Gi' });
  });

  test('admitted pods pass Pod Security restricted and the LimitRange; limit-range denials exceed it', () => {
    for (const [cluster, cases] of Object.entries(corpus)) {
      for (const c of cases) {
        const spec = c.object ? podSpecOf(c.object) : undefined;
        if (c.expect === 'allowed' && spec) expect({ id: c.id, problems: restrictedProblems(spec), over: overLimitRange(manifests[cluster], c) }).toEqual({ id: c.id, problems: [], over: [] });
        if (c.deniedBy === 'limit-range') expect(overLimitRange(manifests[cluster], c)).not.toEqual([]);
        if (c.deniedBy === 'pod-security') expect(restrictedProblems(spec)).not.toEqual([]);
      }
    }
  });

  test('admitted pods in a dedicated-nodes namespace select and tolerate its nodes', () => {
    for (const c of corpus['prod-usc1'].filter((x) => x.expect === 'allowed' && (x.namespace === 'simulation' || x.namespace === 'ml-training'))) {
      const spec = c.object ? (podSpecOf(c.object) as any) : undefined;
      if (!spec) continue;
      expect(spec.nodeSelector).toEqual({ tenant: c.namespace });
      expect(spec.tolerations).toContainEqual({ key: 'tenant', operator: 'Equal', value: c.namespace, effect: 'NoSchedule' });
    }
  });

  test('is derived from the definition, not the example: a new tenant gets its own cases', () => {
    const definition: PlatformDefinition = {
      ...examplePlatform,
      tenants: [...examplePlatform.tenants!, { name: 'perception', groups: { admin: 'perception-admins@example.com' }, clusters: ['prod-usc1'], labels: { team: 'perception', environment: 'prod', costCenter: 'cc-5501' } }],
    };
    // Not frozen: the new tenant has no recorded Terraform state (nothing is written: record is off).
    const platform = loadPlatform(definition, { lockFile: exampleLockFile, frozen: false, record: false, today: EXAMPLE_TODAY });
    const charts = buildClusterManifests(platform, 'unused', { today: EXAMPLE_TODAY })['prod-usc1'].charts;
    const cases = admissionCorpus(
      'prod-usc1',
      charts.flatMap((chart) => Testing.synth(chart)),
      definition,
    );
    expect(cases.find((c) => c.id === 'perception/admin/deployment')).toMatchObject({ expect: 'allowed', as: { groups: ['perception-admins@example.com'] } });
    expect(cases.find((c) => c.id === 'perception/admin/pod-nodename-simulation')).toMatchObject({ deniedBy: 'admission-policy' });
    expect(cases.find((c) => c.id === 'mapping/developer/secret-in-perception')).toMatchObject({ deniedBy: 'rbac' });
  });

  test("throws when the manifests lack a tenant's namespace", () => {
    expect(() =>
      admissionCorpus(
        'prod-usc1',
        manifests['prod-usc1'].filter((o) => !(o.kind === 'Namespace' && o.metadata.name === 'routing')),
        examplePlatform,
      ),
    ).toThrow('admission corpus for prod-usc1: the manifests hold no Namespace routing');
  });
});
