import { spawnSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Judgement } from './judgement';
import { builtTool, ToolName, toolVersion } from './tools';

/** Providers the synthesized JSON may require, by their registry type name. */
const PROVIDER_TOOLS: Record<string, ToolName> = { google: 'provider-google', random: 'provider-random', aws: 'provider-aws' };
/** Providers CI builds only when the machine's cache has them or a variable asks (their cold builds are the longest). */
const CI_OPTIONAL_PROVIDERS = new Set(['aws']);
/** Providers no registry reachable here serves at a usable version, and why (docs/conformance.md). */
const UNAVAILABLE_PROVIDERS: Record<string, string> = {
  vault: 'hashicorp/vault: the Go module proxy serves only its 1.9.0 of 2019, far older than the schema the stack is written for; the Vault judge replays the stack on a real Vault instead',
};

/** Terraform must not look for updates (checkpoint): nothing of conformance leaves the machine. */
const OFFLINE_ENV = { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
let binary: { path: string; version: string } | undefined;

/** The Terraform CLI to run: `terraform` on PATH (1.5 or newer), else the OpenTofu the tools script built. */
export function terraformBinary(): { path: string; version: string } {
  if (binary) return binary;
  const onPath = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, ...OFFLINE_ENV } });
  const version = onPath.status === 0 ? (JSON.parse(onPath.stdout).terraform_version as string) : undefined;
  if (version && !/^(0\.|1\.[0-4]\.)/.test(version)) return (binary = { path: 'terraform', version: `terraform ${version}` });
  const tofu = builtTool('opentofu');
  if (!tofu) throw new Error('neither terraform 1.5+ on PATH nor OpenTofu in the tools cache: run `npm run conformance -- --tools-only`');
  return (binary = { path: join(tofu, 'tofu'), version: toolVersion('opentofu') });
}

/**
 * A CLI configuration that makes Terraform use the locally built providers and nothing else: dev_overrides skip
 * version constraints and installation, and the empty filesystem mirror replaces the registry, so no request can
 * leave the machine. Both registry host names are listed, Terraform's and OpenTofu's.
 */
export function writeCliConfig(workDir: string): string {
  const mirror = join(workDir, 'empty-mirror');
  mkdirSync(mirror, { recursive: true });
  const overrides = Object.entries(PROVIDER_TOOLS)
    .flatMap(([type, tool]) => {
      const dir = builtTool(tool);
      return dir ? [`    "registry.terraform.io/hashicorp/${type}" = "${dir}"`, `    "registry.opentofu.org/hashicorp/${type}" = "${dir}"`] : [];
    })
    .join('\n');
  const file = join(workDir, 'terraformrc');
  writeFileSync(file, `provider_installation {\n  dev_overrides {\n${overrides}\n  }\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
  return file;
}

interface ValidateOutput {
  readonly valid: boolean;
  readonly diagnostics: readonly { severity: string; summary: string; detail?: string; address?: string; range?: { start: { line: number } } }[];
}

/**
 * `terraform validate` on one synthesized stack with the real providers. The stack is copied without its backend
 * block (validate never reads state, and a backend would ask for `init`); nothing is planned or applied.
 */
export function validateStack(stackJsonFile: string, target: string, workDir: string, cliConfig: string): Judgement {
  const tf = terraformBinary();
  const config = JSON.parse(readFileSync(stackJsonFile, 'utf8'));
  const providers = Object.values<{ source: string; version: string }>(config.terraform?.required_providers ?? {});
  const resources = Object.values<Record<string, unknown>>(config.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const versions = providers.map((p) => {
    const type = p.source.split('/').pop()!;
    const tool = PROVIDER_TOOLS[type];
    return tool && builtTool(tool) ? toolVersion(tool) : `hashicorp/${type} (not built)`;
  });
  const version = `${tf.version}; ${versions.join(', ')}`;
  const missing = providers.map((p) => p.source.split('/').pop()!).filter((type) => !PROVIDER_TOOLS[type] || !builtTool(PROVIDER_TOOLS[type]));
  if (missing.length > 0) {
    const why = missing.map((type) =>
      PROVIDER_TOOLS[type]
        ? `hashicorp/${type} not built (npm run conformance -- --tools-only${CI_OPTIONAL_PROVIDERS.has(type) ? '; in CI only when cached or with CONFORMANCE_BUILD_AWS=1' : ''})`
        : (UNAVAILABLE_PROVIDERS[type] ?? `no build recipe for provider ${type}`),
    );
    // Only a provider CI builds on request, or one no reachable registry serves, may leave a stack unjudged.
    const because = missing.every((type) => CI_OPTIONAL_PROVIDERS.has(type) || UNAVAILABLE_PROVIDERS[type]) ? (missing.some((type) => CI_OPTIONAL_PROVIDERS.has(type)) ? 'ci-optional-build' : 'upstream-unavailable') : undefined;
    return { judge: 'terraform validate', version, target, checked: 0, passed: 0, failed: 0, skipped: 0, failures: [], notJudged: `provider not built: ${why.join(', ')}`, notJudgedBecause: because };
  }
  delete config.terraform.backend;
  const dir = join(workDir, 'terraform', target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
  const run = spawnSync(tf.path, ['validate', '-json', '-no-color'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...OFFLINE_ENV, TF_CLI_CONFIG_FILE: cliConfig },
    maxBuffer: 64 * 1024 * 1024,
  });
  let output: ValidateOutput;
  try {
    output = JSON.parse(run.stdout);
  } catch {
    return { judge: 'terraform validate', version, target, checked: 0, passed: 0, failed: 0, skipped: 0, failures: [], notJudged: `validate did not answer: ${(run.stderr || run.stdout).trim().split('\n').slice(0, 3).join(' ')}` };
  }
  const errors = output.diagnostics.filter((d) => d.severity === 'error');
  const failures = errors.map((d) => `${target}: ${d.address ?? `line ${d.range?.start.line ?? '?'}`}: ${d.summary}${d.detail ? ` (${d.detail.replace(/\s+/g, ' ').trim()})` : ''}`);
  const failedResources = new Set(errors.map((d) => d.address ?? d.summary)).size;
  return {
    judge: 'terraform validate',
    version,
    target,
    checked: resources,
    passed: output.valid ? resources : Math.max(0, resources - failedResources),
    failed: output.valid ? 0 : Math.max(1, failedResources),
    skipped: 0,
    failures,
  };
}
