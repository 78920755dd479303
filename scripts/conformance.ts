/**
 * `npm run conformance`: judges the synthesized output with tools no one here wrote.
 *   1. terraform validate (or OpenTofu) with the real providers, built from source, on every stack;
 *   2. a real kube-apiserver (on kine) per cluster: the deploy rehearsal (each stage of the cluster's folders applied as
 *      Config Sync applies it, the prerequisites' CRDs from their pinned releases in between), then the tenant suite;
 *   3. a real Vault (dev mode) per target with a Vault stack: the stack replayed, then each tenant's token and, with
 *      each cluster's API server up, each tenant's Kubernetes login, against its own and every other tenant's paths;
 *   4. checkov, offline, over every stack and manifest, against the committed skip file.
 * Targets: the bundled example and every app under examples/. Tools are built once per machine into a cache
 * (scripts/conformance/tools.sh); `--tools-only` builds them and stops. Writes report/conformance.md.
 * Exit 1 on any unexplained failure; a target that could not be judged is listed, never counted as passed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { runCheckov, readSkips, CheckovSkip } from './conformance/checkov-judge';
import { tenantCorpus } from './conformance/corpus';
import { Judgement } from './conformance/judgement';
import { installCrdBuild } from './conformance/crd-install';
import { DeployRehearsal } from './conformance/deploy-rehearsal';
import { runTenantSuite } from './conformance/kube-judge';
import { KubeServer } from './conformance/kube-server';
import { conformancePassed, summaryMarkdown, summaryTable } from './conformance/summary';
import { clustersOf, stacksOf, synthesizeTargets, Target } from './conformance/targets';
import { validateStack, writeCliConfig } from './conformance/terraform-judge';
import { buildTools, builtTool, crdBuilds, ToolName, toolVersion } from './conformance/tools';
import { VaultTargetJudge } from './conformance/vault-judge';
import { VaultServer } from './conformance/vault-server';

// Nothing of conformance leaves the machine: no update checks by Terraform or cdktf in any child process.
process.env.CHECKPOINT_DISABLE = '1';

const ROOT = resolve(__dirname, '..');
const WORK_DIR = join(ROOT, 'conformance-out');
const SKIP_FILE = join(ROOT, 'conformance', 'checkov-skips.json');
const started = Date.now();
/** Tools CI builds only when asked (their cold builds are the longest), with the variable that asks. */
const CI_OPTIONAL_TOOLS: readonly { tool: ToolName; optIn: string }[] = [
  { tool: 'provider-aws', optIn: 'CONFORMANCE_BUILD_AWS' },
  { tool: 'vault', optIn: 'CONFORMANCE_BUILD_VAULT' },
];
const log = (line: string) => console.log(`[conformance ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);

/** The target's Vault stack (a stack with `vault_*` resources), when it has one. */
function vaultStackOf(target: Target): string | undefined {
  return stacksOf(target).find(({ file }) => Object.keys(VaultTargetJudge.read(file).resource ?? {}).some((type) => type.startsWith('vault_')))?.file;
}

/** A Vault for the target's Vault stack, replayed and judged per tenant; undefined when it has none or Vault is not built. */
async function startVault(target: Target, judgements: Judgement[]): Promise<{ server: VaultServer; judge: VaultTargetJudge } | undefined> {
  const stackFile = vaultStackOf(target);
  if (!stackFile) return undefined;
  const vault = builtTool('vault');
  if (!vault) {
    for (const judge of ['vault apply', 'vault tenant suite'] as const)
      judgements.push({
        judge,
        version: toolVersion('vault'),
        target: target.name,
        checked: 0,
        passed: 0,
        failed: 0,
        skipped: 0,
        failures: [],
        notJudged: 'not built: vault (CI builds it only when cached or with CONFORMANCE_BUILD_VAULT=1; npm run conformance -- --tools-only builds it)',
        notJudgedBecause: 'ci-optional-build',
      });
    return undefined;
  }
  const server = new VaultServer(join(vault, 'vault'), join(WORK_DIR, 'vault', target.name));
  log(`${target.name}: starting a fresh Vault and replaying its Vault stack`);
  await server.start();
  const judge = new VaultTargetJudge(server, VaultTargetJudge.read(stackFile), target.name, toolVersion('vault'));
  await judge.replayPlatform();
  await judge.tenantSuite();
  return { server, judge };
}

async function judgeClusters(targets: ReturnType<typeof synthesizeTargets>, judgements: Judgement[]): Promise<void> {
  const kine = builtTool('kine');
  const kubernetes = builtTool('kubernetes');
  const version = `${toolVersion('kubernetes')} on ${toolVersion('kine')}`;
  for (const target of targets) {
    const vault = await startVault(target, judgements);
    try {
      await judgeTargetClusters(target, judgements, { kine, kubernetes, version }, vault?.judge);
    } finally {
      await vault?.server.stop();
    }
    if (vault) judgements.push(...vault.judge.judgements());
  }
}

async function judgeTargetClusters(target: Target, judgements: Judgement[], tools: { kine?: string; kubernetes?: string; version: string }, vault: VaultTargetJudge | undefined): Promise<void> {
  const { kine, kubernetes, version } = tools;
  for (const folders of clustersOf(target)) {
    const { cluster, objects } = folders;
    const name = `${target.name}/${cluster}`;
    if (!kine || !kubernetes) {
      const notJudged = `not built: ${[!kine && 'kine', !kubernetes && 'kubernetes'].filter(Boolean).join(', ')}`;
      for (const judge of ['kube-apiserver apply', 'kube-apiserver tenant suite'] as const) judgements.push({ judge, version, target: name, checked: 0, passed: 0, failed: 0, skipped: 0, failures: [], notJudged });
      continue;
    }
    log(`${name}: starting a fresh API server`);
    const server = new KubeServer({
      kineBinary: join(kine, 'kine'),
      apiserverBinary: join(kubernetes, 'kube-apiserver'),
      controllerManagerBinary: join(kubernetes, 'kube-controller-manager'),
      workDir: join(WORK_DIR, 'kube', target.name, cluster),
    });
    try {
      await server.start();
      log(`${name}: rehearsing the deploy of ${objects.length} objects in ${folders.stages.length} stage folder(s)`);
      judgements.push(await new DeployRehearsal(server, folders, name, version, crdBuilds()).run());
      const cases = tenantCorpus(target, cluster, objects);
      // After the rehearsal (which serves only what the platform installs): the Gateway API's kinds, which GKE serves
      // on a cluster that enables the Gateway API, so the policies' answers to tenants' routes are judged here too.
      const gatewayApi = builtTool('crds-gateway-api');
      const gatewayProblems = gatewayApi ? await installCrdBuild(server, gatewayApi) : ['crds-gateway-api not built (npm run conformance -- --tools-only)'];
      log(`${name}: ${cases.length} tenant suite cases${gatewayProblems.length > 0 ? ` (Gateway API kinds not served: ${gatewayProblems.join('; ')})` : ''}`);
      const suite = await runTenantSuite(server, cases, name, version);
      judgements.push(gatewayProblems.length > 0 && suite.notJudged ? { ...suite, notJudged: `${suite.notJudged} (Gateway API CRDs: ${gatewayProblems.join('; ')})` } : suite);
      if (vault) {
        log(`${name}: Vault Kubernetes auth against this API server`);
        await vault.clusterLogins(server, cluster, objects);
      }
    } finally {
      await server.stop();
    }
  }
}

const SECTION_START = '<!-- conformance:start -->';
const SECTION_END = '<!-- conformance:end -->';

/** The reviewer report (`npm run report`), when present, carries the latest conformance summary as a section. */
function includeInPlatformReport(reportFile: string, markdown: string): void {
  if (!existsSync(reportFile)) return;
  const report = readFileSync(reportFile, 'utf8');
  const section = `${SECTION_START}\n${markdown.replace(/^# Conformance/, '## Conformance')}\n${SECTION_END}`;
  const start = report.indexOf(SECTION_START);
  const end = report.indexOf(SECTION_END);
  const updated = start >= 0 && end > start ? `${report.slice(0, start)}${section}${report.slice(end + SECTION_END.length)}` : `${report.trimEnd()}\n\n${section}\n`;
  writeFileSync(reportFile, updated);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log("usage: npm run conformance [-- --tools-only | --no-build]\n  --tools-only  build the judges' tools (cached per machine) and stop\n  --no-build    judge with the tools already built; the rest are listed as not judged");
    return;
  }
  if (!args.includes('--no-build')) {
    // The AWS provider's and Vault's cold builds do not fit beside the rest in CI's 90 minutes on a fresh 2-core machine
    // (BENCHMARKS.md#conformance): CI uses each when the machine's cache has it (or its variable asks for the build)
    // and lists what needs it as not judged otherwise. Everywhere else every tool is built.
    const skipped = process.env.CI === 'true' ? CI_OPTIONAL_TOOLS.filter(({ tool, optIn }) => process.env[optIn] !== '1' && !builtTool(tool)) : [];
    log(`building missing tools (scripts/conformance/tools.sh)${skipped.map(({ tool, optIn }) => `; not ${tool} in CI (${optIn}=1 builds it)`).join('')}`);
    const built = buildTools(skipped.map(({ tool }) => tool));
    if (!built) log('some tools failed to build: what needs them is listed as not judged');
  }
  if (args.includes('--tools-only')) return;

  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const targets = synthesizeTargets(join(WORK_DIR, 'targets'), log);
  const judgements: Judgement[] = [];

  log('terraform validate on every stack');
  const cliConfig = writeCliConfig(WORK_DIR);
  for (const target of targets) for (const { stack, file } of stacksOf(target)) judgements.push(validateStack(file, `${target.name}/${stack}`, WORK_DIR, cliConfig));

  await judgeClusters(targets, judgements);

  log('checkov over every stack and manifest');
  const skips = readSkips(SKIP_FILE);
  const used = new Set<CheckovSkip>();
  const checkov = builtTool('checkov');
  if (!checkov) judgements.push({ judge: 'checkov', version: toolVersion('checkov'), target: 'all targets', checked: 0, passed: 0, failed: 0, skipped: 0, failures: [], notJudged: 'checkov not built' });
  else judgements.push(...runCheckov(join(checkov, 'venv', 'bin', 'python3'), join(WORK_DIR, 'targets'), toolVersion('checkov'), skips, used));

  console.log(`\n${summaryTable(judgements)}\n`);
  for (const j of judgements.filter((j) => j.notJudged)) console.log(`NOT JUDGED ${j.judge}: ${j.target}: ${j.notJudged}${j.notJudgedBecause ? ` [${j.notJudgedBecause}]` : ' [fails conformance]'}`);
  for (const j of judgements) for (const caveat of j.caveats ?? []) console.log(`CAVEAT ${j.judge}: ${j.target}: ${caveat}`);
  for (const j of judgements) for (const failure of j.failures) console.log(`FAILED ${j.judge}: ${failure}`);
  const markdown = summaryMarkdown(
    judgements,
    skips.map((s) => ({ ...s, used: used.has(s) })),
  );
  mkdirSync(join(ROOT, 'report'), { recursive: true });
  writeFileSync(join(ROOT, 'report', 'conformance.md'), markdown);
  includeInPlatformReport(join(ROOT, 'report', 'platform-report.md'), markdown);
  writeFileSync(join(WORK_DIR, 'judgements.json'), JSON.stringify(judgements, null, 2));
  const passed = conformancePassed(judgements);
  log(`${passed ? 'PASSED' : 'FAILED'}; report/conformance.md written`);
  // The plain closing line CI reads: objects judged in all, failures, findings accepted with a reason.
  const total = (key: 'passed' | 'failed' | 'skipped') => judgements.reduce((n, j) => n + j[key], 0);
  console.log(`conformance: ${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`);
  if (!passed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`conformance: ${(error as Error).message}`);
  process.exitCode = 1;
});
