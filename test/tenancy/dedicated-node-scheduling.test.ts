import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { DedicatedNodeScheduling, SCHEDULED_KINDS } from '../../lib/tenancy/dedicated-node-scheduling';
import { tenantToleration } from '../../lib/domain/tenancy/tenant-placement';
import { K8sObject } from './k8s-checks';
import { expectK8sSchemaValid } from './validate-k8s';

const { k8s } = kplus;
const container = { name: 'app', image: 'registry.example.com/app:1' };
const podSpec = { containers: [container] };

function workloads(chart: Chart, namespace: string): void {
  new kplus.Deployment(chart, `Deployment-${namespace}`, { metadata: { name: 'web', namespace }, containers: [{ image: container.image, securityContext: { ensureNonRoot: false } }] });
  new k8s.KubeStatefulSet(chart, `StatefulSet-${namespace}`, { metadata: { name: 'db', namespace }, spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: podSpec } } });
  new k8s.KubeJob(chart, `Job-${namespace}`, { metadata: { name: 'once', namespace }, spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } });
  new k8s.KubeCronJob(chart, `CronJob-${namespace}`, { metadata: { name: 'nightly', namespace }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } } } });
  new k8s.KubePod(chart, `Pod-${namespace}`, { metadata: { name: 'debug', namespace }, spec: podSpec });
  new k8s.KubeConfigMap(chart, `ConfigMap-${namespace}`, { metadata: { name: 'config', namespace }, data: { a: 'b' } });
}

const POD_SPEC: Record<string, (o: K8sObject) => any> = {
  Pod: (o) => o.spec,
  Deployment: (o) => o.spec.template.spec,
  StatefulSet: (o) => o.spec.template.spec,
  Job: (o) => o.spec.template.spec,
  CronJob: (o) => o.spec.jobTemplate.spec.template.spec,
};

describe('DedicatedNodeScheduling', () => {
  test('injects the toleration and nodeSelector into every workload kind of the tenant namespace', () => {
    // GIVEN workloads in the dedicated namespace and in another one
    const chart = Testing.chart();
    workloads(chart, 'simulation');
    workloads(chart, 'mapping');
    // WHEN
    const patched = DedicatedNodeScheduling.apply(chart, { tenant: 'simulation' });
    // THEN
    expect(patched.map((o) => o.kind).sort()).toEqual(['CronJob', 'Deployment', 'Job', 'Pod', 'StatefulSet']);
    const objects = Testing.synth(chart) as K8sObject[];
    for (const o of objects.filter((x) => x.kind in POD_SPEC)) {
      const spec = POD_SPEC[o.kind](o);
      if (o.metadata.namespace === 'simulation') {
        expect(spec.nodeSelector).toEqual({ tenant: 'simulation' });
        expect(spec.tolerations).toEqual([{ key: 'tenant', operator: 'Equal', value: 'simulation', effect: 'NoSchedule' }]);
      } else {
        expect(spec.nodeSelector).toBeUndefined();
        expect(spec.tolerations).toBeUndefined();
      }
    }
    expectK8sSchemaValid(objects);
    expect(objects.filter((o) => o.metadata.namespace === 'simulation')).toMatchSnapshot();
  });

  test('keeps existing nodeSelector entries and tolerations', () => {
    const chart = Testing.chart();
    new k8s.KubePod(chart, 'Pod', {
      metadata: { name: 'gpu', namespace: 'ml' },
      spec: { ...podSpec, nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-l4' }, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] },
    });
    DedicatedNodeScheduling.apply(chart, { tenant: 'ml' });
    const [pod] = Testing.synth(chart) as K8sObject[];
    expect(pod.spec.nodeSelector).toEqual({ 'cloud.google.com/gke-accelerator': 'nvidia-l4', tenant: 'ml' });
    expect(pod.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, tenantToleration('ml')]);
  });

  test('is idempotent', () => {
    const chart = Testing.chart();
    workloads(chart, 'simulation');
    DedicatedNodeScheduling.apply(chart, { tenant: 'simulation' });
    expect(DedicatedNodeScheduling.apply(chart, { tenant: 'simulation' })).toEqual([]);
    const pod = (Testing.synth(chart) as K8sObject[]).find((o) => o.kind === 'Pod')!;
    expect(pod.spec.tolerations).toHaveLength(1);
  });

  test('uses the chart namespace when objects do not set one', () => {
    const chart = new Chart(Testing.app(), 'sim', { namespace: 'simulation' });
    new k8s.KubePod(chart, 'Pod', { metadata: { name: 'p' }, spec: podSpec });
    DedicatedNodeScheduling.apply(chart, { tenant: 'simulation' });
    expect(chart.toJson()[0].spec.nodeSelector).toEqual({ tenant: 'simulation' });
  });

  test('pins a namespace other than the tenant name when given', () => {
    const chart = Testing.chart();
    new k8s.KubePod(chart, 'Pod', { metadata: { name: 'p', namespace: 'sim-batch' }, spec: podSpec });
    DedicatedNodeScheduling.apply(chart, { tenant: 'simulation', namespace: 'sim-batch' });
    expect((Testing.synth(chart) as K8sObject[])[0].spec.tolerations).toEqual([tenantToleration('simulation')]);
  });

  test('covers the documented kinds', () => {
    expect(SCHEDULED_KINDS).toEqual(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);
  });

  test('throws when a workload is added after the call', () => {
    const chart = Testing.chart();
    DedicatedNodeScheduling.apply(chart, { tenant: 'simulation' });
    new k8s.KubePod(chart, 'Late', { metadata: { name: 'late', namespace: 'simulation' }, spec: podSpec });
    expect(() => Testing.synth(chart)).toThrow(/test\/Late: Pod late in dedicated-nodes namespace simulation lacks the tenant=simulation toleration or nodeSelector; call DedicatedNodeScheduling.apply\(\) after adding it/);
  });

  test('throws when the tenant name is not a DNS-1123 label', () => {
    expect(() => DedicatedNodeScheduling.apply(Testing.chart(), { tenant: 'Sim' })).toThrow(/tenant "Sim" is not a DNS-1123 label/);
  });
});
