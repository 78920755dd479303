import { stringify } from 'yaml';

/** A stack of cdktf's manifest.json: its folder and the stacks it depends on. */
export interface ManifestStack {
  /** Folder of the stack's cdk.tf.json, relative to the Terraform outdir (`stacks/<stack>`). */
  readonly workingDirectory: string;
  /** Stacks that must be applied before it. @default none */
  readonly dependencies?: readonly string[];
}

/**
 * An Atlantis repo config (version 3) for the synthesized stacks: one project per stack, in the stack's folder
 * (`dirPrefix/stacks/<stack>`), `depends_on` its direct dependencies, and `execution_order_group` the length of its
 * longest dependency chain, so Atlantis plans and applies a group's independent stacks in parallel and the groups in
 * the stacks' order. Each project's plan runs the synthesized JSON as is: commit the Terraform outdir, or run
 * `gke-platform synth --only terraform` in a custom workflow first.
 */
export function atlantisConfig(stacks: Readonly<Record<string, ManifestStack>>, dirPrefix: string): string {
  const names = Object.keys(stacks).sort();
  const depth = new Map<string, number>();
  const depthOf = (name: string, seen: readonly string[] = []): number => {
    if (depth.has(name)) return depth.get(name)!;
    if (seen.includes(name)) throw new Error(`stack dependency cycle: ${[...seen, name].join(' -> ')}`);
    const deps = (stacks[name]?.dependencies ?? []).filter((d) => d in stacks);
    const value = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => depthOf(d, [...seen, name])));
    depth.set(name, value);
    return value;
  };
  const projects = names
    .map((name) => ({
      name,
      dir: [dirPrefix, stacks[name].workingDirectory].filter((p) => p && p !== '.').join('/'),
      execution_order_group: depthOf(name),
      ...((stacks[name].dependencies ?? []).length > 0 ? { depends_on: [...(stacks[name].dependencies ?? [])].filter((d) => d in stacks).sort() } : {}),
      autoplan: { when_modified: ['cdk.tf.json'], enabled: true },
    }))
    .sort((a, b) => a.execution_order_group - b.execution_order_group || a.name.localeCompare(b.name));
  const header = '# Written by `gke-platform atlantis` from the synthesized stacks: one project per Terraform state.\n# Do not edit: synthesize and run it again.\n';
  return header + stringify({ version: 3, automerge: false, parallel_plan: true, parallel_apply: true, projects });
}
