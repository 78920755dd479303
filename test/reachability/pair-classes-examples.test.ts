import { platformIntents, platformIntentSet } from '../../lib/domain/reachability/derive-intents';
import { readSynthesized } from '../../lib/domain/reachability/read-synthesized';
import { verifyIntents, verifyIntentSet } from '../../lib/domain/reachability/verify-intents';
import { synthesisContext } from '../../lib/report/verify-connectivity';
import { synthesizedExample, synthesizedMeshExample } from './example-model';

/*
 * On the bundled example's real output, without and with its add-ons (Istio, Vault, Spinnaker): the tenant pairs
 * judged by classes (what `gke-platform synth` and `verify` run) give every verdict that judging each pair gives.
 */
describe.each([
  ['the example', () => ({ ...synthesizedExample(), addOnIntents: [] })],
  ['the example with its mesh', () => synthesizedMeshExample()],
])('%s: tenant pairs by classes', (_, build) => {
  test('same counts, failures, accepted gaps and verdicts as pair by pair', () => {
    const { definition, output, addOnIntents } = build();
    const judge = () => readSynthesized(output, synthesisContext(definition));
    const byClasses = verifyIntentSet(judge(), platformIntentSet(definition, addOnIntents));
    const pairwise = verifyIntents(judge(), platformIntents(definition, addOnIntents));
    expect(byClasses.counts).toEqual(pairwise.counts);
    expect(byClasses.counts.intents).toBeGreaterThan(20);
    expect(byClasses.failures).toEqual(pairwise.failures);
    expect(byClasses.accepted).toEqual(pairwise.accepted);
    expect(byClasses.verdicts).toEqual(pairwise.verdicts);
  });
});
