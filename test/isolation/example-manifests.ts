/** The example platform's synthesized manifests per cluster, as plain JSON (what `dist/<cluster>/*.yaml` holds). */
import { Testing } from 'cdk8s';
import { buildClusterManifests } from '../../charts/cluster-manifests';
import { loadPlatform } from '../../lib/platform/load-platform';
import { examplePlatform, exampleLockFile } from '../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import type { Manifest } from './cel-judge';

export function exampleManifests(): Record<string, Manifest[]> {
  const platform = loadPlatform(examplePlatform, { lockFile: exampleLockFile, frozen: true, today: EXAMPLE_TODAY });
  const apps = buildClusterManifests(platform, 'unused', { today: EXAMPLE_TODAY });
  return Object.fromEntries(Object.entries(apps).map(([cluster, app]) => [cluster, app.charts.flatMap((chart) => Testing.synth(chart) as Manifest[])]));
}

export { examplePlatform };
