/**
 * The GPU quota of each tenant namespace, derived from the pools the tenant may use: every tenant has one, 0 without
 * GPU pools, so that no pod can take GPUs its tenant was not given (issue: one pod took a shared GPU pool whole).
 */
import { loadPlatform } from '../../../lib/platform/load-platform';
import { PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { PlatformTenant } from '../../../lib/domain/platform/tenant-definition';
import { poolGpus, tenantGpuQuota } from '../../../lib/domain/platform/tenant-gpu-quota';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { examplePlatform, exampleLockFile } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const tenant = (name: string): PlatformTenant => examplePlatform.tenants!.find((t) => t.name === name)!;
const prod = examplePlatform.clusters.find((c) => c.name === 'prod-usc1')!;
const payments = examplePlatform.clusters.find((c) => c.name === 'payments-usc1')!;

describe('tenantGpuQuota', () => {
  test('a pool holds maxNodes × GPUs per node; a gpu pool without gpu gets one per node; other pools none', () => {
    expect(poolGpus({ kind: 'gpu', maxNodes: 32, gpu: { type: 'nvidia-tesla-a100', count: 2 } })).toBe(64);
    expect(poolGpus({ kind: 'gpu', maxNodes: 5 })).toBe(5);
    expect(poolGpus({ kind: 'general', maxNodes: 5 })).toBe(0);
  });

  test('a dedicated GPU tenant gets the GPUs of its own pool, not the shared gpu-l4 pool', () => {
    expect(tenantGpuQuota(examplePlatform, prod, tenant('ml-training'))).toMatchObject({ gpus: 32, capacity: 32, pools: ['tenant-ml-training'], issues: [] });
  });

  test('a dedicated tenant without GPUs, and shared tenants, get 0 (the shared gpu-l4 pool is there, but not theirs by default)', () => {
    expect(tenantGpuQuota(examplePlatform, prod, tenant('simulation'))).toMatchObject({ gpus: 0, capacity: 0 });
    expect(tenantGpuQuota(examplePlatform, prod, tenant('mapping'))).toMatchObject({ gpus: 0, capacity: 48, pools: ['gpu-l4'] });
  });

  test('a shared tenant may declare GPUs of the shared GPU pools', () => {
    expect(tenantGpuQuota(examplePlatform, prod, { ...tenant('mapping'), quota: { gpus: 8 } })).toMatchObject({ gpus: 8, issues: [] });
  });

  test("a dedicated-cluster tenant gets its cluster's GPU pools (none in the example)", () => {
    expect(tenantGpuQuota(examplePlatform, payments, tenant('payments'))).toMatchObject({ gpus: 0, capacity: 0 });
    const withGpus = { ...payments, nodePools: [...payments.nodePools, { name: 'gpu', kind: 'gpu' as const, maxNodes: 3 }] };
    expect(tenantGpuQuota(examplePlatform, withGpus, tenant('payments'))).toMatchObject({ gpus: 3, pools: ['gpu'] });
  });

  test('throws when a declared quota exceeds the pools the tenant may use, naming tenant, field, pools and fix', () => {
    const definition: PlatformDefinition = {
      ...examplePlatform,
      tenants: examplePlatform.tenants!.map((t) => (t.name === 'mapping' ? { ...t, quota: { gpus: 49 } } : t.name === 'simulation' ? { ...t, quota: { ...t.quota, gpus: 1 } } : t)),
    };
    expect(() => assertPlatform(definition, { today: EXAMPLE_TODAY })).toThrow(
      "tenants[mapping]: quota.gpus 49 exceeds the 48 GPUs of gpu-l4, the pools its pods may use; lower quota.gpus to at most 48, or add GPUs to cluster prod-usc1's GPU pools",
    );
    expect(() => assertPlatform(definition, { today: EXAMPLE_TODAY })).toThrow(
      "tenants[simulation]: quota.gpus 1 exceeds the 0 GPUs of the tenant's own pools on prod-usc1, the pools its pods may use; lower quota.gpus to at most 0, or add GPUs to dedicatedNodes",
    );
  });

  test("the plan records each namespace's GPU quota, and every tenant has one", () => {
    const plan = loadPlatform(examplePlatform, { lockFile: exampleLockFile, frozen: true, today: EXAMPLE_TODAY }).plan;
    expect(Object.fromEntries(plan.tenants.flatMap((t) => t.namespaces.map((n) => [`${n.cluster}/${t.name}`, n.gpus])))).toEqual({
      'prod-usc1/mapping': 0,
      'prod-usc1/routing': 0,
      'prod-usc1/simulation': 0,
      'prod-usc1/ml-training': 32,
      'payments-usc1/payments': 0,
    });
  });
});
