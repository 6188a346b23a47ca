import { describe, expect, it } from 'vitest';
import { clampPage, pageCount, pageOf, rowsThatFit } from './paging.ts';

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
});
