/** Where an element of the reachability model was read from: every element of the topology and of the mesh extends these. */

/** An element read from the output: where it comes from, so a verdict can point at it. */
export interface OutputElement {
  /** The Terraform address (`<stack>: <type>.<key>`) or manifest (`dist/<cluster>: <Kind> <namespace>/<name>`) that produced it. */
  readonly at: string;
}

/** A Kubernetes object of a cluster's manifests, located. */
export interface ManifestObjectModel extends OutputElement {
  /** The cluster whose manifests (`dist/<cluster>/`) hold it. */
  readonly cluster: string;
  /** `metadata.namespace` (`default` when the manifest leaves it out). */
  readonly namespace: string;
  /** `metadata.name`. */
  readonly name: string;
}
