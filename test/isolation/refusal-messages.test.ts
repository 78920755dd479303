/**
 * What a refused tenant reads: every refusal of every platform policy names the tenant (the namespace), the field,
 * and what to do instead. Messages are evaluated by the CEL judge, as the API
 * server evaluates their messageExpressions.
 */
import { admissionCorpus } from '../../lib/domain/isolation/admission-corpus';
import { POLICY_NAMES } from '../../lib/domain/isolation/policy-names';
import { compilePolicies, judge } from './cel-judge';
import { exampleManifests, examplePlatform } from './example-manifests';

const manifests = exampleManifests();
const clusters = Object.keys(manifests).sort();
const compiled = Object.fromEntries(clusters.map((c) => [c, compilePolicies(manifests[c])]));
const corpus = Object.fromEntries(clusters.map((c) => [c, admissionCorpus(c, manifests[c], examplePlatform)]));
const NEW_POLICIES: string[] = [POLICY_NAMES.restrictServiceAccountTokens, POLICY_NAMES.restrictIngresses, POLICY_NAMES.restrictRoutes, POLICY_NAMES.restrictVolumes, POLICY_NAMES.restrictVolumeClaims];

function message(cluster: string, id: string): string {
  const c = corpus[cluster].find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id} on ${cluster}`);
  const denials = judge(manifests[cluster], compiled[cluster], c).denials;
  expect(new Set(denials.map((d) => d.policy))).toEqual(new Set([c.policy]));
  return denials[0].message;
}

describe('refusal messages', () => {
  test.each(clusters)('%s: every refusal by every platform policy (backstops too) starts with the tenant', (cluster) => {
    const refused = corpus[cluster].filter((c) => c.policy || c.backstop);
    expect(refused.filter((c) => c.policy && NEW_POLICIES.includes(c.policy)).length).toBeGreaterThan(10);
    for (const c of refused) {
      // A Namespace is cluster-scoped: its tenant is the namespace's own name.
      const tenant = c.namespace ?? c.name;
      for (const denial of judge(manifests[cluster], compiled[cluster], c).denials) expect({ id: c.id, message: denial.message }).toEqual({ id: c.id, message: expect.stringMatching(new RegExp(`^tenant ${tenant}: `)) });
    }
  });

  test.each([
    [
      'prod-usc1',
      'mapping/developer/secret-sa-token-deployer',
      /^tenant mapping: Secret mapping-developer-secret-sa-token-deployer has type kubernetes.io\/service-account-token \(field type\): .*never expires.*; mount a projected serviceAccountToken volume/,
    ],
    [
      'prod-usc1',
      'mapping/developer/ingress-no-class',
      /^tenant mapping: Ingress \S+ has class annotation kubernetes.io\/ingress.class="" and spec.ingressClassName="" \(no class means GKE's external class gce\); the tenant may create no Ingress: .*quota.loadBalancers is 0; attach a Gateway API HTTPRoute/,
    ],
    ['prod-usc1', 'routing/developer/ingress-class-gce', /^tenant routing: Ingress \S+ has class annotation kubernetes.io\/ingress.class="gce" .*; set kubernetes.io\/ingress.class to one of gce-internal;/],
    ['prod-usc1', 'routing/developer/ingress-global-static-ip', /^tenant routing: Ingress annotation metadata.annotations\[kubernetes.io\/ingress.global-static-ip-name\] steers Google's load balancers .*; remove it/],
    [
      'prod-usc1',
      'routing/developer/ingress-other-host',
      /^tenant routing: Ingress host spec.rules\[\].host api.maps.drive.example.com is not under the tenant's hosts \(routing.drive.example.com\), so another tenant may serve it; use a host under them, or declare the name in the tenant's hosts/,
    ],
    ['prod-usc1', 'routing/developer/ingress-tls-other-host', /^tenant routing: Ingress TLS host spec.tls\[\].hosts api.maps.drive.example.com is not under/],
    ['prod-usc1', 'mapping/developer/httproute-no-hostnames', /^tenant mapping: HTTPRoute \S+ sets no spec.hostnames, .*; list hostnames under the tenant's hosts \(maps.drive.example.com\)/],
    ['prod-usc1', 'simulation/developer/httproute-other-host', /^tenant simulation: HTTPRoute hostname spec.hostnames\[\] api.maps.drive.example.com is not under the tenant's hosts \(none declared\)/],
    ['prod-usc1', 'mapping/developer/pvc-volumename', /^tenant mapping: PersistentVolumeClaim \S+ sets spec.volumeName pv-filestore-shared-0, .*; leave volumeName empty and name a storageClassName/],
    [
      'prod-usc1',
      'mapping/developer/pod-inline-csi',
      /^tenant mapping: inline CSI volume spec.volumes\[\].csi.driver hostpath.csi.k8s.io is not allowed \(allowed: gcsfuse.csi.storage.gke.io, secrets-store-gke.csi.k8s.io, .*use a PersistentVolumeClaim/,
    ],
    ['prod-usc1', 'mapping/developer/pod-ephemeral-volumename', /^tenant mapping: ephemeral volume spec.volumes\[\].ephemeral.volumeClaimTemplate.spec.volumeName names PersistentVolume pv-filestore-shared-0/],
    ['prod-usc1', 'mapping/developer/statefulset-claim-volumename', /^tenant mapping: StatefulSet spec.volumeClaimTemplates\[\].spec.volumeName names PersistentVolume pv-filestore-shared-0/],
    ['prod-usc1', 'mapping/developer/service-externalname', /^tenant mapping: Service \S+ has spec.type ExternalName \(metadata.google.internal\): .*; call the name from the workload/],
    ['dev-usw1', 'dev-alice/owner/secret-sa-token', /^tenant dev-alice: Secret /],
    ['prod-usc1', 'mapping/developer/service-lb-ip', /^tenant mapping: Service \S+ sets spec.loadBalancerIP 10.10.0.250, which takes a reserved static address .*; remove it/],
    ['prod-usc1', 'mapping/developer/service-nodeport', /^tenant mapping: Service \S+ has spec.type NodePort, .*; use type ClusterIP behind the platform's gateway/],
    ['prod-usc1', 'mapping/developer/service-lb-annotation', /^tenant mapping: LoadBalancer Service annotation metadata.annotations\[cloud.google.com\/l4-rbs\] steers Google's load balancers; remove it/],
    ['prod-usc1', 'mapping/developer/pod-system-priority', /^tenant mapping: spec.priorityClassName system-node-critical is not offered to tenants; use one of: \(none: remove the field\)/],
    ['prod-usc1', 'mapping/developer/pod-nodename-simulation', /^tenant mapping: spec.nodeName gke-prod-usc1-tenant-simulation-\S+ bypasses the scheduler and the node taints; remove it/],
    ['prod-usc1', 'mapping/developer/pod-tolerates-simulation', /^tenant mapping: spec.tolerations tolerate the tenant taint of another tenant's dedicated nodes .*; remove that toleration/],
    ['prod-usc1', 'simulation/developer/pod-off-own-nodes', /^tenant simulation: pods must set spec.nodeSelector tenant=simulation, /],
    [
      'prod-usc1',
      'mapping/developer/configmap-forged-platform-label',
      /^tenant mapping: ConfigMap \S+ carries \(or carried\) the label platform.gke-platform-cdk.io\/managed-by=platform \(field metadata.labels\): it belongs to the platform; change it through the platform definition/,
    ],
  ])('%s %s', (cluster, id, expected) => {
    expect(message(cluster, id)).toMatch(expected);
  });
});
