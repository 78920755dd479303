/**
 * Preloaded (`node --require probe.js`) into every measured child: on exit it writes the process's
 * peak resident set size and the phase timings the workload recorded to $BENCH_PROBE_OUT, so the
 * same probe measures compiled workloads and the example run through tsx alike.
 */
import { writeFileSync } from 'fs';
import { performance } from 'perf_hooks';

export interface ProbeReport {
  /** Peak RSS of the whole process (getrusage ru_maxrss), in kilobytes. */
  readonly maxRssKb: number;
  /** Milliseconds per phase, in the order the workload ran them. */
  readonly phases: Readonly<Record<string, number>>;
  /** Process uptime at exit, in milliseconds. */
  readonly uptimeMs: number;
}

/** Where workloads record phase timings for the probe. */
export const PHASES_KEY = '__benchPhases';

/** The prefix of the phases `gke-platform` records (lib/report/phase-timing.ts; not imported, to load nothing). */
const CLI_PHASE_PREFIX = 'gke-platform:';
/** Set in the two processes `gke-platform synth` starts (cli/parallel-synth.ts): each writes a report of its own. */
const SYNTH_PART_ENV = 'GKE_PLATFORM_SYNTH_PART';

/** Where a process writes its report: `$BENCH_PROBE_OUT`, or `$BENCH_PROBE_OUT.<part>` in a synth part's child. */
export function probeOutput(base: string, part: string | undefined): string {
  return part ? `${base}.${part}` : base;
}

const out = process.env.BENCH_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const phases: Record<string, number> = { ...(((globalThis as Record<string, unknown>)[PHASES_KEY] as Record<string, number> | undefined) ?? {}) };
    // The phases the CLI measured (define, construct, synth, write, verify, ...), summed by name.
    for (const entry of performance.getEntriesByType('measure')) {
      if (!entry.name.startsWith(CLI_PHASE_PREFIX)) continue;
      const name = entry.name.slice(CLI_PHASE_PREFIX.length);
      phases[name] = Math.round(((phases[name] ?? 0) + entry.duration) * 10) / 10;
    }
    const report: ProbeReport = {
      maxRssKb: process.resourceUsage().maxRSS,
      phases,
      uptimeMs: Math.round(process.uptime() * 1000),
    };
    writeFileSync(probeOutput(out, process.env[SYNTH_PART_ENV]), JSON.stringify(report));
  });
}
