/**
 * Trust continuity between cluster generations, judged on the synthesized output: everything bound to one
 * generation's identity (its name in a Vault auth mount and roles, CD accounts, firewall rules, Shared VPC grants;
 * its control-plane range in advertisements and firewall sources; its authorized networks) must have its
 * counterpart for every generation that receives traffic. The plan derives counterparts by construction; this
 * proves the written output holds them, whoever wrote it (a hand edit, an add-on that keys by cluster, a stale side).
 * Pure: the plan and the parsed output in, the missing counterparts out.
 */
import type { SynthesizedPlatform } from '../reachability/read-synthesized';
import type { ClusterPlan, PlatformPlan } from './platform-plan';

/** One thing a generation receiving traffic lacks. */
export interface MissingCounterpart {
  /** The generation that lacks it (its cluster name, e.g. `prod-usc1-b`). */
  readonly generation: string;
  /** The sibling generation whose thing has no counterpart (e.g. `prod-usc1`). */
  readonly sibling: string;
  /** What kind of thing: its stack, a Terraform resource, a manifest value, a range, an authorized network. */
  readonly kind: 'stack' | 'terraform-resource' | 'manifest-value' | 'range' | 'authorized-network';
  /** The sibling's thing, e.g. `drive-vault/Role-mapping-prod-usc1`. */
  readonly found: string;
  /** The counterpart expected for the generation, e.g. `drive-vault/Role-mapping-prod-usc1-b`. */
  readonly expected: string;
  /** The whole finding in one line: generation, traffic, what is missing, where, and the fix. */
  readonly message: string;
}

/** A Terraform resource of the output: its stack, type, construct path and body as JSON text. */
interface OutputResource {
  readonly stack: string;
  readonly type: string;
  readonly path: string;
  readonly text: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * Every counterpart missing for a generation that receives traffic (trafficWeight > 0), against each active sibling
 * generation of the same cluster. A generation without traffic is not judged yet: it is being built. Empty when the
 * plan has no generations (nothing is read then).
 */
export function findMissingCounterparts(plan: Pick<PlatformPlan, 'clusters'>, output: SynthesizedPlatform): MissingCounterpart[] {
  const byCluster = new Map<string, ClusterPlan[]>();
  for (const cluster of plan.clusters) if (cluster.generation) byCluster.set(cluster.generation.cluster, [...(byCluster.get(cluster.generation.cluster) ?? []), cluster]);
  if (![...byCluster.values()].some((g) => g.length > 1)) return [];
  const known = plan.clusters.map((c) => c.name);
  const resources = outputResources(output);
  const paths = new Set(resources.map((r) => r.path));
  const stacks = new Set(output.stacks.map((s) => s.name));
  const clusterStacks = new Set(plan.clusters.map((c) => c.stack));
  const values = new Set<string>();
  const valuesByFolder = output.manifests.map((m) => ({ cluster: m.cluster, values: stringValues(m.objects) }));
  for (const folder of valuesByFolder) for (const value of folder.values) values.add(value);
  const missing: MissingCounterpart[] = [];
  for (const generations of byCluster.values()) {
    for (const target of generations.filter((g) => g.generation!.trafficWeight > 0)) {
      const add = (sibling: ClusterPlan, kind: MissingCounterpart['kind'], found: string, expected: string, what: string) =>
        missing.push({
          generation: target.name,
          sibling: sibling.name,
          kind,
          found,
          expected,
          message:
            `generation ${target.generation!.name} of ${target.generation!.cluster} (${target.name}, ${target.generation!.trafficWeight}% of traffic) lacks the counterpart of ${what} ${JSON.stringify(found)} of ${sibling.name}: ` +
            `expected ${JSON.stringify(expected)}; synthesize both sides again (gke-platform synth), and if it is still missing, give ${target.name} its own (whatever makes it for ${sibling.name} must make it per cluster) or set its trafficWeight to 0 until it has it`,
        });
      if (!stacks.has(target.stack)) {
        const sibling = generations.find((g) => g !== target)!;
        add(sibling, 'stack', sibling.stack, target.stack, 'its cluster stack');
        continue;
      }
      for (const sibling of generations.filter((g) => g !== target)) {
        const others = known.filter((name) => name !== sibling.name);
        for (const resource of resources) {
          if (resource.stack === sibling.stack) continue;
          const expected = substitute(resource.path, sibling.name, target.name, others);
          if (expected !== undefined && !paths.has(expected)) add(sibling, 'terraform-resource', resource.path, expected, `the ${resource.type}`);
        }
        for (const folder of valuesByFolder) {
          for (const value of folder.values) {
            const expected = substitute(value, sibling.name, target.name, others);
            if (expected !== undefined && !values.has(expected)) add(sibling, 'manifest-value', value, expected, `the value in dist/${folder.cluster}`);
          }
        }
        for (const [role, from, to] of rangePairs(sibling, target)) {
          for (const resource of resources) {
            // Another cluster's stack names a generation's range for what runs there (a CD system's pods): not identity.
            if (clusterStacks.has(resource.stack) || !resource.text.includes(`"${from}"`)) continue;
            // In the same resource (an advertisement lists both), or in one of its own named after it (a firewall rule per
            // control plane, `AllowControlPlane-<range>` or `...-<cluster>`).
            const ownPath = rangeCounterpartPath(resource.path, from, to, substitute(resource.path, sibling.name, target.name, others));
            const counterpart =
              resource.text.includes(`"${to}"`) ||
              resources.some((r) => r.stack === resource.stack && r.type === resource.type && r.text.includes(`"${to}"`) && !r.text.includes(`"${from}"`) && (ownPath === undefined || r.path === ownPath));
            if (!counterpart) add(sibling, 'range', `${resource.path}: ${from}`, `${to} in a ${resource.type} of ${resource.stack}`, `${role} in the ${resource.type}`);
          }
        }
        // Each control plane admits its own nodes and pods; an entry for a generation's own ranges is not identity.
        const own = new Set([sibling, target].flatMap((c) => [c.subnet.cidr, c.podRange.cidr, ...c.additionalPodRanges.map((r) => r.cidr)]));
        const targetNetworks = new Set(authorizedNetworks(resources, target.stack).map((n) => n.name));
        for (const network of authorizedNetworks(resources, sibling.stack)) {
          if (own.has(network.cidr)) continue;
          const expected = substitute(network.name, sibling.name, target.name, others) ?? network.name;
          if (!targetNetworks.has(expected)) add(sibling, 'authorized-network', `${network.name} (${network.cidr})`, `${expected} on ${target.name}'s control plane`, 'the authorized network');
        }
      }
    }
  }
  return missing;
}

/** The ranges whose every use outside the cluster's own stack needs a counterpart: control plane, nodes, pods. */
function rangePairs(sibling: ClusterPlan, target: ClusterPlan): [string, string, string][] {
  return [
    ['the control-plane range', sibling.controlPlane.cidr, target.controlPlane.cidr],
    ['the node range', sibling.subnet.cidr, target.subnet.cidr],
    ['the pod range', sibling.podRange.cidr, target.podRange.cidr],
  ];
}

/** A range as construct ids spell it: `172.16.0.0/28` is `172-16-0-0-28`. */
function rangeSlug(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

/** The path a resource of the target's own must have when the sibling's is named after its range or its name. */
function rangeCounterpartPath(path: string, from: string, to: string, renamed: string | undefined): string | undefined {
  if (path.includes(rangeSlug(from))) return path.split(rangeSlug(from)).join(rangeSlug(to));
  return renamed;
}

/** The authorized networks (display name, CIDR) on the control plane of the cluster in a stack. */
function authorizedNetworks(resources: readonly OutputResource[], stack: string): { name: string; cidr: string }[] {
  const clusters = resources.filter((r) => r.stack === stack && r.type === 'google_container_cluster');
  return clusters.flatMap((c) => {
    const config = c.body.master_authorized_networks_config as { cidr_blocks?: readonly { display_name?: string; cidr_block?: string }[] } | undefined;
    return (config?.cidr_blocks ?? []).map((b) => ({ name: b.display_name ?? '', cidr: b.cidr_block ?? '' }));
  });
}

/** Every Terraform resource of the output with its construct path (`//.metadata.path`, else `<stack>/<type>.<key>`). */
function outputResources(output: SynthesizedPlatform): OutputResource[] {
  return output.stacks.flatMap((stack) =>
    Object.entries(stack.json.resource ?? {}).flatMap(([type, byKey]) =>
      Object.entries(byKey).map(([key, body]) => {
        const meta = (body['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path;
        return { stack: stack.name, type, path: meta ?? `${stack.name}/${type}.${key}`, text: JSON.stringify(body), body };
      }),
    ),
  );
}

/** Every string value (object keys excepted) of the manifest objects, once each. */
function stringValues(objects: readonly unknown[]): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  objects.forEach(walk);
  return found;
}

/** A name's boundaries: not inside a longer run of lower-case letters and digits. */
const NAME_CHAR = /[a-z0-9]/;

/**
 * `text` with every mention of the cluster name `from` replaced by `to`, or undefined when it mentions none. A
 * mention is the name with no letter or digit on either side, and not part of another known cluster's name
 * (`prod-usc1` in `prod-usc1-b` is prod-usc1-b's).
 */
function substitute(text: string, from: string, to: string, others: readonly string[]): string | undefined {
  if (!text.includes(from)) return undefined;
  const covered: [number, number][] = [];
  for (const other of others) {
    if (other.length <= from.length || !other.includes(from)) continue;
    for (let i = text.indexOf(other); i >= 0; i = text.indexOf(other, i + 1)) covered.push([i, i + other.length]);
  }
  let result = '';
  let last = 0;
  let mentioned = false;
  for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1)) {
    const end = i + from.length;
    if ((i > 0 && NAME_CHAR.test(text[i - 1])) || (end < text.length && NAME_CHAR.test(text[end]))) continue;
    if (covered.some(([start, stop]) => start <= i && end <= stop)) continue;
    result += text.slice(last, i) + to;
    last = end;
    mentioned = true;
  }
  return mentioned ? result + text.slice(last) : undefined;
}
