import { describe, expect, it } from 'vitest';
import { CONTEST_STATES, type ContestState } from './api.ts';
import { hasResults, moveBetween, movesFrom } from './lifecycle.ts';

// CONTRACT §5 written out by hand: the table the code must equal.
const NEXT: Record<ContestState, ContestState[]> = {
  setup: ['scoring'],
  scoring: ['review'],
  review: ['scoring', 'certified'],
  certified: ['published', 'review'],
  published: ['review'],
};
const CHIEF: string[] = ['scoring>review', 'review>scoring', 'review>certified'];

describe('the contest lifecycle', () => {
  it('has exactly the transitions of CONTRACT §5', () => {
    for (const from of CONTEST_STATES) {
      for (const to of CONTEST_STATES) {
        expect(moveBetween(from, to) !== undefined, `${from} → ${to}`).toBe(NEXT[from].includes(to));
      }
      expect(
        movesFrom(from)
          .map((m) => m.to)
          .sort(),
      ).toEqual([...NEXT[from]].sort());
    }
  });

  it('lets the chief judge close, reopen and certify, and organisers make every move', () => {
    for (const from of CONTEST_STATES) {
      const chief = movesFrom(from, 'chief').map((m) => `${m.from}>${m.to}`);
      const expected = NEXT[from].map((to) => `${from}>${to}`).filter((k) => CHIEF.includes(k));
      expect(chief.sort()).toEqual(expected.sort());
      expect(movesFrom(from, 'organiser')).toHaveLength(NEXT[from].length);
    }
  });

  it('asks a reason only to amend certified or published results', () => {
    for (const from of CONTEST_STATES) {
      for (const m of movesFrom(from)) expect(m.needsReason, m.key).toBe(hasResults(from) && m.to === 'review');
    }
    expect(CONTEST_STATES.filter(hasResults)).toEqual(['certified', 'published']);
  });

  it('names each move once: amending is the same move from certified and from published', () => {
    expect(movesFrom('review').map((m) => m.key)).toEqual(['certify', 'reopen']);
    expect(moveBetween('certified', 'review')?.key).toBe('amend');
    expect(moveBetween('published', 'review')?.key).toBe('amend');
  });
});
