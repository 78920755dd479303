import { Judgement } from './judgement';

export interface JudgeSummary {
  readonly judge: Judgement['judge'];
  readonly versions: string[];
  readonly targets: number;
  readonly notJudged: number;
  readonly checked: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

const JUDGE_ORDER: readonly Judgement['judge'][] = ['terraform validate', 'kube-apiserver apply', 'kube-apiserver tenant suite', 'vault apply', 'vault tenant suite', 'checkov'];

/** Adds up the judgements per judge, in a fixed order; a target that was not judged counts only as not judged. */
export function summarize(judgements: readonly Judgement[]): JudgeSummary[] {
  return JUDGE_ORDER.filter((judge) => judgements.some((j) => j.judge === judge)).map((judge) => {
    const mine = judgements.filter((j) => j.judge === judge);
    const sum = (key: 'checked' | 'passed' | 'failed' | 'skipped') => mine.reduce((n, j) => n + j[key], 0);
    return {
      judge,
      versions: [...new Set(mine.map((j) => j.version))].sort(),
      targets: mine.length,
      notJudged: mine.filter((j) => j.notJudged).length,
      checked: sum('checked'),
      passed: sum('passed'),
      failed: sum('failed'),
      skipped: sum('skipped'),
    };
  });
}

/**
 * True when no judge found a failure and everything was judged, except what needs a tool CI builds only on request
 * (the AWS provider, Vault) or what no reachable registry serves: those are listed with the reason and the command.
 */
export function conformancePassed(judgements: readonly Judgement[]): boolean {
  return judgements.every((j) => j.failed === 0 && (!j.notJudged || j.notJudgedBecause !== undefined));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The summary as a Markdown document: the table, what could not be judged, failures, accepted findings. */
export function summaryMarkdown(judgements: readonly Judgement[], skipReasons: readonly { check: string; resource: string; reason: string; used: boolean }[]): string {
  const rows = summarize(judgements);
  const lines = [
    '# Conformance',
    '',
    `Verdict: **${conformancePassed(judgements) ? 'PASSED' : 'FAILED'}** (independent judges over the synthesized output; see docs/conformance.md for what each one verifies).`,
    '',
    '| judge | version | targets | objects checked | passed | failed | skipped (accepted) | not judged |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.judge} | ${cell(r.versions.join('; '))} | ${r.targets} | ${r.checked} | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.notJudged} |`),
    '',
  ];
  const notJudged = judgements.filter((j) => j.notJudged);
  if (notJudged.length > 0) {
    const why = (j: Judgement) => (j.notJudgedBecause === 'ci-optional-build' ? ' (a tool CI builds on request)' : j.notJudgedBecause === 'upstream-unavailable' ? ' (not served by any reachable registry)' : ' (**fails conformance**)');
    lines.push('## Not judged', '', ...notJudged.map((j) => `- ${j.judge}: ${j.target}: ${cell(j.notJudged!)}${why(j)}`), '');
  }
  const caveats = judgements.flatMap((j) => (j.caveats ?? []).map((c) => `${j.judge}: ${j.target}: ${c}`));
  if (caveats.length > 0) lines.push('## Judged in part', '', ...[...new Set(caveats)].map((c) => `- ${cell(c)}`), '');
  const failures = judgements.flatMap((j) => j.failures.map((f) => `${j.judge}: ${f}`));
  if (failures.length > 0) lines.push('## Failures', '', ...failures.map((f) => `- ${cell(f)}`), '');
  if (skipReasons.length > 0) {
    lines.push('## Accepted checkov findings', '', '| check | resources | reason | matched this run |', '| --- | --- | --- | --- |');
    lines.push(...skipReasons.map((s) => `| ${s.check} | \`${cell(s.resource)}\` | ${cell(s.reason)} | ${s.used ? 'yes' : 'no'} |`), '');
  }
  return lines.join('\n');
}

/** The summary table for a terminal. */
export function summaryTable(judgements: readonly Judgement[]): string {
  const header = ['judge', 'version', 'targets', 'checked', 'passed', 'failed', 'skipped', 'not judged'];
  const body = summarize(judgements).map((r) => [r.judge, r.versions.join('; '), r.targets, r.checked, r.passed, r.failed, r.skipped, r.notJudged].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => Math.min(row[i].length, 70))));
  const format = (row: string[]) => row.map((c, i) => (c.length > 70 ? `${c.slice(0, 67)}...` : c).padEnd(widths[i])).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(format)].join('\n');
}
