import { readFileSync } from 'fs';
import { join } from 'path';
import { apiOfResourceType } from '../../lib/domain/platform/project-services';
import { verifySynthesized } from '../../lib/report/verify-connectivity';
import { resourcesOf } from '../stacks/example-synth';
import { synthesizedExample } from './example-model';

/*
 * The five defects of issue 12, each held by a test that fails without its fix (checked by reverting each fix:
 * the named assertions fail, and so do the matching example verdicts).
 */
const { definition, output, platform, stackDependencies } = synthesizedExample();
const json = Object.fromEntries(output.stacks.map((s) => [s.name, s.json])) as Record<string, any>;
const { result, topology } = verifySynthesized(definition, output);
const verdict = (id: string) => result.verdicts.find((v) => v.id === id)!;
const lock = JSON.parse(readFileSync(join(__dirname, '../../examples/drive-platform/ip-plan.lock.json'), 'utf8')).allocations as Record<string, { cidr: string }>;
const policiesOf = (cluster: string, namespace: string) => topology.networkPolicies.filter((p) => p.cluster === cluster && p.namespace === namespace).map((p) => p.name);

describe('1. pods on different nodes reach each other in the Shared VPC host project', () => {
  test.each(definition.clusters.map((c) => c.name))('%s: a host-project rule admits its node and pod ranges to its own nodes only, every protocol', (name) => {
    const ranges = platform.clusterRanges.get(name)!;
    const rule = resourcesOf(json, 'google_compute_firewall').find(([, , r]) => r.name === `drive-platform-allow-${name}-internal`)?.[2];
    expect(rule).toMatchObject({ project: 'drive-net-prod', direction: 'INGRESS', source_ranges: [platform.ipPlan.cidr(ranges.nodes), platform.ipPlan.cidr(ranges.pods)], target_tags: [`gke-${name}-nodes`], allow: [{ protocol: 'all' }] });
    expect(verdict(`pods-across-nodes/${name}`)).toMatchObject({ allowed: true, met: true });
  });
});

describe('2. private control planes are reachable from the networks that authorize them', () => {
  test('every router of the garage link advertises the control planes that authorize corp-vpn', () => {
    const routers = resourcesOf({ l: json['drive-link-garage-sunnyvale'] }, 'google_compute_router').map(([, , r]) => [r.name, r.bgp.advertised_ip_ranges.map((a: { range: string }) => a.range)]);
    expect(routers.sort()).toEqual([
      // Control planes sorted by cluster name.
      ['garage-sunnyvale-us-central1', ['199.36.153.8/30', lock['gcp/us-west1/dev-usw1/control-plane'].cidr, lock['gcp/us-central1/payments-usc1/control-plane'].cidr, lock['gcp/us-central1/prod-usc1/control-plane'].cidr]],
      ['garage-sunnyvale-us-west1', ['199.36.153.8/30', lock['gcp/us-west1/dev-usw1/control-plane'].cidr, lock['gcp/us-central1/payments-usc1/control-plane'].cidr, lock['gcp/us-central1/prod-usc1/control-plane'].cidr]],
    ]);
  });

  test.each(definition.clusters.map((c) => c.name))("%s: its control-plane peering exports the VPC's custom routes", (name) => {
    const [config] = Object.values(json[`drive-cluster-${name}`].resource.google_compute_network_peering_routes_config) as any[];
    expect(config).toMatchObject({ project: 'drive-net-prod', network: 'drive-platform', export_custom_routes: true, import_custom_routes: false });
    expect(config.peering).toBe('${google_container_cluster.Cluster_EB0386A7.private_cluster_config[0].peering_name}');
  });

  test('no control plane is routed to AWS: no cluster authorizes a range of the AWS VPC (issue 20: the dev cluster used to be, with an empty list)', () => {
    const routes = resourcesOf({ l: json['drive-link-aws-usw2'] }, 'aws_route').map(([, , r]) => r.destination_cidr_block);
    for (const c of ['prod-usc1', 'payments-usc1']) expect(routes).not.toContain(lock[`gcp/us-central1/${c}/control-plane`].cidr);
    expect(routes).not.toContain(lock['gcp/us-west1/dev-usw1/control-plane'].cidr);
  });

  test.each(['authorized-network/prod-usc1/corp-vpn', 'authorized-network/payments-usc1/corp-vpn', 'authorized-network/dev-usw1/corp-vpn'])('%s is met', (id) => {
    expect(verdict(id)).toMatchObject({ allowed: true, met: true });
  });
});

describe('3. Workload Identity tenants reach Google APIs; private-IP service tenants reach Private Service Access', () => {
  test('a private googleapis.com zone on the VPC answers with private.googleapis.com', () => {
    const [zone] = Object.values(json['drive-network'].resource.google_dns_managed_zone) as any[];
    expect(zone).toMatchObject({ name: 'drive-platform-googleapis', dns_name: 'googleapis.com.', visibility: 'private', project: 'drive-net-prod' });
    expect(zone.private_visibility_config.networks[0].network_url).toBe('${google_compute_network.Network_1C6012B5.id}');
    const records = (Object.values(json['drive-network'].resource.google_dns_record_set) as any[]).map((r) => [r.name, r.type, r.rrdatas]);
    expect(records).toEqual([
      ['private.googleapis.com.', 'A', ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11']],
      ['*.googleapis.com.', 'CNAME', ['private.googleapis.com.']],
    ]);
  });

  test('tenants with Workload Identity, and only they, may reach private.googleapis.com on 443', () => {
    for (const tenant of definition.tenants!) {
      const has = policiesOf(tenant.clusters[0], tenant.name).includes('allow-google-apis');
      expect([tenant.name, has]).toEqual([tenant.name, (tenant.workloadIdentities ?? []).length > 0]);
    }
    expect(verdict('google-apis/payments@payments-usc1')).toMatchObject({ allowed: true, met: true });
  });

  test('Private Service Access takes its range from the IP plan, and payments (Cloud SQL client) may reach it', () => {
    const psa = lock['network/private-service-access'].cidr;
    const [range] = Object.values(json['drive-network'].resource.google_compute_global_address) as any[];
    expect(`${range.address}/${range.prefix_length}`).toBe(psa);
    expect(range).toMatchObject({ purpose: 'VPC_PEERING', address_type: 'INTERNAL' });
    const [connection] = Object.values(json['drive-network'].resource.google_service_networking_connection) as any[];
    expect(connection.service).toBe('servicenetworking.googleapis.com');
    expect(connection.reserved_peering_ranges).toEqual([expect.stringMatching(/^\$\{google_compute_global_address\.PrivateServiceAccess_Range_[0-9A-F]+\.name\}$/)]);
    expect(policiesOf('payments-usc1', 'payments')).toContain('allow-private-services');
    expect(policiesOf('prod-usc1', 'mapping')).not.toContain('allow-private-services');
    expect(verdict('private-services/payments@payments-usc1')).toMatchObject({ allowed: true, met: true });
  });
});

describe('4. fresh projects: a project-services stack enables every API, applied first', () => {
  const providerProject = (stack: string) => json[stack].provider?.google?.[0]?.project as string | undefined;
  const used = output.stacks.flatMap((s) =>
    Object.entries((s.json.resource ?? {}) as Record<string, Record<string, any>>)
      .filter(([type]) => type.startsWith('google_'))
      .flatMap(([type, byName]) => Object.values(byName).map((r) => ({ stack: s.name, type, project: (r.project as string | undefined) ?? providerProject(s.name), api: apiOfResourceType(type) }))),
  );
  const enabled = new Set(topology.projectServices.map((s) => `${s.project}/${s.service}`));

  test('every Google resource type in the output has a known API', () => {
    expect(used.filter((u) => u.api === undefined).map((u) => u.type)).toEqual([]);
  });

  test("each resource's API is enabled in the project it lives in", () => {
    const missing = used.filter((u) => u.project && !enabled.has(`${u.project}/${u.api}`)).map((u) => `${u.stack}: ${u.type} needs ${u.api} in ${u.project}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  test('every other stack depends on it, so it is applied first', () => {
    expect(stackDependencies['drive-project-services']).toEqual([]);
    const others = Object.keys(stackDependencies).filter((n) => n !== 'drive-project-services');
    expect(others).toHaveLength(9);
    for (const name of others) expect([name, stackDependencies[name]]).toEqual([name, expect.arrayContaining(['drive-project-services'])]);
  });

  test("it enables the GKE, fleet and networking APIs of each project (and Cloud Storage where tenants' buckets are created), and leaves them on when destroyed", () => {
    expect([...enabled].filter((s) => s.startsWith('drive-gke-prod/')).sort()).toEqual(
      ['anthosconfigmanagement', 'artifactregistry', 'cloudresourcemanager', 'compute', 'container', 'gkehub', 'iam', 'iamcredentials', 'logging', 'monitoring', 'serviceusage', 'storage'].map((a) => `drive-gke-prod/${a}.googleapis.com`),
    );
    expect(enabled).toContain('drive-net-prod/servicenetworking.googleapis.com');
    expect(enabled).toContain('drive-net-prod/dns.googleapis.com');
    for (const r of Object.values(json['drive-project-services'].resource.google_project_service) as any[]) expect(r.disable_on_destroy).toBe(false);
  });
});

describe("5. NodeLocal DNSCache is enabled where the tenants' DNS allowance points", () => {
  test.each(definition.clusters.map((c) => c.name))('%s enables it, and its tenants resolve through it', (name) => {
    const [cluster] = Object.values(json[`drive-cluster-${name}`].resource.google_container_cluster) as any[];
    expect(cluster.addons_config.dns_cache_config).toEqual({ enabled: true });
    for (const v of result.verdicts.filter((x) => x.id.startsWith('tenant-dns/') && x.id.endsWith(`@${name}`))) {
      expect(v.hops.map((h) => h.kind)).toContain('node-local-dns');
      expect(v.met).toBe(true);
    }
  });
});
