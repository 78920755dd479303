import { GcsBackend, LocalBackend, TerraformStack } from 'cdktf';

/** Where each stack keeps its Terraform state. */
export interface StateBackendOptions {
  /**
   * A GCS bucket (versioned, uniform access, ideally CMEK-encrypted: state holds the VPN pre-shared keys).
   * Each stack gets its own prefix: `<prefix>/<stack name>`.
   */
  readonly gcs: {
    /** Name of the existing bucket; created outside this library. */
    readonly bucket: string;
    /** Folder of the platform's states in the bucket. @default 'gke-platform' (DEFAULT_STATE_PREFIX) */
    readonly prefix?: string;
  };
}

/** Default GCS state prefix. */
const DEFAULT_STATE_PREFIX = 'gke-platform';

/**
 * Local state by default: `terraform.<stack>.tfstate` at the project root. The path is relative to the
 * stack's working directory (`cdktf.out/stacks/<stack>/`), so every stack, and every cross-stack
 * `terraform_remote_state`, resolves it alike on any machine.
 */
export function configureBackend(stack: TerraformStack, stackName: string, backend?: StateBackendOptions): void {
  if (backend) {
    new GcsBackend(stack, { bucket: backend.gcs.bucket, prefix: `${backend.gcs.prefix ?? DEFAULT_STATE_PREFIX}/${stackName}` });
  } else {
    new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
  }
}
