import { Construct } from 'constructs';
import { buildPlatformStacks, type LoadedPlatform, loadPlatform, type PlatformStacks, synthClusterManifests } from '../../lib';
import { brownfieldLockFile, brownfieldPlatform } from './platform';

export interface Brownfield {
  readonly platform: LoadedPlatform;
  readonly stacks: PlatformStacks;
}

/**
 * Adds the platform's stacks to an app: `fin-network` (reads the existing VPC corp-shared and creates the platform's
 * subnet, rules and NAT in it), `fin-link-aws-euw2` (VPN connections on the existing transit gateway, routes in the
 * existing route tables), the cluster, fleet, project-services and tenant stacks.
 */
export function buildBrownfield(app: Construct, options: { readonly frozen?: boolean } = {}): Brownfield {
  const platform = loadPlatform(brownfieldPlatform, { lockFile: brownfieldLockFile, frozen: options.frozen });
  return { platform, stacks: buildPlatformStacks(app, platform) };
}

/** Writes the cluster's manifests to `<outdir>/prod-euw2/` for a GitOps engine to apply. */
export function synthBrownfieldManifests(platform: LoadedPlatform, outdir: string): void {
  synthClusterManifests(platform, outdir);
}
