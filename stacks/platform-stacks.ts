import { Construct } from 'constructs';
import { LoadedPlatform } from '../lib/platform/load-platform';

/** Composes every stack of a platform: one state (and blast radius) per network, cluster and link. */
export function buildPlatformStacks(scope: Construct, platform: LoadedPlatform): void {
  void scope;
  void platform;
}
