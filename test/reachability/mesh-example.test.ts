import fc from 'fast-check';
import type { SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { evaluateIntent } from '../../lib/domain/reachability/evaluate-intent';
import { readSynthesized } from '../../lib/domain/reachability/read-synthesized';
import { synthesisContext, verifySynthesized } from '../../lib/report/verify-connectivity';
import { clone, MESH_EXAMPLE_EXPECTED_VERDICTS, meshManifestsOf, synthesizedMeshExample } from './example-model';

/*
 * The example with its add-ons, as `npm run synth` writes it: the Istio objects in dist/ put the mesh layer on
 * every tenant leg. Every verdict still holds; mutations of the mesh objects fail exactly the intents that use them.
 */
const { definition, output, addOnIntents, addOnAuthorized } = synthesizedMeshExample();
const judge = (o: SynthesizedPlatform, d: PlatformDefinition = definition) => verifySynthesized(d, o, addOnIntents, addOnAuthorized).result;
const baseline = judge(output);
const verdict = (id: string) => baseline.verdicts.find((v) => v.id === id)!;

type Obj = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: any };
/** Changes the objects of prod-usc1 (or another cluster) and judges again. */
function mutate(change: (objects: Obj[]) => Obj[], cluster = 'prod-usc1') {
  const mutated = clone(output) as SynthesizedPlatform;
  const m = mutated.manifests.find((x) => x.cluster === cluster) as unknown as { objects: Obj[] };
  m.objects = change(m.objects);
  return judge(mutated).failures;
}
const find = (objects: Obj[], kind: string, namespace: string) => objects.find((o) => o.kind === kind && (o.metadata.namespace ?? o.metadata.name) === namespace)!;

describe('the example with the mesh layer', () => {
  test("every intent is met, the add-ons' included, and the mesh judged every tenant leg", () => {
    expect(baseline.failures.map((v) => v.message)).toEqual([]);
    expect(baseline.verdicts).toHaveLength(MESH_EXAMPLE_EXPECTED_VERDICTS.length + addOnIntents.length);
    expect(baseline.verdicts.every((v) => v.judged)).toBe(true);
  });

  test.each([...MESH_EXAMPLE_EXPECTED_VERDICTS])('%s is still %s', (id, outcome) => {
    expect(verdict(id).allowed ? 'allowed' : 'denied').toBe(outcome);
    expect(verdict(id).met).toBe(true);
  });

  test('a declared dependency crosses the Sidecar, STRICT mTLS and the AuthorizationPolicy of the output', () => {
    expect(
      verdict('tenant-dependency/mapping->routing@prod-usc1')
        .hops.filter((h) => h.kind === 'mesh')
        .map((h) => [h.at, h.source]),
    ).toEqual([
      ['Sidecar mapping/default', 'dist/prod-usc1: Sidecar mapping/default'],
      ['PeerAuthentication routing/default', 'dist/prod-usc1: PeerAuthentication routing/default'],
      ['AuthorizationPolicy routing/allow-declared', 'dist/prod-usc1: AuthorizationPolicy routing/allow-declared'],
    ]);
  });

  test('an undeclared pair is refused first by its own Sidecar (REGISTRY_ONLY)', () => {
    expect(verdict('tenant-isolation/routing->mapping@prod-usc1').hops).toEqual([
      expect.objectContaining({ kind: 'mesh', at: 'Sidecar routing/default', ok: false, detail: 'REGISTRY_ONLY: no egress host imports the services of mapping (hosts: ./*, istio-system/*)' }),
    ]);
  });

  test('egress out of the cluster passes through the ServiceEntries the add-on emits', () => {
    expect(verdict('google-apis/mapping@prod-usc1').hops.find((h) => h.kind === 'mesh')).toMatchObject({ ok: true, source: 'dist/prod-usc1: ServiceEntry mapping/google-apis' });
    expect(verdict('external-dependency/simulation@prod-usc1/10.8.0.0/16/443').hops.find((h) => h.kind === 'mesh')).toMatchObject({ ok: true, source: 'dist/prod-usc1: ServiceEntry simulation/external-1' });
    expect(verdict('private-services/payments@payments-usc1').hops.find((h) => h.kind === 'mesh')).toMatchObject({ ok: true, source: 'dist/payments-usc1: ServiceEntry payments/private-services' });
    expect(verdict('ml-training-no-internet').decisive).toBeUndefined();
    expect(verdict('ml-training-no-internet').hops.at(-1)).toMatchObject({ at: 'Sidecar ml-training/default', ok: false });
  });
});

describe('the mesh and the NetworkPolicies agree, each judged alone by the model', () => {
  const topology = readSynthesized(output, synthesisContext(definition));
  const meshOnly = { ...topology, networkPolicies: [] };
  const policiesOnly = { ...topology, mesh: undefined };
  const pairs = definition.clusters.flatMap((c) => {
    const here = definition.tenants!.filter((t) => t.clusters.includes(c.name)).map((t) => t.name);
    return here.flatMap((a) => here.filter((b) => b !== a).map((b) => [c.name, a, b] as const));
  });

  test.each(pairs)('%s: %s → %s', (cluster, a, b) => {
    const intent = { from: { kind: 'tenant', tenant: a, cluster }, to: { kind: 'tenant', tenant: b, cluster }, expect: 'allow', reason: 'agreement' } as const;
    const mesh = evaluateIntent(meshOnly, intent);
    const policies = evaluateIntent(policiesOnly, intent);
    const declared = (definition.tenants!.find((t) => t.name === a)!.dependencies?.tenants ?? []).includes(b);
    expect([mesh.judged, mesh.allowed, policies.allowed]).toEqual([true, declared, declared]);
    // Each layer alone decides with its own objects.
    expect(mesh.hops.some((h) => h.kind === 'mesh' && (h.permits || !h.ok))).toBe(true);
    expect(policies.hops.some((h) => h.kind === 'mesh')).toBe(false);
  });
});

describe('mutations of the mesh objects in the output', () => {
  test('the unmutated output meets every intent', () => {
    expect(baseline.failures).toEqual([]);
  });

  test('removing the dependency host from one Sidecar fails exactly that dependency, at the mesh layer, naming the Sidecar', () => {
    const failures = mutate((objects) => {
      const sidecar = find(objects, 'Sidecar', 'mapping');
      sidecar.spec.egress[0].hosts = sidecar.spec.egress[0].hosts.filter((h: string) => h !== 'routing/*');
      return objects;
    });
    expect(failures.map((v) => v.id).sort()).toEqual(['add-on/0', 'tenant-dependency/mapping->routing@prod-usc1']);
    for (const v of failures) {
      expect(v.decisive).toMatchObject({ kind: 'mesh', at: 'Sidecar mapping/default', source: 'dist/prod-usc1: Sidecar mapping/default' });
      expect(v.message).toBe('tenant mapping on prod-usc1 → tenant routing on prod-usc1 tcp/any port: DENIED at Sidecar mapping/default: REGISTRY_ONLY: no egress host imports the services of routing (hosts: ./*, istio-system/*)');
    }
  });

  test('an AuthorizationPolicy admitting the wrong namespace fails the dependency at that policy, and admits nobody else', () => {
    const failures = mutate((objects) => {
      const policy = find(objects, 'AuthorizationPolicy', 'routing');
      policy.spec.rules[0].from[0].source.principals = ['cluster.local/ns/routing/sa/*', 'cluster.local/ns/simulation/sa/*'];
      return objects;
    });
    expect(failures.map((v) => v.id).sort()).toEqual(['add-on/0', 'tenant-dependency/mapping->routing@prod-usc1']);
    expect(failures[0].message).toContain('DENIED at AuthorizationPolicy routing/allow-declared: no ALLOW rule admits workloads of mapping tcp/any port');
  });

  describe('a source outside the mesh (mapping without sidecar injection)', () => {
    const uninjected = (objects: Obj[]) => objects.map((o) => (o.kind === 'Namespace' && o.metadata.name === 'mapping' ? { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, 'istio-injection': 'disabled' } } } : o));

    test("STRICT refuses its plaintext at routing's PeerAuthentication", () => {
      const failures = mutate(uninjected);
      expect(failures.map((v) => v.id).sort()).toEqual(['add-on/0', 'tenant-dependency/mapping->routing@prod-usc1']);
      expect(failures[0].message).toContain('DENIED at PeerAuthentication routing/default: STRICT refuses plaintext from workloads of mapping: mapping is not in the mesh');
    });

    test('PERMISSIVE lets it in, and the principal-based AuthorizationPolicy then refuses it (plaintext has no principal)', () => {
      const failures = mutate((objects) => {
        const changed = uninjected(objects);
        find(changed, 'PeerAuthentication', 'routing').spec.mtls.mode = 'PERMISSIVE';
        return changed;
      });
      expect(failures.map((v) => v.id).sort()).toEqual(['add-on/0', 'tenant-dependency/mapping->routing@prod-usc1']);
      const hops = failures[0].hops.filter((h) => h.kind === 'mesh');
      expect(hops.map((h) => [h.at, h.ok])).toEqual([
        ['PeerAuthentication routing/default', true],
        ['AuthorizationPolicy routing/allow-declared', false],
      ]);
      expect(failures[0].decisive!.detail).toContain('(plaintext: no principal or namespace to match)');
    });
  });

  test('without the private-services ServiceEntry, REGISTRY_ONLY cuts payments off Cloud SQL (the defect the mesh layer found)', () => {
    const failures = mutate((objects) => objects.filter((o) => !(o.kind === 'ServiceEntry' && o.metadata.name === 'private-services')), 'payments-usc1');
    expect(failures.map((v) => v.message)).toEqual([
      'tenant payments on payments-usc1 → private services (PSA) tcp/3307: DENIED at Sidecar payments/default: REGISTRY_ONLY: no ServiceEntry it imports covers 10.0.16.0/20 tcp/3307 (payments/google-apis, payments/metadata-server, payments/add-on-vault)',
    ]);
  });

  test('a DestinationRule in the cluster makes every mesh leg there "not modelled", allow and deny intents alike', () => {
    const failures = mutate((objects) => [
      ...objects,
      { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'plain', namespace: 'routing' }, spec: { host: '*', trafficPolicy: { tls: { mode: 'DISABLE' } } } } as unknown as Obj,
    ]);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((v) => !v.judged && v.message.includes('NOT MODELLED at DestinationRule routing/plain'))).toBe(true);
    expect(failures.map((v) => v.id)).toContain('tenant-isolation/routing->mapping@prod-usc1');
  });
});

describe('adding a tenant dependency, with the mesh', () => {
  const cluster = 'prod-usc1';
  const tenants = definition.tenants!.filter((t) => t.clusters.includes(cluster)).map((t) => t.name);
  const declares = (a: string, b: string) => (definition.tenants!.find((t) => t.name === a)!.dependencies?.tenants ?? []).includes(b);
  const undeclared = tenants.flatMap((a) => tenants.filter((b) => b !== a && !declares(a, b)).map((b) => [a, b] as const));
  const meshObjects = (manifests: SynthesizedPlatform['manifests']) =>
    new Map(manifests.flatMap((m) => m.objects.filter((o: any) => o.apiVersion.includes('istio.io')).map((o: any) => [`${m.cluster}:${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, JSON.stringify(o.spec)] as const)));
  const pairKey = (v: { intent: { from: unknown; to: unknown; protocol?: string; port?: number } }) => JSON.stringify([v.intent.from, v.intent.to, v.intent.protocol, v.intent.port]);

  test("changes exactly the dependent's Sidecar and the dependency's AuthorizationPolicy, and flips only the pair's verdicts", () => {
    fc.assert(
      fc.property(fc.constantFrom(...undeclared), ([a, b]) => {
        const changed: PlatformDefinition = { ...definition, tenants: definition.tenants!.map((t) => (t.name === a ? { ...t, dependencies: { ...t.dependencies, tenants: [...(t.dependencies?.tenants ?? []), b] } } : t)) };
        // Terraform does not change with a dependency: only the manifests do.
        const { manifests, addOnIntents: intents, addOnAuthorized: authorized } = meshManifestsOf(changed);
        const after = { stacks: output.stacks, manifests };
        const before = meshObjects(output.manifests);
        const now = meshObjects(after.manifests);
        const diff = [...now.keys()].filter((k) => before.get(k) !== now.get(k));
        expect(diff.sort()).toEqual([`${cluster}:AuthorizationPolicy ${b}/allow-declared`, `${cluster}:Sidecar ${a}/default`]);

        const result = verifySynthesized(changed, after, intents, authorized).result;
        expect(result.failures).toEqual([]);
        const was = new Map(baseline.verdicts.map((v) => [pairKey(v), v.allowed]));
        const flipped = [...new Set(result.verdicts.filter((v) => was.get(pairKey(v)) !== v.allowed).map(pairKey))];
        expect(flipped).toEqual([pairKey({ intent: { from: { kind: 'tenant', tenant: a, cluster }, to: { kind: 'tenant', tenant: b, cluster } } })]);
      }),
      { numRuns: undeclared.length },
    );
  });
});
