// cdktf app: `npx tsx examples/regulated/main.ts` writes cdktf.out/stacks/ledger-*/ and dist/<cluster>/.
import { App } from 'cdktf';
import { buildRegulated, synthRegulatedManifests } from './regulated';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const { platform } = buildRegulated(app);
app.synth();
synthRegulatedManifests(platform, process.env.CDK8S_OUTDIR ?? 'dist');
