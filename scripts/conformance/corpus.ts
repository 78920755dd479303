import { admissionCorpus } from '../../lib/domain/isolation/admission-corpus';
import { AdmissionCase } from '../../lib/domain/isolation/admission-case';
import { requirePlatformModule } from '../platform-module';
import { Target } from './targets';

/**
 * The adversarial tenant suite of one cluster: the same generated corpus the CEL tests answer in `npm test`
 * (lib/domain/isolation), built from the target's platform definition and the cluster's synthesized manifests.
 */
export function tenantCorpus(target: Target, cluster: string, objects: readonly Record<string, unknown>[]): AdmissionCase[] {
  if (!target.platformModule) throw new Error(`${target.name} writes manifests for ${cluster} but has no platform module (platform.ts) to derive the tenant suite from`);
  return admissionCorpus(cluster, objects, requirePlatformModule(target.platformModule).platform);
}
