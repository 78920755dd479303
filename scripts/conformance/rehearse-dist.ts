/**
 * The deploy rehearsal alone, on any synthesized manifests folder: `npx tsx scripts/conformance/rehearse-dist.ts <dist>`.
 * Each cluster of `<dist>` is rehearsed on a fresh API server as `npm run conformance` does (deploy-rehearsal.ts),
 * e.g. to judge the output of an older revision. Needs kine and kubernetes built (npm run conformance -- --tools-only).
 * Prints every failure and the count; exits 1 on any.
 */
import { rmSync } from 'fs';
import { join, resolve } from 'path';
import { readClusterFolders } from '../../lib/report/cluster-folders';
import { DeployRehearsal } from './deploy-rehearsal';
import { KubeServer } from './kube-server';
import { builtTool, crdBuilds, toolVersion } from './tools';

async function main(): Promise<void> {
  const dist = resolve(process.argv[2] ?? 'dist');
  const kine = builtTool('kine');
  const kubernetes = builtTool('kubernetes');
  if (!kine || !kubernetes) throw new Error('kine and kubernetes are not built: npm run conformance -- --tools-only');
  let failures = 0;
  for (const folders of readClusterFolders(dist)) {
    const workDir = join(resolve('conformance-out'), 'rehearse-dist', folders.cluster);
    rmSync(workDir, { recursive: true, force: true });
    const server = new KubeServer({ kineBinary: join(kine, 'kine'), apiserverBinary: join(kubernetes, 'kube-apiserver'), controllerManagerBinary: join(kubernetes, 'kube-controller-manager'), workDir });
    try {
      await server.start();
      const judgement = await new DeployRehearsal(server, folders, folders.cluster, toolVersion('kubernetes'), crdBuilds()).run();
      for (const failure of judgement.failures) console.log(`FAILED ${failure}`);
      for (const caveat of judgement.caveats ?? []) console.log(`CAVEAT ${folders.cluster}: ${caveat}`);
      console.log(`${folders.cluster}: ${judgement.checked} objects, ${judgement.passed} applied, ${judgement.failed} failures`);
      failures += judgement.failed;
    } finally {
      await server.stop();
    }
  }
  console.log(`rehearsal: ${failures} failures`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`rehearse-dist: ${(error as Error).message}`);
  process.exitCode = 1;
});
