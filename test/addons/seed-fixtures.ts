/**
 * The bundled example with the seed's add-ons (Vault, Istio, Spinnaker, Kueue, and Argo CD too), synthesized in-process:
 * the Terraform JSON of every stack and every cluster's manifests as plain objects.
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { argoCdAddOn } from '../../lib/addons/cd/argo-cd-add-on';
import { istioAddOn } from '../../lib/addons/istio/istio-add-on';
import { kueueAddOn } from '../../lib/addons/kueue/kueue-add-on';
import { managedPrometheusAddOn } from '../../lib/addons/monitoring/managed-prometheus-add-on';
import { PlatformAddOn } from '../../lib/addons/platform-add-on';
import { spinnakerAddOn } from '../../lib/addons/cd/spinnaker-add-on';
import { vaultAddOn } from '../../lib/addons/vault/vault-add-on';
import { loadPlatform } from '../../lib/platform/load-platform';
import { LoadedPlatform } from '../../lib/domain/platform/resolve-platform';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { buildClusterManifests } from '../../charts/cluster-manifests';
import { buildPlatformStacks } from '../../stacks/platform-stacks';
import { drivePlatform, exampleLockFile } from '../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

process.env.CHECKPOINT_DISABLE = '1';

export const SEED_ADD_ONS: readonly PlatformAddOn[] = [vaultAddOn, istioAddOn, spinnakerAddOn, kueueAddOn, managedPrometheusAddOn, argoCdAddOn];
/** The bundled example's add-ons plus Argo CD on prod-usc1. */
export const seedPlatform: PlatformDefinition = { ...drivePlatform, addOns: [...(drivePlatform.addOns ?? []), { name: 'argo-cd', settings: { cluster: 'prod-usc1' } }] };

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

export interface SeedOutput {
  readonly platform: LoadedPlatform;
  /** Terraform JSON by stack name. */
  readonly stacks: Record<string, any>;
  /** The stacks each stack deploys after, by stack name (cdktf's manifest). */
  readonly dependencies: Record<string, readonly string[]>;
  /** Objects by cluster, then by chart (`platform`, `tenant-<tenant>`, ...). */
  readonly manifests: Record<string, Record<string, K8sObject[]>>;
}

export function loadSeed(definition: PlatformDefinition = seedPlatform, addOns: readonly PlatformAddOn[] = SEED_ADD_ONS): LoadedPlatform {
  return loadPlatform(definition, { lockFile: exampleLockFile, frozen: true, record: false, today: EXAMPLE_TODAY, log: () => undefined, addOns });
}

/** Synthesizes Terraform (a real App: cross-stack references become remote state) and the manifests. */
export function synthSeed(definition: PlatformDefinition = seedPlatform, addOns: readonly PlatformAddOn[] = SEED_ADD_ONS): SeedOutput {
  const platform = loadSeed(definition, addOns);
  const outdir = mkdtempSync(join(tmpdir(), 'seed-addons-'));
  const app = new App({ outdir, stackTraces: false });
  buildPlatformStacks(app, platform, { addOns });
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, any> = {};
  const dependencies: Record<string, readonly string[]> = {};
  for (const [name, stack] of Object.entries<{ synthesizedStackPath: string; dependencies: string[] }>(manifest.stacks)) {
    stacks[name] = JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), 'utf8'));
    dependencies[name] = stack.dependencies;
  }
  const built = buildClusterManifests(platform, mkdtempSync(join(tmpdir(), 'seed-addons-k8s-')), { addOns, today: EXAMPLE_TODAY });
  const manifests: Record<string, Record<string, K8sObject[]>> = {};
  for (const [cluster, m] of Object.entries(built)) manifests[cluster] = Object.fromEntries(m.charts.map((chart) => [chart.node.id, chart.toJson() as K8sObject[]]));
  return { platform, stacks, dependencies, manifests };
}

/** Every object of every chart of every cluster, with where it lives. */
export function allObjects(output: SeedOutput): { cluster: string; chart: string; object: K8sObject }[] {
  return Object.entries(output.manifests).flatMap(([cluster, charts]) => Object.entries(charts).flatMap(([chart, objects]) => objects.map((object) => ({ cluster, chart, object }))));
}

/**
 * The definition without the istio add-on: Managed Prometheus then scrapes declared ports (9090) instead of the
 * sidecars' merged metrics, which it may only default to under the mesh.
 */
export function withoutIstio(definition: PlatformDefinition): PlatformDefinition {
  return {
    ...definition,
    addOns: (definition.addOns ?? []).filter((a) => a.name !== 'istio').map((a) => (a.name === 'managed-prometheus' ? { ...a, settings: { ports: [9090] } } : a)),
  };
}
