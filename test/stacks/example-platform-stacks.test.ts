import { Address4 } from 'ip-address';
import { Cidr } from '../../lib/domain/ip-plan/cidr';
import { AWS_RESERVED_LINK_RANGES } from '../../lib/domain/ip-plan/special-ranges';
import { resourcesOf, synthExample } from './example-synth';

const { texts, json, platform, manifest } = synthExample();
const stackNames = Object.keys(json).sort();

describe('the example platform stacks', () => {
  test('declares dependencies so cdktf deploys project services, network, fleet, clusters, links, tenant identities and developer access in order', () => {
    const deps = Object.fromEntries(Object.entries<{ dependencies: string[] }>(manifest.stacks).map(([name, s]) => [name, [...s.dependencies].sort()]));
    expect(deps).toEqual({
      'drive-project-services': [],
      'drive-network': ['drive-project-services'],
      'drive-fleet': ['drive-project-services'],
      'drive-cluster-prod-usc1': ['drive-fleet', 'drive-network', 'drive-project-services'],
      'drive-cluster-dev-usw1': ['drive-fleet', 'drive-network', 'drive-project-services'],
      'drive-cluster-payments-usc1': ['drive-fleet', 'drive-network', 'drive-project-services'],
      'drive-link-aws-usw2': ['drive-network', 'drive-project-services'],
      'drive-link-garage-sunnyvale': ['drive-network', 'drive-project-services'],
      'drive-tenants': ['drive-cluster-dev-usw1', 'drive-cluster-payments-usc1', 'drive-cluster-prod-usc1', 'drive-project-services'],
      'drive-developers': ['drive-project-services'],
    });
  });

  test('has one stack per concern, each with its own state', () => {
    expect(stackNames).toEqual([
      'drive-cluster-dev-usw1',
      'drive-cluster-payments-usc1',
      'drive-cluster-prod-usc1',
      'drive-developers',
      'drive-fleet',
      'drive-link-aws-usw2',
      'drive-link-garage-sunnyvale',
      'drive-network',
      'drive-project-services',
      'drive-tenants',
    ]);
    for (const name of stackNames) {
      // Relative to cdktf.out/stacks/<stack>/: the same on every machine, and remote state resolves alike.
      expect(json[name].terraform.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
    }
  });

  test('uses a GCS backend with a distinct prefix per stack when configured', () => {
    const gcs = synthExample({ backend: { gcs: { bucket: 'drive-tf-state', prefix: 'platform' } } }).json;
    expect(Object.entries(gcs).map(([name, tf]) => [name, tf.terraform.backend])).toEqual(Object.keys(gcs).map((name) => [name, { gcs: { bucket: 'drive-tf-state', prefix: `platform/${name}` } }]));
  });

  test.each(stackNames)('%s matches its snapshot', (name) => {
    expect(texts[name]).toMatchSnapshot();
  });

  test('the address inventory is deliberate: any change here destroys or creates infrastructure', () => {
    const addresses = Object.entries(json).flatMap(([stack, tf]) => Object.entries(tf.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${stack}: ${type}.${name}`)));
    expect(addresses.sort()).toMatchSnapshot();
  });
});

describe('every cluster and node pool in the output is hardened', () => {
  const clusters = resourcesOf(json, 'google_container_cluster');
  const pools = resourcesOf(json, 'google_container_node_pool');

  test("three clusters, eight node pools (tenant pools and the GPU tenant's CPU companion included)", () => {
    expect(clusters.map(([, , c]) => c.name).sort()).toEqual(['dev-usw1', 'payments-usc1', 'prod-usc1']);
    expect(pools.map(([, , p]) => p.name).sort()).toEqual(['batch-spot', 'general', 'gpu-l4', 'services', 'services', 'tenant-ml-training', 'tenant-ml-training-cpu', 'tenant-simulation'].sort());
  });

  test.each(clusters.map(([stack, , c]) => [c.name, stack, c]))('%s: private, Workload Identity, Dataplane V2, shielded, protected', (name, _stack, cluster) => {
    const project = platform.definition.clusters.find((c) => c.name === name)!.project;
    expect(cluster.private_cluster_config.enable_private_nodes).toBe(true);
    expect(cluster.workload_identity_config).toEqual({ workload_pool: `${project}.svc.id.goog` });
    expect(cluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(cluster.enable_shielded_nodes).toBe(true);
    expect(cluster.deletion_protection).toBe(true);
    expect(cluster.remove_default_node_pool).toBe(true);
    expect(cluster.authenticator_groups_config).toEqual({ security_group: 'gke-security-groups@example.com' });
    expect(cluster.release_channel.channel).toBe(platform.definition.clusters.find((c) => c.name === name)!.releaseChannel ?? 'REGULAR');
    expect(cluster.master_authorized_networks_config.cidr_blocks).not.toContainEqual(expect.objectContaining({ cidr_block: '0.0.0.0/0' }));
    expect(cluster.private_cluster_config.master_ipv4_cidr_block).toBe(platform.ipPlan.cidr(`gcp/${cluster.location}/${name}/control-plane`));
    expect(cluster.ip_allocation_policy).toMatchObject({ cluster_secondary_range_name: `${name}-pods`, services_secondary_range_name: `${name}-services` });
  });

  test.each(pools.map(([stack, , p]) => [`${stack}/${p.name}`, p]))('%s: secure boot, GKE metadata, COS, auto repair/upgrade, its own service account', (_, pool) => {
    expect(pool.node_config.shielded_instance_config).toEqual({ enable_secure_boot: true, enable_integrity_monitoring: true });
    expect(pool.node_config.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' });
    expect(pool.node_config.image_type).toBe('COS_CONTAINERD');
    // Queued-provisioning nodes live only as long as their request: GKE requires auto-repair off there.
    expect(pool.management).toEqual({ auto_repair: pool.queued_provisioning?.enabled !== true, auto_upgrade: true });
    expect(pool.node_config.service_account).toMatch(/^\$\{google_service_account\..*\.email\}$/);
  });

  test('tenant pools carry the tenant taint and label; GPU pools no nvidia taint of our own', () => {
    const byName = Object.fromEntries(pools.map(([, , p]) => [p.name, p]));
    expect(byName['tenant-simulation'].node_config.taint).toEqual([{ key: 'tenant', value: 'simulation', effect: 'NO_SCHEDULE' }]);
    expect(byName['tenant-simulation'].node_config.labels).toMatchObject({ tenant: 'simulation' });
    expect(byName['tenant-simulation'].node_config.spot).toBe(true);
    expect(byName['tenant-ml-training'].node_config.guest_accelerator[0]).toMatchObject({ type: 'nvidia-tesla-a100', count: 1 });
    for (const pool of [byName['gpu-l4'], byName['tenant-ml-training']]) {
      expect(JSON.stringify(pool.node_config.taint ?? [])).not.toContain('nvidia.com/gpu');
    }
  });

  test("the GPU tenant's A100 pool is queued (Dynamic Workload Scheduler): from zero, no reservation, any zone", () => {
    const byName = Object.fromEntries(pools.map(([, , p]) => [p.name, p]));
    const queued = pools.filter(([, , p]) => p.queued_provisioning).map(([, , p]) => p.name);
    expect(queued).toEqual(['tenant-ml-training']);
    const ml = byName['tenant-ml-training'];
    expect(ml.queued_provisioning).toEqual({ enabled: true });
    expect(ml.node_config.reservation_affinity).toEqual({ consume_reservation_type: 'NO_RESERVATION' });
    expect(ml.autoscaling).toMatchObject({ total_min_node_count: 0, location_policy: 'ANY' });
  });

  test("tenant pools carry the tenant's cost labels on their VMs (the billing export charges them); the cluster's own pools none", () => {
    const labels = Object.fromEntries(pools.map(([stack, , p]) => [`${stack}/${p.name}`, p.node_config.resource_labels]));
    expect(labels).toMatchObject({
      'drive-cluster-prod-usc1/tenant-simulation': { tenant: 'simulation', team: 'simulation', 'cost-center': 'cc-2201' },
      'drive-cluster-prod-usc1/tenant-ml-training': { tenant: 'ml-training', 'cost-center': expect.any(String) },
      'drive-cluster-prod-usc1/tenant-ml-training-cpu': { tenant: 'ml-training', 'cost-center': expect.any(String) },
    });
    expect(labels['drive-cluster-prod-usc1/batch-spot']).toBeUndefined();
  });

  test("the GPU tenant's CPU companion pool carries its taint and label, no GPU, and scales from zero", () => {
    const cpu = Object.fromEntries(pools.map(([, , p]) => [p.name, p]))['tenant-ml-training-cpu'];
    expect(cpu.node_config.taint).toEqual([{ key: 'tenant', value: 'ml-training', effect: 'NO_SCHEDULE' }]);
    expect(cpu.node_config.labels).toMatchObject({ tenant: 'ml-training' });
    expect(cpu.node_config.guest_accelerator).toBeUndefined();
    expect(cpu.node_config.machine_type).toBe('n2-standard-8');
    expect(cpu.autoscaling).toMatchObject({ total_min_node_count: 0, total_max_node_count: 8 });
  });

  test('each cluster uses its subnet from the network stack through cdktf cross-stack references', () => {
    for (const [stack, , cluster] of clusters) {
      expect(cluster.subnetwork).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-drive-network\.outputs\./);
      expect(json[stack].data!.terraform_remote_state['cross-stack-reference-input-drive-network'].config).toEqual({ path: '../../../terraform.drive-network.tfstate' });
    }
  });

  test('Config Sync syncs each cluster from its own folder', () => {
    const syncs = resourcesOf(json, 'google_gke_hub_feature_membership').map(([, , m]) => m.configmanagement.config_sync.git.policy_dir);
    expect(syncs.sort()).toEqual(['dist/dev-usw1', 'dist/payments-usc1', 'dist/prod-usc1']);
  });
});

describe('address space in the output', () => {
  test('no two ranges overlap: subnets, secondary ranges, control planes, BGP /30s and remote networks', () => {
    const ranges: { owner: string; cidr: string }[] = [];
    for (const [, , subnet] of resourcesOf(json, 'google_compute_subnetwork')) {
      ranges.push({ owner: subnet.name, cidr: subnet.ip_cidr_range });
      for (const secondary of subnet.secondary_ip_range) ranges.push({ owner: `${subnet.name}/${secondary.range_name}`, cidr: secondary.ip_cidr_range });
    }
    for (const [, , cluster] of resourcesOf(json, 'google_container_cluster')) ranges.push({ owner: `${cluster.name} control plane`, cidr: cluster.private_cluster_config.master_ipv4_cidr_block });
    for (const [, name, vpn] of resourcesOf(json, 'aws_vpn_connection')) {
      ranges.push({ owner: `${name} tunnel1`, cidr: vpn.tunnel1_inside_cidr }, { owner: `${name} tunnel2`, cidr: vpn.tunnel2_inside_cidr });
    }
    for (const network of platform.definition.remoteNetworks ?? []) for (const cidr of network.cidrs) ranges.push({ owner: network.name, cidr });
    expect(ranges.length).toBe(3 + 6 + 3 + 4 + 3);
    const parsed = ranges.map((r) => ({ ...r, parsed: Cidr.parse(r.cidr) }));
    const overlaps = parsed.flatMap((a, i) =>
      parsed
        .slice(i + 1)
        .filter((b) => a.parsed.overlaps(b.parsed))
        .map((b) => `${a.owner} ${a.cidr} ~ ${b.owner} ${b.cidr}`),
    );
    expect(overlaps).toEqual([]);
  });

  test('no BGP /30 repeats on a router or falls in an AWS-reserved block', () => {
    const byRouter = new Map<string, string[]>();
    for (const [stack, , iface] of resourcesOf(json, 'google_compute_router_interface')) {
      const key = `${stack}/${iface.router}`;
      // ip_range is the interface address with its prefix, e.g. 169.254.0.6/30: take the /30 it sits in.
      const [address, prefix] = iface.ip_range.split('/');
      byRouter.set(key, [...(byRouter.get(key) ?? []), Cidr.fromNumbers(Number(new Address4(address).bigInt()), Number(prefix)).toString()]);
    }
    expect(byRouter.size).toBeGreaterThan(0);
    const reserved = AWS_RESERVED_LINK_RANGES.map((r) => Cidr.parse(r.cidr));
    for (const [, ranges] of byRouter) {
      expect(new Set(ranges).size).toBe(ranges.length);
      for (const range of ranges) expect(reserved.some((r) => r.overlaps(Cidr.parse(range)))).toBe(false);
    }
  });

  test('no pre-shared key appears as a literal anywhere in the output', () => {
    const secrets = [...resourcesOf(json, 'google_compute_vpn_tunnel').map(([, , t]) => t.shared_secret), ...resourcesOf(json, 'aws_vpn_connection').flatMap(([, , c]) => [c.tunnel1_preshared_key, c.tunnel2_preshared_key])];
    expect(secrets).toHaveLength(8);
    // Only interpolations of generated values (a leading letter and a body: AWS forbids a leading 0).
    for (const secret of secrets) expect(secret).toMatch(/^(\$\{random_password\.[^}]+\.result\})+$/);
    expect(resourcesOf(json, 'random_password').length).toBeGreaterThanOrEqual(4);
  });
});

describe('tenant identities reach their own resources only', () => {
  const projectRoles = resourcesOf(json, 'google_project_iam_member')
    .filter(([stack]) => stack === 'drive-tenants')
    .map(([, , r]) => `${r.project} ${r.role}`);

  test('on drive-gke-prod, shared by four tenants, no data role is granted project-wide; the one opt-in is named', () => {
    expect(projectRoles.filter((r) => r.startsWith('drive-gke-prod ') && !r.endsWith('roles/container.clusterViewer')).sort()).toEqual(['drive-gke-prod roles/aiplatform.user']);
  });

  test('the payments tenant, alone in its project, keeps its project role', () => {
    expect(projectRoles).toContain('drive-payments-prod roles/cloudsql.client');
  });

  test("data roles are granted on the tenants' own buckets", () => {
    const buckets = resourcesOf(json, 'google_storage_bucket_iam_member')
      .map(([, , r]) => `${r.bucket} ${r.role}`)
      .sort();
    // The two buckets the platform creates are referenced (so each grant applies after its bucket); the other two exist.
    expect(buckets).toEqual([
      '${google_storage_bucket.mapping_Resource-storage-bucket-drive-mapping-tiles_F1420C83.name} roles/storage.objectUser',
      '${google_storage_bucket.ml-training_Resource-storage-bucket-drive-ml-checkpoints_CF10F774.name} roles/storage.objectUser',
      'drive-ml-datasets roles/storage.objectViewer',
      'drive-sim-scenarios roles/storage.objectViewer',
    ]);
  });
});
