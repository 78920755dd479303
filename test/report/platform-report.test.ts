import { loadPlatform } from '../../lib/platform/load-platform';
import { mermaidId, mermaidLabel, renderPlatformMermaid } from '../../lib/report/mermaid';
import { renderPlatformReport } from '../../lib/report/platform-report';
import type { LinkSummary, TenantSummary } from '../../lib/report/platform-summaries';
import { examplePlatform, exampleLockFile } from '../../examples/drive-platform/platform';
import { loadSmall, SMALL_PLATFORM } from './fixtures';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

const TENANTS: TenantSummary[] = [
  { name: 'web', isolation: 'shared', clusters: ['prod-euw1'], dependsOn: ['ml.training'] },
  { name: 'ml.training', isolation: 'dedicated-nodes', clusters: ['prod-euw1'], dependsOn: [] },
];
const LINKS: LinkSummary[] = [{ name: 'brussels-ic', kind: 'Partner Interconnect', region: 'europe-west1', remoteNetwork: 'onprem-brussels', detail: '2 VLANs <99.9%>' }];

describe('renderPlatformReport', () => {
  test('snapshot of a small fixed platform with tenants and links', () => {
    expect(renderPlatformReport({ platform: loadSmall(), tenants: TENANTS, links: LINKS, addressSpaceSvgPath: 'address-space.svg' })).toMatchSnapshot();
  });

  test('omits the tenant, link and picture sections when there is nothing to show', () => {
    const report = renderPlatformReport({ platform: loadSmall() });
    expect(report).not.toContain('## Tenants');
    expect(report).not.toContain('## Hybrid links');
    expect(report).not.toContain('![Address space');
    expect(report).toContain('## Clusters and node pools');
    expect(report).toContain('## IP plan');
  });

  test('escapes HTML in free text outside code spans', () => {
    const report = renderPlatformReport({ platform: loadSmall(), links: LINKS });
    expect(report).toContain('old &lt;data centre&gt; &amp; "friends"');
    expect(report).toContain('2 VLANs &lt;99.9%&gt;');
    expect(report).toContain('# Platform `acme` (Acme &amp; Co)');
  });

  test('warns about low headroom with a marker, in the summary and the capacity table', () => {
    // GIVEN 114 nodes + 6 surge sized into a /25 subnet that holds 124: 4 nodes of headroom
    const tight = {
      ...SMALL_PLATFORM,
      clusters: [
        {
          ...SMALL_PLATFORM.clusters[0],
          maxNodes: 114,
          nodePools: [
            { name: 'general', kind: 'general' as const, maxNodes: 100, upgrade: { strategy: 'surge' as const } },
            { name: 'b', kind: 'general' as const, maxNodes: 14, upgrade: { strategy: 'surge' as const } },
          ],
        },
      ],
    };
    const report = renderPlatformReport({ platform: loadSmall(tight) });
    expect(report).toMatch(/- ⚠️ `prod-euw1`: headroom 4 nodes \(3\.3%\) is below 10%: the node subnet limits the cluster to 124 nodes/);
    expect(report).toMatch(/\| `prod-euw1` \| 114 \(\+6\) \| 124 \| 128 \| 124 \| ⚠️ 4 \(3\.3%\) \|/);
  });

  test('does not warn when headroom is ample', () => {
    const report = renderPlatformReport({ platform: loadSmall() });
    expect(report).toMatch(/\| `prod-euw1` \| 100 \(\+6\) \| 124 \| 128 \| 124 \| 18 \(17%\) \|/);
    expect(report).not.toMatch(/headroom \d+ nodes? \(/);
  });

  test('warns about a link to a remote network the definition does not declare', () => {
    const report = renderPlatformReport({ platform: loadSmall(), links: [{ ...LINKS[0], remoteNetwork: 'nowhere' }] });
    expect(report).toContain('⚠️ link `brussels-ic` names remote network `nowhere`, which the platform definition does not declare');
  });

  describe('on the bundled example', () => {
    const platform = loadPlatform(examplePlatform, { lockFile: exampleLockFile, frozen: true, record: false, log: () => undefined, today: EXAMPLE_TODAY });
    const report = renderPlatformReport({ platform, addressSpaceSvgPath: 'address-space.svg' });

    test('has every section', () => {
      for (const heading of ['# Platform `drive` (Drive Robotics)', '## Clusters and node pools', '## IP plan', '### GKE capacity and headroom', '### Pools', '### Reservations', '## Diagram']) {
        expect(report).toContain(heading);
      }
      expect(report).toContain('![Address space: pools, allocations, reservations and free space](address-space.svg)');
    });

    test('lists clusters and node pools as the plan resolved them (every default applied, none shown as "default")', () => {
      expect(report).toMatch(/\| `prod-usc1` \| `drive-gke-prod` \| us-central1 \| prod \| REGULAR \| 900 \| 64 \| 6 \|/);
      expect(report).toMatch(/\| `prod-usc1` \| `tenant-simulation` \| spot-batch, dedicated to `simulation` \|/);
      // minNodes left out of the definition: the plan's default for a GPU pool, 0.
      expect(report).toMatch(/\| `prod-usc1` \| `gpu-l4` \| gpu \| `g2-standard-8` \| 0 \| 48 \| 1 × nvidia-l4 \| 64 \|/);
      expect(report).not.toMatch(/\| default \|/);
      expect(report).toMatch(/\| `dev-usw1` \| `drive-gke-dev` \| us-west1 \| dev \| RAPID \| 50 \| 32 \| 1 \|/);
    });

    test('shows the capacity figures of every cluster and flags low headroom', () => {
      // Figures come from the resolved plan, so the test holds as the example grows.
      for (const cluster of platform.definition.clusters) {
        const c = platform.ipPlan.gkeCapacity(platform.clusterRanges.get(cluster.name)!.nodes.replace(/\/nodes$/, ''));
        const low = (100 * c.headroomNodes) / (c.maxNodes + c.surgeNodes) < 10;
        const row = `| \`${cluster.name}\` | ${c.maxNodes} (+${c.surgeNodes}) | ${c.nodesBySubnet} | ${c.nodesByPodRanges} | ${c.nodeLimit} | ${low ? '⚠️ ' : ''}${c.headroomNodes} (`;
        expect(report).toContain(row);
        expect(report).toContain(`nodes ${c.nodeSubnet}, pods ${c.podRanges.join(' + ')}, services ${c.servicesRange}, control plane ${c.controlPlane}`);
        if (low) expect(report).toContain(`- ⚠️ \`${cluster.name}\`: headroom ${c.headroomNodes} node`);
      }
    });

    test('draws the Mermaid diagram of regions, clusters and remote networks', () => {
      expect(report).toContain('```mermaid\nflowchart LR\n');
      // One subgraph per region holding its clusters; an Interconnect in two regions reaches both, never a joint node.
      expect(report).toContain('  subgraph region_us_central1["us-central1"]\n    cluster_prod_usc1["prod-usc1<br/>prod · up to 900 nodes"]\n    cluster_payments_usc1[');
      expect(report).toContain('  subgraph region_us_west1["us-west1"]\n    cluster_dev_usw1[');
      expect(report.match(/subgraph region_/g)).toHaveLength(2);

      expect(report).toContain('remote_aws_usw2_prod[("aws-usw2-prod<br/>AWS VPC us-west-2 · 10.8.0.0/16")]');
    });
  });
});

describe('Mermaid diagram', () => {
  test.each([
    ['prod-usc1', 'cluster_prod_usc1'],
    ['ml.training', 'cluster_ml_training'],
    ['end', 'cluster_end'],
    ['a b/c"d', 'cluster_a_b_c_d'],
  ])('id for %s is %s', (name, id) => {
    expect(mermaidId('cluster', name)).toBe(id);
  });

  test('labels escape quotes and angle brackets', () => {
    expect(mermaidLabel('say "hi" <now>')).toBe('say #quot;hi#quot; #lt;now#gt;');
  });

  test('links tenants to clusters and dependencies, and remote networks to regions through links', () => {
    const text = renderPlatformMermaid({
      regions: ['europe-west1'],
      clusters: [{ name: 'prod-euw1', region: 'europe-west1' }],
      tenants: TENANTS,
      links: [...LINKS, { name: 'aws', kind: 'HA VPN to AWS', region: 'us-east4', remoteNetwork: 'aws-use1' }],
    });
    // Tenants grouped by cluster: one edge from the group to its cluster.
    expect(text).toContain('  subgraph tenants_prod_euw1["tenants on prod-euw1"]');
    expect(text).toContain('tenant_prod_euw1_web(["web<br/>shared"])');
    expect(text).toContain('tenant_prod_euw1_ml_training(["ml.training<br/>dedicated-nodes"])');
    expect(text).toContain('  tenants_prod_euw1 --> cluster_prod_euw1');
    expect(text).toContain('tenant_prod_euw1_web -.->|depends on| tenant_prod_euw1_ml_training');
    expect(text).toContain('remote_onprem_brussels <--> link_brussels_ic');
    expect(text).toContain('link_brussels_ic <--> region_europe_west1');
    // A link's region that hosts no cluster still gets a node; so does an undeclared remote network.
    expect(text).toContain('subgraph region_us_east4["us-east4"]');
    expect(text).toContain('remote_aws_use1[("aws-use1")]');
  });

  test('an Interconnect with attachments in two regions reaches both region nodes, never a joint one', () => {
    const text = renderPlatformMermaid({
      regions: ['us-central1', 'us-west1'],
      clusters: [{ name: 'prod-usc1', region: 'us-central1' }],
      links: [{ name: 'garage', kind: 'Partner Interconnect', region: 'us-central1, us-west1', remoteNetwork: 'garage' }],
    });
    expect(text.match(/subgraph region_/g)).toHaveLength(2);
    expect(text).toContain('link_garage <--> region_us_central1');
    expect(text).toContain('link_garage <--> region_us_west1');
    expect(text).not.toContain('us-central1, us-west1');
  });

  test('keeps ids unique when two names sanitize alike', () => {
    const text = renderPlatformMermaid({
      regions: [],
      clusters: [
        { name: 'a-b', region: 'r' },
        { name: 'a.b', region: 'r' },
      ],
    });
    expect(text).toContain('cluster_a_b["a-b"]');
    expect(text).toContain('cluster_a_b_2["a.b"]');
  });
});
