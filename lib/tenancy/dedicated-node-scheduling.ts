import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { TENANT_NODE_LABEL_KEY, TENANT_TAINT_EFFECT, TENANT_TAINT_KEY } from '../domain/tenancy/labels';
import { tenantToleration } from '../domain/tenancy/tenant-placement';
import { isDns1123Label } from '../domain/tenancy/tenant-rules';

/** Where the pod spec sits in each workload kind this helper knows. */
const POD_SPEC_PATHS: Readonly<Record<string, string>> = {
  Pod: '/spec',
  Deployment: '/spec/template/spec',
  StatefulSet: '/spec/template/spec',
  DaemonSet: '/spec/template/spec',
  ReplicaSet: '/spec/template/spec',
  Job: '/spec/template/spec',
  CronJob: '/spec/jobTemplate/spec/template/spec',
};

/** Kinds whose pod specs get the toleration and nodeSelector. */
export const SCHEDULED_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);

/** Options of `DedicatedNodeScheduling`. */
export interface DedicatedNodeSchedulingOptions {
  /** The dedicated-nodes tenant; its nodes carry taint and label `tenant=<name>`. */
  readonly tenant: string;
  /** Namespace whose workloads are pinned. @default the tenant name */
  readonly namespace?: string;
}

export type { TenantToleration } from '../domain/tenancy/tenant-placement';

/**
 * Pins workloads the library synthesizes into a dedicated-nodes tenant's namespace to that tenant's
 * nodes, by adding JSON patches (toleration `tenant=<name>:NoSchedule`, nodeSelector `tenant=<name>`)
 * to every Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob under the scope.
 *
 * cdk8s has no aspects, so this is an explicit call: make it after the workloads are added. Calling it
 * again is harmless (patches are only added where missing). It also registers a validation on the scope,
 * so a workload added after the call fails synthesis instead of being rejected at admission.
 */
export class DedicatedNodeScheduling {
  /** Applies the patches; returns the objects that were patched. */
  public static apply(scope: IConstruct, options: DedicatedNodeSchedulingOptions): ApiObject[] {
    const namespace = options.namespace ?? options.tenant;
    if (!isDns1123Label(options.tenant)) throw new Error(`${scope.node.path}: tenant ${JSON.stringify(options.tenant)} is not a DNS-1123 label; pass the dedicated-nodes tenant's name`);
    const patched: ApiObject[] = [];
    for (const obj of workloadsIn(scope, namespace)) {
      const json = obj.toJson();
      const specPath = POD_SPEC_PATHS[obj.kind];
      const podSpec = getAt(json, specPath) ?? {};
      const patches = schedulingPatches(podSpec, specPath, options.tenant);
      if (patches.length > 0) {
        obj.addJsonPatch(...patches);
        patched.push(obj);
      }
    }
    if (!registered.has(scope)) {
      registered.add(scope);
      scope.node.addValidation({
        validate: () =>
          workloadsIn(scope, namespace)
            .filter((obj) => schedulingPatches(getAt(obj.toJson(), POD_SPEC_PATHS[obj.kind]) ?? {}, POD_SPEC_PATHS[obj.kind], options.tenant).length > 0)
            .map(
              (obj) => `${obj.node.path}: ${obj.kind} ${obj.name} in dedicated-nodes namespace ${namespace} lacks the ${TENANT_TAINT_KEY}=${options.tenant} toleration or nodeSelector; call DedicatedNodeScheduling.apply() after adding it`,
            ),
      });
    }
    return patched;
  }
}

const registered = new WeakSet<IConstruct>();

function workloadsIn(scope: IConstruct, namespace: string): ApiObject[] {
  return scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind in POD_SPEC_PATHS && c.metadata.namespace === namespace);
}

function getAt(json: any, pointer: string): any {
  return pointer
    .split('/')
    .slice(1)
    .reduce((node, key) => (node == null ? undefined : node[key]), json);
}

function schedulingPatches(podSpec: any, specPath: string, tenant: string): JsonPatch[] {
  const patches: JsonPatch[] = [];
  const toleration = tenantToleration(tenant);
  const selector = podSpec.nodeSelector as Record<string, string> | undefined;
  if (!selector) patches.push(JsonPatch.add(`${specPath}/nodeSelector`, { [TENANT_NODE_LABEL_KEY]: tenant }));
  else if (selector[TENANT_NODE_LABEL_KEY] !== tenant) patches.push(JsonPatch.add(`${specPath}/nodeSelector/${TENANT_NODE_LABEL_KEY}`, tenant));
  const tolerations = podSpec.tolerations as any[] | undefined;
  const tolerated = (tolerations ?? []).some((t) => t.key === toleration.key && t.value === tenant && (t.operator ?? 'Equal') === 'Equal' && (t.effect ?? TENANT_TAINT_EFFECT) === TENANT_TAINT_EFFECT);
  if (!tolerations) patches.push(JsonPatch.add(`${specPath}/tolerations`, [toleration]));
  else if (!tolerated) patches.push(JsonPatch.add(`${specPath}/tolerations/-`, toleration));
  return patches;
}
