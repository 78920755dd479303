import { resolve } from 'path';
import { PlatformDefinition } from '../lib/domain/platform/platform-definition';

/** The platform module the CLIs read: `--platform FILE`, by default the bundled example. */
export const DEFAULT_PLATFORM_MODULE = 'stacks/example-platform.ts';

/** What a platform module exports: the definition, its lock file, and whatever else a CLI looks for. */
export type PlatformModule<Extra extends object = object> = Extra & { readonly platform: PlatformDefinition; readonly lockFile: string };

/** Loads a platform module (TypeScript through the running tsx) and checks it exports `platform` and `lockFile`. */
export function requirePlatformModule<Extra extends object = object>(file: string): PlatformModule<Extra> {
  const module = require(resolve(file)) as Partial<PlatformModule<Extra>>;
  if (!module.platform || !module.lockFile) throw new Error(`${file} must export \`platform\` (a PlatformDefinition) and \`lockFile\` (its lock file path)`);
  return module as PlatformModule<Extra>;
}
