// Deltas bring a watcher from the board it holds to the current one exactly, and stay small:
// one mark that moves a contestant up the board sends the rows whose rank changed, not the board.
import { describe, expect, it } from 'vitest';
import { ContestBoard } from '../../shared/scoring/board.ts';
import { applyBoardUpdate } from '../../shared/realtime.ts';
import type { Leaderboard } from '../../shared/api.ts';
import { compactUpdateFor, rememberBoard, updateFor } from './delta.ts';
import { contestantsC, oneCriterionDef } from './one-criterion-contest.ts';
import { info, mark, workedExample } from '../../shared/scoring/fixtures.ts';

const def = oneCriterionDef;
const people = contestantsC(200);

function boardAt(b: ContestBoard, seq: number): Leaderboard {
  return { contest: 'c1', seq, state: 'scoring', frozen: false, rows: b.rows() };
}

describe('board deltas', () => {
  it('carries only the rows that changed and applies to exactly the new board', () => {
    const b = new ContestBoard(def, people);
    let seq = 0;
    people.forEach((p, i) =>
      b.apply({ contestant: p.bib, criterion: 'k', judge: 'j1', value: (i % 97) + 1, revision: 1, order: ++seq }),
    );
    const before = boardAt(b, seq);
    const sent = rememberBoard(before);
    // One contestant in the middle of the board jumps to the top: the rows it passes change rank.
    const mover = before.rows[150]!.bib;
    b.apply({ contestant: mover, criterion: 'k', judge: 'j1', value: 100, revision: 2, order: ++seq });
    const after = boardAt(b, seq);
    const update = updateFor(sent, after)!;
    expect(update.full).toBe(false);
    if (update.full) return;
    expect(update.prevSeq).toBe(before.seq);
    const moved = after.rows.filter((r) => sent.rows.get(r.bib)!.rank !== r.rank).length;
    expect(update.changed.length).toBe(moved);
    expect(update.changed.length).toBeLessThan(after.rows.length);
    expect(applyBoardUpdate(before, update)).toEqual(after);
  });

  it('sends nothing when nothing changed, and the whole board to a room that had none', () => {
    const b = new ContestBoard(def, people);
    const lb = boardAt(b, 3);
    expect(updateFor(rememberBoard(lb), lb)).toBeNull();
    const first = updateFor(null, lb)!;
    expect(first.full).toBe(true);
    expect(applyBoardUpdate(null, first)).toEqual(lb);
  });

  it('compact deltas rebuild every board of a random contest exactly (ties, withdrawals, big moves) and stay small', () => {
    // A seeded generator: every run replays the same contest.
    let x = 20261126;
    const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const b = new ContestBoard(def, people);
    let seq = 0;
    let held: Leaderboard = boardAt(b, seq);
    let sent = rememberBoard(held);
    let compactBytes = 0;
    let contractBytes = 0;
    let compactUpdates = 0;
    for (let step = 0; step < 300; step++) {
      const marks = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < marks; k++) {
        const p = people[Math.floor(rand() * people.length)]!;
        // Values in steps of 10: many contestants share a total (ties), most stay at 0 for a while.
        b.apply({
          contestant: p.bib,
          criterion: 'k',
          judge: 'j1',
          value: 10 * Math.floor(rand() * 11),
          revision: step * 10 + k + 1,
          order: ++seq,
        });
      }
      if (rand() < 0.05)
        b.setStatus(people[Math.floor(rand() * people.length)]!.bib, rand() < 0.5 ? 'withdrawn' : 'active');
      const now = boardAt(b, ++seq);
      const update = compactUpdateFor(sent, now)!;
      const next = applyBoardUpdate(held, update);
      expect(next).toEqual(now);
      if ('compact' in update) {
        compactUpdates++;
        compactBytes += JSON.stringify(update).length;
        contractBytes += JSON.stringify(updateFor(sent, now)).length;
      }
      held = next as Leaderboard;
      sent = rememberBoard(now);
    }
    expect(compactUpdates).toBeGreaterThan(250);
    // Far smaller than CONTRACT §8's deltas of the same changes.
    expect(compactBytes * 5).toBeLessThan(contractBytes);
  });

  it('a first mark: the compact delta ranks that contestant alone (ranked 1), the rest stay unranked', () => {
    const few = contestantsC(4);
    const b = new ContestBoard(def, few);
    const before = boardAt(b, 1);
    expect(before.rows.every((r) => r.rank === null)).toBe(true); // no mark yet: nobody ranked (SCORING §5.4)
    b.apply({ contestant: 'C003', criterion: 'k', judge: 'j1', value: 50, revision: 1, order: 2 });
    const after = boardAt(b, 2);
    const update = compactUpdateFor(rememberBoard(before), after)!;
    expect(update).toMatchObject({ kind: 'compact', ranked: 1, ties: [], at: [0] });
    const held = applyBoardUpdate(before, update) as Leaderboard;
    expect(held).toEqual(after);
    expect(held.rows.map((r) => [r.bib, r.rank])).toEqual([
      ['C003', 1],
      ['C001', null],
      ['C002', null],
      ['C004', null],
    ]);
  });

  it("a section's first mark is sent even when it scores 0 (the section stops showing —)", () => {
    const b = new ContestBoard(workedExample(), [info('C001', 'sd'), info('C002', 'sd')]);
    b.apply(mark('C001', 'exam', 'J1', 80, { order: 1 }));
    const before = boardAt(b, 1);
    expect(before.rows[0]).toMatchObject({ bib: 'C001', unmarked: ['practical'] });
    b.apply(mark('C001', 'sorting', 'J1', 180, { order: 2 })); // the worst time: 0 points, the total unchanged
    const after = boardAt(b, 2);
    expect(after.rows[0]).toMatchObject({ total: before.rows[0]!.total, sections: before.rows[0]!.sections });
    const update = compactUpdateFor(rememberBoard(before), after)!;
    expect(update).toMatchObject({ kind: 'compact', at: [0] });
    expect(applyBoardUpdate(before, update)).toEqual(after);
  });

  it('a compact delta applied to a board of another seq asks for a resync', () => {
    const b = new ContestBoard(def, people);
    const before = boardAt(b, 1);
    b.apply({ contestant: people[5]!.bib, criterion: 'k', judge: 'j1', value: 50, revision: 1, order: 2 });
    const update = compactUpdateFor(rememberBoard(before), boardAt(b, 2))!;
    expect('compact' in update).toBe(true);
    expect(applyBoardUpdate({ ...before, seq: 0 }, update)).toBe('resync');
    expect(applyBoardUpdate(null, update)).toBe('resync');
  });
});
