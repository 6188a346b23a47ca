// SCORING §5 point 4 (rules 1.1): a contestant without a counted mark is not ranked — hand-worked cases.
import { describe, expect, it } from 'vitest';
import { ContestBoard } from './board.ts';
import { scoreContestant } from './contestant.ts';
import { info, mark, workedExample, workedMarks } from './fixtures.ts';
import { rankBoard } from './rank.ts';
import { teamTables } from './teams.ts';
import type { ContestantInfo, ScoringMark } from './types.ts';

const def = workedExample({ awards: [{ name: 'Gold', ratio: 0.5 }] });
const people = [info('C001', 'sd'), info('C002', 'zt'), info('C003', 'sd'), info('C004', 'zt')];
const view = (rows: { bib: string; rank: number | null; award: string | null }[]) =>
  rows.map((r) => [r.bib, r.rank, r.award]);

/** The board both ways: the server's incremental board and rankBoard from scratch, which must agree. */
function board(infos: ContestantInfo[], marks: ScoringMark[]) {
  const b = new ContestBoard(def, infos);
  for (const m of marks) b.apply(m);
  const scratch = rankBoard(
    def,
    infos.map((p) => ({ info: p, score: scoreContestant(def, p.bib, marks) })),
  );
  expect(b.rows()).toEqual(scratch);
  return scratch;
}

describe('contestants without a counted mark (SCORING §5.4)', () => {
  it('no marks at all: nobody is ranked, nobody has an award, rows in bib order', () => {
    const rows = board([people[2]!, people[0]!, people[3]!, people[1]!], []);
    expect(view(rows)).toEqual([
      ['C001', null, null],
      ['C002', null, null],
      ['C003', null, null],
      ['C004', null, null],
    ]);
  });
  it('one mark ranks only that contestant, the others follow in bib order', () => {
    const rows = board(people, [mark('C003', 'exam', 'J1', 50)]);
    expect(view(rows)).toEqual([
      ['C003', 1, null], // incomplete: no award
      ['C001', null, null],
      ['C002', null, null],
      ['C004', null, null],
    ]);
    expect(rows[0]?.total).toBe(15); // 0.3 × 100 × 50/100
  });
  it('a ranked row names its sections without a mark yet, so screens show "—" there, not 0', () => {
    const rows = board(people, [mark('C003', 'exam', 'J1', 50), mark('C001', 'safety', 'J1', 1)]);
    const byBib = new Map(rows.map((r) => [r.bib, r] as const));
    expect(byBib.get('C003')?.unmarked).toEqual(['practical']); // theory marked, practical not
    expect(byBib.get('C001')?.unmarked).toEqual(['theory']); // a deduction marks its section
    expect(byBib.get('C002')).not.toHaveProperty('unmarked'); // no mark at all: rank null says it
    const later = board(people, [mark('C003', 'exam', 'J1', 50), mark('C003', 'sorting', 'J1', 90)]);
    expect(later.find((r) => r.bib === 'C003')).not.toHaveProperty('unmarked');
  });
  it('a mark of 0 counts: ranked at 0, ahead of those without a mark', () => {
    const rows = board(people, [mark('C004', 'exam', 'J1', 0)]);
    expect(view(rows)[0]).toEqual(['C004', 1, null]);
    expect(rows.slice(1).every((r) => r.rank === null)).toBe(true);
  });
  it('only a deduction mark: ranked (deductions count as marks), total 0', () => {
    const rows = board(people, [mark('C002', 'safety', 'J1', 1), mark('C004', 'exam', 'J1', 10)]);
    expect(rows.map((r) => [r.bib, r.rank, r.total])).toEqual([
      ['C004', 1, 3],
      ['C002', 2, 0],
      ['C001', null, 0],
      ['C003', null, 0],
    ]);
  });
  it('a withdrawn or disqualified contestant comes after the unranked ones, whatever its marks', () => {
    const infos = [
      info('C001', 'sd', { status: 'withdrawn' }),
      people[1]!,
      people[2]!,
      info('C000', 'zt', { status: 'disqualified' }),
    ];
    const rows = board(infos, [...workedMarks('C001'), mark('C003', 'exam', 'J1', 40)]);
    expect(rows.map((r) => [r.bib, r.rank, r.status])).toEqual([
      ['C003', 1, 'active'],
      ['C002', null, 'active'],
      ['C000', null, 'disqualified'],
      ['C001', null, 'withdrawn'],
    ]);
  });
  it('award N counts only complete ranked contestants', () => {
    // C001 and C002 complete (N = 2, Gold ratio 0.5 → 1 place); C003 ranked but incomplete; C004 unmarked.
    const marks = [...workedMarks('C001'), ...workedMarks('C002'), mark('C002', 'exam', 'J1', 90, { revision: 2 })];
    const rows = board(people, [...marks, mark('C003', 'exam', 'J1', 100)]);
    expect(view(rows)).toEqual([
      ['C002', 1, 'Gold'],
      ['C001', 2, null],
      ['C003', 3, null],
      ['C004', null, null],
    ]);
  });
  it('teams count ranked contestants only: an organisation with no mark yet has no team row', () => {
    const rows = board(people, [mark('C001', 'exam', 'J1', 50)]);
    const teams = teamTables([{ code: 'x', rows }]);
    expect(teams.contests.x).toEqual([{ organisation: 'sd', rank: 1, score: 15 }]);
  });
});
