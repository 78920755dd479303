import type { Verdict } from '../domain/reachability/evaluate-intent';
import type { VerificationResult } from '../domain/reachability/verify-intents';
import { escapeXml, num } from './private/xml';

/** What a cell shows, worst first: an unmet intent outranks an accepted gap, which outranks met ones. */
type CellStatus = 'unmet' | 'accepted' | 'allowed' | 'denied';

/** Okabe–Ito based, readable with the common colour-vision deficiencies; the glyph carries the meaning too. */
export const CELL_STYLES: Readonly<Record<CellStatus, { fill: string; text: string; glyph: string; legend: string }>> = {
  unmet: { fill: '#D55E00', text: '#ffffff', glyph: '✗', legend: 'unmet: the verdict differs from the intent' },
  accepted: { fill: '#E69F00', text: '#111111', glyph: '!', legend: 'accepted gap (named opt-out)' },
  allowed: { fill: '#009E73', text: '#ffffff', glyph: '✓', legend: 'intended and allowed' },
  denied: { fill: '#cbd5e1', text: '#111111', glyph: '⊘', legend: 'intended deny, denied' },
};
const ROW_LABEL_WIDTH = 300;
const CELL_WIDTH = 64;
const CELL_HEIGHT = 30;
const HEADER_HEIGHT = 190;
const MARGIN = 16;
const LEGEND_HEIGHT = 70;
const LEGEND_ITEM_WIDTH = 330;

interface MatrixCell {
  /** Source of the intents in this cell (a row of the matrix). */
  readonly from: string;
  /** Destination of the intents in this cell (a column of the matrix). */
  readonly to: string;
  /** The worst status among the cell's verdicts. */
  readonly status: CellStatus;
  /** Every verdict from this source to this destination, in intent order. */
  readonly verdicts: readonly Verdict[];
}

/** Groups verdicts by source and destination (in intent order, so the matrix reads like the definition), each cell with its worst status. */
export function connectivityMatrix(result: VerificationResult): { rows: string[]; columns: string[]; cells: MatrixCell[] } {
  const rows: string[] = [];
  const columns: string[] = [];
  const byCell = new Map<string, Verdict[]>();
  for (const v of result.inIntentOrder) {
    if (!rows.includes(v.from)) rows.push(v.from);
    if (!columns.includes(v.to)) columns.push(v.to);
    const key = `${v.from}\u0000${v.to}`;
    byCell.set(key, [...(byCell.get(key) ?? []), v]);
  }
  const cells = [...byCell.entries()].map(([key, verdicts]) => {
    const [from, to] = key.split('\u0000');
    return { from, to, verdicts, status: worst(verdicts) };
  });
  return { rows, columns, cells };
}

function worst(verdicts: readonly Verdict[]): CellStatus {
  if (verdicts.some((v) => !v.met && !v.accepted)) return 'unmet';
  if (verdicts.some((v) => v.accepted)) return 'accepted';
  return verdicts.some((v) => v.allowed) ? 'allowed' : 'denied';
}

function traffic(v: Verdict): string {
  const protocol = v.intent.protocol ?? 'tcp';
  if (protocol === 'any') return 'any';
  return v.intent.port === undefined ? protocol : `${v.intent.port}`;
}

/**
 * The connectivity matrix as a static SVG for a pull request: sources down, destinations across, each cell
 * coloured by its worst verdict with a glyph and the ports, a tooltip with every intent's message, and a legend.
 */
export function renderConnectivityMatrixSvg(result: VerificationResult): string {
  const { rows, columns, cells } = connectivityMatrix(result);
  const width = Math.max(MARGIN * 2 + ROW_LABEL_WIDTH + columns.length * CELL_WIDTH, MARGIN * 2 + LEGEND_ITEM_WIDTH * 4);
  const gridTop = MARGIN + HEADER_HEIGHT;
  const height = gridTop + rows.length * CELL_HEIGHT + LEGEND_HEIGHT;
  const x0 = MARGIN + ROW_LABEL_WIDTH;
  const met = result.verdicts.filter((v) => v.met).length;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 14}" font-size="15" font-weight="bold">Connectivity: ${met} of ${result.verdicts.length} intents met, ${result.failures.length} unmet, ${result.accepted.length} accepted</text>`,
    `<text x="${MARGIN}" y="${MARGIN + 34}" fill="#374151">rows: source · columns: destination · cell: port (or protocol) of each intent</text>`,
  ];
  columns.forEach((column, i) => {
    const cx = x0 + i * CELL_WIDTH + CELL_WIDTH / 2;
    out.push(`<text transform="translate(${num(cx)},${gridTop - 6}) rotate(-55)" fill="#111111">${escapeXml(column)}</text>`);
  });
  rows.forEach((row, j) => {
    const y = gridTop + j * CELL_HEIGHT;
    if (j % 2 === 0) out.push(`<rect x="${MARGIN}" y="${y}" width="${width - 2 * MARGIN}" height="${CELL_HEIGHT}" fill="#f9fafb"/>`);
    out.push(`<text x="${x0 - 8}" y="${num(y + CELL_HEIGHT / 2 + 4)}" text-anchor="end" fill="#111111">${escapeXml(row)}</text>`);
  });
  for (let i = 0; i <= columns.length; i++) out.push(`<line x1="${x0 + i * CELL_WIDTH}" y1="${gridTop}" x2="${x0 + i * CELL_WIDTH}" y2="${gridTop + rows.length * CELL_HEIGHT}" stroke="#e5e7eb"/>`);
  for (const cell of cells) {
    const x = x0 + columns.indexOf(cell.to) * CELL_WIDTH;
    const y = gridTop + rows.indexOf(cell.from) * CELL_HEIGHT;
    const style = CELL_STYLES[cell.status];
    const ports = [...new Set(cell.verdicts.map(traffic))].join(',');
    const label = `${style.glyph} ${ports}`;
    const title = cell.verdicts.map((v) => `${v.met ? 'ok' : v.accepted ? 'accepted gap' : 'UNMET'} (expect ${v.intent.expect}): ${v.message}`).join('\n');
    out.push(
      `<g><title>${escapeXml(title)}</title>`,
      `<rect x="${x + 2}" y="${y + 2}" width="${CELL_WIDTH - 4}" height="${CELL_HEIGHT - 4}" rx="3" fill="${style.fill}"/>`,
      `<text x="${num(x + CELL_WIDTH / 2)}" y="${num(y + CELL_HEIGHT / 2 + 4)}" text-anchor="middle" fill="${style.text}" font-size="${label.length > 9 ? 9 : 11}">${escapeXml(label)}</text></g>`,
    );
  }
  const legendY = gridTop + rows.length * CELL_HEIGHT + 24;
  (Object.keys(CELL_STYLES) as CellStatus[]).forEach((status, i) => {
    const x = MARGIN + i * LEGEND_ITEM_WIDTH;
    const style = CELL_STYLES[status];
    out.push(
      `<rect x="${x}" y="${legendY}" width="22" height="18" rx="3" fill="${style.fill}"/>`,
      `<text x="${x + 11}" y="${legendY + 13}" text-anchor="middle" fill="${style.text}">${escapeXml(style.glyph)}</text>`,
      `<text x="${x + 28}" y="${legendY + 13}" fill="#111111">${escapeXml(style.legend)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
