// cdktf + cdk8s app: `npx tsx examples/tenant-alerts/main.ts` synthesizes the bundled example platform with the
// tenant-alerts add-on enabled: cdktf.out/stacks/drive-*/ and dist/<cluster>/.
import { App } from 'cdktf';
import { buildPlatformStacks, loadPlatform, synthClusterManifests } from '../../lib';
import { exampleLockFile, examplePlatform } from '../../examples/drive-platform/platform';
import { tenantAlerts } from './tenant-alerts-add-on';

const definition = { ...examplePlatform, addOns: [{ name: 'tenant-alerts', settings: { retentionDays: 7 } }] };
const platform = loadPlatform(definition, { lockFile: exampleLockFile, addOns: [tenantAlerts] });
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildPlatformStacks(app, platform, { addOns: [tenantAlerts] });
app.synth();
synthClusterManifests(platform, process.env.CDK8S_OUTDIR ?? 'dist', { addOns: [tenantAlerts] });
