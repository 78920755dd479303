import fc from 'fast-check';
import type { SynthesizedPlatform } from '../../lib/domain/reachability/read-synthesized';
import { loadPlatform } from '../../lib/platform/load-platform';
import type { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { verifySynthesized } from '../../lib/report/verify-connectivity';
import { exampleLockFile } from '../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../fixtures/example-today';
import { manifestsOf, synthesizedExample } from './example-model';

/*
 * Property: declaring one more tenant dependency adds exactly the two NetworkPolicy paths it needs (egress in the
 * dependent, ingress in the dependency) and changes no verdict but the pair's own, which becomes allowed.
 */
const { definition, output } = synthesizedExample();
const before = verifySynthesized(definition, output).result;
const pairKey = (v: { intent: { from: unknown; to: unknown; protocol?: string; port?: number } }) => JSON.stringify([v.intent.from, v.intent.to, v.intent.protocol, v.intent.port]);
const policies = (o: SynthesizedPlatform) => new Set(o.manifests.flatMap((m) => m.objects.filter((x: any) => x.kind === 'NetworkPolicy').map((x: any) => `${m.cluster}:${x.metadata.namespace}/${x.metadata.name}:${JSON.stringify(x.spec)}`)));

const cluster = 'prod-usc1';
const tenants = definition.tenants!.filter((t) => t.clusters.includes(cluster)).map((t) => t.name);
const undeclared = tenants.flatMap((a) => tenants.filter((b) => b !== a && !(definition.tenants!.find((t) => t.name === a)!.dependencies?.tenants ?? []).includes(b)).map((b) => [a, b] as const));

function withDependency(a: string, b: string): PlatformDefinition {
  return { ...definition, tenants: definition.tenants!.map((t) => (t.name === a ? { ...t, dependencies: { ...t.dependencies, tenants: [...(t.dependencies?.tenants ?? []), b] } } : t)) };
}

describe('adding a tenant dependency', () => {
  test('there are undeclared pairs to try', () => {
    expect(undeclared.length).toBe(11);
  });

  test('adds exactly its two NetworkPolicies and flips only its own verdict', () => {
    fc.assert(
      fc.property(fc.constantFrom(...undeclared), ([a, b]) => {
        const changed = withDependency(a, b);
        const platform = loadPlatform(changed, { lockFile: exampleLockFile, frozen: true, record: false, today: EXAMPLE_TODAY, log: () => undefined });
        // Terraform does not change: only the manifests do.
        const after = { stacks: output.stacks, manifests: manifestsOf(platform) };
        const old = policies(output);
        const now = policies(after);
        const added = [...now].filter((p) => !old.has(p)).map((p) => p.split(':').slice(0, 2).join(':'));
        const removed = [...old].filter((p) => !now.has(p));
        expect(removed).toEqual([]);
        expect(added.sort()).toEqual([`${cluster}:${a}/allow-egress-to-${b}`, `${cluster}:${b}/allow-ingress-from-${a}`].sort());

        const result = verifySynthesized(changed, after).result;
        expect(result.failures).toEqual([]);
        const beforeByPair = new Map(before.verdicts.map((v) => [pairKey(v), v.allowed]));
        const flipped = result.verdicts.filter((v) => beforeByPair.get(pairKey(v)) !== v.allowed).map((v) => v.id);
        expect(flipped).toEqual([`tenant-dependency/${a}->${b}@${cluster}`]);
        expect(result.verdicts).toHaveLength(before.verdicts.length);
      }),
      { numRuns: undeclared.length },
    );
  });
});
