import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Judgement } from './judgement';

/** One accepted checkov finding: the check, the resources it applies to (a glob on checkov's resource id), why. */
export interface CheckovSkip {
  readonly check: string;
  /** checkov's resource id, `*` matching any run of characters: `google_container_cluster.*`, `Namespace.*.ml`. */
  readonly resource: string;
  /** One line a reviewer can judge: why the finding does not apply or is accepted. */
  readonly reason: string;
}

export interface CheckovFinding {
  readonly check: string;
  readonly name: string;
  readonly resource: string;
  readonly file: string;
}

export function readSkips(file: string): CheckovSkip[] {
  const skips = JSON.parse(readFileSync(file, 'utf8')) as CheckovSkip[];
  for (const [index, skip] of skips.entries()) {
    if (!/^CKV2?_[A-Z0-9]+_\d+$/.test(skip.check ?? '') || !skip.resource || !skip.reason || skip.reason.trim().length < 10) {
      throw new Error(`${file}: entry ${index} needs a check id (CKV_...), a resource glob and a reason a reviewer can judge; got ${JSON.stringify(skip)}`);
    }
  }
  return skips;
}

function globMatches(glob: string, value: string): boolean {
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(value);
}

/** The skip that accepts a finding, if any. */
export function skipFor(finding: CheckovFinding, skips: readonly CheckovSkip[]): CheckovSkip | undefined {
  return skips.find((skip) => skip.check === finding.check && globMatches(skip.resource, finding.resource));
}

interface CheckovReport {
  readonly check_type: string;
  readonly results: { passed_checks?: RawCheck[]; failed_checks?: RawCheck[] };
}
interface RawCheck {
  readonly check_id: string;
  readonly check_name: string;
  readonly resource: string;
  /** Relative to the scanned folder: `/<target>/cdktf.out/stacks/<stack>/cdk.tf.json` or `/<target>/dist/<cluster>/<file>.yaml`. */
  readonly file_path: string;
}

/** Where a check belongs: the judged target (`<target>/cdktf.out` or `<target>/dist`) and the folder inside it. */
export function checkPlace(filePath: string): { target: string; folder: string } {
  const parts = filePath.split('/').filter(Boolean);
  const output = parts[1] === 'cdktf.out' ? 'cdktf.out' : parts[1];
  const folder = output === 'cdktf.out' ? (parts[3] ?? '') : (parts[2] ?? '');
  return { target: `${parts[0]}/${output}`, folder };
}

/**
 * A readable, stable resource id: `<stack>/<type>.<name>` for Terraform JSON (checkov names cdktf's resources only
 * `resource.<name>`, so the type is looked up in the stack), `<cluster>/<Kind>.<namespace>.<name>` for manifests.
 */
export function findingResource(raw: Pick<RawCheck, 'resource' | 'file_path'>, typeOf: (file: string, name: string) => string | undefined): string {
  const { folder } = checkPlace(raw.file_path);
  if (raw.resource.startsWith('resource.')) {
    const name = raw.resource.slice('resource.'.length);
    const type = typeOf(raw.file_path, name);
    return `${folder}/${type ? `${type}.` : ''}${name}`;
  }
  return `${folder}/${raw.resource}`;
}

/** Resource name → type of a synthesized stack, read once per file. */
function terraformTypes(directory: string): (file: string, name: string) => string | undefined {
  const cache = new Map<string, Map<string, string>>();
  return (file, name) => {
    if (!cache.has(file)) {
      const types = new Map<string, string>();
      const config = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      for (const [type, byName] of Object.entries(config.resource ?? {})) for (const key of Object.keys(byName)) types.set(key, type);
      cache.set(file, types);
    }
    return cache.get(file)!.get(name);
  };
}

/**
 * checkov once over every target (`<directory>/<target>/{cdktf.out,dist}`), offline: no API key, `--skip-download`
 * (no guidelines or policies fetched), no upload. One judgement per target and output folder; every failed check
 * is either accepted by the skip file or a failure.
 */
export function runCheckov(python: string, directory: string, version: string, skips: readonly CheckovSkip[], used: Set<CheckovSkip>): Judgement[] {
  const run = spawnSync(python, ['-m', 'checkov.main', '-d', directory, '--framework', 'terraform_json', 'kubernetes', '--skip-download', '--skip-results-upload', '--download-external-modules', 'false', '-o', 'json'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, BC_SKIP_MAPPING: 'TRUE', CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false', LOG_LEVEL: 'ERROR' },
  });
  const judge = 'checkov' as const;
  let parsed: CheckovReport | CheckovReport[];
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    return [
      { judge, version, target: 'all targets', checked: 0, passed: 0, failed: 0, skipped: 0, failures: [], notJudged: `checkov did not answer (exit ${run.status}): ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' ')}` },
    ];
  }
  const reports = (Array.isArray(parsed) ? parsed : [parsed]).filter((r) => r.results);
  const typeOf = terraformTypes(directory);
  const byTarget = new Map<string, { passed: number; failed: number; skipped: number; failures: string[] }>();
  const tally = (filePath: string) => {
    const { target } = checkPlace(filePath);
    if (!byTarget.has(target)) byTarget.set(target, { passed: 0, failed: 0, skipped: 0, failures: [] });
    return byTarget.get(target)!;
  };
  for (const raw of reports.flatMap((r) => r.results.passed_checks ?? [])) tally(raw.file_path).passed += 1;
  for (const raw of reports.flatMap((r) => r.results.failed_checks ?? [])) {
    const entry = tally(raw.file_path);
    const finding: CheckovFinding = { check: raw.check_id, name: raw.check_name, resource: findingResource(raw, typeOf), file: raw.file_path };
    const skip = skipFor(finding, skips);
    if (skip) {
      entry.skipped += 1;
      used.add(skip);
    } else {
      entry.failed += 1;
      entry.failures.push(`${checkPlace(raw.file_path).target}: ${finding.check} ${finding.resource}: ${finding.name}`);
    }
  }
  return [...byTarget.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([target, t]) => ({ judge, version, target, checked: t.passed + t.failed + t.skipped, passed: t.passed, failed: t.failed, skipped: t.skipped, failures: t.failures }));
}
