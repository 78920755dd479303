import { join } from 'path';
import { argoCdAddOn, type PlatformAddOn, type PlatformDefinition } from '../../lib';
import { singleRegionPlatform } from '../single-region/platform';

/**
 * The single-region platform with one add-on: Argo CD (running on its cluster) gets an AppProject and an
 * ApplicationSet per tenant. One line of the definition enables it; nothing else changes.
 */
export const argoCdOnlyPlatform: PlatformDefinition = {
  ...singleRegionPlatform,
  addOns: [{ name: 'argo-cd', settings: { cluster: 'prod-euw1' } }],
};

/** The same ranges as single-region: the add-on allocates none. */
export const argoCdOnlyLockFile = join(__dirname, '..', 'single-region', 'ip-plan.lock.json');
export const argoCdOnlyAddOns: readonly PlatformAddOn[] = [argoCdAddOn];

/** What the CLI reads: `npm run gke-platform -- synth --config examples/argo-cd-only/gke-platform.json`. */
export { argoCdOnlyPlatform as platform, argoCdOnlyLockFile as lockFile, argoCdOnlyAddOns as addOns };
