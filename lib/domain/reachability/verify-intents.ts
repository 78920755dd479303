import type { ConnectivityIntent } from './connectivity-intent';
import { evaluateIntent, Verdict } from './evaluate-intent';
import { IntentSet, isPairRow, pairIntent } from './intent-set';
import { judgeTenantPairs } from './tenant-pair-classes';
import type { Topology } from './topology';

/** Every verdict of a verification, with the counts of met, unmet and accepted intents. */
export interface VerificationResult {
  /** Every verdict, unmet first (not accepted, then accepted), then in intent order. */
  readonly verdicts: readonly Verdict[];
  /** The same verdicts in the order of the intents. */
  readonly inIntentOrder: readonly Verdict[];
  /** Unmet and not accepted: synthesis fails on these. */
  readonly failures: readonly Verdict[];
  /** Unmet but accepted by name (`acceptedConnectivityGaps`): reported, never fatal. */
  readonly accepted: readonly Verdict[];
  /** How many intents were judged, and how many are met (the summary, without listing every verdict). */
  readonly counts: {
    /** Intents judged. */
    readonly intents: number;
    /** Of those, the intents met. */
    readonly met: number;
  };
}

/** Judges every intent against the model, one by one. */
export function verifyIntents(topology: Topology, intents: readonly ConnectivityIntent[]): VerificationResult {
  const judged = intents.map((intent) => evaluateIntent(topology, intent));
  const rank = (v: Verdict) => (v.met ? 2 : v.accepted ? 1 : 0);
  const verdicts = judged
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map(({ v }) => v);
  const failures = verdicts.filter((v) => !v.met && !v.accepted);
  const accepted = verdicts.filter((v) => v.accepted);
  return { verdicts, inIntentOrder: judged, failures, accepted, counts: { intents: judged.length, met: judged.length - failures.length - accepted.length } };
}

/**
 * Judges every intent of the set, with the same verdicts as `verifyIntents` on the expanded list, but the tenant
 * pairs by classes (tenant-pair-classes.ts): the unmet verdicts and the counts are computed at once; the list of
 * every verdict (`verdicts`, `inIntentOrder`) is judged pair by pair when first read, for reports that print it.
 */
export function verifyIntentSet(topology: Topology, set: IntentSet): VerificationResult {
  const pairs = judgeTenantPairs(topology, set.entries.filter(isPairRow), set.acceptedGaps);
  const explicit: Verdict[] = [];
  const unmet: Verdict[] = [];
  let intents = 0;
  for (const entry of set.entries) {
    if (isPairRow(entry)) {
      intents += entry.size;
      for (const v of pairs.unmet.get(entry) ?? []) unmet.push(v);
    } else {
      const v = evaluateIntent(topology, entry);
      explicit.push(v);
      intents += 1;
      if (!v.met) unmet.push(v);
    }
  }
  const failures = unmet.filter((v) => !v.accepted);
  const accepted = unmet.filter((v) => v.accepted);
  let inOrder: Verdict[] | undefined;
  let sorted: Verdict[] | undefined;
  const expand = (): Verdict[] => {
    const out: Verdict[] = [];
    let next = 0;
    for (const entry of set.entries) {
      if (!isPairRow(entry)) {
        out.push(explicit[next++]);
        continue;
      }
      const known = new Map((pairs.unmet.get(entry) ?? []).map((v) => [(v.intent.to as { tenant: string }).tenant, v]));
      for (const to of entry.tenants) if (to !== entry.from) out.push(known.get(to) ?? evaluateIntent(topology, pairIntent(entry, to, set.acceptedGaps)));
    }
    return out;
  };
  return {
    failures,
    accepted,
    counts: { intents, met: intents - unmet.length },
    get inIntentOrder() {
      return (inOrder ??= expand());
    },
    get verdicts() {
      return (sorted ??= [...failures, ...accepted, ...this.inIntentOrder.filter((v) => v.met)]);
    },
  };
}

/** A plain-text matrix of every verdict, for the terminal. */
export function formatVerification(result: VerificationResult): string {
  const status = (v: Verdict) => (v.met ? 'ok' : v.accepted ? 'ACCEPTED GAP' : 'UNMET');
  const rows = result.verdicts.map((v) => [status(v), v.intent.expect, verdictWord(v), v.label, v.id]);
  const header = ['status', 'expect', 'verdict', 'path', 'intent id'];
  // A loop, not Math.max(...rows): a call takes at most ~125,000 arguments, and a platform has millions of verdicts.
  const widths = header.map((h) => h.length);
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i], cell.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const lines = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const problems = result.verdicts.filter((v) => !v.met);
  if (problems.length > 0) {
    lines.push('', ...problems.map((v) => `${v.accepted ? 'accepted gap' : 'unmet'}: ${v.message}${v.accepted ? ` (accepted: ${v.intent.acceptedGap!.reason})` : ''}`));
  }
  lines.push('', verificationSummaryLine(result));
  return lines.join('\n');
}

/** The matrix's last line: `38 of 38 intents met, 0 unmet, 0 accepted gap(s)`. */
export function verificationSummaryLine(result: VerificationResult): string {
  return `${result.counts.met} of ${result.counts.intents} intents met, ${result.failures.length} unmet, ${result.accepted.length} accepted gap(s)`;
}

/** The verdicts as plain data for machines (`npm run verify -- --json`). */
export function verificationJson(result: VerificationResult): unknown {
  return {
    summary: { intents: result.counts.intents, met: result.counts.met, unmet: result.failures.length, accepted: result.accepted.length },
    verdicts: result.verdicts.map((v) => ({
      id: v.id,
      from: v.intent.from,
      to: v.intent.to,
      protocol: v.intent.protocol ?? 'tcp',
      port: v.intent.port,
      expect: v.intent.expect,
      verdict: verdictWord(v),
      met: v.met,
      accepted: v.accepted,
      reason: v.intent.reason,
      message: v.message,
      decisiveHop: v.decisive,
      path: v.hops,
    })),
  };
}

/** `allowed`, `denied`, or `not modelled` when a hop could not be judged. */
export function verdictWord(v: Verdict): 'allowed' | 'denied' | 'not modelled' {
  return !v.judged ? 'not modelled' : v.allowed ? 'allowed' : 'denied';
}
