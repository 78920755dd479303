/**
 * Pure GKE rules (no cdktf import): names, range capacity, zones, taints, upgrade strategies,
 * maintenance windows. Each check returns ValidationIssues. The sizing arithmetic (pod blocks,
 * capacities, prefixes) is lib/ip-plan/gke-sizing's, so the plan and the checks agree.
 */
import { ValidationIssue } from '../validation-error';
import { machineTypeProblem } from './gce-machine-types';
import { Cidr } from '../ip-plan/cidr';
import { GCP_RESERVED_ADDRESSES_PER_SUBNET, GKE_MAX_PODS_PER_NODE, GKE_MIN_PODS_PER_NODE, nodesInPodRange, nodesInSubnet, nodeSubnetPrefix, podBlockPrefix, podRangePrefix } from '../ip-plan/gke-sizing';
import { GKE_NAME, regionOfZone } from '../naming/naming-rules';

/** Cluster and node pool names (GKE API, GKE_NAME): at most 40 characters. */
const GKE_NAME_MAX_LENGTH = 40;
/** IAM service account ids: 6-30 characters, lower-case letter first. */
export const SERVICE_ACCOUNT_ID_PATTERN = /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/;
/** GKE's default max pods per node (the bounds are GKE_MIN/MAX_PODS_PER_NODE in lib/ip-plan/gke-sizing). */
export const GKE_DEFAULT_MAX_PODS_PER_NODE = 110;
/** Taint effects as GKE spells them. */
export const TAINT_EFFECTS = ['NO_SCHEDULE', 'PREFER_NO_SCHEDULE', 'NO_EXECUTE'] as const;
/** A taint effect as GKE spells it. */
export type TaintEffect = (typeof TAINT_EFFECTS)[number];
/** GKE adds this taint itself to GPU nodes; adding it again breaks pool creation or updates. */
const NVIDIA_GPU_TAINT_KEY = 'nvidia.com/gpu';
/** Suffix of a project's Compute Engine default service account, which nodes must not run as (it holds Editor). */
export const DEFAULT_COMPUTE_SA_SUFFIX = '-compute@developer.gserviceaccount.com';

export function validateGkeName(path: string, field: string, value: string): ValidationIssue[] {
  if (typeof value !== 'string' || value.length > GKE_NAME_MAX_LENGTH || !GKE_NAME.test(value)) {
    return [{ path, field, value, problem: `must match ${GKE_NAME.source} (at most ${GKE_NAME_MAX_LENGTH} characters)`, fix: 'use lower-case letters, digits and "-", starting with a letter, e.g. "prod-usc1"' }];
  }
  return [];
}

export function validateServiceAccountId(path: string, field: string, value: string): ValidationIssue[] {
  if (typeof value !== 'string' || !SERVICE_ACCOUNT_ID_PATTERN.test(value)) {
    return [{ path, field, value, problem: 'is not a service account id (6-30 characters: lower-case letter first, then letters, digits or "-", not ending in "-")', fix: 'give a shorter id such as "gke-prod-nodes"' }];
  }
  return [];
}

/** Largest maxPodsPerNode among the usual settings (a /24 per node stops at GKE's default 110) for which a pod range holds `nodes`, or undefined. */
export function maxPodsThatFit(podRangePrefixLength: number, nodes: number): number | undefined {
  for (const pods of [256, 110, 64, 32, 16, 8]) {
    if (nodesInPodRange(podRangePrefixLength, pods) >= nodes) return pods;
  }
  return undefined;
}

export function validateMaxPodsPerNode(path: string, field: string, value: number): ValidationIssue[] {
  if (!Number.isInteger(value) || value < GKE_MIN_PODS_PER_NODE || value > GKE_MAX_PODS_PER_NODE) {
    return [{ path, field, value, problem: `must be an integer between ${GKE_MIN_PODS_PER_NODE} and ${GKE_MAX_PODS_PER_NODE}`, fix: 'use e.g. 32, 64 or 110' }];
  }
  return [];
}

/**
 * Pod range capacity, in the style `prod/pods: range 10.8.0.0/16 holds 256 nodes at 64 pods per node,
 * but 500 nodes are needed; use /15 or lower maxPodsPerNode`.
 */
export function validatePodRangeCapacity(path: string, field: string, podRange: Cidr, maxPodsPerNode: number, nodesNeeded: number, what: string): ValidationIssue[] {
  const capacity = nodesInPodRange(podRange.prefixLength, maxPodsPerNode);
  // A count that is not a whole number is reported by its own check; there is no size to suggest for it.
  if (capacity >= nodesNeeded || !Number.isInteger(nodesNeeded)) return [];
  const fits = maxPodsThatFit(podRange.prefixLength, nodesNeeded);
  const prefix = podRangePrefix(nodesNeeded, maxPodsPerNode);
  return [
    {
      path,
      field,
      value: podRange.toString(),
      problem: `holds ${capacity} nodes at ${maxPodsPerNode} pods per node (one /${podBlockPrefix(maxPodsPerNode)} per node), but ${what} needs ${nodesNeeded}`,
      fix: `use a /${prefix} or larger pod range${fits ? `, or lower maxPodsPerNode to ${fits}` : ''}, or lower the node count`,
    },
  ];
}

/**
 * A cluster's pod ranges together (the default one first, then its additional ranges) against the nodes it
 * must hold: each range holds whole per-node blocks, and nodes take blocks from any range. With one range this
 * is {@link validatePodRangeCapacity}; the IP plan's capacity figures count the same way.
 */
export function validatePodRangesCapacity(path: string, field: string, podRanges: readonly { readonly name: string; readonly cidr: Cidr }[], maxPodsPerNode: number, nodesNeeded: number, what: string): ValidationIssue[] {
  if (podRanges.length === 1) return validatePodRangeCapacity(path, field, podRanges[0].cidr, maxPodsPerNode, nodesNeeded, what);
  const capacity = podRanges.reduce((sum, r) => sum + nodesInPodRange(r.cidr.prefixLength, maxPodsPerNode), 0);
  if (capacity >= nodesNeeded || !Number.isInteger(nodesNeeded)) return [];
  return [
    {
      path,
      field,
      value: podRanges.map((r) => `${r.name} ${r.cidr}`).join(', '),
      problem: `hold ${capacity} nodes together at ${maxPodsPerNode} pods per node (one /${podBlockPrefix(maxPodsPerNode)} per node), but ${what} needs ${nodesNeeded}`,
      fix: `add an additional pod range for ${nodesNeeded - capacity} more nodes (a /${podRangePrefix(nodesNeeded - capacity, maxPodsPerNode)}), or lower the node count`,
    },
  ];
}

/** A node pool's demand on a pod range: its nodes at maximum plus surge, each taking one per-node block. */
interface PoolPodDemand {
  /** Pool name, for the message. */
  readonly name: string;
  /** The pool's maximum nodes across all zones. */
  readonly maxNodes: number;
  /** Surge nodes across all zones. */
  readonly surgeNodes: number;
  /** The pool's pods per node (8-256): sets the per-node block it takes (≤8 a /28 ... ≤256 a /23). */
  readonly maxPodsPerNode: number;
}

/**
 * The pools placed on one pod range against its size: a pool takes its pod blocks only from the range it is
 * placed on, so a full default range is not helped by an additional one until a pool is put on it (podRange).
 */
export function validatePoolsOnPodRange(path: string, field: string, range: Cidr, pools: readonly PoolPodDemand[]): ValidationIssue[] {
  const block = (p: PoolPodDemand) => 2 ** (32 - podBlockPrefix(p.maxPodsPerNode));
  const addresses = pools.reduce((n, p) => n + (p.maxNodes + p.surgeNodes) * block(p), 0);
  if (addresses <= range.size) return [];
  return [
    {
      path,
      field,
      value: range.toString(),
      problem: `has ${range.size} addresses, but its node pools need ${addresses} at maximum plus surge (${pools.map((p) => `${p.name}: ${p.maxNodes + p.surgeNodes} nodes x ${block(p)}`).join(', ')})`,
      fix: 'give large pools their own pod range (podRange), lower their maximums or maxPodsPerNode, or use a larger pod range',
    },
  ];
}

export function validateNodeSubnetCapacity(path: string, field: string, subnet: Cidr, nodesNeeded: number, what: string): ValidationIssue[] {
  const capacity = nodesInSubnet(subnet.prefixLength);
  // A count that is not a whole number is reported by its own check; there is no size to suggest for it.
  if (capacity >= nodesNeeded || !Number.isInteger(nodesNeeded)) return [];
  return [
    {
      path,
      field,
      value: subnet.toString(),
      problem: `holds ${capacity} nodes (2^(32-${subnet.prefixLength}) - ${GCP_RESERVED_ADDRESSES_PER_SUBNET} reserved), but ${what} needs ${nodesNeeded}`,
      fix: `use a /${nodeSubnetPrefix(nodesNeeded)} or larger node subnet, or lower the node count`,
    },
  ];
}

export function parseOrIssue(path: string, field: string, value: string): { cidr?: Cidr; issues: ValidationIssue[] } {
  const parsed = Cidr.tryParse(value);
  if (typeof parsed !== 'string') return { cidr: parsed, issues: [] };
  return { issues: [{ path, field, value, problem: parsed, fix: 'write an aligned IPv4 CIDR such as "100.64.0.0/14"' }] };
}

/** Zones of a region look like `<region>-<letter>`, e.g. us-central1-a (GCP_ZONE). */
export function isZoneOf(zone: string, region: string): boolean {
  return regionOfZone(zone) === region;
}

export function validateZones(path: string, field: string, zones: readonly string[], region: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  zones.forEach((z, i) => {
    if (!isZoneOf(z, region)) {
      issues.push({ path, field: `${field}[${i}]`, value: z, problem: `is not a zone of region ${region}`, fix: `use zones such as "${region}-a", "${region}-b"` });
    }
  });
  if (new Set(zones).size !== zones.length) {
    issues.push({ path, field, value: zones, problem: 'lists a zone twice', fix: 'list each zone once' });
  }
  return issues;
}

interface TaintInput {
  /** Kubernetes taint key (optional DNS prefix, name ≤ 63 characters); not `nvidia.com/gpu`, which GKE sets itself (validateTaints). */
  readonly key: string;
  /** Taint value: a Kubernetes label value (≤ 63 of alphanumerics, '-', '_', '.'), may be empty. */
  readonly value: string;
  /** GKE API spelling: NO_SCHEDULE, PREFER_NO_SCHEDULE or NO_EXECUTE (TAINT_EFFECTS), not Kubernetes' NoSchedule. */
  readonly effect: string;
}

/** Kubernetes label/taint key: optional DNS prefix plus a name of ≤63 characters. */
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export function validateTaints(path: string, field: string, taints: readonly TaintInput[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    const f = `${field}[${i}]`;
    if (!(TAINT_EFFECTS as readonly string[]).includes(t.effect)) {
      issues.push({ path, field: `${f}.effect`, value: t.effect, problem: `is not one of ${TAINT_EFFECTS.join(', ')}`, fix: 'use the GKE API spelling, e.g. NO_SCHEDULE (not NoSchedule)' });
    }
    if (t.key === NVIDIA_GPU_TAINT_KEY) {
      issues.push({ path, field: `${f}.key`, value: t.key, problem: 'is the GPU taint GKE adds itself to GPU nodes', fix: 'remove this taint; GKE taints GPU nodes with nvidia.com/gpu=present:NoSchedule automatically' });
    } else if (!QUALIFIED_NAME.test(t.key)) {
      issues.push({ path, field: `${f}.key`, value: t.key, problem: 'is not a valid Kubernetes taint key', fix: 'use a key such as "workload-class" or "example.com/tenant"' });
    }
    if (!LABEL_VALUE.test(t.value)) {
      issues.push({ path, field: `${f}.value`, value: t.value, problem: 'is not a valid Kubernetes taint value (≤63 alphanumerics, "-", "_", ".")', fix: 'use a value such as "batch"' });
    }
    const id = `${t.key}:${t.effect}`;
    if (seen.has(id)) issues.push({ path, field: `${f}`, value: id, problem: 'is declared twice', fix: 'declare each key and effect once' });
    seen.add(id);
  });
  return issues;
}

export function validateLabels(path: string, field: string, labels: Readonly<Record<string, string>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [k, v] of Object.entries(labels)) {
    if (!QUALIFIED_NAME.test(k)) issues.push({ path, field: `${field}.${k}`, value: k, problem: 'is not a valid Kubernetes label key', fix: 'use a key such as "workload-class"' });
    if (!LABEL_VALUE.test(v)) issues.push({ path, field: `${field}.${k}`, value: v, problem: 'is not a valid Kubernetes label value', fix: 'use ≤63 alphanumerics, "-", "_", "."' });
  }
  return issues;
}

/** GKE requires maintenance windows of at least 4 contiguous hours (48 h available per 32 days). */
const MIN_MAINTENANCE_WINDOW_HOURS = 4;

export function validateMaintenanceWindow(path: string, startTime: string, endTime: string, recurrence: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const start = Date.parse(startTime);
  const end = Date.parse(endTime);
  if (Number.isNaN(start)) issues.push({ path, field: 'maintenanceWindow.startTime', value: startTime, problem: 'is not an RFC 3339 time', fix: 'use e.g. "2025-01-04T02:00:00Z"' });
  if (Number.isNaN(end)) issues.push({ path, field: 'maintenanceWindow.endTime', value: endTime, problem: 'is not an RFC 3339 time', fix: 'use e.g. "2025-01-04T08:00:00Z"' });
  if (!Number.isNaN(start) && !Number.isNaN(end) && end - start < MIN_MAINTENANCE_WINDOW_HOURS * 3600_000) {
    issues.push({
      path,
      field: 'maintenanceWindow.endTime',
      value: endTime,
      problem: `is less than ${MIN_MAINTENANCE_WINDOW_HOURS} hours after startTime ${startTime}`,
      fix: `make each window at least ${MIN_MAINTENANCE_WINDOW_HOURS} hours long`,
    });
  }
  if (!/^FREQ=(DAILY|WEEKLY)/.test(recurrence)) {
    issues.push({ path, field: 'maintenanceWindow.recurrence', value: recurrence, problem: 'is not an RFC 5545 RRULE starting with FREQ=DAILY or FREQ=WEEKLY', fix: 'use e.g. "FREQ=WEEKLY;BYDAY=SA,SU"' });
  }
  return issues;
}

/**
 * GPU accelerator types GKE node pools take (Compute Engine GPU docs), with the machine family a type only runs
 * on, where it has one (N1 machines take the older T4, V100, P100 and P4).
 */
export const GPU_TYPES: Readonly<Record<string, string | undefined>> = {
  'nvidia-l4': 'g2-',
  'nvidia-tesla-a100': 'a2-highgpu-',
  'nvidia-a100-80gb': 'a2-ultragpu-',
  'nvidia-h100-80gb': 'a3-',
  'nvidia-h100-mega-80gb': 'a3-megagpu-',
  'nvidia-h200-141gb': 'a3-ultragpu-',
  'nvidia-b200': 'a4-',
  'nvidia-tesla-t4': 'n1-',
  'nvidia-tesla-v100': 'n1-',
  'nvidia-tesla-p100': 'n1-',
  'nvidia-tesla-p4': 'n1-',
};

/** Machine type names: lower-case family, then class and size (`e2-standard-4`, `a2-highgpu-1g`, `n2-custom-8-32768`). */
const MACHINE_TYPE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

export function validateMachineType(path: string, field: string, value: string): ValidationIssue[] {
  if (MACHINE_TYPE_PATTERN.test(value)) {
    // A well-formed name must also be a real family, class and size (gce-machine-types.ts), with the nearest names.
    const unknown = machineTypeProblem(value);
    return unknown ? [{ path, field, value, ...unknown }] : [];
  }
  const lower = value.toLowerCase();
  return [
    {
      path,
      field,
      value,
      problem: 'is not a Compute Engine machine type name (lower-case, e.g. e2-standard-4)',
      fix: MACHINE_TYPE_PATTERN.test(lower) ? `write it in lower case: "${lower}"` : 'use a machine type such as "e2-standard-4" or "n2-highmem-8"',
    },
  ];
}

/** A pool's GPUs: a known type, a whole count of at least 1, on a machine family that carries that type. */
export function validateGpu(path: string, gpu: { readonly type: string; readonly count: number }, machineType: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!(gpu.type in GPU_TYPES)) {
    issues.push({ path, field: 'gpu.type', value: gpu.type, problem: 'is not a GPU type GKE offers', fix: `use one of ${Object.keys(GPU_TYPES).join(', ')}` });
  }
  if (!Number.isInteger(gpu.count) || gpu.count < 1) issues.push({ path, field: 'gpu.count', value: gpu.count, problem: 'must be an integer ≥ 1', fix: 'use the number of GPUs per node, e.g. 1' });
  const family = GPU_TYPES[gpu.type];
  if (family && !machineType.startsWith(family)) {
    issues.push({ path, field: 'machineType', value: machineType, problem: `cannot carry ${gpu.type} GPUs`, fix: `use a ${family}* machine type` });
  }
  return issues;
}
