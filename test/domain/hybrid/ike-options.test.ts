import { formatIssue } from '../../../lib/domain/validation-error';
import { resolveIkeAlgorithms } from '../../../lib/domain/hybrid/ike-options';

test('defaults to AES256 / SHA2-256 / DH 20', () => {
  expect(resolveIkeAlgorithms('link')).toEqual({ algorithms: { encryption: 'AES256', integrity: 'SHA2-256', dhGroup: 20 }, issues: [] });
});

test.each([
  [{ encryption: 'DES' as never }, 'link: ike.encryption "DES" is not an AWS VPN encryption algorithm; use one of AES128, AES256, AES128-GCM-16, AES256-GCM-16'],
  [{ integrity: 'MD5' as never }, 'link: ike.integrity "MD5" is not an AWS VPN integrity algorithm; use one of SHA1, SHA2-256, SHA2-384, SHA2-512'],
  [{ dhGroup: 5 }, 'link: ike.dhGroup 5 is not a Diffie-Hellman group AWS accepts in both phases; use one of 2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24'],
])('throws when %p', (set, message) => {
  expect(resolveIkeAlgorithms('link', set).issues.map(formatIssue)).toEqual([message]);
});
