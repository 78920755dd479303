// cdktf app: `npx tsx examples/hybrid-only/main.ts` writes cdktf.out/stacks/corp-hybrid/cdk.tf.json.
import { App } from 'cdktf';
import { buildHybridOnly } from './hybrid-only';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildHybridOnly(app);
app.synth();
