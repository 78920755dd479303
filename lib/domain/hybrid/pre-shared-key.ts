import type { ValidationIssue } from '../validation-error';

/**
 * AWS tunnelN_preshared_key: 8–64 characters of A–Z a–z 0–9 . _, not starting with 0 (aws_vpn_connection docs).
 * GCP accepts any such string, so the AWS rule is the one both sides obey.
 */
export const AWS_PSK_PATTERN = /^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$/;

/** Generated keys: one leading letter (so never '0') plus a body; 48 characters is well inside AWS's 8–64. */
export const GENERATED_PSK_LENGTH = 48;
/** The only non-alphanumerics AWS allows in a pre-shared key; passed to random_password override_special. */
const PSK_SPECIAL_CHARACTERS = '._';

/**
 * Where the tunnel keys come from. Never a literal: the synthesized cdk.tf.json is committed and reviewed.
 * - generated: a random_password pair per tunnel (needs the random provider in the stack).
 * - reference: one key per tunnel in tunnel order, each a token (a sensitive TerraformVariable, a Secret Manager
 *   secret version data source...). Keys by reference must themselves follow AWS_PSK_PATTERN; only a deploy checks that.
 */
export type PreSharedKeySource =
  | {
      /** A random_password pair per tunnel, GENERATED_PSK_LENGTH (48) characters AWS accepts; the keys live in Terraform state. */
      readonly source: 'generated';
    }
  | {
      /** Keys supplied by reference, never a literal. */
      readonly source: 'reference';
      /** One key per tunnel, in tunnel order, each a token (a sensitive variable, a secret version's data); AWS_PSK_PATTERN applies, checked only on deploy. */
      readonly keys: readonly string[];
    };

/** Generated keys unless keys are passed by reference (issue 4: never a literal); both HA VPN constructs' default. */
export const DEFAULT_PRE_SHARED_KEY_SOURCE: PreSharedKeySource = { source: 'generated' };

/** The shape of the generated key parts, for the random_password resources. */
interface GeneratedKeySpec {
  /** Characters of the leading part: 1, a letter, so the key never starts with '0'. */
  readonly leadLength: number;
  /** Characters of the body: GENERATED_PSK_LENGTH - 1 = 47 letters, digits, '.' and '_'. */
  readonly bodyLength: number;
  /** The special characters the body may use: `._` (PSK_SPECIAL_CHARACTERS), the only ones AWS accepts. */
  readonly overrideSpecial: string;
}

export function generatedKeySpec(): GeneratedKeySpec {
  return { leadLength: 1, bodyLength: GENERATED_PSK_LENGTH - 1, overrideSpecial: PSK_SPECIAL_CHARACTERS };
}

/** True when a (resolved) key meets AWS's rules. */
export function isValidAwsPreSharedKey(key: string): boolean {
  return AWS_PSK_PATTERN.test(key);
}

/**
 * Referenced keys: the right count, and each one a token. `isToken[i]` tells whether keys[i] is unresolved;
 * a literal would be written into the synthesized JSON, so it is refused even if it is a valid key.
 */
export function validateReferencedKeys(path: string, keys: readonly string[], isToken: readonly boolean[], tunnelCount: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (keys.length !== tunnelCount) {
    issues.push({ path, field: 'preSharedKeys.keys', value: `${keys.length} keys`, problem: `must hold one key per tunnel (${tunnelCount})`, fix: 'pass the keys in tunnel order' });
  }
  keys.forEach((_key, i) => {
    if (!isToken[i]) {
      // The value itself is never echoed: it is a secret.
      issues.push({
        path,
        field: `preSharedKeys.keys[${i}]`,
        value: '<redacted literal>',
        problem: 'is a literal and would be written into the synthesized configuration',
        fix: 'pass a reference instead, e.g. a sensitive TerraformVariable or a Secret Manager secret version data source, or use { source: "generated" }',
      });
    }
  });
  return issues;
}
