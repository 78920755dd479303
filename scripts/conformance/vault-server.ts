import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdirSync, openSync } from 'fs';
import { request as httpRequest } from 'http';
import { createServer } from 'net';
import { join } from 'path';
import { alive, freePort } from './kube-server';
import { LoopbackAnswer, loopbackRequest } from './loopback-request';

/** Vault's answer. */
export type VaultResponse = LoopbackAnswer;

/**
 * A throwaway Vault in dev mode (in memory, unsealed, one root token) on 127.0.0.1 only: the judge replays the
 * Vault stack on it, then asks as each tenant. Dev mode's default `secret/` KV mount is unused.
 */
export class VaultServer {
  private readonly rootToken = randomBytes(24).toString('hex');
  private port = 0;
  private child?: ChildProcess;

  constructor(
    private readonly binary: string,
    /** A fresh folder for its log (and the HOME it runs with, so no user token helper is read). */
    private readonly workDir: string,
  ) {}

  async start(): Promise<void> {
    mkdirSync(this.workDir, { recursive: true });
    // Dev mode puts its cluster listener on the next port, on the same loopback address.
    this.port = await freePortPair();
    const log = openSync(join(this.workDir, 'vault.log'), 'a');
    this.child = spawn(
      this.binary,
      ['server', '-dev', '-dev-no-store-token', `-dev-root-token-id=${this.rootToken}`, `-dev-listen-address=127.0.0.1:${this.port}`],
      // No mlock in a container; HOME and the config env point nowhere shared.
      { stdio: ['ignore', log, log], cwd: this.workDir, env: { PATH: process.env.PATH ?? '', HOME: this.workDir, VAULT_DISABLE_MLOCK: 'true', SKIP_SETCAP: '1' } },
    );
    this.child.on('error', () => undefined);
    this.child.on('exit', () => alive.delete(this.child!));
    alive.add(this.child);
    const deadline = Date.now() + 60_000;
    let last = '';
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`vault exited with ${this.child.exitCode}; see ${this.workDir}/vault.log`);
      try {
        const health = await this.request('GET', 'sys/health');
        if (health.status === 200) return;
        last = `sys/health ${health.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((done) => setTimeout(done, 300));
    }
    throw new Error(`vault not ready within 60 s (${last}); see ${this.workDir}/vault.log`);
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await new Promise((done) => setTimeout(done, 300));
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
  }

  /** A request to `/v1/<path>` with `token` (the root token when omitted; empty for a login). */
  request(method: string, path: string, body?: unknown, token: string = this.rootToken): Promise<VaultResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = token ? { 'X-Vault-Token': token } : {};
    if (payload) headers['Content-Type'] = 'application/json';
    return loopbackRequest(httpRequest, { port: this.port, method, path: `/v1/${path}`, headers }, payload);
  }
}

/** Vault's error text of a refused request, or its warnings, for failure lines. */
export function vaultMessage(response: VaultResponse): string {
  const body = response.body;
  if (body && typeof body === 'object') return [...(body.errors ?? []), ...(body.warnings ?? [])].join('; ') || JSON.stringify(body).slice(0, 300);
  return String(body).slice(0, 300);
}

/** A free port on 127.0.0.1 whose successor is free too. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await freePort();
    const nextFree = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port + 1, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (nextFree) return port;
  }
  throw new Error('no two consecutive free ports on 127.0.0.1');
}
