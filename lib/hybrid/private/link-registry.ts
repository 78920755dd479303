import { IConstruct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { BgpLinkRecord, validateLinkCollisions } from '../../domain/hybrid/bgp-link-rules';

/** Links declare their BGP /30s under this symbol so siblings in the stack can check for collisions. */
const LINKS = Symbol.for('gke-platform-cdk.hybrid.bgp-links');

interface WithLinks {
  [LINKS]?: readonly BgpLinkRecord[];
}

/**
 * Records the construct's /30s and adds a synth-time validation against every other hybrid link in the same
 * stack (a shared existing Cloud Router or AWS gateway). Links in other stacks are the IP plan's job.
 */
export function registerBgpLinks(owner: IConstruct, records: readonly BgpLinkRecord[]): void {
  (owner as unknown as WithLinks)[LINKS] = records;
  owner.node.addValidation({
    validate: () => {
      const all = TerraformStack.of(owner)
        .node.findAll()
        .flatMap((c) => (c as unknown as WithLinks)[LINKS] ?? []);
      return validateLinkCollisions(owner.node.path, all).map((i) => `${i.path}: ${i.field} ${JSON.stringify(i.value)} ${i.problem}; ${i.fix}`);
    },
  });
}
