/**
 * examples/brownfield: a platform that starts from an existing Shared VPC (and its host project) and an existing AWS
 * transit gateway with an attached VPC. The network stack reads the VPC and creates only the platform's parts in it;
 * the link ends on the existing transit gateway and routes GCP's ranges from the VPC's existing route tables.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { buildBrownfield, synthBrownfieldManifests } from '../../examples/brownfield/brownfield';
import { brownfieldLockFile, brownfieldPlatform } from '../../examples/brownfield/platform';
import { Cidr } from '../../lib/domain/ip-plan/cidr';
import { verifyConnectivity } from '../../lib/report/verify-connectivity';
import { loadPlatform } from '../../lib/platform/load-platform';
import { buildPlatformStacks } from '../../stacks/platform-stacks';

process.env.CHECKPOINT_DISABLE = '1';

const outdir = mkdtempSync(join(tmpdir(), 'example-brownfield-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const app = new App({ outdir: join(outdir, 'cdktf.out') });
const built = buildBrownfield(app, { frozen: true });
app.synth();
synthBrownfieldManifests(built.platform, join(outdir, 'dist'));

const stack = (name: string) => JSON.parse(readFileSync(join(outdir, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
const network = stack('fin-network');
const link = stack('fin-link-aws-euw2');
const values = (json: any, type: string, kind: 'resource' | 'data' = 'resource'): any[] => Object.values(json[kind]?.[type] ?? {});
const keys = (json: any, type: string, kind: 'resource' | 'data' = 'resource'): string[] => Object.keys(json[kind]?.[type] ?? {});

describe('the existing VPC', () => {
  test('is read with a data source, never created: no VPC and no Shared VPC host enablement in any state', () => {
    expect(keys(network, 'google_compute_network', 'data')).toEqual(['Network_Existing_77091412']);
    expect(values(network, 'google_compute_network', 'data')[0]).toMatchObject({ name: 'corp-shared', project: 'fin-net-host' });
    for (const name of readdirSync(join(outdir, 'cdktf.out', 'stacks'))) {
      const json = stack(name);
      expect(keys(json, 'google_compute_network')).toEqual([]);
      expect(keys(json, 'google_compute_shared_vpc_host_project')).toEqual([]);
    }
  });

  test('the service project attached by the network team is not attached again; its agents still get network user on the platform subnet only', () => {
    expect(keys(network, 'google_compute_shared_vpc_service_project')).toEqual([]);
    const grants = values(network, 'google_compute_subnetwork_iam_member');
    expect(grants.map((g) => g.role)).toEqual(['roles/compute.networkUser', 'roles/compute.networkUser']);
    expect(new Set(grants.map((g) => g.subnetwork)).size).toBe(1);
    expect(grants[0].subnetwork).toMatch(/google_compute_subnetwork\.Network_Subnet-gke-prod-euw2_/);
  });

  test('the platform creates its subnet, firewall rules and Cloud NAT in the existing VPC', () => {
    const ref = '${data.google_compute_network.Network_Existing_77091412.id}';
    const [subnet] = values(network, 'google_compute_subnetwork');
    expect(subnet).toMatchObject({ name: 'gke-prod-euw2', network: ref, region: 'europe-west2' });
    for (const rule of values(network, 'google_compute_firewall')) expect(rule.network).toBe(ref);
    expect(values(network, 'google_compute_router').map((r) => r.network)).toEqual([ref]);
    expect(values(network, 'google_compute_router_nat')).toHaveLength(1);
  });

  test("the IP plan hands out nothing that overlaps the VPC's existing subnets", () => {
    const reserved = brownfieldPlatform.network.existing!.subnets!.flatMap((s) => [s.cidr, ...(s.secondaryRanges ?? []).map((r) => r.cidr)]).map((c) => Cidr.parse(c));
    const lock = JSON.parse(readFileSync(brownfieldLockFile, 'utf8')).allocations as Record<string, { cidr: string }>;
    const allocated = Object.values(lock).map((a) => Cidr.parse(a.cidr));
    expect(allocated.length).toBeGreaterThan(0);
    for (const range of allocated) for (const r of reserved) expect([range.toString(), r.overlaps(range)]).toEqual([range.toString(), false]);
    expect(built.platform.plan.network.existing).toEqual({
      serviceProjectAttachments: 'existing',
      defaultInternetRoute: true,
      reservations: ['network/existing/corp-vms-euw2', 'network/existing/legacy-gke-euw2', 'network/existing/legacy-gke-euw2/legacy-pods', 'network/existing/legacy-gke-euw2/legacy-services'],
    });
  });
});

describe('the existing transit gateway', () => {
  test('is referenced by id: no transit gateway and no VPC attachment are created', () => {
    expect(keys(link, 'aws_ec2_transit_gateway')).toEqual([]);
    expect(keys(link, 'aws_ec2_transit_gateway_vpc_attachment')).toEqual([]);
    expect(values(link, 'aws_vpn_connection').map((c) => c.transit_gateway_id)).toEqual(['tgw-0a1b2c3d4e5f60718', 'tgw-0a1b2c3d4e5f60718']);
    expect(values(link, 'google_compute_router_peer').map((p) => p.peer_asn)).toEqual([64600, 64600, 64600, 64600]);
    // Read at plan time, with its ASN checked against the definition's.
    expect(values(link, 'aws_ec2_transit_gateway', 'data')).toEqual([expect.objectContaining({ id: 'tgw-0a1b2c3d4e5f60718', lifecycle: { postcondition: [expect.objectContaining({ condition: '${self.amazon_side_asn == 64600}' })] } })]);
  });

  test('each existing route table gets a route to each GCP range through it, at addresses named by table key and range', () => {
    expect(Object.entries(link.resource.aws_route).map(([key, r]: [string, any]) => [key, r.route_table_id, r.destination_cidr_block, r.transit_gateway_id])).toEqual([
      ['Link_Route-private-a-10-20-20-0-27_D2CD6F5A', 'rtb-0a1b2c3d4e5f60719', '10.20.20.0/27', 'tgw-0a1b2c3d4e5f60718'],
      ['Link_Route-private-a-100-65-0-0-21_924241DE', 'rtb-0a1b2c3d4e5f60719', '100.65.0.0/21', 'tgw-0a1b2c3d4e5f60718'],
      ['Link_Route-private-b-10-20-20-0-27_8604AAD4', 'rtb-0a1b2c3d4e5f6071a', '10.20.20.0/27', 'tgw-0a1b2c3d4e5f60718'],
      ['Link_Route-private-b-100-65-0-0-21_552B561E', 'rtb-0a1b2c3d4e5f6071a', '100.65.0.0/21', 'tgw-0a1b2c3d4e5f60718'],
    ]);
  });
});

test('meets every connectivity intent; the tenant reaches its AWS database through an existing route table', () => {
  const result = verifyConnectivity(brownfieldPlatform, { cdktfOut: join(outdir, 'cdktf.out'), dist: join(outdir, 'dist') });
  expect(result.failures.map((v) => v.message)).toEqual([]);
  const external = result.verdicts.find((v) => v.id === 'external-dependency/payments@prod-euw2/10.40.8.0/24/5432')!;
  expect(external.met).toBe(true);
  expect(external.hops.map((h) => h.at)).toEqual(expect.arrayContaining(['link aws-euw2', 'AWS route table rtb-0a1b2c3d4e5f60719']));
  // The model names the existing VPC by its data source.
  expect(external.hops.find((h) => h.kind === 'vpc-route')).toBeDefined();
});

test('its committed lock files hold every range and tenant (frozen load records nothing)', () => {
  expect(built.platform.recorded).toEqual([]);
  expect(built.platform.ipPlan.newAllocations).toEqual([]);
});

test('the network and link stacks match their snapshots', () => {
  expect({ network, link }).toMatchSnapshot();
});

test('an existing virtual private gateway from the definition: referenced by id, its route tables learn GCP by propagation', () => {
  // GIVEN the example's link moved to the VPC's existing VPN gateway (a legacy ASN is accepted there)
  const definition = JSON.parse(JSON.stringify(brownfieldPlatform));
  definition.hybridLinks[0].aws = { type: 'vpn-gateway', existingVpnGatewayId: 'vgw-0a1b2c3d', amazonSideAsn: 7224, vpcId: 'vpc-0c1d2e3f4a5b6c7d8', routeTableIds: { 'private-a': 'rtb-0a1b2c3d4e5f60719' } };
  const vgwOut = mkdtempSync(join(tmpdir(), 'example-brownfield-vgw-'));
  try {
    const vgwApp = new App({ outdir: vgwOut });
    buildPlatformStacks(vgwApp, loadPlatform(definition, { lockFile: brownfieldLockFile, frozen: true, record: false, log: () => undefined }));
    vgwApp.synth();
    const json = JSON.parse(readFileSync(join(vgwOut, 'stacks', 'fin-link-aws-euw2', 'cdk.tf.json'), 'utf8'));
    // THEN nothing on the AWS side but customer gateways, connections and propagations
    expect(keys(json, 'aws_vpn_gateway')).toEqual([]);
    expect(keys(json, 'aws_ec2_transit_gateway')).toEqual([]);
    expect(values(json, 'aws_vpn_connection').map((c) => c.vpn_gateway_id)).toEqual(['vgw-0a1b2c3d', 'vgw-0a1b2c3d']);
    expect(values(json, 'aws_vpn_gateway_route_propagation')).toEqual([expect.objectContaining({ route_table_id: 'rtb-0a1b2c3d4e5f60719', vpn_gateway_id: 'vgw-0a1b2c3d' })]);
    expect(values(json, 'google_compute_router_peer').map((p) => p.peer_asn)).toEqual([7224, 7224, 7224, 7224]);
  } finally {
    rmSync(vgwOut, { recursive: true, force: true });
  }
});
