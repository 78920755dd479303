import { Construct } from 'constructs';
import { buildPlatformStacks, type LoadedPlatform, loadPlatform, type PlatformStacks, synthClusterManifests } from '../../lib';
import { regulatedLockFile, regulatedPlatform } from './platform';

export interface RegulatedOptions {
  /**
   * Fail instead of recording a range missing from the lock file.
   * @default true when CI=true (loadPlatform's default)
   */
  readonly frozen?: boolean;
}

export interface Regulated {
  readonly platform: LoadedPlatform;
  readonly stacks: PlatformStacks;
}

/** Adds the platform's stacks to an app: project services, network, fleet, one stack per cluster, the tenants' state. */
export function buildRegulated(app: Construct, options: RegulatedOptions = {}): Regulated {
  const platform = loadPlatform(regulatedPlatform, { lockFile: regulatedLockFile, frozen: options.frozen });
  return { platform, stacks: buildPlatformStacks(app, platform) };
}

/** Writes each cluster's manifests to `<outdir>/<cluster>/` for a GitOps engine to apply. */
export function synthRegulatedManifests(platform: LoadedPlatform, outdir: string): void {
  synthClusterManifests(platform, outdir);
}
