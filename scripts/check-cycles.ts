/**
 * Import cycles: fails on any cycle among the project's own modules (lib/, stacks/, charts/, cli/, scripts/,
 * examples/). A cycle makes load order decide what a module sees (tsc's CommonJS output initializes in source order:
 * a constant read before its module finished loading is `undefined`), and it glues layers together so none can be
 * read, tested or moved alone. Type-only imports count too: they are erased at run time, but they still tie the
 * modules' meaning together, and the next value import along the same edge would make the cycle real.
 *
 * The graph comes from the TypeScript parser (every import, export-from, require and import() with a relative
 * specifier); the cycles are its strongly connected components (Tarjan), each reported with one shortest circle.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import * as ts from 'typescript';
import { sourceFiles } from './check-layers';

export const CYCLE_FOLDERS = ['lib', 'stacks', 'charts', 'cli', 'scripts', 'examples'];

/** Module → the project modules it imports, by path relative to the root (posix separators). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** The relative specifiers a source imports, re-exports, requires or imports dynamically. */
export function importSpecifiers(source: string, file = 'x.ts'): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return found.filter((s) => s.startsWith('.'));
}

/** The file a relative specifier names (`x.ts`, `x/index.ts`, ...), or undefined outside the project's sources. */
function resolveModule(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')]) {
    if (/\.(ts|js)$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The import graph of the project at `root`. */
export function importGraph(root: string, folders: readonly string[] = CYCLE_FOLDERS): ImportGraph {
  const absolute = resolve(root);
  const graph = new Map<string, string[]>();
  const name = (file: string) => relative(absolute, file).split(sep).join('/');
  for (const folder of folders) {
    for (const file of sourceFiles(join(absolute, folder))) {
      if (/\.test\.ts$/.test(file)) continue;
      const targets = importSpecifiers(readFileSync(file, 'utf8'), file)
        .map((s) => resolveModule(file, s))
        .filter((t): t is string => t !== undefined && !t.includes(`${sep}node_modules${sep}`))
        .map(name);
      graph.set(name(file), [...new Set(targets)].sort());
    }
  }
  return graph;
}

/** Strongly connected components with more than one module (or a module importing itself), each sorted. */
export function cycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) connect(v);
  return found.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** One shortest circle through a component, from its first module back to it: `a → b → c → a`. */
export function circleThrough(graph: ImportGraph, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

/** One line per cycle: its size, one circle through it, and how to break it. */
export function formatCycle(graph: ImportGraph, component: readonly string[]): string {
  return `import cycle of ${component.length} module(s): ${circleThrough(graph, component).join(' → ')}; move what both sides need into a module that imports neither (${component.join(', ')})`;
}

if (require.main === module) {
  const graph = importGraph(process.cwd());
  const found = cycles(graph);
  for (const c of found) console.error(formatCycle(graph, c));
  if (found.length > 0) process.exit(1);
  console.log(`check-cycles: ${graph.size} modules, no import cycle`);
}
