import { describe, expect, it } from 'vitest';
import { countedMarks, criteriaByCode, scoreContestant } from './contestant.ts';
import { mark, oneSection, workedExample, workedMarks } from './fixtures.ts';

describe('SCORING §8 worked example', () => {
  it('gives exactly the documented numbers', () => {
    const s = scoreContestant(workedExample(), 'C001', workedMarks('C001'));
    expect(s.total).toBe(75.1);
    expect(s.sections).toEqual({ theory: 80, practical: 36.5 });
    expect(s.criteria).toEqual({ exam: 80, sorting: 22.5, packing: 16, safety: 2 });
    expect(s.raw).toEqual({ exam: 80, sorting: 90 });
    expect(s.complete).toBe(true);
    expect(s.flagged).toBe(false);
    expect(s.flags).toEqual([]);
    expect(s.bib).toBe('C001');
    expect(s.marksCount).toEqual({ exam: 1, sorting: 1, packing: 3, safety: 1 });
  });
  it('ignores marks for unknown criteria and for other contestants', () => {
    const marks = [...workedMarks('C001'), mark('C001', 'nope', 'J1', 5), mark('C002', 'exam', 'J1', 10)];
    expect(scoreContestant(workedExample(), 'C001', marks).total).toBe(75.1);
  });
  it('an empty contestant scores 0 and is incomplete', () => {
    const s = scoreContestant(workedExample(), 'C009', []);
    expect(s).toMatchObject({ total: 0, complete: false, flagged: false });
    expect(s.sections).toEqual({ theory: 0, practical: 0 });
    expect(s.criteria).toEqual({ exam: 0, sorting: 0, packing: 0, safety: 0 });
    expect(s.raw).toEqual({});
  });
});

describe('revisions', () => {
  const def = workedExample();
  it('only the newest revision of a judge counts for judgement', () => {
    const marks = [
      ...workedMarks('A'),
      mark('A', 'packing', 'J2', 19, { revision: 2 }), // J2: 18 → 19 ; trimmed of 15,19,16 = 16
      mark('A', 'packing', 'J1', 17, { revision: 2 }), // J1: 15 → 17 ; trimmed of 17,19,16 = 17
    ];
    expect(scoreContestant(def, 'A', marks).criteria.packing).toBe(17);
  });
  it('revisions given out of order: the highest revision wins', () => {
    const marks = [
      mark('A', 'packing', 'J1', 12, { revision: 3, order: 30 }),
      mark('A', 'packing', 'J1', 20, { revision: 1, order: 10 }),
      mark('A', 'packing', 'J1', 18, { revision: 2, order: 20 }),
    ];
    expect(scoreContestant(def, 'A', marks).criteria.packing).toBe(12);
    expect(scoreContestant(def, 'A', [...marks].reverse()).criteria.packing).toBe(12);
  });
  it('measurement: the newest mark overall counts', () => {
    const marks = [
      mark('A', 'exam', 'J1', 70, { order: 1 }),
      mark('A', 'exam', 'J2', 90, { order: 2 }),
      mark('A', 'exam', 'J1', 85, { order: 3, revision: 2 }),
    ];
    const s = scoreContestant(def, 'A', marks);
    expect(s.criteria.exam).toBe(85);
    expect(s.raw.exam).toBe(85);
  });
  it('deduction: the newest count overall counts', () => {
    const marks = [mark('A', 'safety', 'J1', 4, { order: 1 }), mark('A', 'safety', 'J2', 1, { order: 2 })];
    expect(scoreContestant(def, 'A', marks).criteria.safety).toBe(2);
    const later = [...marks, mark('A', 'safety', 'J1', 0, { order: 3, revision: 2 })];
    expect(scoreContestant(def, 'A', later).criteria.safety).toBe(0);
  });
  it('countedMarks keeps one mark per judge and criterion', () => {
    const counted = countedMarks([
      mark('A', 'k', 'J1', 1),
      mark('A', 'k', 'J1', 2, { revision: 2 }),
      mark('A', 'k', 'J2', 3),
    ]);
    expect(
      counted
        .get('k')
        ?.map((m) => m.value)
        .sort(),
    ).toEqual([2, 3]);
  });
});

describe('sections and totals', () => {
  const def = oneSection([
    { code: 'a', name: 'A', kind: 'measurement', max: 10 },
    { code: 'b', name: 'B', kind: 'judgement', max: 10 },
    { code: 'x', name: 'X', kind: 'deduction', max: 50, perUnit: 5 },
  ]);
  it('clamps the section at 0', () => {
    const s = scoreContestant(def, 'A', [mark('A', 'a', 'J', 3), mark('A', 'b', 'J', 2), mark('A', 'x', 'J', 4)]);
    expect(s.criteria.x).toBe(20);
    expect(s.sections.s).toBe(0);
    expect(s.total).toBe(0);
  });
  it('section score is points minus deductions, total is S/M × 100', () => {
    const s = scoreContestant(def, 'A', [mark('A', 'a', 'J', 10), mark('A', 'b', 'J', 7.5), mark('A', 'x', 'J', 1)]);
    expect(s.sections.s).toBe(12.5);
    expect(s.total).toBe(62.5);
  });
  it('clamps the section at M (values beyond max never exceed it)', () => {
    const s = scoreContestant(def, 'A', [mark('A', 'a', 'J', 15), mark('A', 'b', 'J', 10)]);
    expect(s.sections.s).toBe(20);
    expect(s.total).toBe(100);
  });
  it('uses exact values, not rounded criterion points, for the total', () => {
    const d = oneSection([{ code: 'b', name: 'B', kind: 'judgement', max: 3, judges: 3 }]);
    const s = scoreContestant(d, 'A', [mark('A', 'b', 'J1', 1), mark('A', 'b', 'J2', 1), mark('A', 'b', 'J3', 0.01)]);
    expect(s.criteria.b).toBe(0.67); // 2.01 / 3 = 0.67
    expect(s.total).toBe(22.33); // 100 × 0.67 / 3 = 22.333…
  });
  it('a section with deductions only has M = 0 and contributes 0', () => {
    const d = {
      sections: [
        {
          code: 'main',
          name: 'M',
          weight: 0.9,
          criteria: [{ code: 'a', name: 'A', kind: 'measurement' as const, max: 10 }],
        },
        {
          code: 'pen',
          name: 'P',
          weight: 0.1,
          criteria: [{ code: 'x', name: 'X', kind: 'deduction' as const, max: 5, perUnit: 1 }],
        },
      ],
    };
    const s = scoreContestant(d, 'A', [mark('A', 'a', 'J', 10), mark('A', 'x', 'J', 2)]);
    expect(s.sections).toEqual({ main: 10, pen: 0 });
    expect(s.total).toBe(90);
  });
});

describe('completeness', () => {
  const def = workedExample();
  const base = workedMarks('A').filter((m) => m.criterion !== 'packing');
  it('needs `judges` marks from distinct judges', () => {
    const two = [...base, mark('A', 'packing', 'J1', 15), mark('A', 'packing', 'J2', 16)];
    expect(scoreContestant(def, 'A', two).complete).toBe(false);
    const sameJudge = [...two, mark('A', 'packing', 'J2', 17, { revision: 2 })];
    expect(scoreContestant(def, 'A', sameJudge).complete).toBe(false);
    const three = [...two, mark('A', 'packing', 'J3', 17)];
    expect(scoreContestant(def, 'A', three).complete).toBe(true);
  });
  it('needs every measurement', () => {
    const marks = workedMarks('A').filter((m) => m.criterion !== 'sorting');
    expect(scoreContestant(def, 'A', marks).complete).toBe(false);
  });
  it('deductions never block completeness', () => {
    const marks = workedMarks('A').filter((m) => m.criterion !== 'safety');
    const s = scoreContestant(def, 'A', marks);
    expect(s.complete).toBe(true);
    expect(s.total).toBe(77.9); // 0.3 × 80 + 0.7 × 77
  });
  it('judges defaults to 1', () => {
    const d = oneSection([{ code: 'b', name: 'B', kind: 'judgement', max: 10 }]);
    expect(scoreContestant(d, 'A', []).complete).toBe(false);
    expect(scoreContestant(d, 'A', [mark('A', 'b', 'J', 4)]).complete).toBe(true);
  });
});

describe('flags', () => {
  const def = workedExample(); // packing: maxSpread 5
  const others = workedMarks('A').filter((m) => m.criterion !== 'packing');
  const wide = [
    ...others,
    mark('A', 'packing', 'J1', 10, { order: 101 }),
    mark('A', 'packing', 'J2', 16, { order: 102 }),
    mark('A', 'packing', 'J3', 14, { order: 103 }),
  ];
  it('flags a spread above maxSpread, and still counts the points', () => {
    const s = scoreContestant(def, 'A', wide);
    expect(s.flagged).toBe(true);
    expect(s.flags).toEqual(['packing']);
    expect(s.criteria.packing).toBe(14);
  });
  it('a spread equal to maxSpread is not flagged', () => {
    const ok = [...others, mark('A', 'packing', 'J1', 11), mark('A', 'packing', 'J2', 16)];
    expect(scoreContestant(def, 'A', ok).flagged).toBe(false);
  });
  it('no maxSpread: never flagged', () => {
    const d = oneSection([{ code: 'b', name: 'B', kind: 'judgement', max: 20 }]);
    expect(scoreContestant(d, 'A', [mark('A', 'b', 'J1', 0), mark('A', 'b', 'J2', 20)]).flagged).toBe(false);
  });
  it('a resolution at or after every counted mark clears it', () => {
    expect(scoreContestant(def, 'A', wide, [{ contestant: 'A', criterion: 'packing', order: 103 }]).flagged).toBe(
      false,
    );
    expect(scoreContestant(def, 'A', wide, [{ contestant: 'A', criterion: 'packing', order: 200 }]).flagged).toBe(
      false,
    );
  });
  it('a resolution before a counted mark, or for another contestant or criterion, does not', () => {
    expect(scoreContestant(def, 'A', wide, [{ contestant: 'A', criterion: 'packing', order: 102 }]).flagged).toBe(true);
    expect(scoreContestant(def, 'A', wide, [{ contestant: 'B', criterion: 'packing', order: 200 }]).flagged).toBe(true);
    expect(scoreContestant(def, 'A', wide, [{ contestant: 'A', criterion: 'exam', order: 200 }]).flagged).toBe(true);
  });
  it('a later mark still too far apart raises it again; a re-mark that agrees clears it', () => {
    const res = [{ contestant: 'A', criterion: 'packing', order: 103 }];
    const again = [...wide, mark('A', 'packing', 'J1', 9, { order: 104, revision: 2 })];
    expect(scoreContestant(def, 'A', again, res).flags).toEqual(['packing']);
    const agreed = [...wide, mark('A', 'packing', 'J1', 13, { order: 104, revision: 2 })];
    expect(scoreContestant(def, 'A', agreed).flagged).toBe(false);
  });
});

describe('criteriaByCode', () => {
  it('maps codes to criterion and section', () => {
    const map = criteriaByCode(workedExample());
    expect([...map.keys()]).toEqual(['exam', 'sorting', 'packing', 'safety']);
    expect(map.get('packing')?.section.code).toBe('practical');
    expect(map.get('packing')?.criterion.kind).toBe('judgement');
  });
});
