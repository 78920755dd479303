/**
 * npm run report [-- options]: a Markdown summary of the platform for a pull-request comment, and a
 * diff of two synthesized trees.
 *
 *   (no option)            write <out>/platform-report.md and <out>/address-space.svg; print the Markdown path
 *   --out DIR              where the report goes (default: report)
 *   --platform FILE        a module exporting `platform` and `lockFile` (default: stacks/example-platform.ts),
 *                          and optionally `reportExtras` to override the tenant and link summaries derived from it
 *   --diff BEFORE AFTER    print the diff of two synthesized trees (each holding cdktf.out/ and/or dist/,
 *                          or being a cdktf.out); with --out FILE also write it there
 *
 * The IP plan is read, never recorded: frozen when CI=true, and new ranges show as "not recorded".
 */
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { ValidationError } from '../lib/domain/validation-error';
import { loadPlatform, LoadedPlatform } from '../lib/domain/platform/load-platform';
import { renderAddressSpaceSvg } from '../lib/report/address-space-svg';
import { renderPlatformReport } from '../lib/report/platform-report';
import { diffSynthTrees, renderSynthDiff } from '../lib/report/synth-diff';
import { DEFAULT_PLATFORM_MODULE, requirePlatformModule } from './platform-module';
import { LinkSummary, linkSummaries, TenantSummary, tenantSummaries } from '../lib/report/platform-summaries';

const USAGE = 'usage: npm run report -- [--out DIR] [--platform FILE] | --diff BEFORE AFTER [--out FILE]';

export const REPORT_FILE = 'platform-report.md';
export const SVG_FILE = 'address-space.svg';

export interface ReportExtras {
  readonly tenants?: readonly TenantSummary[];
  readonly links?: readonly LinkSummary[];
}

export interface BuiltReport {
  readonly markdownPath: string;
  readonly svgPath: string;
  readonly markdown: string;
  readonly svg: string;
}

/** Writes the platform report and the address-space picture into outDir (created if missing). */
export function buildReport(platform: LoadedPlatform, extras: ReportExtras, outDir: string): BuiltReport {
  mkdirSync(outDir, { recursive: true });
  const svg = renderAddressSpaceSvg(platform.ipPlan);
  const markdown = renderPlatformReport({
    platform,
    tenants: extras.tenants ?? tenantSummaries(platform.definition),
    links: extras.links ?? linkSummaries(platform.definition),
    addressSpaceSvgPath: SVG_FILE,
  });
  const markdownPath = join(outDir, REPORT_FILE);
  const svgPath = join(outDir, SVG_FILE);
  writeFileSync(svgPath, svg);
  writeFileSync(markdownPath, markdown);
  return { markdownPath, svgPath, markdown, svg };
}

interface Options {
  out?: string;
  platform: string;
  diff?: [string, string];
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { platform: DEFAULT_PLATFORM_MODULE };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value\n${USAGE}`);
      i++;
      return next;
    };
    if (arg === '--out') options.out = value();
    else if (arg === '--platform') options.platform = value();
    else if (arg === '--diff') options.diff = [value(), value()];
    else throw new UsageError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  return options;
}

export function main(argv: readonly string[]): number {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`report: ${(error as Error).message}`);
    return 1;
  }
  if (options.diff) {
    const markdown = renderSynthDiff(diffSynthTrees(options.diff[0], options.diff[1]));
    process.stdout.write(markdown);
    if (options.out) {
      mkdirSync(dirname(resolve(options.out)), { recursive: true });
      writeFileSync(options.out, markdown);
    }
    return 0;
  }
  const module = requirePlatformModule<{ readonly reportExtras?: ReportExtras }>(options.platform);
  const loaded = loadPlatform(module.platform, { lockFile: module.lockFile, frozen: process.env.CI === 'true', record: false, log: (m) => console.error(m) });
  const built = buildReport(loaded, module.reportExtras ?? {}, options.out ?? 'report');
  console.log(relative(process.cwd(), built.markdownPath) || built.markdownPath);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof ValidationError ? `report: ${error.message}` : `report: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
