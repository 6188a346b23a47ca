import { describe, expect, it } from 'vitest';
import { blockerLines, mayFreeze } from './lifecycle.ts';

describe('mayFreeze', () => {
  it('offers freezing once the contest started, and unfreezing while frozen', () => {
    expect(mayFreeze('setup', false)).toBe(false);
    expect(mayFreeze('setup', true)).toBe(true);
    expect(mayFreeze('scoring', false)).toBe(true);
  });
});

describe('blockerLines', () => {
  const names = {
    contestant: (bib: string) => ({ C001: 'C001 廖强', C002: 'C002 许丽娟' })[bib] ?? bib,
    criterion: (code: string) => ({ packing: '包装规范', exam: '理论考试' })[code] ?? code,
  };
  it('names the contestant and the criteria of each structured blocker', () => {
    const reasons = [
      'C001: incomplete (exam, packing 2/3)',
      'C002: criterion "packing" is flagged (judges too far apart) and not resolved',
    ];
    const blockers = [
      {
        kind: 'incomplete' as const,
        bib: 'C001',
        missing: [{ criterion: 'exam' }, { criterion: 'packing', have: 2, need: 3 }],
      },
      { kind: 'flagged' as const, bib: 'C002', criterion: 'packing' },
    ];
    expect(blockerLines({ reasons, blockers }, names)).toEqual([
      { kind: 'incomplete', who: 'C001 廖强', what: ['理论考试', '包装规范 2/3'] },
      { kind: 'flagged', who: 'C002 许丽娟', what: ['包装规范'] },
    ]);
  });
  it('keeps a reason it cannot word as "other", without its English text', () => {
    expect(blockerLines({ reasons: ['something new'] }, names)).toEqual([{ kind: 'other', who: '', what: [] }]);
  });
});
