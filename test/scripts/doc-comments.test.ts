/**
 * Doc comments on the exported types' properties: every property documented, every optional one with `@default`.
 * Counted are the properties of exported interfaces and, since 1 December 2026, the members of the object types
 * written inline in them or in exported type aliases (`router: { name; asn }`, an array of `{ ... }`, a union's
 * object members, `type RangeRequest = { ... } | { ... }`), at any depth. lib/, stacks/, charts/ and cli/ are held
 * to zero (the last inline members, in reachability and isolation, were documented on 1 December 2026).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'private' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

interface Gap {
  readonly where: string;
  readonly kind: 'undocumented' | 'withoutDefault';
  /** A member of an inline object type or of a type alias, not a property of an exported interface. */
  readonly inline: boolean;
}

/** The members a type node declares inline: object type literals, also inside arrays, unions, intersections and type arguments. */
function inlineMembers(type: ts.TypeNode | undefined): ts.PropertySignature[] {
  if (!type) return [];
  if (ts.isTypeLiteralNode(type)) return type.members.filter(ts.isPropertySignature);
  if (ts.isArrayTypeNode(type)) return inlineMembers(type.elementType);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.flatMap(inlineMembers);
  if (ts.isParenthesizedTypeNode(type) || ts.isTypeOperatorNode(type)) return inlineMembers(type.type);
  if (ts.isTypeReferenceNode(type)) return (type.typeArguments ?? []).flatMap(inlineMembers);
  return [];
}

const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The gaps of one source file: its exported interfaces' properties and, recursively, every inline member. */
function sourceGaps(file: string, text: string): Gap[] {
  const found: Gap[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const check = (member: ts.PropertySignature, owner: string, inline: boolean) => {
    const name = `${owner}.${member.name.getText()}`;
    const docs = ts.getJSDocCommentsAndTags(member);
    const where = `${file}:${source.getLineAndCharacterOfPosition(member.getStart()).line + 1} ${name}`;
    if (docs.length === 0) found.push({ where, kind: 'undocumented', inline });
    else if (member.questionToken && !docs.some((d) => d.getText().includes('@default'))) found.push({ where, kind: 'withoutDefault', inline });
    for (const inner of inlineMembers(member.type)) check(inner, name, true);
  };
  source.forEachChild((node) => {
    if (!exported(node)) return;
    if (ts.isInterfaceDeclaration(node)) for (const m of node.members.filter(ts.isPropertySignature)) check(m, node.name.text, false);
    if (ts.isTypeAliasDeclaration(node)) for (const m of inlineMembers(node.type)) check(m, node.name.text, true);
  });
  return found;
}

/** Every gap in lib/, stacks/, charts/ and cli/ (private/ folders excepted). */
function gaps(): Gap[] {
  return ['lib', 'stacks', 'charts', 'cli'].flatMap((d) => sources(join(ROOT, d))).flatMap((path) => sourceGaps(relative(ROOT, path), readFileSync(path, 'utf8')));
}

describe('doc comments on exported types', () => {
  test('lib/, stacks/, charts/ and cli/ have none missing', () => {
    expect(gaps().map((g) => `${g.kind}: ${g.where}`)).toEqual([]);
  });
});

describe('what the counter sees', () => {
  const fixture = `
    /** Not exported: not counted. */
    interface Hidden { a: string }
    export interface Outer {
      /** Documented. */
      readonly router: {
        readonly name: string;
        /** Documented. */
        readonly asn: number;
      };
      readonly list?: readonly {
        /** Documented, optional. */
        readonly id?: string;
      }[];
      /** Documented. @default none */
      readonly nested?: Readonly<{ readonly deep: { readonly deeper: string } }>;
    }
    export type Choice =
      | {
          /** Documented. */
          readonly kind: 'a';
        }
      | ({
          /** Documented. */
          readonly kind: 'b'; /** On the line of the next member: TypeScript (and an editor's hover) attaches it to none. */ readonly v: number;
        } & { readonly w: number });
    type Private = { a: string };
  `;
  const found = sourceGaps('fixture.ts', fixture).map((g) => `${g.kind} ${g.inline ? 'inline' : 'top'} ${g.where.split(' ')[1]}`);

  test('members of inline object types, arrays of them, type arguments and exported type aliases (unions, intersections), at any depth', () => {
    expect(found).toEqual([
      'undocumented inline Outer.router.name',
      'undocumented top Outer.list',
      'withoutDefault inline Outer.list.id',
      'undocumented inline Outer.nested.deep',
      'undocumented inline Outer.nested.deep.deeper',
      'undocumented inline Choice.v',
      'undocumented inline Choice.w',
    ]);
  });
});
