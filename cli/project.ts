import type { PlatformAddOn } from '../lib/addons/platform-add-on';
import type { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { loadConfig } from './config';
import { loadConfiguredPlatform } from './platform-source';

/** How `loadPlatformProject` treats the lock files. */
export interface LoadPlatformProjectOptions {
  /** A JSON configuration file (relative to the project folder) instead of package.json's `gkePlatform` field. @default package.json#gkePlatform */
  readonly configFile?: string;
  /** Fail on a range or tenant the lock files lack instead of placing it. @default true (what a test and CI want) */
  readonly frozen?: boolean;
  /** Write newly placed ranges and tenants to the lock files (only when not frozen). @default false */
  readonly record?: boolean;
  /** Where notices go (orphaned ranges, expiring developer namespaces). @default discarded */
  readonly log?: (message: string) => void;
}

/**
 * A project's platform as every command loads it: the validated platform and its add-ons (what a project's tests and
 * scripts pass on to the stack and chart builders). The commands' own configuration and deferred lock writes stay
 * inside the CLI.
 */
export interface PlatformProject {
  /** The validated platform with its IP plan resolved. */
  readonly platform: LoadedPlatform;
  /** The add-ons the definition module exports (none when it exports none). */
  readonly addOns: readonly PlatformAddOn[];
}

/**
 * Loads a platform project the way the `gke-platform` commands do: the configuration (package.json's `gkePlatform`
 * field), the definition module it names with its `addOns` export, validated with those add-ons, and the IP plan
 * and tenant states resolved against the lock files. A project's own tests call this, so enabling an add-on in the
 * definition (and exporting its code as `addOns`) never breaks them.
 */
export function loadPlatformProject(dir: string, options: LoadPlatformProjectOptions = {}): PlatformProject {
  const config = loadConfig(dir, options.configFile);
  const { platform, addOns } = loadConfiguredPlatform(config, { frozen: options.frozen ?? true, record: options.record ?? false, log: options.log ?? (() => undefined) });
  return { platform, addOns };
}
