/** GPU sharing (time-sharing, MPS) and MIG partitions: what a node advertises, and the rules, by message. */
import { gpuIsolatedInHardware, gpuUnitsPerGpu, validateGpuSharing } from '../../../lib/domain/gke/gpu-sharing';
import { validateQueuedProvisioning } from '../../../lib/domain/gke/queued-provisioning';
import { poolGpus } from '../../../lib/domain/platform/tenant-gpu-quota';

const message = (i: { path: string; field: string; value: unknown; problem: string; fix: string }) => `${i.path}: ${i.field} ${JSON.stringify(i.value)} ${i.problem}; ${i.fix}`;

describe('GPU units per physical GPU', () => {
  test('whole GPUs: 1; MIG: the partitions of the size; time-sharing: the clients; both multiply', () => {
    expect(gpuUnitsPerGpu({ type: 'nvidia-l4' })).toBe(1);
    expect(gpuUnitsPerGpu({ type: 'nvidia-tesla-a100', partitionSize: '1g.5gb' })).toBe(7);
    expect(gpuUnitsPerGpu({ type: 'nvidia-tesla-a100', partitionSize: '3g.20gb' })).toBe(2);
    expect(gpuUnitsPerGpu({ type: 'nvidia-l4', sharing: { strategy: 'time-sharing', maxClientsPerGpu: 4 } })).toBe(4);
    expect(gpuUnitsPerGpu({ type: 'nvidia-tesla-a100', partitionSize: '1g.5gb', sharing: { strategy: 'time-sharing', maxClientsPerGpu: 2 } })).toBe(14);
  });

  test("a pool's GPUs (what tenant quotas and Kueue count) are maxNodes × GPUs per node × units per GPU", () => {
    expect(poolGpus({ kind: 'gpu', maxNodes: 10, gpu: { type: 'nvidia-tesla-a100', count: 2, partitionSize: '1g.5gb' } })).toBe(140);
    expect(poolGpus({ kind: 'gpu', maxNodes: 10, gpu: { type: 'nvidia-l4', count: 1, sharing: { strategy: 'mps', maxClientsPerGpu: 8 } } })).toBe(80);
  });

  test('only whole GPUs and MIG partitions are isolated in hardware', () => {
    expect(gpuIsolatedInHardware({})).toBe(true);
    expect(gpuIsolatedInHardware({ sharing: { strategy: 'time-sharing', maxClientsPerGpu: 2 } })).toBe(false);
  });
});

describe('validateGpuSharing', () => {
  test.each<[string, Parameters<typeof validateGpuSharing>[1], string]>([
    [
      'too few clients',
      { type: 'nvidia-l4', count: 1, sharing: { strategy: 'time-sharing', maxClientsPerGpu: 1 } },
      'pool: gpu.sharing.maxClientsPerGpu 1 must be a whole number from 2 to 48; give how many containers share one GPU, e.g. 4',
    ],
    ['too many clients', { type: 'nvidia-l4', count: 1, sharing: { strategy: 'mps', maxClientsPerGpu: 49 } }, 'pool: gpu.sharing.maxClientsPerGpu 49 must be a whole number from 2 to 48; give how many containers share one GPU, e.g. 4'],
    ['an unknown strategy', { type: 'nvidia-l4', count: 1, sharing: { strategy: 'slicing' as 'mps', maxClientsPerGpu: 2 } }, `pool: gpu.sharing.strategy "slicing" is not a GPU sharing strategy GKE offers; use 'time-sharing' or 'mps'`],
    [
      'MIG on a GPU without MIG',
      { type: 'nvidia-l4', count: 1, partitionSize: '1g.5gb' },
      'pool: gpu.partitionSize "1g.5gb" is set on nvidia-l4 GPUs, which have no multi-instance (MIG) partitions; use a MIG-capable type (nvidia-tesla-a100, nvidia-a100-80gb, nvidia-h100-80gb, nvidia-h100-mega-80gb) or leave partitionSize out',
    ],
    ['a partition size of another GPU', { type: 'nvidia-tesla-a100', count: 1, partitionSize: '1g.10gb' }, 'pool: gpu.partitionSize "1g.10gb" is not a MIG partition size of nvidia-tesla-a100; use one of 1g.5gb, 2g.10gb, 3g.20gb, 7g.40gb'],
    [
      'MPS on MIG',
      { type: 'nvidia-tesla-a100', count: 1, partitionSize: '1g.5gb', sharing: { strategy: 'mps', maxClientsPerGpu: 2 } },
      `pool: gpu.sharing.strategy "mps" is combined with MIG partitions, which GKE does not offer; use 'time-sharing' on MIG partitions, or leave partitionSize out`,
    ],
  ])('refuses %s', (_, gpu, expected) => {
    expect(validateGpuSharing('pool', gpu).map(message)).toEqual([expected]);
  });

  test('accepts time-sharing, MPS, MIG, and time-sharing on MIG', () => {
    expect(validateGpuSharing('p', { type: 'nvidia-l4', count: 1, sharing: { strategy: 'time-sharing', maxClientsPerGpu: 48 } })).toEqual([]);
    expect(validateGpuSharing('p', { type: 'nvidia-l4', count: 1, sharing: { strategy: 'mps', maxClientsPerGpu: 2 } })).toEqual([]);
    expect(validateGpuSharing('p', { type: 'nvidia-h100-80gb', count: 8, partitionSize: '1g.20gb', sharing: { strategy: 'time-sharing', maxClientsPerGpu: 2 } })).toEqual([]);
  });
});

describe('validateQueuedProvisioning', () => {
  test.each<[string, Parameters<typeof validateQueuedProvisioning>[1], string]>([
    [
      'a pool without GPUs',
      { spot: false, hasGpu: false },
      "pool: queuedProvisioning true is set on a pool without GPUs; the Dynamic Workload Scheduler provisions accelerator nodes; use queued provisioning on a kind: 'gpu' pool, or leave it out",
    ],
    ['a minimum above 0', { minNodes: 1, spot: false, hasGpu: true }, 'pool: minNodes 1 is above 0 on a queued-provisioning pool; GKE creates its nodes only for admitted ProvisioningRequests; use minNodes: 0 (or leave it out)'],
    ['Spot', { spot: true, hasGpu: true }, "pool: queuedProvisioning true is set on a Spot pool; queued provisioning obtains on-demand capacity; use kind: 'gpu' (on-demand) for the queued pool"],
    ['a balanced location policy', { spot: false, hasGpu: true, locationPolicy: 'BALANCED' }, `pool: locationPolicy "BALANCED" is not ANY; queued provisioning takes capacity in whichever zone has it; use locationPolicy: 'ANY'`],
  ])('refuses %s', (_, pool, expected) => {
    expect(validateQueuedProvisioning('pool', pool).map(message)).toEqual([expected]);
  });

  test('accepts an on-demand GPU pool from zero, in any zone', () => {
    expect(validateQueuedProvisioning('pool', { minNodes: 0, spot: false, hasGpu: true, locationPolicy: 'ANY' })).toEqual([]);
  });
});
