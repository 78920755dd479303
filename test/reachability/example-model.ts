import { Testing } from 'cdk8s';
import { buildClusterManifests } from '../../charts/cluster-manifests';
import type { SynthesizedManifests, SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import type { LoadedPlatform } from '../../lib/domain/platform/load-platform';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import { synthExample } from '../stacks/example-synth';

/** Every cluster's manifests as the cdk8s app would write them, without touching the disk. */
export function manifestsOf(platform: LoadedPlatform): SynthesizedManifests[] {
  return Object.entries(buildClusterManifests(platform, 'unused', { today: EXAMPLE_TODAY })).map(([cluster, m]) => ({ cluster, objects: m.charts.flatMap((chart) => Testing.synth(chart)) }));
}

/** The example synthesized exactly as `npm run synth` writes it (Terraform JSON and manifests), in memory. */
export function synthesizedExample(): { definition: PlatformDefinition; platform: LoadedPlatform; output: SynthesizedPlatform; stackDependencies: Record<string, string[]> } {
  const { json, platform, manifest } = synthExample();
  const stacks = Object.entries(json).map(([name, tf]) => ({ name, json: tf }));
  const stackDependencies = Object.fromEntries(Object.entries<{ dependencies: string[] }>(manifest.stacks).map(([name, s]) => [name, s.dependencies]));
  return { definition: platform.definition, platform, output: { stacks, manifests: manifestsOf(platform) }, stackDependencies };
}

/** A deep copy to mutate. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
