// The public API: named exports only, and nothing else is public. api/gke-platform-cdk.api.md lists every name with
// its declaration; `npm test` compares it (npm run api:report rewrites it), so a change here shows in review.

// Loading a platform: the definition in, a validated platform with its plan resolved out.
export { loadPlatform } from './platform/load-platform';
export type { LoadPlatformOptions } from './platform/load-platform';
export { readLockFile, writeLockFile } from './platform/lock-files';
export type { LoadedPlatform } from './domain/platform/resolve-platform';
export { loadPlatformProject } from '../cli/project';
export type { LoadPlatformProjectOptions, PlatformProject } from '../cli/project';
export { ValidationError } from './domain/validation-error';
export type { ValidationIssue } from './domain/validation-error';

// The platform definition.
export type {
  AddOnEntry,
  ClusterDefinition,
  ClusterGenerationDefinition,
  ClusterGenerationState,
  EphemeralClusterDefinition,
  ExistingNetworkDefinition,
  ExistingSubnetDefinition,
  ClusterSettingsDefinition,
  MaintenanceDefinition,
  NetworkDefinition,
  OrganizationDefinition,
  PlatformDefinition,
  PlatformGitOpsDefinition,
  PoolAssignment,
  ProjectDefinition,
  RemoteNetworkDefinition,
  RemoteNetworkKind,
  TerraformStatesDefinition,
} from './domain/platform/platform-definition';
export type { NodePoolDefinition, NodePoolKind, NodePoolUpgradeDefinition } from './domain/platform/node-pool-definition';
export { expandClusterGenerations, FIRST_GENERATION_NAME, generationClusterName, TOTAL_TRAFFIC_WEIGHT } from './domain/platform/cluster-generations';
export type { ExpandedDefinition, ExpandedGeneration } from './domain/platform/cluster-generations';
export type { BlueGreenSettings, UpgradeStrategy } from './domain/gke/node-pool-upgrade';
export type { CompanionCpuPoolDefinition, DedicatedNodesDefinition, DeveloperNamespacesDefinition, PlatformTenant } from './domain/platform/tenant-definition';
export type { HaVpnToAwsLinkDefinition, HaVpnToPeerLinkDefinition, HybridLinkDefinition, InterconnectAttachmentDefinition, InterconnectLinkDefinition, LinkAdvertisements } from './domain/platform/hybrid-link-definition';
export type { TenantSpec } from './domain/tenancy/tenant-spec';
export { RESOURCE_ROLE_KINDS } from './domain/tenancy/tenant-spec';
export type { NamedResource } from './domain/tenancy/tenant-resources';
export type {
  DeveloperNamespaceSpec,
  ExternalDependency,
  IngressSource,
  NetworkProtocol,
  PortSpec,
  ResolvedTenant,
  ResourceProvisioning,
  ResourceRoleGrant,
  ResourceRoleKind,
  SharedProjectRoleOptIn,
  TenantDependencies,
  TenantGroups,
  TenantIsolation,
  TenantLabels,
  TenantLimits,
  TenantPodSecurityLevel,
  TenantQuota,
  WorkloadIdentitySpec,
} from './domain/tenancy/tenant-spec';
export type { KubernetesTaintEffect, TenantPlacement, TenantToleration } from './domain/tenancy/tenant-placement';
export { GKE_TAINT_EFFECTS } from './domain/tenancy/tenant-placement';
export type { ExpiredDeveloperNamespace } from './domain/tenancy/tenant-rules';
export type { ConnectivityEndpoint, ConnectivityIntent, ConnectivityProtocol } from './domain/reachability/connectivity-intent';
export type { Verdict } from './domain/reachability/evaluate-intent';
export type { Hop, HopKind } from './domain/reachability/hop';
export type { ArgoCdSettings, ArgoCdSource } from './domain/addons/cd/argo-cd-project';
export type { SpinnakerSettings } from './domain/addons/cd/spinnaker-service';
export type { IstioSettings } from './domain/addons/istio/mesh-plan';
export type { VaultSettings } from './domain/addons/vault/vault-settings';
export type { KueueFlavorQuota, KueueResources, KueueSettings, KueueTenantQueue } from './domain/addons/kueue/kueue-settings';
export type { AttachmentTopology, EdgeAvailabilityDomain, InterconnectType, RoutingMode, SlaTarget } from './domain/hybrid/interconnect-rules';

// The resolved plan the stacks, charts and add-ons read.
export type {
  AdditionalPodRangePlan,
  AdvertisementsPlan,
  BgpRangePlan,
  ClusterGenerationPlan,
  ClusterPlan,
  HaVpnAwsLinkPlan,
  HaVpnPeerLinkPlan,
  InterconnectLinkPlan,
  LinkPlan,
  LinkPlanBase,
  NatPlan,
  NetworkPlan,
  NodePoolPlan,
  NodePoolUpgradePlan,
  PlannedRange,
  PlatformPlan,
  PlatformStackNames,
  RetiringGenerationPlan,
  SecondaryRangePlan,
  TenantPlan,
} from './domain/platform/platform-plan';
export type { ClusterSettingsPlan, MaintenancePlan } from './domain/platform/cluster-settings-plan';
export type { ClusterPath } from './domain/network/cluster-paths';
export type { AdmissionCase, AdmissionIdentity, AdmissionLayer } from './domain/isolation/admission-case';
export type { AddOnDeployNeeds, DeployPrerequisite, GitFolderSource, HelmChartSource, UpstreamSource } from './domain/addons/deploy-prerequisites';
export type { SyncStage } from './domain/gitops/sync-stages';

// The IP plan, usable on its own.
export { IpPlan } from './domain/ip-plan/ip-plan';
export { ResolvedIpPlan } from './domain/ip-plan/resolved-ip-plan';
export type { AddressPool, GkeClusterRequest, GkePools, GkeRangeNames, PoolKind, RangeRequest, Reservation, ResolveOptions } from './domain/ip-plan/plan-requests';
export type { LockFile, LockedAllocation } from './domain/ip-plan/lock-file';
export type { Allocation, AllocationStatus, GkeCapacity } from './domain/ip-plan/resolved-ip-plan';
export type { GkeSizingIntent } from './domain/ip-plan/gke-sizing';

// Terraform constructs: network.
export { Network } from './network/network';
export type { ExistingNetworkAttributes, ExistingSubnetAttributes, FlowLogsOptions, INetwork, ISubnet, NetworkProps, SecondaryRangeSpec, SubnetSpec } from './network/network';
export { CloudNat } from './network/cloud-nat';
export type { CloudNatProps, CloudNatSubnet } from './network/cloud-nat';
export type { FlowLogsInterval } from './domain/network/network-rules';
export { PrivateGoogleApisDns } from './network/private-google-apis-dns';
export type { PrivateGoogleApisDnsProps } from './network/private-google-apis-dns';
export { PrivateServiceAccess } from './network/private-service-access';
export type { PrivateServiceAccessProps } from './network/private-service-access';
export { SharedVpc } from './network/shared-vpc';
export type { GkeFirewallManagement, SharedVpcProps, SharedVpcServiceProject } from './network/shared-vpc';

// Terraform constructs: GKE.
export { GkeCluster } from './gke/gke-cluster';
export type { AuthorizedNetwork, ControlPlaneAccess, GkeClusterAttributes, GkeClusterProps, IGkeCluster, NodePoolFootprint, ReleaseChannel } from './gke/gke-cluster';
export type {
  BinaryAuthorizationMode,
  BinaryAuthorizationSetting,
  SecretsEncryptionSetting,
  MaintenanceExclusion,
  MaintenanceExclusionScope,
  MaintenanceWindow,
  SecurityPosture,
  SecurityPostureMode,
  VulnerabilityMode,
} from './domain/gke/cluster-settings';
export { BINARY_AUTHORIZATION_MODES, DEFAULT_MAINTENANCE_WINDOW, DEFAULT_SECURITY_POSTURE, MAINTENANCE_EXCLUSION_LIMITS, MAINTENANCE_EXCLUSION_SCOPES, SECURITY_POSTURE_MODES, VULNERABILITY_MODES } from './domain/gke/cluster-settings';
export { NodePool } from './gke/node-pool';
export type { BlueGreenUpgrade, GpuConfig, GpuDriverVersion, NodePoolProps, NodePoolScaling, NodeTaint, PoolPodRange, SurgeUpgrade } from './gke/node-pool';
export { generalServicesPool, gpuTrainingPool, spotBatchPool, tenantDedicatedPool } from './gke/node-pool-presets';
export type { PresetOverrides, PresetTarget } from './gke/node-pool-presets';
export { NodeServiceAccount } from './gke/node-service-account';
export type { NodeServiceAccountProps } from './gke/node-service-account';
export { ControlPlanePeeringRoutes } from './gke/control-plane-peering-routes';
export type { ControlPlanePeeringRoutesProps } from './gke/control-plane-peering-routes';
export type { TaintEffect } from './domain/gke/gke-rules';
export type { GpuSharing } from './domain/gke/gpu-sharing';
export { TAINT_EFFECTS } from './domain/gke/gke-rules';

// Terraform constructs: hybrid links. HaVpnToAws loads @cdktf/provider-aws (an optional peer) on first use.
export { HaVpnToAws } from './hybrid';
export type { AwsTransitGatewayOptions, AwsVpnGatewayOptions, AwsVpnTermination, HaVpnToAwsProps } from './hybrid/ha-vpn-to-aws';
export { HaVpnToPeer } from './hybrid/ha-vpn-to-peer';
export type { HaVpnToPeerProps } from './hybrid/ha-vpn-to-peer';
export type { HaVpnLinkProps } from './hybrid/ha-vpn-link-props';
export type { CloudRouterOptions } from './hybrid/cloud-router-options';
export { Interconnect } from './hybrid/interconnect';
export type { AttachmentEncryption, InterconnectProps, InterconnectRouterOptions, VlanAttachmentOptions } from './hybrid/interconnect';
export type { PreSharedKeySource } from './domain/hybrid/pre-shared-key';
export type { AdvertiseMode, AdvertisedRange, AdvertisementOptions } from './domain/hybrid/advertisements';
export type { TunnelWiring } from './domain/hybrid/bgp-link-rules';
export type { AwsEncryptionAlgorithm, AwsIntegrityAlgorithm, IkeAlgorithmSet } from './domain/hybrid/ike-options';
export { AWS_ENCRYPTION_ALGORITHMS, AWS_INTEGRITY_ALGORITHMS } from './domain/hybrid/ike-options';

// Terraform constructs: tenancy and GitOps.
export { TenantIdentity } from './tenancy/tenant-identity';
export type { AdditionalTenantProject, TenantIdentityProps, TenantWorkloadIdentity } from './tenancy/tenant-identity';
export { TenantResource } from './tenancy/tenant-resource';
export type { TenantResourceProps } from './tenancy/tenant-resource';
export { DeveloperAccess } from './tenancy/developer-access';
export type { DeveloperAccessProps } from './tenancy/developer-access';
export { ConfigSync } from './gitops/config-sync';
export type { ConfigSyncProps } from './gitops/config-sync';
export { ConfigManagementFeature } from './gitops/config-management-feature';
export type { ConfigManagementFeatureProps } from './gitops/config-management-feature';
export type { GitAuth, GitSource } from './domain/gitops/git-source';

// Kubernetes constructs.
export { TenantNamespace } from './tenancy/tenant-namespace';
export type { TenantNamespaceProps } from './tenancy/tenant-namespace';
export type { CidrPorts, NamespaceBaselineProps } from './tenancy/namespace-baseline-props';
export { PlatformPolicies } from './tenancy/platform-policies';
export type { PlatformPoliciesProps, ValidationAction } from './tenancy/platform-policies';
export { DeveloperNamespace } from './tenancy/developer-namespace';
export type { DeveloperNamespaceProps } from './tenancy/developer-namespace';
export { DedicatedNodeScheduling } from './tenancy/dedicated-node-scheduling';
export type { DedicatedNodeSchedulingOptions } from './tenancy/dedicated-node-scheduling';
export { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM } from './domain/tenancy/labels';

// Add-ons: the interface, and the seed add-ons.
export type { PlatformAddOn, AddOnContext, AddOnStacksContext, BuiltCluster, BuiltTenant, ClusterManifestsContext, ClusterTerraformContext, TenantManifestsContext, TenantTerraformContext } from './addons/platform-add-on';
export type { AddOnRules } from './domain/addons/add-on-rules';
export type { AddOnTrafficNeed, ClusterToControlPlanesNeed, ControlPlaneToWebhookNeed, NamespaceToTenantsNeed, ServerLocation, ServerToControlPlanesNeed, TenantsToServerNeed, TrafficNeed } from './domain/addons/traffic-needs';
export type { AddOnTrafficPlan, DerivedAuthorizedNetwork, DerivedNamespaceIngress, DerivedServerEgress, DerivedWebhookRule } from './domain/addons/traffic-plan';
export type { ManagedPrometheusSettings } from './domain/addons/monitoring/managed-prometheus';
export { argoCdAddOn } from './addons/cd/argo-cd-add-on';
export { spinnakerAddOn } from './addons/cd/spinnaker-add-on';
export { istioAddOn } from './addons/istio/istio-add-on';
export { kueueAddOn } from './addons/kueue/kueue-add-on';
export { managedPrometheusAddOn } from './addons/monitoring/managed-prometheus-add-on';
export { vaultAddOn } from './addons/vault/vault-add-on';

// The compositions: every stack of a platform, and every cluster's manifests, from one definition.
export { buildPlatformStacks } from '../stacks/platform-stacks';
export type { PlatformStacks, PlatformStacksOptions } from '../stacks/platform-stacks';
export { NetworkStack } from '../stacks/network-stack';
export type { NetworkStackProps } from '../stacks/network-stack';
export type { ControlPlaneWebhookRule, ControlPlaneWebhookRuleProps } from './network/control-plane-webhook-rule';
export { ClusterStack } from '../stacks/cluster-stack';
export type { ClusterGitOpsOptions, ClusterStackProps } from '../stacks/cluster-stack';
export { HybridLinkStack } from '../stacks/hybrid-link-stack';
export type { HybridLinkStackProps } from '../stacks/hybrid-link-stack';
export { TenantIdentityStack } from '../stacks/tenant-identity-stack';
export type { TenantIdentityStackProps } from '../stacks/tenant-identity-stack';
export { FleetStack } from '../stacks/fleet-stack';
export type { FleetStackProps } from '../stacks/fleet-stack';
export { DeveloperAccessStack } from '../stacks/developer-access-stack';
export type { DeveloperAccessStackProps } from '../stacks/developer-access-stack';
export { ProjectServicesStack } from '../stacks/project-services-stack';
export type { ProjectServicesStackProps } from '../stacks/project-services-stack';
export type { StateBackendOptions } from '../stacks/stack-defaults';
export { buildClusterManifests, synthClusterManifests, ClusterManifests } from '../charts/cluster-manifests';
export type { ClusterManifestsOptions, StagedChart } from '../charts/cluster-manifests';

// Reports.
export { renderPlatformReport } from './report/platform-report';
export type { PlatformReportInput } from './report/platform-report';
export type { LinkSummary, TenantSummary } from './report/platform-summaries';
export { verifyConnectivity } from './report/verify-connectivity';
export type { VerifyConnectivityOptions } from './report/verify-connectivity';
export { verifyGenerationCounterparts } from './report/verify-generations';
export type { MissingCounterpart } from './domain/platform/generation-counterparts';
export type { AddOnAuthorizedNetworks } from './domain/reachability/derive-intents';
export type { VerificationResult } from './domain/reachability/verify-intents';
