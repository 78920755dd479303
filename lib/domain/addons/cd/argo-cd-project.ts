/**
 * Argo CD per tenant: an `AppProject` (its source repositories, destinations = its namespace on each of its
 * clusters, no cluster-scoped resources, the platform's kinds denied, syncs impersonating the namespace's deployer,
 * roles bound to its groups) and an `ApplicationSet` with one Application per cluster. Pure: no cdktf or cdk8s.
 */
import type { PlatformDefinition } from '../../platform/platform-definition';
import type { PlatformPlan, TenantPlan } from '../../platform/platform-plan';
import type { ValidationIssue } from '../../validation-error';
import { DEFAULT_GIT_BRANCH } from '../../gitops/git-source';
import { validateCdPlacement } from './cd-common';

export const ARGO_CD_ADD_ON = 'argo-cd';

/** Where a tenant's Argo CD Applications read its manifests from. */
export interface ArgoCdSource {
  /** Repository URL (https:// or ssh). */
  readonly repoURL: string;
  /** Folder of the tenant's manifests; each cluster's Application reads `<path>/<cluster>`. @default 'tenants/<tenant>' */
  readonly path?: string;
  /** @default the platform repository's branch for the default source, else 'HEAD' */
  readonly targetRevision?: string;
}

/** Settings of the argo-cd add-on (`addOns: [{ name: 'argo-cd', settings }]`). */
export interface ArgoCdSettings {
  /** The cluster Argo CD runs on (its AppProjects and ApplicationSets go into that cluster's platform manifests). */
  readonly cluster: string;
  /** Argo CD's namespace. @default 'argocd' */
  readonly namespace?: string;
  /**
   * Each tenant's source, by tenant name.
   * @default the platform's GitOps repository, folder `tenants/<tenant>`, its branch
   */
  readonly sources?: Readonly<Record<string, ArgoCdSource>>;
  /** Sync automatically (prune, self-heal). @default true */
  readonly automatedSync?: boolean;
  /** Argo CD's release tag its CRDs are installed from (cd-prerequisites.ts). @default ARGO_CD_VERSION ('v3.6.2') */
  readonly version?: string;
}

/** The namespace Argo CD's own install uses (argocd): where its AppProjects and ApplicationSets go. */
export const DEFAULT_ARGO_CD_NAMESPACE = 'argocd';
/** Kinds only the platform manages in a tenant namespace (the tenant roles cannot write them either). */
export const PLATFORM_OWNED_KINDS: readonly { readonly group: string; readonly kind: string }[] = [
  { group: '', kind: 'ResourceQuota' },
  { group: '', kind: 'LimitRange' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

function tenantSource(tenant: string, plan: Pick<PlatformPlan, 'definition'>, settings: Pick<ArgoCdSettings, 'sources'>): Required<ArgoCdSource> {
  const own = settings.sources?.[tenant];
  const repo = plan.definition.gitOps.repository;
  return own ? { repoURL: own.repoURL, path: own.path ?? `tenants/${tenant}`, targetRevision: own.targetRevision ?? 'HEAD' } : { repoURL: repo.url, path: `tenants/${tenant}`, targetRevision: repo.branch ?? DEFAULT_GIT_BRANCH };
}

const policy = (tenant: string, role: string, action: string) => `p, proj:${tenant}:${role}, applications, ${action}, ${tenant}/*, allow`;

/** The AppProject of a tenant (Argo CD's `argoproj.io/v1alpha1`). */
export function appProject(tenant: TenantPlan, plan: PlatformPlan, settings: ArgoCdSettings, deployer: string, labels: Readonly<Record<string, string>>): Record<string, unknown> {
  const source = tenantSource(tenant.name, plan, settings);
  const g = tenant.resolved.groups;
  const roles = [
    g.admin && { name: 'admin', description: 'tenant admins: every application action', groups: [g.admin], policies: [policy(tenant.name, 'admin', '*')] },
    g.developer && { name: 'developer', description: 'tenant developers: read, sync, run actions', groups: [g.developer], policies: ['get', 'sync', 'action/*'].map((a) => policy(tenant.name, 'developer', a)) },
    g.viewer && { name: 'viewer', description: 'tenant viewers: read', groups: [g.viewer], policies: [policy(tenant.name, 'viewer', 'get')] },
  ].filter(Boolean);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: tenant.name, namespace: settings.namespace ?? DEFAULT_ARGO_CD_NAMESPACE, labels: { ...labels } },
    spec: {
      description: `${tenant.name}: its namespace on ${tenant.clusters.join(', ')}`,
      sourceRepos: [source.repoURL],
      destinations: tenant.namespaces.map((ns) => ({ name: ns.cluster, namespace: ns.namespace })),
      // Nothing cluster-scoped: an empty whitelist admits no cluster-scoped kind.
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: PLATFORM_OWNED_KINDS.map((k) => ({ ...k })),
      // Syncs impersonate the namespace's deployer (bound like the developer group): Argo CD can do there
      // exactly what the tenant's developers can (needs application.sync.impersonation.enabled in argocd-cm).
      destinationServiceAccounts: tenant.namespaces.map((ns) => ({ server: '*', namespace: ns.namespace, defaultServiceAccount: deployer })),
      roles,
    },
  };
}

/** The ApplicationSet of a tenant: one Application per cluster, `<tenant>-<cluster>`, reading `<path>/<cluster>`. */
export function applicationSet(tenant: TenantPlan, plan: PlatformPlan, settings: ArgoCdSettings, labels: Readonly<Record<string, string>>): Record<string, unknown> {
  const source = tenantSource(tenant.name, plan, settings);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: tenant.name, namespace: settings.namespace ?? DEFAULT_ARGO_CD_NAMESPACE, labels: { ...labels } },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: tenant.namespaces.map((ns) => ({ cluster: ns.cluster, namespace: ns.namespace })) } }],
      template: {
        metadata: { name: `${tenant.name}-{{.cluster}}`, labels: { tenant: tenant.name } },
        spec: {
          project: tenant.name,
          source: { repoURL: source.repoURL, targetRevision: source.targetRevision, path: `${source.path}/{{.cluster}}` },
          destination: { name: '{{.cluster}}', namespace: '{{.namespace}}' },
          ...(settings.automatedSync === false ? {} : { syncPolicy: { automated: { prune: true, selfHeal: true } } }),
        },
      },
    },
  };
}

const GIT_URL = /^(https:\/\/[^\s]+|ssh:\/\/[^\s]+|[a-zA-Z0-9._-]+@[a-zA-Z0-9.-]+:[^\s]+)$/;

export function validateArgoCdSettings(settings: ArgoCdSettings, definition: PlatformDefinition): ValidationIssue[] {
  const path = `addOns[${ARGO_CD_ADD_ON}]`;
  const issues = validateCdPlacement(ARGO_CD_ADD_ON, settings, definition, DEFAULT_ARGO_CD_NAMESPACE);
  const tenants = (definition.tenants ?? []).map((t) => t.name);
  for (const [tenant, source] of Object.entries(settings.sources ?? {})) {
    if (!tenants.includes(tenant)) issues.push({ path, field: `settings.sources.${tenant}`, value: tenant, problem: 'is not a tenant of the definition', fix: `use one of ${tenants.join(', ')}` });
    if (typeof source?.repoURL !== 'string' || !GIT_URL.test(source.repoURL))
      issues.push({
        path,
        field: `settings.sources.${tenant}.repoURL`,
        value: source?.repoURL,
        problem: 'is not an https://, ssh:// or git@host: repository URL',
        fix: `give the tenant's repository, e.g. 'https://github.com/<org>/${tenant}-deploy.git'`,
      });
    if (source?.path !== undefined && (typeof source.path !== 'string' || source.path.startsWith('/') || source.path.split('/').includes('..')))
      issues.push({ path, field: `settings.sources.${tenant}.path`, value: source.path, problem: 'is not a relative folder inside the repository', fix: "use e.g. 'deploy'" });
  }
  if (settings.automatedSync !== undefined && typeof settings.automatedSync !== 'boolean')
    issues.push({ path, field: 'settings.automatedSync', value: settings.automatedSync, problem: 'is not true or false', fix: 'use true (default) or false' });
  return issues;
}
