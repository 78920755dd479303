import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { LoadedPlatform } from '../../lib/domain/platform/resolve-platform';
import type { VerificationResult } from '../../lib/domain/reachability/verify-intents';
import { renderAddressSpaceSvg } from '../../lib/report/address-space-svg';
import { renderConnectivityMatrixSvg } from '../../lib/report/connectivity-matrix-svg';
import { renderPlatformReport } from '../../lib/report/platform-report';
import { LinkSummary, linkSummaries, TenantSummary, tenantSummaries } from '../../lib/report/platform-summaries';
import { Command, parseCommandArgs } from '../command';
import { commandLine, loadConfig } from '../config';
import { loadConfiguredPlatform, requireDefinition } from '../platform-source';
import { verifyConfigured } from './verify';

export const REPORT_FILE = 'platform-report.md';
export const SVG_FILE = 'address-space.svg';
export const MATRIX_SVG_FILE = 'connectivity-matrix.svg';

/** Optional overrides a definition module may export as `reportExtras`. */
export interface ReportExtras {
  /** @default derived from the definition's tenants */
  readonly tenants?: readonly TenantSummary[];
  /** @default derived from the definition's hybrid links */
  readonly links?: readonly LinkSummary[];
}

/** The report as written: both files' paths and contents. */
export interface BuiltReport {
  /** Where the Markdown report was written. */
  readonly markdownPath: string;
  /** Where the address-space picture was written. */
  readonly svgPath: string;
  /** The Markdown text written. */
  readonly markdown: string;
  /** The SVG text written. */
  readonly svg: string;
  /** The connectivity matrix picture, when verdicts were given. @default none (no verdicts) */
  readonly matrixSvgPath?: string;
}

/**
 * Writes the platform report and the address-space picture into outDir (created if missing), and with verdicts the
 * connectivity section and its matrix picture.
 */
export function buildReport(platform: LoadedPlatform, extras: ReportExtras, outDir: string, planCommand?: string, connectivity?: VerificationResult): BuiltReport {
  mkdirSync(outDir, { recursive: true });
  const svg = renderAddressSpaceSvg(platform.ipPlan);
  const markdown = renderPlatformReport({
    platform,
    tenants: extras.tenants ?? tenantSummaries(platform.plan),
    links: extras.links ?? linkSummaries(platform.plan),
    addressSpaceSvgPath: SVG_FILE,
    planCommand,
    connectivity: connectivity ? { result: connectivity, matrixSvgPath: MATRIX_SVG_FILE } : undefined,
  });
  const markdownPath = join(outDir, REPORT_FILE);
  const svgPath = join(outDir, SVG_FILE);
  writeFileSync(svgPath, svg);
  writeFileSync(markdownPath, markdown);
  let matrixSvgPath: string | undefined;
  if (connectivity) {
    matrixSvgPath = join(outDir, MATRIX_SVG_FILE);
    writeFileSync(matrixSvgPath, renderConnectivityMatrixSvg(connectivity));
  }
  return { markdownPath, svgPath, markdown, svg, matrixSvgPath };
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'write a Markdown report and an address-space picture for a pull request',
  help: `usage: gke-platform report [--out DIR] [--config FILE]

Writes <out>/platform-report.md (clusters, node pools, tenants, the IP plan with capacity and headroom,
hybrid links, a Mermaid diagram) and <out>/address-space.svg, and prints the Markdown file's path. With a
synthesized output in the configured folders, the report opens with the connectivity verdicts (unmet paths
first) and writes <out>/connectivity-matrix.svg; without one it says so on stderr. The IP plan is read, never
recorded: frozen with CI=true, and new ranges show as "not recorded".

  --out DIR        where the report goes (default: the configuration's reportDir, else report/)
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('report', argv, { out: { type: 'string' }, config: { type: 'string' } });
    if (values.help) return (context.out(`${this.help}\n`), 0);
    const config = loadConfig(context.cwd, values.config);
    const extras = (requireDefinition(config).reportExtras ?? {}) as ReportExtras;
    const configured = loadConfiguredPlatform(config, { frozen: context.env.CI === 'true', record: false, log: (m) => context.err(`${m}\n`) });
    const stacks = join(context.env.CDKTF_OUTDIR ?? config.terraformOutdir, 'stacks');
    const connectivity = existsSync(stacks) ? verifyConfigured(config, configured, context.env) : undefined;
    if (!connectivity) context.err(`gke-platform report: no ${relative(context.cwd, stacks) || stacks}, so no connectivity section: run \`${commandLine(config, 'synth')}\` first\n`);
    const built = buildReport(configured.platform, extras, values.out ? join(context.cwd, values.out) : config.reportDir, commandLine(config, 'plan'), connectivity);
    context.out(`${relative(context.cwd, built.markdownPath) || built.markdownPath}\n`);
    return 0;
  },
};
