/**
 * examples/argo-cd-only: the single-region platform with one line more (the argo-cd add-on), synthesized through
 * the CLI with its own configuration: the only change is an AppProject and an ApplicationSet per tenant (in the add-ons
 * stage) and what they need first (Argo CD's CRDs by pinned release, the argocd namespace).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { cli, ROOT } from '../cli/harness';
import { singleRegionPlatform } from '../../examples/single-region/platform';
import { argoCdOnlyPlatform } from '../../examples/argo-cd-only/platform';

process.env.CHECKPOINT_DISABLE = '1';

function synth(config: string) {
  const dir = mkdtempSync(join(tmpdir(), 'argo-only-'));
  const result = cli(ROOT, ['synth', '--config', config], { CI: 'true', CDKTF_OUTDIR: join(dir, 'cdktf.out'), CDK8S_OUTDIR: join(dir, 'dist') });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const objects = (file: string, folder = 'prod-euw1') => (existsSync(join(dir, 'dist', folder, file)) ? parseAllDocuments(readFileSync(join(dir, 'dist', folder, file), 'utf8')).map((d) => d.toJSON()) : []);
  return {
    dir,
    stacks: readdirSync(join(dir, 'cdktf.out', 'stacks')).sort(),
    folders: readdirSync(join(dir, 'dist')).sort(),
    platform: objects('platform.k8s.yaml'),
    tenant: objects('tenant-storefront.k8s.yaml'),
    prerequisites: objects('add-on-prerequisites.k8s.yaml'),
    addOnsStage: objects('platform.k8s.yaml', 'prod-euw1.add-ons'),
  };
}

test('the definition differs from single-region by one line: the argo-cd entry', () => {
  expect({ ...argoCdOnlyPlatform, addOns: undefined }).toEqual({ ...singleRegionPlatform, addOns: undefined });
  expect(argoCdOnlyPlatform.addOns).toEqual([{ name: 'argo-cd', settings: { cluster: 'prod-euw1' } }]);
});

test('synthesizes through its configuration: no Vault stack, no mesh, an AppProject and ApplicationSet per tenant, after the Argo CD CRDs', () => {
  const withArgo = synth('examples/argo-cd-only/gke-platform.json');
  const without = synth('examples/single-region/gke-platform.json');
  expect(withArgo.stacks).toEqual(without.stacks);
  expect(withArgo.tenant).toEqual(without.tenant);
  // The platform stage is unchanged; the Argo CD objects are in the add-ons stage, applied after Argo CD's CRDs.
  expect(withArgo.platform).toEqual(without.platform);
  expect(without.folders).toEqual(['prod-euw1']);
  expect(withArgo.folders).toEqual(['prod-euw1', 'prod-euw1.add-ons']);
  expect(withArgo.addOnsStage.map((o: any) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['AppProject/argocd/storefront', 'ApplicationSet/argocd/storefront']);
  expect(withArgo.addOnsStage[0].spec.destinations).toEqual([{ name: 'prod-euw1', namespace: 'storefront' }]);
  expect(withArgo.prerequisites.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/argocd', 'RootSync/argo-cd-crds', 'RootSync/platform-add-ons']);
  expect(withArgo.prerequisites[1].spec.git).toEqual({ repo: 'https://github.com/argoproj/argo-cd.git', revision: 'v3.6.2', dir: 'manifests/crds', auth: 'none' });
  expect(withArgo.prerequisites[2].spec.git).toMatchObject({ dir: 'dist/prod-euw1.add-ons' });
});
