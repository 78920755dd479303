// cdktf + cdk8s app: `npx tsx examples/tenant-alerts/main.ts` synthesizes the bundled example platform with the
// tenant-alerts add-on enabled: cdktf.out/stacks/drive-*/ and dist/<cluster>/.
import { App } from 'cdktf';
import { buildPlatformStacks, loadPlatform, synthClusterManifests } from '../../lib';
import { addOns, lockFile, platform as definition } from './platform';

const platform = loadPlatform(definition, { lockFile, addOns });
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildPlatformStacks(app, platform, { addOns });
app.synth();
synthClusterManifests(platform, process.env.CDK8S_OUTDIR ?? 'dist', { addOns });
