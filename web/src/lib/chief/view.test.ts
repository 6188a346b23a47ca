import { describe, expect, it } from 'vitest';
import type { ContestProgress, ProgressCell } from '$shared/judge.ts';
import { i18n } from '$lib/i18n/index.ts';
import {
  acceptedFlag,
  cellStatus,
  certifyWarning,
  deductionText,
  filterProgressRows,
  flaggedCells,
  judgeDebts,
  blockersOf,
  who,
  type ProgressRow,
} from './view.ts';

const cell = (over: Partial<ProgressCell> = {}): ProgressCell => ({
  have: 0,
  need: 3,
  points: null,
  flagged: false,
  spread: null,
  marks: [],
  ...over,
});
const row = (bib: string, over: Partial<ProgressRow> = {}): ProgressRow => ({
  bib,
  name: `name-${bib}`,
  organisation: 'sd',
  organisationName: '顺达',
  station: `S-${bib}`,
  status: 'active',
  complete: false,
  total: 0,
  recused: false,
  cells: { packing: cell() },
  ...over,
});
const packing = {
  code: 'packing',
  name: '包装',
  kind: 'judgement' as const,
  section: 'p',
  sectionName: 'P',
  need: 3,
  maxSpread: 6,
  def: { code: 'packing', name: '包装', kind: 'judgement' as const, max: 25 },
};

describe('cellStatus', () => {
  it('tells flagged, complete, partial, missing, deductions and inactive rows apart', () => {
    expect(cellStatus(row('A'), cell({ flagged: true, have: 3 }))).toBe('flagged');
    expect(cellStatus(row('A'), cell({ have: 3 }))).toBe('complete');
    expect(cellStatus(row('A'), cell({ have: 1 }))).toBe('partial');
    expect(cellStatus(row('A'), cell())).toBe('missing');
    expect(cellStatus(row('A'), cell({ need: 0 }))).toBe('none');
    expect(cellStatus(row('A'), cell({ need: 0, have: 1 }))).toBe('deducted');
    expect(cellStatus(row('A'), cell({ need: 0, have: 1, points: 2 }))).toBe('deducted');
    // "0 violations" marked: nothing taken, not shown red.
    expect(cellStatus(row('A'), cell({ need: 0, have: 1, points: 0 }))).toBe('none');
    expect(cellStatus(row('A', { status: 'withdrawn' }), cell())).toBe('inactive');
  });
  it('knows an accepted flag: spread over maxSpread but no longer flagged', () => {
    expect(acceptedFlag(cell({ spread: 10 }), packing)).toBe(true);
    expect(acceptedFlag(cell({ spread: 10, flagged: true }), packing)).toBe(false);
    expect(acceptedFlag(cell({ spread: 6 }), packing)).toBe(false);
  });
});

describe('filterProgressRows', () => {
  const blind = { name: undefined, organisation: undefined, organisationName: undefined, station: 'W-07' };
  const rows = [
    row('C001', { complete: true }),
    row('C002', { cells: { packing: cell({ flagged: true }) } }),
    row('C003', blind),
  ];
  it('filters incomplete and flagged rows and searches bib, name, station and organisation', () => {
    expect(filterProgressRows(rows, { query: '', incompleteOnly: true, flaggedOnly: false }).map((r) => r.bib)).toEqual(
      ['C002', 'C003'],
    );
    expect(filterProgressRows(rows, { query: '', incompleteOnly: false, flaggedOnly: true }).map((r) => r.bib)).toEqual(
      ['C002'],
    );
    expect(
      filterProgressRows(rows, { query: 'ｗ-07', incompleteOnly: false, flaggedOnly: false }).map((r) => r.bib),
    ).toEqual(['C003']);
    expect(
      filterProgressRows(rows, { query: 'name-c001', incompleteOnly: false, flaggedOnly: false }).map((r) => r.bib),
    ).toEqual(['C001']);
    expect(filterProgressRows(rows, { query: '顺达', incompleteOnly: false, flaggedOnly: false })).toHaveLength(2);
    // A blind row is its station only: its bib must not find it (that would pair the two).
    expect(filterProgressRows(rows, { query: 'C003', incompleteOnly: false, flaggedOnly: false })).toEqual([]);
  });
});

describe('flags and debts', () => {
  const p = {
    criteria: [packing],
    rows: [
      row('C001', { cells: { packing: cell({ flagged: true }) } }),
      row('C002'),
      row('C003', { name: undefined, station: 'W-03' }),
    ],
    judges: [
      {
        code: 'chief',
        name: 'C',
        chief: true,
        shadow: false,
        criteria: '*',
        organisation: null,
        missing: [{ contestant: 'C002', criterion: 'packing' }],
      },
      { code: 'j1', name: 'J1', chief: false, shadow: false, criteria: '*', organisation: null, missing: [] },
      {
        code: 'j2',
        name: 'J2',
        chief: false,
        shadow: false,
        criteria: '*',
        organisation: null,
        missing: [
          { contestant: 'C002', criterion: 'packing' },
          { contestant: 'C003', criterion: 'packing' },
        ],
      },
      {
        code: 't',
        name: 'T',
        chief: false,
        shadow: true,
        criteria: '*',
        organisation: null,
        missing: [{ contestant: 'C002', criterion: 'packing' }],
      },
    ],
  } as unknown as ContestProgress;
  it('lists flagged cells and what each marking judge owes, most first, without chief and trainees', () => {
    expect(flaggedCells(p).map((f) => `${f.row.bib}/${f.criterion.code}`)).toEqual(['C001/packing']);
    const debts = judgeDebts(p);
    expect(debts.map((d) => [d.judge.code, d.total])).toEqual([
      ['j2', 2],
      ['j1', 0],
    ]);
    // Listed by bib, and a blind row by its station only.
    expect(debts[0]!.byCriterion).toEqual([{ criterion: packing, bibs: ['C002', 'C003'], names: ['C002', 'W-03'] }]);
  });
});

describe('blockersOf', () => {
  it('takes the structured blockers of a refused certification; others are "other", never English', () => {
    const blockers = [
      {
        kind: 'incomplete' as const,
        bib: 'C001',
        missing: [{ criterion: 'exam' }, { criterion: 'packing', have: 2, need: 3 }],
      },
      { kind: 'flagged' as const, bib: 'C002', criterion: 'service' },
    ];
    expect(blockersOf({ reasons: ['a', 'b'], blockers })).toEqual(blockers);
    expect(blockersOf({ reasons: ['something else'] })).toEqual([{ kind: 'other' }]);
    expect(blockersOf({ reasons: ['a'], blockers: [{ kind: 'tie_undecided' }] })).toEqual([{ kind: 'other' }]);
    expect(blockersOf({})).toEqual([]);
  });
});

describe('who', () => {
  it('names a contestant by bib and name, or by station when blind', () => {
    expect(who(row('C001'), 'C001')).toBe('C001 name-C001');
    expect(who(row('C001', { name: undefined }), 'C001')).toBe('S-C001');
    expect(who(undefined, 'C009')).toBe('C009');
  });
});

describe('deductionText', () => {
  it('shows points taken with a minus sign, and zero as a plain 0 (never −0)', () => {
    expect(deductionText(2)).toBe('−2');
    expect(deductionText(0.5)).toBe('−0.5');
    expect(deductionText(0)).toBe('0');
  });
});

describe('certifyWarning', () => {
  it('names only the counts that are not zero, in both languages', () => {
    expect(certifyWarning(0, 0)).toBeNull();
    expect(certifyWarning(0, 2)).toBe('目前仍有 2 名选手存在未处理的评分分歧，确认可能会被拒绝。');
    expect(certifyWarning(3, 0)).toBe('目前仍有 3 名选手评分未完成，确认可能会被拒绝。');
    expect(certifyWarning(3, 1)).toBe('目前仍有 3 名选手评分未完成、1 名选手存在未处理的评分分歧，确认可能会被拒绝。');
    i18n.locale = 'en';
    try {
      expect(certifyWarning(0, 1)).toBe('1 contestant has an unresolved flag: certification will probably be refused.');
      expect(certifyWarning(2, 0)).toBe('2 contestants are not fully marked: certification will probably be refused.');
      expect(certifyWarning(1, 2)).toBe(
        '1 contestant is not fully marked and 2 have unresolved flags: certification will probably be refused.',
      );
    } finally {
      i18n.locale = 'zh-CN';
    }
  });
});
