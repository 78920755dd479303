/**
 * The `workload-class` node label (and, on Spot batch pools, taint) the node-pool presets put on pools: shared by the
 * presets (lib/gke) and whatever schedules onto those pools (Kueue's ResourceFlavors), so the two never disagree. Pure.
 */

/** Label (and for batch, taint) key saying which class of workload a pool is for. */
export const WORKLOAD_CLASS_KEY = 'workload-class';

export const WORKLOAD_CLASS_GENERAL = 'general';
export const WORKLOAD_CLASS_BATCH = 'batch';
export const WORKLOAD_CLASS_GPU = 'gpu';
