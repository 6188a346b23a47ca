// Smoke test of the board-work benchmark: a short run measures every point of the history and
// every batch size, with each update's parts timed and its size counted.
import { describe, expect, it } from 'vitest';
import { boardWorkMarkdown, runBoardWork } from './board-work.ts';

describe('bench/board-work', () => {
  it('times apply, rank, diff and encode per mark at each point of a contest history', () => {
    const r = runBoardWork({
      contestants: 300,
      updates: 20,
      history: [100, 2_000],
      marksPerUpdate: [1, 5],
      compact: true,
    });
    expect(r.points).toHaveLength(4);
    for (const p of r.points) {
      expect(p.msPerMark).toBeGreaterThan(0);
      expect(p.p99MsPerUpdate).toBeGreaterThan(0);
      expect(p.meanBytes).toBeGreaterThan(0);
      expect(p.split.rank).toBeGreaterThanOrEqual(0);
    }
    expect(r.points.map((p) => [p.history, p.marksPerUpdate])).toEqual([
      [100, 1],
      [2_000, 1],
      [100, 5],
      [2_000, 5],
    ]);
    expect(boardWorkMarkdown(r)).toContain('| 2000 | 5 |');
  });
});
