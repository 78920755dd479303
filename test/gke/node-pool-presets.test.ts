import { NodePool } from '../../lib/gke/node-pool';
import { generalServicesPool, gpuTrainingPool, spotBatchPool, tenantDedicatedPool } from '../../lib/gke/node-pool-presets';
import { WORKLOAD_CLASS_KEY } from '../../lib/domain/gke/workload-class';
import { TENANT_NODE_LABEL_KEY, TENANT_TAINT_EFFECT, TENANT_TAINT_KEY } from '../../lib/domain/tenancy/labels';
import { clusterStack, only, synthJson } from './fixtures';

describe('node pool presets', () => {
  const { cluster } = clusterStack();

  test('keys: workload class here, tenant keys shared with the tenancy policies', () => {
    expect(WORKLOAD_CLASS_KEY).toBe('workload-class');
    const p = tenantDedicatedPool({ cluster, name: 'tenant-acme' }, 'acme');
    expect(Object.keys(p.labels!)).toEqual([TENANT_NODE_LABEL_KEY]);
    expect(p.taints![0].key).toBe(TENANT_TAINT_KEY);
    // Kubernetes spelling in the policies, GKE API spelling on the pool.
    expect(TENANT_TAINT_EFFECT).toBe('NoSchedule');
    expect(p.taints![0].effect).toBe('NO_SCHEDULE');
  });

  test('general services: on-demand, balanced, untainted', () => {
    const p = generalServicesPool({ cluster, name: 'services' });
    expect(p.spot).toBeUndefined();
    expect(p).toMatchObject({ name: 'services', locationPolicy: 'BALANCED', autoscaling: { minNodesPerZone: 1, maxNodesPerZone: 5 }, labels: { 'workload-class': 'general' }, taints: [] });
  });

  test('spot batch: spot, scale from zero, tainted and labelled batch', () => {
    const p = spotBatchPool({ cluster, name: 'batch' });
    expect(p).toMatchObject({ spot: true, locationPolicy: 'ANY', autoscaling: { totalMinNodes: 0, totalMaxNodes: 20 }, labels: { 'workload-class': 'batch' } });
    expect(p.taints).toEqual([{ key: 'workload-class', value: 'batch', effect: 'NO_SCHEDULE' }]);
  });

  test('GPU training: L4 on G2 with the LATEST driver and no GPU taint', () => {
    const p = gpuTrainingPool({ cluster, name: 'gpu' });
    expect(p).toMatchObject({ machineType: 'g2-standard-8', gpu: { type: 'nvidia-l4', count: 1, driverVersion: 'LATEST' }, autoscaling: { totalMinNodes: 0, totalMaxNodes: 4 } });
    expect(p.taints).toEqual([]);
  });

  test('tenant-dedicated: taint and label tenant=<name>', () => {
    const p = tenantDedicatedPool({ cluster, name: 'tenant-acme' }, 'acme');
    expect(p.labels).toEqual({ tenant: 'acme' });
    expect(p.taints).toEqual([{ key: 'tenant', value: 'acme', effect: 'NO_SCHEDULE' }]);
  });

  test('overrides replace fields, merge labels and append taints', () => {
    const p = spotBatchPool({ cluster, name: 'batch' }, { machineType: 'c3-standard-8', labels: { team: 'sim' }, taints: [{ key: 'x', value: 'y', effect: 'NO_EXECUTE' }] });
    expect(p.machineType).toBe('c3-standard-8');
    expect(p.labels).toEqual({ 'workload-class': 'batch', team: 'sim' });
    expect(p.taints).toHaveLength(2);
  });

  test('every preset synthesizes into a valid pool', () => {
    const { stack, cluster: c } = clusterStack({ maxNodes: 200 });
    new NodePool(stack, 'Services', generalServicesPool({ cluster: c, name: 'services' }));
    new NodePool(stack, 'Batch', spotBatchPool({ cluster: c, name: 'batch' }));
    new NodePool(stack, 'Gpu', gpuTrainingPool({ cluster: c, name: 'gpu' }));
    new NodePool(stack, 'Acme', tenantDedicatedPool({ cluster: c, name: 'tenant-acme' }, 'acme'));
    const pools = synthJson(stack).resource.google_container_node_pool;
    expect(Object.keys(pools)).toHaveLength(4);
  });

  test('throws when the tenant name is not a valid label value', () => {
    const { stack, cluster: c } = clusterStack();
    expect(() => new NodePool(stack, 'Bad', tenantDedicatedPool({ cluster: c, name: 'tenant-bad' }, 'bad tenant'))).toThrow(/taints\[0\]\.value "bad tenant" is not a valid Kubernetes taint value/);
  });

  test('GPU preset synthesizes the accelerator', () => {
    const { stack, cluster: c } = clusterStack();
    new NodePool(stack, 'Gpu', gpuTrainingPool({ cluster: c, name: 'gpu' }));
    expect(only(synthJson(stack), 'google_container_node_pool').node_config.guest_accelerator[0].gpu_driver_installation_config).toEqual({ gpu_driver_version: 'LATEST' });
  });
});
