import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { buildClusterManifests, synthClusterManifests } from '../../charts/cluster-manifests';
import { loadPlatform } from '../../lib/platform/load-platform';
import { examplePlatform, exampleLockFile } from '../../examples/drive-platform/platform';
import { clusterWideBindingProblems, K8sObject, roleProblems, tenantNamespaceProblems } from '../tenancy/k8s-checks';
import { expectK8sSchemaValid } from '../tenancy/validate-k8s';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

const TODAY = EXAMPLE_TODAY;
const platform = loadPlatform(examplePlatform, { lockFile: exampleLockFile, frozen: true, today: TODAY });
const apps = buildClusterManifests(platform, 'unused', { today: TODAY });
const objectsByCluster: Record<string, K8sObject[]> = Object.fromEntries(Object.entries(apps).map(([cluster, app]) => [cluster, app.charts.flatMap((chart) => Testing.synth(chart) as K8sObject[])]));
const tenants = examplePlatform.tenants!;

describe('per-cluster manifests of the example', () => {
  test('every emitted object is valid against the Kubernetes OpenAPI schema', () => {
    expectK8sSchemaValid(Object.values(objectsByCluster).flat());
  });

  test('writes one folder per cluster with a file per chart', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'dist-'));
    synthClusterManifests(platform, outdir, { today: TODAY });
    const layout = Object.fromEntries(
      readdirSync(outdir)
        .sort()
        .map((cluster) => [cluster, readdirSync(join(outdir, cluster)).sort()]),
    );
    expect(layout).toEqual({
      'dev-usw1': ['developer-namespaces.k8s.yaml', 'platform.k8s.yaml'],
      'payments-usc1': ['platform.k8s.yaml', 'tenant-payments.k8s.yaml'],
      'prod-usc1': ['platform.k8s.yaml', 'tenant-mapping.k8s.yaml', 'tenant-ml-training.k8s.yaml', 'tenant-routing.k8s.yaml', 'tenant-simulation.k8s.yaml'],
    });
    // The files hold exactly the objects the charts synthesize.
    const fromFiles = parseAllDocuments(readFileSync(join(outdir, 'prod-usc1', 'tenant-mapping.k8s.yaml'), 'utf8')).map((d) => d.toJSON());
    expect(fromFiles).toEqual(objectsByCluster['prod-usc1'].filter((o) => o.metadata.namespace === 'mapping' || (o.kind === 'Namespace' && o.metadata.name === 'mapping')));
  });

  test('each tenant lives only in the clusters it declares', () => {
    const namespaces = Object.fromEntries(
      Object.entries(objectsByCluster).map(([cluster, objects]) => [
        cluster,
        objects
          .filter((o) => o.kind === 'Namespace')
          .map((o) => o.metadata.name)
          .sort(),
      ]),
    );
    expect(namespaces).toEqual({
      'dev-usw1': ['dev-alice', 'dev-bob', 'dev-carol'],
      'payments-usc1': ['payments'],
      'prod-usc1': ['mapping', 'ml-training', 'routing', 'simulation'],
    });
  });

  test.each(tenants.map((t) => [t.name, t]))('%s: quota, limits, default deny both ways, Pod Security, group RoleBindings only', (_, tenant) => {
    const objects = objectsByCluster[tenant.clusters[0]];
    const groups = Object.values(tenant.groups).filter((g): g is string => !!g);
    expect(tenantNamespaceProblems(objects, tenant.name, groups)).toEqual([]);
  });

  test.each(Object.keys(objectsByCluster))('%s: platform roles grant no escalation, and no tenant group is bound cluster-wide', (cluster) => {
    const groups = tenants.flatMap((t) => Object.values(t.groups)).filter((g): g is string => !!g);
    expect(roleProblems(objectsByCluster[cluster])).toEqual([]);
    expect(clusterWideBindingProblems(objectsByCluster[cluster], groups)).toEqual([]);
  });

  test('the mapping → routing dependency is allowed in both directions', () => {
    const policies = objectsByCluster['prod-usc1'].filter((o) => o.kind === 'NetworkPolicy');
    const selects = (peer: any, ns: string) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === ns;
    const egress = policies.filter((p) => p.metadata.namespace === 'mapping' && (p.spec.egress ?? []).some((rule: any) => (rule.to ?? []).some((peer: any) => selects(peer, 'routing'))));
    const ingress = policies.filter((p) => p.metadata.namespace === 'routing' && (p.spec.ingress ?? []).some((rule: any) => (rule.from ?? []).some((peer: any) => selects(peer, 'mapping'))));
    expect(egress).toHaveLength(1);
    expect(ingress).toHaveLength(1);
    // And nothing the other way round that nobody declared.
    const reverse = policies.filter((p) => p.metadata.namespace === 'routing' && (p.spec.egress ?? []).some((rule: any) => (rule.to ?? []).some((peer: any) => selects(peer, 'mapping'))));
    expect(reverse).toEqual([]);
  });

  test('dedicated-nodes tenants are kept on their pools by admission policies', () => {
    const policies = objectsByCluster['prod-usc1'].filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => JSON.stringify(o));
    for (const tenant of ['simulation', 'ml-training']) expect(policies.some((p) => p.includes(tenant))).toBe(true);
    expect(objectsByCluster['prod-usc1'].filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding').length).toBeGreaterThan(0);
  });

  test('the GitOps reconcilers are exempt from the platform-object policy, beside the default exemptions (never instead)', () => {
    const text = JSON.stringify(objectsByCluster['prod-usc1'].filter((o) => o.kind.startsWith('ValidatingAdmissionPolicy')));
    expect(text).toContain('system:serviceaccount:config-management-system:root-reconciler');
    expect(text).toContain('system:kube-controller-manager');
    expect(text).toContain('system:serviceaccounts:kube-system');
  });

  test('each LimitRange is sized for the nodes its pods run on, within the quota', () => {
    const max = (cluster: string, namespace: string) => objectsByCluster[cluster].find((o) => o.kind === 'LimitRange' && o.metadata.namespace === namespace)!.spec.limits.find((l: any) => l.type === 'Container').max;
    // Dedicated nodes: the largest container of the tenant's largest pool (n2-standard-32; a2-highgpu-1g).
    expect(max('prod-usc1', 'simulation')).toEqual({ cpu: '31', memory: '117Gi' });
    expect(max('prod-usc1', 'ml-training')).toEqual({ cpu: '11', memory: '77Gi' });
    // Shared nodes keep the 4-CPU/8Gi cap where the nodes hold it (e2-standard-8), lower where they do not (4 vCPUs).
    expect(max('prod-usc1', 'mapping')).toEqual({ cpu: '4', memory: '8Gi' });
    expect(max('payments-usc1', 'payments')).toEqual({ cpu: '3', memory: '8Gi' });
    expect(max('dev-usw1', 'dev-alice')).toEqual({ cpu: '3', memory: '8Gi' });
  });

  test('workload identity service accounts name their Google service account in the cluster project', () => {
    const ksa = objectsByCluster['prod-usc1'].find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'tile-builder')!;
    expect(ksa.metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'mapping-tile-builder@drive-gke-prod.iam.gserviceaccount.com' });
  });

  test.each(Object.keys(objectsByCluster))('%s matches its snapshot', (cluster) => {
    expect(objectsByCluster[cluster]).toMatchSnapshot();
  });
});
