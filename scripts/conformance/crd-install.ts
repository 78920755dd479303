import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './kube-judge';
import { KubeServer } from './kube-server';

/** The CRDs of the YAML files of a build folder (tools.json `crds-*`). */
export function crdsIn(dir: string): KubeObject[] {
  return readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .flatMap((file) => parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => doc.toJSON()))
    .filter((o) => o?.kind === 'CustomResourceDefinition');
}

/** Waits until each named CRD is established, for at most 60 s; returns the names that never were. */
export async function waitEstablished(server: KubeServer, names: readonly string[]): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  const pending = new Set(names);
  while (pending.size > 0 && Date.now() < deadline) {
    for (const name of [...pending]) {
      const got = await server.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
      if ((got.body?.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True')) pending.delete(name);
    }
    if (pending.size > 0) await new Promise((done) => setTimeout(done, 300));
  }
  return [...pending];
}

/**
 * Server-side applies the CRDs of a build folder as the judge and waits for them; returns one line per problem.
 * For kinds a cluster may serve beyond what the platform installs (the Gateway API, which GKE installs when a
 * cluster enables it), judged by the tenant suite after the deploy rehearsal.
 */
export async function installCrdBuild(server: KubeServer, dir: string): Promise<string[]> {
  const crds = crdsIn(dir);
  const problems: string[] = [];
  for (const crd of crds) {
    const response = await server.request('PATCH', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}?fieldManager=gke-platform-conformance&force=true`, crd, undefined, 'application/apply-patch+yaml');
    if (response.status < 200 || response.status >= 300) problems.push(`CustomResourceDefinition ${crd.metadata.name}: HTTP ${response.status}`);
  }
  const pending = await waitEstablished(
    server,
    crds.map((c) => c.metadata.name),
  );
  if (pending.length > 0) problems.push(`CRDs not established within 60 s: ${pending.join(', ')}`);
  return problems;
}
