/**
 * Every ValidatingAdmissionPolicy of the example's manifests, executed by a CEL engine against the request
 * corpus: the decision, and for denials which policy denied. RBAC, Pod Security, quota and LimitRange cases
 * are answered by the real API server (conformance: tenant suite); here only their policy backstops are checked.
 */
import { admissionCorpus } from '../../lib/domain/isolation/admission-corpus';
import type { AdmissionCase } from '../../lib/domain/isolation/admission-case';
import { POLICY_NAMES } from '../../lib/domain/isolation/policy-names';
import { compilePolicies, judge, Manifest } from './cel-judge';
import { exampleManifests, examplePlatform } from './example-manifests';

const manifests = exampleManifests();
const clusters = Object.keys(manifests).sort();
const corpus: Record<string, AdmissionCase[]> = Object.fromEntries(clusters.map((c) => [c, admissionCorpus(c, manifests[c], examplePlatform)]));
const compiled = Object.fromEntries(clusters.map((c) => [c, compilePolicies(manifests[c])]));
const rows = (filter: (c: AdmissionCase) => boolean) => clusters.flatMap((cluster) => corpus[cluster].filter(filter).map((c) => [`${cluster} ${c.id}`, cluster, c] as const));
const policiesOf = (objects: readonly Manifest[]) =>
  objects
    .filter((o) => o.kind === 'ValidatingAdmissionPolicy')
    .map((o) => o.metadata.name)
    .sort();

describe('admission policies executed against the request corpus', () => {
  test('every policy expression of every cluster compiles (a syntax error or unknown function fails here)', () => {
    for (const cluster of clusters) expect(compiled[cluster].size).toBeGreaterThan(0);
  });

  test.each(rows((c) => c.expect === 'allowed'))('%s is admitted', (_, cluster, c) => {
    const verdict = judge(manifests[cluster], compiled[cluster], c);
    expect(verdict.denials).toEqual([]);
  });

  test.each(rows((c) => c.deniedBy === 'admission-policy'))('%s is refused by its policy', (_, cluster, c) => {
    const verdict = judge(manifests[cluster], compiled[cluster], c);
    expect(verdict.denials.filter((d) => d.error)).toEqual([]);
    expect([...new Set(verdict.denials.map((d) => d.policy))]).toEqual([c.policy]);
  });

  test.each(rows((c) => !!c.backstop))('%s would also be refused by its backstop policy', (_, cluster, c) => {
    const verdict = judge(manifests[cluster], compiled[cluster], c);
    expect(verdict.denials.filter((d) => d.error)).toEqual([]);
    expect(verdict.denials.map((d) => d.policy)).toContain(c.backstop);
  });

  const outcomes = (cluster: string) => {
    const seen = new Map<string, Set<boolean>>();
    for (const c of corpus[cluster]) {
      for (const [key, passed] of judge(manifests[cluster], compiled[cluster], c).evaluated) {
        seen.set(key, (seen.get(key) ?? new Set()).add(passed));
      }
    }
    return seen;
  };
  const validationsOf = (cluster: string) => manifests[cluster].filter((o) => o.kind === 'ValidatingAdmissionPolicy').flatMap((p) => (p.spec.validations as unknown[]).map((_, i) => `${p.metadata.name}#${i}`));
  const seenBy = Object.fromEntries(clusters.map((c) => [c, outcomes(c)]));

  test.each(clusters)('%s: every validation of every policy refuses some case', (cluster) => {
    expect(validationsOf(cluster).filter((key) => !seenBy[cluster].get(key)?.has(false))).toEqual([]);
  });

  // Admitting is checked across clusters: on a cluster whose namespaces all lack what a rule asks for (a
  // load-balancer quota for the Ingress class rule on the developer cluster), every case is rightly refused.
  test('every validation of every policy admits some case on some cluster', () => {
    const keys = [...new Set(clusters.flatMap(validationsOf))];
    // The namespace-label policy only ever sees tenants through its backstop cases: RBAC answers first.
    const admitted = (key: string) => key.startsWith(POLICY_NAMES.protectNamespaceLabels) || clusters.some((c) => seenBy[c].get(key)?.has(true));
    expect(keys.filter((key) => !admitted(key))).toEqual([]);
  });

  test('the corpus names only policies the manifests hold', () => {
    for (const cluster of clusters) {
      const names = new Set(policiesOf(manifests[cluster]));
      for (const c of corpus[cluster]) {
        if (c.policy) expect(names).toContain(c.policy);
        if (c.backstop) expect(names).toContain(c.backstop);
      }
    }
  });
});
