import { describe, expect, it } from 'vitest';
import { parseEventFile } from './parse.ts';
import { isMultipleOf, type EventFileIssue } from './rules.ts';
import { CONTRACT_EXAMPLE, example, type Json } from './test-fixtures.ts';

// Where and what in English; codes and params are checked in codes.test.ts.
const inWords = (issues: EventFileIssue[]) => issues.map(({ path, message }) => ({ path, message }));

function issuesOf(file: Json) {
  const r = parseEventFile(file);
  if (r.ok) return [];
  return inWords(r.issues);
}

function warningsOf(file: Json) {
  const r = parseEventFile(file);
  if (!r.ok) throw new Error(`expected a valid file: ${JSON.stringify(r.issues)}`);
  return inWords(r.warnings);
}

/** Runs the file through the parser and expects exactly one issue, at `path`. */
function expectOne(file: Json, path: string, message: string | RegExp): void {
  const issues = issuesOf(file);
  expect(issues).toHaveLength(1);
  expect(issues[0]?.path).toBe(path);
  if (typeof message === 'string') expect(issues[0]?.message).toBe(message);
  else expect(issues[0]?.message).toMatch(message);
}

// wire-rope: contests[0] wet-drawing (sections theory[exam], practical[die-change linear,
// diameter pass, breaks linear, surface judgement, procedure judgement, safety deduction]).

describe('uniqueness', () => {
  it('organisation codes', () => {
    const f = example();
    f.organisations.push({ code: 'ws1', name: '湿拉车间' });
    expectOne(f, 'organisations[5].code', 'duplicate organisation code "ws1" (also at organisations[0].code)');
  });

  it('contest codes', () => {
    const f = example();
    f.contests[1].code = 'wet-drawing';
    expectOne(f, 'contests[1].code', 'duplicate contest code "wet-drawing" (also at contests[0].code)');
  });

  it('section codes within a contest, but not across contests', () => {
    const f = example();
    f.contests[0].sections[1].code = 'theory';
    f.contests[0].tieBreak = ['raw-asc:die-change'];
    expectOne(
      f,
      'contests[0].sections[1].code',
      'duplicate section code "theory" (also at contests[0].sections[0].code)',
    );
  });

  it('criterion codes across the sections of a contest', () => {
    const f = example();
    f.contests[0].sections[1].criteria[2].code = 'exam';
    f.contests[0].judges[1].criteria = ['exam'];
    expectOne(
      f,
      'contests[0].sections[1].criteria[2].code',
      'duplicate criterion code "exam" (also at contests[0].sections[0].criteria[0].code)',
    );
  });

  it('the same criterion code in two contests is fine', () => {
    const f = example();
    expect(f.contests[0].sections[0].criteria[0].code).toBe(f.contests[1].sections[0].criteria[0].code);
    expect(issuesOf(f)).toEqual([]);
  });

  it('bibs within a contest', () => {
    const f = example();
    f.contests[0].contestants[5].bib = 'W001';
    expectOne(f, 'contests[0].contestants[5].bib', 'duplicate bib "W001" (also at contests[0].contestants[0].bib)');
  });

  it('bibs may repeat across contests', () => {
    const f = example();
    f.contests[1].contestants[0].bib = 'W001';
    expect(issuesOf(f)).toEqual([]);
  });

  it('stations within a contest', () => {
    const f = example();
    f.contests[1].contestants[4].station = 'S-01';
    expectOne(
      f,
      'contests[1].contestants[4].station',
      'duplicate station "S-01" (also at contests[1].contestants[0].station)',
    );
  });

  it('a station for every contestant of a blind contest (one that is not valid is told once, as such)', () => {
    const f = example();
    delete f.contests[0].contestants[3].station;
    f.contests[0].contestants[5].station = 'W 06';
    expect(issuesOf(f)).toEqual([
      {
        path: 'contests[0].contestants[5].station',
        message: 'must be 1–16 characters of A-Z a-z 0-9 - _ (got "W 06")',
      },
      {
        path: 'contests[0].contestants[3].station',
        message:
          'contest "wet-drawing" is blind but contestant "W004" has no station to show judges and the public ' +
          'in place of the bib, name and organisation',
      },
    ]);
    f.contests[0].blind = false;
    f.contests[0].contestants[5].station = 'W-06';
    expect(issuesOf(f)).toEqual([]);
  });

  it('judge codes across the whole event, ignoring case', () => {
    const f = example();
    f.contests[1].judges[2].code = 'w-j1';
    expectOne(f, 'contests[1].judges[2].code', 'duplicate judge code "w-j1" (also at contests[0].judges[2].code)');
    const g = example();
    g.contests[0].judges[3].code = 'W-J1';
    expectOne(g, 'contests[0].judges[3].code', 'duplicate judge code "W-J1" (also at contests[0].judges[2].code)');
  });

  it('every duplicate is reported, each pointing at the first', () => {
    const f = example();
    f.contests[0].contestants[1].bib = 'W001';
    f.contests[0].contestants[2].bib = 'W001';
    expect(issuesOf(f).map((i) => i.path)).toEqual([
      'contests[0].contestants[1].bib',
      'contests[0].contestants[2].bib',
    ]);
    expect(issuesOf(f).every((i) => i.message.endsWith('(also at contests[0].contestants[0].bib)'))).toBe(true);
  });
});

describe('references', () => {
  it('contestant organisation', () => {
    const f = example();
    f.contests[0].contestants[2].organisation = 'nope';
    expectOne(
      f,
      'contests[0].contestants[2].organisation',
      'unknown organisation "nope": add it to "organisations" or correct the code',
    );
  });

  it('judge organisation', () => {
    const f = example();
    f.contests[0].judges[1].organisation = 'nope';
    expectOne(f, 'contests[0].judges[1].organisation', /^unknown organisation "nope"/);
  });

  it('judge criteria must exist in that contest', () => {
    const f = example();
    f.contests[0].judges[1].criteria[2] = 'structure'; // a criterion of the other contest
    expectOne(
      f,
      'contests[0].judges[1].criteria[2]',
      'unknown criterion "structure": contest "wet-drawing" has no criterion with this code',
    );
  });
});

describe('sections', () => {
  it('weights must sum to 1', () => {
    const f = example();
    f.contests[1].sections[1].weight = 0.6;
    expectOne(f, 'contests[1].sections', 'section weights of contest "stranding" add up to 0.9; they must add up to 1');
  });

  it('weights that sum to 1 up to floating point are fine', () => {
    const f = example();
    const practical = f.contests[0].sections[1];
    f.contests[0].sections = [
      { ...f.contests[0].sections[0], weight: 0.7 },
      { ...practical, code: 'a', weight: 0.2, criteria: practical.criteria.slice(0, 3) },
      { ...practical, weight: 0.1, criteria: practical.criteria.slice(3) },
    ];
    expect(0.7 + 0.2 + 0.1).not.toBe(1);
    expect(issuesOf(f)).toEqual([]);
  });

  it('a section needs a measurement or judgement criterion', () => {
    const f = example();
    f.contests[0].sections[0].criteria = [{ code: 'late', name: '迟到', kind: 'deduction', max: 5, perUnit: 5 }];
    f.contests[0].judges[1].criteria = ['late'];
    expectOne(f, 'contests[0].sections[0].criteria', /^section "theory" has only deductions/);
  });
});

describe('criteria', () => {
  it('linear scale best ≠ worst', () => {
    const f = example();
    f.contests[0].sections[1].criteria[0].scale.best = 600;
    expectOne(
      f,
      'contests[0].sections[1].criteria[0].scale',
      'a linear scale needs "best" and "worst" to differ (both are 600)',
    );
  });

  it('step on a pass scale', () => {
    const f = example();
    f.contests[0].sections[1].criteria[1].step = 1;
    expectOne(f, 'contests[0].sections[1].criteria[1].step', /^"step" has no meaning on a pass scale/);
  });

  it('step on a linear scale', () => {
    const f = example();
    f.contests[0].sections[1].criteria[0].step = 1;
    expectOne(f, 'contests[0].sections[1].criteria[0].step', /^"step" has no meaning on a linear scale/);
  });

  it('max must be a multiple of step (judgement)', () => {
    const f = example();
    f.contests[0].sections[1].criteria[3].max = 20.25; // step 0.5
    expectOne(
      f,
      'contests[0].sections[1].criteria[3].max',
      'max 20.25 is not a multiple of the step 0.5, so full marks could never be given',
    );
  });

  it('max must be a multiple of step (direct measurement, default step)', () => {
    const f = example();
    f.contests[0].sections[0].criteria[0].max = 33.333;
    expectOne(
      f,
      'contests[0].sections[0].criteria[0].max',
      'max 33.333 is not a multiple of the step 0.01 (the default), so full marks could never be given',
    );
    const g = example();
    g.contests[0].sections[0].criteria[0].step = 3;
    expectOne(g, 'contests[0].sections[0].criteria[0].max', /^max 100 is not a multiple of the step 3,/);
  });

  it('floating point multiples count as multiples', () => {
    expect(isMultipleOf(0.3, 0.1)).toBe(true);
    expect(isMultipleOf(33.33, 0.01)).toBe(true);
    expect(isMultipleOf(1e6, 0.01)).toBe(true);
    expect(isMultipleOf(0.35, 0.1)).toBe(false);
    const f = example();
    f.contests[0].sections[1].criteria[4].max = 0.3;
    f.contests[0].sections[1].criteria[4].step = 0.1;
    expect(issuesOf(f)).toEqual([]);
  });

  it('a deduction max needs no step', () => {
    const f = example();
    f.contests[0].sections[1].criteria[5].max = 7.777;
    expect(issuesOf(f)).toEqual([]);
  });
});

describe('tie-break keys', () => {
  it('unknown section', () => {
    const f = example();
    f.contests[0].tieBreak[0] = 'section:nope';
    expectOne(f, 'contests[0].tieBreak[0]', 'unknown section "nope" in tie-break key "section:nope"');
  });

  it('unknown criterion', () => {
    const f = example();
    f.contests[1].tieBreak[1] = 'criterion:die-change'; // belongs to the other contest
    expectOne(f, 'contests[1].tieBreak[1]', 'unknown criterion "die-change" in tie-break key "criterion:die-change"');
  });

  it('raw keys only on measurements', () => {
    const f = example();
    f.contests[0].tieBreak[1] = 'raw-desc:surface';
    expectOne(
      f,
      'contests[0].tieBreak[1]',
      '"raw-desc:surface" compares raw measurements, but "surface" is a judgement criterion: use "criterion:surface"',
    );
  });

  it('raw keys not on pass/fail measurements', () => {
    const f = example();
    f.contests[0].tieBreak[1] = 'raw-asc:diameter';
    expectOne(f, 'contests[0].tieBreak[1]', /but "diameter" is marked pass\/fail/);
  });

  it('criterion keys on any kind', () => {
    const f = example();
    f.contests[0].tieBreak = ['criterion:surface', 'criterion:safety', 'raw-desc:exam', 'raw-asc:breaks'];
    expect(issuesOf(f)).toEqual([]);
  });
});

describe('awards', () => {
  it('tier names are unique', () => {
    const f = example();
    f.contests[0].awards[2].name = '二等奖';
    expectOne(f, 'contests[0].awards[2].name', 'duplicate award name "二等奖" (also at contests[0].awards[1].name)');
  });

  it('ratios add up to at most 1', () => {
    const f = example('new-economy-contest.json');
    f.contests[0].awards[2].ratio = 0.75;
    expectOne(f, 'contests[0].awards', /^award ratios add up to 1.05, more than the whole field/);
  });

  it('a later tier may demand a minimum total an earlier one does not', () => {
    const f = example();
    expect(f.contests[0].awards[3].minTotal).toBe(60);
    expect(issuesOf(f)).toEqual([]);
  });
});

describe('judges', () => {
  it('a chief judge cannot be a shadow', () => {
    const f = example();
    f.contests[0].judges[0].shadow = true;
    expectOne(f, 'contests[0].judges[0].shadow', 'a chief judge cannot be a shadow (trainee) judge');
  });

  it('upper-case judge codes are accepted (CONTRACT §4 uses "J01")', () => {
    const f = example();
    f.contests[0].judges[2].code = 'J01';
    expect(issuesOf(f)).toEqual([]);
  });
});

describe('warnings (the file still imports)', () => {
  it('none for the examples', () => {
    expect(warningsOf(example())).toEqual([]);
    expect(warningsOf(example('new-economy-contest.json'))).toEqual([]);
  });

  it('the CONTRACT §4 example imports, with a warning about its one-judge panel', () => {
    expect(warningsOf(structuredClone(CONTRACT_EXAMPLE))).toEqual([
      {
        path: 'contests[0].sections[1].criteria[1].judges',
        message:
          'criterion "packing" needs 3 judges but 1 non-shadow judge is assigned to it, so no contestant can get the 3 marks needed',
      },
    ]);
  });

  it('a panel larger than the non-shadow judges assigned to it', () => {
    const f = example();
    f.contests[0].judges[0].criteria = ['exam']; // the chief no longer marks surface/procedure
    f.contests[0].judges[3].shadow = true;
    f.contests[0].judges[4].criteria = ['procedure'];
    // surface: only w-j1 and w-j4 are left; procedure: w-j1, w-j3, w-j4.
    expect(warningsOf(f)).toEqual([
      {
        path: 'contests[0].sections[1].criteria[3].judges',
        message:
          'criterion "surface" needs 3 judges but 2 non-shadow judges are assigned to it, so no contestant can get the 3 marks needed',
      },
      {
        path: 'contests[0].sections[1].criteria[4]',
        message:
          'contestants of organisation "ws1" can be marked on criterion "procedure" by 2 judges but 3 are needed: the other assigned judges belong to "ws1"',
      },
    ]);
  });

  it('a measurement nobody can mark', () => {
    const f = example();
    f.contests[0].judges[0].criteria = ['surface'];
    f.contests[0].judges[1].criteria = ['exam', 'die-change', 'diameter', 'safety'];
    expect(warningsOf(f)).toEqual([
      {
        path: 'contests[0].sections[1].criteria[2]',
        message:
          'criterion "breaks" needs 1 judge but 0 non-shadow judges are assigned to it, so no contestant can get the mark needed',
      },
    ]);
  });
});
