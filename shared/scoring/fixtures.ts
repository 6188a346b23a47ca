// Test helpers for the scoring engine (used by the *.test.ts files only).
import type { Criterion, Section } from '../event-file/schema.ts';
import type { ContestDef, ContestantInfo, ContestantScore, ScoringMark } from './types.ts';

/** The contest of SCORING §8 (the worked example). */
export function workedExample(extra: Partial<ContestDef> = {}): ContestDef {
  return {
    sections: [
      {
        code: 'theory',
        name: 'Theory',
        weight: 0.3,
        criteria: [{ code: 'exam', name: 'Exam', kind: 'measurement', max: 100 }],
      },
      {
        code: 'practical',
        name: 'Practical',
        weight: 0.7,
        criteria: [
          {
            code: 'sorting',
            name: 'Sorting',
            kind: 'measurement',
            max: 30,
            scale: { type: 'linear', best: 60, worst: 180 },
          },
          {
            code: 'packing',
            name: 'Packing',
            kind: 'judgement',
            max: 20,
            judges: 3,
            aggregate: 'trimmed',
            maxSpread: 5,
            step: 0.5,
          },
          { code: 'safety', name: 'Safety', kind: 'deduction', max: 10, perUnit: 2 },
        ],
      },
    ],
    ...extra,
  };
}

/** A one-section contest around the given criteria (weight 1). */
export function oneSection(criteria: Criterion[], extra: Partial<ContestDef> = {}): ContestDef {
  const section: Section = { code: 's', name: 'S', weight: 1, criteria };
  return { sections: [section], ...extra };
}

let seq = 0;
/** A mark; `order` defaults to a growing counter. */
export function mark(
  contestant: string,
  criterion: string,
  judge: string,
  value: number | boolean,
  opts: { order?: number; revision?: number } = {},
): ScoringMark {
  return { contestant, criterion, judge, value, revision: opts.revision ?? 1, order: opts.order ?? ++seq };
}

export function info(bib: string, organisation = 'org', extra: Partial<ContestantInfo> = {}): ContestantInfo {
  return { bib, name: `Name ${bib}`, organisation, status: 'active', ...extra };
}

/** The worked-example marks of §8 for one bib. */
export function workedMarks(bib: string): ScoringMark[] {
  return [
    mark(bib, 'exam', 'J1', 80),
    mark(bib, 'sorting', 'J1', 90),
    mark(bib, 'packing', 'J1', 15),
    mark(bib, 'packing', 'J2', 18),
    mark(bib, 'packing', 'J3', 16),
    mark(bib, 'safety', 'J1', 1),
  ];
}

/** A hand-made score (for ranking tests). */
export function score(bib: string, total: number, extra: Partial<ContestantScore> = {}): ContestantScore {
  return {
    bib,
    total,
    sections: {},
    criteria: {},
    raw: {},
    complete: true,
    marked: true,
    unmarkedSections: [],
    flagged: false,
    flags: [],
    ...extra,
  };
}

/** Board entries from (bib, total, extra) triples; all active, organisation 'org'. */
export function entries(
  list: [string, number, Partial<ContestantScore>?, Partial<ContestantInfo>?][],
): { info: ContestantInfo; score: ContestantScore }[] {
  return list.map(([bib, total, extra, inf]) => ({ info: info(bib, 'org', inf), score: score(bib, total, extra) }));
}
