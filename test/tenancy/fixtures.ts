import { TenantSpec } from '../../lib/domain/tenancy/tenant-spec';

/** Five tenants across the isolation spectrum, as in the example platform. */
export const MAPPING: TenantSpec = {
  name: 'mapping',
  groups: { admin: 'mapping-admins@example.com', developer: 'mapping-devs@example.com', viewer: 'mapping-viewers@example.com' },
  clusters: ['prod-usc1'],
  dependencies: { tenants: ['routing'], external: [{ cidr: '10.200.0.0/16', ports: [{ port: 443 }, { port: 5432, protocol: 'TCP' }] }] },
  ingressSources: [{ namespace: 'gateway', podLabels: { app: 'gateway' }, ports: [{ port: 8080 }] }, { cidr: '35.191.0.0/16' }],
  workloadIdentities: [{ ksa: 'tiles', gsa: 'mapping-tiles', projectRoles: ['roles/storage.objectViewer', 'roles/pubsub.subscriber'] }],
  labels: { team: 'maps', environment: 'prod', costCenter: 'cc-1234' },
};

export const ROUTING: TenantSpec = {
  name: 'routing',
  groups: { admin: 'routing-admins@example.com', developer: 'routing-devs@example.com' },
  clusters: ['prod-usc1'],
  podSecurity: 'baseline',
  labels: { team: 'routing', environment: 'prod', costCenter: 'cc-1235' },
};

export const SIMULATION: TenantSpec = {
  name: 'simulation',
  groups: { admin: 'sim-admins@example.com' },
  clusters: ['prod-usc1'],
  isolation: 'dedicated-nodes',
  dependencies: { tenants: ['mapping'] },
  quota: { requestsCpu: '64', limitsCpu: '128', requestsMemory: '256Gi', limitsMemory: '512Gi' },
  labels: { team: 'simulation', environment: 'prod', costCenter: 'cc-2000' },
};

export const ML: TenantSpec = {
  name: 'ml',
  groups: { admin: 'ml-admins@example.com', viewer: 'ml-viewers@example.com' },
  clusters: ['prod-usc1'],
  isolation: 'dedicated-nodes',
  workloadIdentities: [{ ksa: 'trainer', gsa: 'ml-trainer', projectRoles: ['roles/storage.objectAdmin'] }],
  labels: { team: 'ml', environment: 'prod', costCenter: 'cc-3000' },
};

export const PAYMENTS: TenantSpec = {
  name: 'payments',
  groups: { admin: 'payments-admins@example.com' },
  clusters: ['payments-usc1'],
  isolation: 'dedicated-cluster',
  labels: { team: 'payments', environment: 'prod', costCenter: 'cc-4000' },
};

export const ALL_TENANTS: readonly TenantSpec[] = [MAPPING, ROUTING, SIMULATION, ML, PAYMENTS];

export const CLUSTERS = [
  { name: 'prod-usc1', dataplaneV2: true },
  { name: 'payments-usc1', dataplaneV2: true },
  { name: 'dev-usc1', networkPolicy: false },
];

/** A minimal valid tenant; spread over it to make one field bad. */
export const MINIMAL: TenantSpec = {
  name: 'minimal',
  groups: {},
  clusters: ['prod-usc1'],
  labels: { team: 't', environment: 'dev', costCenter: 'c' },
};
