import type { SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import { verifySynthesized } from '../../lib/report/verify-connectivity';
import { resourcesOf } from '../stacks/example-synth';
import { clone, synthesizedExample } from './example-model';

/*
 * Issue 20, item 4: every private control plane enforces an explicit authorized list. The dev cluster used to have an
 * empty list (enforcement unset: any address that routed to it) while the AWS link advertised its range; now it
 * authorizes corp-vpn only, and the AWS link advertises no control plane. The derived intent
 * control-plane-closed/dev-usw1/aws-usw2-prod is judged on the output, and on the output as it was.
 */
const { definition, output } = synthesizedExample();
const json = Object.fromEntries(output.stacks.map((s) => [s.name, s.json])) as Record<string, any>;
const DEV_CONTROL_PLANE = '172.16.0.16/28';
const CLOSED = 'control-plane-closed/dev-usw1/aws-usw2-prod';

function judge(change: (stacks: Record<string, any>) => void) {
  const mutated = clone(output) as SynthesizedPlatform;
  change(Object.fromEntries(mutated.stacks.map((s) => [s.name, s.json])));
  return verifySynthesized(definition, mutated).result.verdicts.find((v) => v.id === CLOSED)!;
}
/** The dev cluster's control-plane access as it was synthesized before: no list, enforcement unset. */
const openDevControlPlane = (stacks: Record<string, any>) => {
  const [cluster] = Object.values<any>(stacks['drive-cluster-dev-usw1'].resource.google_container_cluster);
  cluster.master_authorized_networks_config = { cidr_blocks: [], gcp_public_cidrs_access_enabled: false };
};
/** The AWS link as it was: every BGP peer advertising the dev control plane, and the AWS route table sending it to the gateway. */
const advertiseDevToAws = (stacks: Record<string, any>) => {
  const link = stacks['drive-link-aws-usw2'].resource;
  for (const peer of Object.values<any>(link.google_compute_router_peer)) peer.advertised_ip_ranges = [...(peer.advertised_ip_ranges ?? []), { range: DEV_CONTROL_PLANE }];
  const [[, route]] = Object.entries<any>(link.aws_route);
  link.aws_route['Link_Route-private-dev-control-plane'] = { ...route, destination_cidr_block: DEV_CONTROL_PLANE };
};

describe('private control planes: an explicit list, enforced', () => {
  test.each(resourcesOf(json, 'google_container_cluster').map(([, , c]) => [c.name, c]))('%s: enforcement on, a non-empty list', (_, cluster) => {
    expect(cluster.master_authorized_networks_config.private_endpoint_enforcement_enabled).toBe(true);
    expect(cluster.master_authorized_networks_config.cidr_blocks.length).toBeGreaterThan(0);
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(true);
  });

  test('the dev cluster authorizes corp-vpn, which reaches it over the garage link', () => {
    const { result } = verifySynthesized(definition, output);
    expect(result.verdicts.find((v) => v.id === 'authorized-network/dev-usw1/corp-vpn')).toMatchObject({ allowed: true, met: true });
    expect(result.verdicts.find((v) => v.id === CLOSED)).toMatchObject({ allowed: false, met: true });
  });

  test('the output as it was (empty list, advertised to AWS) lets AWS reach the dev control plane: the intent fails', () => {
    const before = judge((stacks) => {
      openDevControlPlane(stacks);
      advertiseDevToAws(stacks);
    });
    expect(before).toMatchObject({ allowed: true, met: false });
    expect(before.message).toBe('aws-usw2-prod → control plane of dev-usw1 tcp/443: ALLOWED at control plane of dev-usw1: private endpoint open to internal addresses (authorized networks not enforced on it)');
  });

  test('each fix alone closes it: the enforced list even where the range is advertised, the advertisement even without a list', () => {
    const listOnly = judge(advertiseDevToAws);
    expect(listOnly).toMatchObject({ allowed: false, met: true });
    expect(listOnly.decisive ?? listOnly.hops.at(-1)).toMatchObject({ at: 'authorized networks of dev-usw1', ok: false });
    const advertisementOnly = judge(openDevControlPlane);
    expect(advertisementOnly).toMatchObject({ allowed: false, met: true });
    expect(advertisementOnly.hops.find((h) => !h.ok)).toMatchObject({ kind: 'bgp-advertisement' });
  });
});
