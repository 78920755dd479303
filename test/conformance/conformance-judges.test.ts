import { checkPlace, findingResource, readSkips, skipFor } from '../../scripts/conformance/checkov-judge';
import { refusingLayer, refusingPolicy } from '../../scripts/conformance/kube-judge';
import { Judgement } from '../../scripts/conformance/judgement';
import { conformancePassed, summarize, summaryMarkdown } from '../../scripts/conformance/summary';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const judgement = (overrides: Partial<Judgement>): Judgement => ({
  judge: 'terraform validate',
  version: 'terraform 1.11.4',
  target: 'bundled-example/drive-network',
  checked: 10,
  passed: 10,
  failed: 0,
  skipped: 0,
  failures: [],
  ...overrides,
});

describe('conformance summary', () => {
  test('adds up each judge and keeps not-judged targets out of passed', () => {
    // GIVEN one judged stack and one that could not be judged
    const judgements = [judgement({}), judgement({ target: 'bundled-example/drive-link-aws-usw2', checked: 0, passed: 0, notJudged: 'provider not built: hashicorp/aws', notJudgedBecause: 'ci-optional-build' })];
    // WHEN
    const [row] = summarize(judgements);
    // THEN
    expect(row).toMatchObject({ judge: 'terraform validate', targets: 2, notJudged: 1, checked: 10, passed: 10, failed: 0 });
    expect(conformancePassed(judgements)).toBe(true);
  });

  test('fails while anything is not judged for a reason the project controls; passes what waits for a tool CI builds on request or a registry', () => {
    const ciOptional = judgement({ judge: 'vault apply', checked: 0, passed: 0, notJudged: 'not built: vault', notJudgedBecause: 'ci-optional-build' });
    const unavailable = judgement({ target: 'bundled-example/drive-vault', checked: 0, passed: 0, notJudged: 'provider not built: hashicorp/vault ...', notJudgedBecause: 'upstream-unavailable' });
    const unbuilt = judgement({ judge: 'kube-apiserver apply', target: 'x/prod', checked: 0, passed: 0, notJudged: 'not built: kine' });
    expect(conformancePassed([judgement({}), ciOptional, unavailable])).toBe(true);
    expect(conformancePassed([judgement({}), ciOptional, unbuilt])).toBe(false);
    const markdown = summaryMarkdown([ciOptional, unavailable, unbuilt], []);
    expect(markdown).toContain('- vault apply: bundled-example/drive-network: not built: vault (a tool CI builds on request)');
    expect(markdown).toContain('- terraform validate: bundled-example/drive-vault: provider not built: hashicorp/vault ... (not served by any reachable registry)');
    expect(markdown).toContain('- kube-apiserver apply: x/prod: not built: kine (**fails conformance**)');
  });

  test('lists what was judged only in part, once each', () => {
    const caveat = 'RootSync is served by a stand-in CRD without its schema: ...';
    const markdown = summaryMarkdown([judgement({ judge: 'kube-apiserver apply', target: 'x/prod', caveats: [caveat] }), judgement({ judge: 'kube-apiserver apply', target: 'x/prod', caveats: [caveat] })], []);
    expect(markdown).toContain(`## Judged in part\n\n- kube-apiserver apply: x/prod: ${caveat}\n`);
  });

  test('fails on any failure and lists it, the not-judged targets and the accepted findings in the Markdown', () => {
    const judgements = [
      judgement({ failed: 1, passed: 9, failures: ['bundled-example/drive-network: google_compute_network.Network: bad'] }),
      judgement({ judge: 'checkov', target: 'bundled-example/cdktf.out', skipped: 2, notJudged: undefined }),
      judgement({ judge: 'kube-apiserver apply', target: 'x/prod', checked: 0, passed: 0, notJudged: 'not built: kine' }),
    ];
    const markdown = summaryMarkdown(judgements, [{ check: 'CKV_GCP_12', resource: '*/google_container_cluster.*', reason: 'Dataplane V2 enforces network policy', used: true }]);
    expect(conformancePassed(judgements)).toBe(false);
    expect(markdown).toContain('Verdict: **FAILED**');
    expect(markdown).toContain('| terraform validate | terraform 1.11.4 | 1 | 10 | 9 | 1 | 0 | 0 |');
    expect(markdown).toContain('- kube-apiserver apply: x/prod: not built: kine');
    expect(markdown).toContain('- terraform validate: bundled-example/drive-network: google_compute_network.Network: bad');
    expect(markdown).toContain('| CKV_GCP_12 | `*/google_container_cluster.*` | Dataplane V2 enforces network policy | yes |');
  });
});

describe('checkov findings and the skip file', () => {
  const typeOf = (_file: string, name: string) => (name === 'Cluster_EB0386A7' ? 'google_container_cluster' : undefined);

  test('names a Terraform finding by stack, type and name, and a manifest finding by cluster', () => {
    expect(checkPlace('/bundled-example/cdktf.out/stacks/drive-cluster-prod-usc1/cdk.tf.json')).toEqual({ target: 'bundled-example/cdktf.out', folder: 'drive-cluster-prod-usc1' });
    expect(findingResource({ resource: 'resource.Cluster_EB0386A7', file_path: '/bundled-example/cdktf.out/stacks/drive-cluster-prod-usc1/cdk.tf.json' }, typeOf)).toBe('drive-cluster-prod-usc1/google_container_cluster.Cluster_EB0386A7');
    expect(findingResource({ resource: 'Namespace.default.ml', file_path: '/single-region/dist/prod-euw1/ml.yaml' }, typeOf)).toBe('prod-euw1/Namespace.default.ml');
  });

  test('a skip accepts only its check on the resources its glob names', () => {
    const skips = [{ check: 'CKV_GCP_12', resource: '*/google_container_cluster.*', reason: 'Dataplane V2 enforces network policy' }];
    expect(skipFor({ check: 'CKV_GCP_12', name: '', resource: 'drive-cluster-prod-usc1/google_container_cluster.Cluster_EB0386A7', file: '' }, skips)).toBe(skips[0]);
    expect(skipFor({ check: 'CKV_GCP_12', name: '', resource: 'drive-network/google_compute_network.Network', file: '' }, skips)).toBeUndefined();
    expect(skipFor({ check: 'CKV_GCP_13', name: '', resource: 'drive-cluster-prod-usc1/google_container_cluster.Cluster_EB0386A7', file: '' }, skips)).toBeUndefined();
  });

  test('throws when a skip has no reason a reviewer can judge', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'skips-')), 'skips.json');
    writeFileSync(file, JSON.stringify([{ check: 'CKV_GCP_12', resource: '*', reason: 'because' }]));
    expect(() => readSkips(file)).toThrow(/entry 0 needs a check id \(CKV_\.\.\.\), a resource glob and a reason a reviewer can judge/);
  });

  test('the committed skip file is well formed', () => {
    expect(readSkips(join(__dirname, '..', '..', 'conformance', 'checkov-skips.json')).length).toBeGreaterThan(0);
  });
});

describe('which layer of the API server refused', () => {
  const forbidden = (message: string, status = 403) => ({ status, body: { kind: 'Status', message } });

  test.each([
    ['pods "p" is forbidden: User "alice@ml.example.com" cannot create resource "pods" in API group "" in the namespace "sim"', 'rbac'],
    ["pods \"p\" is forbidden: ValidatingAdmissionPolicy 'tenant-placement' with binding 'tenant-placement' denied request: no nodeName", 'admission-policy'],
    ['pods "p" is forbidden: violates PodSecurity "restricted:latest": privileged (container "c" must not set securityContext.privileged=true)', 'pod-security'],
    ['pods "p" is forbidden: exceeded quota: compute, requested: limits.cpu=100, used: limits.cpu=0, limited: limits.cpu=64', 'quota'],
    ['pods "p" is forbidden: maximum cpu usage per Container is 4, but limit is 8', 'limit-range'],
    ['clusterroles.rbac.authorization.k8s.io "x" is forbidden: user "a" (groups=["g"]) is attempting to grant RBAC permissions not currently held', 'rbac'],
  ])('%s → %s', (message, layer) => {
    expect(refusingLayer(forbidden(message))).toBe(layer);
  });

  test('names the refusing policy', () => {
    expect(refusingPolicy(forbidden("ValidatingAdmissionPolicy 'tenant-placement' with binding 'b' denied request"))).toBe('tenant-placement');
  });
});
