import { evaluateIntent, receiverSide, senderSide, Verdict } from './evaluate-intent';
import type { Hop } from './hop';
import { pairIntent, TenantPairRow } from './intent-set';
import type { MeshEgress } from './mesh-hops';
import { PeerExceptions } from './peer-exceptions';
import type { Traffic } from './protocol';
import { Place, resolveEndpoint } from './resolve-endpoint';
import type { Topology } from './topology';

/*
 * The tenant-pair intents of a cluster, judged by classes instead of pair by pair. The path from tenant a to
 * tenant b crosses a's sender side (Sidecar, egress NetworkPolicies), the cluster's network (the same pod ranges for
 * every pair) and b's receiver side (ingress NetworkPolicies, PeerAuthentication, AuthorizationPolicies). Apart
 * from the few tenants a's matchers name (peer-exceptions.ts), a's sender side treats every b alike, and b's
 * receiver side every a alike. So a pair that neither side names has the verdict of any other such pair whose sender
 * side gives the same hops (pass or drop, judged or not, allowance or plumbing) and whose receiver side does too:
 * one pair per class of (sender behaviour, receiver behaviour) is judged with `evaluateIntent`, the class's size is
 * counted, and its other pairs are judged one by one only when the class fails (to report each). Pairs a side names,
 * declared dependencies and accepted gaps are judged one by one. Work per cluster: the tenants times their
 * matchers and classes, plus the named pairs; not the square of the tenants (unless every pair fails).
 */

export interface PairJudgement {
  /** The intents each row holds that are not met (accepted gaps included), in the row's order. */
  readonly unmet: ReadonlyMap<TenantPairRow, readonly Verdict[]>;
}

/** An intent between tenants: the protocol and port `pairIntent` leaves at their defaults. */
const PAIR_TRAFFIC: Traffic = { protocol: 'tcp' };

/** Judges every row; a cluster whose rows are not one tenant list without repeats is judged pair by pair. */
export function judgeTenantPairs(t: Topology, rows: readonly TenantPairRow[], acceptedGaps?: ReadonlyMap<string, string>): PairJudgement {
  const unmet = new Map<TenantPairRow, Verdict[]>();
  const byCluster = new Map<string, TenantPairRow[]>();
  for (const row of rows) {
    const list = byCluster.get(row.cluster);
    if (list) list.push(row);
    else byCluster.set(row.cluster, [row]);
  }
  for (const [cluster, clusterRows] of byCluster) {
    const tenants = clusterRows[0].tenants;
    const regular = new Set(tenants).size === tenants.length && clusterRows.length === tenants.length && clusterRows.every((r, i) => r.tenants === tenants && r.from === tenants[i]);
    if (regular) new ClusterPairs(t, cluster, clusterRows, acceptedGaps).judge(unmet);
    else for (const row of clusterRows) for (const to of row.tenants) if (to !== row.from) record(unmet, row, evaluateIntent(t, pairIntent(row, to, acceptedGaps)));
  }
  for (const [row, verdicts] of unmet) {
    const index = new Map(row.tenants.map((name, i) => [name, i]));
    verdicts.sort((x, y) => index.get(tenantOf(x))! - index.get(tenantOf(y))!);
  }
  return { unmet };
}

function tenantOf(v: Verdict): string {
  return (v.intent.to as { tenant: string }).tenant;
}

function record(unmet: Map<TenantPairRow, Verdict[]>, row: TenantPairRow, verdict: Verdict): void {
  if (verdict.met) return;
  const list = unmet.get(row);
  if (list) list.push(verdict);
  else unmet.set(row, [verdict]);
}

/** Pass or drop, judged or not, allowance or plumbing, hop by hop: what a verdict is made of. */
function shape(hops: readonly Hop[]): string {
  return hops.map((h) => `${h.kind}:${h.ok ? 1 : 0}${h.notModelled ? 1 : 0}${h.permits ? 1 : 0}`).join(',');
}

type EgressState = 'none' | 'plain' | 'mtls';

/** What the receiver's sidecar learns from the sender's: whether it had one, and whether it sent mTLS. */
function egressStub(state: EgressState): MeshEgress | undefined {
  return state === 'none' ? undefined : { hops: [], mtls: state === 'mtls' };
}

class ClusterPairs {
  private readonly tenants: readonly string[];
  private readonly places = new Map<string, Place | string>();
  private readonly special = new Map<string, Set<string>>();

  constructor(
    private readonly t: Topology,
    private readonly cluster: string,
    private readonly rows: readonly TenantPairRow[],
    private readonly acceptedGaps?: ReadonlyMap<string, string>,
  ) {
    this.tenants = rows[0].tenants;
    for (const name of this.tenants) this.places.set(name, resolveEndpoint(t, { kind: 'tenant', tenant: name, cluster }));
  }

  judge(unmet: Map<TenantPairRow, Verdict[]>): void {
    const rowOf = new Map(this.rows.map((r) => [r.from, r]));
    const exceptions = new PeerExceptions(this.t, this.cluster, this.tenants);
    const sends = new Map(this.tenants.map((name) => [name, exceptions.sender(name)]));
    const receives = new Map(this.tenants.map((name) => [name, exceptions.receiver(name)]));
    // Pairs judged one by one: named by either side, declared, or an accepted gap.
    const mark = (a: string, b: string) => {
      if (a === b || !rowOf.has(a) || !rowOf.has(b)) return;
      const set = this.special.get(a);
      if (set) set.add(b);
      else this.special.set(a, new Set([b]));
    };
    for (const row of this.rows) {
      for (const b of sends.get(row.from)!) mark(row.from, b);
      for (const b of row.declared) mark(row.from, b);
    }
    for (const [b, named] of receives) for (const a of named) mark(a, b);
    for (const id of this.acceptedGaps?.keys() ?? []) {
      const match = /^tenant-(?:isolation|dependency)\/(.+)->(.+)@([^@]+)$/.exec(id);
      if (match && match[3] === this.cluster) mark(match[1], match[2]);
    }
    for (const [a, named] of this.special) for (const b of named) record(unmet, rowOf.get(a)!, evaluateIntent(this.t, pairIntent(rowOf.get(a)!, b, this.acceptedGaps)));

    // Every other pair: by class of (sender shape, receiver shape).
    const generic = (a: string, b: string) => a !== b && !this.special.get(a)?.has(b);
    const classes = new Map<string, { readonly a: string; readonly b: string }>();
    const members = new Map<string, { readonly a: string; readonly bs: readonly string[] }[]>();
    const groupsByStates = new Map<string, Map<string, string[]>>();
    for (const row of this.rows) {
      const a = row.from;
      const { key: sender, states } = this.senderShape(a, sends.get(a)!);
      // Receivers grouped by how they answer this sender's kind of connection.
      let groups = groupsByStates.get(states.join(','));
      if (!groups) groupsByStates.set(states.join(','), (groups = this.receiversBy(states, receives)));
      for (const [receiver, bs] of groups) {
        const key = `${sender}|${receiver}`;
        // At most the tenants a names, and a itself, come before one that stands for the class.
        const b = bs.find((x) => generic(a, x));
        if (b === undefined) continue;
        if (!classes.has(key)) classes.set(key, { a, b });
        const list = members.get(key);
        if (list) list.push({ a, bs });
        else members.set(key, [{ a, bs }]);
      }
    }
    for (const [key, { a, b }] of classes) {
      if (evaluateIntent(this.t, pairIntent(rowOf.get(a)!, b, this.acceptedGaps)).met) continue;
      // The class fails: judge and report each of its pairs.
      for (const m of members.get(key)!) for (const x of m.bs) if (generic(m.a, x)) record(unmet, rowOf.get(m.a)!, evaluateIntent(this.t, pairIntent(rowOf.get(m.a)!, x, this.acceptedGaps)));
    }
  }

  /** The first tenant other than `self` that `named` leaves out and that has a namespace: it stands for all such. */
  private standIn(self: string, named: ReadonlySet<string>): { name: string; place: Place } | undefined {
    for (const name of this.tenants) {
      const place = this.places.get(name)!;
      if (name !== self && !named.has(name) && typeof place !== 'string') return { name, place };
    }
    return undefined;
  }

  /** The sender side's shape towards a tenant it does not name, per destination range, and the mesh state it leaves. */
  private senderShape(a: string, named: ReadonlySet<string>): { key: string; states: readonly EgressState[] } {
    const from = this.places.get(a)!;
    // An endpoint that cannot be placed decides the verdict alone.
    if (typeof from === 'string') return { key: 'unplaced', states: [] };
    const peer = this.standIn(a, named);
    if (!peer) return { key: 'no-peer', states: [] };
    const sides = peer.place.cidrs.map((d) => senderSide(this.t, from, peer.place, d, PAIR_TRAFFIC));
    const states = sides.map((s): EgressState => (s.egress ? (s.egress.mtls ? 'mtls' : 'plain') : 'none'));
    return { key: JSON.stringify([sides.map((s) => shape(s.hops)), states]), states };
  }

  /** Tenants by the shape of their receiver side for a sender in these mesh states. */
  private receiversBy(states: readonly EgressState[], receives: ReadonlyMap<string, ReadonlySet<string>>): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const b of this.tenants) {
      const key = this.receiverShape(b, states, receives.get(b)!);
      const group = groups.get(key);
      if (group) group.push(b);
      else groups.set(key, [b]);
    }
    return groups;
  }

  private receiverShape(b: string, states: readonly EgressState[], named: ReadonlySet<string>): string {
    const to = this.places.get(b)!;
    if (typeof to === 'string') return 'unplaced';
    if (states.length === 0) return 'any';
    const peer = this.standIn(b, named);
    if (!peer) return 'no-peer';
    return JSON.stringify(peer.place.cidrs.map((s) => states.map((state) => shape(receiverSide(this.t, peer.place, s, to, PAIR_TRAFFIC, egressStub(state))))));
  }
}
