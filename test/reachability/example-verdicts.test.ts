import { verifySynthesized } from '../../lib/report/verify-connectivity';
import { platformIntents } from '../../lib/domain/reachability/derive-intents';
import { EXAMPLE_EXPECTED_VERDICTS as expected, synthesizedExample } from './example-model';

const { definition, output } = synthesizedExample();
const { result, topology } = verifySynthesized(definition, output);
const verdict = (id: string) => {
  const found = result.verdicts.find((v) => v.id === id);
  if (!found) throw new Error(`no intent ${id}`);
  return found;
};

describe('the example platform meets every intent', () => {
  test('every derived and declared intent is met, none accepted as a gap', () => {
    expect(result.failures.map((v) => v.message)).toEqual([]);
    expect(result.accepted).toEqual([]);
    expect(result.verdicts).toHaveLength(platformIntents(definition).length);
  });

  test('the expected list is every intent of the example', () => {
    expect(result.verdicts.map((v) => v.id).sort()).toEqual(expected.map(([id]) => id).sort());
  });

  test.each(expected)('%s is %s', (id, outcome) => {
    const v = verdict(id);
    expect(v.allowed ? 'allowed' : 'denied').toBe(outcome);
    expect(v.met).toBe(true);
  });

  test('a path names each hop it crossed', () => {
    expect(verdict('authorized-network/prod-usc1/corp-vpn').hops.map((h) => h.at)).toEqual([
      'Cloud Router garage-sunnyvale-us-central1',
      'Cloud Router garage-sunnyvale-us-west1',
      'authorized networks of prod-usc1',
      'GKE control-plane peering of prod-usc1',
      'link garage-sunnyvale',
    ]);
    // routing declares no dependency on mapping: its own egress policies drop the connection first.
    expect(verdict('tenant-isolation/routing->mapping@prod-usc1').hops.at(-1)).toMatchObject({ at: 'NetworkPolicies of routing on prod-usc1', ok: false });
    expect(
      verdict('tenant-dependency/mapping->routing@prod-usc1')
        .hops.filter((h) => h.permits)
        .map((h) => h.at),
    ).toEqual(['NetworkPolicy mapping/allow-egress-to-routing', 'firewall rule drive-platform-allow-prod-usc1-internal', 'NetworkPolicy routing/allow-ingress-from-mapping']);
  });

  test('the model holds what the output holds', () => {
    expect(topology.clusters.map((c) => [c.name, c.nodeLocalDnsCache, c.controlPlaneRouteExport?.exportCustomRoutes]).sort()).toEqual([
      ['dev-usw1', true, true],
      ['payments-usc1', true, true],
      ['prod-usc1', true, true],
    ]);
    expect(topology.links.map((l) => [l.name, l.regions, l.advertisements.length])).toEqual([
      ['aws-usw2', ['us-west1'], 4],
      ['garage-sunnyvale', ['us-central1', 'us-west1'], 2],
    ]);
  });
});
