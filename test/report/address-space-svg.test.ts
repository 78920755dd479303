import { renderAddressSpaceSvg } from '../../lib/report/address-space-svg';
import { addressSpaceUsage, allocationKind, formatPercent } from '../../lib/report/address-space';
import { examplePlatform, exampleLockFile } from '../../examples/drive-platform/platform';
import { loadPlatform } from '../../lib/platform/load-platform';
import { IpPlan } from '../../lib/domain/ip-plan/ip-plan';
import { loadSmall } from './fixtures';
import { xmlProblems } from './xml-check';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

function count(svg: string, pattern: RegExp): number {
  return (svg.match(pattern) ?? []).length;
}

describe('renderAddressSpaceSvg', () => {
  const platform = loadSmall();
  const svg = renderAddressSpaceSvg(platform.ipPlan);

  test('is well-formed XML with an svg root about 1000px wide', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1000" height="\d+"/);
  });

  test('the checker itself catches broken XML', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).toEqual(['unescaped "&" at 13']);
    expect(xmlProblems('<svg><text>a < b</text></svg>')).not.toEqual([]);
  });

  test('draws one bar per pool, in plan order', () => {
    expect(count(svg, /<rect class="bar"/g)).toBe(5);
    expect([...svg.matchAll(/data-pool="([^"]+)"/g)].map((m) => m[1])).toEqual(['nodes', 'pods', 'services', 'control-plane', 'bgp']);
  });

  test('colours allocations by kind and names each block in a tooltip', () => {
    expect(svg).toMatch(/<rect class="allocation" data-kind="nodes" [^>]*fill="#0072B2"[^>]*><title>gcp\/europe-west1\/prod-euw1\/nodes 10\.0\.0\.0\/25 · nodes · new \(not recorded\)<\/title>/);
    expect(svg).toMatch(/data-kind="pods" [^>]*fill="#009E73"/);
    expect(svg).toMatch(/data-kind="services" [^>]*fill="#E69F00"/);
    expect(svg).toMatch(/data-kind="control-plane" [^>]*fill="#CC79A7"/);
  });

  test('labels every allocation and reservation with its name and CIDR: inside its block, or by a number keyed below the bar', () => {
    const plan = loadSmall().ipPlan;
    for (const a of plan.allocations) {
      const inline = new RegExp(`>[^<]*${a.name.split('/').pop()} ${a.cidr.replace(/\./g, '\\.')}</text>`);
      const keyed = svg.match(new RegExp(`<tspan font-weight="bold">(\\d+)</tspan><tspan dx="4" fill="#374151">${a.name} ${a.cidr.replace(/\./g, '\\.')}</tspan>`));
      expect({ name: a.name, labelled: inline.test(svg) || !!keyed }).toEqual({ name: a.name, labelled: true });
      if (keyed) expect(svg).toMatch(new RegExp(`<text class="number"[^>]*>${keyed[1]}</text>`));
    }
  });

  test('escapes names and reasons', () => {
    expect(svg).toContain('legacy/dc 10.0.128.0/17 · reserved: old &lt;data centre&gt; &amp; &quot;friends&quot;');
    expect(svg).toContain('<title>Node &lt;subnets&gt; &amp; &quot;friends&quot;</title>');
    expect(svg).not.toContain('<data centre>');
  });

  test('shows reservations hatched, special ranges excluded and free space with its own tooltip', () => {
    expect(svg).toMatch(/<rect class="reservation" x="500" y="\d+" width="480" [^>]*fill="url\(#reserved\)"/);
    expect(svg).toContain('<text'); // inline label of the wide reservation
    expect(svg).toMatch(/>legacy\/dc 10\.0\.128\.0\/17<\/text>/);
    // AWS-reserved /30s in the link-local pool: six at the start and 169.254.169.252/30.
    expect(count(svg, /<rect class="excluded"/g)).toBe(7);
    expect(svg).toMatch(/<title>free 10\.0\.0\.128 – 10\.0\.127\.255 \(32640 addresses\)<\/title>/);
    expect(svg).toContain('nodes</tspan><tspan dx="8" fill="#374151">10.0.0.0/16 · subnet · 0.2% used (1 allocation) · 50% reserved · 50% free');
  });

  test('lists reservations outside every pool in a row of their own', () => {
    expect(svg).toContain('Reservations outside every pool');
    expect(svg).toContain('>remote/onprem-brussels 192.168.0.0/20</text>');
  });

  test('every block is at least 1px wide', () => {
    const widths = [...svg.matchAll(/<rect class="(?:allocation|reservation|excluded|free)"[^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths.length).toBeGreaterThan(10);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(1);
  });

  test('is deterministic', () => {
    expect(renderAddressSpaceSvg(loadSmall().ipPlan)).toBe(svg);
  });

  test('snapshot of the small platform', () => {
    expect(svg).toMatchSnapshot();
  });

  test('renders the bundled example', () => {
    const example = loadPlatform(examplePlatform, { lockFile: exampleLockFile, frozen: true, record: false, log: () => undefined, today: EXAMPLE_TODAY });
    const picture = renderAddressSpaceSvg(example.ipPlan);
    expect(xmlProblems(picture)).toEqual([]);
    expect(count(picture, /<rect class="bar"/g)).toBe(example.ipPlan.pools.length);
    expect(picture).toContain('remote/aws-usw2-prod 10.8.0.0/16 · reserved');
  });
});

describe('address space usage', () => {
  test.each([
    ['gcp/us-central1/prod/nodes', 'nodes', undefined],
    ['gcp/us-central1/prod/pods', 'pods', undefined],
    ['gcp/us-central1/prod/pods-2', 'pods', undefined],
    ['gcp/us-central1/prod/services', 'services', undefined],
    ['gcp/us-central1/prod/control-plane', 'control-plane', undefined],
    ['links/aws/tunnel-1', 'bgp-link', { kind: 'link-local' as const }],
    ['shared/proxy-only', 'other', undefined],
  ])('%s is of kind %s', (name, kind, pool) => {
    expect(allocationKind(name, pool)).toBe(kind);
  });

  test.each([
    [0, 100, '0%'],
    [1, 1_000_000, '<0.01%'],
    [128, 65536, '0.2%'],
    [1, 16, '6.3%'],
    [1, 2, '50%'],
    [2, 2, '100%'],
  ])('%d of %d is %s', (part, whole, text) => {
    expect(formatPercent(part, whole)).toBe(text);
  });

  test('clips reservations to the pool and counts free space', () => {
    const plan = new IpPlan([{ name: 'p', cidr: '10.0.0.0/24' }], [{ name: 'wide', cidr: '10.0.0.0/16', reason: 'elsewhere' }]).resolve(undefined);
    const [pool] = addressSpaceUsage(plan).pools;
    expect(pool.reserved).toBe(256);
    expect(pool.free).toBe(0);
  });
});
