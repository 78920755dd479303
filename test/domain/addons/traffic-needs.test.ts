import { examplePlatform } from '../../../examples/drive-platform/platform';
import { addOnTrafficNeeds, AddOnRules, validateTrafficPlanned } from '../../../lib/domain/addons/add-on-rules';
import { cdTrafficNeeds } from '../../../lib/domain/addons/cd/cd-common';
import { ISTIOD_WEBHOOK_PORT, meshTrafficNeeds } from '../../../lib/domain/addons/istio/mesh-plan';
import { validateServerLocation } from '../../../lib/domain/addons/server-location';
import { trafficNeedIntents } from '../../../lib/domain/addons/traffic-intents';
import type { AddOnTrafficNeed } from '../../../lib/domain/addons/traffic-needs';
import { deriveAddOnTraffic, NO_ADD_ON_TRAFFIC } from '../../../lib/domain/addons/traffic-plan';
import { validateVaultSettings, vaultEndpoint, vaultLocation } from '../../../lib/domain/addons/vault/vault-settings';
import { vaultTrafficNeeds } from '../../../lib/domain/addons/vault/vault-traffic';
import { loadPlatform } from '../../../lib/platform/load-platform';
import { exampleLockFile } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const VAULT = { address: 'https://vault.example.com:8200', network: { remoteNetwork: 'aws-usw2-prod', cidr: '10.8.64.10/32' } };
const location = { remoteNetwork: 'aws-usw2-prod', cidr: '10.8.64.10/32' };
/** Clusters as the plan holds them, with just the fields the derivation reads. */
const clusters = [
  {
    name: 'a',
    authorizedNetworks: [{ name: 'corp', cidr: '10.200.8.0/24' }],
    podRange: { rangeName: 'a-pods', ipPlanName: 'a/pods', cidr: '100.64.0.0/16' },
    additionalPodRanges: [{ name: 'extra', rangeName: 'a-extra', ipPlanName: 'a/extra', cidr: '100.65.0.0/20', maxNodes: 10 }],
    controlPlane: { ipPlanName: 'a/cp', cidr: '172.16.0.0/28' },
  },
  {
    name: 'b',
    authorizedNetworks: [{ name: 'aws', cidr: '10.8.0.0/16' }],
    podRange: { rangeName: 'b-pods', ipPlanName: 'b/pods', cidr: '100.66.0.0/16' },
    additionalPodRanges: [],
    controlPlane: { ipPlanName: 'b/cp', cidr: '172.16.0.16/28' },
  },
];
const need = <T extends AddOnTrafficNeed>(n: T): T => n;

describe('deriving enforcement from traffic needs', () => {
  test('no needs: nothing derived', () => {
    expect(deriveAddOnTraffic([], clusters)).toBe(NO_ADD_ON_TRAFFIC);
  });

  test('a server calling the control planes: its exact range on every control plane that does not already authorize it', () => {
    const plan = deriveAddOnTraffic([need({ addOn: 'vault', kind: 'server-to-control-planes', server: 'vault', location, reason: 'TokenReview' })], clusters);
    // b authorizes all of 10.8.0.0/16 already: nothing wider, nothing twice.
    expect(plan.authorizedNetworks).toEqual({ a: [{ name: 'vault', cidr: '10.8.64.10/32', addOn: 'vault' }] });
  });

  test('a CD cluster calling its targets: each of its pod ranges on every other target, never on itself', () => {
    const plan = deriveAddOnTraffic([need({ addOn: 'spinnaker', kind: 'cluster-to-control-planes', from: 'a', clusters: ['a', 'b'], reason: 'deploys' })], clusters);
    expect(plan.authorizedNetworks).toEqual({
      b: [
        { name: 'spinnaker-a-pods', cidr: '100.64.0.0/16', addOn: 'spinnaker' },
        { name: 'spinnaker-a-extra', cidr: '100.65.0.0/20', addOn: 'spinnaker' },
      ],
    });
  });

  test('webhooks: one rule per cluster from exactly its /28, on exactly the webhook ports, sorted and once each', () => {
    const plan = deriveAddOnTraffic(
      [
        need({ addOn: 'istio', kind: 'control-plane-to-webhook', webhook: 'istiod', port: 15017, reason: 'injection' }),
        need({ addOn: 'policy', kind: 'control-plane-to-webhook', webhook: 'gatekeeper', port: 8443, clusters: ['b'], reason: 'admission' }),
        need({ addOn: 'istio2', kind: 'control-plane-to-webhook', webhook: 'istiod', port: 15017, clusters: ['b'], reason: 'again' }),
      ],
      clusters,
    );
    expect(plan.webhookRules).toEqual([
      { cluster: 'a', controlPlaneCidr: '172.16.0.0/28', ports: [15017], webhooks: ['istiod (istio) tcp:15017'] },
      { cluster: 'b', controlPlaneCidr: '172.16.0.16/28', ports: [8443, 15017], webhooks: ['istiod (istio) tcp:15017', 'gatekeeper (policy) tcp:8443', 'istiod (istio2) tcp:15017'] },
    ]);
  });

  test('tenants to a server and a namespace to tenants: one egress and one ingress record for every tenant namespace', () => {
    const plan = deriveAddOnTraffic(
      [
        need({ addOn: 'vault', kind: 'tenants-to-server', server: 'vault', host: 'vault.example.com', location, port: 8200, reason: 'logins' }),
        need({ addOn: 'managed-prometheus', kind: 'namespace-to-tenants', namespace: 'gmp-system', ports: [9090, 15020, 9090], reason: 'scrapes' }),
      ],
      clusters,
    );
    expect(plan.tenantEgress).toEqual([{ addOn: 'vault', server: 'vault', host: 'vault.example.com', cidr: '10.8.64.10/32', port: 8200 }]);
    expect(plan.tenantIngress).toEqual([{ addOn: 'managed-prometheus', namespace: 'gmp-system', ports: [9090, 15020] }]);
    expect(plan.authorizedNetworks).toEqual({});
  });
});

describe('the intents of traffic needs', () => {
  test('Vault: every tenant on every cluster to its range and port, its range to every control plane on 443', () => {
    const needs = vaultTrafficNeeds(VAULT, examplePlatform).map((n) => ({ ...n, addOn: 'vault' }));
    const intents = trafficNeedIntents(needs, examplePlatform);
    expect(intents.filter((i) => i.id!.includes('tenant-to-vault')).map((i) => [i.id, i.to, i.port])).toEqual(
      examplePlatform.tenants!.flatMap((t) => t.clusters.map((c) => [`add-on/vault/tenant-to-vault/${t.name}@${c}`, { kind: 'remote', network: 'aws-usw2-prod', range: '10.8.64.10/32' }, 8200])),
    );
    expect(intents.filter((i) => i.id!.includes('vault-to-control-plane')).map((i) => [i.from, i.to, i.port])).toEqual(
      examplePlatform.clusters.map((c) => [{ kind: 'remote', network: 'aws-usw2-prod', range: '10.8.64.10/32' }, { kind: 'control-plane', cluster: c.name }, 443]),
    );
    expect(intents.every((i) => i.expect === 'allow' && i.reason.startsWith('vault: '))).toBe(true);
  });

  test('istiod: the control plane of every cluster with tenants to its pods on 15017', () => {
    const intents = trafficNeedIntents(
      meshTrafficNeeds(examplePlatform).map((n) => ({ ...n, addOn: 'istio' })),
      examplePlatform,
    );
    expect(intents.map((i) => [i.id, i.from, i.to, i.port])).toEqual(['prod-usc1', 'payments-usc1'].map((c) => [`add-on/istio/webhook-istiod/${c}`, { kind: 'control-plane', cluster: c }, { kind: 'pods', cluster: c }, ISTIOD_WEBHOOK_PORT]));
  });

  test("CD: the CD cluster's pods to the control plane of every cluster with tenants", () => {
    const intents = trafficNeedIntents(
      cdTrafficNeeds('argo-cd', 'dev-usw1', examplePlatform).map((n) => ({ ...n, addOn: 'argo-cd' })),
      examplePlatform,
    );
    expect(intents.map((i) => i.id)).toEqual(['add-on/argo-cd/control-plane/dev-usw1->prod-usc1', 'add-on/argo-cd/control-plane/dev-usw1->payments-usc1']);
    expect(intents[0]).toMatchObject({ from: { kind: 'pods', cluster: 'dev-usw1' }, to: { kind: 'control-plane', cluster: 'prod-usc1' }, port: 443 });
  });

  test('a namespace to tenants: one intent per tenant placement and port, from the namespace', () => {
    const intents = trafficNeedIntents([need({ addOn: 'managed-prometheus', kind: 'namespace-to-tenants', namespace: 'gmp-system', ports: [15020], reason: 'scrapes' })], examplePlatform);
    expect(intents.map((i) => i.id)).toEqual(examplePlatform.tenants!.flatMap((t) => t.clusters.map((c) => `add-on/managed-prometheus/gmp-system-to-tenant/${t.name}@${c}/15020`)));
    expect(intents[0]).toMatchObject({ from: { kind: 'namespace', namespace: 'gmp-system', cluster: 'prod-usc1' }, to: { kind: 'tenant', tenant: 'mapping', cluster: 'prod-usc1' }, port: 15020 });
  });
});

describe("Vault's location: refused when the traffic cannot be met", () => {
  const issues = (settings: Record<string, unknown>) => validateVaultSettings({ address: VAULT.address, ...settings } as any, examplePlatform).map((i) => `${i.path}: ${i.field} ${JSON.stringify(i.value)} ${i.problem}; ${i.fix}`);

  test('the example location is accepted, and an IPv4 address needs no network (its /32)', () => {
    expect(issues({ network: VAULT.network })).toEqual([]);
    expect(issues({ address: 'https://10.8.64.10:8200' })).toEqual([]);
    expect(vaultLocation({ address: 'https://10.8.64.10:8200' })).toEqual({ cidr: '10.8.64.10/32' });
    expect(vaultEndpoint('https://vault.example.com')).toEqual({ host: 'vault.example.com', port: 443 });
    expect(vaultEndpoint('https://vault.example.com:8200/')).toEqual({ host: 'vault.example.com', port: 8200 });
  });

  test.each([
    [
      'a host name and no network',
      { network: undefined },
      /^addOns\[vault\]: settings\.network undefined is not given, and the address's host vault\.example\.com is a name the platform cannot turn into a range: .*; give Vault's addresses, e\.g\. network: \{ remoteNetwork: 'aws-usw2-prod', cidr: '10\.8\.64\.10\/32' \}$/,
    ],
    [
      'a range that is not a CIDR',
      { network: { cidr: 'vault' } },
      /^addOns\[vault\]: settings\.network\.cidr "vault" is not an IPv4 CIDR of the form a\.b\.c\.d\/prefix: Vault's addresses cannot be turned into a range; give Vault's own addresses as one aligned CIDR/,
    ],
    [
      '0.0.0.0/0',
      { network: { cidr: '0.0.0.0/0' } },
      /^addOns\[vault\]: settings\.network\.cidr "0\.0\.0\.0\/0" is wider than \/24: every control plane would authorize, and every tenant reach, hosts that are not Vault; give Vault's own addresses/,
    ],
    ['a whole VPC', { network: { cidr: '10.8.0.0/16' } }, /settings\.network\.cidr "10\.8\.0\.0\/16" is wider than \/24/],
    [
      'a range outside every remote network',
      { network: { cidr: '10.99.0.10/32' } },
      /^addOns\[vault\]: settings\.network\.cidr "10\.99\.0\.10\/32" is inside no remote network of the definition \(aws-usw2-prod: 10\.8\.0\.0\/16; garage-sunnyvale: 10\.200\.0\.0\/16, 192\.168\.32\.0\/20\), so no route, authorized network or policy can name it; declare the network Vault lives in under remoteNetworks/,
    ],
    ['an address outside every remote network', { address: 'https://10.99.0.10:8200' }, /^addOns\[vault\]: settings\.address "10\.99\.0\.10\/32" is inside no remote network/],
    [
      'an unknown remote network',
      { network: { remoteNetwork: 'mars', cidr: '10.8.64.10/32' } },
      /^addOns\[vault\]: settings\.network\.remoteNetwork "mars" is not a remote network of the definition \(known: aws-usw2-prod, garage-sunnyvale\)/,
    ],
    [
      'a range outside the named network',
      { network: { remoteNetwork: 'garage-sunnyvale', cidr: '10.8.64.10/32' } },
      /^addOns\[vault\]: settings\.network\.cidr "10\.8\.64\.10\/32" is outside remote network garage-sunnyvale \(10\.200\.0\.0\/16, 192\.168\.32\.0\/20\)/,
    ],
  ])('throws on %s, naming the setting, the value and the fix', (_what, settings, message) => {
    const found = issues(settings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  test('a remote network no hybrid link reaches is unreachable', () => {
    const definition = { ...examplePlatform, hybridLinks: examplePlatform.hybridLinks!.filter((l) => l.remoteNetwork !== 'aws-usw2-prod') };
    expect(validateServerLocation('addOns[vault]', { cidr: 'settings.network.cidr', remoteNetwork: 'settings.network.remoteNetwork' }, location, definition, 'Vault')).toEqual([
      {
        path: 'addOns[vault]',
        field: 'settings.network.cidr',
        value: '10.8.64.10/32',
        problem: 'lies in remote network aws-usw2-prod, which no hybrid link reaches: Vault is unreachable from the clusters',
        fix: 'add a hybridLinks entry for aws-usw2-prod, or move Vault into a network a link reaches',
      },
    ]);
  });
});

describe('the plan carries the derived enforcement', () => {
  const vaultRules: AddOnRules<any> = { name: 'vault', validate: (s, d) => validateVaultSettings(s, d), trafficNeeds: (s, d) => vaultTrafficNeeds(s, d) };
  const definition = { ...examplePlatform, addOns: [{ name: 'vault', settings: VAULT }] };
  const load = (addOns: readonly AddOnRules<any>[]) => loadPlatform(definition, { lockFile: exampleLockFile, frozen: true, record: false, today: EXAMPLE_TODAY, log: () => undefined, addOns });

  test("Vault's range joins every cluster's authorized networks, marked as the add-on's, and each link to its network advertises every control plane", () => {
    const { plan } = load([vaultRules]);
    expect(plan.addOnTraffic.needs.map((n) => n.kind)).toEqual(['tenants-to-server', 'server-to-control-planes']);
    for (const cluster of plan.clusters) expect(cluster.authorizedNetworks).toContainEqual({ name: 'vault', cidr: '10.8.64.10/32', addOn: 'vault' });
    const aws = plan.links.find((l) => l.name === 'aws-usw2')!;
    expect(aws.advertisements.ranges.map((r) => r.range)).toEqual(expect.arrayContaining(plan.clusters.map((c) => c.controlPlane.cidr)));
  });

  test('throws when stacks or charts get add-ons whose needs the plan was not resolved with', () => {
    // A plan resolved without the needs (resolvePlatformPlan called without them): none derived.
    const plan = { ...load([vaultRules]).plan, addOnTraffic: NO_ADD_ON_TRAFFIC };
    expect(addOnTrafficNeeds(definition, [vaultRules])).toHaveLength(2);
    expect(validateTrafficPlanned(plan, [vaultRules])).toEqual([
      {
        path: 'addOns',
        field: 'trafficNeeds',
        value: ['vault'],
        problem: 'are not the traffic needs the platform plan was resolved with (none), so their authorized networks, firewall rules and policies would be missing',
        fix: 'pass the same add-ons to loadPlatform (its addOns option) as to buildPlatformStacks and the manifests',
      },
    ]);
    expect(validateTrafficPlanned(load([vaultRules]).plan, [vaultRules])).toEqual([]);
  });
});
