import { ChildProcess, spawn } from 'child_process';
import { generateKeyPairSync, randomBytes } from 'crypto';
import { mkdirSync, openSync, writeFileSync } from 'fs';
import { Agent, request as httpsRequest } from 'https';
import { createServer } from 'net';
import { join } from 'path';
import { LoopbackAnswer, loopbackRequest } from './loopback-request';

/**
 * A throwaway Kubernetes control plane for one cluster's manifests: kube-apiserver on kine (SQLite instead of etcd),
 * listening on 127.0.0.1 only, RBAC authorization, GKE's admission plugins; and kube-controller-manager with the
 * controllers admission depends on (ServiceAccounts, quota status, admission-policy type checking).
 */
export interface KubeServerOptions {
  readonly kineBinary: string;
  readonly apiserverBinary: string;
  readonly controllerManagerBinary: string;
  /** A fresh folder for this server's state, certificates and logs. */
  readonly workDir: string;
  /** The cluster's services range, so ClusterIPs are allocated as on the real cluster. @default '10.96.0.0/16' */
  readonly serviceClusterIpRange?: string;
}

/** Admission plugins as GKE enables them: the kube-apiserver defaults (which include PodSecurity, LimitRanger,
 * ResourceQuota, ServiceAccount, Priority and ValidatingAdmissionPolicy) plus NodeRestriction. */
const ADMISSION_PLUGINS = ['NodeRestriction'];

/**
 * The controllers whose work admission reads: the `default` ServiceAccount of each namespace, each ResourceQuota's
 * status (without which quota admission refuses every request in the namespace), the namespace lifecycle, and the
 * type checking of ValidatingAdmissionPolicies (Kubernetes' own CEL type checker writes its warnings into status),
 * the tokens of `kubernetes.io/service-account-token` Secrets (the Vault token reviewer's JWT is read from one), and
 * the ClusterRole aggregation that fills the built-in `admin`, `edit` and `view` roles from their aggregated parts:
 * without it they are empty, and RBAC's escalation check would let anyone bind them.
 */
const CONTROLLERS = ['serviceaccount-controller', 'serviceaccount-token-controller', 'resourcequota-controller', 'namespace-controller', 'validatingadmissionpolicy-status-controller', 'clusterrole-aggregation-controller'];

/** Built-in ClusterRoles whose rules only the aggregation controller writes; the judge waits until each has rules. */
export const AGGREGATED_CLUSTER_ROLES: readonly string[] = ['admin', 'edit', 'view'];

/** Every judge process alive, so that none outlives conformance, however it ends (other judges' servers register here too). */
export const alive = new Set<ChildProcess>();
function killAlive(): void {
  for (const child of alive) if (child.exitCode === null) child.kill('SIGKILL');
}
process.on('exit', killAlive);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAlive();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/** An API server's answer. */
export type KubeResponse = LoopbackAnswer;

export class KubeServer {
  private readonly processes: ChildProcess[] = [];
  private readonly agent = new Agent({ rejectUnauthorized: false, keepAlive: true, maxSockets: 8 });
  private readonly token = randomBytes(24).toString('hex');
  private port = 0;

  constructor(private readonly options: KubeServerOptions) {}

  async start(): Promise<void> {
    const { workDir } = this.options;
    mkdirSync(join(workDir, 'certs'), { recursive: true });
    mkdirSync(join(workDir, 'db'), { recursive: true });
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(workDir, 'sa.key'), keys.privateKey.export({ type: 'pkcs1', format: 'pem' }));
    writeFileSync(join(workDir, 'sa.pub'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
    // The judge's own identity: a static token in system:masters, which may impersonate the identities under test.
    writeFileSync(join(workDir, 'tokens.csv'), `${this.token},conformance-admin,conformance-admin,"system:masters"\n`);

    const kinePort = await freePort();
    this.port = await freePort();
    this.spawn('kine', this.options.kineBinary, ['--endpoint', `sqlite://${join(workDir, 'db', 'state.db')}?_journal=WAL&cache=shared&_busy_timeout=30000`, '--listen-address', `127.0.0.1:${kinePort}`, '--metrics-bind-address', '0']);
    this.spawn('kube-apiserver', this.options.apiserverBinary, [
      `--etcd-servers=http://127.0.0.1:${kinePort}`,
      '--storage-backend=etcd3',
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${this.port}`,
      `--cert-dir=${join(workDir, 'certs')}`,
      `--token-auth-file=${join(workDir, 'tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      `--enable-admission-plugins=${ADMISSION_PLUGINS.join(',')}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(workDir, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(workDir, 'sa.key')}`,
      `--service-cluster-ip-range=${this.options.serviceClusterIpRange ?? '10.96.0.0/16'}`,
      // A loopback address may not be a Service endpoint; nothing here needs the kubernetes Service's endpoints.
      '--endpoint-reconciler-type=none',
      // GKE runs privileged workloads (its own DaemonSets); Pod Security, not this flag, keeps tenants from them.
      '--allow-privileged=true',
      '--profiling=false',
    ]);
    await this.waitReady();
    const kubeconfig = join(workDir, 'kubeconfig.yaml');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: judge, cluster: {server: "https://127.0.0.1:' + this.port + '", insecure-skip-tls-verify: true}}]',
        `users: [{name: judge, user: {token: "${this.token}"}}]`,
        'contexts: [{name: judge, context: {cluster: judge, user: judge}}]',
        'current-context: judge',
        '',
      ].join('\n'),
    );
    this.spawn('kube-controller-manager', this.options.controllerManagerBinary, [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      `--controllers=${CONTROLLERS.join(',')}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${await freePort()}`,
      `--cert-dir=${join(workDir, 'controller-manager-certs')}`,
      `--service-account-private-key-file=${join(workDir, 'sa.key')}`,
      `--root-ca-file=${this.caFile()}`,
    ]);
  }

  /** The API server's URL, as a client outside the cluster reaches it. */
  endpoint(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** The serving certificate the API server generated for itself, with its self-signed CA: what a client trusts. */
  caFile(): string {
    return join(this.options.workDir, 'certs', 'apiserver.crt');
  }

  async stop(): Promise<void> {
    for (const child of this.processes.reverse()) {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    await new Promise((done) => setTimeout(done, 300));
    for (const child of this.processes) if (child.exitCode === null) child.kill('SIGKILL');
    this.agent.destroy();
  }

  /** A request as the judge (system:masters), or as `impersonate` when given. */
  request(method: string, path: string, body?: unknown, impersonate?: { user: string; groups: readonly string[] }, contentType = 'application/json'): Promise<KubeResponse> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const headers: Record<string, string | string[]> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (payload) headers['Content-Type'] = contentType;
    if (impersonate) {
      headers['Impersonate-User'] = impersonate.user;
      if (impersonate.groups.length > 0) headers['Impersonate-Group'] = [...impersonate.groups];
    }
    return loopbackRequest(httpsRequest, { port: this.port, method, path, headers, agent: this.agent }, payload);
  }

  private spawn(name: string, binary: string, args: string[]): void {
    const log = openSync(join(this.options.workDir, `${name}.log`), 'a');
    const child = spawn(binary, args, { stdio: ['ignore', log, log], cwd: this.options.workDir });
    child.on('error', () => undefined);
    child.on('exit', () => alive.delete(child));
    alive.add(child);
    this.processes.push(child);
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 120_000;
    let last = '';
    while (Date.now() < deadline) {
      for (const child of this.processes) {
        if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited with ${child.exitCode}; see ${this.options.workDir}/*.log`);
      }
      try {
        const ready = await this.request('GET', '/readyz');
        if (ready.status === 200) return;
        last = `readyz ${ready.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((done) => setTimeout(done, 500));
    }
    throw new Error(`kube-apiserver not ready within 120 s (${last}); see ${this.options.workDir}/kube-apiserver.log`);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
