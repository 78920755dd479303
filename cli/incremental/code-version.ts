/**
 * The version of the code that synthesizes: a hash of this package's own modules (lib, stacks, charts, cli, as
 * they are loaded: TypeScript sources under tsx, compiled JavaScript from an install) and of the installed
 * versions of the libraries that write the output. Every cache key includes it, so upgrading the package or
 * cdktf, cdk8s or a provider invalidates every cached stack and manifest file, and so does editing the package's
 * source while developing it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { hashBytes, hashParts } from './content-hash';

/** The package folders whose code decides the output. */
const CODE_FOLDERS = ['lib', 'stacks', 'charts', 'cli'];
/** The libraries whose code writes the output, by package name. */
const OUTPUT_LIBRARIES = ['cdktf', 'cdk8s', 'cdk8s-plus-33', 'constructs', 'yaml', '@cdktf/provider-google', '@cdktf/provider-aws', '@cdktf/provider-random', '@cdktf/provider-vault'];

let cached: string | undefined;

/** The hash of the package's code and its output libraries' versions (computed once per process). */
export function codeVersion(root = resolve(__dirname, '..', '..')): string {
  if (cached !== undefined && root === resolve(__dirname, '..', '..')) return cached;
  const parts: string[] = [];
  for (const folder of CODE_FOLDERS) for (const file of codeFiles(join(root, folder))) parts.push(file.slice(root.length), hashBytes(readFileSync(file)));
  for (const name of OUTPUT_LIBRARIES) parts.push(name, installedVersion(name, root));
  const version = hashParts(parts);
  if (root === resolve(__dirname, '..', '..')) cached = version;
  return version;
}

/** Every .ts and .js file below `dir` (not declarations or maps), sorted. */
function codeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...codeFiles(path));
    else if (/\.(ts|js)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The installed version of a package, found from `root`; `absent` when it is not installed. */
function installedVersion(name: string, root: string): string {
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [root] });
  } catch {
    return 'absent';
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (json.name === name) return json.version ?? 'unknown';
  }
  return 'unknown';
}
