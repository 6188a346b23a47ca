import { describe, expect, it } from 'vitest';
import type { BoardRow } from '$shared/scoring/types.ts';
import { clampStep, emphasisOf, focusSlot, rankedRows, revealedBibs, revealOrder } from './reveal.ts';
import { actionOf } from './reveal.svelte.ts';

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

describe('clicker keys', () => {
  it('maps what presentation clickers send', () => {
    for (const key of ['ArrowRight', ' ', 'PageDown', 'Enter', 'ArrowDown']) expect(actionOf(key)).toBe('next');
    for (const key of ['ArrowLeft', 'PageUp', 'Backspace', 'ArrowUp']) expect(actionOf(key)).toBe('back');
    expect(actionOf('Home')).toBe('reset');
    expect(actionOf('End')).toBe('end');
    expect(actionOf('a')).toBeNull();
  });
});

describe('RevealSteps', () => {
  it('steps, rolls the drum for award winners and goes back', async () => {
    const { vi } = await import('vitest');
    const { RevealSteps } = await import('./reveal.svelte.ts');
    vi.useFakeTimers();
    try {
      const steps = new RevealSteps('c-test');
      const order = revealOrder(board);
      steps.act('next', order);
      expect(steps.step(order.length)).toBe(1);
      expect(steps.spotlight).toBeNull(); // E: no award, no drumroll
      steps.act('end', order);
      steps.act('back', order);
      steps.act('next', order); // A: the winner
      expect(steps.spotlight).toMatchObject({ emphasis: 'champion', shown: false });
      expect(steps.rolling()).toBe('A');
      vi.advanceTimersByTime(3000);
      expect(steps.spotlight).toMatchObject({ shown: true });
      expect(steps.rolling()).toBeNull();
      steps.act('next', order); // past the end: stays
      expect(steps.step(order.length)).toBe(5);
      steps.act('reset', order);
      expect(steps.step(order.length)).toBe(0);
      expect(steps.spotlight).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
