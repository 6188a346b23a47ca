// Event-file issues carry stable codes and params (CONTRACT §2 v1.1) and all come in one answer
// (CONTRACT §4): unknown fields and wrong types never hide the rules between fields.
import { describe, expect, it } from 'vitest';
import { parseEventFile } from './parse.ts';
import { example, type Json } from './test-fixtures.ts';
import { fitsParams, ISSUES, isIssueCode } from '../errors/index.ts';

function refused(file: Json) {
  const r = parseEventFile(file);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.issues.map(({ path, code, params }) => ({ path, code, params }));
}

describe('every problem in one answer', () => {
  it('an unknown field, a wrong type, wrong weights and a duplicate bib come together', () => {
    const f = example();
    f.contests[0].colour = 'red';
    f.contests[0].blind = 'yes';
    f.contests[0].sections[0].weight = 0.5;
    f.contests[0].contestants[1].bib = f.contests[0].contestants[0].bib;
    expect(refused(f)).toEqual([
      { path: 'contests[0].blind', code: 'wrong_type', params: { expected: ['boolean'], got: 'text' } },
      { path: 'contests[0].colour', code: 'unknown_field', params: { field: 'colour' } },
      { path: 'contests[0].sections', code: 'weights_sum', params: { contest: 'wet-drawing', sum: 1.2 } },
      {
        path: 'contests[0].contestants[1].bib',
        code: 'duplicate',
        params: { what: 'bib', value: 'W001', first: 'contests[0].contestants[0].bib' },
      },
    ]);
  });

  it('rules between fields still run where an entry has an unknown field or a wrong type', () => {
    const f = example('new-economy-contest.json');
    f.organisations[0].colour = 'red'; // the organisation still exists for the rules
    f.contests[0].contestants[2].organisation = 'xx';
    f.contests[0].contestants[3].name = 42;
    f.contests[0].contestants[4].bib = f.contests[0].contestants[3].bib;
    const issues = refused(f);
    expect(issues.map((i) => i.code)).toEqual(['unknown_field', 'wrong_type', 'unknown_organisation', 'duplicate']);
    expect(issues[2]).toEqual({
      path: 'contests[0].contestants[2].organisation',
      code: 'unknown_organisation',
      params: { value: 'xx' },
    });
  });

  it('an invalid value is not guessed at: a wrong weight skips the sum, a bad code the references', () => {
    const f = example();
    f.contests[0].sections[0].weight = '0.3';
    f.contests[0].sections[1].criteria[4].code = 'Surface'; // judges naming "surface" are not called wrong
    f.organisations[0].code = 'W S'; // nor contestants naming an organisation
    expect(refused(f).map((i) => i.code)).toEqual(['bad_format', 'wrong_type', 'bad_format']);
  });

  it('entries that are not objects keep the indexes of those that are', () => {
    const f = example();
    f.contests[0].contestants[0] = 'W001';
    f.contests[0].contestants[2].bib = f.contests[0].contestants[1].bib;
    expect(refused(f)).toEqual([
      { path: 'contests[0].contestants[0]', code: 'wrong_type', params: { expected: ['object'], got: 'text' } },
      {
        path: 'contests[0].contestants[2].bib',
        code: 'duplicate',
        params: { what: 'bib', value: 'W002', first: 'contests[0].contestants[1].bib' },
      },
    ]);
  });
});

describe('codes and params of the shape', () => {
  it('names formats, bounds and allowed values', () => {
    const f = example();
    f.format = 'jiangxin/event@2';
    f.contests[0].teamSize = 1.5;
    f.contests[0].sections[0].weight = 0;
    delete f.contests[0].sections[1].criteria[1].kind;
    f.contests[0].contestants[0].bib = 'W 001';
    f.contests[0].contestants[2].name = '   ';
    f.contests[0].judges[0].criteria = 'all';
    f.contests[0].judges[1].pin = '12';
    f.contests[0].awards[0].ratio = 0.1;
    expect(refused(f)).toEqual([
      { path: 'format', code: 'one_of', params: { allowed: ['jiangxin/event@1'], value: 'jiangxin/event@2' } },
      { path: 'contests[0].teamSize', code: 'wrong_type', params: { expected: ['whole_number'], got: 'number' } },
      { path: 'contests[0].awards[0]', code: 'award_ratio_or_count', params: undefined },
      { path: 'contests[0].sections[0].weight', code: 'too_small', params: { min: 0, inclusive: false, value: 0 } },
      {
        path: 'contests[0].sections[1].criteria[1].kind',
        code: 'required',
        params: { allowed: ['measurement', 'judgement', 'deduction'] },
      },
      { path: 'contests[0].contestants[0].bib', code: 'bad_format', params: { format: 'bib', value: 'W 001' } },
      { path: 'contests[0].contestants[2].name', code: 'empty', params: undefined },
      {
        path: 'contests[0].judges[0].criteria',
        code: 'wrong_type',
        params: { expected: ['list'], allowed: ['*'], got: 'text' },
      },
      { path: 'contests[0].judges[1].pin', code: 'bad_format', params: { format: 'pin', value: '12' } },
    ]);
  });
});

describe('codes and params of the rules', () => {
  it('each rule says what, with the values involved', () => {
    const f = example('new-economy-contest.json');
    f.organisations.push({ code: 'sd', name: '顺达' });
    f.contests[0].sections[1].criteria[0].scale.worst = 60;
    f.contests[0].sections[1].criteria[2].step = 0.3;
    f.contests[0].tieBreak.push('raw-asc:packing', 'section:nope');
    f.contests[0].awards[0].ratio = 0.9;
    f.contests[0].judges[0].chief = true;
    f.contests[0].judges[0].shadow = true;
    f.contests[0].judges[1].criteria = ['nope'];
    const byCode = Object.fromEntries(refused(f).map((i) => [i.code, i]));
    expect(byCode).toMatchObject({
      duplicate: {
        path: 'organisations[6].code',
        params: { what: 'organisation', value: 'sd', first: 'organisations[0].code' },
      },
      linear_same_ends: { path: 'contests[0].sections[1].criteria[0].scale', params: { value: 60 } },
      max_off_step: {
        path: 'contests[0].sections[1].criteria[2].max',
        params: { max: 25, step: 0.3, defaultStep: false },
      },
      tie_break_not_raw: { params: { key: 'raw-asc:packing', criterion: 'packing', kind: 'judgement' } },
      tie_break_unknown: { params: { key: 'section:nope', what: 'section', value: 'nope' } },
      award_ratios_sum: { path: 'contests[0].awards', params: { sum: 1.4 } },
      chief_shadow: { path: 'contests[0].judges[0].shadow' },
      unknown_criterion: { path: 'contests[0].judges[1].criteria[0]', params: { value: 'nope', contest: 'courier' } },
    });
  });

  it('every issue of a broken file fits its code’s params', () => {
    const f = example('new-economy-contest.json');
    f.contests[0].colour = 'red';
    f.contests[0].sections[0].weight = 0.9;
    f.contests[0].contestants[1].bib = 'C001';
    f.contests[0].contestants[2].organisation = 'xx';
    f.contests[0].judges[0].pin = 'abc';
    const r = parseEventFile(f);
    expect(r.ok).toBe(false);
    for (const i of r.ok ? [] : r.issues) {
      expect(isIssueCode(i.code), i.code).toBe(true);
      expect(fitsParams(ISSUES[i.code], i.params ?? {}), JSON.stringify(i)).toBe(true);
    }
  });
});
