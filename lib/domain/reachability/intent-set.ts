import type { ConnectivityEndpoint, ConnectivityIntent } from './connectivity-intent';

/*
 * The intents of a platform, with the tenant pairs kept as rows instead of one object per ordered pair: a cluster
 * of n tenants has n·(n-1) pair intents, so listing them costs the square of the tenants before anything is
 * judged. A row stands for the intents `deriveIntents` lists from one tenant to every other tenant of its cluster,
 * in the same place of the order; `expandIntents` gives the flat list, intent for intent the same objects.
 */

/** One tenant's intents towards every other tenant of its cluster: allow for a declared dependency, deny otherwise. */
export interface TenantPairRow {
  /** Tells a row from an intent. */
  readonly kind: 'tenant-pairs';
  /** The cluster the tenants share. */
  readonly cluster: string;
  /** The source tenant. */
  readonly from: string;
  /** Every tenant of the cluster in definition order, `from` included (the row skips it). */
  readonly tenants: readonly string[];
  /** Tenants `from` declares a dependency on: those intents expect `allow`. */
  readonly declared: ReadonlySet<string>;
  /** How many intents the row stands for: the tenants not named `from`. */
  readonly size: number;
}

/** An intent, or a row of tenant-pair intents. */
export type IntentEntry = ConnectivityIntent | TenantPairRow;

/** A platform's intents in order, with the accepted gaps applied on expansion. */
export interface IntentSet {
  /** Every intent or row, in the order the verdicts report them. */
  readonly entries: readonly IntentEntry[];
  /** Accepted gaps by intent id (the reason), for the intents rows stand for. @default none */
  readonly acceptedGaps?: ReadonlyMap<string, string>;
}

export function isPairRow(entry: IntentEntry): entry is TenantPairRow {
  return (entry as TenantPairRow).kind === 'tenant-pairs';
}

/** The id of the intent from `a` to `b` on a cluster: `tenant-dependency/a->b@c` when declared, else `tenant-isolation/...`. */
export function pairIntentId(cluster: string, a: string, b: string, declared: boolean): string {
  return `${declared ? 'tenant-dependency' : 'tenant-isolation'}/${a}->${b}@${cluster}`;
}

/** The intent a row holds for one other tenant, exactly as `deriveIntents` writes it (accepted gap applied). */
export function pairIntent(row: TenantPairRow, to: string, acceptedGaps?: ReadonlyMap<string, string>): ConnectivityIntent & { readonly id: string } {
  const declared = row.declared.has(to);
  const id = pairIntentId(row.cluster, row.from, to, declared);
  const from: ConnectivityEndpoint = { kind: 'tenant', tenant: row.from, cluster: row.cluster };
  const intent = {
    id,
    from,
    to: { kind: 'tenant' as const, tenant: to, cluster: row.cluster },
    expect: declared ? ('allow' as const) : ('deny' as const),
    reason: declared ? `${row.from} declares a dependency on ${to}` : `${row.from} declares no dependency on ${to}`,
  };
  const reason = acceptedGaps?.get(id);
  return reason === undefined ? intent : { ...intent, acceptedGap: { reason } };
}

/** The flat list of intents, in order. */
export function expandIntents(set: IntentSet): ConnectivityIntent[] {
  const out: ConnectivityIntent[] = [];
  for (const entry of set.entries) {
    if (!isPairRow(entry)) out.push(entry);
    else for (const to of entry.tenants) if (to !== entry.from) out.push(pairIntent(entry, to, set.acceptedGaps));
  }
  return out;
}

/** Whether a row of the set stands for an intent with this id. */
export function rowsHoldId(rows: ReadonlyMap<string, TenantPairRow>, id: string): boolean {
  const match = /^tenant-(isolation|dependency)\/(.+)->(.+)@([^@]+)$/.exec(id);
  if (!match) return false;
  const [, kind, a, b, cluster] = match;
  const row = rows.get(rowKey(cluster, a));
  return row !== undefined && a !== b && row.tenants.includes(b) && row.declared.has(b) === (kind === 'dependency');
}

/** The key `rowsHoldId` finds a row by. */
export function rowKey(cluster: string, from: string): string {
  return `${cluster}\u0000${from}`;
}
