import { addOns, drivePlatform, examplePlatform, platform } from '../../examples/drive-platform/platform';
import { expectK8sSchemaValid } from '../tenancy/validate-k8s';
import { allObjects, synthSeed } from './seed-fixtures';

test('the bundled example enables Vault, Istio, Spinnaker accounts, Kueue and Managed Prometheus, one line each, and supplies their code', () => {
  expect(platform).toBe(drivePlatform);
  expect(drivePlatform.addOns!.map((a) => a.name)).toEqual(['vault', 'istio', 'spinnaker', 'kueue', 'managed-prometheus']);
  expect(addOns.map((a) => a.name)).toEqual(['vault', 'istio', 'spinnaker', 'kueue', 'managed-prometheus']);
  expect({ ...drivePlatform, addOns: undefined }).toEqual({ ...examplePlatform, addOns: undefined });
});

test('every object of the bundled example with its add-ons validates against its schema (Kubernetes, Istio, Argo CD)', () => {
  const objects = allObjects(synthSeed(drivePlatform, addOns)).map((o) => o.object);
  expect(objects.some((o) => o.kind === 'Sidecar')).toBe(true);
  // SpinnakerService has no schema package: its documented shape is checked in cd-accounts.test.ts. Neither has Config
  // Sync's RootSync: the platform's RootSyncs are compared field by field in test/domain/gitops/sync-stages.test.ts.
  // Nor has Kueue (no npm types): its objects are compared field by field in kueue.test.ts, and conformance's deploy
  // rehearsal applies them to an API server serving Kueue's own v0.17.0 CRDs.
  expect(objects.filter((o) => o.kind === 'RootSync').length).toBeGreaterThan(0);
  expect(objects.filter((o) => o.apiVersion.startsWith('kueue.x-k8s.io/')).length).toBeGreaterThan(0);
  expectK8sSchemaValid(objects.filter((o) => o.kind !== 'SpinnakerService' && o.kind !== 'RootSync' && !o.apiVersion.startsWith('kueue.x-k8s.io/')));
});
