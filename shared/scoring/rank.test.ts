import { describe, expect, it } from 'vitest';
import { entries, info, oneSection, score, workedExample } from './fixtures.ts';
import { rankBoard } from './rank.ts';
import type { ContestDef } from './types.ts';

const plain: ContestDef = oneSection([{ code: 'a', name: 'A', kind: 'measurement', max: 10 }]);
const order = (rows: { bib: string }[]) => rows.map((r) => r.bib);
const ranks = (rows: { rank: number | null }[]) => rows.map((r) => r.rank);

describe('rankBoard: order and shared ranks', () => {
  it('orders by total, highest first', () => {
    const rows = rankBoard(
      plain,
      entries([
        ['A', 50],
        ['B', 90],
        ['C', 70],
      ]),
    );
    expect(order(rows)).toEqual(['B', 'C', 'A']);
    expect(ranks(rows)).toEqual([1, 2, 3]);
  });
  it('equal totals share a rank, the next skips (1, 2, 2, 4), equals listed by bib', () => {
    const rows = rankBoard(
      plain,
      entries([
        ['C010', 80],
        ['C002', 80],
        ['C001', 95],
        ['C003', 60],
      ]),
    );
    expect(order(rows)).toEqual(['C001', 'C002', 'C010', 'C003']);
    expect(ranks(rows)).toEqual([1, 2, 2, 4]);
  });
  it('bib order is plain string comparison, not locale order', () => {
    const rows = rankBoard(
      plain,
      entries([
        ['b1', 50],
        ['B2', 50],
        ['a3', 50],
        ['A4', 50],
        ['_5', 50],
      ]),
    );
    expect(order(rows)).toEqual(['A4', 'B2', '_5', 'a3', 'b1']);
    expect(ranks(rows)).toEqual([1, 1, 1, 1, 1]);
  });
  it('withdrawn and disqualified come last in bib order, without rank or award', () => {
    const def = { ...plain, awards: [{ name: 'Gold', count: 5 }] };
    const list = entries([
      ['Z', 99, {}, { status: 'withdrawn' }],
      ['D', 100, {}, { status: 'disqualified' }],
      ['B', 40],
      ['A', 10],
    ]);
    const rows = rankBoard(def, list);
    expect(order(rows)).toEqual(['B', 'A', 'D', 'Z']);
    expect(ranks(rows)).toEqual([1, 2, null, null]);
    expect(rows.map((r) => r.award)).toEqual(['Gold', 'Gold', null, null]);
    expect(rows[2]).toMatchObject({ status: 'disqualified', total: 100 });
  });
  it('row shape: CONTRACT §7 fields, station only when present, no raw/criteria', () => {
    const e = [
      {
        info: info('A', 'sd', { station: 'A-07' }),
        score: score('A', 75.1, { sections: { theory: 80 }, flagged: true, complete: false }),
      },
      { info: info('B', 'zt'), score: score('B', 10) },
    ];
    const [a, b] = rankBoard(plain, e);
    expect(a).toEqual({
      bib: 'A',
      name: 'Name A',
      organisation: 'sd',
      station: 'A-07',
      rank: 1,
      total: 75.1,
      sections: { theory: 80 },
      complete: false,
      flagged: true,
      award: null,
      status: 'active',
    });
    expect(b && 'station' in b).toBe(false);
    expect(Object.keys(b ?? {})).not.toContain('raw');
    expect(Object.keys(b ?? {})).not.toContain('criteria');
  });
  it('ranks compare reported values', () => {
    const rows = rankBoard(
      plain,
      entries([
        ['B', 80.1],
        ['A', 80.1],
      ]),
    );
    expect(ranks(rows)).toEqual([1, 1]);
  });
});

describe('rankBoard: tie-breaks', () => {
  it('section: higher section score first', () => {
    const def = workedExample({ tieBreak: ['section:practical'] });
    const rows = rankBoard(
      def,
      entries([
        ['A', 75, { sections: { theory: 90, practical: 30 } }],
        ['B', 75, { sections: { theory: 70, practical: 40 } }],
        ['C', 75, { sections: { theory: 70, practical: 40 } }],
      ]),
    );
    expect(order(rows)).toEqual(['B', 'C', 'A']);
    expect(ranks(rows)).toEqual([1, 1, 3]);
  });
  it('criterion: more points first', () => {
    const def = workedExample({ tieBreak: ['criterion:packing'] });
    const rows = rankBoard(
      def,
      entries([
        ['A', 60, { criteria: { packing: 12 } }],
        ['B', 60, { criteria: { packing: 15.5 } }],
      ]),
    );
    expect(order(rows)).toEqual(['B', 'A']);
    expect(ranks(rows)).toEqual([1, 2]);
  });
  it('criterion on a deduction: fewer points deducted first', () => {
    const def = workedExample({ tieBreak: ['criterion:safety'] });
    const rows = rankBoard(
      def,
      entries([
        ['A', 60, { criteria: { safety: 4 } }],
        ['B', 60, { criteria: { safety: 2 } }],
      ]),
    );
    expect(order(rows)).toEqual(['B', 'A']);
  });
  it('raw-asc: lower raw first, no mark last', () => {
    const def = workedExample({ tieBreak: ['raw-asc:sorting'] });
    const rows = rankBoard(
      def,
      entries([
        ['A', 60, { raw: {} }],
        ['B', 60, { raw: { sorting: 120 } }],
        ['C', 60, { raw: { sorting: 95.5 } }],
        ['D', 60, { raw: { sorting: 120 } }],
        ['E', 60, { raw: { sorting: undefined } }],
      ]),
    );
    expect(order(rows)).toEqual(['C', 'B', 'D', 'A', 'E']);
    expect(ranks(rows)).toEqual([1, 2, 2, 4, 4]);
  });
  it('raw-desc: higher raw first, no mark last', () => {
    const def = workedExample({ tieBreak: ['raw-desc:exam'] });
    const rows = rankBoard(
      def,
      entries([
        ['A', 60, { raw: {} }],
        ['B', 60, { raw: { exam: 70 } }],
        ['C', 60, { raw: { exam: 90 } }],
      ]),
    );
    expect(order(rows)).toEqual(['C', 'B', 'A']);
    expect(ranks(rows)).toEqual([1, 2, 3]);
  });
  it('keys apply in order; a later key only for those still equal', () => {
    const def = workedExample({ tieBreak: ['section:practical', 'raw-asc:sorting'] });
    const rows = rankBoard(
      def,
      entries([
        ['A', 70, { sections: { practical: 30 }, raw: { sorting: 80 } }],
        ['B', 70, { sections: { practical: 35 }, raw: { sorting: 150 } }],
        ['C', 70, { sections: { practical: 30 }, raw: { sorting: 70 } }],
        ['D', 71, { sections: { practical: 10 }, raw: { sorting: 179 } }],
      ]),
    );
    expect(order(rows)).toEqual(['D', 'B', 'C', 'A']);
    expect(ranks(rows)).toEqual([1, 2, 3, 4]);
  });
  it('tie-breaks never reorder different totals', () => {
    const def = workedExample({ tieBreak: ['section:practical'] });
    const rows = rankBoard(
      def,
      entries([
        ['A', 70, { sections: { practical: 50 } }],
        ['B', 70.01, { sections: { practical: 0 } }],
      ]),
    );
    expect(order(rows)).toEqual(['B', 'A']);
  });
});
