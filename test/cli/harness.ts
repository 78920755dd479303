import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { runCli } from '../../cli/main';

export const ROOT = resolve(__dirname, '../..');
export const EXAMPLE_LOCK = join(ROOT, 'examples/drive-platform/ip-plan.lock.json');

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process in `cwd`, with CI unset unless given, capturing both outputs. */
export function cli(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const out: string[] = [];
  const err: string[] = [];
  const status = runCli(args, { cwd, env: { PATH: process.env.PATH, ...env }, out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

/**
 * A scratch project whose package.json points at a definition module built from the bundled example by
 * `body` (TypeScript with `example` in scope that assigns `platform`), with a copy of the example's lock file.
 */
export function exampleProject(body = 'export const platform = example;', gkePlatform: Record<string, string> = {}): { dir: string; lockFile: string; definition: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gke-platform-cli-'));
  mkdirSync(join(dir, 'platform'));
  const lockFile = join(dir, 'platform', 'ip-plan.lock.json');
  copyFileSync(EXAMPLE_LOCK, lockFile);
  copyFileSync(join(ROOT, 'examples/drive-platform/tenant-states.lock.json'), join(dir, 'platform', 'tenant-states.lock.json'));
  const definition = join(dir, 'platform', 'platform.ts');
  writeFileSync(definition, `import { examplePlatform as example } from ${JSON.stringify(join(ROOT, 'examples/drive-platform/platform'))};\n${body}\n`);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, gkePlatform: { definition: 'platform/platform.ts', ...gkePlatform } }, null, 2));
  return { dir, lockFile, definition };
}

let revision = 0;

/**
 * Changes the project's definition to `body` (as in exampleProject). A new file each time, since a module,
 * once required, stays cached for the life of the test process (a real CLI run is a fresh process).
 */
export function redefine(dir: string, body: string): void {
  const file = `platform/platform-r${++revision}.ts`;
  writeFileSync(join(dir, file), `import { examplePlatform as example } from ${JSON.stringify(join(ROOT, 'examples/drive-platform/platform'))};\n${body}\n`);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, gkePlatform: { ...manifest.gkePlatform, definition: file, lockFile: 'platform/ip-plan.lock.json' } }, null, 2));
}

/** The example plus a cluster `data-usw1` whose four ranges are not recorded yet. */
export const WITH_DATA_CLUSTER = `export const platform = { ...example, clusters: [...example.clusters,
  { name: 'data-usw1', project: 'drive-gke-prod', region: 'us-west1', environment: 'prod', maxNodes: 100, maxPodsPerNode: 32,
    authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }], nodePools: [{ name: 'general', kind: 'general', maxNodes: 100 }] }] };`;
