import { deriveIntents, platformIntents } from '../../../lib/domain/reachability/derive-intents';
import { formatVerification, verificationJson, verifyIntents } from '../../../lib/domain/reachability/verify-intents';
import type { PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { examplePlatform } from '../../../examples/drive-platform/platform';
import { topology } from './fixtures';

const ids = (d: PlatformDefinition) => deriveIntents(d).map((i) => i.id);

describe('derived intents', () => {
  test('every rule of the example yields its intents, each with a unique id', () => {
    const all = ids(examplePlatform);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((id) => id!.startsWith('tenant-')).length).toBe(4 * 3 + 5); // 12 ordered pairs on prod-usc1, DNS for 5 tenants
    expect(all).toEqual(
      expect.arrayContaining(['authorized-network/prod-usc1/corp-vpn', 'link-google-apis/garage-sunnyvale', 'authorized-network/dev-usw1/corp-vpn', 'control-plane-closed/dev-usw1/aws-usw2-prod', 'private-services/payments@payments-usc1']),
    );
  });

  test('an authorized network outside every remote network yields no intent (nothing to route it over)', () => {
    const d = { ...examplePlatform, clusters: examplePlatform.clusters.map((c) => ({ ...c, authorizedNetworks: [{ name: 'office', cidr: '203.0.113.0/24' }] })) };
    expect(ids(d).filter((id) => id!.startsWith('authorized-network/'))).toEqual([]);
  });

  const advertisingToAws = { ...examplePlatform, hybridLinks: examplePlatform.hybridLinks!.map((l) => (l.name === 'aws-usw2' ? { ...l, advertise: { controlPlanes: true } } : l)) };

  test('a link advertising control planes promises the control plane that admits the whole remote side', () => {
    const d = { ...advertisingToAws, clusters: advertisingToAws.clusters.map((c) => (c.name === 'dev-usw1' ? { ...c, authorizedNetworks: [{ name: 'aws', cidr: '10.8.0.0/16' }] } : c)) };
    expect(ids(d)).toContain('link-control-plane/aws-usw2/dev-usw1');
    expect(ids(d)).not.toContain('control-plane-closed/dev-usw1/aws-usw2-prod');
  });

  test('a link advertising control planes does not promise a control plane whose authorized networks exclude the remote side; that one is closed to it', () => {
    expect(ids(advertisingToAws)).not.toContain('link-control-plane/aws-usw2/dev-usw1');
    expect(ids(advertisingToAws)).toContain('control-plane-closed/dev-usw1/aws-usw2-prod');
  });
});

describe('declared intents and accepted gaps', () => {
  const intent = { from: { kind: 'tenant', tenant: 'mapping', cluster: 'prod-usc1' }, to: { kind: 'internet' }, expect: 'deny', reason: 'r' } as const;

  test('user intents get an id when they have none, and an accepted gap is applied by id', () => {
    const all = platformIntents({ ...examplePlatform, connectivityIntents: [intent], acceptedConnectivityGaps: [{ intent: 'user/0', reason: 'accepted by the platform team until Q3' }] });
    expect(all.find((i) => i.id === 'user/0')).toMatchObject({ acceptedGap: { reason: 'accepted by the platform team until Q3' } });
  });

  test.each([
    ['an unknown cluster', { ...intent, from: { kind: 'nodes', cluster: 'nope' } }, 'connectivityIntents[0].from: cluster "nope" is not declared (known: prod-usc1, dev-usw1, payments-usc1); name a declared one'],
    ['an unknown tenant', { ...intent, from: { kind: 'tenant', tenant: 'nope', cluster: 'prod-usc1' } }, 'connectivityIntents[0].from: tenant "nope" is not declared'],
    [
      'a tenant on a cluster it does not use',
      { ...intent, from: { kind: 'tenant', tenant: 'payments', cluster: 'prod-usc1' } },
      'connectivityIntents[0].from: cluster "prod-usc1" does not host tenant payments (its clusters: payments-usc1)',
    ],
    ['an unknown remote network', { ...intent, to: { kind: 'remote', network: 'nope' } }, 'connectivityIntents[0].to: network "nope" is not declared (known: aws-usw2-prod, garage-sunnyvale)'],
  ])('throws when an intent names %s', (_what, bad, message) => {
    expect(() => platformIntents({ ...examplePlatform, connectivityIntents: [bad as never] })).toThrow(message);
  });

  test('add-on intents join the derived and declared ones, with an id when they have none', () => {
    const all = platformIntents(examplePlatform, [{ ...intent, reason: 'an add-on keeps mapping off the internet' }]);
    expect(all.find((i) => i.id === 'add-on/0')).toMatchObject({ reason: 'an add-on keeps mapping off the internet' });
  });

  test('throws when an add-on intent names an unknown cluster', () => {
    expect(() => platformIntents(examplePlatform, [{ ...intent, id: 'alerts/egress', from: { kind: 'pods', cluster: 'nope' } }])).toThrow('add-on connectivity intent alerts/egress.from: cluster "nope" is not declared');
  });

  test('throws when two intents share an id', () => {
    expect(() => platformIntents({ ...examplePlatform, connectivityIntents: [{ ...intent, id: 'pods-across-nodes/prod-usc1' }] })).toThrow(
      'connectivityIntents: id "pods-across-nodes/prod-usc1" is used by two intents; give each intent its own id',
    );
  });

  test('throws when an accepted gap matches no intent, or gives no reason', () => {
    expect(() => platformIntents({ ...examplePlatform, acceptedConnectivityGaps: [{ intent: 'gone', reason: 'x' }] })).toThrow(
      'acceptedConnectivityGaps[0]: intent "gone" matches no intent; use an id that `npm run verify` prints, or remove the entry',
    );
    expect(() => platformIntents({ ...examplePlatform, acceptedConnectivityGaps: [{ intent: 'pods-across-nodes/prod-usc1', reason: '' }] })).toThrow('acceptedConnectivityGaps[0]: reason "" is empty; say who accepted the gap and why');
  });
});

describe('the verification matrix', () => {
  const t = topology();
  const result = verifyIntents(t, [
    { id: 'met', from: { kind: 'nodes', cluster: 'c1' }, to: { kind: 'control-plane', cluster: 'c1' }, port: 443, expect: 'allow', reason: 'r' },
    { id: 'accepted', from: { kind: 'pods', cluster: 'c1' }, to: { kind: 'pods', cluster: 'c1' }, expect: 'allow', reason: 'r', acceptedGap: { reason: 'known' } },
    { id: 'unmet', from: { kind: 'nodes', cluster: 'c1' }, to: { kind: 'nodes', cluster: 'c1' }, expect: 'allow', reason: 'r' },
  ]);

  test('lists unmet intents first, then accepted gaps, then the met ones', () => {
    expect(result.verdicts.map((v) => v.id)).toEqual(['unmet', 'accepted', 'met']);
    expect(result.failures.map((v) => v.id)).toEqual(['unmet']);
    expect(result.accepted.map((v) => v.id)).toEqual(['accepted']);
  });

  test('prints a table, each problem with its decisive hop, and a summary', () => {
    const text = formatVerification(result);
    expect(text.split('\n')[0]).toMatch(/^status\s+expect\s+verdict\s+path\s+intent id$/);
    expect(text).toContain('unmet: nodes of c1 → nodes of c1 tcp/any port: DENIED at VPC firewall (ingress to c1 nodes)');
    expect(text).toContain('(accepted: known)');
    expect(text.trim().split('\n').at(-1)).toBe('1 of 3 intents met, 1 unmet, 1 accepted gap(s)');
  });

  test('JSON carries the summary and each verdict with its path', () => {
    const json = verificationJson(result) as { summary: unknown; verdicts: { id: string; decisiveHop?: { at: string }; path: unknown[] }[] };
    expect(json.summary).toEqual({ intents: 3, met: 1, unmet: 1, accepted: 1 });
    expect(json.verdicts[0]).toMatchObject({ id: 'unmet', verdict: 'denied', met: false, decisiveHop: { at: 'VPC firewall (ingress to c1 nodes)' } });
    expect(json.verdicts[2].path.length).toBeGreaterThan(0);
  });
});
