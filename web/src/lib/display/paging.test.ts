import { describe, expect, it } from 'vitest';
import { clampPage, nextPage, pageCount, pageOf, pagesWorthShowing, rowsThatFit } from './paging.ts';

describe('paging', () => {
  it('fits whole rows, at least the minimum', () => {
    expect(rowsThatFit(730, 96)).toBe(7);
    expect(rowsThatFit(768, 96)).toBe(8);
    expect(rowsThatFit(0, 96)).toBe(3);
    expect(rowsThatFit(100, 96)).toBe(3);
  });
  it('splits a list into pages and clamps the page', () => {
    const items = Array.from({ length: 24 }, (_, i) => i + 1);
    expect(pageCount(24, 7)).toBe(4);
    expect(pageCount(0, 7)).toBe(1);
    expect(pageOf(items, 0, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pageOf(items, 3, 7)).toEqual([22, 23, 24]);
    expect(pageOf(items, 9, 7)).toEqual([22, 23, 24]);
    expect(clampPage(-1, 24, 7)).toBe(0);
  });
  it('turns only to pages holding an item worth showing (a mark), page 1 alone when none is', () => {
    // 10 rows, 4 a page: rows 0-4 have marks, 5-9 not (pages 0, 1 worth it; page 2 not).
    const rows = Array.from({ length: 10 }, (_, i) => ({ marked: i < 5 }));
    const marked = (r: { marked: boolean }) => r.marked;
    expect(pagesWorthShowing(rows, 4, marked)).toEqual([0, 1]);
    expect(pagesWorthShowing(rows, 4)).toEqual([0, 1, 2]);
    expect(
      pagesWorthShowing(
        rows.map(() => ({ marked: false })),
        4,
        marked,
      ),
    ).toEqual([0]);
    expect(pagesWorthShowing([], 4, marked)).toEqual([0]);
    expect(nextPage([0, 1], 0)).toBe(1);
    expect(nextPage([0, 1], 1)).toBeNull();
    expect(nextPage([0, 2], 0)).toBe(2);
  });
});
