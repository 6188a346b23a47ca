import { describe, expect, it } from 'vitest';
import { blindHidden, blindRow } from './blind.ts';
import type { BoardRow } from './scoring/types.ts';

const row: BoardRow = {
  bib: 'W007',
  name: '夏志强',
  organisation: 'ws1',
  station: 'W-07',
  rank: 1,
  total: 80,
  sections: {},
  complete: true,
  flagged: false,
  award: null,
  status: 'active',
};

describe('blind contests', () => {
  it('hide people until certified, and again while an amendment reopens the results', () => {
    expect(blindHidden(true, 'scoring')).toBe(true);
    expect(blindHidden(true, 'review')).toBe(true);
    expect(blindHidden(true, 'certified')).toBe(false);
    expect(blindHidden(true, 'published')).toBe(false);
    expect(blindHidden(false, 'scoring')).toBe(false);
    expect(blindHidden(undefined, 'scoring')).toBe(false);
  });

  it('show a row as its station: bib, name and organisation', () => {
    expect(blindRow(row, 'W-07')).toEqual({ ...row, bib: 'W-07', name: 'W-07', organisation: 'W-07', station: 'W-07' });
  });
});
