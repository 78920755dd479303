// The bundled example platform with the tenant-alerts add-on enabled: one definition module, as the CLI and
// `npm run conformance` read it (`platform`, `lockFile`, `addOns`).
import type { PlatformDefinition } from '../../lib';
import { exampleLockFile, examplePlatform } from '../drive-platform/platform';
import { tenantAlerts } from './tenant-alerts-add-on';

export const tenantAlertsPlatform: PlatformDefinition = { ...examplePlatform, addOns: [{ name: 'tenant-alerts', settings: { retentionDays: 7 } }] };

export { tenantAlertsPlatform as platform, exampleLockFile as lockFile };
export const addOns = [tenantAlerts];
