import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError, ValidationIssue } from '../domain/validation-error';
import { COST_CENTER_LABEL } from '../domain/tenancy/labels';
import { GCE_LABEL_VALUE, NamedResource } from '../domain/tenancy/tenant-resources';
import type { TenantLabels } from '../domain/tenancy/tenant-spec';

/** What TenantResource creates, and for whom. */
export interface TenantResourceProps {
  /** What to create: kind, name (bucket name; topic, dataset or secret id), project and, for buckets and datasets, location. Each forces replacement. */
  readonly resource: NamedResource;
  /** The owning tenant: the `tenant` label. */
  readonly tenant: string;
  /** The tenant's labels: `team`, `environment` and `cost-center` on the resource (GCE label values). */
  readonly labels: TenantLabels;
}

/**
 * One resource the platform creates for a tenant (a grant with `provisioning: 'create'`), in the tenant's state, with
 * the tenant's labels and secure defaults: a bucket has uniform bucket-level access (no object ACLs), public access
 * prevention enforced and object versioning (an overwritten or deleted object stays recoverable); a secret is
 * replicated automatically and holds no version (the tenant adds them); a dataset and a topic take Google's defaults
 * (Google-managed encryption). Nothing is force-destroyed: Terraform refuses to delete a bucket that holds objects.
 *
 * Escape hatch: `createdResources['storage-bucket/<project>/<name>'].resource.addOverride('lifecycle_rule', [...])`.
 */
export class TenantResource extends Construct {
  /** The created resource (StorageBucket, PubsubTopic, BigqueryDataset or SecretManagerSecret). */
  public readonly resource: TerraformResource;
  /** A reference to its name or id: a grant on it through this reference applies after it exists. */
  public readonly nameReference: string;

  constructor(scope: Construct, id: string, props: TenantResourceProps) {
    super(scope, id);
    const { resource } = props;
    const path = this.node.path;
    const labels = { tenant: props.tenant, team: props.labels.team, environment: props.labels.environment, [COST_CENTER_LABEL]: props.labels.costCenter };
    const issues: ValidationIssue[] = Object.entries(labels)
      .filter(([, value]) => !GCE_LABEL_VALUE.test(value))
      .map(([key, value]) => ({ path, field: `labels.${key}`, value, problem: 'is not a GCE label value (lower-case letters, digits, "-" and "_", at most 63)', fix: 'use e.g. "cc-1101"' }));
    if ((resource.kind === 'storage-bucket' || resource.kind === 'bigquery-dataset') && !resource.location) {
      issues.push({ path, field: 'location', value: undefined, problem: `is required to create the ${resource.kind} ${resource.name}`, fix: "give the grant a location, e.g. 'us-central1' (or the tenant identity a defaultLocation)" });
    }
    if (issues.length > 0) throw new ValidationError(issues);

    switch (resource.kind) {
      case 'storage-bucket': {
        const bucket = new StorageBucket(this, 'Resource', {
          name: resource.name,
          project: resource.project,
          location: resource.location!,
          uniformBucketLevelAccess: true,
          publicAccessPrevention: 'enforced',
          versioning: { enabled: true },
          labels,
        });
        this.resource = bucket;
        this.nameReference = bucket.name;
        break;
      }
      case 'pubsub-topic': {
        const topic = new PubsubTopic(this, 'Resource', { name: resource.name, project: resource.project, labels });
        this.resource = topic;
        this.nameReference = topic.name;
        break;
      }
      case 'bigquery-dataset': {
        const dataset = new BigqueryDataset(this, 'Resource', { datasetId: resource.name, project: resource.project, location: resource.location!, labels });
        this.resource = dataset;
        this.nameReference = dataset.datasetId;
        break;
      }
      case 'secret': {
        const secret = new SecretManagerSecret(this, 'Resource', { secretId: resource.name, project: resource.project, replication: { auto: {} }, labels });
        this.resource = secret;
        this.nameReference = secret.secretId;
        break;
      }
      default:
        throw new ValidationError({ path, field: 'resource.kind', value: resource.kind, problem: 'is not a kind the platform creates', fix: "declare it provisioning: 'existing' and create it elsewhere" });
    }
  }
}
