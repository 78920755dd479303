/**
 * examples/argo-cd-only: the single-region platform with one line more (the argo-cd add-on), synthesized through
 * the CLI with its own configuration: the only change is an AppProject and an ApplicationSet per tenant.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'fs';
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
  const objects = (file: string) => parseAllDocuments(readFileSync(join(dir, 'dist', 'prod-euw1', file), 'utf8')).map((d) => d.toJSON());
  return { dir, stacks: readdirSync(join(dir, 'cdktf.out', 'stacks')).sort(), platform: objects('platform.k8s.yaml'), tenant: objects('tenant-storefront.k8s.yaml') };
}

test('the definition differs from single-region by one line: the argo-cd entry', () => {
  expect({ ...argoCdOnlyPlatform, addOns: undefined }).toEqual({ ...singleRegionPlatform, addOns: undefined });
  expect(argoCdOnlyPlatform.addOns).toEqual([{ name: 'argo-cd', settings: { cluster: 'prod-euw1' } }]);
});

test('synthesizes through its configuration: no Vault stack, no mesh, an AppProject and ApplicationSet per tenant', () => {
  const withArgo = synth('examples/argo-cd-only/gke-platform.json');
  const without = synth('examples/single-region/gke-platform.json');
  expect(withArgo.stacks).toEqual(without.stacks);
  expect(withArgo.tenant).toEqual(without.tenant);
  const added = withArgo.platform.filter((o: any) => !without.platform.some((p: any) => JSON.stringify(p) === JSON.stringify(o)));
  expect(added.map((o: any) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['AppProject/argocd/storefront', 'ApplicationSet/argocd/storefront']);
  expect(added[0].spec.destinations).toEqual([{ name: 'prod-euw1', namespace: 'storefront' }]);
});
