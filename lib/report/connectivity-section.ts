import type { Verdict } from '../domain/reachability/evaluate-intent';
import { VerificationResult, verdictWord } from '../domain/reachability/verify-intents';
import { code, table, text } from './private/markdown';

/** The report's connectivity section: every unmet or accepted path first, then the matrix picture and the full list. */
export function renderConnectivitySection(result: VerificationResult, matrixSvgPath?: string): string {
  const met = result.verdicts.filter((v) => v.met).length;
  const problems = result.verdicts.filter((v) => !v.met);
  const parts = ['## Connectivity', '', `${met} of ${result.verdicts.length} intents met on the synthesized output · ${result.failures.length} unmet · ${result.accepted.length} accepted gap(s)`];
  if (problems.length > 0) {
    parts.push(
      '',
      '### Unmet or unintended paths',
      '',
      ...problems.map((v) => `- ${v.accepted ? '**accepted gap**' : '**unmet**'} ${code(v.id)}: ${text(v.message)}${v.accepted ? ` (accepted: ${text(v.intent.acceptedGap!.reason)})` : ''}`),
    );
  }
  if (matrixSvgPath) parts.push('', `![Connectivity matrix: sources down, destinations across, coloured by verdict and intent](${matrixSvgPath})`);
  parts.push(
    '',
    '<details>',
    `<summary>Every intent (${result.verdicts.length})</summary>`,
    '',
    table(
      ['Intent', 'Path', 'Expect', 'Verdict', 'Decisive hop'],
      result.verdicts.map((v) => [code(v.id), text(v.label), v.intent.expect, verdictText(v), v.decisive ? text(`${v.decisive.at}: ${v.decisive.detail}`) : '']),
    ),
    '',
    '</details>',
  );
  return parts.join('\n');
}

function verdictText(v: Verdict): string {
  return `${verdictWord(v)}${v.met ? '' : v.accepted ? ' (accepted gap)' : ' ⚠️ unmet'}`;
}
