import { dirname, join } from 'path';
import { AddOnRules, addOnAdmissionCases } from '../../lib/domain/addons/add-on-rules';
import { admissionCorpus } from '../../lib/domain/isolation/admission-corpus';
import { AdmissionCase } from '../../lib/domain/isolation/admission-case';
import { loadPlatform } from '../../lib/platform/load-platform';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';
import { Target } from './targets';

/** What a target's platform module exports (the CLI's definition module, plus its lock file when it is elsewhere). */
interface PlatformModule {
  readonly platform: PlatformDefinition;
  readonly lockFile?: string;
  readonly addOns?: readonly AddOnRules<any>[];
}

/**
 * The adversarial tenant suite of one cluster: the corpus the CEL tests answer in `npm test` (lib/domain/isolation),
 * built from the target's platform definition and the cluster's synthesized manifests, plus its add-ons' cases.
 */
export function tenantCorpus(target: Target, cluster: string, objects: readonly Record<string, unknown>[]): AdmissionCase[] {
  if (!target.platformModule) {
    throw new Error(
      `${target.name} writes manifests for ${cluster} but has no platform.ts beside its main.ts: export \`platform\` (and \`addOns\`, \`lockFile\`) from one, as examples/single-region does, so the tenant suite can be derived`,
    );
  }
  const module = require(target.platformModule) as PlatformModule;
  const addOns = module.addOns ?? [];
  const loaded = loadPlatform(module.platform, { lockFile: module.lockFile ?? join(dirname(target.platformModule), 'ip-plan.lock.json'), frozen: true, record: false, addOns, log: () => undefined });
  const clusterPlan = loaded.plan.clusters.find((c) => c.name === cluster);
  if (!clusterPlan) throw new Error(`${target.name}: dist/${cluster} has no cluster of that name in ${target.platformModule}`);
  return [...admissionCorpus(cluster, objects, module.platform), ...addOnAdmissionCases(loaded.plan, clusterPlan, addOns)];
}
