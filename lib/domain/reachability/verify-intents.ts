import type { ConnectivityIntent } from './connectivity-intent';
import { evaluateIntent, Verdict } from './evaluate-intent';
import type { Topology } from './topology';

export interface VerificationResult {
  /** Every verdict, unmet first (not accepted, then accepted), then in intent order. */
  readonly verdicts: readonly Verdict[];
  /** The same verdicts in the order of the intents. */
  readonly inIntentOrder: readonly Verdict[];
  /** Unmet and not accepted: synthesis fails on these. */
  readonly failures: readonly Verdict[];
  /** Unmet but accepted by name (`acceptedConnectivityGaps`): reported, never fatal. */
  readonly accepted: readonly Verdict[];
}

/** Judges every intent against the model. */
export function verifyIntents(topology: Topology, intents: readonly ConnectivityIntent[]): VerificationResult {
  const judged = intents.map((intent) => evaluateIntent(topology, intent));
  const rank = (v: Verdict) => (v.met ? 2 : v.accepted ? 1 : 0);
  const verdicts = judged.map((v, i) => ({ v, i })).sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i).map(({ v }) => v);
  return { verdicts, inIntentOrder: judged, failures: verdicts.filter((v) => !v.met && !v.accepted), accepted: verdicts.filter((v) => v.accepted) };
}

/** A plain-text matrix of every verdict, for the terminal. */
export function formatVerification(result: VerificationResult): string {
  const status = (v: Verdict) => (v.met ? 'ok' : v.accepted ? 'ACCEPTED GAP' : 'UNMET');
  const rows = result.verdicts.map((v) => [status(v), v.intent.expect, verdictWord(v), v.label, v.id]);
  const header = ['status', 'expect', 'verdict', 'path', 'intent id'];
  // A loop, not Math.max(...rows): a call takes at most ~125,000 arguments, and a platform has millions of verdicts.
  const widths = header.map((h) => h.length);
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i], cell.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
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
  const met = result.verdicts.filter((v) => v.met).length;
  return `${met} of ${result.verdicts.length} intents met, ${result.failures.length} unmet, ${result.accepted.length} accepted gap(s)`;
}

/** The verdicts as plain data for machines (`npm run verify -- --json`). */
export function verificationJson(result: VerificationResult): unknown {
  return {
    summary: { intents: result.verdicts.length, met: result.verdicts.filter((v) => v.met).length, unmet: result.failures.length, accepted: result.accepted.length },
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
