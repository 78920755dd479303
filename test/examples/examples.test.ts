/**
 * The examples synthesize in-process (each exports a build function; main.ts only wraps it) into a
 * temporary directory, and their key resources are checked in the written files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { parseAllDocuments } from 'yaml';
import { clusterZones } from '../../lib/domain/platform/platform-ip-plan';
import { podRangeName } from '../../lib/domain/platform/gcp-names';
import { TENANT_NODE_LABEL_KEY, TENANT_TAINT_KEY } from '../../lib/domain/tenancy/labels';
import { examplePlatform } from '../../examples/drive-platform/platform';
import { PROD_USC1 } from '../../examples/team-stack/platform-cluster';
import { buildTeamStack, PERCEPTION_IDENTITY, TEAM_POOL_NAME, TEAM_STACK_NAME } from '../../examples/team-stack/team-stack';
import { buildSingleRegion, synthSingleRegionManifests } from '../../examples/single-region/single-region';
import { singleRegionLockFile } from '../../examples/single-region/platform';
import { buildRegulated, synthRegulatedManifests } from '../../examples/regulated/regulated';
import { AWS_TUNNELS, BGP_POOL, GARAGE_TUNNELS, HYBRID_LOCK_FILE } from '../../examples/hybrid-only/bgp-plan';
import { buildHybridOnly, HYBRID_STACK_NAME } from '../../examples/hybrid-only/hybrid-only';
import { Cidr } from '../../lib/domain/ip-plan/cidr';
import { verifyConnectivity } from '../../lib/report/verify-connectivity';

process.env.CHECKPOINT_DISABLE = '1';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `example-${prefix}-`));
  dirs.push(dir);
  return dir;
}

/** Runs `build` on an app writing to a temp dir, synthesizes (validations included) and returns the outdir. */
function synthApp<T>(prefix: string, build: (app: App) => T): { outdir: string; built: T } {
  const outdir = tempDir(prefix);
  const app = new App({ outdir });
  const built = build(app);
  app.synth();
  return { outdir, built };
}

function stackJson(outdir: string, stack: string): any {
  return JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

/** Resource configurations of one type, in synthesis order. */
function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

function lockedCidrs(lockFile: string): Record<string, string> {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  return Object.fromEntries(Object.entries(lock.allocations as Record<string, { cidr: string }>).map(([name, entry]) => [name, entry.cidr]));
}

describe('examples/team-stack', () => {
  const { outdir } = synthApp('team', buildTeamStack);
  const json = stackJson(outdir, TEAM_STACK_NAME);

  test('the cluster attributes match the platform that owns the cluster', () => {
    // GIVEN the example platform's prod-usc1 entry, THEN the constants a team receives describe it.
    const cluster = examplePlatform.clusters.find((c) => c.name === PROD_USC1.name)!;
    expect(PROD_USC1).toMatchObject({
      location: cluster.region,
      projectId: cluster.project,
      maxPodsPerNode: cluster.maxPodsPerNode,
      podRangeName: podRangeName(cluster),
      nodeServiceAccountEmail: `${cluster.name}-nodes@${cluster.project}.iam.gserviceaccount.com`,
      nodeLocations: clusterZones(cluster),
    });
  });

  test('refers to the imported cluster without managing it', () => {
    expect(resources(json, 'google_container_cluster')).toEqual([]);
    const [pool] = resources(json, 'google_container_node_pool');
    expect(pool).toMatchObject({
      name: TEAM_POOL_NAME,
      cluster: 'projects/drive-gke-prod/locations/us-central1/clusters/prod-usc1',
      project: 'drive-gke-prod',
      location: 'us-central1',
    });
    expect(pool.node_config.service_account).toBe(PROD_USC1.nodeServiceAccountEmail);
  });

  test('the pool carries the tenant taint and label the platform policies key on', () => {
    const [pool] = resources(json, 'google_container_node_pool');
    expect(pool.node_config.taint).toEqual([{ key: TENANT_TAINT_KEY, value: 'perception', effect: 'NO_SCHEDULE' }]);
    expect(pool.node_config.labels).toEqual({ [TENANT_NODE_LABEL_KEY]: 'perception' });
    expect(pool.node_config.machine_type).toBe('n2-highmem-8');
    expect(pool.autoscaling).toMatchObject({ total_min_node_count: 0, total_max_node_count: 12 });
  });

  test("adds the tenant's Workload Identity in the cluster's project, and no group grants", () => {
    const [sa] = resources(json, 'google_service_account');
    expect(sa).toMatchObject({ project: 'drive-gke-prod', account_id: 'perception-label-worker' });
    const [binding] = resources(json, 'google_service_account_iam_member');
    expect(binding).toMatchObject({ role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:drive-gke-prod.svc.id.goog[perception/label-worker]' });
    const roles = resources(json, 'google_project_iam_member').map((m) => m.role);
    expect(roles).toEqual(PERCEPTION_IDENTITY.workloadIdentities!.flatMap((wi) => wi.projectRoles));
  });
});

describe('examples/single-region', () => {
  const { outdir, built } = synthApp('single', (app) => buildSingleRegion(app, { frozen: true }));
  const distDir = join(tempDir('single-dist'), 'dist');
  synthSingleRegionManifests(built.platform, distDir);
  const locked = lockedCidrs(singleRegionLockFile);

  test('meets every connectivity intent on its synthesized output', () => {
    const result = verifyConnectivity(built.platform.definition, { cdktfOut: outdir, dist: distDir });
    expect(result.failures.map((v) => v.message)).toEqual([]);
    expect(result.verdicts.map((v) => v.id)).toEqual(expect.arrayContaining(['pods-across-nodes/prod-euw1', 'google-apis/storefront@prod-euw1', 'private-services/storefront@prod-euw1']));
  });

  test('its committed lock file holds every range (frozen load records nothing)', () => {
    expect(built.platform.recorded).toEqual([]);
    expect(built.platform.ipPlan.newAllocations).toEqual([]);
  });

  test('writes the project-services, network, fleet (Config Sync is required), cluster and tenant stacks, ordered by dependency', () => {
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['shop-cluster-prod-euw1', 'shop-fleet', 'shop-network', 'shop-project-services', 'shop-tenants']);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['shop-project-services'].dependencies).toEqual([]);
    expect(manifest.stacks['shop-network'].dependencies).toEqual(['shop-project-services']);
    expect([...manifest.stacks['shop-cluster-prod-euw1'].dependencies].sort()).toEqual(['shop-fleet', 'shop-network', 'shop-project-services']);
    expect([...manifest.stacks['shop-tenants'].dependencies].sort()).toEqual(['shop-cluster-prod-euw1', 'shop-project-services']);
  });

  test('the subnet and the cluster use the recorded ranges', () => {
    const [subnet] = resources(stackJson(outdir, 'shop-network'), 'google_compute_subnetwork');
    expect(subnet.ip_cidr_range).toBe(locked['gcp/europe-west1/prod-euw1/nodes']);
    expect(subnet.secondary_ip_range).toEqual([
      { range_name: 'prod-euw1-pods', ip_cidr_range: locked['gcp/europe-west1/prod-euw1/pods'] },
      { range_name: 'prod-euw1-services', ip_cidr_range: locked['gcp/europe-west1/prod-euw1/services'] },
    ]);
    const cluster = stackJson(outdir, 'shop-cluster-prod-euw1');
    const [gke] = resources(cluster, 'google_container_cluster');
    expect(gke.private_cluster_config.master_ipv4_cidr_block).toBe(locked['gcp/europe-west1/prod-euw1/control-plane']);
    expect(resources(cluster, 'google_container_node_pool').map((p) => p.name)).toEqual(['general']);
  });

  test("writes the cluster's manifests: platform policies and the tenant bundle", () => {
    expect(readdirSync(join(distDir, 'prod-euw1')).sort()).toEqual(['platform.k8s.yaml', 'tenant-storefront.k8s.yaml']);
    const objects = parseAllDocuments(readFileSync(join(distDir, 'prod-euw1', 'tenant-storefront.k8s.yaml'), 'utf8')).map((d) => d.toJSON());
    expect(objects).toContainEqual(expect.objectContaining({ kind: 'Namespace', metadata: expect.objectContaining({ name: 'storefront' }) }));
    const ksa = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'web');
    expect(ksa.metadata.annotations['iam.gke.io/gcp-service-account']).toBe('storefront-web@shop-prod.iam.gserviceaccount.com');
  });
});

describe('examples/hybrid-only', () => {
  const { outdir, built } = synthApp('hybrid', (app) => buildHybridOnly(app, { frozen: true }));
  const json = stackJson(outdir, HYBRID_STACK_NAME);
  const locked = lockedCidrs(HYBRID_LOCK_FILE);
  const awsCidrs = Array.from({ length: AWS_TUNNELS }, (_, i) => locked[`links/aws-usw2/tunnel-${i}`]);
  const garageCidrs = Array.from({ length: GARAGE_TUNNELS }, (_, i) => locked[`links/garage-sjc/tunnel-${i}`]);

  test('the /30s come from the committed plan: unique, inside the link-local pool', () => {
    expect(built.bgp.aws).toEqual(awsCidrs);
    expect(built.bgp.garage).toEqual(garageCidrs);
    const all = [...awsCidrs, ...garageCidrs];
    expect(new Set(all).size).toBe(all.length);
    const pool = Cidr.parse(BGP_POOL.cidr);
    for (const cidr of all) {
      expect(Cidr.parse(cidr).prefixLength).toBe(30);
      expect(pool.contains(Cidr.parse(cidr))).toBe(true);
    }
  });

  test('only refers to the existing network', () => {
    expect(resources(json, 'google_compute_network')).toEqual([]);
    const [gateway] = resources(json, 'google_compute_ha_vpn_gateway').filter((g) => g.name === 'aws-usw2');
    expect(gateway.network).toBe('https://www.googleapis.com/compute/v1/projects/corp-net-prod/global/networks/corp');
  });

  test("AWS: 4 tunnels whose inside /30s are the plan's, in tunnel order", () => {
    const tunnels = resources(json, 'google_compute_vpn_tunnel').filter((t) => t.name.startsWith('aws-usw2-'));
    expect(tunnels).toHaveLength(4);
    const connections = resources(json, 'aws_vpn_connection');
    expect(connections.flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr])).toEqual(awsCidrs);
    // The Cloud Router takes the customer-gateway side of each /30 (its second usable address).
    const interfaces = resources(json, 'google_compute_router_interface').filter((i) => i.name.startsWith('aws-usw2-'));
    expect(interfaces.map((i) => i.ip_range)).toEqual(awsCidrs.map((cidr) => `${Cidr.parse(cidr).address(2)}/30`));
  });

  test('on-prem: 2 tunnels on the /30s recorded for them', () => {
    const tunnels = resources(json, 'google_compute_vpn_tunnel').filter((t) => t.name.startsWith('garage-sjc-'));
    expect(tunnels).toHaveLength(2);
    const peers = resources(json, 'google_compute_router_peer').filter((p) => p.peer_asn === 65100);
    expect(peers.map((p) => p.peer_ip_address)).toEqual(garageCidrs.map((cidr) => Cidr.parse(cidr).address(2)));
  });

  test('throws when frozen and the lock file lacks a tunnel /30', () => {
    const lockFile = join(tempDir('hybrid-lock'), 'missing.lock.json');
    expect(() => buildHybridOnly(new App({ outdir: tempDir('hybrid-frozen') }), { frozen: true, lockFile })).toThrow(/links\/aws-usw2\/tunnel-0.*requested but not recorded/s);
    expect(existsSync(lockFile)).toBe(false);
  });
});

describe('examples/regulated', () => {
  const { outdir, built } = synthApp('regulated', (app) => buildRegulated(app, { frozen: true }));
  const distDir = join(tempDir('regulated-dist'), 'dist');
  synthRegulatedManifests(built.platform, distDir);

  test('meets every connectivity intent, and its committed lock files hold every range and tenant', () => {
    expect(verifyConnectivity(built.platform.definition, { cdktfOut: outdir, dist: distDir }).failures.map((v) => v.message)).toEqual([]);
    expect(built.platform.recorded).toEqual([]);
  });

  test("each cluster: Binary Authorization enforced, its own key granted to the GKE service agent, the platform's freeze", () => {
    for (const [stack, key] of [
      ['ledger-cluster-prod-euw1', 'projects/ledger-kms/locations/europe-west1/keyRings/gke/cryptoKeys/prod-euw1-etcd'],
      ['ledger-cluster-dev-euw4', 'projects/ledger-kms/locations/europe-west4/keyRings/gke/cryptoKeys/dev-euw4-etcd'],
    ]) {
      const json = stackJson(outdir, stack);
      const [gke] = resources(json, 'google_container_cluster');
      expect(gke.binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
      expect(gke.database_encryption).toEqual({ state: 'ENCRYPTED', key_name: key });
      expect(resources(json, 'google_kms_crypto_key_iam_member')).toEqual([expect.objectContaining({ crypto_key_id: key, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter' })]);
      expect(gke.maintenance_policy.maintenance_exclusion[0]).toMatchObject({ exclusion_name: 'year-end', exclusion_options: { scope: 'NO_UPGRADES' } });
    }
  });

  test('the payments tenant has a Google service account in each project, bound to that project pool', () => {
    const tenants = stackJson(outdir, 'ledger-tenants-ledger-prod-1');
    expect(
      resources(tenants, 'google_service_account')
        .map((a) => `${a.project}/${a.account_id}`)
        .sort(),
    ).toEqual(['ledger-dev/payments-api', 'ledger-prod/payments-api']);
    expect(
      resources(tenants, 'google_service_account_iam_member')
        .map((b) => b.member)
        .sort(),
    ).toEqual(['serviceAccount:ledger-dev.svc.id.goog[payments/api]', 'serviceAccount:ledger-prod.svc.id.goog[payments/api]']);
  });
});
