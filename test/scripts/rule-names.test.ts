/**
 * The naming convention of rule functions (docs/platform-plan.md, "Naming rule functions"), enforced on every
 * exported function of lib/domain by what it returns; the checker itself tested on a small in-memory module.
 */
import { resolve } from 'path';
import * as ts from 'typescript';
import { findRuleNameViolations, typeScriptFiles } from '../../scripts/rule-names';

const ROOT = resolve(__dirname, '../..');

/** A compiler host that serves `sources` from memory and everything else (the default library) from disk. */
function inMemoryHost(sources: Record<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost({ target: ts.ScriptTarget.ES2022 });
  const disk = host.getSourceFile.bind(host);
  return {
    ...host,
    fileExists: (name) => name in sources || host.fileExists(name),
    readFile: (name) => sources[name] ?? host.readFile(name),
    getSourceFile: (name, version) => (name in sources ? ts.createSourceFile(name, sources[name], version, true) : disk(name, version)),
  };
}

const FIXTURE = `
export interface ValidationIssue { readonly path: string; readonly problem: string }
export class IssueCollector { add(_: ValidationIssue): void {} throwIfAny(): void {} }
export function validateGood(v: number): ValidationIssue[] { return v > 0 ? [] : [{ path: 'p', problem: 'x' }]; }
export function validateReadonly(): readonly ValidationIssue[] { return []; }
export function validateWithResult(): { issues: ValidationIssue[]; found: string[] } { return { issues: [], found: [] }; }
export function validateInto(issues: IssueCollector): void { issues.add({ path: 'p', problem: 'x' }); }
export function validateThrows(v: number): ValidationIssue[] { if (v < 0) throw new Error('no'); return []; }
export function validateThrowsThroughCollector(issues: IssueCollector): void { issues.throwIfAny(); }
export function validateReturnsBoolean(v: number): boolean { return v > 0; }
export function validateNestedThrowIsFine(): ValidationIssue[] { const f = () => { throw new Error('x'); }; void f; return []; }
export function assertGood(v: number): void { if (v < 0) throw new Error('no'); }
export function assertByCollector(issues: IssueCollector): void { issues.throwIfAny(); }
export function assertNeverThrows(v: number): number { return v; }
export function isGood(v: number): boolean { return v > 0; }
export function hasGood(v: unknown): v is string { return typeof v === 'string'; }
export function isNotBoolean(v: number): number { return v; }
export function checkAnything(): ValidationIssue[] { return []; }
export function issuesOf(): ValidationIssue[] { return []; }
export function collect(issues: IssueCollector): void { void issues; }
export const validateArrow = (): ValidationIssue[] => [];
export const isArrowWrong = (): string => '';
export function resolveThing(v: number): number { if (v < 0) throw new Error('no'); return v; }
function checkPrivate(): void {}
void checkPrivate;
`;

describe('rule function names', () => {
  test('every exported function of lib/domain follows the convention', () => {
    const violations = findRuleNameViolations(typeScriptFiles(resolve(ROOT, 'lib/domain')), ROOT);
    expect(violations.map((v) => `${v.where}: ${v.rule}`)).toEqual([]);
  });

  test('the checker names each broken rule and accepts each allowed form', () => {
    const file = resolve(ROOT, 'fixture/rules.ts');
    const violations = findRuleNameViolations([file], ROOT, inMemoryHost({ [file]: FIXTURE }));
    expect(violations.map((v) => `${v.where.replace(/^fixture\/rules\.ts:\d+ /, '')}: ${v.rule.split(':')[0].split(';')[0]}`)).toEqual([
      'validateThrows: validate* never throws',
      'validateThrowsThroughCollector: validate* never throws',
      'validateReturnsBoolean: validate* returns ValidationIssue[] (or a result with issues',
      'assertNeverThrows: assert* throws when the rule is broken',
      'isNotBoolean: is*/has* returns a boolean',
      'checkAnything: no check*',
      'issuesOf: a function that returns ValidationIssue[] or adds to an IssueCollector is named validate*',
      'collect: a function that returns ValidationIssue[] or adds to an IssueCollector is named validate*',
      'isArrowWrong: is*/has* returns a boolean',
    ]);
  });
});
