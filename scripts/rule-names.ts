/**
 * The naming convention of the domain's rule functions (docs/platform-plan.md, "Naming rule functions"), read from
 * what each exported function of lib/domain returns, with the TypeScript compiler's type checker:
 *  - `validate*` reports issues and never throws: it returns `ValidationIssue[]`, or a result carrying
 *    `issues: ValidationIssue[]` beside what it found, or adds to an `IssueCollector` it is given;
 *  - `assert*` throws (a `ValidationError` for a definition's mistakes) when the rule is broken;
 *  - `is*` / `has*` are boolean predicates;
 *  - no `check*`: every function that returns `ValidationIssue[]` or takes an `IssueCollector` is a `validate*`
 *    (or an `assert*` that throws what it collected).
 * Everything else computes (`resolve*`, `*For`, `parse*`, ...), and may throw on input it cannot compute from.
 */
import { readdirSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';

export interface RuleNameViolation {
  /** `file:line name`. */
  readonly where: string;
  readonly rule: string;
}

/** Every `.ts` file under a folder (declaration files and tests excepted). */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The violations of the convention among the exported functions of `files`; `host` lets tests supply sources. */
export function findRuleNameViolations(files: readonly string[], root: string, host?: ts.CompilerHost): RuleNameViolation[] {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true, types: [] };
  const program = ts.createProgram({ rootNames: [...files], options, ...(host ? { host } : {}) });
  const checker = program.getTypeChecker();
  const found: RuleNameViolation[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    for (const fn of exportedFunctions(source)) {
      const where = `${relative(root, file)}:${source.getLineAndCharacterOfPosition(fn.node.getStart()).line + 1} ${fn.name}`;
      const rule = brokenRule(checker, fn.name, fn.node);
      if (rule) found.push({ where, rule });
    }
  }
  return found;
}

type FunctionNode = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

function exportedFunctions(source: ts.SourceFile): { name: string; node: FunctionNode }[] {
  const found: { name: string; node: FunctionNode }[] = [];
  source.forEachChild((node) => {
    const exported = ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) return;
    if (ts.isFunctionDeclaration(node) && node.name && node.body) found.push({ name: node.name.text, node });
    if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) found.push({ name: d.name.text, node: d.initializer });
      }
    }
  });
  return found;
}

function brokenRule(checker: ts.TypeChecker, name: string, node: FunctionNode): string | undefined {
  const signature = checker.getSignatureFromDeclaration(node);
  if (!signature) return undefined;
  const returns = checker.getReturnTypeOfSignature(signature);
  const returnsIssues = isIssueList(checker, returns);
  const carriesIssues = (() => {
    const issues = returns.getProperty('issues');
    return issues !== undefined && isIssueList(checker, checker.getTypeOfSymbol(issues));
  })();
  const takesCollector = node.parameters.some((p) => typeName(checker, checker.getTypeAtLocation(p)) === 'IssueCollector');
  const throws = throwsItself(node);

  if (/^check[A-Z]/.test(name)) return 'no check*: name a function that reports issues validate*, one that throws assert*, a boolean predicate is*/has*';
  if (/^validate[A-Z]/.test(name)) {
    if (!returnsIssues && !carriesIssues && !takesCollector) return 'validate* returns ValidationIssue[] (or a result with issues: ValidationIssue[], or adds to an IssueCollector it is given); rename it for what it returns';
    if (throws) return 'validate* never throws: return the issues, and give the throwing form its own assert* name';
  }
  if (/^assert[A-Z]/.test(name) && !throws) return 'assert* throws when the rule is broken; a function that only reports issues is a validate*';
  if (/^(is|has)[A-Z]/.test(name) && !(returns.flags & ts.TypeFlags.BooleanLike)) return 'is*/has* returns a boolean';
  if ((returnsIssues || takesCollector) && !/^(validate|assert)[A-Z]/.test(name)) return 'a function that returns ValidationIssue[] or adds to an IssueCollector is named validate*';
  return undefined;
}

function typeName(checker: ts.TypeChecker, type: ts.Type): string {
  return checker.typeToString(type.getNonNullableType());
}

/** `ValidationIssue[]` or `readonly ValidationIssue[]`. */
function isIssueList(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (!checker.isArrayType(type)) return false;
  const [element] = checker.getTypeArguments(type as ts.TypeReference);
  return element !== undefined && typeName(checker, element) === 'ValidationIssue';
}

/** Whether the function's own body (not functions nested in it) throws: `throw`, `.throwIfAny()` or an `assert*` call. */
function throwsItself(node: FunctionNode): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (n !== node && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n))) return;
    if (ts.isThrowStatement(n)) found = true;
    if (ts.isCallExpression(n)) {
      const callee = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : ts.isIdentifier(n.expression) ? n.expression.text : '';
      if (callee === 'throwIfAny' || /^assert[A-Z]/.test(callee)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}
