/**
 * Where a dedicated-nodes tenant's pods run: one resolver for the node pool's taint and label (GKE side), the
 * pods' toleration and nodeSelector (Kubernetes side) and the admission policy that enforces them, so the
 * two spellings of the taint effect (Kubernetes `NoSchedule`, GKE's API `NO_SCHEDULE`) can never drift.
 */
import { TENANT_NODE_LABEL_KEY, TENANT_TAINT_EFFECT, TENANT_TAINT_KEY } from './labels';
import { DEFAULT_ISOLATION, TenantIsolation, TenantSpec } from './tenant-spec';

/** Prefix of the node pool a dedicated-nodes tenant gets. Part of the resource-name contract. */
const TENANT_POOL_PREFIX = 'tenant-';

/** GKE API spelling of each Kubernetes taint effect. */
export const GKE_TAINT_EFFECTS = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' } as const;
/** A taint effect as Kubernetes spells it (`NoSchedule`, ...). */
export type KubernetesTaintEffect = keyof typeof GKE_TAINT_EFFECTS;

/** The toleration a dedicated-nodes tenant's pods get for its nodes' taint. */
export interface TenantToleration {
  /** Taint key, `tenant` (TENANT_TAINT_KEY). */
  readonly key: string;
  /** Always `Equal`: the toleration matches this tenant's taint value only. */
  readonly operator: 'Equal';
  /** The tenant's name, the taint's value. */
  readonly value: string;
  /** `NoSchedule` (TENANT_TAINT_EFFECT). */
  readonly effect: string;
}

/** A dedicated-nodes tenant's placement: its pool, the pool's taint and label, the pods' toleration and selector. */
export interface TenantPlacement {
  /** The tenant's name. */
  readonly tenant: string;
  /** `tenant-<tenant>` in each of the tenant's clusters. */
  readonly poolName: string;
  /** The node taint, Kubernetes spelling; {@link gkeTaint} gives the GKE API's. */
  readonly taint: {
    /** Taint key, `tenant` (TENANT_TAINT_KEY). */
    readonly key: string;
    /** The tenant's name: only pods tolerating this value land on the pool. */
    readonly value: string;
    /** `NoSchedule` (TENANT_TAINT_EFFECT): other pods are never scheduled there; running pods are not evicted. */
    readonly effect: KubernetesTaintEffect;
  };
  /** Labels on the pool's nodes: `tenant: <tenant>` (TENANT_NODE_LABEL_KEY). */
  readonly nodeLabels: Readonly<Record<string, string>>;
  /** The toleration the tenant's pods get for its taint (added to its workloads and required by the placement policy). */
  readonly toleration: TenantToleration;
  /** The nodeSelector that keeps the tenant's pods on its pool: `tenant: <tenant>`. */
  readonly nodeSelector: Readonly<Record<string, string>>;
}

/** A tenant's isolation with the default applied: the one place `isolation` is read. */
export function tenantIsolation(tenant: Pick<TenantSpec, 'isolation'>): TenantIsolation {
  return tenant.isolation ?? DEFAULT_ISOLATION;
}

export function tenantPoolName(tenant: string): string {
  return `${TENANT_POOL_PREFIX}${tenant}`;
}

/** A GPU tenant's companion CPU pool: same taint and label as its GPU pool, no GPU. Part of the resource-name contract. */
export function tenantCpuPoolName(tenant: string): string {
  return `${TENANT_POOL_PREFIX}${tenant}-cpu`;
}

/** The toleration a dedicated tenant's pods need; matches PlatformPolicies' placement policy. */
export function tenantToleration(tenant: string): TenantToleration {
  return { key: TENANT_TAINT_KEY, operator: 'Equal', value: tenant, effect: TENANT_TAINT_EFFECT };
}

/** The placement of a tenant by name, as the node pool, the pods and the admission policies see it. */
export function tenantPlacement(tenant: string): TenantPlacement {
  return {
    tenant,
    poolName: tenantPoolName(tenant),
    taint: { key: TENANT_TAINT_KEY, value: tenant, effect: TENANT_TAINT_EFFECT },
    nodeLabels: { [TENANT_NODE_LABEL_KEY]: tenant },
    toleration: tenantToleration(tenant),
    nodeSelector: { [TENANT_NODE_LABEL_KEY]: tenant },
  };
}

/** A tenant's placement when it has dedicated nodes, else undefined (shared and dedicated-cluster tenants). */
export function resolveTenantPlacement(tenant: Pick<TenantSpec, 'name' | 'isolation'>): TenantPlacement | undefined {
  return tenantIsolation(tenant) === 'dedicated-nodes' ? tenantPlacement(tenant.name) : undefined;
}

/** A taint in the GKE API's spelling (`NO_SCHEDULE`), for node pools. */
export function gkeTaint(taint: TenantPlacement['taint']): { key: string; value: string; effect: (typeof GKE_TAINT_EFFECTS)[KubernetesTaintEffect] } {
  return { key: taint.key, value: taint.value, effect: GKE_TAINT_EFFECTS[taint.effect] };
}
