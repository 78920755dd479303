/**
 * Specs of the ValidatingAdmissionPolicies that keep a tenant's credentials, load balancers, hosts and volumes its
 * own: service-account-token Secrets, Ingress classes and annotations, Ingress and route hosts, inline CSI volumes
 * and claims that name a PersistentVolume. Every message names the tenant (the request's namespace), the field and
 * what to do instead. Internal: PlatformPolicies emits them.
 */
import { k8s } from 'cdk8s-plus-33';
import { celList, celString } from './cel';

/** What the exposure policies need to know of one tenant. */
export interface TenantExposure {
  /** Tenant (namespace) name. */
  readonly name: string;
  /** Its `services.loadbalancers` quota: with none, no Ingress (every tenant class makes a load balancer). */
  readonly loadBalancers: number;
  /** DNS names it owns, with their subdomains (disjoint across tenants). */
  readonly hosts: readonly string[];
}

interface IngressPolicyOptions {
  readonly tenants: readonly TenantExposure[];
  /** Classes tenants with a load-balancer quota may use (each Ingress makes its own load balancer). */
  readonly classes: readonly string[];
  /** Annotation keys under the controlled prefixes that tenants may set. */
  readonly allowedAnnotations: readonly string[];
  /** Annotation prefixes that steer Google's load balancers. */
  readonly annotationPrefixes: readonly string[];
}

const TENANT = '"tenant " + request.namespace + ": "';
/** The annotation GKE's Ingress controller reads the class from (it ignores spec.ingressClassName). */
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';

/** A CEL map literal from tenant name to a CEL value. */
function celMap(entries: readonly [string, string][]): string {
  return `{${entries.map(([key, value]) => `${celString(key)}: ${value}`).join(', ')}}`;
}

/** `variables.ownHosts`: the requesting tenant's names; `variables.ownHostsText`: the same, for messages. */
function hostVariables(tenants: readonly TenantExposure[]): k8s.Variable[] {
  const withHosts = tenants.filter((t) => t.hosts.length > 0);
  const lists = celMap(withHosts.map((t) => [t.name, celList(t.hosts)]));
  const texts = celMap(withHosts.map((t) => [t.name, celString(t.hosts.join(', '))]));
  return [
    { name: 'ownHosts', expression: withHosts.length > 0 ? `request.namespace in ${lists} ? ${lists}[request.namespace] : []` : '[]' },
    { name: 'ownHostsText', expression: withHosts.length > 0 ? `request.namespace in ${texts} ? ${texts}[request.namespace] : "none declared"` : '"none declared"' },
  ];
}

/** Whether the CEL string `host` lies under one of the tenant's names (hostUnder in the domain: the same rule). */
function own(host: string): string {
  return `variables.ownHosts.exists(s, ${host} == s || ${host}.endsWith("." + s))`;
}

const HOST_FIX = "use a host under them, or declare the name in the tenant's hosts in the platform definition (names never overlap between tenants)";

/** Secrets of type service-account-token: the token controller fills in a token that never expires. */
export function serviceAccountTokenPolicy(namespaces: k8s.LabelSelector, notExempt: k8s.MatchCondition): k8s.ValidatingAdmissionPolicySpec {
  return {
    failurePolicy: 'Fail',
    matchConstraints: {
      namespaceSelector: namespaces,
      resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['secrets'], operations: ['CREATE', 'UPDATE'], scope: 'Namespaced' }],
    },
    matchConditions: [notExempt],
    validations: [
      {
        expression: `!has(object.type) || object.type != ${celString(SERVICE_ACCOUNT_TOKEN_TYPE)}`,
        messageExpression:
          `${TENANT} + "Secret " + object.metadata.name + " has type ${SERVICE_ACCOUNT_TOKEN_TYPE} (field type): the token controller would fill in a token that never expires for the service account it names; ` +
          'mount a projected serviceAccountToken volume in the pod, or let the CD system request short-lived tokens (TokenRequest API) for the deployer"',
        reason: 'Forbidden',
      },
    ],
  };
}

/**
 * Ingresses: a class tenants may use (none without a load-balancer quota; GKE treats an Ingress without class as
 * its external class `gce`), no annotation that steers Google's load balancers unless allowed (or unchanged since
 * the stored object, so GKE's own updates pass), and every host under the tenant's own names.
 */
export function ingressPolicy(namespaces: k8s.LabelSelector, options: IngressPolicyOptions): k8s.ValidatingAdmissionPolicySpec {
  const withQuota = options.tenants.filter((t) => t.loadBalancers > 0).map((t) => t.name);
  const annotation = celString(INGRESS_CLASS_ANNOTATION);
  const classes = options.classes.join(', ') || '(none)';
  const unchanged = '(oldObject != null && has(oldObject.metadata.annotations) && k in oldObject.metadata.annotations && oldObject.metadata.annotations[k] == object.metadata.annotations[k])';
  const steers = `(${celList(options.annotationPrefixes)}.exists(p, k.startsWith(p)) && !(k in ${celList(options.allowedAnnotations)}) && !${unchanged})`;
  const badRule = `has(r.host) && !${own('r.host')}`;
  return {
    failurePolicy: 'Fail',
    matchConstraints: {
      namespaceSelector: namespaces,
      resourceRules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], resources: ['ingresses'], operations: ['CREATE', 'UPDATE'], scope: 'Namespaced' }],
    },
    variables: [
      { name: 'allowedClasses', expression: withQuota.length > 0 && options.classes.length > 0 ? `request.namespace in ${celList(withQuota)} ? ${celList(options.classes)} : []` : '[]' },
      { name: 'classAnnotation', expression: `has(object.metadata.annotations) && ${annotation} in object.metadata.annotations ? object.metadata.annotations[${annotation}] : ""` },
      { name: 'className', expression: 'has(object.spec.ingressClassName) ? object.spec.ingressClassName : ""' },
      ...hostVariables(options.tenants),
    ],
    validations: [
      {
        expression:
          '(variables.classAnnotation != "" || variables.className != "") && ' +
          '(variables.classAnnotation == "" || variables.classAnnotation in variables.allowedClasses) && ' +
          '(variables.className == "" || variables.className in variables.allowedClasses)',
        messageExpression:
          `${TENANT} + "Ingress " + object.metadata.name + " has class annotation ${INGRESS_CLASS_ANNOTATION}=\\"" + variables.classAnnotation + "\\" and spec.ingressClassName=\\"" + variables.className + "\\" (no class means GKE's external class gce); " + ` +
          `(size(variables.allowedClasses) == 0 ? "the tenant may create no Ingress: every Ingress class makes a load balancer and its quota.loadBalancers is 0; attach a Gateway API HTTPRoute to the platform's gateway instead, or ask for quota.loadBalancers in the platform definition" : ` +
          `"set ${INGRESS_CLASS_ANNOTATION} to one of ${classes}; external load balancers reach tenants only through the platform's gateway")`,
        reason: 'Forbidden',
      },
      {
        expression: `!has(object.metadata.annotations) || object.metadata.annotations.all(k, !${steers})`,
        messageExpression:
          `${TENANT} + "Ingress annotation metadata.annotations[" + object.metadata.annotations.filter(k, ${steers})[0] + "] steers Google's load balancers (platform static IPs, pre-shared certificates, frontend settings); ` +
          `remove it: the platform owns addresses and certificates (allowed under ${options.annotationPrefixes.join(', ')}: ${options.allowedAnnotations.join(', ') || '(none)'})"`,
        reason: 'Forbidden',
      },
      {
        expression: `!has(object.spec.rules) || object.spec.rules.all(r, !has(r.host) || ${own('r.host')})`,
        messageExpression: `${TENANT} + "Ingress host spec.rules[].host " + object.spec.rules.filter(r, ${badRule})[0].host + " is not under the tenant's hosts (" + variables.ownHostsText + "), so another tenant may serve it; ${HOST_FIX}"`,
        reason: 'Forbidden',
      },
      {
        expression: `!has(object.spec.tls) || object.spec.tls.all(t, !has(t.hosts) || t.hosts.all(h, ${own('h')}))`,
        messageExpression: `${TENANT} + "Ingress TLS host spec.tls[].hosts " + object.spec.tls.filter(t, has(t.hosts) && t.hosts.exists(h, !${own('h')}))[0].hosts.filter(h, !${own('h')})[0] + " is not under the tenant's hosts (" + variables.ownHostsText + "); ${HOST_FIX}"`,
        reason: 'Forbidden',
      },
    ],
  };
}

/** Gateway API routes: hostnames required (a route without them takes every host of its listener), each the tenant's. */
export function routePolicy(namespaces: k8s.LabelSelector, tenants: readonly TenantExposure[]): k8s.ValidatingAdmissionPolicySpec {
  return {
    failurePolicy: 'Fail',
    matchConstraints: {
      namespaceSelector: namespaces,
      resourceRules: [{ apiGroups: ['gateway.networking.k8s.io'], apiVersions: ['*'], resources: ['httproutes', 'grpcroutes'], operations: ['CREATE', 'UPDATE'], scope: 'Namespaced' }],
    },
    variables: hostVariables(tenants),
    validations: [
      {
        expression: 'has(object.spec.hostnames) && size(object.spec.hostnames) > 0',
        messageExpression: `${TENANT} + object.kind + " " + object.metadata.name + " sets no spec.hostnames, so it would take every host of the gateway listener it attaches to, other tenants' too; list hostnames under the tenant's hosts (" + variables.ownHostsText + ")"`,
        reason: 'Forbidden',
      },
      {
        expression: `!has(object.spec.hostnames) || object.spec.hostnames.all(h, ${own('h')})`,
        messageExpression: `${TENANT} + object.kind + " hostname spec.hostnames[] " + object.spec.hostnames.filter(h, !${own('h')})[0] + " is not under the tenant's hosts (" + variables.ownHostsText + "), so another tenant may serve it; ${HOST_FIX}"`,
        reason: 'Forbidden',
      },
    ],
  };
}

/**
 * Pod volumes: inline CSI volumes of allowed drivers only, and no PersistentVolume named through a generic ephemeral
 * volume's or a StatefulSet's claim template (their controllers, exempt from the claim policy, would create the claim).
 */
export function volumePolicy(namespaces: k8s.LabelSelector, rules: k8s.NamedRuleWithOperations[], podSpec: k8s.Variable, allowedCsiDrivers: readonly string[]): k8s.ValidatingAdmissionPolicySpec {
  const drivers = celList(allowedCsiDrivers);
  const badCsi = `has(v.csi) && !(v.csi.driver in ${drivers})`;
  const namesVolume = (spec: string) => `has(${spec}.volumeName) && ${spec}.volumeName != ""`;
  const badEphemeral = `has(v.ephemeral) && has(v.ephemeral.volumeClaimTemplate) && ${namesVolume('v.ephemeral.volumeClaimTemplate.spec')}`;
  return {
    failurePolicy: 'Fail',
    matchConstraints: { namespaceSelector: namespaces, resourceRules: rules },
    variables: [
      podSpec,
      { name: 'volumes', expression: 'has(variables.podSpec.volumes) ? variables.podSpec.volumes : []' },
      { name: 'claimTemplates', expression: 'object.kind == "StatefulSet" && has(object.spec.volumeClaimTemplates) ? object.spec.volumeClaimTemplates : []' },
    ],
    validations: [
      {
        expression: `variables.volumes.all(v, !(${badCsi}))`,
        messageExpression:
          `${TENANT} + "inline CSI volume spec.volumes[].csi.driver " + variables.volumes.filter(v, ${badCsi})[0].csi.driver + " is not allowed (allowed: ${allowedCsiDrivers.join(', ') || '(none)'}, which act with the pod's own identity); ` +
          'use a PersistentVolumeClaim of a storage class instead"',
        reason: 'Forbidden',
      },
      {
        expression: `variables.volumes.all(v, !(${badEphemeral}))`,
        messageExpression: `${TENANT} + "ephemeral volume spec.volumes[].ephemeral.volumeClaimTemplate.spec.volumeName names PersistentVolume " + variables.volumes.filter(v, ${badEphemeral})[0].ephemeral.volumeClaimTemplate.spec.volumeName + ", which may hold another tenant's data; leave volumeName empty: a volume is provisioned for the claim"`,
        reason: 'Forbidden',
      },
      {
        expression: `variables.claimTemplates.all(t, !(${namesVolume('t.spec')}))`,
        messageExpression: `${TENANT} + "StatefulSet spec.volumeClaimTemplates[].spec.volumeName names PersistentVolume " + variables.claimTemplates.filter(t, ${namesVolume('t.spec')})[0].spec.volumeName + ", which may hold another tenant's data; leave volumeName empty: a volume is provisioned for each claim"`,
        reason: 'Forbidden',
      },
    ],
  };
}

/** Claims that name a PersistentVolume: the binder (exempt) sets volumeName; a tenant setting it picks any PV. */
export function volumeClaimPolicy(namespaces: k8s.LabelSelector, notExempt: k8s.MatchCondition): k8s.ValidatingAdmissionPolicySpec {
  return {
    failurePolicy: 'Fail',
    matchConstraints: {
      namespaceSelector: namespaces,
      resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['persistentvolumeclaims'], operations: ['CREATE', 'UPDATE'], scope: 'Namespaced' }],
    },
    matchConditions: [notExempt],
    validations: [
      {
        expression: '!has(object.spec.volumeName) || object.spec.volumeName == "" || (oldObject != null && has(oldObject.spec.volumeName) && oldObject.spec.volumeName == object.spec.volumeName)',
        messageExpression: `${TENANT} + "PersistentVolumeClaim " + object.metadata.name + " sets spec.volumeName " + object.spec.volumeName + ", binding a pre-provisioned PersistentVolume that may hold another tenant's data; leave volumeName empty and name a storageClassName: a volume is provisioned for the claim"`,
        reason: 'Forbidden',
      },
    ],
  };
}
