import type { ConnectivityIntent } from '../../../lib/domain/reachability/connectivity-intent';
import { evaluateIntent } from '../../../lib/domain/reachability/evaluate-intent';
import { egressHostImports, hostMatches, principalOf, stringMatches } from '../../../lib/domain/reachability/mesh-match';
import { DEFAULT_MESH_SETTINGS } from '../../../lib/domain/reachability/mesh-topology';
import { readMesh } from '../../../lib/domain/reachability/read-mesh';
import type { Topology } from '../../../lib/domain/reachability/topology';
import { formatVerification, verificationJson, verifyIntents } from '../../../lib/domain/reachability/verify-intents';
import { rule, topology } from './fixtures';

/*
 * The mesh layer on small hand-made manifests: namespaces a and b injected, c not; the firewall admits the pods and
 * no NetworkPolicy isolates anyone, so every verdict below is the mesh's.
 */
const internal = rule({ name: 'c1-internal', sourceRanges: ['100.64.0.0/20'], targetTags: ['gke-node'] });
const injected = { 'istio-injection': 'enabled' };
const namespaces = [
  { cluster: 'c1', name: 'a', labels: injected },
  { cluster: 'c1', name: 'b', labels: injected },
  { cluster: 'c1', name: 'c', labels: {} },
];
const meta = (kind: string, namespace: string, name = 'default') => ({ kind, metadata: { name, namespace } });
const sidecar = (namespace: string, hosts: string[], mode = 'REGISTRY_ONLY') => ({ apiVersion: 'networking.istio.io/v1', ...meta('Sidecar', namespace), spec: { egress: [{ hosts }], outboundTrafficPolicy: { mode } } });
const peer = (namespace: string, mode: string) => ({ apiVersion: 'security.istio.io/v1', ...meta('PeerAuthentication', namespace), spec: { mtls: { mode } } });
const authz = (namespace: string, spec: Record<string, unknown>, name = 'allow-declared') => ({ apiVersion: 'security.istio.io/v1', ...meta('AuthorizationPolicy', namespace, name), spec });
const admit = (...principals: string[]) => ({ action: 'ALLOW', rules: [{ from: [{ source: { principals } }] }] });
/** What the add-on emits for b when a depends on it: a's Sidecar lists b; b admits a; both STRICT. */
const baseline = () => [sidecar('a', ['./*', 'istio-system/*', 'b/*']), sidecar('b', ['./*', 'istio-system/*']), peer('a', 'STRICT'), peer('b', 'STRICT'), authz('b', admit('cluster.local/ns/b/sa/*', 'cluster.local/ns/a/sa/*'))];

function meshTopology(objects: unknown[], overrides: Partial<Topology> = {}): Topology {
  return topology({ firewalls: [internal], namespaces, mesh: readMesh([{ cluster: 'c1', objects }], DEFAULT_MESH_SETTINGS), ...overrides });
}
const tenant = (name: string) => ({ kind: 'tenant', tenant: name, cluster: 'c1' }) as const;
const judge = (objects: unknown[], intent: Partial<ConnectivityIntent> & Pick<ConnectivityIntent, 'from' | 'to'>, overrides: Partial<Topology> = {}) =>
  evaluateIntent(meshTopology(objects, overrides), { expect: 'allow', reason: 'test', ...intent });

describe('Istio matching rules', () => {
  test.each([
    ['cluster.local/ns/a/sa/*', true],
    ['cluster.local/ns/a/*', true],
    ['*', true],
    ['cluster.local/ns/b/sa/*', false],
    ['cluster.local/ns/a/sa/api', false],
    ['cluster.local/ns/a/sa/web-*', false],
    ['*/sa/api', false],
  ])('principal pattern %s matches a workload of a whose service account no policy names: %s', (pattern, expected) => {
    expect(stringMatches(pattern, principalOf('cluster.local', 'a'))).toBe(expected);
  });

  test('exact, prefix, suffix and presence matches; an empty value (plaintext) matches nothing', () => {
    expect([stringMatches('prod', 'prod'), stringMatches('pro*', 'prod'), stringMatches('*od', 'prod'), stringMatches('*', 'prod'), stringMatches('*', ''), stringMatches('x*', '')]).toEqual([true, true, true, true, false, false]);
  });

  test('dnsName: `*` every host, `*.suffix` hosts under it (wildcard hosts too), else exact', () => {
    expect(hostMatches('*', 'api.b.svc.cluster.local')).toBe(true);
    expect(hostMatches('*.b.svc.cluster.local', 'api.b.svc.cluster.local')).toBe(true);
    expect(hostMatches('*.googleapis.com', '*.googleapis.com')).toBe(true);
    expect(hostMatches('*.googleapis.com', 'googleapis.com')).toBe(false);
    expect(hostMatches('api.b.svc.cluster.local', 'web.b.svc.cluster.local')).toBe(false);
  });

  test.each([
    ['./*', 'a', true],
    ['./*', 'b', false],
    ['*/*', 'b', true],
    ['b/*', 'b', true],
    ['~/*', 'a', false],
    ['*/*.svc.cluster.local', 'b', true],
    ['b/api.b.svc.cluster.local', 'b', false],
    ['no-namespace-part', 'b', false],
  ])('Sidecar host %s of a namespace a imports the services of %s: %s', (entry, target, expected) => {
    expect(egressHostImports(entry, 'a', target, `<unnamed>.${target}.svc.cluster.local`)).toBe(expected);
  });
});

describe('the mesh layer: pod to pod between namespaces', () => {
  test('a declared dependency passes the Sidecar, STRICT mTLS and the ALLOW policy, each named', () => {
    const v = judge(baseline(), { from: tenant('a'), to: tenant('b') });
    expect(v).toMatchObject({ allowed: true, judged: true, met: true });
    expect(v.hops.filter((h) => h.kind === 'mesh').map((h) => [h.at, h.detail])).toEqual([
      ['Sidecar a/default', 'egress host b/* imports the services of b tcp/any port'],
      ['PeerAuthentication b/default', 'STRICT: mTLS from workloads of a'],
      ['AuthorizationPolicy b/allow-declared', 'ALLOW admits workloads of a tcp/any port (principal cluster.local/ns/a/sa/*)'],
    ]);
  });

  test('the sidecar acts before the NetworkPolicies and the receiver after them', () => {
    const v = judge(baseline(), { from: tenant('a'), to: tenant('b') });
    expect(v.hops.map((h) => h.kind)).toEqual(['mesh', 'network-policy', 'vpc-route', 'firewall', 'firewall', 'network-policy', 'mesh', 'mesh']);
  });

  test('a Sidecar without the dependency host refuses under REGISTRY_ONLY, naming the Sidecar', () => {
    const objects = baseline().map((o) => (o.kind === 'Sidecar' && o.metadata.namespace === 'a' ? sidecar('a', ['./*', 'istio-system/*']) : o));
    const v = judge(objects, { from: tenant('a'), to: tenant('b') });
    expect(v.message).toBe('tenant a on c1 → tenant b on c1 tcp/any port: DENIED at Sidecar a/default: REGISTRY_ONLY: no egress host imports the services of b (hosts: ./*, istio-system/*)');
    expect(v.decisive?.source).toBe('dist/c1: Sidecar a/default');
  });

  test('under ALLOW_ANY the unknown host leaves in plaintext through the passthrough cluster, and STRICT refuses it', () => {
    const objects = baseline().map((o) => (o.kind === 'Sidecar' && o.metadata.namespace === 'a' ? sidecar('a', ['./*'], 'ALLOW_ANY') : o));
    const v = judge(objects, { from: tenant('a'), to: tenant('b') });
    expect(v.message).toContain('DENIED at PeerAuthentication b/default: STRICT refuses plaintext from workloads of a: its sidecar sends plaintext');
  });

  test('an AuthorizationPolicy admitting the wrong namespace refuses: ALLOW policies present, the rest denied', () => {
    const objects = baseline().map((o) => (o.kind === 'AuthorizationPolicy' ? authz('b', admit('cluster.local/ns/b/sa/*', 'cluster.local/ns/z/sa/*')) : o));
    const v = judge(objects, { from: tenant('a'), to: tenant('b') });
    expect(v.message).toBe(
      'tenant a on c1 → tenant b on c1 tcp/any port: DENIED at AuthorizationPolicy b/allow-declared: no ALLOW rule admits workloads of a tcp/any port; ALLOW policies present (AuthorizationPolicy b/allow-declared), so the rest is denied',
    );
  });

  test('a namespace admitted by `namespaces` passes; without any ALLOW policy everything passes', () => {
    const byNamespace = baseline().map((o) => (o.kind === 'AuthorizationPolicy' ? authz('b', { rules: [{ from: [{ source: { namespaces: ['a'] } }] }] }) : o));
    expect(judge(byNamespace, { from: tenant('a'), to: tenant('b') }).allowed).toBe(true);
    const none = baseline().filter((o) => o.kind !== 'AuthorizationPolicy');
    expect(judge(none, { from: tenant('a'), to: tenant('b') }).hops.at(-1)).toMatchObject({ ok: true, detail: 'no ALLOW policy applies: allowed unless denied' });
  });

  test('DENY is evaluated first: it refuses what an ALLOW policy admits', () => {
    const objects = [...baseline(), authz('b', { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['a'] } }] }] }, 'deny-a')];
    expect(judge(objects, { from: tenant('a'), to: tenant('b') }).message).toContain('DENIED at AuthorizationPolicy b/deny-a: DENY matches workloads of a tcp/any port');
  });

  test('an ALLOW policy without rules admits nothing; a rule `{}` admits everything', () => {
    const denyAll = baseline().map((o) => (o.kind === 'AuthorizationPolicy' ? authz('b', {}) : o));
    expect(judge(denyAll, { from: tenant('a'), to: tenant('b') }).allowed).toBe(false);
    const allowAll = baseline().map((o) => (o.kind === 'AuthorizationPolicy' ? authz('b', { rules: [{}] }) : o));
    expect(judge(allowAll, { from: tenant('a'), to: tenant('b') }).allowed).toBe(true);
  });

  test('ports: a rule restricted to a port admits that port, not "any port"', () => {
    const objects = baseline().map((o) => (o.kind === 'AuthorizationPolicy' ? authz('b', { rules: [{ from: [{ source: { namespaces: ['a'] } }], to: [{ operation: { ports: ['8080'] } }] }] }) : o));
    expect(judge(objects, { from: tenant('a'), to: tenant('b'), port: 8080 }).allowed).toBe(true);
    expect(judge(objects, { from: tenant('a'), to: tenant('b'), port: 9090 }).allowed).toBe(false);
    expect(judge(objects, { from: tenant('a'), to: tenant('b') }).allowed).toBe(false);
  });

  test('policies of the root namespace apply mesh-wide', () => {
    const objects = [...baseline(), authz('istio-system', { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['a'] } }] }] }, 'mesh-deny-a')];
    expect(judge(objects, { from: tenant('a'), to: tenant('b') }).decisive).toMatchObject({ at: 'AuthorizationPolicy istio-system/mesh-deny-a' });
  });

  test('UDP bypasses the sidecar on both ends', () => {
    const v = judge([sidecar('a', ['./*']), peer('b', 'STRICT'), authz('b', admit('cluster.local/ns/b/sa/*'))], { from: tenant('a'), to: tenant('b'), protocol: 'udp', port: 53 });
    expect(v.allowed).toBe(true);
    expect(v.hops.filter((h) => h.kind === 'mesh').map((h) => h.detail)).toEqual(['udp/53 bypasses the sidecar (Istio proxies TCP only)', 'udp/53 bypasses the sidecar (Istio proxies TCP only)']);
  });

  test('without Istio objects or injected namespaces in the output there is no mesh layer', () => {
    const v = evaluateIntent(topology({ firewalls: [internal] }), { from: tenant('a'), to: tenant('b'), expect: 'allow', reason: 'test' });
    expect(v.hops.some((h) => h.kind === 'mesh')).toBe(false);
  });
});

describe('PeerAuthentication: a source outside the mesh', () => {
  const fromC = { from: tenant('c'), to: tenant('b') } as const;
  const open = (mode: string) => [peer('b', mode), authz('b', { rules: [{}] })];

  test('STRICT refuses plaintext from a namespace without injection', () => {
    expect(judge(open('STRICT'), fromC).message).toContain('DENIED at PeerAuthentication b/default: STRICT refuses plaintext from workloads of c: c is not in the mesh');
  });

  test('PERMISSIVE accepts it, and then principals cannot match (no identity in plaintext)', () => {
    expect(judge(open('PERMISSIVE'), fromC)).toMatchObject({ allowed: true });
    const byPrincipal = [peer('b', 'PERMISSIVE'), authz('b', admit('*'))];
    expect(judge(byPrincipal, fromC).message).toContain('no ALLOW rule admits workloads of c tcp/any port (plaintext: no principal or namespace to match)');
  });

  test('an ipBlocks rule admits a plaintext source by address', () => {
    const objects = [peer('b', 'PERMISSIVE'), authz('b', { rules: [{ from: [{ source: { ipBlocks: ['10.200.0.0/16'] } }] }] })];
    const fw = rule({ name: 'site-in', sourceRanges: ['10.200.0.0/16'], targetTags: ['gke-node'] });
    const v = judge(objects, { from: { kind: 'remote', network: 'site' }, to: tenant('b') }, { firewalls: [internal, fw] });
    expect(v.hops.find((h) => h.at === 'AuthorizationPolicy b/allow-declared')).toMatchObject({ ok: true, permits: true });
  });

  test('an off-cluster source that does not pass through an ingress gateway is plaintext: STRICT refuses it', () => {
    const fw = rule({ name: 'site-in', sourceRanges: ['10.200.0.0/16'], targetTags: ['gke-node'] });
    const v = judge(open('STRICT'), { from: { kind: 'remote', network: 'site' }, to: tenant('b') }, { firewalls: [internal, fw] });
    expect(v.decisive).toMatchObject({ at: 'PeerAuthentication b/default', detail: expect.stringContaining('it is outside the mesh (and does not pass through an ingress gateway)') });
  });

  test("UNSET inherits the root namespace's mode; none at all is PERMISSIVE (Istio's default)", () => {
    expect(judge([peer('b', 'UNSET'), peer('istio-system', 'STRICT')], fromC).decisive?.at).toBe('PeerAuthentication istio-system/default');
    expect(judge([authz('b', { rules: [{}] })], fromC).hops.find((h) => h.kind === 'mesh')?.detail).toBe("PERMISSIVE accepts plaintext from workloads of c (Istio's default when no PeerAuthentication applies)");
  });
});

describe('egress to outside the cluster under REGISTRY_ONLY', () => {
  const entry = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'networking.istio.io/v1', ...meta('ServiceEntry', 'a', name), spec: { location: 'MESH_EXTERNAL', resolution: 'NONE', exportTo: ['.'], ...spec } });
  const site = { from: tenant('a'), to: { kind: 'remote', network: 'site', range: '10.200.8.0/24' }, port: 443 } as const;

  test('a ServiceEntry whose addresses cover the destination lets it out; none refuses at the Sidecar', () => {
    const se = entry('external-1', { hosts: ['external-1.a.mesh-external'], addresses: ['10.200.0.0/16'], ports: [{ number: 443, protocol: 'TCP', name: 'tcp-443' }] });
    expect(judge([sidecar('a', ['./*']), se], site).hops[0]).toMatchObject({ at: 'Sidecar a/default', ok: true, permits: true, source: 'dist/c1: ServiceEntry a/external-1' });
    expect(judge([sidecar('a', ['./*'])], site).message).toContain('DENIED at Sidecar a/default: REGISTRY_ONLY: no ServiceEntry it imports covers 10.200.8.0/24 tcp/443 (none imported)');
  });

  test('an entry the Sidecar does not import, or on another port, does not count', () => {
    const se = entry('external-1', { hosts: ['x.mesh-external'], addresses: ['10.200.0.0/16'], ports: [{ number: 443, protocol: 'TCP', name: 'tcp-443' }] });
    expect(judge([sidecar('a', ['istio-system/*']), se], site).allowed).toBe(false);
    expect(judge([sidecar('a', ['./*']), se], { ...site, port: 8443 }).allowed).toBe(false);
  });

  test('a TLS entry without addresses matches Google API names (SNI), not an address', () => {
    const se = entry('google-apis', { hosts: ['*.googleapis.com'], ports: [{ number: 443, protocol: 'TLS', name: 'tls-443' }] });
    expect(judge([sidecar('a', ['./*']), se], { from: tenant('a'), to: { kind: 'google-apis' }, port: 443 }).hops.find((h) => h.kind === 'mesh')).toMatchObject({
      ok: true,
      detail: 'REGISTRY_ONLY: ServiceEntry a/google-apis (*.googleapis.com) covers Google API names tcp/443',
    });
    expect(judge([sidecar('a', ['./*']), se], { from: tenant('a'), to: { kind: 'internet' }, port: 443 }).allowed).toBe(false);
  });
});

describe('what the model does not judge: a "not modelled" verdict, never a guess', () => {
  test.each([
    [
      'an AuthorizationPolicy `when` condition',
      [sidecar('a', ['*/*']), authz('b', { rules: [{ from: [{ source: { namespaces: ['a'] } }], when: [{ key: 'request.auth.claims[iss]', values: ['x'] }] }] })],
      'AuthorizationPolicy b/allow-declared',
      'not modelled: spec.rules[0].when',
    ],
    ['a workload selector', [sidecar('a', ['*/*']), authz('b', { selector: { matchLabels: { app: 'api' } }, rules: [{}] })], 'AuthorizationPolicy b/allow-declared', 'not modelled: spec.selector'],
    ['HTTP methods', [sidecar('a', ['*/*']), authz('b', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })], 'AuthorizationPolicy b/allow-declared', 'not modelled: spec.rules[0].to[0].operation.methods'],
    ['a CUSTOM action', [sidecar('a', ['*/*']), authz('b', { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{}] })], 'AuthorizationPolicy b/allow-declared', 'not modelled: spec.provider, spec.action=CUSTOM'],
    ['a Sidecar egress port', [{ ...sidecar('a', []), spec: { egress: [{ port: { number: 80, protocol: 'HTTP', name: 'http' }, hosts: ['*/*'] }] } }], 'Sidecar a/default', 'not modelled: spec.egress[0].port'],
    ['port-level mTLS', [sidecar('a', ['*/*']), { ...peer('b', 'STRICT'), spec: { mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'DISABLE' } } } }], 'PeerAuthentication b/default', 'not modelled: spec.portLevelMtls'],
    [
      'a VirtualService in the cluster',
      [sidecar('a', ['*/*']), { apiVersion: 'networking.istio.io/v1', ...meta('VirtualService', 'b', 'reroute'), spec: {} }],
      'VirtualService b/reroute',
      'not modelled: VirtualService can reroute or rewrite mesh traffic and is not judged',
    ],
  ])('%s', (_what, objects, at, detail) => {
    for (const expect_ of ['allow', 'deny'] as const) {
      const v = judge(objects, { from: tenant('a'), to: tenant('b'), expect: expect_ });
      expect(v).toMatchObject({ judged: false, met: false, allowed: false, decisive: { at, notModelled: true } });
      expect(v.decisive!.detail).toBe(detail);
      expect(v.message).toContain(`NOT MODELLED at ${at}`);
    }
  });

  test('the matrix and the JSON say "not modelled", and synthesis fails on it', () => {
    const t = meshTopology([sidecar('a', ['*/*']), authz('b', { rules: [{ when: [{ key: 'k', values: ['v'] }] }] })]);
    const result = verifyIntents(t, [{ id: 'x', from: tenant('a'), to: tenant('b'), expect: 'deny', reason: 'test' }]);
    expect(result.failures.map((v) => v.id)).toEqual(['x']);
    expect(formatVerification(result)).toMatch(/UNMET\s+deny\s+not modelled/);
    expect((verificationJson(result) as { verdicts: { verdict: string }[] }).verdicts[0].verdict).toBe('not modelled');
  });
});
