import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM } from '../../domain/tenancy/labels';

/** The service account Vault reviews tokens with, in every cluster. */
export const TOKEN_REVIEWER_SERVICE_ACCOUNT = 'vault-token-reviewer';

interface VaultTokenReviewerProps {
  /** Its namespace (created here). */
  readonly namespace: string;
}

/**
 * What Vault's Kubernetes auth needs in a cluster: a namespace, the token-reviewer service account, its
 * `system:auth-delegator` ClusterRoleBinding (TokenReview and SubjectAccessReview, nothing else) and a
 * service-account token Secret whose JWT is given to the Vault stack (`TF_VAR_token_reviewer_jwt_<cluster>`).
 */
export class VaultTokenReviewer extends Construct {
  public readonly serviceAccount: k8s.KubeServiceAccount;
  public readonly binding: k8s.KubeClusterRoleBinding;
  public readonly tokenSecret: ApiObject;

  constructor(scope: Construct, id: string, props: VaultTokenReviewerProps) {
    super(scope, id);
    const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM };
    new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: props.namespace, labels } });
    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: TOKEN_REVIEWER_SERVICE_ACCOUNT, namespace: props.namespace, labels },
      automountServiceAccountToken: false,
    });
    this.binding = new k8s.KubeClusterRoleBinding(this, 'AuthDelegator', {
      metadata: { name: `${TOKEN_REVIEWER_SERVICE_ACCOUNT}-auth-delegator`, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [{ kind: 'ServiceAccount', name: TOKEN_REVIEWER_SERVICE_ACCOUNT, namespace: props.namespace }],
    });
    // A long-lived token: Vault keeps reviewing logins while it is valid; rotate by deleting the Secret.
    this.tokenSecret = new k8s.KubeSecret(this, 'Token', {
      metadata: { name: `${TOKEN_REVIEWER_SERVICE_ACCOUNT}-token`, namespace: props.namespace, labels, annotations: { 'kubernetes.io/service-account.name': TOKEN_REVIEWER_SERVICE_ACCOUNT } },
      type: 'kubernetes.io/service-account-token',
    });
  }
}
