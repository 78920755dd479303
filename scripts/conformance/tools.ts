import { execFileSync, spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

/** The judges' tools, as `scripts/conformance/tools.sh` builds them into the cache outside the repository. */
export type ToolName = 'provider-google' | 'provider-random' | 'provider-aws' | 'kine' | 'kubernetes' | 'vault' | 'opentofu' | 'checkov' | CrdTool;
/**
 * Upstream CRDs, one entry per pinned release (tools.json `crds-*`): those the deploy rehearsal serves for add-on
 * prerequisites, and the Gateway API's, which the tenant suite serves (a cluster feature GKE installs, not a prerequisite).
 */
export type CrdTool = 'crds-istio' | 'crds-argo-cd' | 'crds-kueue' | 'crds-gateway-api';

const TOOLS_SCRIPT = join(__dirname, 'tools.sh');

const dirs = new Map<ToolName, string>();

/** Where a tool is (or would be) built: tools.sh decides, asked once per tool. */
export function toolDir(tool: ToolName): string {
  if (!dirs.has(tool)) dirs.set(tool, execFileSync('bash', [TOOLS_SCRIPT, '--dir-of', tool], { encoding: 'utf8' }).trim());
  return dirs.get(tool)!;
}

/** The tool's folder when it has been built completely, else undefined. */
export function builtTool(tool: ToolName): string | undefined {
  const dir = toolDir(tool);
  return existsSync(join(dir, '.done')) ? dir : undefined;
}

/** Cold build figures recorded by tools.sh: wall seconds and peak resident memory. */
export function buildFigures(tool: ToolName): { seconds: number; peakMiB: number } | undefined {
  const dir = builtTool(tool);
  if (!dir) return undefined;
  const read = (file: string) => Number(readFileSync(join(dir, file), 'utf8').trim());
  return { seconds: read('.build-seconds'), peakMiB: Math.round(read('.peak-kb') / 1024) };
}

interface ToolPin {
  readonly module: string;
  readonly version: string;
  /** What the pin is, for people: `hashicorp/google 8.0.0 (commit f3721fb)`. */
  readonly release: string;
  /** For providers: the version the synthesized JSON pins. */
  readonly synthesizedPin?: string;
  /** For CRDs: the upstream source a prerequisite RootSync names (upstreamSourceKey), at the same release. */
  readonly source?: string;
}

/** The pins, from the one file tools.sh builds from. */
export function toolPin(tool: ToolName): ToolPin {
  return JSON.parse(readFileSync(join(__dirname, 'tools.json'), 'utf8'))[tool];
}

/** The pinned tool as people read it; for a provider also the version the JSON pins, when they differ. */
export function toolVersion(tool: ToolName): string {
  const pin = toolPin(tool);
  return pin.synthesizedPin ? `${pin.release}, judging JSON that pins ${pin.synthesizedPin}` : pin.release;
}

/** Builds every tool tools.sh knows but those `except`; progress goes to this process's output. Returns success. */
export function buildTools(except: readonly ToolName[] = []): boolean {
  return spawnSync('bash', [TOOLS_SCRIPT, ...(except.length > 0 ? ['--except', except.join(',')] : [])], { stdio: 'inherit' }).status === 0;
}

/** Every CRD entry of tools.json: its tool, the upstream source it stands for, and its folder when built. */
export function crdBuilds(): { tool: CrdTool; source: string; release: string; dir?: string }[] {
  const pins = JSON.parse(readFileSync(join(__dirname, 'tools.json'), 'utf8')) as Record<string, ToolPin>;
  return Object.entries(pins)
    .filter(([tool]) => tool.startsWith('crds-'))
    .map(([tool, pin]) => ({ tool: tool as CrdTool, source: pin.source!, release: pin.release, dir: builtTool(tool as CrdTool) }));
}
