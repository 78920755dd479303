import { formatIssue } from '../../../lib/domain/validation-error';
import { AWS_PSK_PATTERN, GENERATED_PSK_LENGTH, validateReferencedKeys, generatedKeySpec, isValidAwsPreSharedKey } from '../../../lib/domain/hybrid/pre-shared-key';

describe('AWS pre-shared key rules', () => {
  test.each([
    ['abcdefgh', true],
    ['A1._b2c3', true],
    ['1abcdefg', true],
    ['0abcdefg', false],
    ['abcdefg', false],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['abc-defgh', false],
    ['abc+defgh', false],
    ['abc defgh', false],
  ])('%p valid: %p', (key, valid) => {
    expect(isValidAwsPreSharedKey(key)).toBe(valid);
  });

  test('the generated spec: one lead letter plus a body of alphanumerics, "." and "_", 48 characters', () => {
    const spec = generatedKeySpec();
    expect(spec).toEqual({ leadLength: 1, bodyLength: 47, overrideSpecial: '._' });
    expect(spec.leadLength + spec.bodyLength).toBe(GENERATED_PSK_LENGTH);
    // Worst cases the random provider can produce still pass AWS's rule.
    expect(AWS_PSK_PATTERN.test('Z' + '0'.repeat(spec.bodyLength))).toBe(true);
    expect(AWS_PSK_PATTERN.test('a' + '._'.repeat(23) + '.')).toBe(true);
  });
});

describe('validateReferencedKeys', () => {
  test('accepts one token per tunnel', () => {
    expect(validateReferencedKeys('link', ['${var.a}', '${var.b}'], [true, true], 2)).toEqual([]);
  });
  test('throws when a key is a literal, without echoing it', () => {
    const messages = validateReferencedKeys('link', ['SuperSecret123', '${var.b}'], [false, true], 2).map(formatIssue);
    expect(messages).toEqual([
      'link: preSharedKeys.keys[0] "<redacted literal>" is a literal and would be written into the synthesized configuration; pass a reference instead, e.g. a sensitive TerraformVariable or a Secret Manager secret version data source, or use { source: "generated" }',
    ]);
    expect(messages.join()).not.toContain('SuperSecret123');
  });
  test('throws when the key count differs from the tunnel count', () => {
    expect(validateReferencedKeys('link', ['${var.a}'], [true], 4).map(formatIssue)).toEqual(['link: preSharedKeys.keys "1 keys" must hold one key per tunnel (4); pass the keys in tunnel order']);
  });
});
