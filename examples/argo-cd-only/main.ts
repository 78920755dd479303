// cdktf + cdk8s app: `npx tsx examples/argo-cd-only/main.ts` writes cdktf.out/stacks/shop-*/ and dist/prod-euw1/
// (with argo-cd AppProjects and ApplicationSets in dist/prod-euw1/platform.k8s.yaml).
import { App } from 'cdktf';
import { buildPlatformStacks, loadPlatform, synthClusterManifests } from '../../lib';
import { argoCdOnlyAddOns, argoCdOnlyLockFile, argoCdOnlyPlatform } from './platform';

const platform = loadPlatform(argoCdOnlyPlatform, { lockFile: argoCdOnlyLockFile, addOns: argoCdOnlyAddOns });
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildPlatformStacks(app, platform, { addOns: argoCdOnlyAddOns });
app.synth();
synthClusterManifests(platform, process.env.CDK8S_OUTDIR ?? 'dist', { addOns: argoCdOnlyAddOns });
