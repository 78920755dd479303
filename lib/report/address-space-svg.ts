import { Cidr } from '../domain/ip-plan/cidr';
import type { ResolvedIpPlan } from '../domain/ip-plan/resolved-ip-plan';
import { DEFAULT_POOL_KIND } from '../domain/ip-plan/special-ranges';
import { addressSpaceUsage, ALLOCATION_KINDS, AllocationKind, formatPercent, PoolSegment, PoolUsage } from './address-space';
import { escapeXml, num } from './private/xml';

/** Picture width in pixels: fits a GitHub comment or PR file view without scaling. */
const ADDRESS_SPACE_SVG_WIDTH = 1000;
const MARGIN = 20;
const BAR_WIDTH = ADDRESS_SPACE_SVG_WIDTH - 2 * MARGIN;
const BAR_HEIGHT = 26;
/** Caption line and bar; the key of numbered blocks and the gap to the next pool come below. */
const POOL_HEADER_HEIGHT = 42;
/** Gap after a pool's last row. */
const POOL_GAP = 20;
/** The row of number markers under a bar, for blocks too narrow to hold their number; leader lines join them. */
const MARKER_ROW_HEIGHT = 24;
/** Height of one line of the key under a bar. */
const KEY_ROW_HEIGHT = 16;
/** Rough width of one character at font-size 11 (sans-serif); used only to decide whether a label fits. */
const CHAR_WIDTH = 6.6;

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
const KIND_COLOURS: Readonly<Record<AllocationKind, { fill: string; text: string; label: string }>> = {
  nodes: { fill: '#0072B2', text: '#ffffff', label: 'nodes' },
  pods: { fill: '#009E73', text: '#ffffff', label: 'pods' },
  services: { fill: '#E69F00', text: '#111111', label: 'services' },
  'control-plane': { fill: '#CC79A7', text: '#111111', label: 'control plane' },
  'bgp-link': { fill: '#D55E00', text: '#ffffff', label: 'BGP links' },
  other: { fill: '#56B4E9', text: '#111111', label: 'other' },
};
const FREE_FILL = '#f3f4f6';
/** A white outline behind text on hatched fills, so labels stay readable. */
const HALO = ' stroke="#ffffff" stroke-width="3" paint-order="stroke"';
const BAR_STROKE = '#9ca3af';

const DEFS = [
  '<defs>',
  '<pattern id="reserved" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#d4d4d4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6b7280" stroke-width="2"/></pattern>',
  '<pattern id="excluded" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fee2e2"/><path d="M0,0 L6,6 M6,0 L0,6" stroke="#b91c1c" stroke-width="1"/></pattern>',
  '</defs>',
];

function address(value: number): string {
  return Cidr.fromNumbers(value, 32).address(0);
}

function fits(text: string, width: number): boolean {
  return text.length * CHAR_WIDTH + 8 <= width;
}

/** Name and CIDR inside the block when they fit: the longest tail of a hierarchical name, e.g. `prod-usc1/pods 100.64.0.0/15`. */
function inlineLabel(name: string, cidr: string, width: number): string | undefined {
  const parts = name.split('/');
  for (let i = Math.max(0, parts.length - 2); i < parts.length; i++) {
    const candidate = `${parts.slice(i).join('/')} ${cidr}`;
    if (fits(candidate, width)) return candidate;
  }
  return undefined;
}

interface Block {
  readonly x: number;
  readonly width: number;
}

/** Linear scale from a pool's addresses to the bar; every block stays at least 1px wide and inside the bar. */
function place(usage: PoolUsage, start: number, size: number): Block {
  const width = Math.max(1, (size / usage.size) * BAR_WIDTH);
  const x = Math.min(MARGIN + ((start - usage.start) / usage.size) * BAR_WIDTH, MARGIN + BAR_WIDTH - width);
  return { x, width };
}

function segmentTitle(segment: PoolSegment): string {
  switch (segment.type) {
    case 'allocation':
      return `${segment.name} ${segment.cidr} · ${KIND_COLOURS[segment.kind].label} · ${segment.status === 'locked' ? 'recorded' : segment.status === 'new' ? 'new (not recorded)' : 'orphaned (reserved until released)'}`;
    case 'reservation':
      return `${segment.name} ${segment.cidr} · reserved: ${segment.reason}`;
    case 'excluded':
      return `${segment.cidr} · excluded: ${segment.reason}`;
  }
}

function segmentFill(segment: PoolSegment): { fill: string; text: string } {
  if (segment.type === 'allocation') return KIND_COLOURS[segment.kind];
  if (segment.type === 'reservation') return { fill: 'url(#reserved)', text: '#111111' };
  return { fill: 'url(#excluded)', text: '#7f1d1d' };
}

/** Numbers handed to blocks too narrow for their name and CIDR, unique across the picture. */
interface Numbering {
  next: number;
}

/** A block whose label went to the key: its number and the key's text. */
interface KeyEntry {
  readonly number: number;
  readonly text: string;
}

function segmentName(segment: PoolSegment): string {
  return segment.type === 'excluded' ? `excluded: ${segment.reason}` : segment.name;
}

/** Key entries laid out in rows that wrap at the bar's width; returns the lines and the rows used. */
function renderKey(entries: readonly KeyEntry[], top: number): { lines: string[]; rows: number } {
  const lines: string[] = [];
  let x = MARGIN;
  let row = 0;
  for (const entry of entries) {
    const width = (`${entry.number}`.length + entry.text.length + 2) * CHAR_WIDTH + 14;
    if (x + width > MARGIN + BAR_WIDTH && x > MARGIN) {
      x = MARGIN;
      row++;
    }
    const y = top + row * KEY_ROW_HEIGHT;
    lines.push(`<text class="key" x="${num(x)}" y="${y}" font-size="11"><tspan font-weight="bold">${entry.number}</tspan><tspan dx="4" fill="#374151">${escapeXml(entry.text)}</tspan></text>`);
    x += width;
  }
  return { lines, rows: entries.length > 0 ? row + 1 : 0 };
}

/** One pool: caption, bar with every block labelled (name and CIDR inside, or a number keyed below); returns its height. */
function renderPool(usage: PoolUsage, top: number, numbering: Numbering): { lines: string[]; height: number } {
  const { pool } = usage;
  const barTop = top + 10;
  const out: string[] = [];
  const keyEntries: KeyEntry[] = [];
  const markers: { number: number; centre: number }[] = [];
  const allocations = usage.segments.filter((s) => s.type === 'allocation').length;
  const facts = [
    pool.cidr,
    pool.kind ?? DEFAULT_POOL_KIND,
    `${formatPercent(usage.allocated, usage.size)} used (${allocations} allocation${allocations === 1 ? '' : 's'})`,
    ...(usage.reserved > 0 ? [`${formatPercent(usage.reserved, usage.size)} reserved`] : []),
    ...(usage.excluded > 0 ? [`${formatPercent(usage.excluded, usage.size)} excluded`] : []),
    `${formatPercent(usage.free, usage.size)} free`,
  ];
  out.push(`<g class="pool" data-pool="${escapeXml(pool.name)}">`);
  out.push(
    `<text x="${MARGIN}" y="${top}" font-size="13"><tspan font-weight="bold">${escapeXml(pool.name)}</tspan><tspan dx="8" fill="#374151">${escapeXml(facts.join(' · '))}</tspan>${pool.description ? `<title>${escapeXml(pool.description)}</title>` : ''}</text>`,
  );
  // Free space first: the gaps between segments, each with its own tooltip.
  out.push(`<rect class="bar" x="${MARGIN}" y="${barTop}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="${FREE_FILL}" stroke="${BAR_STROKE}"/>`);
  let cursor = usage.start;
  const gaps: { start: number; size: number }[] = [];
  for (const segment of usage.segments) {
    if (segment.start > cursor) gaps.push({ start: cursor, size: segment.start - cursor });
    cursor = Math.max(cursor, segment.start + segment.size);
  }
  if (cursor < usage.start + usage.size) gaps.push({ start: cursor, size: usage.start + usage.size - cursor });
  for (const gap of gaps) {
    const block = place(usage, gap.start, gap.size);
    out.push(
      `<rect class="free" x="${num(block.x)}" y="${barTop}" width="${num(block.width)}" height="${BAR_HEIGHT}" fill="${FREE_FILL}"><title>free ${address(gap.start)} – ${address(gap.start + gap.size - 1)} (${gap.size} addresses)</title></rect>`,
    );
  }
  for (const segment of usage.segments) {
    const block = place(usage, segment.start, segment.size);
    const colours = segmentFill(segment);
    const orphaned = segment.type === 'allocation' && segment.status === 'orphaned' ? ' fill-opacity="0.45"' : '';
    const fresh = segment.type === 'allocation' && segment.status === 'new' ? ' stroke="#111111" stroke-dasharray="3 2"' : '';
    const kind = segment.type === 'allocation' ? ` data-kind="${segment.kind}"` : '';
    out.push(`<rect class="${segment.type}"${kind} x="${num(block.x)}" y="${barTop}" width="${num(block.width)}" height="${BAR_HEIGHT}" fill="${colours.fill}"${orphaned}${fresh}><title>${escapeXml(segmentTitle(segment))}</title></rect>`);
    const label = inlineLabel(segmentName(segment), segment.cidr, block.width);
    const halo = segment.type === 'allocation' ? '' : HALO;
    if (label) {
      out.push(`<text x="${num(block.x + block.width / 2)}" y="${barTop + BAR_HEIGHT / 2 + 4}" font-size="11" text-anchor="middle" fill="${colours.text}"${halo} pointer-events="none">${escapeXml(label)}</text>`);
      continue;
    }
    // Excluded special ranges are explained by the legend and their tooltip; they take no number.
    if (segment.type === 'excluded') continue;
    // Too narrow for its name: a number, inside when it fits, else on the marker row below, and a line in the key.
    const number = numbering.next++;
    keyEntries.push({ number, text: `${segmentName(segment)} ${segment.cidr}` });
    const centre = block.x + block.width / 2;
    if (fits(`${number}`, block.width)) {
      out.push(`<text class="number" x="${num(centre)}" y="${barTop + BAR_HEIGHT / 2 + 4}" font-size="11" font-weight="bold" text-anchor="middle" fill="${colours.text}"${halo} pointer-events="none">${number}</text>`);
    } else {
      markers.push({ number, centre });
    }
  }
  // Markers spread left to right so none overlaps the previous one; a leader line joins each to its block.
  let previousEnd = -Infinity;
  const markerY = barTop + BAR_HEIGHT + MARKER_ROW_HEIGHT - 4;
  for (const marker of markers) {
    const width = `${marker.number}`.length * CHAR_WIDTH + 4;
    const x = Math.max(marker.centre, previousEnd + width / 2 + 2);
    previousEnd = x + width / 2;
    out.push(`<line x1="${num(marker.centre)}" y1="${barTop + BAR_HEIGHT}" x2="${num(x)}" y2="${markerY - 10}" stroke="#6b7280" stroke-width="1"/>`);
    out.push(`<text class="number" x="${num(x)}" y="${markerY}" font-size="10" font-weight="bold" text-anchor="middle" fill="#111111">${marker.number}</text>`);
  }
  const markerHeight = markers.length > 0 ? MARKER_ROW_HEIGHT : 0;
  const key = renderKey(keyEntries, barTop + BAR_HEIGHT + markerHeight + 14);
  out.push(...key.lines);
  out.push('</g>');
  return { lines: out, height: POOL_HEADER_HEIGHT + markerHeight + key.rows * KEY_ROW_HEIGHT + POOL_GAP };
}

function renderLegend(top: number): string[] {
  const items: { fill: string; label: string }[] = [
    ...ALLOCATION_KINDS.map((kind) => ({ fill: KIND_COLOURS[kind].fill, label: KIND_COLOURS[kind].label })),
    { fill: 'url(#reserved)', label: 'reserved' },
    { fill: 'url(#excluded)', label: 'excluded (special)' },
    { fill: FREE_FILL, label: 'free' },
  ];
  const out = ['<g class="legend">'];
  let x = MARGIN;
  for (const item of items) {
    out.push(`<rect x="${num(x)}" y="${top - 10}" width="12" height="12" fill="${item.fill}" stroke="${BAR_STROKE}"/>`);
    out.push(`<text x="${num(x + 16)}" y="${top}" font-size="11">${escapeXml(item.label)}</text>`);
    x += 16 + item.label.length * CHAR_WIDTH + 14;
  }
  out.push('</g>');
  return out;
}

/** Reservations outside every pool, as labelled chips that wrap: they share no common scale. */
function renderOutside(outside: readonly { name: string; cidr: string; reason: string }[], top: number): { lines: string[]; height: number } {
  const lines = ['<g class="outside">', `<text x="${MARGIN}" y="${top}" font-size="13"><tspan font-weight="bold">Reservations outside every pool</tspan></text>`];
  let x = MARGIN;
  let y = top + 10;
  for (const reservation of outside) {
    const text = `${reservation.name} ${reservation.cidr}`;
    const width = text.length * CHAR_WIDTH + 16;
    if (x + width > MARGIN + BAR_WIDTH && x > MARGIN) {
      x = MARGIN;
      y += BAR_HEIGHT + 6;
    }
    lines.push(
      `<rect class="reservation" x="${num(x)}" y="${y}" width="${num(width)}" height="${BAR_HEIGHT}" fill="url(#reserved)" stroke="${BAR_STROKE}"><title>${escapeXml(`${reservation.name} ${reservation.cidr} · reserved: ${reservation.reason}`)}</title></rect>`,
    );
    lines.push(`<text x="${num(x + width / 2)}" y="${y + BAR_HEIGHT / 2 + 4}" font-size="11" text-anchor="middle" fill="#111111"${HALO}>${escapeXml(text)}</text>`);
    x += width + 8;
  }
  lines.push('</g>');
  return { lines, height: y + BAR_HEIGHT - top + 20 };
}

/**
 * The IP plan as a picture: one bar per pool, scaled linearly to the pool's addresses, with
 * allocations coloured by kind, reservations hatched grey, excluded special ranges cross-hatched red
 * and free space light grey. Every block is labelled with its name and CIDR, inside the block when they
 * fit, else by a number keyed under the bar (a PR's image shows no tooltips), and has a `<title>`
 * tooltip too. Deterministic: same plan, same bytes.
 */
export function renderAddressSpaceSvg(plan: ResolvedIpPlan): string {
  const usage = addressSpaceUsage(plan);
  const body: string[] = [];
  body.push(`<text x="${MARGIN}" y="28" font-size="16" font-weight="bold">Address space</text>`);
  body.push(...renderLegend(52));
  let top = 86;
  const numbering: Numbering = { next: 1 };
  for (const pool of usage.pools) {
    const rendered = renderPool(pool, top, numbering);
    body.push(...rendered.lines);
    top += rendered.height;
  }
  if (usage.outsidePools.length > 0) {
    const outside = renderOutside(usage.outsidePools, top);
    body.push(...outside.lines);
    top += outside.height;
  }
  const height = top;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ADDRESS_SPACE_SVG_WIDTH}" height="${height}" viewBox="0 0 ${ADDRESS_SPACE_SVG_WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    '<title>Address space of the IP plan</title>',
    ...DEFS,
    `<rect width="${ADDRESS_SPACE_SVG_WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
