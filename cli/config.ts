import { existsSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { CliError } from './cli-error';

/**
 * Where a project keeps its platform: the `gkePlatform` field of package.json (what `init` writes) or a
 * JSON file passed with `--config`. Every command reads it; paths are relative to the file holding it.
 */
export interface PlatformConfig {
  /** Module exporting `platform` (a PlatformDefinition), e.g. `platform/platform.ts`. */
  readonly definition: string;
  /** The IP plan's lock file. @default `ip-plan.lock.json` beside the definition */
  readonly lockFile?: string;
  /** Where `synth` writes the Terraform JSON. @default 'cdktf.out' */
  readonly terraformOutdir?: string;
  /** Where `synth` writes the per-cluster manifests. @default 'dist' */
  readonly manifestsOutdir?: string;
  /** Where `report` writes the Markdown report and the address-space picture. @default 'report' */
  readonly reportDir?: string;
  /** How this project runs the CLI, for the commands printed in fixes. @default 'npx gke-platform' */
  readonly command?: string;
}

/** The package.json field `init` writes. */
export const PACKAGE_JSON_FIELD = 'gkePlatform';
export const DEFAULT_COMMAND = 'npx gke-platform';

/** A configuration with every path absolute and every default applied. */
export interface ResolvedConfig {
  /** Folder the configuration's paths are relative to. */
  readonly root: string;
  /** Where the configuration was read, for messages (`package.json#gkePlatform`, `gke-platform.json`). */
  readonly source: string;
  /** Absolute path of the definition module. */
  readonly definition: string;
  /** Absolute path of the IP plan lock file. */
  readonly lockFile: string;
  /** Absolute path synth writes the Terraform JSON to. */
  readonly terraformOutdir: string;
  /** Absolute path synth writes the per-cluster manifests to. */
  readonly manifestsOutdir: string;
  /** Absolute path report writes to. */
  readonly reportDir: string;
  /** How the user runs the CLI (`npx gke-platform`), for printed commands; see `commandLine`. */
  readonly command: string;
  /** `--config FILE` when the configuration came from a file, else empty. */
  readonly configFlag: string;
}

/** The exact command line for a subcommand of this configuration, e.g. `npx gke-platform plan --write`. */
export function commandLine(config: ResolvedConfig, subcommand: string): string {
  return `${config.command} ${subcommand}${config.configFlag}`;
}

/**
 * Finds the configuration: `--config FILE` if given, else the `gkePlatform` field of `<cwd>/package.json`.
 * Never falls back to an example: without a configuration, the error says how to create one.
 */
export function loadConfig(cwd: string, configFile?: string): ResolvedConfig {
  if (configFile) {
    const path = resolve(cwd, configFile);
    if (!existsSync(path)) throw new CliError(`--config ${configFile}: no such file`, 'give the path of a JSON file holding the platform configuration');
    const raw = readJson(path);
    const shown = relative(cwd, path) || path;
    return resolveConfig(raw, dirname(path), shown, stringField(raw, 'command', shown) ?? DEFAULT_COMMAND, ` --config ${shown}`);
  }
  const packageJson = join(cwd, 'package.json');
  const field = existsSync(packageJson) ? (readJson(packageJson) as Record<string, unknown>)[PACKAGE_JSON_FIELD] : undefined;
  if (field === undefined) {
    throw new CliError(`no platform configuration in ${cwd} (package.json has no "${PACKAGE_JSON_FIELD}" field)`, `run \`${DEFAULT_COMMAND} init --gitops-repo <url>\` in an empty folder to start a platform, or pass --config FILE`);
  }
  const source = `package.json#${PACKAGE_JSON_FIELD}`;
  return resolveConfig(field, cwd, source, stringField(field, 'command', source) ?? DEFAULT_COMMAND, '');
}

function resolveConfig(raw: unknown, root: string, source: string, command: string, configFlag: string): ResolvedConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CliError(`${source} is not a JSON object`, 'write { "definition": "platform/platform.ts" }');
  const known = new Set(['definition', 'lockFile', 'terraformOutdir', 'manifestsOutdir', 'reportDir', 'command']);
  const unknown = Object.keys(raw).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new CliError(`${source}: unknown field(s) ${unknown.join(', ')}`, `use only ${[...known].join(', ')}`);
  const definition = stringField(raw, 'definition', source);
  if (!definition) throw new CliError(`${source}: "definition" is required`, 'name the module that exports `platform`, e.g. "platform/platform.ts"');
  const at = (value: string | undefined, fallback: string) => resolve(root, value ?? fallback);
  const definitionPath = resolve(root, definition);
  return {
    root,
    source,
    definition: definitionPath,
    lockFile: at(stringField(raw, 'lockFile', source), relative(root, join(dirname(definitionPath), 'ip-plan.lock.json'))),
    terraformOutdir: at(stringField(raw, 'terraformOutdir', source), 'cdktf.out'),
    manifestsOutdir: at(stringField(raw, 'manifestsOutdir', source), 'dist'),
    reportDir: at(stringField(raw, 'reportDir', source), 'report'),
    command,
    configFlag,
  };
}

function stringField(raw: unknown, field: string, source: string): string | undefined {
  const value = (raw as Record<string, unknown>)[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`${source}: "${field}" must be a non-empty string`, `give "${field}" as a path or command string`);
  return value;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${path} is not valid JSON (${(error as Error).message})`, 'fix the JSON syntax');
  }
}
