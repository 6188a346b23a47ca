import { describe, expect, it } from 'vitest';
import type { BoardRow } from '$shared/scoring/types.ts';
import { changedBibs, filterRows } from './board-rows.ts';

const row = (bib: string, over: Partial<BoardRow> = {}): BoardRow => ({
  bib,
  name: `name-${bib}`,
  organisation: 'sd',
  rank: 1,
  total: 50,
  sections: { theory: 50 },
  complete: true,
  flagged: false,
  award: null,
  status: 'active',
  ...over,
});

describe('changedBibs', () => {
  it('lists new rows and rows whose visible fields differ', () => {
    const before = [row('A'), row('B'), row('C')];
    const after = [row('A'), row('B', { total: 51 }), row('C', { sections: { theory: 49 } }), row('D')];
    expect(changedBibs(before, after)).toEqual(['B', 'C', 'D']);
  });

  it('ignores a row that is only moved', () => {
    expect(changedBibs([row('A'), row('B')], [row('B'), row('A')])).toEqual([]);
  });
});

describe('filterRows', () => {
  const rows = [
    row('C001', { name: '王磊' }),
    row('C002', { name: '李娜', organisation: 'yt' }),
    row('R003', { name: 'A-07', station: 'A-07', organisation: 'A-07' }),
  ];
  const names = (code: string) => ({ sd: '顺达快递', yt: '圆通速递' })[code] ?? code;

  it('keeps every row for an empty query', () => {
    expect(filterRows(rows, '  ')).toBe(rows);
  });

  it('matches bib, name, station and organisation name, ignoring case and full-width letters', () => {
    expect(filterRows(rows, 'c002').map((r) => r.bib)).toEqual(['C002']);
    expect(filterRows(rows, 'ｃ００１').map((r) => r.bib)).toEqual(['C001']);
    expect(filterRows(rows, '王').map((r) => r.bib)).toEqual(['C001']);
    expect(filterRows(rows, 'a-07').map((r) => r.bib)).toEqual(['R003']);
    expect(filterRows(rows, '圆通', names).map((r) => r.bib)).toEqual(['C002']);
  });
});
