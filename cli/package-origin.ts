import { existsSync, readFileSync, realpathSync } from 'fs';
import { basename, dirname, isAbsolute, join, resolve } from 'path';

/**
 * Where the running gke-platform-cdk came from, so that `init` writes a dependency the new project can install:
 * a registry range when it came from a registry, the tarball itself when it came from one (`npm pack` output run
 * with `npx --package=<tgz>`, or installed with `npm install <tgz>`). A tarball is not on any registry, so
 * `"gke-platform-cdk": "^0.1.0"` would fail `npm install` with E404.
 */
export type PackageOrigin =
  | {
      /** Installed from a registry (or unknown): the project depends on `^<version>`. */
      readonly kind: 'registry';
    }
  | {
      /** Installed from a tarball on this machine. */
      readonly kind: 'tarball';
      /** Absolute path of that tarball. */
      readonly path: string;
    };

const PACKAGE = 'gke-platform-cdk';
const TARBALL = /\.(tgz|tar\.gz)$/;

/**
 * Finds the origin of the package installed at `packageRoot` (the folder holding its package.json). npm (and npx,
 * which installs into its own cache folder) records a tarball dependency as `file:<path>` in the install root's
 * package.json and as `resolved` in `node_modules/.package-lock.json`; either names the tarball relative to the
 * install root. Anything else (a registry install, a checkout run with tsx) is `registry`.
 */
export function packageOrigin(packageRoot: string): PackageOrigin {
  const modules = dirname(packageRoot);
  if (basename(modules) !== 'node_modules') return { kind: 'registry' };
  const installRoot = dirname(modules);
  const candidates = [declaredSpec(join(installRoot, 'package.json')), resolvedSpec(join(modules, '.package-lock.json'))];
  for (const spec of candidates) {
    if (!spec?.startsWith('file:')) continue;
    const path = spec.slice('file:'.length);
    const absolute = isAbsolute(path) ? path : resolve(installRoot, path);
    if (TARBALL.test(absolute) && existsSync(absolute)) return { kind: 'tarball', path: realpathSync(absolute) };
  }
  return { kind: 'registry' };
}

/**
 * Reads a tarball spec as the user gives it to `init --package-source`: `file:<path>` or a path ending in .tgz,
 * relative to `cwd`; anything else is taken as a registry range.
 */
export function originFromSpec(spec: string, cwd: string): PackageOrigin | { readonly kind: 'range'; readonly range: string } {
  const path = spec.startsWith('file:') ? spec.slice('file:'.length) : spec;
  if (TARBALL.test(path)) return { kind: 'tarball', path: resolve(cwd, path) };
  return { kind: 'range', range: spec };
}

function declaredSpec(packageJson: string): string | undefined {
  const manifest = readJson(packageJson) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | undefined;
  return manifest?.dependencies?.[PACKAGE] ?? manifest?.devDependencies?.[PACKAGE];
}

function resolvedSpec(hiddenLock: string): string | undefined {
  const lock = readJson(hiddenLock) as { packages?: Record<string, { resolved?: string }> } | undefined;
  return lock?.packages?.[`node_modules/${PACKAGE}`]?.resolved;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
