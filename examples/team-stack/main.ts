// cdktf app: `npx tsx examples/team-stack/main.ts` writes cdktf.out/stacks/perception-prod-usc1/cdk.tf.json.
import { App } from 'cdktf';
import { buildTeamStack } from './team-stack';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildTeamStack(app);
app.synth();
