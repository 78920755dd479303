import { Testing } from 'cdktf';
import { NodePool, NodePoolProps } from '../../lib/gke/node-pool';
import { clusterStack, Json, only, synthJson } from './fixtures';

function poolJson(props: Partial<NodePoolProps> = {}, clusterOverrides: Parameters<typeof clusterStack>[0] = {}): Json {
  const { stack, cluster } = clusterStack(clusterOverrides);
  new NodePool(stack, 'Pool', { cluster, name: 'services', ...props });
  return only(synthJson(stack), 'google_container_node_pool');
}

function makePool(props: Partial<NodePoolProps> = {}, clusterOverrides: Parameters<typeof clusterStack>[0] = {}): NodePool {
  const { stack, cluster } = clusterStack(clusterOverrides);
  return new NodePool(stack, 'Pool', { cluster, name: 'services', ...props });
}

describe('NodePool', () => {
  test('minimal snapshot', () => {
    const { stack, cluster } = clusterStack();
    new NodePool(stack, 'Pool', { cluster, name: 'services' });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  describe('secure defaults', () => {
    const p = poolJson();
    const nc = p.node_config;
    test('attached to the cluster by id and region', () => {
      expect(p.cluster).toMatch(/^\$\{google_container_cluster\.Cluster_[0-9A-F]{8}\.id\}$/);
      expect(p.location).toBe('us-central1');
      expect(p.project).toBe('acme-prod');
    });
    test('secure boot and integrity monitoring', () => expect(nc.shielded_instance_config).toEqual({ enable_secure_boot: true, enable_integrity_monitoring: true }));
    test('GKE_METADATA (Workload Identity)', () => expect(nc.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' }));
    test('COS_CONTAINERD', () => expect(nc.image_type).toBe('COS_CONTAINERD'));
    test("the cluster's node SA, never the default compute SA", () => {
      expect(nc.service_account).toMatch(/^\$\{google_service_account\.Cluster_NodeServiceAccount_[0-9A-F]{8}\.email\}$/);
      expect(nc.oauth_scopes).toEqual(['https://www.googleapis.com/auth/cloud-platform']);
    });
    test('auto repair and auto upgrade', () => expect(p.management).toEqual({ auto_repair: true, auto_upgrade: true }));
    test('surge upgrades 1/0', () => expect(p.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 1, max_unavailable: 0 }));
    test('autoscaling 1..3 per zone, balanced', () => expect(p.autoscaling).toEqual({ min_node_count: 1, max_node_count: 3, location_policy: 'BALANCED' }));
    test('max pods per node from the cluster', () => expect(p.max_pods_per_node).toBe(64));
    test('machine and disk', () => expect(nc).toMatchObject({ machine_type: 'e2-standard-4', disk_size_gb: 100, disk_type: 'pd-balanced', spot: false }));
    test("the baseline rules' shared tag and the cluster's own tag (its segmented rules target it)", () => expect(nc.tags).toEqual(['gke-node', 'gke-prod-usc1-nodes']));
    test('no taints, no GPUs, no own pod range', () => {
      expect(nc.taint).toBeUndefined();
      expect(nc.guest_accelerator).toBeUndefined();
      expect(p.network_config).toBeUndefined();
    });
    test('initial node count is creation-only', () => {
      expect(p.initial_node_count).toBe(1);
      expect(p.lifecycle).toEqual({ ignore_changes: ['initial_node_count'] });
    });
  });

  test('total limits, spot with ANY policy', () => {
    const p = poolJson({ spot: true, autoscaling: { totalMinNodes: 0, totalMaxNodes: 10 } });
    expect(p.autoscaling).toEqual({ total_min_node_count: 0, total_max_node_count: 10, location_policy: 'ANY' });
    expect(p.node_config.spot).toBe(true);
    expect(p.initial_node_count).toBe(0);
  });

  test('GPUs with driver installation and no GPU taint', () => {
    const p = poolJson({ machineType: 'g2-standard-8', gpu: { type: 'nvidia-l4', count: 1 } });
    expect(p.node_config.guest_accelerator).toEqual([{ type: 'nvidia-l4', count: 1, gpu_driver_installation_config: { gpu_driver_version: 'LATEST' } }]);
    expect(p.node_config.taint).toBeUndefined();
  });

  test('taints, labels, tags, zones, machine and disk', () => {
    const p = poolJson({
      taints: [{ key: 'workload-class', value: 'batch', effect: 'NO_SCHEDULE' }],
      labels: { 'workload-class': 'batch' },
      networkTags: ['gke-node', 'batch'],
      nodeLocations: ['us-central1-a', 'us-central1-b'],
      machineType: 'n2-standard-8',
      diskSizeGb: 200,
      diskType: 'pd-ssd',
      imageType: 'UBUNTU_CONTAINERD',
      resourceLabels: { team: 'a' },
    });
    expect(p.node_config.taint).toEqual([{ key: 'workload-class', value: 'batch', effect: 'NO_SCHEDULE' }]);
    expect(p.node_config.labels).toEqual({ 'workload-class': 'batch' });
    expect(p.node_config.tags).toEqual(['gke-node', 'batch']);
    expect(p.node_config.resource_labels).toEqual({ team: 'a' });
    expect(p.node_locations).toEqual(['us-central1-a', 'us-central1-b']);
    expect(p.node_config).toMatchObject({ machine_type: 'n2-standard-8', disk_size_gb: 200, disk_type: 'pd-ssd', image_type: 'UBUNTU_CONTAINERD' });
  });

  test('blue-green upgrades', () => {
    const p = poolJson({ blueGreenUpgrade: { batchPercentage: 0.25, batchSoakDuration: '300s', nodePoolSoakDuration: '3600s' } });
    expect(p.upgrade_settings).toEqual({ strategy: 'BLUE_GREEN', blue_green_settings: { node_pool_soak_duration: '3600s', standard_rollout_policy: { batch_percentage: 0.25, batch_soak_duration: '300s' } } });
  });

  test('own pod range and smaller max pods', () => {
    const p = poolJson({ podRange: { rangeName: 'pods-extra', cidr: '100.66.0.0/18' }, maxPodsPerNode: 110 }, { additionalPodRangeNames: ['pods-extra'] });
    expect(p.network_config).toEqual({ create_pod_range: false, pod_range: 'pods-extra' });
    expect(p.max_pods_per_node).toBe(110);
  });

  test('service account override', () => {
    expect(poolJson({ serviceAccountEmail: 'gpu@acme-prod.iam.gserviceaccount.com' }).node_config.service_account).toBe('gpu@acme-prod.iam.gserviceaccount.com');
  });

  test('exposes footprint', () => {
    const pool = makePool({ autoscaling: { minNodesPerZone: 0, maxNodesPerZone: 4 }, nodeLocations: ['us-central1-a', 'us-central1-b'] });
    expect(pool.maxNodes).toBe(8);
    expect(pool.maxPodsPerNode).toBe(64);
    expect(pool.resource.node.id).toBe('Resource');
  });

  describe('validation', () => {
    test('throws when the name is invalid', () => {
      expect(() => makePool({ name: 'Services' })).toThrow('test/Pool: name "Services" must match ^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$ (at most 40 characters); use lower-case letters, digits and "-", starting with a letter, e.g. "prod-usc1"');
    });
    test('throws when a zone is outside the cluster region', () => {
      expect(() => makePool({ nodeLocations: ['europe-west4-a'] })).toThrow(/nodeLocations\[0\] "europe-west4-a" is not a zone of region us-central1/);
    });
    test('throws when min exceeds max', () => {
      expect(() => makePool({ autoscaling: { minNodesPerZone: 4, maxNodesPerZone: 2 } })).toThrow(/autoscaling.minNodesPerZone 4 is above autoscaling.maxNodesPerZone \(2\)/);
    });
    test('throws when max is zero', () => {
      expect(() => makePool({ autoscaling: { totalMinNodes: 0, totalMaxNodes: 0 } })).toThrow(/autoscaling.totalMaxNodes 0 must be an integer ≥ 1/);
    });
    test('throws when min is negative', () => {
      expect(() => makePool({ autoscaling: { totalMinNodes: -1, totalMaxNodes: 3 } })).toThrow(/autoscaling.totalMinNodes -1 must be an integer ≥ 0/);
    });
    test('throws when per-zone and total limits are mixed', () => {
      expect(() => makePool({ autoscaling: { minNodesPerZone: 0, maxNodesPerZone: 2, totalMinNodes: 0, totalMaxNodes: 3 } as never })).toThrow(/autoscaling .* sets both per-zone and total limits/);
    });
    test('throws when a taint effect is invalid', () => {
      expect(() => makePool({ taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' as never }] })).toThrow(
        'test/Pool: taints[0].effect "NoSchedule" is not one of NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE; use the GKE API spelling, e.g. NO_SCHEDULE (not NoSchedule)',
      );
    });
    test('throws when a user adds the nvidia.com/gpu taint', () => {
      expect(() => makePool({ machineType: 'g2-standard-8', gpu: { type: 'nvidia-l4', count: 1 }, taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }] })).toThrow(
        'test/Pool: taints[0].key "nvidia.com/gpu" is the GPU taint GKE adds itself to GPU nodes; remove this taint; GKE taints GPU nodes with nvidia.com/gpu=present:NoSchedule automatically',
      );
    });
    test('throws when a label is invalid', () => {
      expect(() => makePool({ labels: { 'bad key': 'x' } })).toThrow(/labels.bad key "bad key" is not a valid Kubernetes label key/);
    });
    test('throws when a network tag is invalid', () => {
      expect(() => makePool({ networkTags: ['Bad_Tag'] })).toThrow(/networkTags\[0\] "Bad_Tag" is not a valid name/);
    });
    test('throws when surge and blue-green are both set', () => {
      expect(() => makePool({ surgeUpgrade: { maxSurge: 2 }, blueGreenUpgrade: {} })).toThrow(
        'test/Pool: blueGreenUpgrade {} is set together with surgeUpgrade; a pool upgrades with one strategy; keep either surgeUpgrade or blueGreenUpgrade',
      );
    });
    test('throws when surge cannot progress', () => {
      expect(() => makePool({ surgeUpgrade: { maxSurge: 0, maxUnavailable: 0 } })).toThrow(/has maxSurge and maxUnavailable both 0, so upgrades cannot progress; use maxSurge: 1/);
    });
    test('throws when blue-green batch percentage is out of range', () => {
      expect(() => makePool({ blueGreenUpgrade: { batchPercentage: 25 } })).toThrow(/blueGreenUpgrade.batchPercentage 25 must be a fraction in \(0, 1\]/);
    });
    test('throws when blue-green sets both batch fields', () => {
      expect(() => makePool({ blueGreenUpgrade: { batchPercentage: 0.5, batchNodeCount: 2 } })).toThrow(/batchNodeCount 2 is set together with batchPercentage/);
    });
    test("throws when maxPodsPerNode is above the cluster's sizing", () => {
      expect(() => makePool({ maxPodsPerNode: 110 })).toThrow(
        "test/Pool: maxPodsPerNode 110 is above the cluster's sizing of 64 pods per node (a /24 per node instead of a /25), so the pod range would hold fewer nodes than planned; lower maxPodsPerNode to 64 or less, give the pool its own podRange sized for it, or raise maxPodsPerNode for the cluster in the IP plan",
      );
    });
    test('throws when maxPodsPerNode is out of range', () => {
      expect(() => makePool({ maxPodsPerNode: 4 })).toThrow(/maxPodsPerNode 4 must be an integer between 8 and 256/);
    });
    test("throws when the pool's pod range is not registered on the cluster", () => {
      expect(() => makePool({ podRange: { rangeName: 'pods-extra' } })).toThrow(/podRange.rangeName "pods-extra" is not one of the cluster's pod ranges \(pods\); add it to the cluster's additionalPodRangeNames/);
    });
    test("throws when the pool's own pod range is too small", () => {
      // /18 at 110 pods (/24 blocks) holds 64 nodes; 3 zones x 25 + 3 surge = 78.
      expect(() => makePool({ podRange: { rangeName: 'pods-extra', cidr: '100.66.0.0/18' }, maxPodsPerNode: 110, autoscaling: { minNodesPerZone: 0, maxNodesPerZone: 25 } }, { additionalPodRangeNames: ['pods-extra'] })).toThrow(
        'test/Pool: podRange.cidr (pods-extra) "100.66.0.0/18" holds 64 nodes at 110 pods per node (one /24 per node), but the pool at 75 nodes + 3 surge needs 78; use a /17 or larger pod range, or lower maxPodsPerNode to 64, or lower the node count',
      );
    });
    test('throws when the service account is the default compute SA', () => {
      expect(() => makePool({ serviceAccountEmail: '123-compute@developer.gserviceaccount.com' })).toThrow(
        /serviceAccountEmail "123-compute@developer.gserviceaccount.com" is the Compute Engine default service account \(Editor on the project\); omit it/,
      );
    });
    test('throws when the GPU count is zero', () => {
      expect(() => makePool({ machineType: 'g2-standard-8', gpu: { type: 'nvidia-l4', count: 0 } })).toThrow(/gpu.count 0 must be an integer ≥ 1/);
    });
    test('throws when the machine type cannot carry the GPU', () => {
      expect(() => makePool({ gpu: { type: 'nvidia-l4', count: 1 } })).toThrow(/machineType "e2-standard-4" cannot carry nvidia-l4 GPUs; use a g2-\* machine type/);
    });
    test('throws when initialNodeCount is negative', () => {
      expect(() => makePool({ initialNodeCount: -1 })).toThrow(/initialNodeCount -1 must be an integer ≥ 0/);
    });
  });
});

describe('NodePool: GPU sharing and queued provisioning', () => {
  const a100 = { machineType: 'a2-highgpu-1g', autoscaling: { totalMinNodes: 0, totalMaxNodes: 8 } } as const;

  test('time-sharing sets gpu_sharing_config on the accelerator', () => {
    const p = poolJson({ machineType: 'g2-standard-8', gpu: { type: 'nvidia-l4', count: 1, sharing: { strategy: 'time-sharing', maxClientsPerGpu: 4 } } });
    expect(p.node_config.guest_accelerator[0].gpu_sharing_config).toEqual({ gpu_sharing_strategy: 'TIME_SHARING', max_shared_clients_per_gpu: 4 });
  });

  test('MIG sets gpu_partition_size', () => {
    expect(poolJson({ ...a100, gpu: { type: 'nvidia-tesla-a100', count: 1, partitionSize: '1g.5gb' } }).node_config.guest_accelerator[0].gpu_partition_size).toBe('1g.5gb');
  });

  test('queued provisioning: enabled, no reservation, no auto-repair, any zone, from zero', () => {
    const p = poolJson({ ...a100, gpu: { type: 'nvidia-tesla-a100', count: 1 }, queuedProvisioning: true });
    expect(p.queued_provisioning).toEqual({ enabled: true });
    expect(p.node_config.reservation_affinity).toEqual({ consume_reservation_type: 'NO_RESERVATION' });
    expect(p.management).toEqual({ auto_repair: false, auto_upgrade: true });
    expect(p.autoscaling).toEqual({ total_min_node_count: 0, total_max_node_count: 8, location_policy: 'ANY' });
    expect(p.initial_node_count).toBe(0);
  });

  test('a pool without queued provisioning sets none of it', () => {
    const p = poolJson();
    expect(p.queued_provisioning).toBeUndefined();
    expect(p.node_config.reservation_affinity).toBeUndefined();
  });

  test('throws when a queued pool has per-zone limits and no GPU', () => {
    expect(() => makePool({ queuedProvisioning: true })).toThrow('test/Pool: autoscaling {"minNodesPerZone":1,"maxNodesPerZone":3} sets per-zone limits on a queued-provisioning pool; use totalMinNodes: 0 and totalMaxNodes');
    expect(() => makePool({ queuedProvisioning: true, autoscaling: { totalMinNodes: 0, totalMaxNodes: 3 } })).toThrow(/queuedProvisioning true is set on a pool without GPUs/);
  });

  test('throws when a queued pool keeps nodes, or a shared GPU has too many clients', () => {
    expect(() => makePool({ ...a100, autoscaling: { totalMinNodes: 1, totalMaxNodes: 8 }, gpu: { type: 'nvidia-tesla-a100', count: 1 }, queuedProvisioning: true })).toThrow(/test\/Pool: minNodes 1 is above 0 on a queued-provisioning pool/);
    expect(() => makePool({ machineType: 'g2-standard-8', gpu: { type: 'nvidia-l4', count: 1, sharing: { strategy: 'time-sharing', maxClientsPerGpu: 64 } } })).toThrow(
      /test\/Pool: gpu.sharing.maxClientsPerGpu 64 must be a whole number from 2 to 48/,
    );
  });
});
