import { Cidr } from '../../../lib/domain/ip-plan/cidr';
import { findOverlaps, rangesOverlapping } from '../../../lib/domain/ip-plan/cidr-overlaps';

describe('findOverlaps', () => {
  test.each([
    ['10.0.0.0/16', '10.0.255.0/24', true],
    ['10.0.0.0/16', '10.1.0.0/16', false],
    ['10.0.0.0/8', '10.200.0.0/16', true],
    ['172.16.0.0/28', '172.16.0.16/28', false],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    // GIVEN two named ranges, in either order
    const forward = findOverlaps([
      { owner: 'a', cidr: a },
      { owner: 'b', cidr: b },
    ]);
    const backward = findOverlaps([
      { owner: 'b', cidr: b },
      { owner: 'a', cidr: a },
    ]);
    // THEN the pair is reported once, or not at all
    expect(forward).toHaveLength(expected ? 1 : 0);
    expect(backward).toHaveLength(expected ? 1 : 0);
  });

  test('reports each pair once in input order, skipping invalid ranges', () => {
    const found = findOverlaps([
      { owner: 'a', cidr: '10.0.0.0/16' },
      { owner: 'b', cidr: '10.0.1.0/24' },
      { owner: 'c', cidr: '10.1.0.0/16' },
      { owner: 'bad', cidr: 'nope' },
    ]);
    expect(found).toEqual([{ a: { owner: 'a', cidr: '10.0.0.0/16' }, b: { owner: 'b', cidr: '10.0.1.0/24' } }]);
  });
});

describe('rangesOverlapping', () => {
  test('lists the valid ranges that overlap, in input order', () => {
    // GIVEN a control-plane /28 and the ranges of a subnet
    const controlPlane = Cidr.parse('10.0.0.16/28');
    const ranges = [
      { owner: 'subnet nodes', cidr: '10.0.0.0/24' },
      { owner: 'nodes/pods', cidr: '100.64.0.0/14' },
      { owner: 'nodes/other', cidr: '10.0.0.16/28' },
      { owner: 'nodes/bad', cidr: '10.0.0.1/24' },
    ];
    // THEN only the ranges sharing addresses with it are listed
    expect(rangesOverlapping(controlPlane, ranges)).toEqual([ranges[0], ranges[2]]);
  });

  test('lists nothing for an empty list', () => {
    expect(rangesOverlapping(Cidr.parse('10.0.0.0/8'), [])).toEqual([]);
  });
});
