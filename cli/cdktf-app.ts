/**
 * This repository's cdktf app (`npx cdktf synth`, `npm run synth:tf`): the Terraform side of
 * `gke-platform synth` for the platform package.json's "gkePlatform" field names (the bundled example,
 * examples/drive-platform/). CDKTF_OUTDIR (set by cdktf) chooses the folder; CI=true freezes the IP plan.
 */
import { runCli } from './main';

process.exitCode = runCli(['synth', '--only', 'terraform']);
