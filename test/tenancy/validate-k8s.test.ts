import { expectK8sSchemaValid, k8sSchemaErrors } from './validate-k8s';

describe('validate-k8s helper', () => {
  test('accepts valid objects of several groups', () => {
    expectK8sSchemaValid([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a', namespace: 'a' }, spec: { podSelector: {} } },
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'a' }, spec: { validations: [{ expression: 'true' }] } },
    ]);
  });

  test.each([
    ['an unknown kind', { apiVersion: 'v1', kind: 'Bogus', metadata: { name: 'a' } }, /unknown kind Bogus in v1/],
    ['an unknown group', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'a' } }, /unknown kind Widget in example.com\/v1/],
    ['a nested type posing as a kind', { apiVersion: 'v1', kind: 'Container', name: 'a' }, /unknown kind Container/],
    ['a kind under the wrong version', { apiVersion: 'apps/v1', kind: 'Namespace', metadata: { name: 'a' } }, /unknown kind Namespace in apps\/v1/],
    ['a path-like apiVersion', { apiVersion: '../x', kind: 'Namespace' }, /not a Kubernetes object/],
    ['a bad enum', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' }, spec: { podSelector: {}, policyTypes: ['Sideways'] } }, /policyTypes\/0 must be equal to one of the allowed values/],
    ['a bad quantity', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'a' }, spec: { hard: { cpu: 'lots' } } }, /hard\/cpu must match format "quantity"/],
    ['a missing required field', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'a' }, subjects: [] }, /must have required property roleRef/],
  ])('fails for %s', (_, obj, message) => {
    // WHEN
    const errors = k8sSchemaErrors([obj]);
    // THEN
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(message);
    expect(() => expectK8sSchemaValid([obj])).toThrow(/1 of 1 objects fail the Kubernetes schema/);
  });

  test('throws when given no objects', () => {
    expect(() => expectK8sSchemaValid([])).toThrow(/no objects given/);
  });
});
