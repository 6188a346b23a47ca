import { describe, expect, it } from 'vitest';
import type { AwardTier } from '../event-file/schema.ts';
import { awardFor, tierCutoffs, tierSizes } from './awards.ts';
import { entries, oneSection } from './fixtures.ts';
import { rankBoard } from './rank.ts';

const prizes: AwardTier[] = [
  { name: 'First', ratio: 0.1 },
  { name: 'Second', ratio: 0.2 },
  { name: 'Third', ratio: 0.3 },
];
const awardsOf = (tiers: AwardTier[], list: Parameters<typeof entries>[0]) =>
  rankBoard(oneSection([{ code: 'a', name: 'A', kind: 'measurement', max: 10 }], { awards: tiers }), entries(list)).map(
    (r) => [r.bib, r.award],
  );

describe('tier sizes and cut-offs', () => {
  it('ratio rounds half up, count is taken as is', () => {
    expect(tierSizes(prizes, 24)).toEqual([2, 5, 7]); // 2.4, 4.8, 7.2
    expect(tierSizes(prizes, 15)).toEqual([2, 3, 5]); // 1.5 → 2, 3, 4.5 → 5
    expect(
      tierSizes(
        [
          { name: 'Gold', count: 1 },
          { name: 'Merit', ratio: 0.25 },
        ],
        10,
      ),
    ).toEqual([1, 3]);
    expect(tierCutoffs(prizes, 24)).toEqual([2, 7, 14]);
    expect(tierCutoffs(prizes, 0)).toEqual([0, 0, 0]);
  });
  it('awardFor picks the first tier whose cut-off and minTotal fit', () => {
    const tiers: AwardTier[] = [
      { name: 'A', count: 1, minTotal: 90 },
      { name: 'B', count: 2 },
    ];
    expect(awardFor(tiers, [1, 3], 1, 95)).toBe('A');
    expect(awardFor(tiers, [1, 3], 1, 80)).toBe('B'); // misses A's minimum, falls to B
    expect(awardFor(tiers, [1, 3], 3, 80)).toBe('B');
    expect(awardFor(tiers, [1, 3], 4, 99)).toBeNull();
  });
});

describe('awards on the board', () => {
  it('by ratio over the complete ranked field', () => {
    const list = Array.from({ length: 10 }, (_, i) => [`C${String(i).padStart(2, '0')}`, 90 - i] as [string, number]);
    expect(awardsOf(prizes, list).map(([, a]) => a)).toEqual([
      'First',
      'Second',
      'Second',
      'Third',
      'Third',
      'Third',
      null,
      null,
      null,
      null,
    ]);
  });
  it('by count', () => {
    const tiers: AwardTier[] = [
      { name: 'Gold', count: 1 },
      { name: 'Silver', count: 1 },
      { name: 'Bronze', count: 2 },
    ];
    expect(
      awardsOf(tiers, [
        ['A', 90],
        ['B', 80],
        ['C', 70],
        ['D', 60],
        ['E', 50],
      ]),
    ).toEqual([
      ['A', 'Gold'],
      ['B', 'Silver'],
      ['C', 'Bronze'],
      ['D', 'Bronze'],
      ['E', null],
    ]);
  });
  it('minTotal withholds a tier', () => {
    const tiers: AwardTier[] = [
      { name: 'Gold', count: 1, minTotal: 85 },
      { name: 'Merit', ratio: 0.5, minTotal: 60 },
    ];
    expect(
      awardsOf(tiers, [
        ['A', 84.99],
        ['B', 70],
        ['C', 60],
        ['D', 59.99],
      ]),
    ).toEqual([
      ['A', 'Merit'],
      ['B', 'Merit'],
      ['C', 'Merit'],
      ['D', null],
    ]);
    expect(
      awardsOf(tiers, [
        ['A', 85],
        ['B', 70],
      ])[0],
    ).toEqual(['A', 'Gold']);
  });
  it('ties at a cut-off all get the better tier', () => {
    const tiers: AwardTier[] = [
      { name: 'Gold', count: 1 },
      { name: 'Silver', count: 1 },
    ];
    expect(
      awardsOf(tiers, [
        ['A', 90],
        ['B', 90],
        ['C', 80],
        ['D', 70],
      ]),
    ).toEqual([
      ['A', 'Gold'],
      ['B', 'Gold'],
      ['C', null],
      ['D', null], // C has rank 3 > cut-off 2
    ]);
    expect(
      awardsOf(tiers, [
        ['A', 95],
        ['B', 90],
        ['C', 90],
        ['D', 70],
      ]),
    ).toEqual([
      ['A', 'Gold'],
      ['B', 'Silver'],
      ['C', 'Silver'],
      ['D', null],
    ]);
  });
  it('incomplete contestants get none and do not count in N', () => {
    // N = 10 complete → First = 1; the incomplete leader keeps rank 1 but gets nothing,
    // so the best complete contestant (rank 2) misses First's cut-off of 1.
    const list: Parameters<typeof entries>[0] = [['X', 99, { complete: false }]];
    for (let i = 0; i < 10; i++) list.push([`C${i}`, 90 - i]);
    list.push(['Y', 1, { complete: false }]);
    const got = awardsOf(prizes, list);
    expect(got[0]).toEqual(['X', null]);
    expect(got[1]).toEqual(['C0', 'Second']); // rank 2, cut-offs 1, 3, 6
    expect(got[3]).toEqual(['C2', 'Third']);
    expect(got.at(-1)).toEqual(['Y', null]);
  });
  it('no tiers: no awards', () => {
    expect(awardsOf([], [['A', 100]])).toEqual([['A', null]]);
  });
});
