/**
 * Names of the platform's ValidatingAdmissionPolicies (each has a binding of the same name). Pure data, shared
 * by the construct that emits them (PlatformPolicies) and the request corpus that names the expected denier.
 */
export const POLICY_NAMES = {
  protectPlatformObjects: 'platform-protect-managed-objects',
  protectNamespaceLabels: 'platform-protect-namespace-labels',
  restrictServices: 'platform-restrict-services',
  restrictPriorityClasses: 'platform-restrict-priority-classes',
  restrictNodeName: 'platform-restrict-node-name',
  dedicatedNodesPlacement: 'platform-dedicated-nodes-placement',
  dedicatedNodesKeepOthersOff: 'platform-dedicated-nodes-keep-others-off',
  restrictServiceAccountTokens: 'platform-restrict-service-account-tokens',
  restrictIngresses: 'platform-restrict-ingresses',
  restrictRoutes: 'platform-restrict-routes',
  restrictVolumes: 'platform-restrict-volumes',
  restrictVolumeClaims: 'platform-restrict-volume-claims',
} as const;
