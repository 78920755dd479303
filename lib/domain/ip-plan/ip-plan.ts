import { ValidationError, ValidationIssue } from '../validation-error';
import { Cidr } from './cidr';
import { gkeRangeSizes, nodeSubnetPrefix, podRangePrefix } from './gke-sizing';
import { LockFile } from './lock-file';
import { resolvePlan } from './private/resolve-plan';
import { ResolvedIpPlan } from './resolved-ip-plan';
import { AddressPool, BGP_LINK_PREFIX, GkeClusterRequest, GkeRangeNames, PlannedRequest, RangeRequest, Reservation, ResolveOptions } from './plan-requests';
import { DEFAULT_PLAN_COMMAND } from '../platform/platform-defaults';

const ALLOCATION_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?)*$/;

/**
 * The single authority for every IPv4 range of the platform: pools to draw from, reservations it
 * never hands out, and named requests. `resolve` places new requests deterministically in free space,
 * keeps every range recorded in the lock file where it is, and reports every conflict at once.
 */
export class IpPlan {
  private readonly requests: PlannedRequest[] = [];
  private readonly gkeClusters: GkeClusterRequest[] = [];
  private readonly requestIssues: ValidationIssue[] = [];

  constructor(
    public readonly pools: readonly AddressPool[],
    public readonly reservations: readonly Reservation[] = [],
  ) {}

  /** Requests one range by prefix length or as a pinned CIDR. */
  public request(request: RangeRequest): string {
    if ('cidr' in request) {
      const parsed = Cidr.tryParse(request.cidr);
      if (typeof parsed === 'string') {
        this.requestIssues.push({ path: request.name, field: 'cidr', value: request.cidr, problem: parsed, fix: 'give an aligned IPv4 CIDR such as 10.0.0.0/20' });
        return request.name;
      }
      this.addRequest({ name: request.name, pool: request.pool, prefixLength: parsed.prefixLength, pinned: parsed, pinnedText: request.cidr });
    } else {
      this.addRequest({ name: request.name, pool: request.pool, prefixLength: request.prefixLength });
    }
    return request.name;
  }

  /** Requests node subnet, pod range, services range and control-plane /28 sized from a cluster's intent. */
  public requestGkeCluster(request: GkeClusterRequest): GkeRangeNames {
    const names: GkeRangeNames = {
      nodes: `${request.name}/nodes`,
      pods: `${request.name}/pods`,
      services: `${request.name}/services`,
      controlPlane: `${request.name}/control-plane`,
      additionalPods: (request.additionalPodRanges ?? []).map((range) => `${request.name}/${range.name}`),
    };
    let sizes;
    try {
      sizes = gkeRangeSizes(request);
    } catch (error) {
      this.requestIssues.push({
        path: request.name,
        field: 'intent',
        value: { maxNodes: request.maxNodes, maxPodsPerNode: request.maxPodsPerNode, surgeNodes: request.surgeNodes, maxServices: request.maxServices },
        problem: `is invalid: ${(error as Error).message}`,
        fix: 'use whole numbers: maxNodes ≥ 1, maxPodsPerNode 8-256',
      });
      return names;
    }
    const nodes = request.maxNodes + (request.surgeNodes ?? 0);
    const intent = `${request.maxNodes} nodes + ${request.surgeNodes ?? 0} surge at ${request.maxPodsPerNode} pods per node`;
    this.gkeClusters.push(request);
    // Sized for a blue-green upgrade too; a recorded subnet is held to nodes + surge (the plan checks each blue-green pool).
    const recordedPrefixLength = request.blueGreenNodes ? nodeSubnetPrefix(nodes) : undefined;
    this.addRequest({ name: names.nodes, pool: request.pools.nodes, prefixLength: sizes.nodes, sizedFor: `${nodes} nodes`, ...(recordedPrefixLength !== undefined ? { recordedPrefixLength } : {}) });
    this.addRequest({ name: names.pods, pool: request.pools.pods, prefixLength: sizes.pods, sizedFor: intent, sizedPerCluster: true });
    this.addRequest({ name: names.services, pool: request.pools.services, prefixLength: sizes.services, sizedFor: `${request.maxServices ?? 'the default'} services` });
    this.addRequest({ name: names.controlPlane, pool: request.pools.controlPlane, prefixLength: sizes.controlPlane, sizedFor: 'the GKE control plane' });
    for (const [index, range] of (request.additionalPodRanges ?? []).entries()) {
      if (!Number.isInteger(range.maxNodes) || range.maxNodes < 1) {
        this.requestIssues.push({ path: names.additionalPods[index], field: 'maxNodes', value: range.maxNodes, problem: 'is not a whole number of at least 1', fix: 'give the nodes this extra pod range must hold' });
        continue;
      }
      const prefixLength = podRangePrefix(range.maxNodes, request.maxPodsPerNode);
      this.addRequest({ name: names.additionalPods[index], pool: request.pools.pods, prefixLength, sizedFor: `${range.maxNodes} more nodes`, sizedPerCluster: true });
    }
    return names;
  }

  /** Requests a /30 for one BGP session (a VPN tunnel or VLAN attachment) from a link-local pool. */
  public requestBgpLink(name: string, pool: string): string {
    this.addRequest({ name, pool, prefixLength: BGP_LINK_PREFIX });
    return name;
  }

  /**
   * Places every request. Recorded ranges stay where the lock file has them; new ones go to the lowest
   * free aligned block of their pool, larger blocks first, then by name, so the result depends on the
   * set of requests only, never on their order. Throws one ValidationError listing every conflict.
   */
  public resolve(lock: LockFile | undefined, options: ResolveOptions = {}): ResolvedIpPlan {
    if (this.requestIssues.length > 0) throw new ValidationError(this.requestIssues);
    return resolvePlan({
      pools: this.pools,
      reservations: this.reservations,
      requests: this.requests,
      gkeClusters: this.gkeClusters,
      lock,
      frozen: options.frozen ?? false,
      recordCommand: options.recordCommand ?? `${DEFAULT_PLAN_COMMAND} --write`,
      releaseCommand: options.releaseCommand ?? `${DEFAULT_PLAN_COMMAND} --release`,
      lockFileName: options.lockFileName ?? 'the lock file',
    });
  }

  private addRequest(request: PlannedRequest): void {
    if (!ALLOCATION_NAME.test(request.name)) {
      this.requestIssues.push({ path: request.name, field: 'name', value: request.name, problem: 'is not a hierarchical name of lower-case segments', fix: 'use names like gcp/us-central1/prod-usc1/pods' });
    }
    if (this.requests.some((existing) => existing.name === request.name)) {
      this.requestIssues.push({ path: request.name, field: 'name', value: request.name, problem: 'is requested twice', fix: 'give each allocation a unique name' });
      return;
    }
    if (!Number.isInteger(request.prefixLength) || request.prefixLength < 1 || request.prefixLength > 32) {
      this.requestIssues.push({ path: request.name, field: 'prefixLength', value: request.prefixLength, problem: 'is not a whole number from 1 to 32', fix: 'give a prefix length such as 20' });
      return;
    }
    this.requests.push(request);
  }
}
