/**
 * The shape of a platform definition, checked at run time before any rule: definitions also come from
 * JavaScript, JSON and casts, where the compiler's checks do not reach. A misspelt field, a wrong type, a value
 * outside an enumeration, a missing list or a `null` entry becomes one issue in the definition's format (place,
 * field, value, fix) instead of a TypeError deep inside. Objects are strict: an unknown field is a misspelling.
 */
import { z } from 'zod';
import type { ValidationIssue } from '../validation-error';

const name = z.string();
const count = z.number();
const stringMap = z.record(z.string(), z.string());

const addressPool = z.strictObject({
  name,
  cidr: z.string(),
  kind: z.enum(['subnet', 'link-local']).optional(),
  allowedSpecialRanges: z.array(z.string()).optional(),
  description: z.string().optional(),
});
const reservation = z.strictObject({ name, cidr: z.string(), reason: z.string() });

const poolUpgrade = z.discriminatedUnion('strategy', [
  z.strictObject({ strategy: z.literal('surge') }),
  z.strictObject({
    strategy: z.literal('blue-green'),
    batchPercentage: count.optional(),
    batchNodeCount: count.optional(),
    batchSoakDuration: z.string().optional(),
    nodePoolSoakDuration: z.string().optional(),
  }),
]);

const nodePoolFields = {
  kind: z.enum(['general', 'spot-batch', 'gpu']),
  machineType: z.string().optional(),
  minNodes: count.optional(),
  maxNodes: count,
  gpu: z
    .strictObject({
      type: z.string(),
      count,
      sharing: z.strictObject({ strategy: z.enum(['time-sharing', 'mps']), maxClientsPerGpu: count }).optional(),
      partitionSize: z.string().optional(),
    })
    .optional(),
  queuedProvisioning: z.boolean().optional(),
  maxPodsPerNode: count.optional(),
  maxSurge: count.optional(),
  upgrade: poolUpgrade.optional(),
  podRange: z.string().optional(),
};
const nodePool = z.strictObject({ name, ...nodePoolFields, successorOf: z.string().optional() });

const clusterPools = z.strictObject({ nodes: z.string().optional(), pods: z.string().optional(), services: z.string().optional(), controlPlane: z.string().optional() }).optional();
const releaseChannel = z.enum(['RAPID', 'REGULAR', 'STABLE']).optional();
const additionalPodRanges = z.array(z.strictObject({ name, maxNodes: count })).optional();

const generation = z.strictObject({
  name,
  trafficWeight: count.optional(),
  state: z.enum(['active', 'retiring']).optional(),
  project: z.string().optional(),
  region: z.string().optional(),
  zones: z.array(z.string()).min(1).optional(),
  maxNodes: count.optional(),
  maxPodsPerNode: count.optional(),
  maxServices: count.optional(),
  nodePools: z.array(nodePool).optional(),
  releaseChannel,
  additionalPodRanges,
  pools: clusterPools,
});

// Cluster settings: their values are checked by the rules (cluster-settings.ts), with GKE's limits and fixes.
const clusterSettingsFields = {
  releaseChannel,
  binaryAuthorization: z.strictObject({ evaluationMode: z.string() }).optional(),
  maintenance: z
    .strictObject({
      window: z.strictObject({ startTime: z.string(), endTime: z.string(), recurrence: z.string() }).optional(),
      exclusions: z.array(z.strictObject({ name, startTime: z.string(), endTime: z.string(), scope: z.string().optional() })).optional(),
    })
    .optional(),
  securityPosture: z.strictObject({ mode: z.string().optional(), vulnerabilityMode: z.string().optional() }).optional(),
};

const cluster = z.strictObject({
  ...clusterSettingsFields,
  secretsEncryption: z.strictObject({ keyName: z.string() }).optional(),
  name,
  project: z.string(),
  region: z.string(),
  environment: z.string(),
  maxNodes: count,
  maxPodsPerNode: count,
  maxServices: count.optional(),
  zones: z.array(z.string()).min(1).optional(),
  nodePools: z.array(nodePool),
  authorizedNetworks: z.array(z.strictObject({ name, cidr: z.string() })).optional(),
  additionalPodRanges,
  pools: clusterPools,
  generations: z.array(generation).optional(),
  ephemeral: z.strictObject({ expires: z.string(), gracePeriodDays: count.optional() }).optional(),
});

const remoteNetwork = z.strictObject({
  name,
  kind: z.enum(['aws-vpc', 'on-prem']),
  cidrs: z.array(z.string()),
  awsRegion: z.string().optional(),
  description: z.string().optional(),
});

const advertise = z.strictObject({ privateGoogleAccess: z.boolean().optional(), controlPlanes: z.boolean().optional(), ranges: z.array(z.string()).optional() }).optional();

const haVpnAws = z.strictObject({
  kind: z.literal('ha-vpn-aws'),
  name,
  region: z.string(),
  remoteNetwork: z.string(),
  gcpAsn: count,
  aws: z.strictObject({
    type: z.enum(['transit-gateway', 'vpn-gateway']).optional(),
    amazonSideAsn: count.optional(),
    existingTransitGatewayId: z.string().optional(),
    existingVpnGatewayId: z.string().optional(),
    vpcId: z.string(),
    subnetIds: z.array(z.string()).optional(),
    routeTableIds: stringMap.optional(),
  }),
  advertise,
});
const haVpnPeer = z.strictObject({
  kind: z.literal('ha-vpn-peer'),
  name,
  region: z.string(),
  remoteNetwork: z.string(),
  gcpAsn: count,
  peerAsn: count,
  peerInterfaceIps: z.array(z.string()),
  advertise,
});
const interconnect = z.strictObject({
  kind: z.literal('interconnect'),
  name,
  type: z.enum(['DEDICATED', 'PARTNER']),
  remoteNetwork: z.string(),
  slaTarget: z.enum(['99.9', '99.99']),
  gcpAsn: count.optional(),
  peerAsn: count.optional(),
  attachments: z.array(
    z.strictObject({
      name,
      region: z.string(),
      metro: z.string(),
      edgeAvailabilityDomain: z.enum(['AVAILABILITY_DOMAIN_1', 'AVAILABILITY_DOMAIN_2']),
      interconnect: z.string().optional(),
      vlanTag: count.optional(),
    }),
  ),
  mtu: count.optional(),
  advertise,
});

const port = z.strictObject({ port: count, protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional() });
const tenant = z.strictObject({
  name,
  groups: z.strictObject({ admin: z.string().optional(), developer: z.string().optional(), viewer: z.string().optional() }),
  clusters: z.array(z.string()),
  quota: z
    .strictObject({
      requestsCpu: z.string().optional(),
      requestsMemory: z.string().optional(),
      limitsCpu: z.string().optional(),
      limitsMemory: z.string().optional(),
      requestsStorage: z.string().optional(),
      pods: count.optional(),
      loadBalancers: count.optional(),
      persistentVolumeClaims: count.optional(),
      gpus: count.optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      defaultCpu: z.string().optional(),
      defaultMemory: z.string().optional(),
      defaultRequestCpu: z.string().optional(),
      defaultRequestMemory: z.string().optional(),
      maxCpu: z.string().optional(),
      maxMemory: z.string().optional(),
    })
    .optional(),
  podSecurity: z.enum(['restricted', 'baseline']).optional(),
  dependencies: z.strictObject({ tenants: z.array(z.string()).optional(), external: z.array(z.strictObject({ cidr: z.string(), ports: z.array(port) })).optional() }).optional(),
  ingressSources: z.array(z.union([z.strictObject({ namespace: z.string(), podLabels: stringMap.optional(), ports: z.array(port).optional() }), z.strictObject({ cidr: z.string(), ports: z.array(port).optional() })])).optional(),
  workloadIdentities: z
    .array(
      z.strictObject({
        ksa: z.string(),
        gsa: z.string(),
        projectRoles: z.array(z.string()),
        resourceRoles: z
          .array(
            z.strictObject({
              kind: z.enum(['storage-bucket', 'pubsub-topic', 'pubsub-subscription', 'secret', 'bigquery-dataset', 'artifact-registry-repository']),
              name,
              role: z.string(),
              project: z.string().optional(),
              location: z.string().optional(),
              provisioning: z.enum(['create', 'existing']).optional(),
            }),
          )
          .optional(),
        sharedProjectOptIns: z.array(z.strictObject({ role: z.string(), reason: z.string() })).optional(),
      }),
    )
    .optional(),
  isolation: z.enum(['shared', 'dedicated-nodes', 'dedicated-cluster']).optional(),
  hosts: z.array(z.string()).optional(),
  labels: z.strictObject({ team: z.string(), environment: z.string(), costCenter: z.string() }),
  dedicatedNodes: z
    .strictObject({
      ...nodePoolFields,
      kind: nodePoolFields.kind.optional(),
      cpuPool: z.union([z.strictObject({ machineType: z.string().optional(), minNodes: count.optional(), maxNodes: count, upgrade: poolUpgrade.optional() }), z.literal(false)]).optional(),
    })
    .optional(),
});

const endpoint = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tenant'), tenant: z.string(), cluster: z.string() }),
  z.strictObject({ kind: z.literal('namespace'), namespace: z.string(), cluster: z.string() }),
  z.strictObject({ kind: z.literal('nodes'), cluster: z.string() }),
  z.strictObject({ kind: z.literal('pods'), cluster: z.string() }),
  z.strictObject({ kind: z.literal('control-plane'), cluster: z.string() }),
  z.strictObject({ kind: z.literal('remote'), network: z.string(), range: z.string().optional() }),
  z.strictObject({ kind: z.literal('google-apis') }),
  z.strictObject({ kind: z.literal('cluster-dns'), cluster: z.string() }),
  z.strictObject({ kind: z.literal('private-services') }),
  z.strictObject({ kind: z.literal('internet') }),
]);
const connectivityIntent = z.strictObject({
  id: z.string().optional(),
  from: endpoint,
  to: endpoint,
  protocol: z.enum(['tcp', 'udp', 'icmp', 'any']).optional(),
  port: count.optional(),
  expect: z.enum(['allow', 'deny']),
  reason: z.string(),
  acceptedGap: z.strictObject({ reason: z.string() }).optional(),
});

/** The whole definition's shape. Rules (names, ranges, ASNs, references between parts) are checked after it. */
const platformDefinitionSchema = z.strictObject({
  name: z.string(),
  organization: z.strictObject({ name: z.string(), domain: z.string() }),
  projects: z.array(z.strictObject({ id: z.string(), description: z.string().optional() })),
  regions: z.array(z.string()),
  network: z.strictObject({
    name: z.string(),
    project: z.string(),
    routingMode: z.enum(['GLOBAL', 'REGIONAL']).optional(),
    mtu: count.optional(),
    privateServiceAccess: z.union([z.literal(false), z.strictObject({ prefixLength: count.optional(), pool: z.string().optional() })]).optional(),
    existing: z
      .strictObject({
        subnets: z.array(z.strictObject({ name, region: z.string(), cidr: z.string(), secondaryRanges: z.array(z.strictObject({ rangeName: z.string(), cidr: z.string() })).optional() })).optional(),
        serviceProjectAttachments: z.enum(['create', 'existing']).optional(),
        defaultInternetRoute: z.boolean().optional(),
      })
      .optional(),
  }),
  addressPools: z.array(addressPool),
  poolAssignment: z.strictObject({ nodes: z.string(), pods: z.string(), services: z.string(), controlPlane: z.string(), bgpLinks: z.string() }),
  reservations: z.array(reservation).optional(),
  clusters: z.array(cluster),
  clusterDefaults: z.strictObject(clusterSettingsFields).optional(),
  remoteNetworks: z.array(remoteNetwork).optional(),
  hybridLinks: z.array(z.discriminatedUnion('kind', [haVpnAws, haVpnPeer, interconnect])).optional(),
  tenants: z.array(tenant).optional(),
  developerNamespaces: z
    .strictObject({
      cluster: z.string(),
      namespaces: z.array(z.strictObject({ name: z.string(), owner: z.string(), expires: z.string().optional() })),
      gracePeriodDays: count.optional(),
    })
    .optional(),
  addOns: z.array(z.strictObject({ name: z.string(), settings: z.record(z.string(), z.unknown()).optional() })).optional(),
  additionalRegions: z.array(z.string()).optional(),
  connectivityIntents: z.array(connectivityIntent).optional(),
  acceptedConnectivityGaps: z.array(z.strictObject({ intent: z.string(), reason: z.string() })).optional(),
  // The limit's value is checked by validateTerraformStates (tenant-states.ts); the shape here.
  terraformStates: z.strictObject({ maxResources: z.number().optional() }).optional(),
  // Required, but its absence is reported by checkGitOps with the fix spelled out; the shape is checked here.
  gitOps: z
    .strictObject({
      repository: z.strictObject({
        url: z.string(),
        branch: z.string().optional(),
        revision: z.string().optional(),
        auth: z.union([z.strictObject({ type: z.literal('none') }), z.strictObject({ type: z.enum(['ssh', 'token']) }), z.strictObject({ type: z.literal('gcpserviceaccount'), serviceAccountEmail: z.string() })]).optional(),
        syncWaitSeconds: count.optional(),
      }),
      rootDirectory: z.string().optional(),
    })
    .optional(),
});

/** Every field name the schema knows, to suggest the intended one for a misspelt field. */
const KNOWN_FIELDS: readonly string[] = (() => {
  const names = new Set<string>();
  const walk = (schema: unknown): void => {
    const def = (schema as { _zod?: { def?: any } })?._zod?.def;
    if (!def) return;
    if (def.type === 'object')
      for (const [key, child] of Object.entries(def.shape)) {
        names.add(key);
        walk(child);
      }
    if (def.type === 'optional' || def.type === 'nullable') walk(def.innerType);
    if (def.type === 'array') walk(def.element);
    if (def.type === 'union') for (const option of def.options) walk(option);
    if (def.type === 'record') walk(def.valueType);
  };
  walk(platformDefinitionSchema);
  return [...names];
})();

/** The shape problems of a definition, one issue each; empty when the rules can run. */
export function validateDefinitionShape(definition: unknown): ValidationIssue[] {
  const result = platformDefinitionSchema.safeParse(definition);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => toIssues(definition, issue));
}

type ZodIssue = z.core.$ZodIssue;

/** Fields valid elsewhere that cannot be where they were written, with the reason and the place they belong. */
const MISPLACED_FIELD_FIXES: Readonly<Record<string, string>> = {
  'clusterDefaults.secretsEncryption': "set secretsEncryption on each cluster instead: a Cloud KMS key lives in one region, and GKE takes only a key of the cluster's own region",
};

function toIssues(root: unknown, issue: ZodIssue): ValidationIssue[] {
  const { place: parentPlace, parent } = placeOf(root, issue.path);
  const last = issue.path[issue.path.length - 1];
  // A bad list entry is named by its index: `tenants[0]: entry null ...`.
  const place = typeof last === 'number' ? `${parentPlace === 'platform' ? '' : parentPlace}[${last}]` : parentPlace;
  const field = last === undefined ? 'definition' : typeof last === 'number' ? 'entry' : String(last);
  const value = last === undefined ? root : (parent as any)?.[last as any];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const guess = closest(key);
        const place = issue.path.length === 0 ? 'platform' : placeOf(root, [...issue.path, key]).place;
        return {
          path: place,
          field: key,
          value: (value as any)?.[key],
          problem: 'is not a field of the definition here',
          fix: MISPLACED_FIELD_FIXES[`${place}.${key}`] ?? (guess ? `did you mean ${guess}? Rename it` : 'remove it'),
        };
      });
    case 'invalid_type': {
      const expected = issue.expected;
      const got = describe(value);
      if (value === undefined) return [{ path: place, field, value, problem: `is required (${article(expected)})`, fix: `give ${field}` }];
      return [{ path: place, field, value, problem: `is ${got}, but must be ${article(expected)}`, fix: `give ${field} as ${article(expected)}` }];
    }
    case 'invalid_value':
      return [{ path: place, field, value, problem: `is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, fix: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (exact spelling)` }];
    case 'invalid_union': {
      const kinds = (issue as any).note === 'No matching discriminator' || issue.errors.length === 0;
      if (kinds)
        return [
          {
            path: place,
            field: last === 'kind' ? 'kind' : `${field}.kind`,
            value: last === 'kind' ? value : (value as any)?.kind,
            problem: 'is not a known kind of entry here',
            fix: 'use one of "ha-vpn-aws", "ha-vpn-peer", "interconnect" for links; see the definition types for others',
          },
        ];
      return [{ path: place, field, value, problem: 'matches none of the accepted shapes', fix: 'give either { namespace, podLabels?, ports? } or { cidr, ports? }' }];
    }
    case 'too_small':
      return [{ path: place, field, value, problem: 'is empty', fix: `list at least ${issue.minimum} entry, or leave ${field} out for the default` }];
    default:
      return [{ path: place, field, value, problem: issue.message, fix: 'correct the value to the definition types' }];
  }
}

/** The definition path of a zod path, entries named by their `name` where they have one: `clusters[prod].nodePools[gpu]`. */
function placeOf(root: unknown, path: readonly PropertyKey[]): { place: string; parent: unknown } {
  let place = '';
  let node: any = root;
  let parent: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const next = node?.[key as any];
    if (typeof key === 'number') place += `[${next && typeof next === 'object' && typeof next.name === 'string' && next.name ? next.name : key}]`;
    else place += place ? `.${String(key)}` : String(key);
    node = next;
  }
  parent = node;
  return { place: place || 'platform', parent };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return article(typeof value);
}

function article(type: string): string {
  const noun = type === 'array' ? 'list' : type === 'record' ? 'object' : type;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** The known field closest to a misspelt one (edit distance at most 3), if any. */
function closest(key: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const known of KNOWN_FIELDS) {
    // A field valid elsewhere (`cluster` of developerNamespaces) is not the suggestion for a misplaced one.
    if (known === key) continue;
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: known, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
