import { describe, expect, it } from 'vitest';
import type { BoardRow } from '$shared/scoring/types.ts';
import type { Section } from '$shared/event-file/schema.ts';
import { contestantHref, findRow, rankedCount, sectionLines, sectionMax } from './contestant.ts';

const row = (bib: string, over: Partial<BoardRow> = {}): BoardRow => ({
  bib,
  name: bib,
  organisation: 'sd',
  rank: 1,
  total: 75.1,
  sections: { theory: 80, practical: 36.5 },
  complete: true,
  flagged: false,
  award: null,
  status: 'active',
  ...over,
});

// SCORING §8's worked example.
const sections: Section[] = [
  {
    code: 'theory',
    name: '理论',
    weight: 0.3,
    criteria: [{ code: 'exam', name: '考试', kind: 'measurement', max: 100 }],
  },
  {
    code: 'practical',
    name: '实操',
    weight: 0.7,
    criteria: [
      { code: 'sorting', name: '分拣', kind: 'measurement', max: 30, scale: { type: 'linear', best: 60, worst: 180 } },
      {
        code: 'packing',
        name: '包装',
        kind: 'judgement',
        max: 20,
        judges: 3,
        aggregate: 'trimmed',
        maxSpread: 5,
        step: 0.5,
      },
      { code: 'safety', name: '安全', kind: 'deduction', max: 10, perUnit: 2 },
    ],
  },
];

describe('contestant page helpers', () => {
  it('finds a bib exactly, else ignoring case and full width', () => {
    const rows = [row('C001'), row('c001x'), row('R-07')];
    expect(findRow(rows, 'C001')?.bib).toBe('C001');
    expect(findRow(rows, 'c001')?.bib).toBe('C001');
    expect(findRow(rows, 'ｒ－０７')?.bib).toBe('R-07');
    expect(findRow(rows, 'C002')).toBeNull();
  });

  it('gives each section its max without deductions, and its share of the total', () => {
    expect(sectionMax(sections[1]!)).toBe(50);
    const lines = sectionLines(sections, row('C001'));
    expect(lines.map((l) => [l.code, l.score, l.max, l.weightPct, l.points])).toEqual([
      ['theory', 80, 100, 30, 24],
      ['practical', 36.5, 50, 70, 51.1],
    ]);
    expect(lines[0]!.points! + lines[1]!.points!).toBeCloseTo(75.1, 9);
    expect(sectionLines(sections, null).every((l) => l.score === null && l.fraction === 0)).toBe(true);
  });

  it('a section without a mark yet has no score (not 0) on a ranked contestant', () => {
    const partly = row('C003', { total: 24, sections: { theory: 80, practical: 0 }, unmarked: ['practical'] });
    expect(sectionLines(sections, partly).map((l) => [l.code, l.score, l.points])).toEqual([
      ['theory', 80, 24],
      ['practical', null, null],
    ]);
  });

  it('a contestant without a mark yet has no section score (not 0)', () => {
    const waiting = row('C002', { rank: null, total: 0, sections: { theory: 0, practical: 0 }, complete: false });
    expect(sectionLines(sections, waiting).map((l) => [l.score, l.points])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('counts ranked contestants and builds addresses', () => {
    expect(rankedCount([row('a'), row('b', { rank: null, status: 'withdrawn' })])).toBe(1);
    expect(contestantHref('ev 1', 'courier', 'C001')).toBe('/results/ev%201/courier/C001');
  });
});
