import fc from 'fast-check';
import type { ConnectivityIntent } from '../../../lib/domain/reachability/connectivity-intent';
import { expandIntents, IntentEntry, IntentSet, pairIntentId } from '../../../lib/domain/reachability/intent-set';
import { DEFAULT_MESH_SETTINGS } from '../../../lib/domain/reachability/mesh-topology';
import { readMesh } from '../../../lib/domain/reachability/read-mesh';
import type { LabelSelector, NetworkPolicyModel, NetworkPolicyPeer, NetworkPolicyRule, Topology } from '../../../lib/domain/reachability/topology';
import { VerificationResult, verifyIntents, verifyIntentSet } from '../../../lib/domain/reachability/verify-intents';
import { cluster, rule, topology } from './fixtures';

/*
 * Property: judging the tenant pairs by classes gives the verdicts of judging every pair, on random models. The
 * models are built to make classes hard: NetworkPolicies selecting namespaces by name, by shared labels, by
 * negative and empty selectors, with ports and pod selectors; Istio Sidecars, PeerAuthentications and
 * AuthorizationPolicies naming namespaces and principals exactly, by prefix, suffix and wildcard, some with fields
 * the model does not judge; tenants without a namespace; clusters whose firewall drops pod traffic; declared
 * dependencies and accepted gaps.
 */

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'ab'];
const CLUSTERS = [
  { name: 'c1', nodes: '10.0.0.0/24', pods: '100.64.0.0/20' },
  { name: 'c2', nodes: '10.0.1.0/24', pods: '100.64.16.0/20' },
];

const name = fc.constantFrom(...NAMES);
const selector: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  name.map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.subarray(NAMES, { minLength: 1 }).map((values) => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values }] })),
  fc.constantFrom('prod', 'dev').map((env) => ({ matchLabels: { env } })),
  fc.constant({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }),
  name.map((n) => ({ matchLabels: { team: n } })),
);
const peer: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  selector.map((namespaceSelector) => ({ namespaceSelector })),
  selector.map((namespaceSelector) => ({ namespaceSelector, podSelector: { matchLabels: { app: 'api' } } })),
  fc.constant({ podSelector: {} }),
  fc.constant({ ipBlock: { cidr: '0.0.0.0/0' } }),
);
const policyRule: fc.Arbitrary<NetworkPolicyRule> = fc.record({ peers: fc.array(peer, { maxLength: 2 }), ports: fc.constantFrom([{ port: 443 }], [{ protocol: 'TCP' }], []) }, { requiredKeys: [] });
const policy = (clusterName: string, namespace: string, i: number): fc.Arbitrary<NetworkPolicyModel> =>
  fc
    .record({
      podSelector: fc.constantFrom({}, { matchLabels: { app: 'api' } }),
      policyTypes: fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[], { minLength: 1 }),
      ingress: fc.array(policyRule, { maxLength: 2 }),
      egress: fc.array(policyRule, { maxLength: 2 }),
    })
    .map((p) => ({ ...p, cluster: clusterName, namespace, name: `p${i}`, at: `test: ${namespace}/p${i}` }));

const principal = fc.oneof(
  name.map((n) => `cluster.local/ns/${n}/sa/*`),
  name.map((n) => `cluster.local/ns/${n}*`),
  name.map((n) => `cluster.local/ns/${n}/sa/api`),
  fc.constantFrom('*', '*/sa/<unnamed>', 'cluster.local/ns/istio-system/sa/*'),
);
const namespacePattern = fc.oneof(
  name,
  name.map((n) => `${n}*`),
  fc.constantFrom('*', '*b'),
);
const source = fc.record(
  {
    principals: fc.array(principal, { minLength: 1, maxLength: 2 }),
    notPrincipals: fc.array(principal, { minLength: 1, maxLength: 1 }),
    namespaces: fc.array(namespacePattern, { minLength: 1, maxLength: 2 }),
    notNamespaces: fc.array(namespacePattern, { minLength: 1, maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const host = fc.oneof(
  name.map((n) => `${n}/*`),
  name.map((n) => `*/*.${n}.svc.cluster.local`),
  name.map((n) => `${n}/api.${n}.svc.cluster.local`),
  fc.constantFrom('./*', '*/*', '~/*', '*/*.svc.cluster.local', 'istio-system/*'),
);
const meta = (kind: string, namespace: string, n: string) => ({ kind, metadata: { name: n, namespace } });
const meshObjects = (namespace: string): fc.Arbitrary<unknown[]> =>
  fc
    .record(
      {
        sidecar: fc.record({ hosts: fc.array(host, { minLength: 1, maxLength: 3 }), mode: fc.constantFrom('REGISTRY_ONLY', 'ALLOW_ANY', undefined) }),
        peer: fc.constantFrom('STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'),
        authz: fc.array(
          fc.record({
            action: fc.constantFrom('ALLOW', 'DENY', 'AUDIT'),
            from: fc.array(
              source.map((s) => ({ source: s })),
              { maxLength: 2 },
            ),
            unmodelled: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 9, arbitrary: fc.constant(false) }),
          }),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: [] },
    )
    .map((m) => [
      ...(m.sidecar
        ? [{ apiVersion: 'networking.istio.io/v1', ...meta('Sidecar', namespace, 'default'), spec: { egress: [{ hosts: m.sidecar.hosts }], ...(m.sidecar.mode ? { outboundTrafficPolicy: { mode: m.sidecar.mode } } : {}) } }]
        : []),
      ...(m.peer ? [{ apiVersion: 'security.istio.io/v1', ...meta('PeerAuthentication', namespace, 'default'), spec: { mtls: { mode: m.peer } } }] : []),
      ...(m.authz ?? []).map((z, i) => ({
        apiVersion: 'security.istio.io/v1',
        ...meta('AuthorizationPolicy', namespace, `z${i}`),
        spec: { action: z.action, rules: [{ from: z.from }], ...(z.unmodelled ? { selector: { matchLabels: { app: 'api' } } } : {}) },
      })),
    ]);

interface ClusterPlan {
  readonly tenants: string[];
  readonly placed: boolean[];
  readonly labels: Record<string, string>[];
  readonly podsAdmitted: boolean;
  readonly policies: NetworkPolicyModel[];
  readonly mesh: unknown[] | undefined;
  readonly declared: string[][];
  readonly gaps: boolean[];
}

/** How an undeclared link's policies name the other tenant. */
type Naming = 'name' | 'in' | 'team';
const NAMING: Record<Naming, (n: string) => LabelSelector> = {
  name: (n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } }),
  in: (n) => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [n, 'zz'] }] }),
  team: (n) => ({ matchLabels: { team: n } }),
};

/**
 * Default deny in most namespaces, random policies, and links: a tenant's egress to another and that one's ingress
 * from it (the policies of a declared dependency, here mostly undeclared: the breaches isolation intents catch),
 * with the mesh's admission of the caller where the cluster has a mesh.
 */
function policiesOf(clusterName: string, tenants: readonly string[], deny: readonly boolean[], random: readonly NetworkPolicyModel[], links: readonly Link[]): NetworkPolicyModel[] {
  const base = { cluster: clusterName, podSelector: {}, at: 'test' };
  return [
    ...tenants.flatMap((n, i) => (deny[i] ? [{ ...base, namespace: n, name: 'default-deny', policyTypes: ['Ingress', 'Egress'] as ('Ingress' | 'Egress')[], ingress: [], egress: [] }] : [])),
    ...random,
    ...links.flatMap(([i, j, naming, side]) => {
      const [a, b] = [tenants[i % tenants.length], tenants[j % tenants.length]];
      // A side that does not name the other admits everyone.
      const egress = side === 'in' ? [{ peers: [] }] : [{ peers: [{ namespaceSelector: NAMING[naming](b) }] }];
      const ingress = side === 'out' ? [{ peers: [] }] : [{ peers: [{ namespaceSelector: NAMING[naming](a) }] }];
      return [
        { ...base, namespace: a, name: `to-${b}`, policyTypes: ['Egress'] as ('Ingress' | 'Egress')[], ingress: [], egress },
        { ...base, namespace: b, name: `from-${a}`, policyTypes: ['Ingress'] as ('Ingress' | 'Egress')[], ingress, egress: [] },
      ];
    }),
  ];
}

/** NetworkPolicies that open a's egress and b's ingress to everyone. */
function openPolicies(clusterName: string, a: string, b: string): NetworkPolicyModel[] {
  const base = { cluster: clusterName, podSelector: {}, at: 'test' };
  return [
    { ...base, namespace: a, name: 'open-egress', policyTypes: ['Egress'], ingress: [], egress: [{ peers: [] }] },
    { ...base, namespace: b, name: 'open-ingress', policyTypes: ['Ingress'], ingress: [{ peers: [] }], egress: [] },
  ];
}

/** A tenant's NetworkPolicies towards another's: which tenants, how they are named, and which side names the other. */
type Link = [number, number, Naming, 'both' | 'in' | 'out'];

/** The receiver's AuthorizationPolicy for a link: admit the caller, or deny everyone but the caller. */
const linkAdmissions = (tenants: readonly string[], links: readonly Link[]): unknown[] =>
  links.map(([i, j], k) => {
    const [a, b] = [tenants[i % tenants.length], tenants[j % tenants.length]];
    const principal = `cluster.local/ns/${a}/sa/*`;
    const [action, source] = [
      ['ALLOW', { principals: [principal] }],
      ['ALLOW', { namespaces: [a] }],
      ['DENY', { notNamespaces: [a] }],
      ['DENY', { notPrincipals: [principal] }],
    ][(3 * i + j + k) % 4];
    return { apiVersion: 'security.istio.io/v1', ...meta('AuthorizationPolicy', b, `link-${k}`), spec: { action, rules: [{ from: [{ source }] }] } };
  });

const clusterPlan = (clusterName: string): fc.Arbitrary<ClusterPlan> =>
  fc.shuffledSubarray(NAMES, { minLength: 2, maxLength: 7 }).chain((tenants) =>
    fc
      .record({
        tenants: fc.constant(tenants),
        placed: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: tenants.length, maxLength: tenants.length }),
        labels: fc.tuple(
          ...tenants.map((n) =>
            fc.record({ env: fc.constantFrom('prod', 'dev'), tier: fc.constantFrom('web', undefined), injected: fc.constantFrom(true, true, true, false) }).map((l) => ({
              team: n,
              env: l.env,
              ...(l.tier ? { tier: l.tier } : {}),
              ...(l.injected ? { 'istio-injection': 'enabled' } : {}),
            })),
          ),
        ),
        podsAdmitted: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        policies: fc
          .record({
            deny: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: tenants.length, maxLength: tenants.length }),
            random: fc.tuple(...tenants.map((n) => fc.array(fc.nat(1000), { maxLength: 2 }).chain((ids) => fc.tuple(...ids.map((id) => policy(clusterName, n, id)))))).map((lists) => lists.flat()),
            links: fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.constantFrom<Naming>('name', 'in', 'team'), fc.constantFrom<Link[3]>('both', 'in', 'out')), { maxLength: 4 }),
          })
          .map((p) => ({ policies: policiesOf(clusterName, tenants, p.deny, p.random, p.links), links: p.links })),
        mesh: fc.option(
          fc.tuple(...[...tenants, 'istio-system'].map((n) => meshObjects(n))).map((lists) => lists.flat()),
          { nil: undefined },
        ),
        declared: fc.tuple(...tenants.map(() => fc.subarray(tenants, { maxLength: 2 }))),
        gaps: fc.array(fc.boolean(), { minLength: tenants.length, maxLength: tenants.length }),
        meshLinks: fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.constant<Naming>('name'), fc.constant<Link[3]>('both')), { maxLength: 4 }),
      })
      .map(({ policies, meshLinks, ...p }) => ({
        ...p,
        // Mesh links: the NetworkPolicies admit the pair (and everyone), so the mesh decides.
        policies: [...policies.policies, ...meshLinks.flatMap(([i, j]) => openPolicies(clusterName, tenants[i % tenants.length], tenants[j % tenants.length]))],
        mesh: p.mesh && [...p.mesh, ...linkAdmissions(tenants, [...policies.links, ...meshLinks])],
      })),
  );

/**
 * Every tenant injected, no NetworkPolicy, the firewall open: the mesh decides every pair, through AuthorizationPolicies
 * that admit one caller, deny all but one, or match callers by random patterns.
 */
const meshPlan = (): fc.Arbitrary<ClusterPlan> =>
  fc.shuffledSubarray(NAMES, { minLength: 2, maxLength: 7 }).chain((tenants) =>
    fc.record({
      tenants: fc.constant(tenants),
      placed: fc.constant(tenants.map(() => true)),
      labels: fc.constant(tenants.map((n) => ({ team: n, env: 'prod', 'istio-injection': 'enabled' }))),
      podsAdmitted: fc.constant(true),
      policies: fc.constant([]),
      mesh: fc
        .record({
          links: fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.constant<Naming>('name'), fc.constant<Link[3]>('both')), { maxLength: 5 }),
          random: fc.array(fc.record({ at: fc.nat(6), action: fc.constantFrom('ALLOW', 'DENY'), source }), { maxLength: 3 }),
          strict: fc.boolean(),
          sidecars: fc.array(fc.record({ at: fc.nat(6), hosts: fc.array(host, { minLength: 1, maxLength: 2 }), mode: fc.constantFrom('REGISTRY_ONLY', 'ALLOW_ANY') }), { maxLength: 3 }),
        })
        .map((m) => [
          // One Sidecar per namespace at most (two make the namespace unjudged, which the mixed models cover).
          ...[...new Map(m.sidecars.map((c) => [tenants[c.at % tenants.length], c])).entries()].map(([ns, c]) => ({
            apiVersion: 'networking.istio.io/v1',
            ...meta('Sidecar', ns, 'default'),
            spec: { egress: [{ hosts: c.hosts }], outboundTrafficPolicy: { mode: c.mode } },
          })),
          ...linkAdmissions(tenants, m.links),
          ...m.random.map((r, k) => ({ apiVersion: 'security.istio.io/v1', ...meta('AuthorizationPolicy', tenants[r.at % tenants.length], `random-${k}`), spec: { action: r.action, rules: [{ from: [{ source: r.source }] }] } })),
          ...(m.strict ? [{ apiVersion: 'security.istio.io/v1', ...meta('PeerAuthentication', 'istio-system', 'default'), spec: { mtls: { mode: 'STRICT' } } }] : []),
        ]),
      declared: fc.tuple(...tenants.map(() => fc.subarray(tenants, { maxLength: 1 }))),
      gaps: fc.array(fc.boolean(), { minLength: tenants.length, maxLength: tenants.length }),
    }),
  );

function modelOf(plans: readonly ClusterPlan[]): { topology: Topology; set: IntentSet } {
  const used = CLUSTERS.slice(0, plans.length);
  const objects = plans.map((p, i) => ({ cluster: used[i].name, objects: p.mesh ?? [] }));
  const t = topology({
    subnets: used.map((c) => ({ name: `gke-${c.name}`, region: 'us-central1', cidr: c.nodes, secondaryRanges: [{ name: `${c.name}-pods`, cidr: c.pods }], privateGoogleAccess: true, at: `test: ${c.name}` })),
    clusters: used.map((c) => cluster({ name: c.name, subnet: `gke-${c.name}`, nodeCidr: c.nodes, podCidrs: [c.pods], nodeTags: [`${c.name}-node`] })),
    firewalls: plans.flatMap((p, i) => (p.podsAdmitted ? [rule({ name: `${used[i].name}-pods`, sourceRanges: [used[i].pods], targetTags: [`${used[i].name}-node`] })] : [])),
    namespaces: plans.flatMap((p, i) => p.tenants.filter((_, j) => p.placed[j]).map((n) => ({ cluster: used[i].name, name: n, labels: p.labels[p.tenants.indexOf(n)] }))),
    networkPolicies: plans.flatMap((p) => p.policies),
    mesh: readMesh(objects, DEFAULT_MESH_SETTINGS),
  });
  const entries: IntentEntry[] = [];
  const acceptedGaps = new Map<string, string>();
  plans.forEach((p, i) => {
    const c = used[i].name;
    p.tenants.forEach((a, j) => {
      const dns: ConnectivityIntent = { id: `tenant-dns/${a}@${c}`, from: { kind: 'tenant', tenant: a, cluster: c }, to: { kind: 'cluster-dns', cluster: c }, protocol: 'udp', port: 53, expect: 'allow', reason: 'test' };
      entries.push(dns);
      const declared = new Set(p.declared[j].filter((b) => b !== a));
      entries.push({ kind: 'tenant-pairs', cluster: c, from: a, tenants: p.tenants, declared, size: p.tenants.length - 1 });
      // An accepted gap on the pair towards the next tenant.
      const b = p.tenants[(j + 1) % p.tenants.length];
      if (p.gaps[j]) acceptedGaps.set(pairIntentId(c, a, b, declared.has(b)), 'accepted in the test');
    });
  });
  return { topology: t, set: { entries, acceptedGaps } };
}

const ids = (r: VerificationResult) => r.verdicts.map((v) => v.id);

describe('tenant pairs judged by classes', () => {
  test('give the verdicts of judging every pair (random models)', () => {
    let unmet = 0;
    let notModelled = 0;
    let met = 0;
    fc.assert(
      fc.property(fc.oneof(fc.tuple(clusterPlan('c1')), fc.tuple(meshPlan()), fc.tuple(clusterPlan('c1'), clusterPlan('c2'))), (plans) => {
        const { topology: t, set } = modelOf(plans);
        const byClasses = verifyIntentSet(t, set);
        // A fresh model for the pairwise judgement: no index or memo shared with the run above.
        const fresh = modelOf(plans);
        const pairwise = verifyIntents(fresh.topology, expandIntents(fresh.set));
        expect(byClasses.counts).toEqual(pairwise.counts);
        expect(byClasses.failures).toEqual(pairwise.failures);
        expect(byClasses.accepted).toEqual(pairwise.accepted);
        expect(ids(byClasses)).toEqual(ids(pairwise));
        expect(byClasses.inIntentOrder).toEqual(pairwise.inIntentOrder);
        unmet += pairwise.failures.length + pairwise.accepted.length;
        notModelled += pairwise.inIntentOrder.filter((v) => !v.judged).length;
        met += pairwise.counts.met;
      }),
      { numRuns: 300, seed: 26 },
    );
    // The random models reach every kind of verdict.
    expect(Math.min(unmet, notModelled, met)).toBeGreaterThan(0);
  });
});
