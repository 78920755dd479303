/**
 * What Terraform needs to follow a tenant from one state to another. `moved` blocks cannot cross states, and
 * `import` blocks need each resource's import id (unknowable for some, e.g. a Cloud Identity membership's
 * server-assigned name, or an add-on's resources), so the move is `terraform state mv` between the two state
 * files: it works for every resource type, because a tenant's addresses are the same in every shard.
 */
import { posix } from 'path';

/** A resource of a synthesized stack: its address and construct path. */
interface StackResource {
  readonly address: string;
  readonly path: string;
}

type StackJson = { resource?: Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>> };

function resourcesOf(stackJson: StackJson): StackResource[] {
  return Object.entries(stackJson.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ address: `${type}.${name}`, path: body['//']?.metadata?.path ?? '' })));
}

/**
 * The addresses of a tenant's resources in a synthesized tenant stack: its identity (`<stack>/<tenant>/...`) and
 * every add-on's per-tenant Terraform (`<stack>/AddOns/<add-on>/<tenant>/...`), sorted.
 */
export function tenantAddresses(stackJson: StackJson, stack: string, tenant: string): string[] {
  const own = `${stack}/${tenant}/`;
  const addOn = new RegExp(`^${escape(stack)}/AddOns/[^/]+/${escape(tenant)}/`);
  return resourcesOf(stackJson)
    .filter((r) => r.path.startsWith(own) || addOn.test(r.path))
    .map((r) => r.address)
    .sort();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface StateMoveScriptOptions {
  /** The tenant being moved. */
  readonly tenant: string;
  /** The stack (state) it was recorded in. */
  readonly from: string;
  /** The stack (state) it moves to. */
  readonly to: string;
  /** Its resources' addresses, the same in both states (`tenantAddresses`). */
  readonly addresses: readonly string[];
  /** Local state files (`terraform.<stack>.tfstate`, the default backend) or a remote backend (GCS). */
  readonly backend: 'local' | 'remote';
  /** From the script's folder (`<terraformOutdir>/state-moves/`) to the folder holding the local state files. */
  readonly stateDir: string;
  /** From the script's folder to `<terraformOutdir>/stacks/`. */
  readonly stacksDir: string;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A POSIX shell script that moves the tenant's resources from the `from` state to the `to` state, address for
 * address, without touching the cloud. Run once, after `plan --move-tenant` and before either stack is applied.
 */
export function stateMoveScript(options: StateMoveScriptOptions): string {
  const { tenant, from, to } = options;
  const header = [
    '#!/bin/sh',
    `# Moves tenant ${tenant}'s Terraform resources from state ${from} to state ${to} (written by \`plan --move-tenant\`).`,
    "# The addresses are the same in both states (a tenant's construct path does not include its stack), so after",
    `# this script \`terraform plan\` in ${to} and in ${from} shows no change for ${tenant}. Run it once, before applying either stack.`,
    'set -eu',
    'cd "$(dirname "$0")"',
  ];
  const moves = (src: string, dst: string) => options.addresses.map((a) => `terraform state mv -state=${src} -state-out=${dst} ${quote(a)} ${quote(a)}`);
  if (options.backend === 'local') {
    const src = quote(posix.join(options.stateDir, `terraform.${from}.tfstate`));
    const dst = quote(posix.join(options.stateDir, `terraform.${to}.tfstate`));
    return [...header, `# Local state files; each \`state mv\` keeps a timestamped backup beside them.`, ...moves(src, dst), `echo 'moved ${options.addresses.length} resource(s) of ${tenant} to ${to}'`, ''].join('\n');
  }
  const stack = (name: string) => quote(posix.join(options.stacksDir, name));
  return [
    ...header,
    '# Remote state: pull both, move locally, push the target first (if the source push then fails, remove the',
    '# addresses from the source with `terraform state rm`), then the source.',
    'work=$(mktemp -d)',
    `(cd ${stack(from)} && terraform init -input=false >/dev/null && terraform state pull > "$work/from.tfstate")`,
    `(cd ${stack(to)} && terraform init -input=false >/dev/null && terraform state pull > "$work/to.tfstate")`,
    '# A new shard has no state yet: let `state mv` create it.',
    '[ -s "$work/to.tfstate" ] || rm -f "$work/to.tfstate"',
    ...moves('"$work/from.tfstate"', '"$work/to.tfstate"'),
    `(cd ${stack(to)} && terraform state push "$work/to.tfstate")`,
    `(cd ${stack(from)} && terraform state push "$work/from.tfstate")`,
    `echo 'moved ${options.addresses.length} resource(s) of ${tenant} to ${to}'`,
    '',
  ].join('\n');
}
