import { examplePlatform } from '../../examples/drive-platform/platform';
import { ENVOY_PROMETHEUS_PORT, ISTIO_MERGED_METRICS_PORT, managedPrometheusTrafficNeeds, validateManagedPrometheusSettings } from '../../lib/domain/addons/monitoring/managed-prometheus';

const withIstio = { ...examplePlatform, addOns: [{ name: 'istio' }, { name: 'managed-prometheus' }] };
const withoutIstio = { ...examplePlatform, addOns: [{ name: 'managed-prometheus' }] };
const issues = (settings: Record<string, unknown>, definition = withIstio) => validateManagedPrometheusSettings(settings as any, definition).map((i) => `${i.path}: ${i.field} ${JSON.stringify(i.value)} ${i.problem}; ${i.fix}`);

describe('the managed-prometheus add-on', () => {
  test("with Istio, the collectors scrape the sidecars' merged metrics port by default", () => {
    expect(issues({})).toEqual([]);
    expect(managedPrometheusTrafficNeeds({}, withIstio)).toEqual([{ kind: 'namespace-to-tenants', namespace: 'gmp-system', ports: [ISTIO_MERGED_METRICS_PORT], reason: "Managed Prometheus' collectors scrape tenants' metrics" }]);
    expect(issues({ ports: [ISTIO_MERGED_METRICS_PORT, ENVOY_PROMETHEUS_PORT] })).toEqual([]);
  });

  test('without Istio, the declared ports', () => {
    expect(issues({ ports: [9090] }, withoutIstio)).toEqual([]);
    expect(managedPrometheusTrafficNeeds({ ports: [9090] }, withoutIstio)[0]).toMatchObject({ ports: [9090] });
  });

  test.each([
    [
      'no ports and no mesh',
      {},
      withoutIstio,
      "addOns[managed-prometheus]: settings.ports undefined is not given: the tenants' metrics ports cannot be guessed, so no NetworkPolicy would admit the collectors; list the ports your PodMonitorings scrape, e.g. ports: [9090]",
    ],
    ['an empty list', { ports: [] }, withoutIstio, 'addOns[managed-prometheus]: settings.ports [] is not a non-empty list of ports; list the ports your PodMonitorings scrape, e.g. ports: [9090]'],
    ['a port out of range', { ports: [0] }, withoutIstio, 'addOns[managed-prometheus]: settings.ports[0] 0 is not a TCP port (1..65535); use the port number your PodMonitorings scrape, e.g. 9090'],
    [
      'a port the sidecar captures',
      { ports: [9090] },
      withIstio,
      "addOns[managed-prometheus]: settings.ports[0] 9090 is captured by the tenants' Istio sidecars, whose STRICT mTLS refuses the collectors (gmp-system is outside the mesh); scrape Istio's merged metrics on 15020 (the application's metrics included), or leave ports out",
    ],
  ])('throws on %s, naming the field, the value and the fix', (_what, settings, definition, message) => {
    expect(issues(settings, definition)).toEqual([message]);
  });
});
