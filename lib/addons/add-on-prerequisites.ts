import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import type { ClusterDeployNeeds } from '../domain/addons/deploy-prerequisites';
import { prerequisiteRootSync, RootSyncObject } from '../domain/gitops/sync-stages';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM } from '../domain/tenancy/labels';

interface AddOnPrerequisitesProps {
  /** What the enabled add-ons need on this cluster (clusterDeployNeeds). */
  readonly needs: ClusterDeployNeeds;
  /** The RootSync of the add-ons stage, when this cluster has objects in it. @default none */
  readonly addOnsStage?: RootSyncObject;
  /** Namespaces another chart of the platform stage already creates: not created twice. @default none */
  readonly existingNamespaces?: ReadonlySet<string>;
}

/** Pod Security level of the namespaces add-ons need: their systems run no privileged pods of their own. */
const ADD_ON_NAMESPACE_POD_SECURITY = 'baseline';

/**
 * The platform stage's part of the add-ons' deploy-time needs: their namespaces (construct id `Namespace-<name>`)
 * and one RootSync per prerequisite (`Prerequisite-<name>`) and for the add-ons stage (`AddOnsStage`). Escape
 * hatch: the ApiObjects' `addJsonPatch`, e.g. to set a prerequisite RootSync's `spec.helm.values`.
 */
export class AddOnPrerequisites extends Construct {
  /** The RootSync of each prerequisite, by prerequisite name. */
  public readonly rootSyncs: Readonly<Record<string, ApiObject>>;

  constructor(scope: Construct, id: string, props: AddOnPrerequisitesProps) {
    super(scope, id);
    const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM };
    for (const { name } of props.needs.namespaces) {
      if (props.existingNamespaces?.has(name)) continue;
      new k8s.KubeNamespace(this, `Namespace-${name}`, { metadata: { name, labels: { ...labels, 'pod-security.kubernetes.io/enforce': ADD_ON_NAMESPACE_POD_SECURITY } } });
    }
    const rootSyncs: Record<string, ApiObject> = {};
    for (const prerequisite of props.needs.prerequisites) {
      rootSyncs[prerequisite.name] = new ApiObject(this, `Prerequisite-${prerequisite.name}`, prerequisiteRootSync(prerequisite, labels));
    }
    this.rootSyncs = rootSyncs;
    if (props.addOnsStage) new ApiObject(this, 'AddOnsStage', props.addOnsStage);
  }
}
