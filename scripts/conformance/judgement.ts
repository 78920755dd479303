/** What one judge says of one target: the unit the summary table and the report add up. */
export interface Judgement {
  readonly judge: 'terraform validate' | 'kube-apiserver apply' | 'kube-apiserver tenant suite' | 'vault apply' | 'vault tenant suite' | 'checkov';
  /** The judge's tool and version, e.g. `terraform 1.11.4, hashicorp/google 7.x (commit f3721fb)`. */
  readonly version: string;
  /** What was judged, e.g. `drive/drive-network` or `drive/prod-usc1`. */
  readonly target: string;
  readonly checked: number;
  readonly passed: number;
  readonly failed: number;
  /** Findings skipped on purpose, each with its reason from the committed skip file. */
  readonly skipped: number;
  /** Set when the target could not be judged at all: it counts as neither passed nor failed. */
  readonly notJudged?: string;
  /** What was judged only in part, and why (e.g. a kind served by a stand-in CRD without its schema). */
  readonly caveats?: readonly string[];
  /**
   * Why a target that was not judged was not: `ci-optional-build` (a tool CI builds only on request: the AWS provider,
   * Vault), `upstream-unavailable` (nothing reachable serves what the judge needs). Anything else fails conformance.
   * @default a reason the project controls
   */
  readonly notJudgedBecause?: 'ci-optional-build' | 'upstream-unavailable';
  /** One line per failure, naming the object and the reason. */
  readonly failures: readonly string[];
}
