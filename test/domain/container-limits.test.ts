import { containerLimits } from '../../lib/domain/tenancy/container-limits';
import { allocatable, largestContainer, machineShape } from '../../lib/domain/tenancy/node-shape';
import { DEFAULT_TENANT_LIMITS, DEFAULT_TENANT_QUOTA } from '../../lib/domain/tenancy/tenant-spec';

describe('node shapes', () => {
  test.each([
    ['e2-standard-4', { vcpus: 4, memoryGiB: 16 }],
    ['n2-standard-32', { vcpus: 32, memoryGiB: 128 }],
    ['n2-highmem-8', { vcpus: 8, memoryGiB: 64 }],
    ['g2-standard-8', { vcpus: 8, memoryGiB: 32 }],
    ['a2-highgpu-1g', { vcpus: 12, memoryGiB: 85 }],
    ['a2-highgpu-4g', { vcpus: 48, memoryGiB: 340 }],
    ['n1-standard-4', { vcpus: 4, memoryGiB: 15 }],
  ])('%s has its predefined shape', (machineType, shape) => {
    expect(machineShape(machineType)).toEqual(shape);
  });

  test.each(['custom-8-32768', 'e2-medium', 'z9-standard-4', 'n2-ultramem-8'])('%s is unknown (no guess)', (machineType) => {
    expect(machineShape(machineType)).toBeUndefined();
  });

  test("allocatable follows GKE's reservations: CPU 6/1/0.5/0.25%, memory 25/20/10/6/2% plus 100 MiB eviction", () => {
    const a = allocatable({ vcpus: 4, memoryGiB: 16 });
    expect(a.vcpus).toBeCloseTo(4 - 0.06 - 0.01 - 0.01, 6);
    expect(a.memoryGiB).toBeCloseTo(16 - 1 - 0.8 - 0.8 - 100 / 1024, 6);
    const big = allocatable({ vcpus: 32, memoryGiB: 256 });
    expect(big.vcpus).toBeCloseTo(32 - 0.08 - 28 * 0.0025, 6);
    expect(big.memoryGiB).toBeCloseTo(256 - (1 + 0.8 + 0.8 + 112 * 0.06 + 128 * 0.02) - 100 / 1024, 6);
  });

  test('the largest container is allocatable less the system DaemonSets, rounded down', () => {
    expect(largestContainer('n2-standard-32')).toEqual({ cpu: '31', memory: '117Gi' });
    expect(largestContainer('e2-standard-4')).toEqual({ cpu: '3', memory: '12Gi' });
    expect(largestContainer('a2-highgpu-1g')).toEqual({ cpu: '11', memory: '77Gi' });
  });
});

describe('containerLimits', () => {
  const quota = { ...DEFAULT_TENANT_QUOTA, limitsCpu: '4000', limitsMemory: '16000Gi' };

  test('a dedicated-nodes tenant gets the largest container of its largest pool', () => {
    const { limits, issues } = containerLimits({ isolation: 'dedicated-nodes', quota, machineTypes: ['n2-standard-8', 'a2-highgpu-1g'], path: 'tenants[ml]' });
    expect(issues).toEqual([]);
    expect(limits).toEqual({ ...DEFAULT_TENANT_LIMITS, maxCpu: '11', maxMemory: '77Gi' });
  });

  test('the quota caps what the nodes allow', () => {
    expect(containerLimits({ isolation: 'dedicated-nodes', quota: DEFAULT_TENANT_QUOTA, machineTypes: ['n2-standard-32'], path: 'p' }).limits).toMatchObject({ maxCpu: '8', maxMemory: '16Gi' });
  });

  test('shared tenants keep the default cap, lowered to what their nodes hold', () => {
    expect(containerLimits({ isolation: 'shared', quota, machineTypes: ['e2-standard-8'], path: 'p' }).limits).toMatchObject({ maxCpu: '4', maxMemory: '8Gi' });
    expect(containerLimits({ isolation: 'shared', quota, machineTypes: ['e2-standard-4'], path: 'p' }).limits).toMatchObject({ maxCpu: '3', maxMemory: '8Gi' });
    expect(containerLimits({ isolation: 'shared', quota, machineTypes: ['custom-4-8192'], path: 'p' }).limits).toMatchObject({ maxCpu: '4', maxMemory: '8Gi' });
  });

  test('declared values win when the nodes and the quota hold them', () => {
    const { limits, issues } = containerLimits({ isolation: 'dedicated-nodes', declared: { maxCpu: '16', defaultCpu: '1' }, quota, machineTypes: ['n2-standard-32'], path: 'p' });
    expect(issues).toEqual([]);
    expect(limits).toMatchObject({ maxCpu: '16', maxMemory: '117Gi', defaultCpu: '1' });
  });

  test('throws no error but reports when a declared maximum exceeds the nodes or the quota', () => {
    const { issues } = containerLimits({ isolation: 'shared', declared: { maxCpu: '12' }, quota: DEFAULT_TENANT_QUOTA, machineTypes: ['e2-standard-8'], path: 'tenants[web]' });
    expect(issues.map((i) => i.problem)).toEqual(['exceeds the largest container its nodes hold (7 on e2-standard-8), so such a pod never schedules', 'exceeds quota.limitsCpu "8", so such a pod never starts']);
  });

  test('reports a default limit above the derived maximum', () => {
    const { issues } = containerLimits({ isolation: 'shared', declared: { defaultMemory: '10Gi' }, quota, machineTypes: ['e2-standard-8'], path: 'tenants[web]' });
    expect(issues).toEqual([{ path: 'tenants[web]', field: 'limits.defaultMemory', value: '10Gi', problem: 'exceeds the container maximum "8Gi" its nodes and quota allow', fix: 'lower limits.defaultMemory' }]);
  });
});
