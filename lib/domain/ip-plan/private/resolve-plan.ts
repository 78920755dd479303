import { ValidationError, ValidationIssue } from '../../validation-error';
import { Cidr } from '../cidr';
import { nodesInPodRange, nodesInSubnet, podBlockPrefix } from '../gke-sizing';
import type { AddressPool, GkeClusterRequest, PlannedRequest, Reservation } from '../plan-requests';
import { LockFile } from '../lock-file';
import { Allocation, GkeCapacity, ResolvedIpPlan } from '../resolved-ip-plan';
import { AWS_RESERVED_LINK_RANGES, DEFAULT_POOL_KIND, LINK_LOCAL_RANGE, parsedSpecialRanges, SUBNET_FORBIDDEN_RANGES } from '../special-ranges';
import { FreeSpace } from './free-space';

interface ResolveInput {
  readonly pools: readonly AddressPool[];
  readonly reservations: readonly Reservation[];
  readonly requests: readonly PlannedRequest[];
  readonly gkeClusters: readonly GkeClusterRequest[];
  readonly lock: LockFile | undefined;
  readonly frozen: boolean;
  readonly recordCommand: string;
  readonly releaseCommand: string;
  readonly lockFileName: string;
}

interface ParsedPool {
  readonly cidr: Cidr;
  /** Ranges inside the pool that are never handed out (special ranges, AWS-reserved link blocks). */
  readonly excluded: readonly { cidr: Cidr; owner: string }[];
}

/** An occupant of address space, named for error messages. */
interface Occupant {
  readonly cidr: Cidr;
  readonly owner: string;
}

const FORBIDDEN = parsedSpecialRanges(SUBNET_FORBIDDEN_RANGES);
const AWS_RESERVED = parsedSpecialRanges(AWS_RESERVED_LINK_RANGES);
const LINK_LOCAL = Cidr.parse(LINK_LOCAL_RANGE);

export function resolvePlan(input: ResolveInput): ResolvedIpPlan {
  const issues: ValidationIssue[] = [];
  const pools = parsePools(input.pools, issues);
  const reservations = parseReservations(input.reservations, input.requests, issues);
  const requests = checkRequests(input.requests, pools, issues);
  const locked = parseLockEntries(input, pools, reservations, issues);
  if (issues.length > 0) throw new ValidationError(issues);

  const placed = new Map<string, Allocation>();
  const spaces = new Map<string, FreeSpace>();
  for (const [name, parsed] of pools) {
    const space = new FreeSpace(parsed.cidr);
    for (const excluded of parsed.excluded) space.occupy(excluded.cidr, excluded.owner);
    for (const reservation of reservations) if (parsed.cidr.overlaps(reservation.cidr)) space.occupy(reservation.cidr, reservation.owner);
    spaces.set(name, space);
  }
  for (const [name, entry] of locked) {
    spaces.get(entry.pool)!.occupy(entry.cidr, `allocation ${name}`);
  }

  // Requests already recorded keep their range; check it still fits what is asked.
  const fresh: PlannedRequest[] = [];
  for (const request of requests) {
    const entry = locked.get(request.name);
    if (!entry) {
      fresh.push(request);
      continue;
    }
    checkLockedStillFits(request, entry, issues, input.releaseCommand);
    placed.set(request.name, { name: request.name, pool: entry.pool, cidr: entry.cidr.toString(), status: 'locked' });
  }
  for (const [name, entry] of locked) {
    if (!placed.has(name)) placed.set(name, { name, pool: entry.pool, cidr: entry.cidr.toString(), status: 'orphaned' });
  }

  if (input.frozen && fresh.length > 0) {
    const names = fresh.map((request) => request.name).sort();
    issues.push({
      path: input.lockFileName,
      field: 'allocations',
      value: names,
      problem: `${names.length === 1 ? 'is' : 'are'} requested but not recorded, and the IP plan is frozen (CI=true or --check)`,
      fix: `run \`${input.recordCommand}\` and commit the lock file; review the new ranges it prints`,
    });
    throw new ValidationError(issues);
  }

  // Pinned ranges first (they cannot move), then by size (largest first) and name: order-independent.
  const ordered = [...fresh].sort((a, b) => Number(!a.pinned) - Number(!b.pinned) || a.prefixLength - b.prefixLength || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const request of ordered) {
    const space = spaces.get(request.pool)!;
    if (request.pinned) {
      const clash = space.firstOverlap(request.pinned);
      if (clash) {
        issues.push({ path: request.name, field: 'cidr', value: request.pinnedText, problem: `overlaps ${clash.owner} (${clash.cidr})`, fix: 'pick a range that is free, or release the other allocation' });
        continue;
      }
      space.occupy(request.pinned, `allocation ${request.name}`);
      placed.set(request.name, { name: request.name, pool: request.pool, cidr: request.pinned.toString(), status: 'new' });
      continue;
    }
    const found = space.allocate(request.prefixLength, `allocation ${request.name}`);
    if (!found) {
      const orphans = [...placed.values()].filter((a) => a.status === 'orphaned' && a.pool === request.pool).map((a) => a.name);
      issues.push({
        path: request.name,
        field: 'prefixLength',
        value: request.prefixLength,
        problem: `does not fit: pool ${request.pool} (${space.cidr}) has no free aligned /${request.prefixLength} left (${space.freeAddresses()} addresses free in fragments)`,
        fix: `add another pool, ask for a smaller range${orphans.length ? `, or release unused allocations such as ${orphans.slice(0, 3).join(', ')}` : ''}`,
      });
      continue;
    }
    placed.set(request.name, { name: request.name, pool: request.pool, cidr: found.toString(), status: 'new' });
  }

  const capacities = input.gkeClusters.map((cluster) => gkeCapacity(cluster, placed, issues, input.releaseCommand));
  if (issues.length > 0) throw new ValidationError(issues);

  const allocations = [...placed.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return new ResolvedIpPlan(input.pools, input.reservations, allocations, capacities);
}

function parsePools(pools: readonly AddressPool[], issues: ValidationIssue[]): Map<string, ParsedPool> {
  const parsed = new Map<string, ParsedPool>();
  for (const pool of pools) {
    const path = `pool ${pool.name}`;
    if (parsed.has(pool.name)) {
      issues.push({ path, field: 'name', value: pool.name, problem: 'is declared twice', fix: 'give each pool a unique name' });
      continue;
    }
    const cidr = Cidr.tryParse(pool.cidr);
    if (typeof cidr === 'string') {
      issues.push({ path, field: 'cidr', value: pool.cidr, problem: cidr, fix: 'give an aligned IPv4 CIDR such as 10.0.0.0/8' });
      continue;
    }
    const kind = pool.kind ?? DEFAULT_POOL_KIND;
    const excluded: Occupant[] = [];
    if (kind === 'link-local') {
      if (!LINK_LOCAL.contains(cidr)) {
        issues.push({ path, field: 'cidr', value: pool.cidr, problem: `is outside ${LINK_LOCAL_RANGE}, where BGP link addresses must be`, fix: 'use a range inside 169.254.0.0/16 for a link-local pool' });
        continue;
      }
      for (const reserved of AWS_RESERVED) if (cidr.overlaps(reserved.cidr)) excluded.push({ cidr: reserved.cidr, owner: `the AWS-reserved block ${reserved.cidr}` });
    } else {
      const allowed = new Set(pool.allowedSpecialRanges ?? []);
      for (const name of allowed) {
        if (!FORBIDDEN.some((f) => f.cidr.toString() === name)) {
          issues.push({ path, field: 'allowedSpecialRanges', value: name, problem: 'is not one of the special ranges', fix: `list only ranges from ${FORBIDDEN.map((f) => f.cidr).join(', ')}` });
        }
      }
      for (const forbidden of FORBIDDEN) {
        if (!cidr.overlaps(forbidden.cidr) || allowed.has(forbidden.cidr.toString())) continue;
        if (forbidden.cidr.contains(cidr)) {
          issues.push({
            path,
            field: 'cidr',
            value: pool.cidr,
            problem: `lies in ${forbidden.cidr}, which ${forbidden.reason}`,
            fix: `use private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10)${forbidden.cidr.toString() === LINK_LOCAL_RANGE ? ", or kind: 'link-local' for BGP links" : `, or list ${forbidden.cidr} in allowedSpecialRanges if you mean it`}`,
          });
        } else {
          excluded.push({ cidr: forbidden.cidr, owner: `the special range ${forbidden.cidr}` });
        }
      }
    }
    for (const [otherName, other] of parsed) {
      if (other.cidr.overlaps(cidr)) {
        issues.push({ path, field: 'cidr', value: pool.cidr, problem: `overlaps pool ${otherName} (${other.cidr})`, fix: 'pools must be disjoint; shrink or move one of them' });
      }
    }
    parsed.set(pool.name, { cidr, excluded });
  }
  return parsed;
}

function parseReservations(reservations: readonly Reservation[], requests: readonly PlannedRequest[], issues: ValidationIssue[]): Occupant[] {
  const parsed: (Occupant & { name: string })[] = [];
  const requestNames = new Set(requests.map((r) => r.name));
  for (const reservation of reservations) {
    const path = `reservation ${reservation.name}`;
    if (parsed.some((r) => r.name === reservation.name) || requestNames.has(reservation.name)) {
      issues.push({ path, field: 'name', value: reservation.name, problem: 'is used twice', fix: 'give each reservation and allocation a unique name' });
      continue;
    }
    const cidr = Cidr.tryParse(reservation.cidr);
    if (typeof cidr === 'string') {
      issues.push({ path, field: 'cidr', value: reservation.cidr, problem: cidr, fix: 'give an aligned IPv4 CIDR such as 10.100.0.0/16' });
      continue;
    }
    for (const other of parsed) {
      if (other.cidr.overlaps(cidr)) {
        issues.push({
          path,
          field: 'cidr',
          value: reservation.cidr,
          problem: `overlaps ${other.owner} (${other.cidr}); the two networks cannot be routed to each other`,
          fix: 'correct whichever range is wrong, or renumber one of the networks',
        });
      }
    }
    parsed.push({ name: reservation.name, cidr, owner: `reservation ${reservation.name} (${reservation.reason})` });
  }
  return parsed;
}

function checkRequests(requests: readonly PlannedRequest[], pools: Map<string, ParsedPool>, issues: ValidationIssue[]): PlannedRequest[] {
  const valid: PlannedRequest[] = [];
  for (const request of requests) {
    const pool = pools.get(request.pool);
    if (!pool) {
      issues.push({ path: request.name, field: 'pool', value: request.pool, problem: 'is not a declared pool', fix: `use one of ${[...pools.keys()].join(', ') || '(no pools declared)'}` });
      continue;
    }
    if (request.prefixLength < pool.cidr.prefixLength) {
      issues.push({ path: request.name, field: 'prefixLength', value: request.prefixLength, problem: `is larger than its pool ${request.pool} (${pool.cidr})`, fix: 'use a larger pool or a smaller range' });
      continue;
    }
    if (request.pinned && !pool.cidr.contains(request.pinned)) {
      issues.push({ path: request.name, field: 'cidr', value: request.pinnedText, problem: `is outside its pool ${request.pool} (${pool.cidr})`, fix: 'pin a range inside the pool, or draw it from another pool' });
      continue;
    }
    if (request.pinned) {
      const excluded = pool.excluded.find((e) => e.cidr.overlaps(request.pinned!));
      if (excluded) {
        issues.push({ path: request.name, field: 'cidr', value: request.pinnedText, problem: `overlaps ${excluded.owner}`, fix: 'pick a range outside the special ranges' });
        continue;
      }
    }
    valid.push(request);
  }
  return valid;
}

interface LockedEntry {
  readonly cidr: Cidr;
  readonly pool: string;
}

function parseLockEntries(input: ResolveInput, pools: Map<string, ParsedPool>, reservations: readonly Occupant[], issues: ValidationIssue[]): Map<string, LockedEntry> {
  const entries = new Map<string, LockedEntry>();
  if (!input.lock) return entries;
  const fix = `the lock file was edited into a conflict; restore ${input.lockFileName} from version control, or release the entry with \`${input.releaseCommand} <name>\``;
  for (const name of Object.keys(input.lock.allocations).sort()) {
    const { cidr: text, pool: poolName } = input.lock.allocations[name];
    const path = `${input.lockFileName}#${name}`;
    const cidr = Cidr.tryParse(text);
    if (typeof cidr === 'string') {
      issues.push({ path, field: 'cidr', value: text, problem: cidr, fix });
      continue;
    }
    const pool = pools.get(poolName);
    if (!pool) {
      issues.push({ path, field: 'pool', value: poolName, problem: 'is not a declared pool', fix: `declare the pool again, or release ${name}` });
      continue;
    }
    if (!pool.cidr.contains(cidr)) {
      // The lock file is usually right and the pool was changed: name the pool, not the lock file.
      issues.push({
        path: `pool ${poolName}`,
        field: 'cidr',
        value: pool.cidr.toString(),
        problem: `no longer contains ${name} (${text}), recorded in ${input.lockFileName}: the pool shrank or moved after the range was recorded`,
        fix: `give the pool a CIDR that contains ${text} (pools may grow, never shrink under recorded ranges), or release the range (\`${input.releaseCommand} ${name}\`), which replaces what uses it`,
      });
      continue;
    }
    const excluded = pool.excluded.find((e) => e.cidr.overlaps(cidr));
    if (excluded) {
      issues.push({ path, field: 'cidr', value: text, problem: `overlaps ${excluded.owner}`, fix });
      continue;
    }
    const reservation = reservations.find((r) => r.cidr.overlaps(cidr));
    if (reservation) {
      issues.push({
        path,
        field: 'cidr',
        value: text,
        problem: `overlaps ${reservation.owner} (${reservation.cidr})`,
        fix: 'the reservation collides with a range already in use: correct the reservation, or renumber and release this allocation',
      });
      continue;
    }
    const clash = [...entries].find(([, other]) => other.cidr.overlaps(cidr));
    if (clash) {
      issues.push({ path, field: 'cidr', value: text, problem: `overlaps allocation ${clash[0]} (${clash[1].cidr})`, fix });
      continue;
    }
    entries.set(name, { cidr, pool: poolName });
  }
  return entries;
}

function checkLockedStillFits(request: PlannedRequest, entry: LockedEntry, issues: ValidationIssue[], release: string): void {
  const recorded = `recorded as ${entry.cidr} in pool ${entry.pool}`;
  if (entry.pool !== request.pool) {
    issues.push({
      path: request.name,
      field: 'pool',
      value: request.pool,
      problem: `differs from the range ${recorded}; recorded ranges never move`,
      fix: `keep pool ${entry.pool}, or release the range (${release} ${request.name}) knowing that replaces what uses it`,
    });
  } else if (request.pinned && !request.pinned.equals(entry.cidr)) {
    issues.push({ path: request.name, field: 'cidr', value: request.pinnedText, problem: `differs from the range ${recorded}; recorded ranges never move`, fix: `pin ${entry.cidr}, or release the range first (${release} ${request.name})` });
  } else if (!request.sizedPerCluster && entry.cidr.prefixLength > (request.recordedPrefixLength ?? request.prefixLength)) {
    issues.push({
      path: request.name,
      field: 'cidr',
      value: entry.cidr.toString(),
      problem: `is a /${entry.cidr.prefixLength} but ${request.sizedFor ?? 'the request'} needs a /${request.recordedPrefixLength ?? request.prefixLength}`,
      fix: undersizedFix(request.name, release),
    });
  }
}

/** Fix advice per range kind: pod ranges grow by adding ranges, never by replacing the first. */
function undersizedFix(name: string, release: string): string {
  if (/\/pods(-[a-z0-9-]+)?$/.test(name)) return 'add an additional pod range (additionalPodRanges) or lower maxNodes/maxPodsPerNode; replacing a pod range recreates the cluster';
  if (name.endsWith('/nodes')) return `lower maxNodes, or expand the subnet in place (gcloud compute networks subnets expand-ip-range) and record the larger range; releasing it (${release} ${name}) replaces the subnet`;
  return `lower the request, or release the range (${release} ${name}), which replaces what uses it`;
}

function gkeCapacity(cluster: GkeClusterRequest, placed: Map<string, Allocation>, issues: ValidationIssue[], release: string): GkeCapacity {
  const cidrOf = (suffix: string) => placed.get(`${cluster.name}/${suffix}`)?.cidr;
  const nodeSubnet = cidrOf('nodes') ?? '';
  const podRanges = [cidrOf('pods'), ...(cluster.additionalPodRanges ?? []).map((r) => cidrOf(r.name))].filter((c): c is string => !!c);
  const servicesRange = cidrOf('services') ?? '';
  const prefix = (cidr: string) => (cidr ? Cidr.parse(cidr).prefixLength : 33);
  const nodesBySubnet = nodesInSubnet(prefix(nodeSubnet));
  const nodesByPodRanges = podRanges.reduce((sum, cidr) => sum + nodesInPodRange(prefix(cidr), cluster.maxPodsPerNode), 0);
  const nodeLimit = Math.min(nodesBySubnet, nodesByPodRanges);
  const surgeNodes = cluster.surgeNodes ?? 0;
  const services = servicesRange ? 2 ** (32 - prefix(servicesRange)) : 0;
  const needed = cluster.maxNodes + surgeNodes;
  if (podRanges.length > 0 && nodesByPodRanges < needed) {
    issues.push({
      path: `${cluster.name}/pods`,
      field: 'cidr',
      value: podRanges.join(', '),
      problem: `holds ${nodesByPodRanges} nodes at ${cluster.maxPodsPerNode} pods per node (a /${podBlockPrefix(cluster.maxPodsPerNode)} each), but maxNodes + surge is ${needed}`,
      fix: undersizedFix(`${cluster.name}/pods`, release),
    });
  }
  return {
    cluster: cluster.name,
    maxNodes: cluster.maxNodes,
    surgeNodes,
    blueGreenNodes: cluster.blueGreenNodes ?? 0,
    maxPodsPerNode: cluster.maxPodsPerNode,
    nodeSubnet,
    podRanges,
    servicesRange,
    controlPlane: cidrOf('control-plane') ?? '',
    nodesBySubnet,
    nodesByPodRanges,
    nodeLimit,
    maxPods: nodeLimit * cluster.maxPodsPerNode,
    services,
    headroomNodes: nodeLimit - needed,
  };
}
