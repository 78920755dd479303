import { loadConfig, ResolvedConfig } from './config';
import { ConfiguredPlatform, loadConfiguredPlatform } from './platform-source';

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

/** A project's platform as every command loads it: its configuration, the validated platform and its add-ons. */
export interface PlatformProject extends ConfiguredPlatform {
  /** The project's configuration, every path absolute. */
  readonly config: ResolvedConfig;
}

/**
 * Loads a platform project the way the `gke-platform` commands do: the configuration (package.json's `gkePlatform`
 * field), the definition module it names with its `addOns` export, validated with those add-ons, and the IP plan
 * and tenant states resolved against the lock files. A project's own tests call this, so enabling an add-on in the
 * definition (and exporting its code as `addOns`) never breaks them.
 */
export function loadPlatformProject(dir: string, options: LoadPlatformProjectOptions = {}): PlatformProject {
  const config = loadConfig(dir, options.configFile);
  const configured = loadConfiguredPlatform(config, { frozen: options.frozen ?? true, record: options.record ?? false, log: options.log ?? (() => undefined) });
  return { ...configured, config };
}
