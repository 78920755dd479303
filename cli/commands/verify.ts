import { addOnConnectivityIntents } from '../../lib/domain/addons/add-on-rules';
import { formatVerification, VerificationResult, verificationJson, verificationSummaryLine } from '../../lib/domain/reachability/verify-intents';
import { synthesisContext, verifyConnectivity, verifySynthesized } from '../../lib/report/verify-connectivity';
import { verifyGenerationCounterparts } from '../../lib/report/verify-generations';
import { platformIntentSet } from '../../lib/domain/reachability/derive-intents';
import { phase } from '../../lib/report/phase-timing';
import { readStagedOutput } from '../incremental/staged-output';
import { codeVersion } from '../incremental/code-version';
import { VerifyCache, verdictKey } from '../incremental/verify-cache';
import type { StagedSynth } from '../synth-stage';
import { CliContext, Command, parseCommandArgs } from '../command';
import { loadConfig, ResolvedConfig } from '../config';
import { ConfiguredPlatform, loadConfiguredPlatform } from '../platform-source';

/**
 * Judges every connectivity intent (derived from the definition, declared in it, contributed by its add-ons)
 * on the synthesized output in the configuration's folders (or `folders`: a staged synth's scratch folders). What `verify` prints and `synth` runs after writing.
 */
export function verifyConfigured(config: ResolvedConfig, configured: ConfiguredPlatform, env: NodeJS.ProcessEnv, folders?: { readonly cdktfOut: string; readonly dist: string }): VerificationResult {
  return verifyConnectivity(configured.platform.definition, {
    cdktfOut: folders?.cdktfOut ?? env.CDKTF_OUTDIR ?? config.terraformOutdir,
    dist: folders?.dist ?? env.CDK8S_OUTDIR ?? config.manifestsOutdir,
    addOnIntents: addOnConnectivityIntents(configured.platform.plan, configured.addOns),
    addOnAuthorizedNetworks: configured.platform.plan.addOnTraffic.authorizedNetworks,
  });
}

/**
 * Judges every connectivity intent on a staged synth (both sides): the scratch folders' files and, for an
 * incremental synth, the reused files of the output folders (incremental/staged-output.ts). With a cache
 * (incremental/verify-cache.ts), files whose bytes it knows are not read, and when nothing the model reads and no
 * intent changed, the verdicts are reused; the cache then holds this run's files and verdicts for the next.
 */
export function verifyStaged(configured: ConfiguredPlatform, staged: Required<Pick<StagedSynth, 'terraform' | 'manifests'>>, cache?: VerifyCache): VerificationResult {
  const { definition, plan } = configured.platform;
  const addOnIntents = addOnConnectivityIntents(plan, configured.addOns);
  const authorized = plan.addOnTraffic.authorizedNetworks;
  const { output, parts, complete } = phase('verify:read', () => readStagedOutput(staged, cache));
  const judge = () => verifySynthesized(definition, output, addOnIntents, authorized).result;
  if (!cache || !complete) return judge();
  // The verdicts depend on the intents and on what the model reads: the definition's other fields (a quota, a group) do not count.
  const key = verdictKey(codeVersion(), [platformIntentSet(definition, addOnIntents, authorized), synthesisContext(definition)], parts);
  const known = cache.verdictsFor(key);
  let result: VerificationResult;
  if (known) {
    // The full list of verdicts (for a matrix or a report) is judged only if asked for.
    let full: VerificationResult | undefined;
    result = {
      counts: known.counts,
      failures: known.failures,
      accepted: known.accepted,
      get inIntentOrder() {
        return (full ??= judge()).inIntentOrder;
      },
      get verdicts() {
        return (full ??= judge()).verdicts;
      },
    };
  } else {
    result = judge();
  }
  cache.remember(key, result);
  cache.save();
  return result;
}

/** Unmet intents (not accepted) on stderr, each with its decisive hop; true when there are any. */
export function reportFailures(command: string, result: VerificationResult, context: CliContext): boolean {
  if (result.failures.length === 0) return false;
  context.err(
    `gke-platform ${command}: ${result.failures.length} connectivity intent(s) unmet:\n${result.failures.map((v) => `  ${v.message}`).join('\n')}\n  fix: change the platform so the path exists (or no longer exists), or accept the gap by id in acceptedConnectivityGaps\n`,
  );
  return true;
}

/** The line verify prints for a plan with generations: how many were judged and what they lack. */
function generationSummary(generations: number, missing: number): string {
  return `generations: ${generations} cluster generation(s), ${missing === 0 ? 'every identity-bound counterpart present for those receiving traffic' : `${missing} counterpart(s) missing`}`;
}

/** The last line of the text matrix: `38 of 38 intents met, 0 unmet, 0 accepted gap(s)`. */
export function verificationSummary(result: VerificationResult): string {
  return verificationSummaryLine(result);
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'judge every connectivity intent on the synthesized output and print the matrix',
  help: `usage: gke-platform verify [--json] [--quiet] [--config FILE]

Reads the synthesized Terraform JSON (<terraformOutdir>/stacks/*/cdk.tf.json) and manifests (<manifestsOutdir>/**.yaml),
builds the reachability model from them and judges every connectivity intent: those derived from the definition,
its connectivityIntents and its add-ons'. Prints the matrix (unmet first), and exits 1 on an unmet intent that is
not an accepted gap, naming the hop that decides it. \`synth\` runs the same check after writing both sides.
When clusters have generations, it also exits 1 when a generation receiving traffic lacks the counterpart of
anything bound to a sibling generation's identity (its stack, Vault auth mount and roles, CD accounts, firewall
rules, Shared VPC grants, authorized networks, control-plane, node and pod ranges in advertisements, firewall
sources and routes), naming the generation and what it lacks.

  --json           the verdicts as JSON, each with its path and decisive hop
  --quiet          only unmet intents and the summary
  --config FILE    a JSON platform configuration instead of package.json's "gkePlatform" field
  -h, --help       this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('verify', argv, { json: { type: 'boolean' }, quiet: { type: 'boolean' }, config: { type: 'string' } });
    if (values.help) return (context.out(`${this.help}\n`), 0);
    const config = loadConfig(context.cwd, values.config);
    const configured = loadConfiguredPlatform(config, { frozen: context.env.CI === 'true', record: false, log: (m) => context.err(`${m}\n`) });
    const result = verifyConfigured(config, configured, context.env);
    // Trust continuity: a generation receiving traffic holds every counterpart of its siblings' identity-bound output.
    const plan = configured.platform.plan;
    const generations = plan.clusters.filter((c) => c.generation !== undefined);
    const missing = verifyGenerationCounterparts(plan, context.env.CDKTF_OUTDIR ?? config.terraformOutdir, context.env.CDK8S_OUTDIR ?? config.manifestsOutdir);
    if (values.json) context.out(`${JSON.stringify(generations.length > 0 ? { ...(verificationJson(result) as object), generationCounterparts: missing } : verificationJson(result), null, 2)}\n`);
    else if (values.quiet) context.out(`${verificationSummary(result)}\n`);
    else context.out(`${formatVerification(result)}\n`);
    if (generations.length > 0 && !values.json) context.out(`${generationSummary(generations.length, missing.length)}\n`);
    const unmet = reportFailures('verify', result, context);
    if (missing.length > 0) {
      context.err(`gke-platform verify: ${missing.length} counterpart(s) missing for cluster generations that receive traffic:\n${missing.map((m) => `  ${m.message}`).join('\n')}\n`);
    }
    return unmet || missing.length > 0 ? 1 : 0;
  },
};
