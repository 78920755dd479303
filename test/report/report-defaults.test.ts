/**
 * The report applies no default of its own: a definition that leaves the routing mode, the MTU and the ASNs out
 * gets the same values in the report as in the synthesized Terraform, because both read the resolved plan.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { App } from 'cdktf';
import { PARTNER_INTERCONNECT_ASN } from '../../lib/domain/hybrid/asn';
import { loadPlatform } from '../../lib/platform/load-platform';
import { DEFAULT_AMAZON_SIDE_ASN, DEFAULT_NETWORK_MTU, DEFAULT_ROUTING_MODE } from '../../lib/domain/platform/platform-defaults';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { renderPlatformReport } from '../../lib/report/platform-report';
import { linkSummaries, tenantSummaries } from '../../lib/report/platform-summaries';
import { buildPlatformStacks } from '../../stacks/platform-stacks';
import { exampleLockFile, examplePlatform } from '../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import { TfJson } from '../stacks/example-synth';

/** The bundled example with the network's routing mode and MTU and the AWS link's Amazon-side ASN left out. */
const WITHOUT_DEFAULTS: PlatformDefinition = {
  ...examplePlatform,
  network: { name: examplePlatform.network.name, project: examplePlatform.network.project },
  hybridLinks: (examplePlatform.hybridLinks ?? []).map((link) => {
    if (link.kind === 'ha-vpn-aws') {
      const { amazonSideAsn: _asn, ...aws } = link.aws;
      return { ...link, aws };
    }
    // The Partner Interconnect link already leaves gcpAsn and mtu out.
    return link;
  }),
};

function synth(definition: PlatformDefinition) {
  // Scratch copies of both records, beside each other as in the example's folder.
  const dir = mkdtempSync(join(tmpdir(), 'report-defaults-'));
  const lockFile = join(dir, 'ip-plan.lock.json');
  copyFileSync(exampleLockFile, lockFile);
  copyFileSync(join(dirname(exampleLockFile), 'tenant-states.lock.json'), join(dir, 'tenant-states.lock.json'));
  const platform = loadPlatform(definition, { lockFile, frozen: true, today: EXAMPLE_TODAY, log: () => undefined });
  const outdir = mkdtempSync(join(tmpdir(), 'report-defaults-synth-'));
  const app = new App({ outdir, stackTraces: false });
  buildPlatformStacks(app, platform, {});
  app.synth();
  const stack = (name: string): TfJson => JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  const report = renderPlatformReport({ platform, tenants: tenantSummaries(platform.plan), links: linkSummaries(platform.plan) });
  return { platform, stack, report };
}

describe('the report and the synthesized Terraform agree on defaulted values', () => {
  const { stack, report } = synth(WITHOUT_DEFAULTS);
  const network = stack('drive-network');
  const aws = stack('drive-link-aws-usw2');
  const garage = stack('drive-link-garage-sunnyvale');

  test('the definition really leaves them out', () => {
    expect(WITHOUT_DEFAULTS.network.routingMode).toBeUndefined();
    expect(WITHOUT_DEFAULTS.network.mtu).toBeUndefined();
    const link = WITHOUT_DEFAULTS.hybridLinks!.find((l) => l.kind === 'ha-vpn-aws');
    expect(link?.kind === 'ha-vpn-aws' && link.aws.amazonSideAsn).toBeUndefined();
    const interconnect = WITHOUT_DEFAULTS.hybridLinks!.find((l) => l.kind === 'interconnect');
    expect(interconnect?.kind === 'interconnect' && interconnect.gcpAsn).toBeUndefined();
    expect(interconnect?.kind === 'interconnect' && interconnect.mtu).toBeUndefined();
  });

  test('routing mode: the VPC and the report header say GLOBAL', () => {
    const [vpc] = Object.values(network.resource!.google_compute_network);
    expect(vpc.routing_mode).toBe(DEFAULT_ROUTING_MODE);
    expect(report).toContain(`(${vpc.routing_mode} routing, MTU ${DEFAULT_NETWORK_MTU})`);
  });

  test('MTU: the VPC is left to GCP (1460), the attachments inherit 1460, and the report says 1460 in both places', () => {
    const [vpc] = Object.values(network.resource!.google_compute_network);
    expect(vpc.mtu).toBeUndefined();
    const mtus = Object.values(garage.resource!.google_compute_interconnect_attachment).map((a: any) => Number(a.mtu));
    expect(new Set(mtus)).toEqual(new Set([DEFAULT_NETWORK_MTU]));
    expect(report).toContain(`MTU ${DEFAULT_NETWORK_MTU})`);
    expect(report).toMatch(new RegExp(`\\| \`garage-sunnyvale\` \\|.*SLA, MTU ${mtus[0]}, ASN`));
  });

  test("Amazon-side ASN: the transit gateway's and the report's are AWS's default", () => {
    const [gateway] = Object.values(aws.resource!.aws_ec2_transit_gateway);
    expect(gateway.amazon_side_asn).toBe(DEFAULT_AMAZON_SIDE_ASN);
    expect(report).toMatch(new RegExp(`\\| \`aws-usw2\` \\|.*ASN 64514 ↔ ${gateway.amazon_side_asn}, transit-gateway`));
  });

  test("Partner Interconnect's Cloud Router ASN: every router's and the report's are 16550", () => {
    const asns = Object.values(garage.resource!.google_compute_router).map((r: any) => r.bgp.asn);
    expect(new Set(asns)).toEqual(new Set([PARTNER_INTERCONNECT_ASN]));
    expect(report).toMatch(new RegExp(`\\| \`garage-sunnyvale\` \\|.*, ASN ${asns[0]} \\|`));
  });
});
