import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Testing } from 'cdktf';
import { loadPlatform } from '../../lib/platform/load-platform';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { PlatformTenant } from '../../lib/domain/platform/tenant-definition';
import { tenantStatesLockPath } from '../../lib/platform/lock-files';
import { estimateTenantIdentityResources } from '../../lib/domain/platform/tenant-states';
import { generatePlatform } from '../../scripts/bench/generate-platform';
import { buildPlatformStacks } from '../../stacks/platform-stacks';
import { synthManifests, synthTerraform } from '../../cli/synth-outputs';
import { fileTree } from '../fixtures/file-tree';

process.env.CHECKPOINT_DISABLE = '1';
const TODAY = '2026-01-01';

/** A generated platform with a low limit, so its 60 tenants need several shards per project. */
const generated = (): PlatformDefinition => ({ ...generatePlatform({ clusters: 5, tenants: 60 }), terraformStates: { maxResources: 100 } });

function load(definition: PlatformDefinition, lockFile: string) {
  return loadPlatform(definition, { lockFile, frozen: false, record: true, log: () => undefined, today: TODAY });
}

/** Every file under `dir` with a hash of its content, by relative path. */

function changedFiles(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]).sort();
}

describe('tenant states on a generated platform', () => {
  const lockFile = join(mkdtempSync(join(tmpdir(), 'shards-')), 'ip-plan.lock.json');
  const platform = load(generated(), lockFile);
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'shards-out-')), stackTraces: false });
  const stacks = buildPlatformStacks(app, platform);
  const resources = (name: string) => Object.values<Record<string, unknown>>(JSON.parse(Testing.synth(stacks.tenantStates[name], true)).resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);

  test('records every tenant in tenant-states.lock.json beside the IP plan lock', () => {
    const record = JSON.parse(readFileSync(tenantStatesLockPath(lockFile), 'utf8'));
    expect(Object.keys(record.tenants)).toHaveLength(60);
    expect(record.tenants['team-00000']).toBe(platform.plan.stacks.tenantStates['team-00000']);
  });

  test('groups tenants by project into shards, each within the limit', () => {
    const shards = Object.keys(stacks.tenantStates);
    expect(shards.length).toBeGreaterThan(2);
    for (const shard of shards) {
      expect(shard).toMatch(/^bench-tenants-bench-(gke|ded)-\d{3}-\d+$/);
      const members = platform.plan.tenants.filter((t) => t.stack === shard);
      expect(new Set(members.map((t) => t.project)).size).toBe(1);
      expect(resources(shard)).toBeLessThanOrEqual(100);
    }
  });

  test('each shard deploys after the clusters of its project, and only those', () => {
    for (const [name, stack] of Object.entries(stacks.tenantStates)) {
      const project = platform.plan.tenants.find((t) => t.stack === name)!.project;
      const expected = platform.plan.clusters
        .filter((c) => c.project === project)
        .map((c) => c.stack)
        .sort();
      // Every stack also applies after the platform's project services (the APIs it uses).
      expect(
        stack.dependencies
          .map((d) => d.node.id)
          .filter((id) => id !== 'bench-project-services')
          .sort(),
      ).toEqual(expected);
    }
  });

  test("the estimate is each tenant's real resource count (gke-security-groups memberships included)", () => {
    const withMemberships = buildPlatformStacks(new App({ outdir: mkdtempSync(join(tmpdir(), 'shards-est-')), stackTraces: false }), platform, { gkeSecurityGroup: 'groups/abc123' });
    for (const tenant of platform.plan.tenants.slice(0, 20)) {
      const identity = withMemberships.tenantStates[tenant.stack].identities[tenant.name];
      const count = identity.node.findAll().filter((c) => (c as { terraformResourceType?: string }).terraformResourceType !== undefined).length;
      expect(count).toBe(estimateTenantIdentityResources(tenant.definition));
    }
  });

  test('throws when a stack holds more resources than the limit, naming the stack, the count and the fix', () => {
    const small = load({ ...generated(), terraformStates: { maxResources: 50 } }, join(mkdtempSync(join(tmpdir(), 'shards-small-')), 'ip-plan.lock.json'));
    // The record says otherwise: every tenant in one stack.
    const crowded = { ...small, plan: { ...small.plan, tenants: small.plan.tenants.map((t) => ({ ...t, stack: 'bench-tenants-bench-gke-000-1' })) } };
    const built = buildPlatformStacks(new App({ outdir: mkdtempSync(join(tmpdir(), 'shards-over-')), stackTraces: false }), crowded);
    expect(() => Testing.synth(built.tenantStates['bench-tenants-bench-gke-000-1'], true)).toThrow(
      /bench-tenants-bench-gke-000-1: resources \d+ is over the limit of 50 resources per Terraform state; move tenants out of it with `plan --move-tenant <tenant> --to <stack>`/,
    );
  });
});

describe('small changes stay small', () => {
  /** The generated platform without tenant `name` (the platform before the tenant is added). */
  const without = (definition: PlatformDefinition, name: string): PlatformDefinition => ({ ...definition, tenants: definition.tenants!.filter((t) => t.name !== name) });
  /** The last tenant of an isolation level that no other tenant depends on. */
  const lastOf = (definition: PlatformDefinition, isolation: PlatformTenant['isolation']): PlatformTenant => {
    const dependedOn = new Set(definition.tenants!.flatMap((t) => t.dependencies?.tenants ?? []));
    return [...definition.tenants!].reverse().find((t) => t.isolation === isolation && !dependedOn.has(t.name))!;
  };

  /** Synthesizes before and after adding the tenant into the same folders, as a team's repository would. */
  function addOne(isolation: PlatformTenant['isolation']) {
    const full = generated();
    const tenant = lastOf(full, isolation);
    const dir = mkdtempSync(join(tmpdir(), 'one-tenant-'));
    const lockFile = join(dir, 'ip-plan.lock.json');
    const tf = join(dir, 'cdktf.out');
    const k8s = join(dir, 'dist');
    const before = load(without(full, tenant.name), lockFile);
    synthTerraform(before, tf);
    synthManifests(before, k8s);
    const [tfBefore, k8sBefore] = [fileTree(tf), fileTree(k8s)];
    const after = load(full, lockFile);
    synthTerraform(after, tf);
    synthManifests(after, k8s);
    return { tenant, after, tf: changedFiles(tfBefore, fileTree(tf)), k8s: changedFiles(k8sBefore, fileTree(k8s)) };
  }

  test("adding one shared tenant changes exactly one state file and only that tenant's manifests", () => {
    const { tenant, after, tf, k8s } = addOne('shared');
    expect(tenant.isolation).toBe('shared');
    expect(tf).toEqual([`stacks/${after.plan.stacks.tenantStates[tenant.name]}/cdk.tf.json`]);
    expect(k8s).toEqual(tenant.clusters.map((c) => `${c}/tenant-${tenant.name}.k8s.yaml`).sort());
  });

  test("adding one dedicated-nodes tenant changes its state file and its cluster's (its node pool), its manifests and its cluster's admission policy", () => {
    const { tenant, after, tf, k8s } = addOne('dedicated-nodes');
    const clusterStacks = tenant.clusters.map((c) => `stacks/${after.plan.stacks.clusters[c]}/cdk.tf.json`);
    expect(tf).toEqual([`stacks/${after.plan.stacks.tenantStates[tenant.name]}/cdk.tf.json`, ...clusterStacks].sort());
    // platform.k8s.yaml: the policy that keeps other tenants off the new tenant's tainted nodes names it.
    expect(k8s).toEqual(tenant.clusters.flatMap((c) => [`${c}/platform.k8s.yaml`, `${c}/tenant-${tenant.name}.k8s.yaml`]).sort());
  });
});
