// cdktf app: `npx tsx examples/single-region/main.ts` writes cdktf.out/stacks/shop-*/ and dist/prod-euw1/.
import { App } from 'cdktf';
import { buildSingleRegion, synthSingleRegionManifests } from './single-region';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const { platform } = buildSingleRegion(app);
app.synth();
synthSingleRegionManifests(platform, process.env.CDK8S_OUTDIR ?? 'dist');
