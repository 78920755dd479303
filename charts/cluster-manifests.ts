import { LoadedPlatform } from '../lib/platform/load-platform';

/** Synthesizes one folder of manifests per cluster: `<outdir>/<cluster>/`. */
export function synthClusterManifests(platform: LoadedPlatform, outdir: string): void {
  void platform;
  void outdir;
}
