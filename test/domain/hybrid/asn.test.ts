import { validateAmazonSideAsn, validateAsnsDiffer, validateCloudRouterAsn, validateCustomerGatewayAsn, validatePeerAsn, customerGatewayAsnFields } from '../../../lib/domain/hybrid/asn';
import { formatIssue } from '../../../lib/domain/validation-error';

const messages = (issues: { path: string; field: string; value: unknown; problem: string; fix: string }[]) => issues.map(formatIssue);

describe('Cloud Router ASN', () => {
  test.each([64512, 65000, 65534, 4200000000, 4294967294])('accepts private ASN %p', (asn) => {
    expect(validateCloudRouterAsn('link', 'cloudRouter.asn', asn)).toEqual([]);
  });

  test.each([
    [64511, /link: cloudRouter.asn 64511 is not a private ASN Cloud Router accepts; use an ASN in 64512–65534 or 4200000000–4294967294/],
    [65535, /65535 is not a private ASN/],
    [4199999999, /4199999999 is not a private ASN/],
    [4294967295, /4294967295 is not a private ASN/],
    [16550, /16550 is not a private ASN Cloud Router accepts \(16550 is only for Partner Interconnect\)/],
    [65000.5, /65000.5 is not a private ASN/],
  ])('throws when the ASN is %p', (asn, message) => {
    expect(messages(validateCloudRouterAsn('link', 'cloudRouter.asn', asn)).join('\n')).toMatch(message);
  });

  test('Partner Interconnect requires exactly 16550', () => {
    expect(validateCloudRouterAsn('ic', 'routers[0].asn', 16550, { partnerInterconnect: true })).toEqual([]);
    expect(messages(validateCloudRouterAsn('ic', 'routers[0].asn', 65010, { partnerInterconnect: true }))).toEqual(['ic: routers[0].asn 65010 must be 16550 for a Partner Interconnect Cloud Router; set routers[0].asn to 16550']);
  });
});

describe('peer ASN', () => {
  test.each([1, 7224, 65100, 4200000001, 4294967294])('accepts %p', (asn) => {
    expect(validatePeerAsn('link', 'peerAsn', asn)).toEqual([]);
  });
  test.each([0, 23456, 65535, 4294967295, -1])('throws when the peer ASN is %p', (asn) => {
    expect(messages(validatePeerAsn('link', 'peerAsn', asn))[0]).toMatch(/peerAsn .* is not a usable BGP ASN/);
  });
  test('throws when the peer ASN equals the Cloud Router ASN', () => {
    expect(messages(validateAsnsDiffer('link', 'peerAsn', 65010, 65010))).toEqual(['link: peerAsn 65010 equals the Cloud Router ASN, so eBGP would see its own ASN and drop the routes; give the peer and the Cloud Router different ASNs']);
    expect(validateAsnsDiffer('link', 'peerAsn', 65010, 65011)).toEqual([]);
  });
});

describe('AWS ASNs', () => {
  test.each([64512, 65534, 4200000000, 4294967294])('accepts Amazon-side ASN %p', (asn) => {
    expect(validateAmazonSideAsn('link', 'aws.amazonSideAsn', asn)).toEqual([]);
  });
  test.each([7224, 9059, 10124, 17493])('accepts legacy VGW ASN %p only for an existing VGW', (asn) => {
    expect(validateAmazonSideAsn('link', 'aws.amazonSideAsn', asn, { allowLegacy: true })).toEqual([]);
    expect(messages(validateAmazonSideAsn('link', 'aws.amazonSideAsn', asn))).toEqual([`link: aws.amazonSideAsn ${asn} is not a valid Amazon-side ASN; use an ASN in 64512–65534 or 4200000000–4294967294`]);
  });
  test('names the legacy values in the fix when they are allowed', () => {
    expect(messages(validateAmazonSideAsn('link', 'aws.amazonSideAsn', 100, { allowLegacy: true }))[0]).toMatch(/or a legacy VGW ASN \(7224, 9059, 10124, 17493\)/);
  });
  test.each([
    [65010, { bgpAsn: '65010' }],
    [2147483647, { bgpAsn: '2147483647' }],
    [2147483648, { bgpAsnExtended: '2147483648' }],
    [4200000000, { bgpAsnExtended: '4200000000' }],
  ])('customer gateway ASN %p goes in %p', (asn, fields) => {
    expect(customerGatewayAsnFields(asn)).toEqual(fields);
    expect(validateCustomerGatewayAsn('link', 'cloudRouter.asn', asn)).toEqual([]);
  });
  test('throws when the customer gateway ASN is out of range', () => {
    expect(messages(validateCustomerGatewayAsn('link', 'cloudRouter.asn', 0))[0]).toMatch(/cannot be a customer gateway ASN \(1–2147483647 in bgp_asn, 2147483648–4294967294 in bgp_asn_extended\)/);
  });
});
