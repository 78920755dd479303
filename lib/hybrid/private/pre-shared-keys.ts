import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { Password } from '@cdktf/provider-random/lib/password';
import type { ValidationIssue } from '../../domain/validation-error';
import { PreSharedKeySource, validateReferencedKeys, generatedKeySpec } from '../../domain/hybrid/pre-shared-key';

/** Validates a key source without creating anything (so the constructor can collect every issue first). */
export function validateKeySource(path: string, source: PreSharedKeySource, tunnelCount: number): ValidationIssue[] {
  if (source.source === 'generated') return [];
  return validateReferencedKeys(
    path,
    source.keys,
    source.keys.map((k) => Token.isUnresolved(k)),
    tunnelCount,
  );
}

/**
 * One key per tunnel. Generated keys are two random_password resources per tunnel, `PreSharedKeys/Tunnel<i>Lead`
 * (one letter, so the key never starts with '0') and `PreSharedKeys/Tunnel<i>Body` (digits, letters, '.', '_').
 * The key only exists in Terraform state (sensitive), never in the synthesized JSON.
 */
export function resolveKeys(scope: Construct, source: PreSharedKeySource, tunnelCount: number, provider?: TerraformProvider): string[] {
  if (source.source === 'reference') return [...source.keys];
  const spec = generatedKeySpec();
  const group = new Construct(scope, 'PreSharedKeys');
  return Array.from({ length: tunnelCount }, (_, i) => {
    const lead = new Password(group, `Tunnel${i}Lead`, {
      provider,
      length: spec.leadLength,
      upper: true,
      lower: true,
      numeric: false,
      special: false,
    });
    const body = new Password(group, `Tunnel${i}Body`, {
      provider,
      length: spec.bodyLength,
      upper: true,
      lower: true,
      numeric: true,
      special: true,
      overrideSpecial: spec.overrideSpecial,
    });
    return `${lead.result}${body.result}`;
  });
}
