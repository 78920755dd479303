import { AddOnDeployNeeds, validateDeployNeeds, DeployPrerequisite, mergeDeployNeeds, upstreamSourceKey } from '../../../lib/domain/addons/deploy-prerequisites';
import { formatIssue } from '../../../lib/domain/validation-error';

const istioBase: DeployPrerequisite = {
  name: 'istio-base',
  description: 'Istio base chart',
  source: { type: 'helm', repo: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', version: '1.31.4', namespace: 'istio-system' },
  providesGroups: ['networking.istio.io', 'security.istio.io'],
};
const argoCrds: DeployPrerequisite = {
  name: 'argo-cd-crds',
  description: 'Argo CD CRDs',
  source: { type: 'git', repo: 'https://github.com/argoproj/argo-cd.git', revision: 'v3.6.2', dir: 'manifests/crds' },
  providesGroups: ['argoproj.io'],
};
const messages = (needs: AddOnDeployNeeds) => validateDeployNeeds('addOns[x] on prod-usc1', needs).map(formatIssue);

describe('deploy prerequisites: what an add-on declares', () => {
  test('a pinned Helm chart and a Git folder at a tag, with their groups and namespaces, are accepted', () => {
    expect(messages({ prerequisites: [istioBase, argoCrds], namespaces: ['istio-system', 'argocd'] })).toEqual([]);
  });

  test.each<[string, AddOnDeployNeeds, RegExp]>([
    ['the name is not a short DNS label', { prerequisites: [{ ...istioBase, name: 'Istio_Base' }] }, /prerequisites\[0\]: name "Istio_Base" is not a lower-case DNS label of at most 40 characters; name it after what it installs/],
    ['the repository is plain HTTP', { prerequisites: [{ ...istioBase, source: { ...istioBase.source, repo: 'http://charts.example.com' } as any }] }, /source.repo "http:\/\/charts.example.com" is not an https:\/\/ URL/],
    ['the chart version is a range', { prerequisites: [{ ...istioBase, source: { ...istioBase.source, version: '^1.31' } as any }] }, /source.version "\^1.31" is not an exact chart version; pin one release, e.g. '1.31.4'/],
    ['the chart namespace is not a label', { prerequisites: [{ ...istioBase, source: { ...istioBase.source, namespace: 'Istio' } as any }] }, /source.namespace "Istio" is not a DNS-1123 label/],
    [
      'the Git revision is a branch',
      { prerequisites: [{ ...argoCrds, source: { ...argoCrds.source, revision: 'master' } as any }] },
      /source.revision "master" is neither a release tag nor a full commit hash \(a branch would move under the pin\); pin a release tag/,
    ],
    ['the Git folder leaves the repository', { prerequisites: [{ ...argoCrds, source: { ...argoCrds.source, dir: '../crds' } as any }] }, /source.dir "..\/crds" is not a relative folder of the repository/],
    ['it claims a group Kubernetes serves', { prerequisites: [{ ...argoCrds, providesGroups: ['apps'] }] }, /providesGroups "apps" is a group Kubernetes itself serves/],
    ['it provides no group', { prerequisites: [{ ...argoCrds, providesGroups: [] }] }, /providesGroups \[\] is empty; list the API groups whose CRDs the source installs/],
    ['a namespace is not a label', { namespaces: ['Spinnaker'] }, /addOns\[x\] on prod-usc1: namespaces "Spinnaker" is not a DNS-1123 label/],
  ])('throws when %s', (_case, needs, message) => {
    expect(messages(needs).join('\n')).toMatch(message);
  });

  test('two add-ons may share a namespace; they may not share a prerequisite name or an API group', () => {
    const { needs, issues } = mergeDeployNeeds('prod-usc1', [
      { addOn: 'istio', needs: { prerequisites: [istioBase], namespaces: ['istio-system'] } },
      { addOn: 'mesh-extras', needs: { prerequisites: [{ ...istioBase, source: { ...istioBase.source, version: '1.30.0' } as any, providesGroups: ['security.istio.io', 'telemetry.istio.io'] }], namespaces: ['istio-system'] } },
    ]);
    expect(issues.map(formatIssue)).toEqual([
      'addOns[mesh-extras] on prod-usc1: prerequisites.name "istio-base" is also declared by add-on istio; give each prerequisite a name of its own, e.g. prefixed with the add-on',
      'addOns[mesh-extras] on prod-usc1: prerequisites.providesGroups "security.istio.io" is already provided by prerequisite istio-base; install each CRD group from one source only',
    ]);
    expect(needs.namespaces).toEqual([{ name: 'istio-system', addOns: ['istio', 'mesh-extras'] }]);
    expect([...needs.providedGroups].sort()).toEqual(['networking.istio.io', 'security.istio.io', 'telemetry.istio.io']);
  });

  test('a source is identified by its kind, place and pinned version', () => {
    expect(upstreamSourceKey(istioBase.source)).toBe('helm https://istio-release.storage.googleapis.com/charts base 1.31.4');
    expect(upstreamSourceKey(argoCrds.source)).toBe('git https://github.com/argoproj/argo-cd.git v3.6.2 manifests/crds');
  });
});
