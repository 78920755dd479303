/**
 * Compute Engine's predefined machine types that GKE node pools use, by family and class, with the sizes each
 * offers (Compute Engine machine family docs, cloud.google.com/compute/docs/machine-resource, as of 2025-12).
 * Keep it current when Google adds shapes: a name missing here is refused, with the nearest known names.
 * Custom machine types (`<family>-custom-<vcpus>-<MiB>`, N1's `custom-<vcpus>-<MiB>`) are accepted by pattern.
 */
export const GCE_MACHINE_SIZES: Readonly<Record<string, readonly (number | string)[]>> = {
  'e2-standard': [2, 4, 8, 16, 32],
  'e2-highmem': [2, 4, 8, 16],
  'e2-highcpu': [2, 4, 8, 16, 32],
  'n1-standard': [1, 2, 4, 8, 16, 32, 64, 96],
  'n1-highmem': [2, 4, 8, 16, 32, 64, 96],
  'n1-highcpu': [2, 4, 8, 16, 32, 64, 96],
  'n2-standard': [2, 4, 8, 16, 32, 48, 64, 80, 96, 128],
  'n2-highmem': [2, 4, 8, 16, 32, 48, 64, 80, 96, 128],
  'n2-highcpu': [2, 4, 8, 16, 32, 48, 64, 80, 96],
  'n2d-standard': [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224],
  'n2d-highmem': [2, 4, 8, 16, 32, 48, 64, 80, 96],
  'n2d-highcpu': [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224],
  'n4-standard': [2, 4, 8, 16, 32, 48, 64, 80],
  'n4-highmem': [2, 4, 8, 16, 32, 48, 64, 80],
  'n4-highcpu': [2, 4, 8, 16, 32, 48, 64, 80],
  'c2-standard': [4, 8, 16, 30, 60],
  'c2d-standard': [2, 4, 8, 16, 32, 56, 112],
  'c2d-highmem': [2, 4, 8, 16, 32, 56, 112],
  'c2d-highcpu': [2, 4, 8, 16, 32, 56, 112],
  'c3-standard': [4, 8, 22, 44, 88, 176],
  'c3-highmem': [4, 8, 22, 44, 88, 176],
  'c3-highcpu': [4, 8, 22, 44, 88, 176],
  'c3d-standard': [4, 8, 16, 30, 60, 90, 180, 360],
  'c3d-highmem': [4, 8, 16, 30, 60, 90, 180, 360],
  'c3d-highcpu': [4, 8, 16, 30, 60, 90, 180, 360],
  'c4-standard': [2, 4, 8, 16, 32, 48, 96, 144, 192],
  'c4-highmem': [2, 4, 8, 16, 32, 48, 96, 144, 192],
  'c4-highcpu': [2, 4, 8, 16, 32, 48, 96, 144, 192],
  't2d-standard': [1, 2, 4, 8, 16, 32, 48, 60],
  't2a-standard': [1, 2, 4, 8, 16, 32, 48],
  'm1-megamem': [96],
  'm1-ultramem': [40, 80, 160],
  'm3-megamem': [64, 128],
  'm3-ultramem': [32, 64, 128],
  'g2-standard': [4, 8, 12, 16, 24, 32, 48, 96],
  'a2-highgpu': ['1g', '2g', '4g', '8g'],
  'a2-megagpu': ['16g'],
  'a2-ultragpu': ['1g', '2g', '4g', '8g'],
  'a3-highgpu': ['1g', '2g', '4g', '8g'],
  'a3-megagpu': ['8g'],
  'a3-ultragpu': ['8g'],
  'a3-edgegpu': ['8g'],
  'a4-highgpu': ['8g'],
};

/** Shared-core types, named without a size. */
export const GCE_SHARED_CORE_TYPES: readonly string[] = ['e2-micro', 'e2-small', 'e2-medium'];

/** Custom machine types: `<family>-custom-<vcpus>-<MiB>` (optionally `-ext`), and N1's `custom-<vcpus>-<MiB>`. */
const CUSTOM = /^((e2|n2|n2d|n4)-)?custom-\d+-\d+(-ext)?$/;

/** Every predefined machine type name of the table, sorted. */
export function knownMachineTypes(): string[] {
  return [...GCE_SHARED_CORE_TYPES, ...Object.entries(GCE_MACHINE_SIZES).flatMap(([prefix, sizes]) => sizes.map((s) => `${prefix}-${s}`))].sort();
}

/** Why a machine type name is not a Compute Engine machine type, with the nearest names; undefined when it is one. */
export function machineTypeProblem(value: string): { readonly problem: string; readonly fix: string } | undefined {
  if (CUSTOM.test(value) || GCE_SHARED_CORE_TYPES.includes(value)) return undefined;
  const match = /^([a-z0-9]+-[a-z]+)-([0-9]+g?)$/.exec(value);
  const sizes = match ? GCE_MACHINE_SIZES[match[1]] : undefined;
  if (match && sizes) {
    if (sizes.map(String).includes(match[2])) return undefined;
    const wanted = Number.parseInt(match[2], 10);
    const larger = sizes.find((s) => Number.parseInt(String(s), 10) >= wanted);
    return {
      problem: `is not a Compute Engine machine type: ${match[1]} comes in sizes ${sizes.join(', ')}`,
      fix: `use ${larger !== undefined ? `${match[1]}-${larger}` : `${match[1]}-${sizes[sizes.length - 1]}`} (the nearest size${larger !== undefined ? ' at least as large' : ', the largest'}), or a custom type such as ${customOf(match[1], wanted)}`,
    };
  }
  const nearest = nearestNames(value, knownMachineTypes(), 3);
  return {
    problem: 'is not a Compute Engine machine type this library knows (lib/domain/gke/gce-machine-types.ts)',
    fix: nearest.length > 0 ? `did you mean ${nearest.join(' or ')}?` : 'use a predefined type such as "e2-standard-4" or "n2-highmem-8", or a custom type such as "n2-custom-8-32768"',
  };
}

function customOf(prefix: string, vcpus: number): string {
  const family = prefix.split('-')[0];
  const even = Math.max(2, vcpus + (vcpus % 2));
  return ['e2', 'n2', 'n2d', 'n4'].includes(family) ? `${family}-custom-${even}-${even * 4096}` : `n2-custom-${even}-${even * 4096}`;
}

/** The names closest to `value` by edit distance (at most 2 edits, only the closest), sorted. */
function nearestNames(value: string, names: readonly string[], limit: number): string[] {
  const scored = names.map((name) => ({ name, distance: editDistance(value, name) })).filter((x) => x.distance <= 2);
  const best = Math.min(...scored.map((x) => x.distance));
  return scored
    .filter((x) => x.distance === best)
    .map((x) => x.name)
    .sort()
    .slice(0, limit);
}

/** Levenshtein distance, with a transposition counted as one edit ("standrad" is one edit from "standard"). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
