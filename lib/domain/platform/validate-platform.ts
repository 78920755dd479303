import { AddOnRules, validateAddOns } from '../addons/add-on-rules';
import { validateClusterDefaults, validateClusterSettings } from './cluster-settings-plan';
import { validateGpuSharing } from '../gke/gpu-sharing';
import { validateQueuedProvisioning } from '../gke/queued-provisioning';
import { validateGpu, validateMachineType, validateServiceAccountId, validateZones } from '../gke/gke-rules';

/** GCE label values: lower-case letters, digits, `-` and `_`, at most 63 characters. */
const GCE_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;
import { validateAwsRegion, validateNotGoogleApiVips } from '../hybrid/remote-rules';
import { validateDefinitionShape } from './definition-schema';
import { DEFAULT_GITOPS_ROOT_DIRECTORY, DEFAULT_GPU, DEFAULT_MACHINE_TYPES } from './platform-defaults';
import { IssueCollector, ValidationError } from '../validation-error';
import { validateTerraformStates } from './tenant-states';
import type { ExpiredDeveloperNamespace } from '../tenancy/tenant-rules';
import { Cidr } from '../ip-plan/cidr';
import { GKE_MAX_PODS_PER_NODE, GKE_MIN_PODS_PER_NODE } from '../ip-plan/gke-sizing';
import { DNS_DOMAIN, GCP_PROJECT_ID, GCP_PROJECT_ID_RULE, GCP_RESOURCE_NAME, GCP_RESOURCE_NAME_RULE, GKE_NAME, GKE_NAME_RULE, PLATFORM_NAME } from '../naming/naming-rules';
import { validateGitSource } from '../gitops/git-source';
import { validateRegions, validateClusterZones } from './validate-regions';
import { ClusterDefinition, PlatformDefinition } from './platform-definition';
import { clusterNodePools } from './cluster-node-pools';
import { poolNodesAgainstClusterMax, validatePoolSuccessors, validatePoolUpgrade } from './pool-upgrades';
import { validateLinks } from './validate-links';
import { validateExistingNetwork } from './existing-network';
import { validateClusterPathIntents } from '../network/cluster-paths';
import { validatePlatformTenants } from './validate-tenants';
import { expandClusterGenerations, issueAtGeneration, validateClusterGenerations } from './cluster-generations';
import { ExpiredEphemeralCluster, validateEphemeralClusters } from './ephemeral-clusters';

/** Accepted VPC MTUs: GCP allows 1300 to 8896 bytes. */
const MIN_MTU = 1300;
const MAX_MTU = 8896;

/**
 * Checks the definition as a whole and throws one ValidationError listing every problem, each with
 * its path in the definition (e.g. `clusters[prod-usc1].nodePools[gpu]`), field, value and fix.
 * Address ranges are checked by the IP plan when it resolves.
 */
export function assertPlatform(declared: PlatformDefinition, options: AssertPlatformOptions = {}): PlatformWarnings {
  // Shape first: rules below may assume lists are lists and enumerations are spelt right.
  const shape = validateDefinitionShape(declared);
  if (shape.length > 0) throw new ValidationError(shape);
  // Generations first, on the definition as written: the rules below judge each generation as the cluster it expands to.
  const generationIssues = validateClusterGenerations(declared);
  if (generationIssues.length > 0) throw new ValidationError(generationIssues);
  const { definition, generations } = expandClusterGenerations(declared);
  const issues = new IssueCollector();
  checkPlatform(definition, issues);
  validateLinks(definition, issues);
  const expiredDeveloperNamespaces = validatePlatformTenants(definition, issues, options.today);
  const ephemeral = validateEphemeralClusters(definition, options.today);
  for (const issue of ephemeral.issues) issues.add(issue);
  for (const issue of validateAddOns(definition, options.addOns ?? [])) issues.add(issue);
  for (const issue of validateClusterPathIntents(definition.network.name, definition.connectivityIntents ?? [])) issues.add(issue);
  if (issues.issues.length > 0) throw new ValidationError(issues.issues.map((issue) => issueAtGeneration(issue, generations)));
  return { expiredDeveloperNamespaces, expiredEphemeralClusters: ephemeral.expired };
}

interface AssertPlatformOptions {
  /** The day developer namespace expiry is judged on (`YYYY-MM-DD`). @default today (UTC) */
  readonly today?: string | Date;
  /** The add-ons supplied to this build: the definition may enable only these, and each checks its settings. @default none */
  readonly addOns?: readonly AddOnRules<any>[];
}

/** What is allowed but deserves a word from the synth. */
interface PlatformWarnings {
  /** Developer namespaces past their expiry, still inside the grace period. */
  readonly expiredDeveloperNamespaces: readonly ExpiredDeveloperNamespace[];
  /** Ephemeral clusters past their expiry, still inside the grace period. */
  readonly expiredEphemeralClusters: readonly ExpiredEphemeralCluster[];
}

/** Adds the platform's own issues (names, projects, regions, pools, clusters, remote networks) to a collector. */
function checkPlatform(definition: PlatformDefinition, issues: IssueCollector): void {
  if (!PLATFORM_NAME.test(definition.name)) {
    issues.add({ path: 'platform', field: 'name', value: definition.name, problem: 'must be lower-case letters, digits and hyphens, starting with a letter, at most 20 characters', fix: 'use a short name such as "drive"' });
  }
  if (definition.organization.name.trim() === '') {
    issues.add({ path: 'organization', field: 'name', value: definition.organization.name, problem: 'is empty', fix: 'give the organisation\'s name, e.g. "Drive Robotics"' });
  }
  if (!DNS_DOMAIN.test(definition.organization.domain)) {
    issues.add({ path: 'organization', field: 'domain', value: definition.organization.domain, problem: 'is not a DNS domain', fix: 'give your Cloud Identity domain, e.g. "example.com"' });
  }
  const projects = checkUnique(
    definition.projects.map((p) => p.id),
    'projects',
    'id',
    issues,
  );
  for (const project of definition.projects) {
    if (!GCP_PROJECT_ID.test(project.id)) issues.add({ path: `projects[${project.id}]`, field: 'id', value: project.id, problem: GCP_PROJECT_ID_RULE, fix: 'use the project id as shown by `gcloud projects list`' });
  }
  const regions = checkUnique(definition.regions, 'regions', 'region', issues);
  if (definition.regions.length === 0) issues.add({ path: 'platform', field: 'regions', value: [], problem: 'is empty', fix: 'list the GCP regions the platform runs in, e.g. ["us-central1"]' });
  validateRegions(definition, issues);
  checkGitOps(definition, issues);
  for (const issue of validateTerraformStates(definition)) issues.add(issue);
  checkNetwork(definition, projects, issues);
  const pools = new Set(definition.addressPools.map((p) => p.name));
  for (const [role, pool] of Object.entries(definition.poolAssignment)) {
    if (!pools.has(pool)) issues.add({ path: 'poolAssignment', field: role, value: pool, problem: 'is not one of the addressPools', fix: `use one of ${[...pools].join(', ')}` });
  }
  checkUnique(
    definition.clusters.map((c) => c.name),
    'clusters',
    'name',
    issues,
  );
  validateClusterDefaults(definition, issues);
  for (const cluster of definition.clusters) {
    checkCluster(definition, cluster, projects, regions, pools, issues);
    validateClusterSettings(definition, cluster, issues);
  }
  checkUnique(
    (definition.remoteNetworks ?? []).map((n) => n.name),
    'remoteNetworks',
    'name',
    issues,
  );
  for (const network of definition.remoteNetworks ?? []) {
    const path = `remoteNetworks[${network.name}]`;
    if (!GCP_RESOURCE_NAME.test(network.name)) issues.add({ path, field: 'name', value: network.name, problem: GCP_RESOURCE_NAME_RULE, fix: 'use a name such as "aws-usw2-prod"' });
    if (network.cidrs.length === 0) issues.add({ path, field: 'cidrs', value: network.cidrs, problem: 'is empty', fix: 'list the address ranges of the network' });
    for (const cidr of network.cidrs) {
      validateCidr(path, 'cidrs', cidr, issues);
      for (const issue of validateNotGoogleApiVips(path, 'cidrs', cidr)) issues.add(issue);
    }
    if (network.kind === 'aws-vpc' && !network.awsRegion) issues.add({ path, field: 'awsRegion', value: network.awsRegion, problem: 'is required for an AWS VPC', fix: 'give the AWS region, e.g. "us-west-2"' });
    if (network.awsRegion !== undefined) for (const issue of validateAwsRegion(path, 'awsRegion', network.awsRegion)) issues.add(issue);
    if (network.kind === 'on-prem' && network.awsRegion !== undefined) issues.add({ path, field: 'awsRegion', value: network.awsRegion, problem: 'is set on an on-prem network', fix: "remove it, or use kind: 'aws-vpc'" });
  }
}

function checkNetwork(definition: PlatformDefinition, projects: Set<string>, issues: IssueCollector): void {
  const network = definition.network;
  if (!GCP_RESOURCE_NAME.test(network.name)) issues.add({ path: 'network', field: 'name', value: network.name, problem: GCP_RESOURCE_NAME_RULE, fix: 'use a name such as "platform-vpc"' });
  if (!projects.has(network.project)) issues.add({ path: 'network', field: 'project', value: network.project, problem: 'is not one of the declared projects', fix: `declare it in projects, or use one of ${[...projects].join(', ')}` });
  if (network.mtu !== undefined && (!Number.isInteger(network.mtu) || network.mtu < MIN_MTU || network.mtu > MAX_MTU)) {
    issues.add({ path: 'network', field: 'mtu', value: network.mtu, problem: `must be a whole number from ${MIN_MTU} to ${MAX_MTU}`, fix: 'use 1460 (GCP default), 1500, or 8896 for jumbo frames' });
  }
  for (const issue of validateExistingNetwork(definition)) issues.add(issue);
}

function checkCluster(definition: PlatformDefinition, cluster: ClusterDefinition, projects: Set<string>, regions: Set<string>, pools: Set<string>, issues: IssueCollector): void {
  const path = `clusters[${cluster.name}]`;
  if (!GKE_NAME.test(cluster.name)) issues.add({ path, field: 'name', value: cluster.name, problem: GKE_NAME_RULE, fix: 'use a name such as "prod-usc1"' });
  if (!projects.has(cluster.project)) issues.add({ path, field: 'project', value: cluster.project, problem: 'is not one of the declared projects', fix: `declare it in projects, or use one of ${[...projects].join(', ')}` });
  if (!regions.has(cluster.region)) issues.add({ path, field: 'region', value: cluster.region, problem: 'is not one of the platform regions', fix: `add it to regions, or use one of ${[...regions].join(', ')}` });
  validateClusterZones(definition, cluster, issues);
  // The GkeCluster's own zone rule (a zone listed twice), run here so the mistake is refused before synthesis.
  for (const issue of validateZones(path, 'zones', cluster.zones ?? [], cluster.region).filter((i) => i.field === 'zones')) issues.add(issue);
  // The cluster's node service account is `<name>-nodes`: its id rule bounds the cluster name.
  const nodeServiceAccount = `${cluster.name}-nodes`;
  if (GKE_NAME.test(cluster.name) && validateServiceAccountId(path, 'name', nodeServiceAccount).length > 0) {
    issues.add({ path, field: 'name', value: cluster.name, problem: `makes the node service account id "${nodeServiceAccount}", which must be 6-30 characters`, fix: 'use a cluster name of at most 24 characters' });
  }
  if (!GCE_LABEL_VALUE.test(cluster.environment)) {
    issues.add({ path, field: 'environment', value: cluster.environment, problem: 'is not a GCE label value (it labels the cluster): lower-case letters, digits, "-" and "_", at most 63', fix: 'use e.g. "prod" or "dev"' });
  }
  if ((cluster.authorizedNetworks ?? []).length === 0) {
    issues.add({
      path,
      field: 'authorizedNetworks',
      value: cluster.authorizedNetworks ?? [],
      problem: 'is empty, so the private control plane would take any address that routes to it (the VPC, every hybrid link): authorized networks are enforced on the private endpoint and must be listed',
      fix: "list the ranges that need the API server, e.g. authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }] (the cluster's own nodes and pods are always admitted)",
    });
  }
  for (const network of cluster.authorizedNetworks ?? []) {
    if (network.name.trim() === '') issues.add({ path, field: 'authorizedNetworks.name', value: network.name, problem: 'is empty (it is the display name GKE shows for the range)', fix: 'name the range, e.g. "corp-vpn"' });
  }
  if (!Number.isInteger(cluster.maxNodes) || cluster.maxNodes < 1) issues.add({ path, field: 'maxNodes', value: cluster.maxNodes, problem: 'must be a whole number of at least 1', fix: 'give the most nodes the cluster may scale to' });
  if (!isPodsPerNode(cluster.maxPodsPerNode))
    issues.add({ path, field: 'maxPodsPerNode', value: cluster.maxPodsPerNode, problem: `must be a whole number from ${GKE_MIN_PODS_PER_NODE} to ${GKE_MAX_PODS_PER_NODE}`, fix: 'use 110 (GKE default) or less for denser address use' });
  for (const [role, pool] of Object.entries(cluster.pools ?? {})) {
    if (pool && !pools.has(pool)) issues.add({ path, field: `pools.${role}`, value: pool, problem: 'is not one of the addressPools', fix: `use one of ${[...pools].join(', ')}` });
  }
  for (const network of cluster.authorizedNetworks ?? []) {
    validateCidr(path, 'authorizedNetworks', network.cidr, issues);
    if (network.cidr === '0.0.0.0/0') issues.add({ path, field: 'authorizedNetworks', value: network.cidr, problem: 'opens the control plane to the whole internet', fix: 'list the office, VPN or CI ranges that need kubectl access' });
  }
  checkUnique(
    cluster.nodePools.map((p) => p.name),
    `${path}.nodePools`,
    'name',
    issues,
  );
  if (cluster.nodePools.length === 0)
    issues.add({ path, field: 'nodePools', value: [], problem: 'is empty: the default pool is removed, so nothing could run', fix: "add at least one pool, e.g. { name: 'services', kind: 'general', maxNodes: 30 }" });
  const podRanges = checkUnique(
    (cluster.additionalPodRanges ?? []).map((r) => r.name),
    `${path}.additionalPodRanges`,
    'name',
    issues,
  );
  for (const range of cluster.additionalPodRanges ?? []) {
    if (!GKE_NAME.test(range.name) || !GKE_NAME.test(`${cluster.name}-${range.name}`)) {
      issues.add({
        path: `${path}.additionalPodRanges[${range.name}]`,
        field: 'name',
        value: range.name,
        problem: `must be a name that, prefixed with the cluster's, is a valid secondary range name: ${GKE_NAME_RULE}`,
        fix: 'use a short name such as "pods-2"',
      });
    }
    if (range.name === 'pods' || range.name === 'services') {
      issues.add({ path: `${path}.additionalPodRanges[${range.name}]`, field: 'name', value: range.name, problem: "collides with the cluster's default pod or services range", fix: 'use a name such as "pods-2"' });
    }
  }
  // A tenant's dedicated pool `tenant-<tenant>` shares the cluster's pool namespace.
  const ownPools = new Set(cluster.nodePools.map((p) => p.name));
  const allPools = clusterNodePools(definition, cluster);
  for (const pool of allPools.filter((p) => p.tenant && ownPools.has(p.name))) {
    issues.add({
      path: `${path}.nodePools[${pool.name}]`,
      field: 'name',
      value: pool.name,
      problem: `collides with the dedicated pool of tenant ${pool.tenant} on this cluster`,
      fix: `rename the cluster's pool; "${pool.name}" is reserved for tenant ${pool.tenant}`,
    });
  }
  for (const issue of validatePoolSuccessors(path, cluster.nodePools)) issues.add(issue);
  // A pool and its successor count once (the larger): the pair is transient, and the recorded ranges are checked for both.
  const poolNodes = poolNodesAgainstClusterMax(allPools);
  for (const pool of allPools) {
    const poolPath = pool.tenant ? `tenants[${pool.tenant}].dedicatedNodes` : `${path}.nodePools[${pool.name}]`;
    const machineType = pool.machineType ?? DEFAULT_MACHINE_TYPES[pool.kind];
    for (const issue of validateMachineType(poolPath, 'machineType', machineType)) issues.add(issue);
    if (pool.kind === 'gpu') for (const issue of [...validateGpu(poolPath, pool.gpu ?? DEFAULT_GPU, machineType), ...validateGpuSharing(poolPath, pool.gpu ?? DEFAULT_GPU)]) issues.add(issue);
    if (pool.queuedProvisioning) for (const issue of validateQueuedProvisioning(poolPath, { minNodes: pool.minNodes, spot: pool.kind === 'spot-batch', hasGpu: pool.kind === 'gpu' })) issues.add(issue);
    for (const issue of validatePoolUpgrade(poolPath, pool)) issues.add(issue);
    if (!GKE_NAME.test(pool.name)) issues.add({ path: poolPath, field: 'name', value: pool.name, problem: GKE_NAME_RULE, fix: 'use a name such as "services"' });
    if (!Number.isInteger(pool.maxNodes) || pool.maxNodes < 1) issues.add({ path: poolPath, field: 'maxNodes', value: pool.maxNodes, problem: 'must be a whole number of at least 1', fix: 'give the most nodes across all zones' });
    if (pool.minNodes !== undefined && (!Number.isInteger(pool.minNodes) || pool.minNodes < 0 || pool.minNodes > pool.maxNodes)) {
      issues.add({ path: poolPath, field: 'minNodes', value: pool.minNodes, problem: `must be a whole number from 0 to maxNodes (${pool.maxNodes})`, fix: 'lower minNodes or raise maxNodes' });
    }
    if (pool.maxPodsPerNode !== undefined && (!isPodsPerNode(pool.maxPodsPerNode) || pool.maxPodsPerNode > cluster.maxPodsPerNode)) {
      issues.add({
        path: poolPath,
        field: 'maxPodsPerNode',
        value: pool.maxPodsPerNode,
        problem: `must be from ${GKE_MIN_PODS_PER_NODE} to the cluster's maxPodsPerNode (${cluster.maxPodsPerNode}), which sized the pod range`,
        fix: `use at most ${cluster.maxPodsPerNode}, or give the pool its own pod range`,
      });
    }
    if (pool.podRange !== undefined && !podRanges.has(pool.podRange)) {
      issues.add({
        path: poolPath,
        field: 'podRange',
        value: pool.podRange,
        problem: "is not one of the cluster's additionalPodRanges",
        fix: podRanges.size > 0 ? `use one of ${[...podRanges].join(', ')}` : `declare it first: additionalPodRanges: [{ name: ${JSON.stringify(pool.podRange)}, maxNodes: <nodes> }]`,
      });
    }
    if (pool.gpu && pool.kind !== 'gpu') issues.add({ path: poolPath, field: 'gpu', value: pool.gpu, problem: `is set on a ${pool.kind} pool`, fix: "use kind: 'gpu' for GPU pools" });
    if (pool.maxSurge !== undefined && (!Number.isInteger(pool.maxSurge) || pool.maxSurge < 0))
      issues.add({ path: poolPath, field: 'maxSurge', value: pool.maxSurge, problem: 'must be a whole number of at least 0', fix: 'use 1 (GKE default)' });
  }
  if (poolNodes > cluster.maxNodes) {
    issues.add({
      path,
      field: 'maxNodes',
      value: cluster.maxNodes,
      problem: `is less than the sum of its node pools' maxNodes, tenant pools included (${poolNodes}), so the pools could outgrow the cluster's ranges`,
      fix: `raise the cluster's maxNodes to at least ${poolNodes} (only before its ranges are recorded), or lower pool maxNodes`,
    });
  }
}

function checkGitOps(definition: PlatformDefinition, issues: IssueCollector): void {
  const gitOps = definition.gitOps as PlatformDefinition['gitOps'] | undefined;
  if (!gitOps?.repository?.url) {
    issues.add({
      path: 'platform',
      field: 'gitOps.repository.url',
      value: gitOps?.repository?.url,
      problem: 'is required: every cluster syncs its manifests from this repository',
      fix: "add gitOps: { repository: { url: 'https://github.com/<org>/<manifests>.git' } } to the definition",
    });
    return;
  }
  const source = { ...gitOps.repository, directory: gitOps.rootDirectory ?? DEFAULT_GITOPS_ROOT_DIRECTORY };
  for (const issue of validateGitSource('gitOps', source)) issues.add(issue.field === 'repository.directory' ? { ...issue, field: 'rootDirectory' } : issue);
}

function validateCidr(path: string, field: string, cidr: string, issues: IssueCollector): void {
  const parsed = Cidr.tryParse(cidr);
  if (typeof parsed === 'string') issues.add({ path, field, value: cidr, problem: parsed, fix: 'give an aligned IPv4 CIDR such as 10.100.0.0/16' });
}

function checkUnique(values: readonly string[], path: string, field: string, issues: IssueCollector): Set<string> {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) issues.add({ path, field, value, problem: 'is declared twice', fix: `give each entry of ${path} a unique ${field}` });
    seen.add(value);
  }
  return seen;
}

function isPodsPerNode(value: number): boolean {
  return Number.isInteger(value) && value >= GKE_MIN_PODS_PER_NODE && value <= GKE_MAX_PODS_PER_NODE;
}
