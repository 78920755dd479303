/**
 * The kueue add-on on the bundled example: its objects (flavors on the pools' nodes, a queue per batch tenant in one
 * cohort, the queued-provisioning check), where the GitOps engine applies them (after Kueue's CRDs at the pinned
 * release), the queue rule executed by CEL on its own corpus, and every settings mistake refused by message.
 */
import { clusterDeployNeeds } from '../../lib/domain/addons/add-on-rules';
import { queueAdmissionCases, REQUIRE_QUEUE_CRONJOB_POLICY, REQUIRE_QUEUE_POLICY } from '../../lib/domain/addons/kueue/queue-rule';
import { KueueSettings } from '../../lib/domain/addons/kueue/kueue-settings';
import { validateKueueSettings } from '../../lib/domain/addons/kueue/validate-kueue';
import { admissionCorpus } from '../../lib/domain/isolation/admission-corpus';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { ValidationError } from '../../lib/domain/validation-error';
import { compilePolicies, judge, Manifest } from '../isolation/cel-judge';
import { allObjects, K8sObject, loadSeed, SEED_ADD_ONS, seedPlatform, synthSeed } from './seed-fixtures';

const output = synthSeed();
const plan = output.platform.plan;
const prod = plan.clusters.find((c) => c.name === 'prod-usc1')!;
const kueueObjects = allObjects(output).filter(({ object }) => object.apiVersion.startsWith('kueue.x-k8s.io/'));
const byKind = (kind: string) => kueueObjects.filter(({ object }) => object.kind === kind).map(({ object }) => object as K8sObject);
const settings = seedPlatform.addOns!.find((a) => a.name === 'kueue')!.settings as unknown as KueueSettings;
const withSettings = (s: Partial<KueueSettings>): PlatformDefinition => ({ ...seedPlatform, addOns: seedPlatform.addOns!.map((a) => (a.name === 'kueue' ? { name: 'kueue', settings: { ...settings, ...s } } : a)) });
const issues = (s: Partial<KueueSettings>, definition: PlatformDefinition = seedPlatform) =>
  validateKueueSettings({ ...settings, ...s } as KueueSettings, definition).map((i) => `${i.path}: ${i.field} ${JSON.stringify(i.value)} ${i.problem}; ${i.fix}`);

describe("kueue: the example's batch tenants", () => {
  test('objects only on prod-usc1, where the simulation and ml-training tenants live', () => {
    expect([...new Set(kueueObjects.map(({ cluster }) => cluster))]).toEqual(['prod-usc1']);
  });

  test("a ResourceFlavor per pool a queue names, selecting the pool's nodes and tolerating the platform's taints on them", () => {
    const flavors = Object.fromEntries(byKind('ResourceFlavor').map((f) => [f.metadata.name, f.spec]));
    expect(flavors).toEqual({
      'tenant-simulation': { nodeLabels: { 'cloud.google.com/gke-nodepool': 'tenant-simulation' }, tolerations: [{ key: 'tenant', operator: 'Equal', value: 'simulation', effect: 'NoSchedule' }] },
      'tenant-ml-training': {
        nodeLabels: { 'cloud.google.com/gke-nodepool': 'tenant-ml-training' },
        tolerations: [
          { key: 'tenant', operator: 'Equal', value: 'ml-training', effect: 'NoSchedule' },
          { key: 'cloud.google.com/gke-queued', operator: 'Exists', effect: 'NoSchedule' },
        ],
      },
      'tenant-ml-training-cpu': { nodeLabels: { 'cloud.google.com/gke-nodepool': 'tenant-ml-training-cpu' }, tolerations: [{ key: 'tenant', operator: 'Equal', value: 'ml-training', effect: 'NoSchedule' }] },
    });
  });

  test('a ClusterQueue per batch tenant in the cohort, its own namespace only, nominal quota per flavor, fair-sharing weight', () => {
    const queues = Object.fromEntries(byKind('ClusterQueue').map((q) => [q.metadata.name, q.spec]));
    expect(Object.keys(queues).sort()).toEqual(['ml-training', 'simulation']);
    expect(queues.simulation).toEqual({
      cohortName: 'batch',
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'simulation' } },
      resourceGroups: [
        {
          coveredResources: ['cpu', 'memory'],
          flavors: [
            {
              name: 'tenant-simulation',
              resources: [
                { name: 'cpu', nominalQuota: '2000' },
                { name: 'memory', nominalQuota: '8000Gi' },
              ],
            },
          ],
        },
      ],
      fairSharing: { weight: '1' },
      preemption: { reclaimWithinCohort: 'Any', withinClusterQueue: 'LowerPriority' },
    });
    expect(queues['ml-training'].fairSharing).toEqual({ weight: '2' });
    // GPUs covered for every flavor of the group (Kueue requires it), 0 on the CPU companion.
    expect(queues['ml-training'].resourceGroups).toEqual([
      {
        coveredResources: ['cpu', 'memory', 'nvidia.com/gpu'],
        flavors: [
          {
            name: 'tenant-ml-training',
            resources: [
              { name: 'cpu', nominalQuota: '320' },
              { name: 'memory', nominalQuota: '2000Gi' },
              { name: 'nvidia.com/gpu', nominalQuota: 32 },
            ],
          },
          {
            name: 'tenant-ml-training-cpu',
            resources: [
              { name: 'cpu', nominalQuota: '56' },
              { name: 'memory', nominalQuota: '200Gi' },
              { name: 'nvidia.com/gpu', nominalQuota: 0 },
            ],
          },
        ],
      },
    ]);
  });

  test("the queued A100 pool: a ProvisioningRequestConfig for GKE's queued-provisioning class and an AdmissionCheck on that flavor only", () => {
    expect(byKind('ProvisioningRequestConfig').map((o) => [o.metadata.name, o.spec])).toEqual([['queued-provisioning', { provisioningClassName: 'queued-provisioning.gke.io', managedResources: ['nvidia.com/gpu'] }]]);
    expect(byKind('AdmissionCheck').map((o) => [o.metadata.name, o.spec])).toEqual([
      ['queued-provisioning', { controllerName: 'kueue.x-k8s.io/provisioning-request', parameters: { apiGroup: 'kueue.x-k8s.io', kind: 'ProvisioningRequestConfig', name: 'queued-provisioning' } }],
    ]);
    const ml = byKind('ClusterQueue').find((q) => q.metadata.name === 'ml-training')!;
    expect(ml.spec.admissionChecksStrategy).toEqual({ admissionChecks: [{ name: 'queued-provisioning', onFlavors: ['tenant-ml-training'] }] });
    expect(byKind('ClusterQueue').find((q) => q.metadata.name === 'simulation')!.spec.admissionChecksStrategy).toBeUndefined();
  });

  test("a LocalQueue `batch` in each batch tenant's namespace, in its own chart, pointing at its ClusterQueue", () => {
    expect(kueueObjects.filter(({ object }) => object.kind === 'LocalQueue').map(({ chart, object }) => [chart, object.metadata.namespace, object.metadata.name, object.spec.clusterQueue])).toEqual([
      ['tenant-simulation', 'simulation', 'batch', 'simulation'],
      ['tenant-ml-training', 'ml-training', 'batch', 'ml-training'],
    ]);
  });

  test("deploy needs: Kueue's CRDs from its repository at the pinned release, only on clusters with batch queues; its objects in the add-ons stage", () => {
    const needs = clusterDeployNeeds(plan, prod, SEED_ADD_ONS);
    expect(needs.prerequisites.filter((p) => p.addOn === 'kueue')).toEqual([
      {
        addOn: 'kueue',
        name: 'kueue-crds',
        description: 'Kueue v0.17.0 CRDs',
        source: { type: 'git', repo: 'https://github.com/kubernetes-sigs/kueue.git', revision: 'v0.17.0', dir: 'config/components/crd/bases' },
        providesGroups: ['kueue.x-k8s.io'],
      },
    ]);
    expect(needs.providedGroups.has('kueue.x-k8s.io')).toBe(true);
    for (const cluster of plan.clusters.filter((c) => c.name !== 'prod-usc1')) expect(clusterDeployNeeds(plan, cluster, SEED_ADD_ONS).prerequisites.map((p) => p.name)).not.toContain('kueue-crds');
  });

  test('settings.version pins another release', () => {
    const loaded = loadSeed(withSettings({ version: 'v0.16.2' }));
    expect(
      clusterDeployNeeds(
        loaded.plan,
        loaded.plan.clusters.find((c) => c.name === 'prod-usc1')!,
        SEED_ADD_ONS,
      ).prerequisites.find((p) => p.name === 'kueue-crds')!.source,
    ).toMatchObject({ revision: 'v0.16.2' });
  });
});

describe('kueue: the queue rule, executed by CEL', () => {
  const manifests = Object.values(output.manifests['prod-usc1']).flat() as Manifest[];
  const compiled = compilePolicies(manifests);
  const cases = queueAdmissionCases(settings, prod, plan);

  test("two policies cover the batch tenants' namespaces: Jobs, and CronJobs apart (the API server type-checks each expression per kind)", () => {
    for (const [name, resource] of [
      [REQUIRE_QUEUE_POLICY, 'jobs'],
      [REQUIRE_QUEUE_CRONJOB_POLICY, 'cronjobs'],
    ]) {
      const policy = manifests.find((o) => o.kind === 'ValidatingAdmissionPolicy' && o.metadata.name === name)!;
      expect(policy.spec.matchConstraints.namespaceSelector).toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['simulation', 'ml-training'] }] });
      expect(policy.spec.matchConstraints.resourceRules).toEqual([{ apiGroups: ['batch'], apiVersions: ['v1'], resources: [resource], operations: ['CREATE', 'UPDATE'] }]);
      expect(manifests.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding' && o.metadata.name === name)!.spec).toEqual({ policyName: name, validationActions: ['Deny'] });
    }
    // The Job policy's expression never reads spec.jobTemplate, which a Job does not have.
    expect(JSON.stringify(manifests.find((o) => o.metadata.name === REQUIRE_QUEUE_POLICY)!.spec.validations)).not.toContain('jobTemplate');
  });

  test('five cases per batch tenant: with the queue admitted, without it or naming another refused', () => {
    expect(cases.map((c) => `${c.id} ${c.expect}`)).toEqual(
      ['simulation', 'ml-training'].flatMap((t) => [
        `${t}/developer/kueue/job-with-queue allowed`,
        `${t}/developer/kueue/cronjob-with-queue allowed`,
        `${t}/developer/kueue/job-without-queue denied`,
        `${t}/developer/kueue/job-other-queue denied`,
        `${t}/developer/kueue/cronjob-without-queue denied`,
      ]),
    );
  });

  test.each(cases.filter((c) => c.expect === 'allowed').map((c) => [c.id, c] as const))('%s is admitted by every policy', (_, c) => {
    expect(judge(manifests, compiled, c).denials).toEqual([]);
  });

  test.each(cases.filter((c) => c.expect === 'denied').map((c) => [c.id, c] as const))('%s is refused by the queue rule alone, naming the tenant, the label and the queue', (_, c) => {
    const denials = judge(manifests, compiled, c).denials;
    expect(denials.filter((d) => d.error)).toEqual([]);
    expect(denials.map((d) => d.policy)).toEqual([c.policy]);
    const kind = (c.object as { kind: string }).kind;
    expect(denials[0].message).toBe(
      `tenant ${c.namespace}: a ${kind} must name its queue: set the label kueue.x-k8s.io/queue-name: batch${kind === 'CronJob' ? ' in spec.jobTemplate.metadata.labels' : ''} (the namespace's LocalQueue); Kueue then admits it when the tenant's quota, or what its cohort lends, has room`,
    );
  });

  test("the platform corpus's own Jobs and CronJobs in queued namespaces name the queue, so its cases still test their own rule", () => {
    const corpus = admissionCorpus('prod-usc1', manifests, seedPlatform);
    const batch = corpus.filter((c) => ['simulation', 'ml-training'].includes(c.namespace ?? '') && ['jobs', 'cronjobs'].includes(c.resource.resource) && c.operation === 'CREATE');
    expect(batch.length).toBeGreaterThan(0);
    for (const c of batch) {
      const verdict = judge(manifests, compiled, c);
      expect(verdict.denials.map((d) => d.policy)).not.toContain(REQUIRE_QUEUE_POLICY);
      expect(verdict.denials.map((d) => d.policy)).not.toContain(REQUIRE_QUEUE_CRONJOB_POLICY);
    }
    // Tenants without a queue are untouched.
    const mapping = corpus.find((c) => c.namespace === 'mapping' && c.resource.resource === 'jobs')!;
    expect(JSON.stringify(mapping.object)).not.toContain('kueue.x-k8s.io/queue-name');
  });
});

describe('kueue settings', () => {
  test.each<[string, Partial<KueueSettings>, string]>([
    ['no queues', { queues: [] }, `addOns[kueue]: settings.queues [] is not a non-empty list; list the batch tenants, e.g. [{ tenant: 'simulation', quotas: [{ pool: 'batch-spot', cpu: '400', memory: '1600Gi' }] }]`],
    [
      'an unknown tenant',
      { queues: [{ tenant: 'nobody', quotas: [{ pool: 'batch-spot', cpu: '1' }] }, ...settings.queues] },
      'addOns[kueue]: queues[nobody]: tenant "nobody" is not a tenant of the definition; use one of mapping, routing, simulation, ml-training, payments',
    ],
    [
      'a pool the tenant may not use',
      { queues: [{ tenant: 'simulation', quotas: [{ pool: 'batch-spot', cpu: '100', memory: '400Gi' }] }, settings.queues[1]] },
      'addOns[kueue]: queues[simulation].quotas[batch-spot]: pool "batch-spot" is not a pool tenant simulation may use on its clusters (prod-usc1); use one of tenant-simulation',
    ],
    [
      'a malformed quantity',
      { queues: [{ tenant: 'simulation', quotas: [{ pool: 'tenant-simulation', cpu: 'lots' }] }, settings.queues[1]] },
      `addOns[kueue]: queues[simulation].quotas[tenant-simulation]: quota.cpu "lots" is not a Kubernetes quantity; give cores, e.g. '400' or '1500m'`,
    ],
    [
      'a malformed borrowing limit',
      { queues: [{ tenant: 'simulation', quotas: [{ pool: 'tenant-simulation', cpu: '1', borrowingLimit: { memory: '1 GB' } }] }, settings.queues[1]] },
      `addOns[kueue]: queues[simulation].quotas[tenant-simulation]: borrowingLimit.memory "1 GB" is not a Kubernetes quantity; give bytes, e.g. '2400Gi'`,
    ],
    [
      'fractional GPUs in a lending limit',
      { queues: [{ tenant: 'ml-training', quotas: [{ pool: 'tenant-ml-training', gpus: 4, lendingLimit: { gpus: 1.5 } }] }, settings.queues[0]] },
      'addOns[kueue]: queues[ml-training].quotas[tenant-ml-training]: lendingLimit.gpus 1.5 must be a whole number of at least 0; give the GPUs as the nodes advertise them, e.g. 8',
    ],
    [
      'GPUs on a pool without GPUs',
      { queues: [{ tenant: 'simulation', quotas: [{ pool: 'tenant-simulation', cpu: '1', gpus: 1 }] }, settings.queues[1]] },
      "addOns[kueue]: queues[simulation].quotas[tenant-simulation]: gpus 1 is set on pool tenant-simulation, which has no GPUs; give GPUs only on a kind: 'gpu' pool",
    ],
    [
      'a pool listed twice',
      {
        queues: [
          {
            tenant: 'simulation',
            quotas: [
              { pool: 'tenant-simulation', cpu: '1' },
              { pool: 'tenant-simulation', cpu: '2' },
            ],
          },
          settings.queues[1],
        ],
      },
      'addOns[kueue]: queues[simulation].quotas[tenant-simulation]: pool "tenant-simulation" is listed twice; give one quota per pool',
    ],
    ['a tenant queued twice', { queues: [...settings.queues, settings.queues[0]] }, 'addOns[kueue]: queues[simulation]: tenant "simulation" has two queues; give each tenant one queue, with a quota per pool'],
    ['a weight of 0', { queues: [{ ...settings.queues[0], weight: 0 }, settings.queues[1]] }, 'addOns[kueue]: queues[simulation]: weight 0 must be a number above 0; use 1 for an equal share, 2 for twice the share of what the cohort lends'],
    [
      'no quotas',
      { queues: [{ tenant: 'simulation', quotas: [] }, settings.queues[1]] },
      `addOns[kueue]: queues[simulation]: quotas [] is empty; give a nominal quota on at least one pool, e.g. { pool: 'batch-spot', cpu: '100', memory: '400Gi' }`,
    ],
    ['a version that is not a tag', { version: 'main' }, `addOns[kueue]: settings.version "main" is not a release tag (vMAJOR.MINOR.PATCH); pin a release, e.g. 'v0.17.0'`],
    ['a cohort that is not a DNS label', { cohort: 'Batch_Queues' }, `addOns[kueue]: settings.cohort "Batch_Queues" is not a DNS-1123 label; name the cohort e.g. 'batch'`],
    [
      'more GPUs than the pool holds',
      { queues: [{ tenant: 'ml-training', quotas: [{ pool: 'tenant-ml-training', cpu: '10', memory: '10Gi', gpus: 33 }, settings.queues[1].quotas[1]] }, settings.queues[0]] },
      'addOns[kueue]: queues[ml-training] on prod-usc1: quotas[tenant-ml-training].gpus "33 GPUs" is what the nominal quotas add up to (ml-training 33 GPUs), more than pool tenant-ml-training holds at its 32 nodes (32 GPUs); lower the tenants\' nominal quotas on tenant-ml-training (borrowing lets a queue use what others leave idle), or raise the pool\'s maxNodes',
    ],
    [
      'more CPU than the pool holds',
      { queues: [{ tenant: 'simulation', quotas: [{ pool: 'tenant-simulation', cpu: '7000', memory: '10Gi' }] }, settings.queues[1]] },
      'addOns[kueue]: queues[simulation] on prod-usc1: quotas[tenant-simulation].cpu "7000 CPUs" is what the nominal quotas add up to (simulation 7000 CPUs), more than pool tenant-simulation holds at its 200 nodes (6270 CPUs); lower the tenants\' nominal quotas on tenant-simulation (borrowing lets a queue use what others leave idle), or raise the pool\'s maxNodes',
    ],
  ])('refuses %s', (_, s, message) => {
    expect(issues(s)).toContain(message);
  });

  test('refuses a queued-provisioning pool that no queue covers (its nodes would never be requested), naming the pool and the fix', () => {
    expect(issues({ queues: [settings.queues[0], { tenant: 'ml-training', quotas: [settings.queues[1].quotas[1]] }] })).toEqual([
      'tenants[ml-training].dedicatedNodes: queuedProvisioning true is set, but no queue of the kueue add-on has a quota on pool tenant-ml-training on prod-usc1, so nothing would ever request its nodes; give queues[ml-training] a quota on tenant-ml-training, or leave queuedProvisioning out',
    ]);
  });

  test('shared tenants on a shared pool: the sum over tenants is checked, naming every tenant with a share', () => {
    const definition: PlatformDefinition = { ...seedPlatform, tenants: seedPlatform.tenants!.map((t) => (t.name === 'routing' || t.name === 'mapping' ? { ...t, quota: { ...t.quota, gpus: 24 } } : t)) };
    const queues = [...settings.queues, { tenant: 'mapping', quotas: [{ pool: 'gpu-l4', gpus: 30 }] }, { tenant: 'routing', quotas: [{ pool: 'gpu-l4', gpus: 20 }] }];
    expect(issues({ queues }, definition)).toEqual([
      'addOns[kueue]: queues[mapping, routing] on prod-usc1: quotas[gpu-l4].gpus "50 GPUs" is what the nominal quotas add up to (mapping 30 GPUs + routing 20 GPUs), more than pool gpu-l4 holds at its 48 nodes (48 GPUs); lower the tenants\' nominal quotas on gpu-l4 (borrowing lets a queue use what others leave idle), or raise the pool\'s maxNodes',
    ]);
    expect(issues({ queues: [...settings.queues, { tenant: 'mapping', quotas: [{ pool: 'gpu-l4', gpus: 28 }] }, { tenant: 'routing', quotas: [{ pool: 'gpu-l4', gpus: 20 }] }] }, definition)).toEqual([]);
  });

  test("the example's settings are accepted, and synthesis refuses a mistake through loadPlatform", () => {
    expect(issues({})).toEqual([]);
    expect(() => loadSeed(withSettings({ cohort: 'Batch_Queues' }))).toThrow(ValidationError);
  });
});
