/**
 * Queued provisioning (GKE's Dynamic Workload Scheduler): a pool whose nodes are obtained only through the cluster
 * autoscaler's ProvisioningRequest API, all of a job's nodes at once or none. GKE requires such a pool to scale from
 * zero, to consume no reservation, not to auto-repair its nodes (they live only as long as the request) and to take
 * capacity in any zone. These rules hold the definition and the NodePool construct to that. Pure.
 */
import type { ValidationIssue } from '../validation-error';

/** The ProvisioningRequest class GKE serves for queued provisioning (a ProvisioningRequestConfig names it). */
export const QUEUED_PROVISIONING_CLASS = 'queued-provisioning.gke.io';

/** The reservation affinity GKE requires of a queued-provisioning pool (`reservation_affinity.consume_reservation_type`). */
export const QUEUED_PROVISIONING_RESERVATION = 'NO_RESERVATION';

/** What the rules read of a pool. */
export interface QueuedPoolShape {
  /** The pool's declared minimum nodes across all zones. @default 0 */
  readonly minNodes?: number;
  /** Whether its nodes are Spot VMs. */
  readonly spot: boolean;
  /** Whether it carries GPUs. */
  readonly hasGpu: boolean;
  /** The autoscaler's location policy. @default 'ANY' */
  readonly locationPolicy?: 'BALANCED' | 'ANY';
}

/** Checks a queued-provisioning pool against what GKE requires; `path` names the pool. */
export function validateQueuedProvisioning(path: string, pool: QueuedPoolShape): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!pool.hasGpu)
    issues.push({
      path,
      field: 'queuedProvisioning',
      value: true,
      problem: 'is set on a pool without GPUs; the Dynamic Workload Scheduler provisions accelerator nodes',
      fix: "use queued provisioning on a kind: 'gpu' pool, or leave it out",
    });
  if ((pool.minNodes ?? 0) !== 0)
    issues.push({ path, field: 'minNodes', value: pool.minNodes, problem: 'is above 0 on a queued-provisioning pool; GKE creates its nodes only for admitted ProvisioningRequests', fix: 'use minNodes: 0 (or leave it out)' });
  if (pool.spot) issues.push({ path, field: 'queuedProvisioning', value: true, problem: 'is set on a Spot pool; queued provisioning obtains on-demand capacity', fix: "use kind: 'gpu' (on-demand) for the queued pool" });
  if ((pool.locationPolicy ?? 'ANY') !== 'ANY')
    issues.push({ path, field: 'locationPolicy', value: pool.locationPolicy, problem: 'is not ANY; queued provisioning takes capacity in whichever zone has it', fix: "use locationPolicy: 'ANY'" });
  return issues;
}
