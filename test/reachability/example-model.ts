import { Testing } from 'cdk8s';
import { buildClusterManifests } from '../../charts/cluster-manifests';
import type { SynthesizedManifests, SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import type { LoadedPlatform } from '../../lib/domain/platform/resolve-platform';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { addOnConnectivityIntents } from '../../lib/domain/addons/add-on-rules';
import type { ConnectivityIntent } from '../../lib/domain/reachability/connectivity-intent';
import type { AddOnAuthorizedNetworks } from '../../lib/domain/reachability/derive-intents';
import { driveAddOns } from '../../examples/drive-platform/add-ons';
import { drivePlatform } from '../../examples/drive-platform/platform';
import { loadSeed, synthSeed } from '../addons/seed-fixtures';
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

/**
 * The example as `npm run synth` writes it with its add-ons (Vault, Istio, Spinnaker): the output the mesh layer
 * judges, and the intents the add-ons contribute.
 */
export function synthesizedMeshExample(definition: PlatformDefinition = drivePlatform): {
  definition: PlatformDefinition;
  platform: LoadedPlatform;
  output: SynthesizedPlatform;
  addOnIntents: ConnectivityIntent[];
  addOnAuthorized: AddOnAuthorizedNetworks;
} {
  const seed = synthSeed(definition, driveAddOns);
  const output: SynthesizedPlatform = {
    stacks: Object.entries(seed.stacks).map(([name, json]) => ({ name, json })),
    manifests: Object.entries(seed.manifests).map(([cluster, charts]) => ({ cluster, objects: Object.values(charts).flat() })),
  };
  return { definition: seed.platform.definition, platform: seed.platform, output, addOnIntents: addOnConnectivityIntents(seed.platform.plan, driveAddOns), addOnAuthorized: seed.platform.plan.addOnTraffic.authorizedNetworks };
}

/** Only the manifests (and the add-ons' intents) of the example with its add-ons, for a changed definition. */
export function meshManifestsOf(definition: PlatformDefinition): { manifests: SynthesizedManifests[]; addOnIntents: ConnectivityIntent[]; addOnAuthorized: AddOnAuthorizedNetworks } {
  const platform = loadSeed(definition, driveAddOns);
  const built = buildClusterManifests(platform, 'unused', { addOns: driveAddOns, today: EXAMPLE_TODAY });
  return {
    manifests: Object.entries(built).map(([cluster, m]) => ({ cluster, objects: m.charts.flatMap((chart) => Testing.synth(chart)) })),
    addOnIntents: addOnConnectivityIntents(platform.plan, driveAddOns),
    addOnAuthorized: platform.plan.addOnTraffic.authorizedNetworks,
  };
}

/** A deep copy to mutate. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The example's clusters, in definition order. */
export const EXAMPLE_CLUSTERS: readonly string[] = ['prod-usc1', 'dev-usw1', 'payments-usc1'];

/** Every segmentation intent of the example: each ordered pair of clusters, nodes, pods and control plane. */
export const EXAMPLE_SEGMENTATION_INTENTS: readonly string[] = EXAMPLE_CLUSTERS.flatMap((a) =>
  EXAMPLE_CLUSTERS.filter((b) => b !== a).flatMap((b) => [`cluster-segmentation/nodes:${a}->nodes:${b}`, `cluster-segmentation/pods:${a}->pods:${b}`, `cluster-segmentation/control-plane:${a}->nodes:${b}`]),
);

/** Every derived and declared intent of the example, with the verdict it must get (with or without the mesh layer). */
export const EXAMPLE_EXPECTED_VERDICTS: readonly [string, 'allowed' | 'denied'][] = [
  ...['prod-usc1', 'dev-usw1', 'payments-usc1'].flatMap((c): [string, 'allowed'][] => [
    [`pods-across-nodes/${c}`, 'allowed'],
    [`nodes-to-control-plane/${c}`, 'allowed'],
    [`control-plane-to-nodes/${c}`, 'allowed'],
  ]),
  ['authorized-network/prod-usc1/corp-vpn', 'allowed'],
  ['authorized-network/dev-usw1/corp-vpn', 'allowed'],
  ['authorized-network/payments-usc1/corp-vpn', 'allowed'],
  ...EXAMPLE_CLUSTERS.map((c): [string, 'denied'] => [`control-plane-closed/${c}/aws-usw2-prod`, 'denied']),
  ...['mapping', 'routing', 'simulation', 'ml-training'].map((t): [string, 'allowed'] => [`tenant-dns/${t}@prod-usc1`, 'allowed']),
  ['tenant-dns/payments@payments-usc1', 'allowed'],
  ['tenant-dependency/mapping->routing@prod-usc1', 'allowed'],
  ...[
    ['mapping', 'simulation'],
    ['mapping', 'ml-training'],
    ['routing', 'mapping'],
    ['routing', 'simulation'],
    ['routing', 'ml-training'],
    ['simulation', 'mapping'],
    ['simulation', 'routing'],
    ['simulation', 'ml-training'],
    ['ml-training', 'mapping'],
    ['ml-training', 'routing'],
    ['ml-training', 'simulation'],
  ].map(([a, b]): [string, 'denied'] => [`tenant-isolation/${a}->${b}@prod-usc1`, 'denied']),
  ['google-apis/mapping@prod-usc1', 'allowed'],
  ['google-apis/simulation@prod-usc1', 'allowed'],
  ['google-apis/ml-training@prod-usc1', 'allowed'],
  ['google-apis/payments@payments-usc1', 'allowed'],
  ['private-services/payments@payments-usc1', 'allowed'],
  ['external-dependency/simulation@prod-usc1/10.8.0.0/16/443', 'allowed'],
  ['link-google-apis/garage-sunnyvale', 'allowed'],
  ...EXAMPLE_SEGMENTATION_INTENTS.map((id): [string, 'denied'] => [id, 'denied']),
  ['ml-training-no-internet', 'denied'],
  ['aws-cannot-open-simulation', 'denied'],
];

/**
 * The same with the add-ons on: Vault's derived authorized network (10.8.64.10/32, in the AWS VPC) puts an authorized
 * range of aws-usw2-prod on every cluster, so control-plane-closed/<cluster>/aws-usw2-prod is no longer derived: AWS
 * reaches the control planes from Vault's /32 only, judged as add-on/vault/vault-to-control-plane/<cluster>.
 */
export const MESH_EXAMPLE_EXPECTED_VERDICTS: readonly [string, 'allowed' | 'denied'][] = EXAMPLE_EXPECTED_VERDICTS.filter(([id]) => !id.startsWith('control-plane-closed/') || !id.endsWith('/aws-usw2-prod'));
