import { ValidationError } from '../../lib/domain/validation-error';
import { meshConnectivityIntents, serviceEntryProtocol, validateIstioSettings } from '../../lib/domain/addons/istio/mesh-plan';
import { addOnConnectivityIntents } from '../../lib/domain/addons/add-on-rules';
import { expectK8sSchemaValid, k8sSchemaErrors } from '../tenancy/validate-k8s';
import { examplePlatform } from '../../examples/drive-platform/platform';
import { allObjects, K8sObject, loadSeed, SEED_ADD_ONS, seedPlatform, synthSeed, withoutIstio } from './seed-fixtures';

const output = synthSeed();
const plan = output.platform.plan;
const TRUST_DOMAIN = 'cluster.local';
const meshObjects = allObjects(output).filter(({ object }) => object.apiVersion.includes('istio.io'));
const inNamespace = (cluster: string, ns: string) => (output.manifests[cluster][`tenant-${ns}`] ?? []) as K8sObject[];

/** NetworkPolicies: may pods of namespace `from` open a connection to pods of `to` (some port)? Both halves must allow it. */
function networkPoliciesAllow(cluster: string, from: string, to: string): boolean {
  const peerIs = (peer: any, policyNs: string, ns: string) =>
    peer.namespaceSelector ? peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'] === ns && Object.keys(peer.podSelector?.matchLabels ?? {}).length === 0 : !peer.ipBlock && policyNs === ns;
  const policies = (ns: string) => inNamespace(cluster, ns).filter((o) => o.kind === 'NetworkPolicy');
  const egress = policies(from).some((p) => (p.spec.egress ?? []).some((rule: any) => (rule.to ?? []).some((peer: any) => peerIs(peer, from, to))));
  const ingress = policies(to).some((p) => (p.spec.ingress ?? []).some((rule: any) => (rule.from ?? []).some((peer: any) => peerIs(peer, to, from))));
  return egress && ingress;
}

/** The mesh: does `from`'s Sidecar know `to`, and does `to`'s AuthorizationPolicy admit `from`'s workloads? */
function meshAllows(cluster: string, from: string, to: string): boolean {
  const sidecar = inNamespace(cluster, from).find((o) => o.kind === 'Sidecar');
  const hosts: string[] = sidecar ? sidecar.spec.egress.flatMap((e: any) => e.hosts) : [];
  const known = hosts.includes(`${to}/*`) || (from === to && hosts.includes('./*')) || hosts.includes('*/*');
  const principal = `${TRUST_DOMAIN}/ns/${from}/sa/some-workload`;
  const matches = (pattern: string) => (pattern.endsWith('*') ? principal.startsWith(pattern.slice(0, -1)) : pattern === principal);
  const authz = inNamespace(cluster, to).filter((o) => o.kind === 'AuthorizationPolicy');
  const admitted = authz.some((p) => p.spec.action === 'ALLOW' && p.spec.rules.some((r: any) => r.from.some((f: any) => (f.source.principals ?? []).some(matches))));
  return known && admitted;
}

describe('istio: per tenant namespace', () => {
  test('every Istio object validates against the Istio schema (@kubernetes-models/istio)', () => {
    expect(meshObjects.length).toBeGreaterThan(0);
    expectK8sSchemaValid(meshObjects.map((m) => m.object));
  });

  test('the schema check catches a wrong field (the validator is live)', () => {
    const bad = { ...meshObjects.find((m) => m.object.kind === 'Sidecar')!.object, spec: { outboundTrafficPolicy: { mode: 'ALLOW_EVERYTHING' } } };
    expect(k8sSchemaErrors([bad])[0].message).toMatch(/outboundTrafficPolicy\/mode must be equal to one of the allowed values/);
  });

  test.each(plan.tenants.flatMap((t) => t.clusters.map((c) => [t.name, c])))('%s on %s: injection label, Sidecar, STRICT mTLS, AuthorizationPolicy', (tenant, cluster) => {
    const objects = inNamespace(cluster, tenant);
    expect(objects.find((o) => o.kind === 'Namespace')!.metadata.labels!['istio-injection']).toBe('enabled');
    const sidecar = objects.find((o) => o.kind === 'Sidecar')!;
    expect(sidecar.metadata).toMatchObject({ name: 'default', namespace: tenant });
    expect(sidecar.spec.outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
    const deps = [...plan.tenants.find((t) => t.name === tenant)!.resolved.dependencies.tenants].sort();
    expect(sidecar.spec.egress).toEqual([{ hosts: ['./*', 'istio-system/*', ...deps.map((d) => `${d}/*`)] }]);
    expect(objects.find((o) => o.kind === 'PeerAuthentication')!.spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(objects.find((o) => o.kind === 'AuthorizationPolicy')!.spec.action).toBe('ALLOW');
    const istiod = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'allow-egress-to-istiod')!;
    expect(istiod.spec.egress).toEqual([{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { app: 'istiod' } } }], ports: [{ protocol: 'TCP', port: 15012 }] }]);
  });

  test('the AuthorizationPolicy admits the own namespace and dependents, then declared ingress sources, by principal', () => {
    const routing = inNamespace('prod-usc1', 'routing').find((o) => o.kind === 'AuthorizationPolicy')!;
    expect(routing.spec.rules).toEqual([{ from: [{ source: { principals: ['cluster.local/ns/routing/sa/*', 'cluster.local/ns/mapping/sa/*'] } }] }]);
    const mapping = inNamespace('prod-usc1', 'mapping').find((o) => o.kind === 'AuthorizationPolicy')!;
    expect(mapping.spec.rules).toEqual([{ from: [{ source: { principals: ['cluster.local/ns/mapping/sa/*'] } }] }, { from: [{ source: { principals: ['cluster.local/ns/ingress-gateway/sa/*'] } }] }]);
  });

  test('an external dependency is a ServiceEntry only its namespace sees (REGISTRY_ONLY would cut it off otherwise)', () => {
    const entries = inNamespace('prod-usc1', 'simulation').filter((o) => o.kind === 'ServiceEntry' && o.metadata.name.startsWith('external-'));
    expect(entries.map((e) => e.spec)).toEqual([
      { hosts: ['external-1.simulation.mesh-external'], addresses: ['10.8.0.0/16'], ports: [{ number: 443, protocol: 'TCP', name: 'tcp-443' }], location: 'MESH_EXTERNAL', resolution: 'NONE', exportTo: ['.'] },
    ]);
    expect(inNamespace('prod-usc1', 'mapping').filter((o) => o.kind === 'ServiceEntry' && o.metadata.name.startsWith('external-'))).toEqual([]);
  });

  test.each(plan.tenants.map((t) => [t.name, t.clusters[0]]))('%s keeps Google APIs and the metadata server (Workload Identity) under REGISTRY_ONLY', (tenant, cluster) => {
    const entries = Object.fromEntries(
      inNamespace(cluster, tenant)
        .filter((o) => o.kind === 'ServiceEntry')
        .map((o) => [o.metadata.name, o.spec]),
    );
    expect(entries['google-apis']).toEqual({ hosts: ['*.googleapis.com'], ports: [{ number: 443, protocol: 'TLS', name: 'tls-443' }], location: 'MESH_EXTERNAL', resolution: 'NONE', exportTo: ['.'] });
    expect(entries['metadata-server']).toMatchObject({ addresses: ['169.254.169.254/32'], exportTo: ['.'] });
    // The same ports the tenant's NetworkPolicy opens to the metadata server.
    const np = inNamespace(cluster, tenant).find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'allow-metadata-server')!;
    expect(entries['metadata-server'].ports.map((p: any) => p.number)).toEqual(np.spec.egress[0].ports.map((p: any) => p.port));
  });
});

describe('istio: the mesh and the NetworkPolicies agree', () => {
  const pairs = plan.clusters.flatMap((c) => {
    const here = plan.tenants.filter((t) => t.clusters.includes(c.name)).map((t) => t.name);
    return here.flatMap((a) => here.map((b) => [c.name, a, b] as const));
  });

  test.each(pairs)('%s: %s → %s', (cluster, from, to) => {
    const np = networkPoliciesAllow(cluster, from, to);
    expect(meshAllows(cluster, from, to)).toBe(np);
    // And both follow the definition: the own namespace, or a declared dependency.
    const declared = from === to || plan.tenants.find((t) => t.name === from)!.resolved.dependencies.tenants.includes(to);
    expect(np).toBe(declared);
  });

  test('the pairs cover both verdicts (mapping → routing allowed, routing → mapping denied)', () => {
    expect([meshAllows('prod-usc1', 'mapping', 'routing'), meshAllows('prod-usc1', 'routing', 'mapping')]).toEqual([true, false]);
  });

  test("the add-on contributes the mesh's intents: declared pairs allowed, every other pair denied", () => {
    // The intents of the add-on's traffic needs (add-on/istio/...) are judged in traffic-needs tests.
    const intents = addOnConnectivityIntents(plan, SEED_ADD_ONS).filter((i) => i.reason.startsWith('istio:') && !i.id?.startsWith('add-on/istio/'));
    expect(intents).toEqual(meshConnectivityIntents(plan));
    expect(intents.filter((i) => i.expect === 'allow').map((i) => [i.from, i.to])).toEqual([
      [
        { kind: 'tenant', tenant: 'mapping', cluster: 'prod-usc1' },
        { kind: 'tenant', tenant: 'routing', cluster: 'prod-usc1' },
      ],
    ]);
    for (const intent of intents) {
      const { from, to } = intent as any;
      expect(intent.expect === 'allow').toBe(meshAllows(from.cluster, from.tenant, to.tenant));
    }
  });
});

describe('istio settings', () => {
  test("throws when the system namespace is a tenant's, naming the add-on, field, value and fix (through loadPlatform)", () => {
    expect(() => loadSeed({ ...seedPlatform, addOns: [{ name: 'istio', settings: { systemNamespace: 'mapping' } }] }, SEED_ADD_ONS)).toThrow(
      /addOns\[istio\]: settings\.systemNamespace "mapping" is the namespace of a tenant; rename the tenant or point systemNamespace at the mesh's own namespace/,
    );
  });

  test.each([
    [{ systemNamespace: 'Istio_System' }, /settings\.systemNamespace "Istio_System" is not a DNS-1123 label; use e\.g\. 'istio-system'/],
    [{ trustDomain: 'not a domain' }, /settings\.trustDomain "not a domain" is not a lower-case DNS name; use the mesh's trust domain/],
  ])('throws when settings are %j', (settings, message) => {
    expect(() => {
      throw new ValidationError(validateIstioSettings(settings, examplePlatform));
    }).toThrow(message);
  });

  const withSimulationPorts = (ports: { port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[]) => ({
    ...seedPlatform,
    tenants: seedPlatform.tenants!.map((t) => (t.name === 'simulation' ? { ...t, dependencies: { ...t.dependencies, external: [{ cidr: '10.8.0.0/16', ports }] } } : t)),
  });

  test('throws when an external dependency declares SCTP, which no ServiceEntry carries (through loadPlatform, as plan --check and synthesis run it)', () => {
    expect(() => loadSeed(withSimulationPorts([{ port: 443 }, { port: 3868, protocol: 'SCTP' }]), SEED_ADD_ONS)).toThrow(
      /tenants\[simulation\]: dependencies\.external\[0\]\.ports\[1\]\.protocol "SCTP" is SCTP, which the istio add-on's mesh cannot carry \(an Istio ServiceEntry port has no SCTP protocol\); declare the dependency on a platform without the istio add-on, or use TCP/,
    );
  });

  test('SCTP external dependencies are accepted without the istio add-on (tenant validation allows SCTP)', () => {
    const definition = withSimulationPorts([{ port: 3868, protocol: 'SCTP' }]);
    expect(() =>
      loadSeed(
        withoutIstio(definition),
        SEED_ADD_ONS.filter((a) => a.name !== 'istio'),
      ),
    ).not.toThrow();
  });

  const withRoutingIngress = (ports: { port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[]) => ({
    ...seedPlatform,
    tenants: seedPlatform.tenants!.map((t) => (t.name === 'routing' ? { ...t, ingressSources: [{ cidr: '35.191.0.0/16', ports }] } : t)),
  });

  test('throws when an ingress source declares an SCTP port, which an AuthorizationPolicy cannot match (through loadPlatform)', () => {
    expect(() => loadSeed(withRoutingIngress([{ port: 8080 }, { port: 3868, protocol: 'SCTP' }]), SEED_ADD_ONS)).toThrow(
      /tenants\[routing\]: ingressSources\[0\]\.ports\[1\]\.protocol "SCTP" is SCTP, which the istio add-on's mesh cannot carry \(an Istio AuthorizationPolicy port matches TCP traffic only\); declare the ingress source on a platform without the istio add-on, or use TCP/,
    );
  });

  test('SCTP ingress ports are accepted without the istio add-on, and reach the NetworkPolicy as SCTP', () => {
    const definition = withRoutingIngress([{ port: 3868, protocol: 'SCTP' }]);
    const addOns = SEED_ADD_ONS.filter((a) => a.name !== 'istio');
    expect(() => loadSeed(withoutIstio(definition), addOns)).not.toThrow();
    const objects = synthSeed(withoutIstio(definition), addOns).manifests['prod-usc1']['tenant-routing'];
    expect(objects.some((o) => o.kind === 'AuthorizationPolicy')).toBe(false);
    const ports = objects.filter((o) => o.kind === 'NetworkPolicy').flatMap((o) => (o.spec.ingress ?? []).flatMap((r: { ports?: unknown[] }) => r.ports ?? []));
    expect(ports).toContainEqual({ protocol: 'SCTP', port: 3868 });
  });

  test('throws when a ServiceEntry protocol is asked for an SCTP port (no silent TCP); UDP and unset keep their protocol', () => {
    expect(() => serviceEntryProtocol({ port: 3868, protocol: 'SCTP' })).toThrow(/port 3868\/SCTP has no ServiceEntry protocol/);
    expect([serviceEntryProtocol({ port: 53, protocol: 'UDP' }), serviceEntryProtocol({ port: 443 }), serviceEntryProtocol({ port: 443, protocol: 'TCP' })]).toEqual(['UDP', 'TCP', 'TCP']);
  });

  test('a UDP external dependency is a UDP ServiceEntry port', () => {
    const out = synthSeed(withSimulationPorts([{ port: 443 }, { port: 53, protocol: 'UDP' }]), SEED_ADD_ONS);
    const entry = out.manifests['prod-usc1']['tenant-simulation'].find((o) => o.kind === 'ServiceEntry' && o.metadata.name === 'external-1')!;
    expect(entry.spec.ports).toEqual([
      { number: 443, protocol: 'TCP', name: 'tcp-443' },
      { number: 53, protocol: 'UDP', name: 'udp-53' },
    ]);
  });

  test('a CIDR ingress source with ports is admitted by range on those ports, and validates', () => {
    const withCidr = { ...seedPlatform, tenants: seedPlatform.tenants!.map((t) => (t.name === 'routing' ? { ...t, ingressSources: [{ cidr: '35.191.0.0/16', ports: [{ port: 8080 }] }] } : t)) };
    const authz = synthSeed(withCidr, SEED_ADD_ONS).manifests['prod-usc1']['tenant-routing'].find((o) => o.kind === 'AuthorizationPolicy')!;
    expect(authz.spec.rules[1]).toEqual({ from: [{ source: { ipBlocks: ['35.191.0.0/16'] } }], to: [{ operation: { ports: ['8080'] } }] });
    expectK8sSchemaValid([authz]);
  });

  test('a trust domain setting changes every principal', () => {
    const out = synthSeed({ ...seedPlatform, addOns: [{ name: 'istio', settings: { trustDomain: 'mesh.example.com' } }] }, SEED_ADD_ONS);
    const authz = out.manifests['prod-usc1']['tenant-routing'].find((o) => o.kind === 'AuthorizationPolicy')!;
    expect(authz.spec.rules[0].from[0].source.principals).toEqual(['mesh.example.com/ns/routing/sa/*', 'mesh.example.com/ns/mapping/sa/*']);
  });
});
