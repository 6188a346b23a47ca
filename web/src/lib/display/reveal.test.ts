import { describe, expect, it } from 'vitest';
import type { BoardRow } from '$shared/scoring/types.ts';
import { clampStep, emphasisOf, focusSlot, rankedRows, revealedBibs, revealOrder, revealSlots } from './reveal.ts';
import { RevealFollower } from './reveal.svelte.ts';

const row = (
  bib: string,
  rank: number | null,
  award: string | null = null,
  status: BoardRow['status'] = 'active',
): BoardRow => ({
  bib,
  name: `N${bib}`,
  organisation: 'org',
  station: `S-${bib}`,
  rank,
  total: 0,
  sections: {},
  complete: true,
  flagged: false,
  award,
  status,
});
const board = [
  row('A', 1, '一等奖'),
  row('B', 2, '二等奖'),
  row('C', 3),
  row('D', 4),
  row('E', 5),
  row('X', null, null, 'withdrawn'),
];

describe('reveal plan', () => {
  it('reveals ranked contestants from the bottom up; withdrawn ones never', () => {
    expect(revealOrder(board).map((r) => r.bib)).toEqual(['E', 'D', 'C', 'B', 'A']);
    expect(rankedRows(board).map((r) => r.bib)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect([...revealedBibs(board, 2)]).toEqual(['E', 'D']);
    expect(revealedBibs(board, 0).size).toBe(0);
  });
  it('keeps the step within the list', () => {
    expect(clampStep(7, 5)).toBe(5);
    expect(clampStep(-1, 5)).toBe(0);
    expect(clampStep(Number.NaN, 5)).toBe(0);
  });
  it('follows the last revealed slot; the bottom one before the first step', () => {
    expect(focusSlot(5, 0)).toBe(4);
    expect(focusSlot(5, 1)).toBe(4);
    expect(focusSlot(5, 2)).toBe(3);
    expect(focusSlot(5, 5)).toBe(0);
    expect(focusSlot(0, 0)).toBe(0);
  });
  it('gives the winner the most suspense', () => {
    expect(board.map(emphasisOf)).toEqual(['champion', 'podium', 'podium', 'plain', 'plain', 'plain']);
    expect(emphasisOf(row('F', 6, '三等奖'))).toBe('award');
  });
});

describe('revealSlots', () => {
  it('puts the revealed rows in their places, the rest are slots without data', () => {
    const order = revealOrder(board);
    const slots = revealSlots({ contest: 'c', step: 2, total: 5, revealed: order.slice(0, 2), ready: true });
    expect(slots.map((r) => r.bib)).toEqual(['slot:0', 'slot:1', 'slot:2', 'D', 'E']);
    expect(slots[0]).toMatchObject({ name: '', organisation: '', rank: null, award: null });
  });
});

describe('RevealFollower', () => {
  it('rolls the drum for an award winner revealed one step on, not on a jump or a reload', async () => {
    const { vi } = await import('vitest');
    vi.useFakeTimers();
    const order = revealOrder(board);
    const view = (step: number) => ({
      contest: 'c',
      step,
      total: order.length,
      revealed: order.slice(0, step),
      ready: true,
    });
    try {
      const follower = new RevealFollower();
      follower.follow(view(3)); // opened mid-ceremony: where it is, no drumroll
      expect(follower.spotlight).toBeNull();
      follower.follow(view(4)); // B, second place
      expect(follower.spotlight).toMatchObject({ emphasis: 'podium', shown: false });
      expect(follower.rolling()).toBe('B');
      follower.follow(view(4)); // the same step again: the drumroll goes on
      expect(follower.rolling()).toBe('B');
      vi.advanceTimersByTime(2000);
      expect(follower.spotlight).toMatchObject({ shown: true });
      expect(follower.rolling()).toBeNull();
      follower.follow(view(1)); // back to the start: no spotlight
      expect(follower.spotlight).toBeNull();
      follower.follow(view(2)); // D: no award, no drumroll
      expect(follower.spotlight).toBeNull();
      follower.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
