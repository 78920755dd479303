/**
 * Import hygiene: fails on any import of a provider package's barrel
 * (`@cdktf/provider-google`, `@cdktf/provider-aws`, ... or their `/lib` index).
 * Loading the google and aws barrels costs 7-14 s and about 1 GB; importing a
 * resource by path (`@cdktf/provider-google/lib/container-cluster`) costs ~0.3 s.
 * Run as a script, it also runs the layering check of scripts/check-layers.ts and the cycle check of
 * scripts/check-cycles.ts.
 */
import { readFileSync } from 'fs';
import { join, relative } from 'path';
import { cycles, formatCycle, importGraph } from './check-cycles';
import { formatLayerViolation, scanLayers, sourceFiles } from './check-layers';

const SCANNED_FOLDERS = ['lib', 'stacks', 'charts', 'examples', 'test', 'scripts'];
const MODULE_SPECIFIER = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"](@cdktf\/provider-[a-z0-9-]+(?:\/[^'"]*)?)['"]/g;

export interface BarrelImport {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
}

/** True when a specifier loads a whole provider package rather than one resource. */
export function isProviderBarrel(specifier: string): boolean {
  const match = /^@cdktf\/provider-[a-z0-9-]+(\/.*)?$/.exec(specifier);
  if (!match) return false;
  const subpath = match[1] ?? '';
  // `/lib/<resource>` (optionally `/index`) is the cheap per-resource entry point.
  return !/^\/lib\/[a-z0-9-]+(\/index)?(\.js)?$/.test(subpath) || /^\/lib\/index(\.js)?$/.test(subpath);
}

export function findBarrelImports(source: string, file: string): BarrelImport[] {
  const found: BarrelImport[] = [];
  for (const match of source.matchAll(MODULE_SPECIFIER)) {
    const specifier = match[1];
    if (isProviderBarrel(specifier)) {
      const line = source.slice(0, match.index).split('\n').length;
      found.push({ file, line, specifier });
    }
  }
  return found;
}

export function scanProject(root: string): BarrelImport[] {
  const found: BarrelImport[] = [];
  for (const folder of SCANNED_FOLDERS) {
    for (const file of sourceFiles(join(root, folder))) {
      found.push(...findBarrelImports(readFileSync(file, 'utf8'), relative(root, file)));
    }
  }
  return found;
}

if (require.main === module) {
  const found = scanProject(process.cwd());
  for (const f of found) {
    console.error(`${f.file}:${f.line}: imports the provider barrel '${f.specifier}'; import the resource by path instead, e.g. '@cdktf/provider-google/lib/container-cluster'`);
  }
  const layers = scanLayers(process.cwd());
  for (const v of layers) console.error(formatLayerViolation(v));
  const graph = importGraph(process.cwd());
  const circles = cycles(graph);
  for (const c of circles) console.error(formatCycle(graph, c));
  if (found.length + layers.length + circles.length > 0) process.exit(1);
  console.log(`check-imports: no provider barrel imports, no layering violation, no import cycle among ${graph.size} modules`);
}
