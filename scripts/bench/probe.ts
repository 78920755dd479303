/**
 * Preloaded (`node --require probe.js`) into every measured child: on exit it writes the process's
 * peak resident set size and the phase timings the workload recorded to $BENCH_PROBE_OUT, so the
 * same probe measures compiled workloads and the example run through tsx alike.
 */
import { writeFileSync } from 'fs';

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

const out = process.env.BENCH_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const report: ProbeReport = {
      maxRssKb: process.resourceUsage().maxRSS,
      phases: ((globalThis as Record<string, unknown>)[PHASES_KEY] as Record<string, number> | undefined) ?? {},
      uptimeMs: Math.round(process.uptime() * 1000),
    };
    writeFileSync(out, JSON.stringify(report));
  });
}
