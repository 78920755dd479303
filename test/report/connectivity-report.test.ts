import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { verifyIntents } from '../../lib/domain/reachability/verify-intents';
import { CELL_STYLES, connectivityMatrix, renderConnectivityMatrixSvg } from '../../lib/report/connectivity-matrix-svg';
import { renderConnectivitySection } from '../../lib/report/connectivity-section';
import { verifySynthesized } from '../../lib/report/verify-connectivity';
import { buildReport, MATRIX_SVG_FILE } from '../../cli/commands/report';
import { topology } from '../domain/reachability/fixtures';
import { synthesizedExample } from '../reachability/example-model';
import { xmlProblems } from './xml-check';

const small = verifyIntents(topology(), [
  { id: 'cp', from: { kind: 'nodes', cluster: 'c1' }, to: { kind: 'control-plane', cluster: 'c1' }, port: 443, expect: 'allow', reason: 'r' },
  { id: 'pods', from: { kind: 'pods', cluster: 'c1' }, to: { kind: 'pods', cluster: 'c1' }, protocol: 'any', expect: 'allow', reason: 'r' },
  { id: 'gap', from: { kind: 'nodes', cluster: 'c1' }, to: { kind: 'nodes', cluster: 'c1' }, port: 22, expect: 'allow', reason: 'r', acceptedGap: { reason: 'ssh is off by design' } },
  { id: 'iso', from: { kind: 'tenant', tenant: 'a', cluster: 'c1' }, to: { kind: 'internet' }, expect: 'deny', reason: 'r' },
]);

describe('connectivity matrix', () => {
  test('groups verdicts by source and destination in intent order, each cell with its worst status', () => {
    const m = connectivityMatrix(small);
    expect(m.rows).toEqual(['nodes of c1', 'pods of c1', 'tenant a on c1']);
    expect(m.columns).toEqual(['control plane of c1', 'pods of c1', 'nodes of c1', 'the internet']);
    expect(m.cells.map((c) => [c.from, c.to, c.status])).toEqual([
      ['nodes of c1', 'control plane of c1', 'allowed'],
      ['pods of c1', 'pods of c1', 'unmet'],
      ['nodes of c1', 'nodes of c1', 'accepted'],
      ['tenant a on c1', 'the internet', 'denied'],
    ]);
  });

  test('the SVG is well-formed, colours each cell by status, and carries every message as a tooltip', () => {
    const svg = renderConnectivityMatrixSvg(small);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('Connectivity: 2 of 4 intents met, 1 unmet, 1 accepted');
    for (const status of ['unmet', 'accepted', 'allowed', 'denied'] as const) expect(svg).toContain(`fill="${CELL_STYLES[status].fill}"`);
    expect(svg).toContain('UNMET (expect allow): pods of c1 → pods of c1 any protocol: DENIED at VPC firewall (ingress to c1 nodes)');
  });

  test('the section lists unmet and accepted paths first, then the picture and every intent', () => {
    const md = renderConnectivitySection(small, 'm.svg');
    const unmetAt = md.indexOf('### Unmet or unintended paths');
    expect(unmetAt).toBeGreaterThan(0);
    expect(md.indexOf('**unmet** `pods`')).toBeGreaterThan(unmetAt);
    expect(md).toContain('**accepted gap** `gap`');
    expect(md).toContain('(accepted: ssh is off by design)');
    expect(md.indexOf('![Connectivity matrix')).toBeGreaterThan(md.indexOf('**accepted gap**'));
    expect(md).toContain('<summary>Every intent (4)</summary>');
  });
});

describe('the report of the example', () => {
  const { definition, output, platform } = synthesizedExample();
  const { result } = verifySynthesized(definition, output);

  test('writes the matrix beside the report and shows the connectivity section before the clusters', () => {
    const out = mkdtempSync(join(tmpdir(), 'connectivity-report-'));
    const built = buildReport(platform, {}, out, undefined, result);
    expect(built.matrixSvgPath).toBe(join(out, MATRIX_SVG_FILE));
    const svg = readFileSync(built.matrixSvgPath!, 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('Connectivity: 59 of 59 intents met, 0 unmet, 0 accepted');
    expect(built.markdown).toContain('59 of 59 intents met on the synthesized output');
    expect(built.markdown).not.toContain('### Unmet or unintended paths');
    expect(built.markdown.indexOf('## Connectivity')).toBeLessThan(built.markdown.indexOf('## Clusters'));
  });

  test('without verdicts the report has no connectivity section and no matrix', () => {
    const built = buildReport(platform, {}, mkdtempSync(join(tmpdir(), 'report-')));
    expect(built.matrixSvgPath).toBeUndefined();
    expect(built.markdown).not.toContain('## Connectivity');
  });
});
