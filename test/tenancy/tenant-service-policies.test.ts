import { Testing } from 'cdk8s';
import { TenantNamespace, TenantNamespaceProps } from '../../lib/tenancy/tenant-namespace';
import { PRIVATE_SERVICE_PORTS } from '../../lib/domain/platform/private-service-access';
import { MAPPING, MINIMAL } from './fixtures';
import { K8sObject } from './k8s-checks';
import { expectK8sSchemaValid } from './validate-k8s';

function synth(props: TenantNamespaceProps): K8sObject[] {
  const chart = Testing.chart();
  new TenantNamespace(chart, props.tenant.name, props);
  return Testing.synth(chart) as K8sObject[];
}
const policy = (objects: K8sObject[], name: string) => objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name) as (K8sObject & { spec: any }) | undefined;

describe('TenantNamespace service allowances', () => {
  test('a Workload Identity tenant may reach private.googleapis.com on 443', () => {
    const objects = synth({ tenant: MAPPING, project: 'prod-project' });
    expectK8sSchemaValid(objects);
    expect(policy(objects, 'allow-google-apis')?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '199.36.153.8/30' } }], ports: [{ port: 443, protocol: 'TCP' }] }],
    });
  });

  test('a tenant without Workload Identity gets no Google API allowance', () => {
    expect(policy(synth({ tenant: MINIMAL }), 'allow-google-apis')).toBeUndefined();
  });

  test('the Google API range can be changed (e.g. restricted.googleapis.com under VPC Service Controls)', () => {
    const objects = synth({ tenant: MAPPING, project: 'prod-project', googleApisCidr: '199.36.153.4/30' });
    expect(policy(objects, 'allow-google-apis')?.spec.egress[0].to).toEqual([{ ipBlock: { cidr: '199.36.153.4/30' } }]);
  });

  test('the Private Service Access range is allowed on the private service ports when given, never otherwise', () => {
    const objects = synth({ tenant: MINIMAL, privateServicesCidr: '10.0.16.0/20' });
    expectK8sSchemaValid(objects);
    expect(policy(objects, 'allow-private-services')?.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.0.16.0/20' } }], ports: PRIVATE_SERVICE_PORTS.map((port) => ({ port, protocol: 'TCP' })) }]);
    expect(policy(synth({ tenant: MINIMAL }), 'allow-private-services')).toBeUndefined();
  });
});
