import { drivePlatform } from '../../examples/drive-platform/platform';
import { driveAddOns } from '../../examples/drive-platform/add-ons';
import { synthDefinition } from '../fixtures/synth-definition';
import { PROD_B, withGenerations } from '../fixtures/with-generations';

// GIVEN the bundled example (its add-ons on), then the same with prod-usc1's generation b beside a (90/10)
const before = synthDefinition(drivePlatform, driveAddOns);
const after = synthDefinition(
  withGenerations(
    [
      { name: 'a', trafficWeight: 90 },
      { ...PROD_B, trafficWeight: 10 },
    ],
    drivePlatform,
  ),
  driveAddOns,
);

/** Every resource address (`type.name`) of a stack. */
function addresses(json: { resource?: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

describe('stacks and charts per generation', () => {
  test('generation b gets a stack (a state) of its own with its own cluster; no stack goes away', () => {
    expect(Object.keys(after.texts).sort()).toEqual([...Object.keys(before.texts), 'drive-cluster-prod-usc1-b'].sort());
    const clusters = Object.values(after.json['drive-cluster-prod-usc1-b'].resource!.google_container_cluster);
    expect(clusters.map((c: any) => c.name)).toEqual(['prod-usc1-b']);
    expect(clusters[0].default_max_pods_per_node).toBe(32);
    expect(clusters[0].ip_allocation_policy).toMatchObject({ cluster_secondary_range_name: 'prod-usc1-b-pods', services_secondary_range_name: 'prod-usc1-b-services' });
  });

  test("every other cluster's stack is byte for byte what it was", () => {
    for (const stack of ['drive-cluster-prod-usc1', 'drive-cluster-dev-usw1', 'drive-cluster-payments-usc1']) expect(after.texts[stack]).toBe(before.texts[stack]);
  });

  test('no resource address of any existing stack goes away (counterparts are additions)', () => {
    for (const stack of Object.keys(before.json)) expect(addresses(after.json[stack])).toEqual(expect.arrayContaining(addresses(before.json[stack])));
  });

  test("the network stack gets b's subnet with its own secondary ranges, and firewall rules targeting b's node tag", () => {
    const subnets = Object.values(after.json['drive-network'].resource!.google_compute_subnetwork) as any[];
    const b = subnets.find((s) => s.name === 'gke-prod-usc1-b');
    expect(b.secondary_ip_range.map((r: any) => r.range_name)).toEqual(['prod-usc1-b-pods', 'prod-usc1-b-services']);
    const firewalls = Object.values(after.json['drive-network'].resource!.google_compute_firewall) as any[];
    expect(firewalls.filter((f) => (f.target_tags ?? []).includes('gke-prod-usc1-b-nodes')).length).toBe(firewalls.filter((f) => (f.target_tags ?? []).includes('gke-prod-usc1-nodes')).length);
  });

  test('b gets its own manifests folder with the same files as a (tenants placed on both)', () => {
    const filesOf = (folder: string) =>
      Object.keys(after.manifests)
        .filter((f) => f.startsWith(`${folder}/`))
        .map((f) => f.slice(folder.length + 1));
    expect(filesOf('prod-usc1-b')).toEqual(filesOf('prod-usc1'));
    expect(filesOf('prod-usc1-b')).toEqual(expect.arrayContaining(['tenant-mapping.k8s.yaml', 'platform.k8s.yaml']));
    for (const file of Object.keys(before.manifests).filter((f) => f.startsWith('dev-usw1/') || f.startsWith('payments-usc1/'))) expect(after.manifests[file]).toBe(before.manifests[file]);
  });
});
