import { join } from 'path';
import { findMissingCounterparts } from '../../../lib/domain/platform/generation-counterparts';
import type { ClusterPlan } from '../../../lib/domain/platform/platform-plan';
import type { SynthesizedPlatform } from '../../../lib/domain/reachability/read-synthesized';
import { readSynthesizedPlatform } from '../../../lib/report/synthesized-output';
import { drivePlatform } from '../../../examples/drive-platform/platform';
import { driveAddOns } from '../../../examples/drive-platform/add-ons';
import { synthDefinition } from '../../fixtures/synth-definition';
import { PROD_B, withGenerations } from '../../fixtures/with-generations';

// GIVEN the example (add-ons on) mid-migration: prod-usc1 generation a 90%, b 10%, synthesized and read back
const synthesized = synthDefinition(
  withGenerations(
    [
      { name: 'a', trafficWeight: 90 },
      { ...PROD_B, trafficWeight: 10 },
    ],
    drivePlatform,
  ),
  driveAddOns,
);
const plan = synthesized.platform.plan;
const output = readSynthesizedPlatform(join(synthesized.root, 'cdktf.out'), join(synthesized.root, 'dist'));
const b = plan.clusters.find((c) => c.name === 'prod-usc1-b')!;

/** A copy of the output with one change made to it. */
function edited(change: (copy: { stacks: { name: string; json: any }[]; manifests: { cluster: string; objects: any[] }[] }) => void): SynthesizedPlatform {
  const copy = JSON.parse(JSON.stringify(output));
  change(copy);
  return copy;
}

/** The output without the resource at a construct path. */
function withoutResource(path: string): SynthesizedPlatform {
  return edited((copy) => {
    let removed = 0;
    for (const stack of copy.stacks)
      for (const byKey of Object.values<Record<string, any>>(stack.json.resource ?? {}))
        for (const [key, body] of Object.entries(byKey))
          if (body['//']?.metadata?.path === path) {
            delete byKey[key];
            removed++;
          }
    expect(removed).toBe(1);
  });
}

describe('trust continuity: every counterpart of a generation receiving traffic', () => {
  test('the synthesized output of a split holds every counterpart', () => {
    expect(findMissingCounterparts(plan, output)).toEqual([]);
  });

  test.each([
    ["b's Vault Kubernetes auth mount", 'drive-vault/Auth-prod-usc1-b', 'drive-vault/Auth-prod-usc1'],
    ["a tenant's Vault role on b", 'drive-vault/Role-mapping-prod-usc1-b', 'drive-vault/Role-mapping-prod-usc1'],
    ["b's intra-cluster firewall rule", 'drive-network/Network/AllowClusterInternal-prod-usc1-b', 'drive-network/Network/AllowClusterInternal-prod-usc1'],
    ["the webhook firewall rule of b's control plane", 'drive-network/ControlPlaneWebhooks-prod-usc1-b/Resource', 'drive-network/ControlPlaneWebhooks-prod-usc1/Resource'],
    ["the Shared VPC grant of b's GKE service agent", 'drive-network/SharedVpc/drive-gke-prod/gke-prod-usc1-b-GkeAgent', 'drive-network/SharedVpc/drive-gke-prod/gke-prod-usc1-GkeAgent'],
  ])('reports %s missing, naming the generation and both sides', (_what, removed, sibling) => {
    const missing = findMissingCounterparts(plan, withoutResource(removed));
    expect(missing.filter((m) => m.kind === 'terraform-resource')).toEqual([expect.objectContaining({ generation: 'prod-usc1-b', sibling: 'prod-usc1', kind: 'terraform-resource', found: sibling, expected: removed })]);
    expect(missing.every((m) => m.generation === 'prod-usc1-b')).toBe(true);
    expect(missing[0].message).toMatch(new RegExp(`^generation b of prod-usc1 \\(prod-usc1-b, 10% of traffic\\) lacks the counterpart of the \\w+ "${sibling}" of prod-usc1: expected "${removed}"; synthesize both sides again`));
  });

  test('reports a missing cluster stack', () => {
    const missing = findMissingCounterparts(
      plan,
      edited((copy) => (copy.stacks = copy.stacks.filter((s) => s.name !== b.stack))),
    );
    expect(missing).toEqual([expect.objectContaining({ generation: 'prod-usc1-b', kind: 'stack', found: 'drive-cluster-prod-usc1', expected: 'drive-cluster-prod-usc1-b' })]);
  });

  test("reports a CD account missing for it (Spinnaker's account for a tenant on b)", () => {
    const dropAccount = (value: any): any =>
      Array.isArray(value) ? value.filter((v) => v?.name !== 'prod-usc1-b-mapping').map(dropAccount) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropAccount(v)])) : value;
    const missing = findMissingCounterparts(
      plan,
      edited((copy) => copy.manifests.forEach((m) => (m.objects = m.objects.map(dropAccount)))),
    );
    expect(missing.map((m) => [m.kind, m.found, m.expected])).toEqual(expect.arrayContaining([['manifest-value', 'prod-usc1-mapping', 'prod-usc1-b-mapping']]));
    expect(missing.every((m) => m.generation === 'prod-usc1-b')).toBe(true);
  });

  test("reports b's control plane missing from a link's advertisements", () => {
    const missing = findMissingCounterparts(
      plan,
      edited((copy) => {
        const router = Object.values<any>(copy.stacks.find((s) => s.name === 'drive-link-garage-sunnyvale')!.json.resource.google_compute_router).find((r) => r.bgp.advertised_ip_ranges.some((a: any) => a.range === b.controlPlane.cidr));
        router.bgp.advertised_ip_ranges = router.bgp.advertised_ip_ranges.filter((a: any) => a.range !== b.controlPlane.cidr);
      }),
    );
    expect(missing).toEqual([expect.objectContaining({ generation: 'prod-usc1-b', kind: 'range', expected: `${b.controlPlane.cidr} in a google_compute_router of drive-link-garage-sunnyvale` })]);
    expect(missing[0].message).toMatch(/lacks the counterpart of the control-plane range in the google_compute_router/);
  });

  test("reports b's control-plane firewall source missing", () => {
    const slug = b.controlPlane.cidr.replace(/[./]/g, '-');
    const missing = findMissingCounterparts(plan, withoutResource(`drive-network/Network/AllowControlPlane-${slug}`));
    expect(missing).toEqual([
      expect.objectContaining({ generation: 'prod-usc1-b', kind: 'range', found: `drive-network/Network/AllowControlPlane-${plan.clusters[0].controlPlane.cidr.replace(/[./]/g, '-')}: ${plan.clusters[0].controlPlane.cidr}` }),
    ]);
  });

  test('reports an authorized network missing on its control plane', () => {
    const missing = findMissingCounterparts(
      plan,
      edited((copy) => {
        const cluster = Object.values<any>(copy.stacks.find((s) => s.name === b.stack)!.json.resource.google_container_cluster)[0];
        cluster.master_authorized_networks_config.cidr_blocks = cluster.master_authorized_networks_config.cidr_blocks.filter((c: any) => c.display_name !== 'corp-vpn');
      }),
    );
    expect(missing).toEqual([expect.objectContaining({ generation: 'prod-usc1-b', kind: 'authorized-network', found: 'corp-vpn (10.200.8.0/24)', expected: "corp-vpn on prod-usc1-b's control plane" })]);
  });

  test('judges the old generation too while it still takes traffic', () => {
    const missing = findMissingCounterparts(plan, withoutResource('drive-vault/Role-mapping-prod-usc1'));
    expect(missing).toEqual([expect.objectContaining({ generation: 'prod-usc1', sibling: 'prod-usc1-b', found: 'drive-vault/Role-mapping-prod-usc1-b', expected: 'drive-vault/Role-mapping-prod-usc1' })]);
  });

  test('a generation without traffic is not judged yet (it is being built)', () => {
    const building = { clusters: plan.clusters.map((c): ClusterPlan => (c.generation ? { ...c, generation: { ...c.generation, trafficWeight: c.name === b.name ? 0 : 100 } } : c)) };
    expect(findMissingCounterparts(building, withoutResource('drive-vault/Auth-prod-usc1-b'))).toEqual([]);
  });

  test('a plan without generations is not judged', () => {
    expect(findMissingCounterparts({ clusters: plan.clusters.map(({ generation: _g, ...c }) => c) }, withoutResource('drive-vault/Auth-prod-usc1-b'))).toEqual([]);
  });
});
