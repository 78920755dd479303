import type { SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import { verifySynthesized } from '../../lib/report/verify-connectivity';
import { clone, synthesizedExample } from './example-model';

/*
 * Mutation tests: remove one element from the synthesized output and assert that exactly the intents that
 * depend on it fail, each naming the hop where the removed element used to be.
 */
const { definition, output } = synthesizedExample();
const baseline = verifySynthesized(definition, output).result;

type Resources = Record<string, Record<string, any>>;

/** Applies a change to one stack's resources of a type and returns the failures of the mutated output. */
function failuresAfter(stack: string, type: string, change: (resources: Record<string, any>) => void) {
  const mutated = clone(output) as SynthesizedPlatform;
  const tf = mutated.stacks.find((s) => s.name === stack)!.json as { resource: Resources };
  change(tf.resource[type]);
  return verifySynthesized(definition, mutated).result.failures;
}

function keyOf(resources: Record<string, any>, predicate: (r: any) => boolean): string {
  const key = Object.keys(resources).find((k) => predicate(resources[k]));
  if (!key) throw new Error('no such resource');
  return key;
}

describe('mutations of the example output', () => {
  test('the unmutated output meets every intent', () => {
    expect(baseline.failures).toEqual([]);
  });

  test('removing the intra-cluster firewall rule of prod-usc1 fails exactly the intents that cross its nodes', () => {
    const failures = failuresAfter('drive-network', 'google_compute_firewall', (r) => delete r[keyOf(r, (x) => x.name === 'drive-platform-allow-prod-usc1-internal')]);
    expect(failures.map((v) => v.id).sort()).toEqual([
      'pods-across-nodes/prod-usc1',
      'tenant-dependency/mapping->routing@prod-usc1',
      'tenant-dns/mapping@prod-usc1',
      'tenant-dns/ml-training@prod-usc1',
      'tenant-dns/routing@prod-usc1',
      'tenant-dns/simulation@prod-usc1',
    ]);
    for (const v of failures) expect(v.message).toContain('DENIED at VPC firewall (ingress to prod-usc1 nodes): no rule admits');
  });

  test('removing the control-plane advertisement from one Cloud Router fails only the authorized network behind it', () => {
    const failures = failuresAfter('drive-link-garage-sunnyvale', 'google_compute_router', (r) => {
      const router = r[keyOf(r, (x) => x.name === 'garage-sunnyvale-us-central1')];
      router.bgp.advertised_ip_ranges = router.bgp.advertised_ip_ranges.filter((a: { range: string }) => a.range !== '172.16.0.0/28');
    });
    expect(failures.map((v) => v.message)).toEqual(['garage-sunnyvale:10.200.8.0/24 → control plane of prod-usc1 tcp/443: DENIED at Cloud Router garage-sunnyvale-us-central1: 172.16.0.0/28 is not advertised to this peer']);
  });

  test('removing the AWS route to the prod pod range fails only the external dependency that uses it', () => {
    const failures = failuresAfter('drive-link-aws-usw2', 'aws_route', (r) => delete r[keyOf(r, (x) => x.destination_cidr_block === '100.64.0.0/15')]);
    expect(failures.map((v) => v.id)).toEqual(['external-dependency/simulation@prod-usc1/10.8.0.0/16/443']);
    expect(failures[0].message).toContain('DENIED at AWS side of link aws-usw2: no VPC route table routes 100.64.0.0/15 to the transit gateway');
  });

  test("emptying the dev cluster's authorized networks (enforcement still on) fails only the network it authorized", () => {
    const failures = failuresAfter('drive-cluster-dev-usw1', 'google_container_cluster', (r) => {
      r[Object.keys(r)[0]].master_authorized_networks_config.cidr_blocks = [];
    });
    expect(failures.map((v) => v.message)).toEqual(['garage-sunnyvale:10.200.8.0/24 → control plane of dev-usw1 tcp/443: DENIED at authorized networks of dev-usw1: 10.200.8.0/24 is not an authorized network (none)']);
  });

  test('removing the custom-route export of the prod-usc1 peering fails only its authorized network', () => {
    const failures = failuresAfter('drive-cluster-prod-usc1', 'google_compute_network_peering_routes_config', (r) => delete r[Object.keys(r)[0]]);
    expect(failures.map((v) => v.message)).toEqual([
      'garage-sunnyvale:10.200.8.0/24 → control plane of prod-usc1 tcp/443: DENIED at GKE control-plane peering of prod-usc1: does not export custom routes: the control plane has no route back to 10.200.8.0/24',
    ]);
  });

  test('removing the private googleapis.com zone fails every Workload Identity tenant, at its NetworkPolicy', () => {
    const failures = failuresAfter('drive-network', 'google_dns_managed_zone', (r) => delete r[Object.keys(r)[0]]);
    expect(failures.map((v) => v.id).sort()).toEqual(['google-apis/mapping@prod-usc1', 'google-apis/ml-training@prod-usc1', 'google-apis/payments@payments-usc1', 'google-apis/simulation@prod-usc1']);
    for (const v of failures) expect(v.hops[0].detail).toContain('no private googleapis.com zone');
  });

  test.each([
    ['mapping', 'allow-egress-to-routing', ['tenant-dependency/mapping->routing@prod-usc1'], 'DENIED at NetworkPolicies of mapping on prod-usc1: no policy allows egress to pods of routing'],
    ['routing', 'allow-ingress-from-mapping', ['tenant-dependency/mapping->routing@prod-usc1'], 'DENIED at NetworkPolicies of routing on prod-usc1: no policy allows ingress from pods of mapping'],
    ['payments', 'allow-google-apis', ['google-apis/payments@payments-usc1'], 'DENIED at NetworkPolicies of payments on payments-usc1: no policy allows egress to 199.36.153.8/30 tcp/443'],
    ['simulation', 'allow-external-egress', ['external-dependency/simulation@prod-usc1/10.8.0.0/16/443'], 'DENIED at NetworkPolicies of simulation on prod-usc1: no policy allows egress to 10.8.0.0/16 tcp/443'],
  ])('removing NetworkPolicy %s/%s fails exactly %j', (namespace, name, ids, message) => {
    const mutated = clone(output) as SynthesizedPlatform;
    for (const m of mutated.manifests) {
      (m as unknown as { objects: unknown[] }).objects = m.objects.filter((o: any) => !(o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace && o.metadata.name === name));
    }
    const failures = verifySynthesized(definition, mutated).result.failures;
    expect(failures.map((v) => v.id)).toEqual(ids);
    expect(failures[0].message).toContain(message);
  });

  test('an allowance added on both sides of an undeclared pair shows as an unintended path, naming the allowance', () => {
    const mutated = clone(output) as SynthesizedPlatform;
    const prod = mutated.manifests.find((m) => m.cluster === 'prod-usc1') as unknown as { objects: unknown[] };
    const policy = (namespace: string, name: string, type: 'Ingress' | 'Egress') => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace },
      spec: { podSelector: {}, policyTypes: [type], ...(type === 'Ingress' ? { ingress: [{}] } : { egress: [{}] }) },
    });
    prod.objects = [...prod.objects, policy('routing', 'allow-all-egress', 'Egress'), policy('mapping', 'allow-all-ingress', 'Ingress')];
    const failures = verifySynthesized(definition, mutated).result.failures;
    expect(failures.map((v) => v.message)).toEqual(['tenant routing on prod-usc1 → tenant mapping on prod-usc1 tcp/any port: ALLOWED at NetworkPolicy mapping/allow-all-ingress: allows ingress from pods of routing tcp/any port']);
  });
});
