/**
 * Layering: the import rules that keep the layers peelable (docs/design: domain → constructs → stacks/charts).
 *  - `lib/domain/` imports no cdktf, cdk8s, cdk8s-plus, constructs or `@cdktf/*` module, and nothing of the
 *    project outside `lib/domain/`: it is plain data in, plain data out.
 *  - `lib/domain/` does no I/O: it imports no Node built-in that touches files, processes or the network (`fs`,
 *    `path`, `os`, `child_process`, ...) and uses neither `process` nor `console`; lib/platform reads and writes.
 *  - constructs (`lib/` outside the domain; `lib/index.ts`, the package entry, excepted) import no `stacks/` or
 *    `charts/`: stacks and charts compose constructs, never the reverse.
 *  - nothing in `lib/` (the package entry, the facade over everything, excepted), `stacks/` or `charts/` imports
 *    `cli/`: the CLI (and this repository's apps in it) sits on top.
 *  - nothing in `lib/`, `stacks/`, `charts/` or `scripts/` imports `examples/` (tests may: they test the examples).
 *  - `examples/` model a user: of the library they import the package entry (`lib/index.ts`) only.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

export interface LayerViolation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly rule: string;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
/** Modules the domain must not load: the synthesis frameworks and everything built on them. */
const FRAMEWORK_MODULE = /^(?:cdktf|cdk8s|cdk8s-plus-\d+|constructs|@cdktf\/[^/]+)(?:\/.*)?$/;
/** Node built-ins that do I/O or read the host (with or without the `node:` prefix). */
const IO_MODULE = /^(?:node:)?(?:fs|fs\/promises|path|os|child_process|net|http|https|http2|dgram|dns|tls|readline|worker_threads|cluster|process|v8|vm)(?:\/.*)?$/;
/** A use of the `process` or `console` global (not a property of something else, e.g. `x.process`). */
const IO_GLOBAL = /(?<![\w$.])(process|console)\s*(?:\.|\[)/g;
const SKIPPED_FOLDERS = new Set(['node_modules', 'build', 'cdktf.out', 'dist', '__snapshots__']);

/** Where a project file sits in the layering, from its path relative to the project root (posix separators). */
export type Layer = 'domain' | 'construct' | 'package-entry' | 'composition' | 'cli' | 'script' | 'example' | 'test' | 'other';

export function layerOf(path: string): Layer {
  if (path.startsWith('lib/domain/')) return 'domain';
  if (path === 'lib/index.ts') return 'package-entry';
  if (path.startsWith('lib/')) return 'construct';
  if (path.startsWith('stacks/') || path.startsWith('charts/')) return 'composition';
  if (path.startsWith('cli/')) return 'cli';
  if (path.startsWith('scripts/')) return 'script';
  if (path.startsWith('examples/')) return 'example';
  if (path.startsWith('test/')) return 'test';
  return 'other';
}

/** The violations of one file's source; `file` is its path relative to the project root. */
export function findLayerViolations(source: string, file: string): LayerViolation[] {
  const layer = layerOf(file);
  const found: LayerViolation[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1];
    const line = source.slice(0, match.index).split('\n').length;
    const target = specifier.startsWith('.')
      ? relative('.', join(dirname(file), specifier))
          .split(sep)
          .join('/')
      : undefined;
    const rule = ruleBroken(layer, specifier, target);
    if (rule) found.push({ file, line, specifier, rule });
  }
  if (layer === 'domain') {
    const code = withoutComments(source);
    for (const match of code.matchAll(IO_GLOBAL)) {
      const line = code.slice(0, match.index).split('\n').length;
      found.push({ file, line, specifier: match[1], rule: 'the domain does no I/O and reads no environment: take the value as an input, return notices instead of logging (lib/platform does the I/O)' });
    }
    found.sort((a, b) => a.line - b.line);
  }
  return found;
}

/** The source with comments blanked (newlines kept, so line numbers hold); a doc comment may name `console.error`. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

function ruleBroken(layer: Layer, specifier: string, target: string | undefined): string | undefined {
  if (layer === 'domain') {
    if (FRAMEWORK_MODULE.test(specifier)) return 'the domain imports no cdktf, cdk8s, constructs or provider module; move the code that needs it into a construct';
    if (target !== undefined && !target.startsWith('lib/domain/') && target !== 'lib/domain') return 'the domain imports nothing outside lib/domain; move the rule it needs into lib/domain';
    if (IO_MODULE.test(specifier)) return 'the domain does no I/O: take the contents as input and return what to write; lib/platform reads and writes files';
  }
  if (target !== undefined && layer === 'construct' && /^(stacks|charts)(\/|$)/.test(target)) return 'constructs import no stack or chart; pass what they need as props';
  if (target !== undefined && (layer === 'domain' || layer === 'construct' || layer === 'composition') && /^cli(\/|$)/.test(target)) return 'nothing in lib/, stacks/ or charts/ imports the CLI; the CLI imports them';
  if (target !== undefined && layer === 'example' && /^(lib|stacks|charts|cli)(\/|$)/.test(target) && target !== 'lib' && target !== 'lib/index') {
    return "examples model a user: import the package entry ('../../lib') only, and export from lib/index.ts what a user needs";
  }
  if (target !== undefined && layer !== 'test' && layer !== 'example' && /^examples(\/|$)/.test(target)) return 'nothing but tests imports examples/; move what is shared into lib/';
  return undefined;
}

/** Source files under `dir`, sorted, skipping dependencies, build output and snapshots (shared with check-imports). */
export function* sourceFiles(dir: string): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries.sort()) {
    if (SKIPPED_FOLDERS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry) && !entry.endsWith('.d.ts')) yield path;
  }
}

/** Every layering violation under lib/, stacks/, charts/, cli/, scripts/ and examples/ of the project at `root`. */
export function scanLayers(root: string): LayerViolation[] {
  const absolute = resolve(root);
  return ['lib', 'stacks', 'charts', 'cli', 'scripts', 'examples'].flatMap((folder) =>
    [...sourceFiles(join(absolute, folder))].flatMap((file) => findLayerViolations(readFileSync(file, 'utf8'), relative(absolute, file).split(sep).join('/'))),
  );
}

/** One line per violation, `file:line: imports 'x': rule`. */
export function formatLayerViolation(v: LayerViolation): string {
  return `${v.file}:${v.line}: imports '${v.specifier}': ${v.rule}`;
}
