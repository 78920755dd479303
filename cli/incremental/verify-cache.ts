/**
 * The connectivity verification's cache, beside the synth record in `.gke-platform-cache/verify.json`:
 * - what the model reads of each file, by the hash of the file's bytes: a stack's resources of the types the
 *   model reads (MODEL_RESOURCE_TYPES), a manifest file's Namespaces, NetworkPolicies and Istio objects; so an
 *   unchanged file is neither parsed nor read again, and each carries the hash of what the model reads of it;
 * - the last verification's verdicts, keyed by the code version, the intents (derived, declared and the add-ons'),
 *   what the model takes from the definition (remote networks, links, mesh settings) and what it read of every
 *   file: when none of that changed (a tenant's quota, groups, labels or IAM changed, nothing the model reads), the
 *   verdicts are reused; otherwise every intent is judged again (by classes: see lib/domain/reachability).
 * Like the synth record it is safe to delete, and anything unreadable in it is ignored.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { Verdict } from '../../lib/domain/reachability/evaluate-intent';
import type { VerificationResult } from '../../lib/domain/reachability/verify-intents';
import { hashParts, hashValue } from './content-hash';
import { writeCacheFile } from './synth-cache';

const VERIFY_FILE = 'verify.json';
const VERSION = 1;

/** What the model reads of one file, and its hash. */
export interface ModelPart {
  /** A stack's `{ resource }` of the model's types, or a manifest file's kept objects. */
  readonly content: unknown;
  /** The hash of `content`. */
  readonly hash: string;
}

/** The verdicts of a verification, as stored. */
interface StoredVerdicts {
  readonly key: string;
  readonly counts: VerificationResult['counts'];
  readonly failures: readonly Verdict[];
  readonly accepted: readonly Verdict[];
}

interface VerifyFile {
  readonly version: typeof VERSION;
  readonly code: string;
  readonly parts: Record<string, ModelPart>;
  readonly verdicts?: StoredVerdicts;
}

/** The verification cache of one run: what it found, and what it collects for the next run. */
export class VerifyCache {
  private readonly used = new Map<string, ModelPart>();
  private verdicts: StoredVerdicts | undefined;

  private constructor(
    private readonly dir: string,
    private readonly code: string,
    private readonly known: Readonly<Record<string, ModelPart>>,
    private readonly previousVerdicts: StoredVerdicts | undefined,
  ) {}

  /** The cache in `dir` for this code version (empty when missing, unreadable or of other code, or when not `read`). */
  public static open(dir: string, code: string, read = true): VerifyCache {
    const file = join(dir, VERIFY_FILE);
    try {
      if (read && existsSync(file)) {
        const stored = JSON.parse(readFileSync(file, 'utf8')) as VerifyFile;
        if (stored?.version === VERSION && stored.code === code && stored.parts && typeof stored.parts === 'object') {
          const verdicts = stored.verdicts && typeof stored.verdicts.key === 'string' && Array.isArray(stored.verdicts.failures) && Array.isArray(stored.verdicts.accepted) ? stored.verdicts : undefined;
          return new VerifyCache(dir, code, stored.parts, verdicts);
        }
      }
    } catch {
      // A corrupt or partial cache is no cache.
    }
    return new VerifyCache(dir, code, {}, undefined);
  }

  /** What the model reads of the file whose bytes hash to `fileHash` (read and reduced by `read` when unknown). */
  public part(fileHash: string, read: () => unknown): ModelPart {
    const known = this.used.get(fileHash) ?? this.known[fileHash];
    const part = known && typeof known.hash === 'string' ? known : modelPart(read());
    this.used.set(fileHash, part);
    return part;
  }

  /** The stored verdicts when they were judged on inputs with this key. */
  public verdictsFor(key: string): StoredVerdicts | undefined {
    return this.previousVerdicts?.key === key ? this.previousVerdicts : undefined;
  }

  /** Remembers a verification's verdicts under its key. */
  public remember(key: string, result: VerificationResult): void {
    this.verdicts = { key, counts: result.counts, failures: result.failures, accepted: result.accepted };
  }

  /** Writes what this run used (parts of files no longer in the output are dropped) and the verdicts. */
  public save(): void {
    const stored: VerifyFile = { version: VERSION, code: this.code, parts: Object.fromEntries(this.used), ...(this.verdicts ? { verdicts: this.verdicts } : {}) };
    writeCacheFile(this.dir, VERIFY_FILE, JSON.stringify(stored));
  }
}

/** A part and its hash. */
export function modelPart(content: unknown): ModelPart {
  return { content, hash: hashValue(content) };
}

/** The key of a verification: the code, the intents and context it judges, and what the model reads of every file. */
export function verdictKey(code: string, inputs: readonly unknown[], parts: readonly string[]): string {
  return hashParts([code, ...inputs.map(hashValue), ...parts]);
}
