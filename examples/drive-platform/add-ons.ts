/**
 * The bundled example's add-ons: the seed's platform systems. The definition enables each with one line
 * (`driveAddOnEntries`); the CLI reads their code from the `addOns` export of platform.ts.
 */
import { istioAddOn, PlatformAddOn, spinnakerAddOn, vaultAddOn } from '../../lib/addons';
import type { AddOnEntry } from '../../lib/domain/platform/platform-definition';

export const driveAddOns: readonly PlatformAddOn[] = [vaultAddOn, istioAddOn, spinnakerAddOn];

export const driveAddOnEntries: readonly AddOnEntry[] = [
  { name: 'vault', settings: { address: 'https://vault.example.com:8200' } },
  { name: 'istio' },
  { name: 'spinnaker', settings: { cluster: 'prod-usc1', version: '1.36.0' } },
];
