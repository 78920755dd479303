/**
 * The public API report (api/gke-platform-cdk.api.md): every name the package entry (lib/index.ts) exports, with
 * its declaration as the published .d.ts states it (comments dropped), sorted by name. It is checked in and compared
 * by `npm test`, so a change to the public surface shows in review as a change to this file.
 *
 * Besides the report it finds, like api-extractor's checks:
 *  - forgotten exports: a project type that a public declaration refers to but the entry does not export, so a
 *    user can see it in a signature but not name it;
 *  - undocumented exports: a public name without a doc comment.
 *
 *   npm run api:report          # rewrites the report; exit 1 on a forgotten or undocumented export
 */
import { writeFileSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import * as ts from 'typescript';

export const API_ENTRY = 'lib/index.ts';
export const API_REPORT = 'api/gke-platform-cdk.api.md';
const VIRTUAL_OUT = '/__api__';

export interface ApiEntry {
  /** The name the package exports. */
  readonly name: string;
  /** class, interface, type, function, const, ... */
  readonly kind: string;
  /** The declaration(s) as the .d.ts states them, comments dropped. */
  readonly declaration: string;
  /** The source file that declares it, relative to the root. */
  readonly file: string;
  /** Whether it carries a doc comment. */
  readonly documented: boolean;
}

export interface ApiModel {
  readonly entries: readonly ApiEntry[];
  /** `<public name>: refers to <type> (<file>), which the entry does not export`. */
  readonly forgotten: readonly string[];
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  return { ...parsed.options, noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: VIRTUAL_OUT, rootDir: root, types: ['node'] };
}

const KIND: [ts.SymbolFlags, string][] = [
  [ts.SymbolFlags.Class, 'class'],
  [ts.SymbolFlags.Interface, 'interface'],
  [ts.SymbolFlags.TypeAlias, 'type'],
  [ts.SymbolFlags.Function, 'function'],
  [ts.SymbolFlags.Enum, 'enum'],
  [ts.SymbolFlags.Variable, 'const'],
];

/** The public API of the project at `root`, read through its package entry. */
export function apiModel(root: string): ApiModel {
  const absolute = resolve(root);
  const entry = join(absolute, API_ENTRY);
  const program = ts.createProgram([entry], compilerOptions(absolute));
  const declarations = new Map<string, string>();
  program.emit(undefined, (fileName, text) => declarations.set(resolve(fileName), text), undefined, true);
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const exported = checker.getExportsOfModule(moduleSymbol);
  const publicTargets = new Set(exported.map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s)));
  // A lazily loaded class (HaVpnToAws) is exported as a type and a value of its own name: the name counts.
  const publicNames = new Set(exported.map((s) => s.name));
  const printer = ts.createPrinter({ removeComments: true });
  const parsedDts = new Map<string, ts.SourceFile>();
  const inProject = (file: string) => file.startsWith(absolute + sep) && !file.includes(`${sep}node_modules${sep}`);
  const entries: ApiEntry[] = [];
  const forgotten = new Set<string>();
  for (const symbol of exported) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const decls = target.declarations ?? [];
    const file = decls[0]?.getSourceFile().fileName ?? '';
    const texts: string[] = [];
    for (const decl of decls) {
      const source = decl.getSourceFile().fileName;
      const dtsPath = join(VIRTUAL_OUT, relative(absolute, source)).replace(/\.ts$/, '.d.ts');
      let dts = parsedDts.get(dtsPath);
      if (!dts) {
        dts = ts.createSourceFile(dtsPath, declarations.get(resolve(dtsPath)) ?? '', ts.ScriptTarget.Latest, true);
        parsedDts.set(dtsPath, dts);
      }
      for (const statement of dts.statements) {
        if (declaredNames(statement).includes(target.name)) texts.push(printer.printNode(ts.EmitHint.Unspecified, statement, dts).trim());
      }
      for (const ref of referencedSymbols(decl, checker)) {
        const refFile = ref.declarations?.[0]?.getSourceFile().fileName;
        if (refFile && inProject(refFile) && !publicTargets.has(ref) && !publicNames.has(ref.name) && !isTypeParameter(ref)) {
          forgotten.add(`${symbol.name}: refers to ${ref.name} (${relative(absolute, refFile).split(sep).join('/')}), which ${API_ENTRY} does not export`);
        }
      }
    }
    const documented = target.getDocumentationComment(checker).length > 0 || decls.some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
    entries.push({
      name: symbol.name,
      kind: KIND.find(([flag]) => target.flags & flag)?.[1] ?? 'value',
      declaration: [...new Set(texts)].join('\n'),
      file: relative(absolute, file).split(sep).join('/'),
      documented,
    });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { entries, forgotten: [...forgotten].sort() };
}

function isTypeParameter(symbol: ts.Symbol): boolean {
  return (symbol.flags & ts.SymbolFlags.TypeParameter) !== 0;
}

/** The names a top-level statement of a .d.ts declares. */
function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((d) => d.name.getText());
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name && ts.isIdentifier(named.name) ? [named.name.text] : [];
}

/**
 * The symbols a declaration's public shape names: type references, `typeof` queries and heritage clauses, outside
 * function bodies, initializers and private or protected members.
 */
function referencedSymbols(declaration: ts.Node, checker: ts.TypeChecker): ts.Symbol[] {
  const found = new Set<ts.Symbol>();
  const hidden = (node: ts.Node) =>
    (ts.isClassElement(node) || ts.isParameter(node)) &&
    (ts.getCombinedModifierFlags(node as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 &&
    !(ts.isParameter(node) && !ts.isParameterPropertyDeclaration(node, node.parent));
  const add = (name: ts.Node) => {
    let symbol = checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    if (symbol) found.add(symbol);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) || hidden(node) || (ts.isClassElement(node) && node.name && ts.isPrivateIdentifier(node.name))) return;
    if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) {
      if (node.type) visit(node.type);
      return;
    }
    if (ts.isTypeReferenceNode(node)) add(node.typeName);
    else if (ts.isExpressionWithTypeArguments(node)) add(node.expression);
    else if (ts.isTypeQueryNode(node)) add(node.exprName);
    ts.forEachChild(node, visit);
  };
  // A variable's declaration node is its VariableDeclaration; walk from there.
  visit(declaration);
  return [...found];
}

/** The report file's text. */
export function renderApiReport(model: ApiModel): string {
  const lines = [
    '# gke-platform-cdk: public API',
    '',
    '<!-- Generated by `npm run api:report` (scripts/api-report.ts) from lib/index.ts; `npm test` fails when it is out of date. Do not edit. -->',
    '',
    `Every name the package entry exports (${model.entries.length}), with its declaration as the published .d.ts states it`,
    '(doc comments left out: read them in the source or the typedoc site). Anything not listed here is internal.',
    '',
  ];
  for (const entry of model.entries) {
    lines.push(`## ${entry.name} (${entry.kind})`, '', `\`${entry.file}\``, '', '```ts', entry.declaration, '```', '');
  }
  return lines.join('\n');
}

if (require.main === module) {
  const root = process.cwd();
  const model = apiModel(root);
  const path = join(root, API_REPORT);
  ts.sys.createDirectory(dirname(path));
  writeFileSync(path, renderApiReport(model));
  const undocumented = model.entries.filter((e) => !e.documented).map((e) => `${e.name} (${e.file}) has no doc comment`);
  for (const line of [...model.forgotten, ...undocumented]) console.error(line);
  console.log(`api-report: ${model.entries.length} exported names written to ${API_REPORT}; ${model.forgotten.length} forgotten, ${undocumented.length} undocumented`);
  if (model.forgotten.length + undocumented.length > 0) process.exitCode = 1;
}
