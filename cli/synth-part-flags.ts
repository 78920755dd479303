/**
 * Node options of the two processes `gke-platform synth` starts (cli/parallel-synth.ts), also used by the
 * benchmark's "both apps" case so it measures what the executable runs.
 *
 * Why: cdktf's synthesis allocates garbage far faster than it keeps data. At 50 clusters × 5,000 tenants the
 * Terraform side never holds more than ~350 MB live (`node --trace-gc`: every major GC ends at 20-346 MB), yet V8's
 * dynamic growing factor (up to 4× after a major GC) let its heap reach 1.4 GB before collecting: peak RSS 1.5 GB, and
 * 1.8 GB for both processes. `--heap-growing-percent=50` caps the growth at 1.5×: 680 MB peak in the same time
 * (BENCHMARKS.md). It bounds growth, not size: a larger platform still gets the heap it needs.
 */
export const SYNTH_PART_HEAP_FLAG = '--heap-growing-percent=50';

/** The child's Node arguments: the parent's (tsx's loader among them) plus the heap flag, unless the caller set one. */
export function synthPartNodeArgs(execArgv: readonly string[]): string[] {
  return execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent')) ? [...execArgv] : [...execArgv, SYNTH_PART_HEAP_FLAG];
}
