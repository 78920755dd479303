import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject } from 'cdk8s';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { PlatformAddOn } from '../../lib/addons/platform-add-on';
import { addOnAdmissionCases, addOnConnectivityIntents } from '../../lib/domain/addons/add-on-rules';
import { loadPlatform } from '../../lib/platform/load-platform';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { buildClusterManifests } from '../../charts/cluster-manifests';
import { exampleLockFile, examplePlatform } from '../../examples/drive-platform/platform';
import { buildPlatformStacks } from '../../stacks/platform-stacks';
import { ALERTS_CONFIG_MAP, tenantAlerts } from '../../examples/tenant-alerts/tenant-alerts-add-on';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

process.env.CHECKPOINT_DISABLE = '1';

const withAddOns = (...addOns: { name: string; settings?: Record<string, unknown> }[]): PlatformDefinition => ({ ...examplePlatform, addOns });
const load = (definition: PlatformDefinition, addOns: readonly PlatformAddOn[]) => loadPlatform(definition, { lockFile: exampleLockFile, frozen: true, record: false, today: EXAMPLE_TODAY, log: () => undefined, addOns });
const newApp = () => new App({ outdir: mkdtempSync(join(tmpdir(), 'addons-')), stackTraces: false });
const tenantNames = (examplePlatform.tenants ?? []).map((t) => t.name);

describe('the example add-on (examples/tenant-alerts)', () => {
  const platform = load(withAddOns({ name: 'tenant-alerts', settings: { retentionDays: 3 } }), [tenantAlerts]);
  const stacks = buildPlatformStacks(newApp(), platform, { addOns: [tenantAlerts] });
  const tenantsJson = JSON.parse(Testing.synth(stacks.tenantStates['drive-tenants'], true));
  const manifests = buildClusterManifests(platform, mkdtempSync(join(tmpdir(), 'addons-k8s-')), { addOns: [tenantAlerts], today: EXAMPLE_TODAY });

  test('adds one Pub/Sub topic per tenant, in the stack that owns the tenant, in its project', () => {
    const topics = Object.values<any>(tenantsJson.resource.google_pubsub_topic);
    expect(topics.map((t) => t.name).sort()).toEqual(tenantNames.map((t) => `drive-${t}-alerts`).sort());
    expect(topics.find((t) => t.name === 'drive-payments-alerts')).toMatchObject({ project: 'drive-payments-prod', message_retention_duration: '259200s', labels: { tenant: 'payments' } });
  });

  test('adds one ConfigMap per tenant namespace, in the tenant chart of each of its clusters', () => {
    const configMaps = Object.values(manifests).flatMap((m) =>
      m.charts.flatMap((chart) =>
        chart
          .toJson()
          .filter((o: any) => o.kind === 'ConfigMap' && o.metadata.name === ALERTS_CONFIG_MAP)
          .map((o: any) => [m.cluster, chart.node.id, o.metadata.namespace, o.data.topic]),
      ),
    );
    expect(configMaps).toEqual(
      expect.arrayContaining([
        ['prod-usc1', 'tenant-mapping', 'mapping', 'projects/drive-gke-prod/topics/drive-mapping-alerts'],
        ['payments-usc1', 'tenant-payments', 'payments', 'projects/drive-payments-prod/topics/drive-payments-alerts'],
      ]),
    );
    expect(configMaps).toHaveLength(tenantNames.length);
  });

  test('a platform without the add-on enabled gets nothing from it', () => {
    const plain = buildPlatformStacks(newApp(), load(examplePlatform, [tenantAlerts]), { addOns: [tenantAlerts] });
    expect(JSON.parse(Testing.synth(plain.tenantStates['drive-tenants'], true)).resource.google_pubsub_topic).toBeUndefined();
  });

  test('throws when its settings are wrong, naming the add-on, field, value and fix, by loadPlatform and by the stacks and charts', () => {
    const bad = withAddOns({ name: 'tenant-alerts', settings: { retentionDays: 40 } });
    const message = /addOns\[tenant-alerts\]: settings\.retentionDays 40 must be a whole number of days from 1 to 31 \(Pub\/Sub keeps messages at most 31 days\); use e\.g\. 7/;
    expect(() => load(bad, [tenantAlerts])).toThrow(message);
    const unchecked = load(withAddOns({ name: 'tenant-alerts' }), [tenantAlerts]);
    expect(() => buildPlatformStacks(newApp(), { ...unchecked, definition: bad, plan: { ...unchecked.plan, definition: bad } }, { addOns: [tenantAlerts] })).toThrow(message);
    expect(() => buildClusterManifests({ ...unchecked, definition: bad, plan: { ...unchecked.plan, definition: bad } }, '/tmp/unused', { addOns: [tenantAlerts] })).toThrow(message);
  });
});

describe('add-on validation', () => {
  test('throws when the definition enables an add-on that was not supplied', () => {
    expect(() => load(withAddOns({ name: 'vault' }), [tenantAlerts])).toThrow(/addOns\[vault\]: name "vault" is not an add-on supplied to this build; use one of tenant-alerts, or pass the add-on in the addOns option/);
  });

  test('throws when an add-on is enabled twice', () => {
    expect(() => load(withAddOns({ name: 'tenant-alerts' }, { name: 'tenant-alerts' }), [tenantAlerts])).toThrow(/addOns\[tenant-alerts\]: name "tenant-alerts" is enabled twice/);
  });

  test('throws when settings are not an object', () => {
    expect(() => load(withAddOns({ name: 'tenant-alerts', settings: [] as any }), [tenantAlerts])).toThrow(/addOns\[tenant-alerts\]: settings \[\] is a list, but must be an object; give settings as an object/);
  });

  test('throws when the stacks are built without an add-on the definition enables', () => {
    const platform = load(withAddOns({ name: 'tenant-alerts' }), [tenantAlerts]);
    expect(() => buildPlatformStacks(newApp(), platform)).toThrow(/addOns\[tenant-alerts\]: name "tenant-alerts" is not an add-on supplied to this build/);
  });
});

describe('every hook lands in the right place', () => {
  const probe: PlatformAddOn = {
    name: 'probe',
    extendCluster: ({ scope, cluster }) => new TerraformOutput(scope, 'pools', { value: Object.keys(cluster.nodePools).length }),
    addStacks: ({ app, clusters, platformStacks, configureStack, stackName }) => {
      const stack = new TerraformStack(app, stackName('probe'));
      configureStack(stack);
      for (const s of platformStacks) stack.addDependency(s);
      for (const [name, cluster] of Object.entries(clusters)) new TerraformOutput(stack, `endpoint-${name}`, { value: cluster.cluster.resource.endpoint, sensitive: true });
    },
    admissionPolicies: ({ scope, cluster }) => new ApiObject(scope, 'Policy', { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: `probe-${cluster.name}` } }),
    extendClusterManifests: ({ scope }) => new ApiObject(scope, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'probe', namespace: 'kube-system' } }),
    extendTenantManifests: ({ scope, namespace }) =>
      new ApiObject(scope, 'Worker', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'probe', namespace }, spec: { template: { spec: { containers: [{ name: 'c', image: 'probe' }] } } } }),
    connectivityIntents: (_settings, plan) => plan.clusters.map((c) => ({ from: { kind: 'pods', cluster: c.name }, to: { kind: 'google-apis' }, port: 443, expect: 'allow', reason: 'probe reports to Google APIs' })),
    admissionCases: (_settings, cluster) => [
      { id: `probe/${cluster.name}`, description: 'probe', as: { user: 'x', groups: [], role: 'nobody' }, operation: 'CREATE', resource: { group: '', version: 'v1', resource: 'pods' }, expect: 'denied' },
    ],
  };
  const platform = load(withAddOns({ name: 'probe' }), [probe]);
  const app = newApp();
  const stacks = buildPlatformStacks(app, platform, { addOns: [probe] });
  const manifests = buildClusterManifests(platform, mkdtempSync(join(tmpdir(), 'probe-k8s-')), { addOns: [probe], today: EXAMPLE_TODAY });

  test('per-cluster Terraform goes into the cluster stack, under AddOns/<add-on>', () => {
    const json = JSON.parse(Testing.synth(stacks.clusters['prod-usc1'], true));
    // prod-usc1's three pools, two dedicated-nodes tenant pools and the GPU tenant's companion CPU pool.
    expect(Object.entries<any>(json.output).find(([id]) => id.startsWith('AddOns_probe_pools'))?.[1].value).toBe(6);
  });

  test('an own stack deploys after the platform stacks and references each cluster across stacks', () => {
    app.synth();
    const own = app.node.findChild('drive-probe') as TerraformStack;
    expect(own.dependencies.map((d) => d.node.id)).toEqual(expect.arrayContaining(['drive-network', 'drive-cluster-prod-usc1', 'drive-tenants']));
    const json = JSON.parse(Testing.synth(own));
    expect(Object.keys(json.data.terraform_remote_state)).toEqual(expect.arrayContaining([expect.stringContaining('drive-cluster-prod-usc1')]));
  });

  test('admission policies and cluster objects go into the platform chart', () => {
    const platformChart = manifests['prod-usc1'].charts.find((c) => c.node.id === 'platform')!.toJson();
    expect(platformChart.find((o: any) => o.metadata.name === 'probe-prod-usc1')?.kind).toBe('ValidatingAdmissionPolicy');
    expect(platformChart.find((o: any) => o.kind === 'ConfigMap' && o.metadata.name === 'probe')).toBeDefined();
  });

  test("the library's post-processing covers add-on workloads: a dedicated-nodes tenant's gets its toleration and selector", () => {
    const sim = manifests['prod-usc1'].charts
      .find((c) => c.node.id === 'tenant-simulation')!
      .toJson()
      .find((o: any) => o.kind === 'Deployment' && o.metadata.name === 'probe');
    expect(sim.spec.template.spec.tolerations).toEqual([{ key: 'tenant', operator: 'Equal', value: 'simulation', effect: 'NoSchedule' }]);
    expect(sim.spec.template.spec.nodeSelector).toEqual({ tenant: 'simulation' });
    const shared = manifests['prod-usc1'].charts
      .find((c) => c.node.id === 'tenant-mapping')!
      .toJson()
      .find((o: any) => o.kind === 'Deployment' && o.metadata.name === 'probe');
    expect(shared.spec.template.spec.tolerations).toBeUndefined();
  });

  test('connectivity intents and admission cases are collected from enabled add-ons', () => {
    expect(addOnConnectivityIntents(platform.plan, [probe]).map((i) => i.from)).toEqual(platform.plan.clusters.map((c) => ({ kind: 'pods', cluster: c.name })));
    expect(addOnAdmissionCases(platform.plan, platform.plan.clusters[0], [probe]).map((c) => c.id)).toEqual(['probe/prod-usc1']);
    expect(addOnConnectivityIntents(load(examplePlatform, [probe]).plan, [probe])).toEqual([]);
  });
});
