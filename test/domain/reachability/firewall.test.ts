import { evaluateFirewall, FirewallQuery } from '../../../lib/domain/reachability/firewall';
import { rule } from './fixtures';

const ingress = (overrides: Partial<FirewallQuery> = {}): FirewallQuery => ({
  direction: 'INGRESS',
  source: '100.64.0.0/20',
  destination: '10.0.0.0/24',
  instanceTags: ['gke-node'],
  instanceServiceAccounts: ['nodes@p.iam.gserviceaccount.com'],
  traffic: { protocol: 'tcp', port: 443 },
  ...overrides,
});

describe('VPC firewall hop', () => {
  test('the implied rules deny ingress and allow egress', () => {
    expect(evaluateFirewall([], ingress())).toEqual({ allowed: false });
    expect(evaluateFirewall([], ingress({ direction: 'EGRESS' }))).toEqual({ allowed: true });
  });

  test('an allow rule admits a source it covers entirely, not one it covers in part', () => {
    const r = rule({ sourceRanges: ['100.64.0.0/16'], targetTags: ['gke-node'] });
    expect(evaluateFirewall([r], ingress()).allowed).toBe(true);
    expect(evaluateFirewall([r], ingress({ source: '100.0.0.0/8' })).allowed).toBe(false);
  });

  test('targets match by tag or by service account, and an untargeted rule applies to every instance', () => {
    expect(evaluateFirewall([rule({ sourceRanges: ['0.0.0.0/0'], targetTags: ['other'] })], ingress()).allowed).toBe(false);
    expect(evaluateFirewall([rule({ sourceRanges: ['0.0.0.0/0'], targetServiceAccounts: ['nodes@p.iam.gserviceaccount.com'] })], ingress()).allowed).toBe(true);
    expect(evaluateFirewall([rule({ sourceRanges: ['0.0.0.0/0'] })], ingress()).allowed).toBe(true);
  });

  test('lower priority numbers win; at equal priority deny wins', () => {
    const allow = rule({ name: 'allow', sourceRanges: ['0.0.0.0/0'], priority: 900 });
    const deny = rule({ name: 'deny', sourceRanges: ['0.0.0.0/0'], action: 'deny', priority: 1000 });
    expect(evaluateFirewall([deny, allow], ingress()).rule?.name).toBe('allow');
    expect(evaluateFirewall([{ ...allow, priority: 1000 }, deny], ingress())).toMatchObject({ allowed: false, rule: { name: 'deny' } });
  });

  test('protocols and ports: ranges, single ports, all; a port list does not cover "any port"', () => {
    const tcp443 = rule({ sourceRanges: ['0.0.0.0/0'], rules: [{ protocol: 'tcp', ports: ['443', '8000-9000'] }] });
    expect(evaluateFirewall([tcp443], ingress()).allowed).toBe(true);
    expect(evaluateFirewall([tcp443], ingress({ traffic: { protocol: 'tcp', port: 8443 } })).allowed).toBe(true);
    expect(evaluateFirewall([tcp443], ingress({ traffic: { protocol: 'tcp', port: 22 } })).allowed).toBe(false);
    expect(evaluateFirewall([tcp443], ingress({ traffic: { protocol: 'udp', port: 443 } })).allowed).toBe(false);
    expect(evaluateFirewall([tcp443], ingress({ traffic: { protocol: 'tcp' } })).allowed).toBe(false);
    expect(evaluateFirewall([rule({ sourceRanges: ['0.0.0.0/0'] })], ingress({ traffic: { protocol: 'any' } })).allowed).toBe(true);
  });

  test('disabled rules, other directions and destination ranges that miss do not match', () => {
    expect(evaluateFirewall([rule({ sourceRanges: ['0.0.0.0/0'], disabled: true })], ingress()).allowed).toBe(false);
    expect(evaluateFirewall([rule({ sourceRanges: ['0.0.0.0/0'], direction: 'EGRESS' })], ingress()).allowed).toBe(false);
    expect(evaluateFirewall([rule({ sourceRanges: ['0.0.0.0/0'], destinationRanges: ['192.168.0.0/16'] })], ingress()).allowed).toBe(false);
  });

  test('source tags match the sending instance', () => {
    expect(evaluateFirewall([rule({ sourceTags: ['gke-node'] })], ingress({ sourceTags: ['gke-node'] })).allowed).toBe(true);
    expect(evaluateFirewall([rule({ sourceTags: ['gke-node'] })], ingress()).allowed).toBe(false);
  });

  test('an egress deny rule drops what it covers', () => {
    const deny = rule({ direction: 'EGRESS', action: 'deny', destinationRanges: ['10.200.0.0/16'], rules: [{ protocol: 'tcp' }] });
    expect(evaluateFirewall([deny], ingress({ direction: 'EGRESS', destination: '10.200.8.0/24' }))).toMatchObject({ allowed: false, rule: deny });
    expect(evaluateFirewall([deny], ingress({ direction: 'EGRESS', destination: '10.8.0.0/16' })).allowed).toBe(true);
  });
});
