/**
 * This repository's cdk8s app (`npx cdk8s synth`, `npm run synth:k8s`): the manifests side of
 * `gke-platform synth` for the platform package.json's "gkePlatform" field names. CDK8S_OUTDIR (set by
 * cdk8s) chooses the folder.
 */
import { runCli } from './main';

process.exitCode = runCli(['synth', '--only', 'manifests']);
