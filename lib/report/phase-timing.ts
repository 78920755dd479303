import { performance } from 'perf_hooks';

/** The prefix of the `performance.measure` entries `phase` records. */
export const PHASE_PREFIX = 'gke-platform:';

/**
 * Runs `run` as a named phase of a synth or verification: records a `performance.measure` entry
 * (`gke-platform:<name>`, e.g. `gke-platform:construct`) that the benchmark's probe, a profiler or
 * `performance.getEntriesByType('measure')` can read. Nothing is printed; the cost is two clock reads.
 */
export function phase<T>(name: string, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    performance.measure(`${PHASE_PREFIX}${name}`, { start, end: performance.now() });
  }
}
