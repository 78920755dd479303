/**
 * The CEL judge: decides an AdmissionCase the way kube-apiserver's ValidatingAdmissionPolicy plugin does,
 * from the cluster's synthesized manifests, with a kept CEL engine (@bufbuild/cel). It selects the policies
 * that match (binding validationActions, matchConstraints: resourceRules, excludeResourceRules, scope,
 * namespaceSelector, objectSelector; the binding's matchResources), evaluates matchConditions, variables,
 * validations and messageExpressions, and reports every denying policy with its message.
 *
 * Honest by construction: an expression the engine cannot parse, or that calls a function neither the CEL
 * standard library nor KUBERNETES_FUNCTIONS defines, throws (see `compilePolicies`); an evaluation error is
 * reported as a denial with the error (failurePolicy Fail), never as an admission.
 *
 * Not modelled: paramKind/params (the platform's policies take none: a policy that declares them throws),
 * the `authorizer` variable, auditAnnotations, matchPolicy Equivalent (requests are matched as sent), and
 * CEL cost limits. Variables are evaluated eagerly in declaration order (Kubernetes evaluates them lazily;
 * the results are equal unless an unused variable errors, which is reported).
 */
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import type { AdmissionCase } from '../../lib/domain/isolation/admission-case';

export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

/** Kubernetes CEL extension functions the platform's policies call. None today: the standard library suffices. */
export const KUBERNETES_FUNCTIONS: readonly string[] = [];

/** Names the parser leaves as calls but the planner evaluates itself (logic operators, macros). */
const SPECIAL_FORMS = new Set(['_||_', '_&&_', '_[_]', '_?_:_', '@not_strictly_false', 'has', 'all', 'exists', 'exists_one', 'map', 'filter']);

const env = celEnv();
type Planned = ReturnType<typeof plan>;

export interface CompiledExpression {
  readonly policy: string;
  /** e.g. `validations[0].expression`. */
  readonly where: string;
  readonly source: string;
  readonly run: Planned;
}

export interface PolicyVerdict {
  readonly policy: string;
  /** Index of the failed validation; absent when a matchCondition or variable errored. */
  readonly validation?: number;
  readonly message: string;
  /** Set when the denial comes from an evaluation error (failurePolicy Fail). */
  readonly error?: string;
}

export interface Judgement {
  readonly allowed: boolean;
  /** Policies that matched the request (after matchConditions). */
  readonly matched: readonly string[];
  readonly denials: readonly PolicyVerdict[];
  /** Indexes of validations evaluated, keyed `policy#index`, with the result: true passed, false denied. */
  readonly evaluated: ReadonlyMap<string, boolean>;
}

/** Parses and plans every expression of every policy; throws on a syntax error or an unknown function. */
export function compilePolicies(manifests: readonly Manifest[]): Map<string, CompiledExpression> {
  const compiled = new Map<string, CompiledExpression>();
  for (const policy of manifests.filter((o) => o.kind === 'ValidatingAdmissionPolicy')) {
    const name = policy.metadata.name;
    const spec = policy.spec ?? {};
    if (spec.paramKind) throw new Error(`${name}: paramKind is not modelled by the CEL judge; extend it before adding params`);
    const sources: [string, string][] = [
      ...(spec.matchConditions ?? []).map((m: any, i: number) => [`matchConditions[${i}].expression`, m.expression] as [string, string]),
      ...(spec.variables ?? []).map((v: any, i: number) => [`variables[${i}].expression`, v.expression] as [string, string]),
      ...(spec.validations ?? []).flatMap((v: any, i: number) => [
        [`validations[${i}].expression`, v.expression] as [string, string],
        ...(v.messageExpression ? [[`validations[${i}].messageExpression`, v.messageExpression] as [string, string]] : []),
      ]),
    ];
    for (const [where, source] of sources) {
      let parsed;
      try {
        parsed = parse(source);
      } catch (error) {
        throw new Error(`${name} ${where}: CEL does not parse: ${(error as Error).message}\n  ${source}`);
      }
      for (const fn of callNames(parsed, new Set())) {
        if (!SPECIAL_FORMS.has(fn) && !env.funcs.find(fn) && !KUBERNETES_FUNCTIONS.includes(fn)) {
          throw new Error(`${name} ${where}: calls ${fn}(), which neither the CEL standard library nor the judge's Kubernetes functions define\n  ${source}`);
        }
      }
      compiled.set(`${name}:${where}`, { policy: name, where, source, run: plan(env, parsed) });
    }
  }
  return compiled;
}

/** Judges one case against the cluster's policies and bindings. */
export function judge(manifests: readonly Manifest[], compiled: ReadonlyMap<string, CompiledExpression>, c: AdmissionCase): Judgement {
  const policies = manifests.filter((o) => o.kind === 'ValidatingAdmissionPolicy');
  const bindings = manifests.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
  const namespaceObject = c.namespace ? namespaceOf(manifests, c.namespace) : undefined;
  const object = c.object ?? null;
  const oldObject = c.oldObject ?? null;
  const kindOf = (o: any) =>
    o
      ? {
          group: String(o.apiVersion ?? '').includes('/') ? o.apiVersion.split('/')[0] : '',
          version: String(o.apiVersion ?? '')
            .split('/')
            .pop(),
          kind: o.kind,
        }
      : undefined;
  const request = {
    kind: kindOf(object ?? oldObject) ?? { group: c.resource.group, version: c.resource.version, kind: '' },
    resource: { group: c.resource.group, version: c.resource.version, resource: c.resource.resource },
    subResource: c.resource.subresource ?? '',
    name: c.name ?? (object as any)?.metadata?.name ?? '',
    namespace: c.namespace ?? '',
    operation: c.operation,
    userInfo: { username: c.as.user, groups: [...c.as.groups, 'system:authenticated'] },
    dryRun: false,
  };
  const base: Record<string, any> = { object: toCel(object), oldObject: toCel(oldObject), request: toCel(request), params: null, namespaceObject: toCel(namespaceObject ?? null) };

  const matched: string[] = [];
  const denials: PolicyVerdict[] = [];
  const evaluated = new Map<string, boolean>();
  for (const policy of policies) {
    const name = policy.metadata.name;
    const binding = bindings.find((b) => b.spec?.policyName === name);
    if (!binding || !(binding.spec.validationActions ?? []).includes('Deny')) continue;
    if (!matches(policy.spec.matchConstraints, c, manifests, object, oldObject)) continue;
    if (binding.spec.matchResources && !matches(binding.spec.matchResources, c, manifests, object, oldObject)) continue;
    const expr = (where: string) => {
      const found = compiled.get(`${name}:${where}`);
      if (!found) throw new Error(`${name} ${where}: not compiled; call compilePolicies on the same manifests`);
      return found.run;
    };

    let conditionsHold = true;
    let conditionError: string | undefined;
    for (const [i] of (policy.spec.matchConditions ?? []).entries()) {
      const result = expr(`matchConditions[${i}].expression`)(base);
      if (isCelError(result)) {
        conditionError = `matchConditions[${i}]: ${result.message}`;
        break;
      }
      if (result !== true) {
        conditionsHold = false;
        break;
      }
    }
    if (conditionError) {
      matched.push(name);
      denials.push({ policy: name, message: conditionError, error: conditionError });
      continue;
    }
    if (!conditionsHold) continue;
    matched.push(name);

    const variables = new Map<string, unknown>();
    const withVariables = () => ({ ...base, variables: variables as any });
    for (const [i, variable] of (policy.spec.variables ?? []).entries()) {
      const result = expr(`variables[${i}].expression`)(withVariables());
      if (!isCelError(result)) variables.set(variable.name, result);
    }
    for (const [i, validation] of (policy.spec.validations ?? []).entries()) {
      const result = expr(`validations[${i}].expression`)(withVariables());
      if (isCelError(result)) {
        denials.push({ policy: name, validation: i, message: `validations[${i}]: ${result.message}`, error: result.message });
        continue;
      }
      evaluated.set(`${name}#${i}`, result === true);
      if (result === true) continue;
      let message = validation.message ?? `failed expression: ${validation.expression}`;
      if (validation.messageExpression) {
        const text = expr(`validations[${i}].messageExpression`)(withVariables());
        if (isCelError(text)) throw new Error(`${name} validations[${i}].messageExpression: ${text.message}`);
        message = String(text);
      }
      denials.push({ policy: name, validation: i, message });
    }
  }
  return { allowed: denials.length === 0, matched, denials, evaluated };
}

/** matchConstraints / matchResources: resource rules, exclusions, namespace and object selectors. */
function matches(match: any, c: AdmissionCase, manifests: readonly Manifest[], object: any, oldObject: any): boolean {
  if (!match) return true;
  const ruleMatches = (rule: any) => {
    const operations: string[] = rule.operations ?? ['*'];
    const resource = c.resource.subresource ? `${c.resource.resource}/${c.resource.subresource}` : c.resource.resource;
    const resources: string[] = rule.resources ?? [];
    const resourceOk = resources.some(
      (r) =>
        r === resource ||
        (r === '*' && !c.resource.subresource) ||
        r === '*/*' ||
        (r.endsWith('/*') && r.split('/')[0] === c.resource.resource && !!c.resource.subresource) ||
        (r.startsWith('*/') && c.resource.subresource === r.split('/')[1]),
    );
    const scope = rule.scope ?? '*';
    const scopeOk = scope === '*' || (scope === 'Namespaced' ? !!c.namespace : !c.namespace);
    return (
      (operations.includes('*') || operations.includes(c.operation)) &&
      ((rule.apiGroups ?? []).includes('*') || (rule.apiGroups ?? []).includes(c.resource.group)) &&
      ((rule.apiVersions ?? []).includes('*') || (rule.apiVersions ?? []).includes(c.resource.version)) &&
      resourceOk &&
      scopeOk
    );
  };
  if (!(match.resourceRules ?? []).some(ruleMatches)) return false;
  if ((match.excludeResourceRules ?? []).some(ruleMatches)) return false;
  if (match.namespaceSelector && Object.keys(match.namespaceSelector).length > 0) {
    // Kubernetes applies the namespace selector to a Namespace's own labels, and never filters other cluster-scoped objects.
    let labels: Record<string, string> | undefined;
    if (c.resource.group === '' && c.resource.resource === 'namespaces') {
      const subject = object ?? oldObject;
      labels = { ...(subject?.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': subject?.metadata?.name ?? c.name };
    } else if (c.namespace) {
      labels = namespaceOf(manifests, c.namespace).metadata.labels;
    }
    if (labels && !selects(match.namespaceSelector, labels)) return false;
  }
  if (match.objectSelector && Object.keys(match.objectSelector).length > 0) {
    const either = [object, oldObject].filter(Boolean).some((o: any) => selects(match.objectSelector, o.metadata?.labels ?? {}));
    if (!either) return false;
  }
  return true;
}

/** A namespace as the API server holds it: the manifests' object with its automatic name label, or a bare one. */
function namespaceOf(manifests: readonly Manifest[], name: string): Manifest {
  const found = manifests.find((o) => o.kind === 'Namespace' && o.metadata.name === name);
  const labels = { ...(found?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  return { apiVersion: 'v1', kind: 'Namespace', ...(found ?? {}), metadata: { ...(found?.metadata ?? { name }), labels } };
}

/** A Kubernetes LabelSelector (matchLabels and matchExpressions: In, NotIn, Exists, DoesNotExist). */
export function selects(selector: any, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`label selector operator ${e.operator} is not known`);
    }
  }
  return true;
}

/** JSON to CEL values: objects become maps, whole numbers int (as Kubernetes' schemas type them). */
export function toCel(value: unknown): any {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toCel);
  if (typeof value === 'object')
    return new Map(
      Object.entries(value as object)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toCel(v)]),
    );
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return value;
}

function callNames(node: unknown, out: Set<string>): Set<string> {
  if (!node || typeof node !== 'object') return out;
  const n = node as any;
  if (n.exprKind?.case === 'callExpr') out.add(n.exprKind.value.function);
  for (const v of Object.values(n)) {
    if (Array.isArray(v)) v.forEach((x) => callNames(x, out));
    else if (v && typeof v === 'object') callNames(v, out);
  }
  return out;
}
