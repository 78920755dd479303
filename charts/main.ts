/**
 * The cdk8s app: writes each cluster's manifests to dist/<cluster>/ for a GitOps engine to apply.
 * Run with `npm run synth:k8s`.
 */
import { loadPlatform } from '../lib/domain/platform/load-platform';
import { examplePlatform, exampleLockFile } from '../stacks/example-platform';
import { synthClusterManifests } from './cluster-manifests';

const platform = loadPlatform(examplePlatform, { lockFile: exampleLockFile });
synthClusterManifests(platform, process.env.CDK8S_OUTDIR ?? 'dist');
