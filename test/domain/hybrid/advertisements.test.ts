import { formatIssue } from '../../../lib/domain/validation-error';
import { PRIVATE_GOOGLE_APIS_CIDR, planAdvertisements } from '../../../lib/domain/hybrid/advertisements';

describe('planAdvertisements', () => {
  test('defaults to CUSTOM mode advertising ALL_SUBNETS (which includes GKE pod and service secondary ranges)', () => {
    expect(planAdvertisements('link')).toEqual({ plan: { mode: 'CUSTOM', groups: ['ALL_SUBNETS'], ranges: [] }, issues: [] });
  });

  test('adds private.googleapis.com and a control-plane /28 with descriptions', () => {
    const { plan, issues } = planAdvertisements('link', { ranges: [PRIVATE_GOOGLE_APIS_CIDR, { range: '172.16.0.32/28', description: 'prod-euw3 control plane' }] });
    expect(issues).toEqual([]);
    expect(PRIVATE_GOOGLE_APIS_CIDR).toBe('199.36.153.8/30');
    expect(plan.ranges).toEqual([{ range: '199.36.153.8/30' }, { range: '172.16.0.32/28', description: 'prod-euw3 control plane' }]);
  });

  test('allSubnets: false advertises only the listed ranges', () => {
    expect(planAdvertisements('link', { allSubnets: false, ranges: ['10.0.0.0/16'] }).plan.groups).toEqual([]);
  });

  test('DEFAULT mode advertises subnets the router way, no groups or ranges', () => {
    expect(planAdvertisements('link', { mode: 'DEFAULT' }).plan).toEqual({ mode: 'DEFAULT', groups: [], ranges: [] });
  });

  test.each([
    [{ mode: 'DEFAULT' as const, ranges: [PRIVATE_GOOGLE_APIS_CIDR] }, `link: advertisements.ranges ["199.36.153.8/30"] are only advertised in CUSTOM mode, but mode is DEFAULT; set advertisements.mode to 'CUSTOM' or drop the ranges`],
    [{ mode: 'DEFAULT' as const, allSubnets: false }, `link: advertisements.allSubnets false cannot be turned off in DEFAULT mode, which always advertises all subnets; set advertisements.mode to 'CUSTOM'`],
    [{ ranges: ['199.36.153.9/30'] }, 'link: advertisements.ranges[0] "199.36.153.9/30" is not aligned to its prefix length (the block containing it is 199.36.153.8/30); use a CIDR such as 199.36.153.8/30'],
    [{ ranges: ['10.0.0.0/8', '10.0.0.0/8'] }, 'link: advertisements.ranges[1] "10.0.0.0/8" is listed twice; list each range once'],
    [{ mode: 'LOUD' as never }, 'link: advertisements.mode "LOUD" must be CUSTOM or DEFAULT; use CUSTOM'],
  ])('throws when %p', (options, message) => {
    expect(planAdvertisements('link', options).issues.map(formatIssue)).toEqual([message]);
  });
});
