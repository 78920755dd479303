/**
 * What the CD add-ons' objects need on the cluster their system runs on: Argo CD's CRDs (AppProject,
 * ApplicationSet) from Argo CD's `manifests/crds` at a release tag, the Spinnaker Operator's CRDs (SpinnakerService)
 * from its `deploy/crds` at a release tag, and each system's namespace. The controllers themselves (Argo CD, the
 * operator) are installed by the platform team without their CRDs (docs/seed-add-ons.md). Pure.
 */
import type { ClusterPlan } from '../../platform/platform-plan';
import type { ValidationIssue } from '../../validation-error';
import type { AddOnDeployNeeds } from '../deploy-prerequisites';
import { ARGO_CD_ADD_ON, ArgoCdSettings, DEFAULT_ARGO_CD_NAMESPACE } from './argo-cd-project';
import { DEFAULT_SPINNAKER_NAMESPACE, SPINNAKER_ADD_ON, SpinnakerSettings } from './spinnaker-service';

/** Argo CD's release the CRDs are pinned to: the newest release when this was pinned (December 2026). */
export const ARGO_CD_VERSION = 'v3.6.2';
/** Argo CD's repository; `manifests/crds` is the folder its install guide applies the CRDs from. */
const ARGO_CD_REPOSITORY = 'https://github.com/argoproj/argo-cd.git';
const ARGO_CD_CRDS_DIR = 'manifests/crds';
const ARGO_CD_CRDS_PREREQUISITE = 'argo-cd-crds';

/** The Spinnaker Operator's release the CRDs are pinned to: the newest in its CHANGELOG when this was pinned. */
export const SPINNAKER_OPERATOR_VERSION = 'v1.4.0';
/** The Spinnaker Operator's repository; its release manifests apply the CRDs from `deploy/crds`. */
const SPINNAKER_OPERATOR_REPOSITORY = 'https://github.com/armory/spinnaker-operator.git';
const SPINNAKER_OPERATOR_CRDS_DIR = 'deploy/crds';
const SPINNAKER_OPERATOR_CRDS_PREREQUISITE = 'spinnaker-operator-crds';

const TAG = /^v\d+\.\d+\.\d+$/;

function tagIssues(addOn: string, field: string, value: unknown, example: string): ValidationIssue[] {
  if (value === undefined || (typeof value === 'string' && TAG.test(value))) return [];
  return [{ path: `addOns[${addOn}]`, field, value, problem: 'is not a release tag (vMAJOR.MINOR.PATCH)', fix: `pin a release, e.g. '${example}'` }];
}

/** `settings.version` of the Argo CD add-on: a release tag. */
export function validateArgoCdVersion(settings: ArgoCdSettings): ValidationIssue[] {
  return tagIssues(ARGO_CD_ADD_ON, 'settings.version', settings.version, ARGO_CD_VERSION);
}

/** `settings.operatorVersion` of the Spinnaker add-on: a release tag of the operator. */
export function validateSpinnakerOperatorVersion(settings: SpinnakerSettings): ValidationIssue[] {
  return tagIssues(SPINNAKER_ADD_ON, 'settings.operatorVersion', settings.operatorVersion, SPINNAKER_OPERATOR_VERSION);
}

/** Argo CD's CRDs and namespace, on the cluster Argo CD runs on. */
export function argoCdDeployNeeds(settings: ArgoCdSettings, cluster: ClusterPlan): AddOnDeployNeeds {
  if (cluster.name !== settings.cluster) return {};
  const version = settings.version ?? ARGO_CD_VERSION;
  return {
    prerequisites: [{ name: ARGO_CD_CRDS_PREREQUISITE, description: `Argo CD ${version} CRDs`, source: { type: 'git', repo: ARGO_CD_REPOSITORY, revision: version, dir: ARGO_CD_CRDS_DIR }, providesGroups: ['argoproj.io'] }],
    namespaces: [settings.namespace ?? DEFAULT_ARGO_CD_NAMESPACE],
  };
}

/** The Spinnaker Operator's CRDs and Spinnaker's namespace, on the cluster Spinnaker runs on. */
export function spinnakerDeployNeeds(settings: SpinnakerSettings, cluster: ClusterPlan): AddOnDeployNeeds {
  if (cluster.name !== settings.cluster) return {};
  const version = settings.operatorVersion ?? SPINNAKER_OPERATOR_VERSION;
  return {
    prerequisites: [
      {
        name: SPINNAKER_OPERATOR_CRDS_PREREQUISITE,
        description: `Spinnaker Operator ${version} CRDs`,
        source: { type: 'git', repo: SPINNAKER_OPERATOR_REPOSITORY, revision: version, dir: SPINNAKER_OPERATOR_CRDS_DIR },
        providesGroups: ['spinnaker.io'],
      },
    ],
    namespaces: [settings.namespace ?? DEFAULT_SPINNAKER_NAMESPACE],
  };
}
