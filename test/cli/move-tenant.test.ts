import { spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { stateMoveScript, tenantAddresses } from '../../cli/state-moves';
import { cli, exampleProject, ROOT } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

const WITH_ALERTS = `import { tenantAlerts } from ${JSON.stringify(join(ROOT, 'examples/tenant-alerts/tenant-alerts-add-on'))};
export const platform = { ...example, addOns: [{ name: 'tenant-alerts' }] };
export const addOns = [tenantAlerts];`;
const FROM = 'drive-tenants';
const TO = 'drive-tenants-drive-payments-prod-1';

const stackJson = (dir: string, stack: string) => JSON.parse(readFileSync(join(dir, 'cdktf.out/stacks', stack, 'cdk.tf.json'), 'utf8'));
const allAddresses = (json: { resource?: Record<string, Record<string, unknown>> }) =>
  Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();

/** A Terraform state holding these addresses (what an apply of the stack would have left). */
function fakeState(addresses: string[], lineage: string): string {
  const resources = addresses.map((address) => {
    const [type, name] = address.split('.');
    return { mode: 'managed', type, name, provider: 'provider["registry.terraform.io/hashicorp/google"]', instances: [{ schema_version: 0, attributes: { id: address }, sensitive_attributes: [] }] };
  });
  return JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage, outputs: {}, resources });
}

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

describe('plan --move-tenant', () => {
  const { dir } = exampleProject(WITH_ALERTS);
  expect(cli(dir, ['synth', '--only', 'terraform']).status).toBe(0);
  const before = stackJson(dir, FROM);
  const moving = tenantAddresses(before, FROM, 'payments');
  writeFileSync(join(dir, `terraform.${FROM}.tfstate`), fakeState(allAddresses(before), 'source-lineage'));
  const result = cli(dir, ['plan', '--move-tenant', 'payments', '--to', TO]);
  const script = join(dir, 'cdktf.out/state-moves', `payments-to-${TO}.sh`);

  test('records the move, synthesizes the Terraform and says what to run', () => {
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'platform/tenant-states.lock.json'), 'utf8')).tenants).toMatchObject({ payments: TO, mapping: FROM });
    expect(result.stdout).toContain(`plan: recorded payments: ${FROM} -> ${TO}`);
    expect(result.stdout).toContain(`plan: ${moving.length} resource(s) move; before applying either stack, run cdktf.out/state-moves/payments-to-${TO}.sh`);
    expect(existsSync(script)).toBe(true);
  });

  test("the tenant's addresses (identity and add-on Terraform) are the same in the new state, and gone from the old", () => {
    // Identity: service accounts, bindings, roles, viewers; add-on: its Pub/Sub topic.
    expect(moving.some((a) => a.startsWith('google_pubsub_topic.'))).toBe(true);
    expect(moving.some((a) => a.startsWith('google_service_account.'))).toBe(true);
    expect(tenantAddresses(stackJson(dir, TO), TO, 'payments')).toEqual(moving);
    expect(allAddresses(stackJson(dir, FROM))).toEqual(allAddresses(before).filter((a) => !moving.includes(a)));
  });

  (terraform ? test : test.skip)('the script moves exactly those resources between the two local state files (real terraform)', () => {
    const run = spawnSync('sh', [script], { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const list = (stack: string) =>
      spawnSync('terraform', ['state', 'list', `-state=terraform.${stack}.tfstate`], { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } })
        .stdout.trim()
        .split('\n')
        .sort();
    // After the move each state holds exactly what its stack now declares: `terraform plan` has nothing to add or destroy.
    expect(list(TO)).toEqual(allAddresses(stackJson(dir, TO)));
    expect(list(FROM)).toEqual(allAddresses(stackJson(dir, FROM)));
  });

  test('throws when CI=true, naming the command to run on a workstation', () => {
    const ci = cli(dir, ['plan', '--move-tenant', 'payments', '--to', `${TO}x`], { CI: 'true' });
    expect(ci.status).toBe(1);
    expect(ci.stderr).toContain('moving a tenant between states is a deliberate act, refused with CI=true\n');
    expect(ci.stderr).toContain(`fix: run \`npx gke-platform plan --move-tenant payments --to ${TO}x\` on your machine`);
  });

  test('throws when --to is missing', () => {
    expect(cli(dir, ['plan', '--move-tenant', 'payments']).stderr).toMatch(/--move-tenant and --to go together\n\s+fix: give both: --move-tenant <tenant> --to <stack>/);
  });

  test('throws when the tenant is not defined, naming the tenants', () => {
    expect(cli(dir, ['plan', '--move-tenant', 'nobody', '--to', TO]).stderr).toMatch(/tenant nobody is not in the definition\n\s+fix: name one of mapping, routing, simulation, ml-training, payments/);
  });
});

describe('the state-move script for remote state', () => {
  test('pulls both states, moves address for address, and pushes the target before the source', () => {
    const text = stateMoveScript({ tenant: 't', from: 'a', to: 'b', addresses: ['x.one', 'y.two'], backend: 'remote', stateDir: '../..', stacksDir: '../stacks' });
    const lines = text.split('\n');
    const index = (pattern: string) => lines.findIndex((l) => l.includes(pattern));
    expect(index("(cd '../stacks/a' && terraform init")).toBeLessThan(index('terraform state mv'));
    expect(text).toContain(`terraform state mv -state="$work/from.tfstate" -state-out="$work/to.tfstate" 'x.one' 'x.one'`);
    expect(index(`(cd '../stacks/b' && terraform state push`)).toBeLessThan(index(`(cd '../stacks/a' && terraform state push`));
  });
});
