import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cli, exampleProject } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

/** Removes dev-usw1's intra-cluster firewall rule from a synthesized network stack (a broken deploy). */
function breakDevFirewall(dir: string): void {
  const file = join(dir, 'cdktf.out', 'stacks', 'drive-network', 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  for (const [key, rule] of Object.entries<{ name: string }>(json.resource.google_compute_firewall)) if (rule.name === 'drive-platform-allow-dev-usw1-internal') delete json.resource.google_compute_firewall[key];
  writeFileSync(file, JSON.stringify(json));
}

describe('gke-platform verify, and synth verifying what it wrote', () => {
  const { dir } = exampleProject();
  const synth = cli(dir, ['synth']);

  test('synth writes both sides, then judges every intent and says so', () => {
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    expect(synth.stdout).toMatch(/^connectivity: 59 of 59 intents met, 0 unmet, 0 accepted gap\(s\)$/m);
  });

  test('verify prints the matrix and exits 0 when every intent is met', () => {
    const { status, stdout, stderr } = cli(dir, ['verify']);
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^status\s+expect\s+verdict\s+path\s+intent id$/m);
    expect(stdout.trim().split('\n').at(-1)).toBe('59 of 59 intents met, 0 unmet, 0 accepted gap(s)');
    expect(cli(dir, ['verify', '--quiet']).stdout).toBe('59 of 59 intents met, 0 unmet, 0 accepted gap(s)\n');
  });

  test('verify exits 1 on an unmet intent, naming the decisive hop; --json gives it to machines', () => {
    const { dir: broken } = exampleProject();
    expect(cli(broken, ['synth']).status).toBe(0);
    breakDevFirewall(broken);
    const { status, stderr } = cli(broken, ['verify', '--quiet']);
    expect(status).toBe(1);
    expect(stderr).toContain(
      'gke-platform verify: 1 connectivity intent(s) unmet:\n  pods of dev-usw1 → pods of dev-usw1 any protocol: DENIED at VPC firewall (ingress to dev-usw1 nodes): no rule admits 100.66.0.0/20 to 100.66.0.0/20 any protocol',
    );
    const json = JSON.parse(cli(broken, ['verify', '--json']).stdout);
    expect(json.summary).toEqual({ intents: 59, met: 58, unmet: 1, accepted: 0 });
    expect(json.verdicts[0]).toMatchObject({ id: 'pods-across-nodes/dev-usw1', verdict: 'denied', met: false, decisiveHop: { kind: 'firewall', ok: false } });
  });

  test('synth refuses a definition whose output misses an intent, with the decisive hop, and writes nothing', () => {
    // The garage keeps authorizing corp-vpn on the control planes, but its link is gone: nothing routes it.
    const { dir: noLink } = exampleProject(`export const platform = { ...example, hybridLinks: example.hybridLinks!.filter((l) => l.name !== 'garage-sunnyvale') };`);
    const { status, stdout, stderr } = cli(noLink, ['synth']);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^connectivity: \d+ of \d+ intents met, 3 unmet, 0 accepted gap\(s\)$/m);
    expect(stderr).toContain('garage-sunnyvale:10.200.8.0/24 → control plane of prod-usc1 tcp/443: DENIED at remote network garage-sunnyvale: no hybrid link in the output reaches it');
    expect(existsSync(join(noLink, 'cdktf.out'))).toBe(false);
    expect(existsSync(join(noLink, 'dist'))).toBe(false);
  });

  test('an accepted gap, named by id, keeps synth green and shows in the matrix', () => {
    const { dir: accepted } = exampleProject(`export const platform = { ...example, hybridLinks: example.hybridLinks!.filter((l) => l.name !== 'garage-sunnyvale'),
      acceptedConnectivityGaps: [
        { intent: 'authorized-network/prod-usc1/corp-vpn', reason: 'garage link moves to the new site (netops-142)' },
        { intent: 'authorized-network/dev-usw1/corp-vpn', reason: 'garage link moves to the new site (netops-142)' },
        { intent: 'authorized-network/payments-usc1/corp-vpn', reason: 'garage link moves to the new site (netops-142)' },
      ] };`);
    const { status, stdout } = cli(accepted, ['synth']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^connectivity: \d+ of \d+ intents met, 0 unmet, 3 accepted gap\(s\)$/m);
    expect(cli(accepted, ['verify']).stdout).toContain('(accepted: garage link moves to the new site (netops-142))');
  });

  test('verify exits 1 with a usage line on a bad argument, and explains a missing output', () => {
    expect(cli(dir, ['verify', '--nope'])).toMatchObject({ status: 1, stderr: expect.stringContaining('see `gke-platform verify --help`') });
    const { dir: fresh } = exampleProject();
    expect(cli(fresh, ['verify'])).toMatchObject({ status: 1, stderr: expect.stringContaining('does not exist: synthesize first (`gke-platform synth`)') });
  });
});
