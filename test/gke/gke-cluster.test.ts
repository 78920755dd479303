import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { GkeCluster } from '../../lib/gke/gke-cluster';
import { NodePool } from '../../lib/gke/node-pool';
import { clusterProps, clusterStack, Json, networkStack, only, PROJECT, synthJson } from './fixtures';

const cluster = (json: Json) => only(json, 'google_container_cluster');
const KEY = 'projects/acme-kms/locations/us-central1/keyRings/gke/cryptoKeys/etcd';

describe('GkeCluster', () => {
  test('minimal snapshot', () => {
    expect(Testing.synth(clusterStack().stack)).toMatchSnapshot();
  });

  describe('secure defaults', () => {
    const json = synthJson(clusterStack().stack);
    const c = cluster(json);

    test('regional', () => expect(c.location).toBe('us-central1'));
    test('VPC-native on the named secondary ranges', () => {
      expect(c.networking_mode).toBe('VPC_NATIVE');
      expect(c.ip_allocation_policy).toEqual({ cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services', stack_type: 'IPV4' });
      expect(c.subnetwork).toMatch(/^\$\{google_compute_subnetwork\.Network_Subnet-prod-usc1_[0-9A-F]{8}\.id\}$/);
      expect(c.network).toMatch(/^\$\{google_compute_network\.Network_[0-9A-F]{8}\.id\}$/);
    });
    test('private nodes and private endpoint on the /28', () => {
      expect(c.private_cluster_config).toEqual({
        enable_private_nodes: true,
        enable_private_endpoint: true,
        master_ipv4_cidr_block: '172.16.0.0/28',
        master_global_access_config: { enabled: true },
      });
    });
    test('authorized networks listed and enforced on the private endpoint', () => {
      expect(c.master_authorized_networks_config).toEqual({ cidr_blocks: [{ cidr_block: '10.200.8.0/24', display_name: 'corp-vpn' }], gcp_public_cidrs_access_enabled: false, private_endpoint_enforcement_enabled: true });
    });
    test('no client certificate, no legacy ABAC', () => {
      expect(c.master_auth).toEqual({ client_certificate_config: { issue_client_certificate: false } });
      expect(c.enable_legacy_abac).toBe(false);
    });
    test('Workload Identity pool', () => expect(c.workload_identity_config).toEqual({ workload_pool: `${PROJECT}.svc.id.goog` }));
    test('Google Groups for RBAC', () => expect(c.authenticator_groups_config).toEqual({ security_group: 'gke-security-groups@example.com' }));
    test('Dataplane V2', () => expect(c.datapath_provider).toBe('ADVANCED_DATAPATH'));
    test('no Calico network policy addon (Dataplane V2 enforces policies)', () => expect(c.network_policy).toBeUndefined());
    test('shielded nodes', () => expect(c.enable_shielded_nodes).toBe(true));
    test('release channel REGULAR', () => expect(c.release_channel).toEqual({ channel: 'REGULAR' }));
    test('deletion protection on', () => expect(c.deletion_protection).toBe(true));
    test('default node pool removed, created with 1 node', () => {
      expect(c.remove_default_node_pool).toBe(true);
      expect(c.initial_node_count).toBe(1);
      expect(c.lifecycle).toEqual({ ignore_changes: ['node_config', 'initial_node_count'] });
    });
    test('temporary default pool is locked down too (no default SA)', () => {
      expect(c.node_config).toEqual({
        service_account: expect.stringMatching(/^\$\{google_service_account\.Cluster_NodeServiceAccount_[0-9A-F]{8}\.email\}$/),
        oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
        shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
        workload_metadata_config: { mode: 'GKE_METADATA' },
      });
    });
    test('kubelet read-only port closed', () => {
      expect(c.node_pool_defaults).toEqual({ node_config_defaults: { insecure_kubelet_readonly_port_enabled: 'FALSE' } });
    });
    test('maintenance window weekend nights', () => {
      expect(c.maintenance_policy).toEqual({ recurring_window: { start_time: '2025-01-04T02:00:00Z', end_time: '2025-01-04T08:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU' } });
    });
    test('logging, monitoring and managed Prometheus', () => {
      expect(c.logging_config).toEqual({ enable_components: ['SYSTEM_COMPONENTS', 'WORKLOADS'] });
      expect(c.monitoring_config.enable_components).toContain('SYSTEM_COMPONENTS');
      expect(c.monitoring_config.enable_components).toContain('APISERVER');
      expect(c.monitoring_config.managed_prometheus).toEqual({ enabled: true });
    });
    test('cost allocation on, usage export off', () => {
      expect(c.cost_management_config).toEqual({ enabled: true });
      expect(c.resource_usage_export_config).toBeUndefined();
    });
    test('binary authorization explicitly disabled, no database encryption', () => {
      expect(c.binary_authorization).toEqual({ evaluation_mode: 'DISABLED' });
      expect(c.database_encryption).toBeUndefined();
      expect(json.resource.google_kms_crypto_key_iam_member).toBeUndefined();
      expect(json.data?.google_project).toBeUndefined();
    });
    test("security posture written out at GKE's defaults (BASIC, scanning off)", () => {
      expect(c.security_posture_config).toEqual({ mode: 'BASIC', vulnerability_mode: 'VULNERABILITY_DISABLED' });
    });
    test('no maintenance exclusions', () => expect(c.maintenance_policy.maintenance_exclusion).toBeUndefined());
    test('max pods per node from the plan', () => expect(c.default_max_pods_per_node).toBe(64));
    test('depends on the node SA role grants', () => {
      expect(c.depends_on).toHaveLength(2);
      expect(c.depends_on.every((d: string) => d.startsWith('google_project_iam_member.'))).toBe(true);
    });
    test('dedicated node service account with least-privilege roles', () => {
      const sa = only(json, 'google_service_account');
      expect(sa).toMatchObject({ account_id: 'prod-usc1-nodes', project: PROJECT });
      const roles = Object.values(json.resource.google_project_iam_member)
        .map((m: Json) => m.role)
        .sort();
      expect(roles).toEqual(['roles/artifactregistry.reader', 'roles/container.defaultNodeServiceAccount']);
      for (const m of Object.values(json.resource.google_project_iam_member) as Json[]) {
        expect(m.member).toMatch(/google_service_account\.Cluster_NodeServiceAccount_[0-9A-F]{8}\.member/);
      }
    });
  });

  test('public endpoint with authorized networks', () => {
    const c = cluster(synthJson(clusterStack({ controlPlaneAccess: { type: 'public', authorizedNetworks: [{ cidr: '203.0.113.0/24', displayName: 'office' }], globalAccess: false } }).stack));
    expect(c.private_cluster_config).toMatchObject({ enable_private_endpoint: false, enable_private_nodes: true, master_global_access_config: { enabled: false } });
    expect(c.master_authorized_networks_config).toEqual({ gcp_public_cidrs_access_enabled: false, cidr_blocks: [{ cidr_block: '203.0.113.0/24', display_name: 'office' }] });
  });

  test('private endpoint with enforced internal authorized networks', () => {
    const c = cluster(synthJson(clusterStack({ controlPlaneAccess: { type: 'private', authorizedNetworks: [{ cidr: '10.200.0.0/16', displayName: 'on-prem' }] } }).stack));
    expect(c.master_authorized_networks_config).toEqual({ gcp_public_cidrs_access_enabled: false, private_endpoint_enforcement_enabled: true, cidr_blocks: [{ cidr_block: '10.200.0.0/16', display_name: 'on-prem' }] });
  });

  test('Service externalIPs are disabled unless opted in (CVE-2020-8554)', () => {
    expect(cluster(synthJson(clusterStack({}).stack)).service_external_ips_config).toEqual({ enabled: false });
    expect(cluster(synthJson(clusterStack({ serviceExternalIps: true }).stack)).service_external_ips_config).toEqual({ enabled: true });
  });

  test('0.0.0.0/0 only with the loud opt-in', () => {
    const c = cluster(synthJson(clusterStack({ controlPlaneAccess: { type: 'public', authorizedNetworks: [{ cidr: '0.0.0.0/0', displayName: 'anyone' }] }, dangerouslyAllowPublicControlPlaneFromAnywhere: true }).stack));
    expect(c.master_authorized_networks_config.cidr_blocks).toEqual([{ cidr_block: '0.0.0.0/0', display_name: 'anyone' }]);
  });

  test('optional features', () => {
    const c = cluster(
      synthJson(
        clusterStack({
          releaseChannel: 'STABLE',
          deletionProtection: false,
          binaryAuthorization: true,
          databaseEncryptionKey: 'projects/acme-kms/locations/us-central1/keyRings/gke/cryptoKeys/etcd',
          resourceUsageExportDatasetId: 'gke_usage',
          additionalPodRangeNames: ['pods-extra'],
          nodeLocations: ['us-central1-a', 'us-central1-b'],
          managedPrometheus: false,
          costAllocation: false,
          labels: { env: 'prod' },
          maintenanceWindow: { startTime: '2025-01-01T01:00:00Z', endTime: '2025-01-01T05:00:00Z', recurrence: 'FREQ=DAILY' },
        }).stack,
      ),
    );
    expect(c.release_channel).toEqual({ channel: 'STABLE' });
    expect(c.deletion_protection).toBe(false);
    expect(c.binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
    expect(c.database_encryption).toEqual({ state: 'ENCRYPTED', key_name: 'projects/acme-kms/locations/us-central1/keyRings/gke/cryptoKeys/etcd' });
    expect(c.resource_usage_export_config).toEqual({ enable_resource_consumption_metering: true, bigquery_destination: { dataset_id: 'gke_usage' } });
    expect(c.ip_allocation_policy.additional_pod_ranges_config).toEqual({ pod_range_names: ['pods-extra'] });
    expect(c.node_locations).toEqual(['us-central1-a', 'us-central1-b']);
    expect(c.monitoring_config.managed_prometheus).toEqual({ enabled: false });
    expect(c.cost_management_config).toEqual({ enabled: false });
    expect(c.resource_labels).toEqual({ env: 'prod' });
    expect(c.maintenance_policy.recurring_window.recurrence).toBe('FREQ=DAILY');
  });

  describe('regulated settings', () => {
    test('secrets encryption grants the GKE service agent the key, before the cluster', () => {
      const json = synthJson(clusterStack({ databaseEncryptionKey: KEY }).stack);
      const grant = only(json, 'google_kms_crypto_key_iam_member');
      expect(grant).toMatchObject({ crypto_key_id: KEY, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter' });
      expect(grant.member).toMatch(/^serviceAccount:service-\$\{data\.google_project\.Cluster_ProjectNumber_[0-9A-F]{8}\.number\}@container-engine-robot\.iam\.gserviceaccount\.com$/);
      expect(Object.values(json.data.google_project)[0]).toMatchObject({ project_id: PROJECT });
      expect(cluster(json).depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_kms_crypto_key_iam_member\.Cluster_DatabaseEncryptionKeyGrant_/)]));
    });
    test('a given project number needs no data source', () => {
      const json = synthJson(clusterStack({ databaseEncryptionKey: KEY, projectNumber: '123456789012' }).stack);
      expect(only(json, 'google_kms_crypto_key_iam_member').member).toBe('serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com');
      expect(json.data?.google_project).toBeUndefined();
    });
    test('the key grant can be left to the key owners', () => {
      const json = synthJson(clusterStack({ databaseEncryptionKey: KEY, grantDatabaseEncryptionKey: false }).stack);
      expect(json.resource.google_kms_crypto_key_iam_member).toBeUndefined();
      expect(cluster(json).database_encryption).toEqual({ state: 'ENCRYPTED', key_name: KEY });
    });
    test('Binary Authorization by evaluation mode', () => {
      expect(cluster(synthJson(clusterStack({ binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' } }).stack)).binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
      expect(cluster(synthJson(clusterStack({ binaryAuthorization: false }).stack)).binary_authorization).toEqual({ evaluation_mode: 'DISABLED' });
    });
    test('maintenance exclusions with their scope (NO_UPGRADES by default)', () => {
      const c = cluster(
        synthJson(
          clusterStack({
            maintenanceExclusions: [
              { name: 'year-end', startTime: '2026-12-20T00:00:00Z', endTime: '2027-01-04T00:00:00Z' },
              { name: 'h1-minor', startTime: '2026-01-01T00:00:00Z', endTime: '2026-06-29T00:00:00Z', scope: 'NO_MINOR_UPGRADES' },
            ],
          }).stack,
        ),
      );
      expect(c.maintenance_policy.maintenance_exclusion).toEqual([
        { exclusion_name: 'year-end', start_time: '2026-12-20T00:00:00Z', end_time: '2027-01-04T00:00:00Z', exclusion_options: { scope: 'NO_UPGRADES' } },
        { exclusion_name: 'h1-minor', start_time: '2026-01-01T00:00:00Z', end_time: '2026-06-29T00:00:00Z', exclusion_options: { scope: 'NO_MINOR_UPGRADES' } },
      ]);
      expect(c.maintenance_policy.recurring_window.recurrence).toBe('FREQ=WEEKLY;BYDAY=SA,SU');
    });
    test('security posture modes override one by one', () => {
      expect(cluster(synthJson(clusterStack({ securityPosture: { vulnerabilityMode: 'VULNERABILITY_ENTERPRISE' } }).stack)).security_posture_config).toEqual({ mode: 'BASIC', vulnerability_mode: 'VULNERABILITY_ENTERPRISE' });
    });
    test('snapshot with every regulated setting', () => {
      const { stack } = clusterStack({
        databaseEncryptionKey: KEY,
        binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' },
        securityPosture: { mode: 'ENTERPRISE', vulnerabilityMode: 'VULNERABILITY_ENTERPRISE' },
        maintenanceExclusions: [{ name: 'year-end', startTime: '2026-12-20T00:00:00Z', endTime: '2027-01-04T00:00:00Z' }],
      });
      expect(Testing.synth(stack)).toMatchSnapshot();
    });
  });

  test('existing node service account: none created', () => {
    const { stack, cluster: cl } = clusterStack({ nodeServiceAccountEmail: 'nodes@acme-prod.iam.gserviceaccount.com' });
    const json = synthJson(stack);
    expect(json.resource.google_service_account).toBeUndefined();
    expect(cluster(json).node_config.service_account).toBe('nodes@acme-prod.iam.gserviceaccount.com');
    expect(cl.nodeServiceAccountEmail).toBe('nodes@acme-prod.iam.gserviceaccount.com');
  });

  test('custom node SA id and roles', () => {
    const json = synthJson(clusterStack({ nodeServiceAccountId: 'gke-prod', nodeServiceAccountRoles: ['roles/logging.logWriter'] }).stack);
    expect(only(json, 'google_service_account').account_id).toBe('gke-prod');
    expect(only(json, 'google_project_iam_member').role).toBe('roles/logging.logWriter');
  });

  test('exposes IGkeCluster attributes', () => {
    const { cluster: c } = clusterStack();
    expect(c).toMatchObject({
      name: 'prod-usc1',
      location: 'us-central1',
      projectId: PROJECT,
      releaseChannel: 'REGULAR',
      podRangeName: 'pods',
      maxPodsPerNode: 64,
      dataplaneV2: true,
      podRangeCidr: '100.64.0.0/16',
      nodeSubnetCidr: '10.0.0.0/22',
    });
    expect(c.resource.node.id).toBe('Resource');
  });

  describe('validation', () => {
    const expectThrow = (overrides: Parameters<typeof clusterStack>[0], message: string | RegExp) => expect(() => clusterStack(overrides)).toThrow(message);

    test('throws when the name is invalid', () => {
      expectThrow({ name: 'Prod_cluster' }, 'test/Cluster: name "Prod_cluster" must match ^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$ (at most 40 characters); use lower-case letters, digits and "-", starting with a letter, e.g. "prod-usc1"');
    });
    test('throws when the name is longer than 40 characters', () => {
      expectThrow({ name: 'a'.repeat(41), nodeServiceAccountId: 'nodes-sa' }, /name "a{41}" must match/);
    });
    test('throws when the location is a zone', () => {
      expectThrow({ region: 'us-central1-a' }, /region "us-central1-a" is not a region name/);
    });
    test('throws when a node location is outside the region', () => {
      expectThrow({ nodeLocations: ['us-central1-a', 'us-east1-b'] }, /nodeLocations\[1\] "us-east1-b" is not a zone of region us-central1; use zones such as "us-central1-a"/);
    });
    test('throws when the subnet is in another region', () => {
      const { stack, network } = networkStack();
      expect(() => new GkeCluster(stack, 'Cluster', clusterProps(network, { region: 'us-east1' }))).toThrow(/subnet "prod-usc1" is in us-central1, but the cluster is in us-east1/);
    });
    test('throws when the pod range does not exist on the subnet', () => {
      expectThrow({ podRangeName: 'pod' }, 'test/Cluster: podRangeName "pod" is not a secondary range of subnet prod-usc1 (has: pods, services, pods-extra); declare the range on the subnet or use one of its names');
    });
    test('throws when the services range does not exist on the subnet', () => {
      expectThrow({ servicesRangeName: 'svc' }, /servicesRangeName "svc" is not a secondary range of subnet prod-usc1/);
    });
    test('throws when an additional pod range does not exist', () => {
      expectThrow({ additionalPodRangeNames: ['more'] }, /additionalPodRangeNames\[0\] "more" is not a secondary range/);
    });
    test('throws when pods and services share a range', () => {
      expectThrow({ servicesRangeName: 'pods' }, /servicesRangeName "pods" is also the pod range/);
    });
    test('throws when additional pod ranges repeat the default one', () => {
      expectThrow({ additionalPodRangeNames: ['pods'] }, /additionalPodRangeNames \["pods"\] repeats the default pod or services range/);
    });
    test('throws when the control plane range is not a /28', () => {
      expectThrow({ controlPlaneCidr: '172.16.0.0/27' }, /controlPlaneCidr "172.16.0.0\/27" is a \/27, but GKE control-plane ranges are \/28/);
    });
    test('throws when the control plane range overlaps the node subnet', () => {
      expectThrow({ controlPlaneCidr: '10.0.1.0/28' }, 'test/Cluster: controlPlaneCidr "10.0.1.0/28" overlaps 10.0.0.0/22 (subnet prod-usc1); use a /28 outside the node subnet and its secondary ranges (take it from the IP plan)');
    });
    test('throws when the control plane range overlaps a secondary range', () => {
      expectThrow({ controlPlaneCidr: '100.65.0.16/28' }, /overlaps 100.65.0.0\/20 \(prod-usc1\/services\)/);
    });
    test('throws when authorized networks include 0.0.0.0/0 without the opt-in', () => {
      expectThrow(
        { controlPlaneAccess: { type: 'public', authorizedNetworks: [{ cidr: '0.0.0.0/0', displayName: 'all' }] } },
        'test/Cluster: controlPlaneAccess.authorizedNetworks[0].cidr "0.0.0.0/0" opens the control plane to the whole internet; list the office, VPN or CI ranges that need kubectl access (or set dangerouslyAllowPublicControlPlaneFromAnywhere: true if you really mean it)',
      );
    });
    test('throws when an authorized network is not a CIDR', () => {
      expectThrow({ controlPlaneAccess: { type: 'public', authorizedNetworks: [{ cidr: '203.0.113.1', displayName: 'x' }] } }, /authorizedNetworks\[0\]\.cidr "203.0.113.1" is not an IPv4 CIDR/);
    });
    test('throws when a private endpoint has no authorized networks (no silent "any internal address")', () => {
      expectThrow(
        { controlPlaneAccess: { type: 'private', authorizedNetworks: [] } },
        "test/Cluster: controlPlaneAccess.authorizedNetworks [] is empty, so the private control plane of prod-usc1 would take any address that routes to it (the VPC, every VPN or Interconnect); list the internal ranges that need the API server, e.g. [{ cidr: '10.200.8.0/24', displayName: 'corp-vpn' }] (the cluster's own nodes and pods are always admitted)",
      );
    });

    test('throws when a public endpoint has no authorized networks', () => {
      expectThrow({ controlPlaneAccess: { type: 'public', authorizedNetworks: [] } }, /controlPlaneAccess.authorizedNetworks \[\] is empty, so the public endpoint is reachable by nobody/);
    });
    test('throws when the groups domain is invalid', () => {
      expectThrow({ groupsDomain: 'gke-security-groups@example.com' }, /groupsDomain "gke-security-groups@example.com" is not a domain name/);
    });
    test('throws when the maintenance window is shorter than 4 hours', () => {
      expectThrow({ maintenanceWindow: { startTime: '2025-01-04T02:00:00Z', endTime: '2025-01-04T04:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA' } }, /maintenanceWindow.endTime "2025-01-04T04:00:00Z" is less than 4 hours after startTime/);
    });
    test('throws when managed Prometheus lacks system components', () => {
      expectThrow({ monitoringComponents: ['APISERVER'] }, /monitoringComponents \["APISERVER"\] omits SYSTEM_COMPONENTS, which managed Prometheus requires/);
    });
    test('throws when the KMS key is malformed', () => {
      expectThrow(
        { databaseEncryptionKey: 'my-key' },
        'test/Cluster: databaseEncryptionKey "my-key" is not a Cloud KMS crypto key resource name; use projects/<project>/locations/us-central1/keyRings/<ring>/cryptoKeys/<key> (gcloud kms keys list --location us-central1 --keyring <ring> --format="value(name)")',
      );
    });
    test('throws when the KMS key is in another region', () => {
      expectThrow(
        { databaseEncryptionKey: 'projects/acme-kms/locations/europe-west4/keyRings/r/cryptoKeys/k' },
        /databaseEncryptionKey ".*" is in location europe-west4, but the cluster is in us-central1: GKE encrypts Secrets only with a key of the cluster's own region; use a key of a key ring in us-central1/,
      );
    });
    test('throws when the project number is a project id', () => {
      expectThrow({ databaseEncryptionKey: KEY, projectNumber: 'acme-prod' }, /projectNumber "acme-prod" is not a project number \(digits only\); use the number gcloud projects describe/);
    });
    test('throws when a project number is given without a key', () => {
      expectThrow({ projectNumber: '123456789012' }, /projectNumber "123456789012" is set, but only the databaseEncryptionKey grant uses it; remove it, or set databaseEncryptionKey/);
    });
    test('throws when the Binary Authorization mode is unknown', () => {
      expectThrow({ binaryAuthorization: { evaluationMode: 'ENFORCE' as never } }, /binaryAuthorization.evaluationMode "ENFORCE" is not one of DISABLED, PROJECT_SINGLETON_POLICY_ENFORCE; use "PROJECT_SINGLETON_POLICY_ENFORCE"/);
    });
    test('throws when the security posture mode is unknown', () => {
      expectThrow({ securityPosture: { mode: 'STANDARD' as never } }, /securityPosture.mode "STANDARD" is not one of DISABLED, BASIC, ENTERPRISE/);
      expectThrow({ securityPosture: { vulnerabilityMode: 'BASIC' as never } }, /securityPosture.vulnerabilityMode "BASIC" is not one of VULNERABILITY_DISABLED, VULNERABILITY_BASIC, VULNERABILITY_ENTERPRISE/);
    });
    test('throws when a NO_UPGRADES exclusion is longer than 30 days', () => {
      expectThrow(
        { maintenanceExclusions: [{ name: 'freeze', startTime: '2026-12-01T00:00:00Z', endTime: '2027-01-15T00:00:00Z' }] },
        'test/Cluster: maintenanceExclusions[freeze].endTime "2027-01-15T00:00:00Z" makes the NO_UPGRADES exclusion 45 days long, but GKE allows at most 30; end it within 30 days of startTime, or use scope "NO_MINOR_UPGRADES" (up to 180 days, patches still apply)',
      );
    });
    test('throws when a minor-version exclusion is longer than 180 days', () => {
      expectThrow(
        { maintenanceExclusions: [{ name: 'h1', startTime: '2026-01-01T00:00:00Z', endTime: '2026-08-01T00:00:00Z', scope: 'NO_MINOR_UPGRADES' }] },
        /maintenanceExclusions\[h1\].endTime "2026-08-01T00:00:00Z" makes the NO_MINOR_UPGRADES exclusion 212 days long, but GKE allows at most 180/,
      );
    });
    test('throws when an exclusion ends before it starts, or its times do not parse', () => {
      expectThrow(
        { maintenanceExclusions: [{ name: 'x', startTime: '2026-02-01T00:00:00Z', endTime: '2026-01-01T00:00:00Z' }] },
        /maintenanceExclusions\[x\].endTime "2026-01-01T00:00:00Z" is not after startTime 2026-02-01T00:00:00Z; end the exclusion after it starts/,
      );
      expectThrow({ maintenanceExclusions: [{ name: 'x', startTime: 'tomorrow', endTime: '2026-01-01T00:00:00Z' }] }, /maintenanceExclusions\[x\].startTime "tomorrow" is not an RFC 3339 time/);
    });
    test('throws when two exclusions share a name, or the scope is unknown', () => {
      const e = { name: 'freeze', startTime: '2026-12-01T00:00:00Z', endTime: '2026-12-05T00:00:00Z' };
      expectThrow({ maintenanceExclusions: [e, e] }, /maintenanceExclusions\[freeze\].name "freeze" is used by another exclusion of the cluster; give each exclusion its own name/);
      expectThrow({ maintenanceExclusions: [{ ...e, scope: 'NO_PATCHES' as never }] }, /maintenanceExclusions\[freeze\].scope "NO_PATCHES" is not one of NO_UPGRADES, NO_MINOR_UPGRADES, NO_MINOR_OR_NODE_UPGRADES/);
    });
    test('throws when more than 3 NO_UPGRADES exclusions or more than 20 in all', () => {
      const freezes = [1, 2, 3, 4].map((m) => ({ name: `f${m}`, startTime: `2026-0${m}-01T00:00:00Z`, endTime: `2026-0${m}-03T00:00:00Z` }));
      expectThrow({ maintenanceExclusions: freezes }, /maintenanceExclusions \["f1","f2","f3","f4"\] holds 4 NO_UPGRADES exclusions, but GKE takes at most 3 per cluster/);
      const many = Array.from({ length: 21 }, (_, i) => ({ name: `m${i}`, startTime: '2026-01-01T00:00:00Z', endTime: '2026-02-01T00:00:00Z', scope: 'NO_MINOR_UPGRADES' as const }));
      expectThrow({ maintenanceExclusions: many }, /maintenanceExclusions \[.*\] holds 21 exclusions, but GKE takes at most 20 per cluster/);
    });
    test('throws when the node SA is the default compute SA', () => {
      expectThrow({ nodeServiceAccountEmail: '1234-compute@developer.gserviceaccount.com' }, /nodeServiceAccountEmail "1234-compute@developer.gserviceaccount.com" is the Compute Engine default service account/);
    });
    test('throws when the derived node SA id is too long', () => {
      expectThrow({ name: 'a-very-long-cluster-name-here' }, /nodeServiceAccountId \(default <name>-nodes\) "a-very-long-cluster-name-here-nodes" is not a service account id \(6-30 characters.*; set nodeServiceAccountId/);
    });
    test('throws when the given node SA id is too short', () => {
      expectThrow({ nodeServiceAccountId: 'abc' }, /nodeServiceAccountId "abc" is not a service account id/);
    });
    test('throws when maxPodsPerNode is out of range', () => {
      expectThrow({ maxPodsPerNode: 300 }, /maxPodsPerNode 300 must be an integer between 8 and 256/);
    });
    test('throws when maxNodes is not positive', () => {
      expectThrow({ maxNodes: 0 }, /maxNodes 0 must be a positive integer/);
    });
    test('throws when the pod range cannot hold maxNodes plus surge', () => {
      // /16 at 64 pods per node: 512 nodes.
      expectThrow(
        { maxNodes: 510 },
        'test/Cluster: podRangeCidr (pods) "100.64.0.0/16" holds 512 nodes at 64 pods per node (one /25 per node), but maxNodes 510 + 3 surge needs 513; use a /15 or larger pod range, or lower maxPodsPerNode to 32, or lower the node count',
      );
    });
    test('throws when the node subnet cannot hold maxNodes plus surge', () => {
      // /22: 1020 usable; pod range sized large enough via override.
      expectThrow(
        { maxNodes: 1020, maxPodsPerNode: 16, podRangeCidr: '100.64.0.0/14' },
        'test/Cluster: nodeSubnetCidr (prod-usc1) "10.0.0.0/22" holds 1020 nodes (2^(32-22) - 4 reserved), but maxNodes 1020 + 3 surge needs 1023; use a /21 or larger node subnet, or lower the node count',
      );
    });
    test('reports every issue at once', () => {
      // name, control plane, domain, and the node SA id derived from the bad name
      expect(() => clusterStack({ name: 'X', controlPlaneCidr: '1.2.3.4/28', groupsDomain: 'nope' })).toThrow(/^4 validation errors:/);
    });
  });

  describe('pool footprint (synth-time validation)', () => {
    test('throws when pools exceed maxNodes', () => {
      const { stack, cluster: c } = clusterStack({ maxNodes: 20 });
      new NodePool(stack, 'A', { cluster: c, name: 'a', autoscaling: { minNodesPerZone: 1, maxNodesPerZone: 5 } });
      new NodePool(stack, 'B', { cluster: c, name: 'b', autoscaling: { totalMinNodes: 0, totalMaxNodes: 10 } });
      expect(() => Testing.synth(stack, true)).toThrow(/test\/Cluster: maxNodes 20 is below the sum of node pool maximums \(25: a=15, b=10\)/);
    });
    test('throws when a blue-green pool doubles past the pod range', () => {
      // pods /16 = 65536 addresses = 512 nodes at /25; blue-green 300 nodes needs 600 during upgrades.
      const { stack, cluster: c } = clusterStack({ maxNodes: 500 });
      new NodePool(stack, 'A', { cluster: c, name: 'a', autoscaling: { totalMinNodes: 0, totalMaxNodes: 300 }, blueGreenUpgrade: {} });
      expect(() => Testing.synth(stack, true)).toThrow(
        'test/Cluster: podRangeCidr (pods) "100.64.0.0/16" has 65536 addresses, but its node pools need 76800 at maximum plus surge (a: 600 nodes x 128); give large pools their own pod range (podRange), lower their maximums or maxPodsPerNode, or use a larger pod range',
      );
    });
    test('pools with their own pod range do not count against the default one', () => {
      const { stack, cluster: c } = clusterStack({ maxNodes: 500, additionalPodRangeNames: ['pods-extra'] });
      new NodePool(stack, 'A', { cluster: c, name: 'a', autoscaling: { totalMinNodes: 0, totalMaxNodes: 300 }, blueGreenUpgrade: {}, podRange: { rangeName: 'pods-extra' } });
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });
    test('throws when pools overflow the node subnet', () => {
      const { stack, cluster: c } = clusterStack({ maxNodes: 1000, maxPodsPerNode: 8 });
      new NodePool(stack, 'A', { cluster: c, name: 'a', autoscaling: { totalMinNodes: 0, totalMaxNodes: 600 }, blueGreenUpgrade: {} });
      expect(() => Testing.synth(stack, true)).toThrow(/nodeSubnetCidr "10.0.0.0\/22" holds 1020 nodes \(2\^\(32-22\) - 4 reserved\), but node pools at maximum plus surge \(a=600\) needs 1200/);
    });
    test('passes when pools fit', () => {
      const { stack, cluster: c } = clusterStack();
      new NodePool(stack, 'A', { cluster: c, name: 'a' });
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });
  });
});

describe('GkeCluster.fromClusterAttributes', () => {
  const attrs = { name: 'prod-usc1', location: 'us-central1', projectId: PROJECT, nodeServiceAccountEmail: 'nodes@acme-prod.iam.gserviceaccount.com', podRangeName: 'pods', maxPodsPerNode: 64 };

  test('builds the cluster id and defaults', () => {
    const stack = new TerraformStack(Testing.app(), 'team');
    const c = GkeCluster.fromClusterAttributes(stack, 'Platform', attrs);
    expect(c).toMatchObject({ id: 'projects/acme-prod/locations/us-central1/clusters/prod-usc1', releaseChannel: 'REGULAR', dataplaneV2: true, maxPodsPerNode: 64 });
  });

  test('a product team adds a pool from its own stack', () => {
    const stack = new TerraformStack(Testing.app(), 'team');
    new GoogleProvider(stack, 'google', { project: PROJECT });
    const c = GkeCluster.fromClusterAttributes(stack, 'Platform', attrs);
    new NodePool(stack, 'TeamPool', { cluster: c, name: 'team-a' });
    const pool = only(synthJson(stack), 'google_container_node_pool');
    expect(pool).toMatchObject({ cluster: 'projects/acme-prod/locations/us-central1/clusters/prod-usc1', location: 'us-central1', project: PROJECT, max_pods_per_node: 64 });
    expect(pool.node_config.service_account).toBe('nodes@acme-prod.iam.gserviceaccount.com');
  });

  test('throws when attributes are invalid', () => {
    const stack = new TerraformStack(Testing.app(), 'team');
    expect(() => GkeCluster.fromClusterAttributes(stack, 'Platform', { ...attrs, name: 'Bad', maxPodsPerNode: 4, nodeServiceAccountEmail: '1-compute@developer.gserviceaccount.com' })).toThrow(/^3 validation errors:/);
  });
});
