import { describe, expect, it } from 'vitest';
import { teamTables } from './teams.ts';
import type { BoardRow } from './types.ts';

function row(bib: string, organisation: string, total: number, rank: number | null = 1): BoardRow {
  return {
    bib,
    name: bib,
    organisation,
    rank,
    total,
    sections: {},
    complete: true,
    flagged: false,
    award: null,
    status: rank === null ? 'withdrawn' : 'active',
  };
}

describe('teamTables', () => {
  it('contest score: sum of the best teamSize totals of ranked contestants', () => {
    const rows = [
      row('a1', 'sd', 90),
      row('a2', 'sd', 80),
      row('a3', 'sd', 70.15),
      row('a4', 'sd', 60),
      row('b1', 'zt', 99.99),
      row('b2', 'zt', 10),
      row('c1', 'ml', 100, null),
      row('c2', 'ml', 5),
      row('d1', 'el', 100, null),
    ];
    const t = teamTables([{ code: 'courier', rows }]);
    expect(t.contests.courier).toEqual([
      { organisation: 'sd', rank: 1, score: 240.15 },
      { organisation: 'zt', rank: 2, score: 109.99 },
      { organisation: 'ml', rank: 3, score: 5 },
    ]); // el has no ranked contestant: not listed
    expect(t.overall.map((r) => r.organisation)).toEqual(['sd', 'zt', 'ml']);
  });
  it('teamSize of the contest is used (fewer members: fewer terms)', () => {
    const rows = [row('a1', 'sd', 50), row('a2', 'sd', 40), row('a3', 'sd', 30), row('b1', 'zt', 100)];
    const t = teamTables([{ code: 'x', teamSize: 1, rows }]);
    expect(t.contests.x).toEqual([
      { organisation: 'zt', rank: 1, score: 100 },
      { organisation: 'sd', rank: 2, score: 50 },
    ]);
    const t5 = teamTables([{ code: 'x', teamSize: 5, rows }]);
    expect(t5.contests.x?.[0]).toEqual({ organisation: 'sd', rank: 1, score: 120 });
  });
  it('equal scores: better best single total first; still equal: shared rank by organisation code', () => {
    const rows = [
      row('a1', 'zz', 60),
      row('a2', 'zz', 40),
      row('b1', 'aa', 50),
      row('b2', 'aa', 50),
      row('c1', 'mm', 70),
      row('c2', 'mm', 30),
      row('d1', 'bb', 50),
      row('d2', 'bb', 50),
      row('e1', 'cc', 20),
    ];
    const t = teamTables([{ code: 'x', rows }]);
    expect(t.contests.x).toEqual([
      { organisation: 'mm', rank: 1, score: 100 },
      { organisation: 'zz', rank: 2, score: 100 },
      { organisation: 'aa', rank: 3, score: 100 },
      { organisation: 'bb', rank: 3, score: 100 },
      { organisation: 'cc', rank: 5, score: 20 },
    ]);
  });
  it('overall: sum of contest scores, tie broken by best single total in the whole event', () => {
    const t = teamTables([
      { code: 'courier', rows: [row('a1', 'sd', 80.5), row('b1', 'zt', 60.25), row('c1', 'ml', 40)] },
      { code: 'rider', rows: [row('a2', 'sd', 19.5), row('b2', 'zt', 39.75), row('b3', 'zt', 0), row('e1', 'el', 10)] },
    ]);
    expect(t.contests.courier?.map((r) => r.organisation)).toEqual(['sd', 'zt', 'ml']);
    expect(t.contests.rider?.map((r) => [r.organisation, r.score])).toEqual([
      ['zt', 39.75],
      ['sd', 19.5],
      ['el', 10],
    ]);
    expect(t.overall).toEqual([
      { organisation: 'sd', rank: 1, score: 100 }, // best single 80.5
      { organisation: 'zt', rank: 2, score: 100 }, // best single 60.25
      { organisation: 'ml', rank: 3, score: 40 },
      { organisation: 'el', rank: 4, score: 10 },
    ]);
  });
  it('overall shared rank, listed by organisation code', () => {
    const t = teamTables([
      { code: 'a', rows: [row('1', 'yz', 50), row('2', 'jd', 50)] },
      { code: 'b', rows: [row('3', 'yz', 25), row('4', 'jd', 25)] },
    ]);
    expect(t.overall).toEqual([
      { organisation: 'jd', rank: 1, score: 75 },
      { organisation: 'yz', rank: 1, score: 75 },
    ]);
  });
  it('contests with no ranked contestants give empty tables', () => {
    const t = teamTables([{ code: 'empty', rows: [] }]);
    expect(t).toEqual({ contests: { empty: [] }, overall: [] });
  });
  it('scores are round2 (no float dust)', () => {
    const t = teamTables([{ code: 'x', rows: [row('1', 'sd', 0.1), row('2', 'sd', 0.2)] }]);
    expect(t.contests.x?.[0]?.score).toBe(0.3);
  });
});
