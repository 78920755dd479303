import { addOns, drivePlatform } from '../../examples/drive-platform/platform';
import { allObjects, synthSeed } from './seed-fixtures';

/*
 * What the stacks and charts write from the add-ons' traffic needs on the bundled example (the proofs are in
 * test/reachability/add-on-traffic.test.ts): where each derived object lives, its address, and that none is wider
 * than the need.
 */
const output = synthSeed(drivePlatform, addOns);
const plan = output.platform.plan;
const firewalls = Object.entries<any>(output.stacks['drive-network'].resource.google_compute_firewall);

describe("enforcement derived from the add-ons' traffic needs", () => {
  test('the network stack holds one webhook rule per cluster with tenants, at a stable address, from its /28 on tcp:15017 only', () => {
    const rules = firewalls.filter(([, r]) => r.name.includes('-allow-cp-webhooks-'));
    expect(rules.map(([, r]) => r['//'].metadata.path).sort()).toEqual(['drive-network/ControlPlaneWebhooks-payments-usc1/Resource', 'drive-network/ControlPlaneWebhooks-prod-usc1/Resource']);
    for (const [, rule] of rules) {
      const cluster = plan.clusters.find((c) => rule.name.endsWith(c.controlPlane.cidr.replace(/[./]/g, '-')))!;
      expect(rule).toMatchObject({ direction: 'INGRESS', source_ranges: [cluster.controlPlane.cidr], allow: [{ protocol: 'tcp', ports: ['15017'] }] });
    }
  });

  test("every cluster authorizes Vault's /32 and enforces it on the private endpoint; the CD cluster's pod range is authorized on its other target only", () => {
    const authorized = (cluster: string) => {
      const gke = Object.values<any>(output.stacks[`drive-cluster-${cluster}`].resource.google_container_cluster)[0];
      return gke.master_authorized_networks_config;
    };
    const prodPods = plan.clusters.find((c) => c.name === 'prod-usc1')!.podRange.cidr;
    expect(authorized('prod-usc1').cidr_blocks).toEqual([
      { cidr_block: '10.200.8.0/24', display_name: 'corp-vpn' },
      { cidr_block: '10.8.64.10/32', display_name: 'vault' },
    ]);
    expect(authorized('dev-usw1').cidr_blocks).toEqual([
      { cidr_block: '10.200.8.0/24', display_name: 'corp-vpn' },
      { cidr_block: '10.8.64.10/32', display_name: 'vault' },
    ]);
    expect(authorized('payments-usc1').cidr_blocks).toEqual([
      { cidr_block: '10.200.8.0/24', display_name: 'corp-vpn' },
      { cidr_block: '10.8.64.10/32', display_name: 'vault' },
      { cidr_block: prodPods, display_name: 'spinnaker-prod-usc1-pods' },
    ]);
    for (const cluster of plan.clusters) expect(authorized(cluster.name).private_endpoint_enforcement_enabled).toBe(true);
  });

  test("every tenant namespace gets egress to Vault's /32 on 8200 and, under the mesh, the ServiceEntry for it", () => {
    const objects = allObjects(output);
    for (const tenant of plan.tenants) {
      for (const cluster of tenant.clusters) {
        const own = objects.filter((o) => o.cluster === cluster && o.chart === `tenant-${tenant.name}`).map((o) => o.object);
        const policy = own.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'add-on-egress-vault')!;
        expect(policy.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.8.64.10/32' } }], ports: [{ protocol: 'TCP', port: 8200 }] }]);
        const entry = own.find((o) => o.kind === 'ServiceEntry' && o.metadata.name === 'add-on-vault')!;
        expect(entry.spec).toEqual({ hosts: ['vault.example.com'], addresses: ['10.8.64.10/32'], ports: [{ number: 8200, protocol: 'TCP', name: 'tcp-8200' }], location: 'MESH_EXTERNAL', resolution: 'NONE', exportTo: ['.'] });
      }
    }
  });

  test('nothing derived is open to the internet', () => {
    const json = JSON.stringify([output.stacks, output.manifests]);
    const derived = [...plan.clusters.flatMap((c) => c.authorizedNetworks.filter((n) => n.addOn).map((n) => n.cidr)), ...plan.addOnTraffic.tenantEgress.map((e) => e.cidr)];
    expect(derived).not.toContain('0.0.0.0/0');
    expect(json.includes('allow-cp-webhooks') && !firewalls.some(([, r]) => r.name.includes('webhooks') && r.source_ranges.includes('0.0.0.0/0'))).toBe(true);
  });
});
