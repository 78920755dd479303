import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';

/** A Terraform `resource` block: type → name → body. */
type TerraformResources = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Identifies a Kubernetes object in a synthesized tree. */
export interface ManifestRef {
  /** `<cluster>/<apiVersion>/<kind>/<namespace or ->/<name>` */
  readonly key: string;
  /** Cluster folder the object was found in. */
  readonly cluster: string;
  /** The object's apiVersion. */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** Empty for cluster-scoped objects. */
  readonly namespace: string;
  /** The object's name. */
  readonly name: string;
}

export interface ManifestObject extends ManifestRef {
  /** File it came from, relative to the tree. */
  readonly file: string;
  /** The object as parsed from YAML. */
  readonly body: unknown;
}

/** The synthesized output of both apps, read into plain data. */
export interface SynthTree {
  /** Stack name → its `resource` block. */
  readonly stacks: ReadonlyMap<string, TerraformResources>;
  /** Manifest key → object. */
  readonly manifests: ReadonlyMap<string, ManifestObject>;
}

function manifestKey(cluster: string, apiVersion: string, kind: string, namespace: string, name: string): string {
  return `${cluster}/${apiVersion}/${kind}/${namespace || '-'}/${name}`;
}

function listDirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory())
    .sort();
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

function readStacks(cdktfOut: string): Map<string, TerraformResources> {
  const stacks = new Map<string, TerraformResources>();
  const stacksDir = join(cdktfOut, 'stacks');
  for (const stack of listDirs(stacksDir)) {
    const file = join(stacksDir, stack, 'cdk.tf.json');
    if (!existsSync(file)) continue;
    let json: { resource?: TerraformResources };
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    stacks.set(stack, json.resource ?? {});
  }
  return stacks;
}

function readManifests(root: string, dist: string): Map<string, ManifestObject> {
  const manifests = new Map<string, ManifestObject>();
  for (const cluster of listDirs(dist)) {
    for (const path of yamlFiles(join(dist, cluster))) {
      const file = relative(root, path);
      for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
        if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
        const body = document.toJSON() as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | null;
        if (!body || typeof body !== 'object' || !body.kind || !body.metadata?.name) continue;
        const apiVersion = body.apiVersion ?? '';
        const namespace = body.metadata.namespace ?? '';
        const key = manifestKey(cluster, apiVersion, body.kind, namespace, body.metadata.name);
        manifests.set(key, { key, cluster, apiVersion, kind: body.kind, namespace, name: body.metadata.name, file, body });
      }
    }
  }
  return manifests;
}

/**
 * Reads a synthesized tree: a directory holding `cdktf.out/stacks/<stack>/cdk.tf.json` and/or
 * `dist/<cluster>/*.yaml`, or a directory that is itself a cdktf.out (has `stacks/`).
 */
export function readSynthTree(dir: string): SynthTree {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  const cdktfOut = existsSync(join(dir, 'cdktf.out', 'stacks')) ? join(dir, 'cdktf.out') : existsSync(join(dir, 'stacks')) ? dir : undefined;
  const dist = existsSync(join(dir, 'dist')) ? join(dir, 'dist') : undefined;
  if (!cdktfOut && !dist) throw new Error(`${dir} holds no synthesized output: expected cdktf.out/stacks/<stack>/cdk.tf.json, stacks/<stack>/cdk.tf.json or dist/<cluster>/*.yaml`);
  return {
    stacks: cdktfOut ? readStacks(cdktfOut) : new Map(),
    manifests: dist ? readManifests(dir, dist) : new Map(),
  };
}
