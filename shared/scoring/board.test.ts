import { describe, expect, it } from 'vitest';
import { ContestBoard } from './board.ts';
import { scoreContestant } from './contestant.ts';
import { info, mark, workedExample, workedMarks } from './fixtures.ts';
import { rankBoard } from './rank.ts';

const def = workedExample({ tieBreak: ['raw-asc:sorting'], awards: [{ name: 'Gold', count: 1 }] });
const people = [info('C001', 'sd', { station: 'A-01' }), info('C002', 'zt'), info('C003', 'sd')];

describe('ContestBoard', () => {
  it('starts with everyone at 0, not ranked (no counted mark yet), in bib order', () => {
    const b = new ContestBoard(def, people);
    expect(b.rows().map((r) => [r.bib, r.rank, r.total, r.complete])).toEqual([
      ['C001', null, 0, false],
      ['C002', null, 0, false],
      ['C003', null, 0, false],
    ]);
    expect(b.rows()[0]?.station).toBe('A-01');
  });
  it('applies marks and re-scores the contestant (worked example)', () => {
    const b = new ContestBoard(def, people);
    for (const m of workedMarks('C002')) b.apply(m);
    expect(b.score('C002')).toMatchObject({ total: 75.1, complete: true, sections: { theory: 80, practical: 36.5 } });
    expect(b.rows()[0]).toMatchObject({ bib: 'C002', rank: 1, total: 75.1, award: 'Gold' });
    expect(b.score('C001')?.total).toBe(0);
  });
  it('ignores marks for unknown bibs and criteria', () => {
    const b = new ContestBoard(def, people);
    const before = b.rows();
    b.apply(mark('X999', 'exam', 'J1', 90));
    b.apply(mark('C001', 'nope', 'J1', 90));
    expect(b.rows()).toBe(before); // unchanged, still cached
    expect(b.score('X999')).toBeUndefined();
    expect(b.countedMarks('C001')).toEqual([]);
  });
  it('caches rows until the next change', () => {
    const b = new ContestBoard(def, people);
    const r1 = b.rows();
    expect(b.rows()).toBe(r1);
    b.apply(mark('C001', 'exam', 'J1', 50));
    const r2 = b.rows();
    expect(r2).not.toBe(r1);
    expect(r2[0]).toMatchObject({ bib: 'C001', total: 15 });
  });
  it('never mutates rows it returned before (safe to keep as a frozen board)', () => {
    const b = new ContestBoard(def, people);
    const r1 = b.rows();
    const snapshot = structuredClone(r1);
    for (const m of workedMarks('C003')) b.apply(m);
    b.setStatus('C001', 'withdrawn');
    expect(b.rows()[0]?.bib).toBe('C003');
    expect(r1).toEqual(snapshot);
  });
  it('keeps only the newest revision, whatever the order of arrival', () => {
    const b = new ContestBoard(def, people);
    b.apply(mark('C001', 'exam', 'J1', 60, { revision: 2, order: 20 }));
    b.apply(mark('C001', 'exam', 'J1', 90, { revision: 1, order: 10 }));
    expect(b.score('C001')?.criteria.exam).toBe(60);
    expect(b.countedMarks('C001')).toHaveLength(1);
  });
  it('resolves flags, and a later wide mark raises them again', () => {
    const b = new ContestBoard(def, people);
    b.apply(mark('C001', 'packing', 'J1', 10, { order: 1 }));
    b.apply(mark('C001', 'packing', 'J2', 18, { order: 2 }));
    expect(b.score('C001')?.flags).toEqual(['packing']);
    expect(b.rows()[0]?.flagged).toBe(true);
    b.resolveFlag({ contestant: 'C001', criterion: 'packing', order: 2 });
    expect(b.score('C001')?.flagged).toBe(false);
    b.resolveFlag({ contestant: 'C001', criterion: 'packing', order: 1 }); // older: no effect
    expect(b.score('C001')?.flagged).toBe(false);
    b.apply(mark('C001', 'packing', 'J3', 19, { order: 3 }));
    expect(b.score('C001')?.flagged).toBe(true);
  });
  it('setStatus moves a contestant out of the ranking and back', () => {
    const b = new ContestBoard(def, people);
    for (const m of workedMarks('C001')) b.apply(m);
    b.setStatus('C001', 'disqualified');
    expect(b.rows().map((r) => [r.bib, r.rank, r.award])).toEqual([
      ['C002', null, null],
      ['C003', null, null],
      ['C001', null, null],
    ]);
    expect(b.info('C001')?.status).toBe('disqualified');
    b.setStatus('C001', 'active');
    expect(b.rows()[0]).toMatchObject({ bib: 'C001', rank: 1, award: 'Gold' });
  });
  it('equals rankBoard over scoreContestant from scratch', () => {
    const b = new ContestBoard(def, people);
    const marks = [
      ...workedMarks('C001'),
      ...workedMarks('C003'),
      mark('C003', 'sorting', 'J2', 70, { revision: 1 }),
      mark('C002', 'exam', 'J1', 99),
    ];
    for (const m of marks) b.apply(m);
    const expected = rankBoard(
      def,
      people.map((p) => ({ info: p, score: scoreContestant(def, p.bib, marks) })),
    );
    expect(b.rows()).toEqual(expected);
    expect(b.bibs()).toEqual(['C001', 'C002', 'C003']);
  });
});
