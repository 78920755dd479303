import { Construct } from 'constructs';
import { buildPlatformStacks, type LoadedPlatform, loadPlatform, type PlatformStacks, synthClusterManifests } from '../../lib';
import { singleRegionLockFile, singleRegionPlatform } from './platform';

export interface SingleRegionOptions {
  /**
   * Fail instead of recording a range missing from the lock file.
   * @default true when CI=true (loadPlatform's default)
   */
  readonly frozen?: boolean;
}

export interface SingleRegion {
  readonly platform: LoadedPlatform;
  readonly stacks: PlatformStacks;
}

/**
 * Adds the platform's stacks to an app: `shop-network`, `shop-cluster-prod-euw1`, `shop-tenants`, each with its
 * own state, in dependency order for `cdktf deploy '*'`.
 */
export function buildSingleRegion(app: Construct, options: SingleRegionOptions = {}): SingleRegion {
  const platform = loadPlatform(singleRegionPlatform, { lockFile: singleRegionLockFile, frozen: options.frozen });
  return { platform, stacks: buildPlatformStacks(app, platform) };
}

/** Writes the cluster's manifests to `<outdir>/prod-euw1/` for a GitOps engine to apply. */
export function synthSingleRegionManifests(platform: LoadedPlatform, outdir: string): void {
  synthClusterManifests(platform, outdir);
}
