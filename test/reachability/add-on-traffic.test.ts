import type { SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import { verifySynthesized } from '../../lib/report/verify-connectivity';
import { clone, synthesizedMeshExample } from './example-model';

/*
 * The add-ons' traffic needs on the bundled example, judged on the synthesized output: every need's intent is met by
 * the enforcement the library derived, and removing any one derived object (firewall rule, authorized network,
 * NetworkPolicy, ServiceEntry) fails exactly the intents it carried, at the hop that drops them.
 */
const { definition, output, addOnIntents, addOnAuthorized } = synthesizedMeshExample();
const judge = (o: SynthesizedPlatform) => verifySynthesized(definition, o, addOnIntents, addOnAuthorized).result;
const baseline = judge(output);
const needIds = addOnIntents.map((i) => i.id ?? '').filter((id) => /^add-on\/[a-z-]+\//.test(id));

type Json = Record<string, any>;
/** The output with one stack's JSON changed. */
function changeStack(stack: string, change: (json: Json) => void): SynthesizedPlatform {
  const mutated = clone(output) as SynthesizedPlatform;
  change(mutated.stacks.find((s) => s.name === stack)!.json as Json);
  return mutated;
}
/** The output without the objects of one cluster's manifests that match. */
function withoutObjects(cluster: string, drop: (o: Json) => boolean): SynthesizedPlatform {
  const mutated = clone(output) as SynthesizedPlatform;
  const m = mutated.manifests.find((x) => x.cluster === cluster) as unknown as { objects: Json[] };
  m.objects = m.objects.filter((o) => !drop(o));
  return mutated;
}
/** Drops an authorized network (by display name) from a cluster's stack. */
function withoutAuthorizedNetwork(cluster: string, name: string): SynthesizedPlatform {
  return changeStack(`drive-cluster-${cluster}`, (json) => {
    for (const c of Object.values<Json>(json.resource.google_container_cluster)) {
      const config = c.master_authorized_networks_config;
      config.cidr_blocks = config.cidr_blocks.filter((b: Json) => b.display_name !== name);
    }
  });
}
const failures = (o: SynthesizedPlatform) => judge(o).failures.map((v) => ({ id: v.id, at: v.decisive?.at, detail: v.decisive?.detail }));

describe("the add-ons' traffic on the bundled example", () => {
  test('every need appears in the matrix as met: Vault from every tenant and to every control plane, istiod webhooks, Spinnaker to its targets, Managed Prometheus to every tenant', () => {
    expect(baseline.failures).toEqual([]);
    expect(needIds.sort()).toEqual([
      'add-on/istio/webhook-istiod/payments-usc1',
      'add-on/istio/webhook-istiod/prod-usc1',
      'add-on/managed-prometheus/gmp-system-to-tenant/mapping@prod-usc1/15020',
      'add-on/managed-prometheus/gmp-system-to-tenant/ml-training@prod-usc1/15020',
      'add-on/managed-prometheus/gmp-system-to-tenant/payments@payments-usc1/15020',
      'add-on/managed-prometheus/gmp-system-to-tenant/routing@prod-usc1/15020',
      'add-on/managed-prometheus/gmp-system-to-tenant/simulation@prod-usc1/15020',
      'add-on/spinnaker/control-plane/prod-usc1->payments-usc1',
      'add-on/spinnaker/control-plane/prod-usc1->prod-usc1',
      'add-on/vault/tenant-to-vault/mapping@prod-usc1',
      'add-on/vault/tenant-to-vault/ml-training@prod-usc1',
      'add-on/vault/tenant-to-vault/payments@payments-usc1',
      'add-on/vault/tenant-to-vault/routing@prod-usc1',
      'add-on/vault/tenant-to-vault/simulation@prod-usc1',
      'add-on/vault/vault-to-control-plane/dev-usw1',
      'add-on/vault/vault-to-control-plane/payments-usc1',
      'add-on/vault/vault-to-control-plane/prod-usc1',
    ]);
    for (const id of needIds) {
      const v = baseline.verdicts.find((x) => x.id === id)!;
      expect([v.id, v.judged, v.allowed, v.met]).toEqual([id, true, true, true]);
    }
  });

  test('the proof crosses the derived objects: the NetworkPolicy, the ServiceEntry, the authorized network, the firewall rule', () => {
    const hops = (id: string) => baseline.verdicts.find((v) => v.id === id)!.hops.map((h) => `${h.at}: ${h.detail}`);
    expect(hops('add-on/vault/tenant-to-vault/mapping@prod-usc1')).toEqual(
      expect.arrayContaining([
        'Sidecar mapping/default: REGISTRY_ONLY: ServiceEntry mapping/add-on-vault (vault.example.com) covers 10.8.64.10/32 tcp/8200',
        'NetworkPolicy mapping/add-on-egress-vault: allows egress to 10.8.64.10/32 tcp/8200',
      ]),
    );
    expect(hops('add-on/vault/vault-to-control-plane/prod-usc1')).toContain('authorized networks of prod-usc1: vault (10.8.64.10/32) is authorized');
    expect(hops('add-on/istio/webhook-istiod/prod-usc1')).toContain('firewall rule drive-platform-allow-cp-webhooks-172-16-0-0-28: admits 172.16.0.0/28 to prod-usc1 nodes tcp/15017');
    expect(hops('add-on/managed-prometheus/gmp-system-to-tenant/mapping@prod-usc1/15020')).toEqual(
      expect.arrayContaining([
        'NetworkPolicy mapping/add-on-ingress-gmp-system: allows ingress from pods of gmp-system tcp/15020',
        "Istio sidecar of mapping on prod-usc1: tcp/15020 is the sidecar's own port (merged Prometheus metrics), never captured inbound: no mTLS mode or authorization policy applies",
      ]),
    );
    expect(hops('add-on/spinnaker/control-plane/prod-usc1->payments-usc1').join('\n')).toMatch(/authorized networks of payments-usc1: spinnaker-prod-usc1-pods \(100\.64\.\d+\.\d+\/\d+\) is authorized/);
  });

  test("without the derived webhook rule, the control plane's calls to istiod are dropped at the VPC firewall", () => {
    const mutated = changeStack('drive-network', (json) => {
      const rules = json.resource.google_compute_firewall;
      for (const key of Object.keys(rules)) if (rules[key].name === 'drive-platform-allow-cp-webhooks-172-16-0-0-28') delete rules[key];
    });
    expect(failures(mutated)).toEqual([
      { id: 'add-on/istio/webhook-istiod/prod-usc1', at: 'VPC firewall (ingress to prod-usc1 nodes)', detail: expect.stringMatching(/^no rule admits 172\.16\.0\.0\/28 to 100\.64\.\S+ tcp\/15017: the implied deny-ingress rule drops it$/) },
    ]);
  });

  test("without Vault's derived authorized network, its TokenReview is refused by that control plane only", () => {
    expect(failures(withoutAuthorizedNetwork('payments-usc1', 'vault'))).toEqual([
      { id: 'add-on/vault/vault-to-control-plane/payments-usc1', at: 'authorized networks of payments-usc1', detail: expect.stringMatching(/^10\.8\.64\.10\/32 is not an authorized network/) },
    ]);
  });

  test("without Spinnaker's derived authorized network, prod-usc1's pods no longer reach payments-usc1's control plane", () => {
    expect(failures(withoutAuthorizedNetwork('payments-usc1', 'spinnaker-prod-usc1-pods'))).toEqual([
      { id: 'add-on/spinnaker/control-plane/prod-usc1->payments-usc1', at: 'authorized networks of payments-usc1', detail: expect.stringMatching(/^100\.64\.\S+ is not an authorized network/) },
    ]);
  });

  test("without the derived NetworkPolicy, the tenant's default deny drops its egress to Vault", () => {
    const mutated = withoutObjects('prod-usc1', (o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'mapping' && o.metadata.name === 'add-on-egress-vault');
    expect(failures(mutated)).toEqual([{ id: 'add-on/vault/tenant-to-vault/mapping@prod-usc1', at: 'NetworkPolicies of mapping on prod-usc1', detail: 'no policy allows egress to 10.8.64.10/32 tcp/8200 (default deny)' }]);
  });

  test("without the derived ingress policy, the tenant's default deny drops Managed Prometheus' scrapes", () => {
    const mutated = withoutObjects('prod-usc1', (o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'routing' && o.metadata.name === 'add-on-ingress-gmp-system');
    expect(failures(mutated)).toEqual([
      { id: 'add-on/managed-prometheus/gmp-system-to-tenant/routing@prod-usc1/15020', at: 'NetworkPolicies of routing on prod-usc1', detail: 'no policy allows ingress from pods of gmp-system tcp/15020 (default deny)' },
    ]);
  });

  test('a port the sidecar captures would be refused by STRICT mTLS: why the add-on scrapes 15020 under the mesh', () => {
    const intent = {
      id: 'probe',
      from: { kind: 'namespace' as const, namespace: 'gmp-system', cluster: 'prod-usc1' },
      to: { kind: 'tenant' as const, tenant: 'routing', cluster: 'prod-usc1' },
      port: 9090,
      expect: 'allow' as const,
      reason: 'probe',
    };
    const mutated = withoutObjects('prod-usc1', (o) => (o.kind === 'NetworkPolicy' && o.metadata.name === 'add-on-ingress-gmp-system' && o.metadata.namespace === 'routing' ? ((o.spec.ingress[0].ports[0].port = 9090), false) : false));
    const verdict = verifySynthesized(definition, mutated, [...addOnIntents, intent], addOnAuthorized).result.verdicts.find((v) => v.id === 'probe')!;
    expect([verdict.met, verdict.decisive?.at, verdict.decisive?.detail]).toEqual([false, 'PeerAuthentication routing/default', 'STRICT refuses plaintext from workloads of gmp-system: gmp-system is not in the mesh']);
  });

  test("without the derived ServiceEntry, the tenant's REGISTRY_ONLY Sidecar drops its calls to Vault", () => {
    const mutated = withoutObjects('payments-usc1', (o) => o.kind === 'ServiceEntry' && o.metadata.name === 'add-on-vault');
    expect(failures(mutated)).toEqual([
      {
        id: 'add-on/vault/tenant-to-vault/payments@payments-usc1',
        at: 'Sidecar payments/default',
        detail: 'REGISTRY_ONLY: no ServiceEntry it imports covers 10.8.64.10/32 tcp/8200 (payments/google-apis, payments/metadata-server, payments/private-services)',
      },
    ]);
  });
});
