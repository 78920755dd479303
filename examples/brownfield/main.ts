// cdktf + cdk8s app: `npx tsx examples/brownfield/main.ts` writes cdktf.out/stacks/fin-*/ and dist/prod-euw2/.
// The network stack reads the existing VPC corp-shared; the link stack ends on the existing transit gateway.
import { App } from 'cdktf';
import { buildBrownfield, synthBrownfieldManifests } from './brownfield';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const { platform } = buildBrownfield(app);
app.synth();
synthBrownfieldManifests(platform, process.env.CDK8S_OUTDIR ?? 'dist');
