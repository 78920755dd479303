/**
 * The cdktf app: synthesizes the bundled example platform into cdktf.out/stacks/<stack>/cdk.tf.json.
 * Run with `npm run synth:tf` (or `npx cdktf synth`). CI=true freezes the IP plan.
 */
import { App } from 'cdktf';
import { loadPlatform } from '../lib/platform/load-platform';
import { examplePlatform, exampleLockFile } from './example-platform';
import { buildPlatformStacks } from './platform-stacks';

const platform = loadPlatform(examplePlatform, { lockFile: exampleLockFile });
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildPlatformStacks(app, platform);
app.synth();
