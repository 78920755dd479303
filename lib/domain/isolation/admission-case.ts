/**
 * One question put to a cluster's admission chain: "may this identity do this?", with the expected answer.
 * The same cases feed two judges: the CEL evaluation of the ValidatingAdmissionPolicies in `npm test`,
 * and a real kube-apiserver in `npm run conformance` (RBAC, Pod Security, quotas and the policies together).
 * Pure data: no cdktf, cdk8s or construct import.
 */

/** Who makes the request: impersonated by the API-server judge, fed as `request.userInfo` to the CEL judge. */
export interface AdmissionIdentity {
  /** e.g. `alice@ml.example.com` or `system:serviceaccount:ml:trainer`. */
  readonly user: string;
  /** Groups besides `system:authenticated`, e.g. a tenant's Google Group, or `system:serviceaccounts:ml`. */
  readonly groups: readonly string[];
  /** What this identity stands for in the threat model, e.g. `member of ml's developers`. */
  readonly role: string;
}

/** The layer expected to answer; `allowed` cases pass every layer. */
export type AdmissionLayer = 'rbac' | 'admission-policy' | 'pod-security' | 'quota' | 'limit-range';

/** One request the isolation corpus sends to a cluster's admission policies, with the answer it expects. */
export interface AdmissionCase {
  /** Stable and unique within a cluster, e.g. `ml/developer/pod-nodename-other-tenant`. */
  readonly id: string;
  /** What the request tries, in words: `a developer of ml binds a pod to another tenant's node`. */
  readonly description: string;
  /** The multi-tenancy benchmark check this case stands for, e.g. `MTB-PL1-BC-CPI-5`. @default none (no benchmark check matches) */
  readonly benchmark?: string;
  /** Who sends the request. */
  readonly as: AdmissionIdentity;
  /** The admission operation. */
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
  /** API coordinates of the target, as in an AdmissionReview. */
  readonly resource: {
    /** The API group; `''` for the core group. */
    readonly group: string;
    /** The API version, e.g. `v1`. */
    readonly version: string;
    /** The resource, plural and lowercase, e.g. `pods`. */
    readonly resource: string;
    /** The subresource, e.g. `binding`. @default absent: the resource itself */
    readonly subresource?: string;
  };
  /** Namespace of the request. @default absent: a cluster-scoped object */
  readonly namespace?: string;
  /** The object sent (CREATE, UPDATE). @default absent: DELETE (the target is `name`) */
  readonly object?: Record<string, unknown>;
  /**
   * The object as stored before an UPDATE or DELETE; taken from the cluster's manifests where it is platform-owned.
   * @default absent: CREATE, or a target the judges need not see
   */
  readonly oldObject?: Record<string, unknown>;
  /** Name of the target for DELETE (and UPDATE when `object` is absent). @default absent: the name in `object` */
  readonly name?: string;
  /** The answer the admission chain must give. */
  readonly expect: 'allowed' | 'denied';
  /**
   * For denied cases: the layer expected to refuse. The CEL judge answers only `admission-policy` and `allowed` cases.
   * @default absent: an `allowed` case
   */
  readonly deniedBy?: AdmissionLayer;
  /** For `admission-policy` denials: the ValidatingAdmissionPolicy expected to refuse (name in the manifests). @default absent: not an admission-policy denial */
  readonly policy?: string;
  /**
   * For denials by an earlier layer (usually RBAC): the ValidatingAdmissionPolicy that would refuse the same
   * request if that layer let it through (defense in depth). The CEL judge checks it; the API-server judge
   * cannot see it, since the earlier layer answers first.
   * @default absent: no policy stands behind the earlier layer
   */
  readonly backstop?: string;
}
