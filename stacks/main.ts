/**
 * The cdktf app: synthesizes the bundled example platform into cdktf.out/stacks/<stack>/cdk.tf.json.
 * Run with `npm run synth:tf` (or `npx cdktf synth`). CI=true freezes the IP plan.
 *
 * Environment:
 *   TF_STATE_BUCKET   GCS bucket for Terraform state (one prefix per stack); local state files otherwise
 *   GITOPS_REPO_URL   repository Config Sync reads dist/<cluster> from (default: the example's)
 *   GITOPS_BRANCH     its branch (default main)
 */
import { App } from 'cdktf';
import { loadPlatform } from '../lib/domain/platform/load-platform';
import { examplePlatform, exampleLockFile } from './example-platform';
import { buildPlatformStacks } from './platform-stacks';

/** The example's manifest repository (Config Sync reads dist/<cluster> from it). */
const EXAMPLE_MANIFEST_REPOSITORY = 'https://github.com/example/drive-platform-manifests.git';

const platform = loadPlatform(examplePlatform, { lockFile: exampleLockFile });
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildPlatformStacks(app, platform, {
  backend: process.env.TF_STATE_BUCKET ? { gcs: { bucket: process.env.TF_STATE_BUCKET } } : undefined,
  gitOps: { repository: { url: process.env.GITOPS_REPO_URL ?? EXAMPLE_MANIFEST_REPOSITORY, branch: process.env.GITOPS_BRANCH ?? 'main' } },
});
app.synth();
