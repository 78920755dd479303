import { ApiObject } from 'cdk8s';
import { SPINNAKER_ADD_ON, SpinnakerSettings, spinnakerService, spinnakerServiceShapeErrors, validateSpinnakerSettings } from '../../domain/addons/cd/spinnaker-service';
import { spinnakerDeployNeeds, validateSpinnakerOperatorVersion } from '../../domain/addons/cd/cd-prerequisites';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM } from '../../domain/tenancy/labels';
import { ValidationError } from '../../domain/validation-error';
import { cdTrafficNeeds } from '../../domain/addons/cd/cd-common';
import type { PlatformAddOn } from '../platform-add-on';

/**
 * Spinnaker accounts per tenant namespace per cluster, through the Spinnaker Operator. Enable with one line:
 * `addOns: [{ name: 'spinnaker', settings: { cluster: 'prod-usc1', version: '1.36.0' } }]`. The SpinnakerService
 * goes into the platform manifests of the cluster Spinnaker runs on; each account deploys as the tenant
 * namespace's `deployer` service account (TenantNamespace), bound like the tenant's developer group.
 * At deploy time the operator's CRDs come first, from its `deploy/crds` at the pinned release, and the
 * `spinnaker` namespace is created (deployNeeds).
 */
export const spinnakerAddOn: PlatformAddOn<SpinnakerSettings> = {
  name: SPINNAKER_ADD_ON,
  validate: (settings, definition) => [...validateSpinnakerSettings(settings, definition), ...validateSpinnakerOperatorVersion(settings)],
  deployNeeds: (settings, cluster) => spinnakerDeployNeeds(settings, cluster),
  trafficNeeds: (settings, definition) => cdTrafficNeeds(SPINNAKER_ADD_ON, settings.cluster, definition),
  extendClusterManifests({ scope, plan, cluster, settings }) {
    if (cluster.name !== settings.cluster) return;
    const service = spinnakerService(plan, settings, { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM });
    const errors = spinnakerServiceShapeErrors(service);
    if (errors.length > 0)
      throw new ValidationError(
        errors.map((e) => ({
          path: `addOns[${SPINNAKER_ADD_ON}]`,
          field: 'settings.config',
          value: e.split(':')[0],
          problem: `gives a SpinnakerService field outside the documented CRD shape (${e})`,
          fix: 'keep to halconfig sections the operator accepts',
        })),
      );
    new ApiObject(scope, 'SpinnakerService', service);
  },
};
