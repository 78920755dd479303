import { GCE_MACHINE_SIZES, knownMachineTypes, machineTypeProblem } from '../../../lib/domain/gke/gce-machine-types';
import { GPU_TYPES, validateGpu, validateMachineType } from '../../../lib/domain/gke/gke-rules';

describe('Compute Engine machine types', () => {
  test.each(['e2-standard-4', 'n2-highmem-8', 'c3-standard-22', 'g2-standard-8', 'a2-highgpu-1g', 'a3-megagpu-8g', 'e2-medium', 'n2-custom-8-32768', 'custom-8-32768', 'n2-custom-6-49152-ext'])('%s is accepted', (type) => {
    expect(machineTypeProblem(type)).toBeUndefined();
    expect(validateMachineType('p', 'machineType', type)).toEqual([]);
  });

  test.each([
    ['n2-standrad-8', 'did you mean n2-standard-8?'],
    ['e2-standrd-4', 'did you mean e2-standard-4?'],
    ['n2-standard-12', 'use n2-standard-16 (the nearest size at least as large), or a custom type such as n2-custom-12-49152'],
    ['e2-standard-44', 'use e2-standard-32 (the nearest size, the largest), or a custom type such as e2-custom-44-180224'],
    ['a2-highgpu-3g', 'use a2-highgpu-4g (the nearest size at least as large)'],
    ['z9-standard-4', 'did you mean c2-standard-4 or c3-standard-4 or c4-standard-4?'],
    ['quantum-large-1', 'use a predefined type such as "e2-standard-4" or "n2-highmem-8", or a custom type such as "n2-custom-8-32768"'],
  ])('throws when the machine type is %s, with the fix', (type, fix) => {
    const [issue] = validateMachineType('clusters[c].nodePools[p]', 'machineType', type);
    expect(issue).toMatchObject({ path: 'clusters[c].nodePools[p]', field: 'machineType', value: type });
    expect(issue.fix).toContain(fix);
  });

  test('every GPU type runs on a family of the table', () => {
    const families = new Set(knownMachineTypes().map((t) => t.split('-').slice(0, 2).join('-')));
    for (const family of Object.values(GPU_TYPES)) expect([...families].some((f) => `${f}-`.startsWith(family!) || f.startsWith(family!.replace(/-$/, '')))).toBe(true);
  });

  test('a GPU on a family that does not take it is refused, naming the family', () => {
    expect(validateGpu('p', { type: 'nvidia-l4', count: 1 }, 'n2-standard-8')).toEqual([expect.objectContaining({ field: 'machineType', value: 'n2-standard-8', problem: 'cannot carry nvidia-l4 GPUs', fix: 'use a g2-* machine type' })]);
  });

  test('sizes are sorted and unique per class', () => {
    for (const sizes of Object.values(GCE_MACHINE_SIZES)) {
      const numbers = sizes.map((s) => Number.parseInt(String(s), 10));
      expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
    }
  });
});
