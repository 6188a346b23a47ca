import { describe, expect, it } from 'vitest';
import type { BoardRow } from '$shared/scoring/types.ts';
import { changedBibs, filterRows, notStarted, scoreText } from './board-rows.ts';

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

  it('sees a section receiving its first mark even when its score stays 0', () => {
    const before = [row('A', { sections: { theory: 50, practical: 0 }, unmarked: ['practical'] })];
    const after = [row('A', { sections: { theory: 50, practical: 0 } })];
    expect(changedBibs(before, after)).toEqual(['A']);
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

describe('scoreText', () => {
  it('writes two decimals, as every screen and paper does', () => {
    const r = row('a', { total: 88.4, sections: { theory: 36.5, practical: 0 } });
    expect([scoreText(r), scoreText(r, 'theory'), scoreText(r, 'practical')]).toEqual(['88.40', '36.50', '0.00']);
    expect(scoreText(r, 'unknown')).toBe('—');
  });
  it('shows "—" for a section of a ranked contestant that has no mark yet, not 0', () => {
    const r = row('d', { total: 27, sections: { theory: 90, practical: 0 }, unmarked: ['practical'] });
    expect([scoreText(r), scoreText(r, 'theory'), scoreText(r, 'practical')]).toEqual(['27.00', '90.00', '—']);
  });
  it('shows "—" for a contestant without a mark yet, not 0', () => {
    const waiting = row('b', { rank: null, total: 0, sections: { theory: 0 } });
    expect(notStarted(waiting)).toBe(true);
    expect([scoreText(waiting), scoreText(waiting, 'theory')]).toEqual(['—', '—']);
    const out = row('c', { rank: null, total: 40, status: 'withdrawn' });
    expect(notStarted(out)).toBe(false);
    expect(scoreText(out)).toBe('40.00');
  });
});
