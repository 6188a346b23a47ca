import { describe, expect, it } from 'vitest';
import { RankMoves } from './moves.ts';

/** Rows in board order from bibs, ranked 1, 2, 3… (null for the bibs after `ranked`). */
const board = (bibs: string, ranked = bibs.length) =>
  [...bibs].map((bib, i) => ({ bib, rank: i < ranked ? i + 1 : null }));
const arrows = (m: ReadonlyMap<string, number>) => Object.fromEntries([...m].sort());

describe('RankMoves', () => {
  it('three updates 20 ms apart lift E from 5th to 1st: ▲4 for E, ▼1 for each contestant passed', () => {
    const moves = new RankMoves(5000);
    expect(arrows(moves.update(board('ABCDE'), 0))).toEqual({}); // the first board shows no arrows
    moves.update(board('ABCED'), 1000); // E passes D
    moves.update(board('AEBCD'), 1020); // E passes C and B
    const last = moves.update(board('EABCD'), 1040); // E passes A
    expect(arrows(last)).toEqual({ E: 4, A: -1, B: -1, C: -1, D: -1 });
  });
  it('arrows go once the window has passed since the last change, and a new move starts afresh', () => {
    const moves = new RankMoves(5000);
    moves.update(board('ABC'), 0);
    moves.update(board('BAC'), 100);
    expect(arrows(moves.current(5100))).toEqual({ A: -1, B: 1 });
    expect(moves.nextExpiry(5100)).toBe(1);
    expect(arrows(moves.current(5101))).toEqual({});
    expect(moves.nextExpiry(5101)).toBeNull();
    expect(arrows(moves.update(board('BCA'), 6000))).toEqual({ A: -1, C: 1 });
  });
  it('a contestant back where it started within the window shows nothing', () => {
    const moves = new RankMoves(5000);
    moves.update(board('ABC'), 0);
    moves.update(board('BAC'), 100);
    expect(arrows(moves.update(board('ABC'), 200))).toEqual({});
  });
  it('no arrow for a contestant entering the ranking (first mark) or leaving it', () => {
    const moves = new RankMoves(5000);
    moves.update(board('ABC', 1), 0); // only A ranked
    expect(arrows(moves.update(board('BAC', 2), 100))).toEqual({ A: -1 }); // B's first mark puts it 1st
    expect(arrows(moves.update(board('ACB', 1), 200))).toEqual({}); // B withdrawn, A back to 1st
  });
});
