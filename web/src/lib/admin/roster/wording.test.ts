// Roster problems worded from their code and params in both languages: the broken example's five
// problems as the server finds them, and every code and reason the server can send.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { i18n } from '$lib/i18n/index.ts';
import type { EventFile } from '$shared/event-file/schema.ts';
import type { RosterProblem } from '$shared/roster-api.ts';
import { checkNewOrganisations, parseCsv, readContestants, rosterContext } from '$shared/roster/index.ts';
import NewOrganisations from './NewOrganisations.svelte';
import { newOrganisationText, problemText, rowList } from './wording.ts';

const examples = (name: string) => readFileSync(new URL(`../../../../../examples/${name}`, import.meta.url), 'utf8');
const event = (): EventFile => JSON.parse(examples('new-economy-contest.json'));

function brokenExample(): RosterProblem[] {
  const file = event();
  const records = parseCsv(examples('courier-contestants-broken.csv')).records;
  return readContestants(records, rosterContext(file, 0, 'replace')).problems;
}

/** An English sentence: two Latin words in a row (codes such as "C001" or "sd" alone are fine). */
const ENGLISH = /[A-Za-z]{2,}[ ,.:;]+[A-Za-z]{2,}/;

afterEach(() => {
  i18n.locale = 'zh-CN';
});

describe('roster problem wording', () => {
  it('words the broken example’s five problems in Chinese, with no English sentence', () => {
    i18n.locale = 'zh-CN';
    const texts = brokenExample().map((p) => problemText(p, 'contestants'));
    expect(texts).toEqual([
      '“C001”与第 2 行重复。',
      '不能为空。',
      '本赛事没有单位“nope”。',
      '“C 902”格式不对：只能用 1–16 位字母、数字、- 或 _，不能有空格或其他符号。',
      '“A#93”格式不对：只能用 1–16 位字母、数字、- 或 _，不能有空格或其他符号。',
    ]);
    for (const text of texts) expect(text).not.toMatch(ENGLISH);
  });

  it('words them in English on the English screen', () => {
    i18n.locale = 'en';
    expect(brokenExample().map((p) => problemText(p, 'contestants'))).toEqual([
      '“C001” is also on row 2.',
      'Must not be empty.',
      'This event has no organisation “nope”.',
      '“C 902” is not in the right form: 1–16 letters, digits, - or _, no spaces or other signs.',
      '“A#93” is not in the right form: 1–16 letters, digits, - or _, no spaces or other signs.',
    ]);
  });

  it('lists the event’s organisations with an unknown one when asked, and the candidates of an ambiguous one', () => {
    i18n.locale = 'zh-CN';
    const [, , unknown] = brokenExample();
    expect(problemText(unknown!, 'contestants', { listOrganisations: true })).toBe(
      '本赛事没有单位“nope”。现有单位：顺达快递（sd）、中通达快递（zt）、美联外卖（ml）、饿了送（el）、邮政速递兴化分公司（yz）、京运物流（jd）。',
    );
    const ambiguous: RosterProblem = {
      row: 2,
      column: 'organisation',
      value: '京运',
      code: 'ambiguous_organisation',
      message: '',
      params: {
        organisations: [
          { code: 'jd', name: '京运' },
          { code: 'jd2', name: '京 运' },
        ],
      },
    };
    i18n.locale = 'en';
    expect(problemText(ambiguous, 'contestants')).toBe(
      '“京运” could be 京运 (jd), 京 运 (jd2): write the organisation’s code.',
    );
  });

  const SD = { code: 'sd', name: '顺达' };
  // Every code and reason the server sends (shared/roster), with the params it sends them with.
  const ALL: RosterProblem[] = [
    { code: 'syntax', params: {} },
    { code: 'empty_file', params: { names: ['bib', 'name', 'organisation'] } },
    { code: 'no_rows', params: {} },
    { code: 'missing_column', column: 'organisation', params: { field: 'organisation', names: ['单位', 'org'] } },
    { code: 'duplicate_column', column: 'name', value: '姓名', params: { field: 'name', header: '姓名' } },
    { code: 'too_many_rows', value: '20001', params: { max: 20000, total: 20001 } },
    { code: 'required', column: 'name', params: {} },
    { code: 'invalid', column: 'bib', params: { reason: 'format' } },
    { code: 'invalid', column: 'code', params: { reason: 'format' } },
    { code: 'invalid', column: 'pin', params: { reason: 'format' } },
    { code: 'invalid', column: 'criteria', params: { reason: 'format' } },
    { code: 'invalid', column: 'name', params: { reason: 'too_long', max: 200 } },
    { code: 'invalid', column: 'status', params: { reason: 'status' } },
    { code: 'invalid', column: 'chief', params: { reason: 'flag' } },
    { code: 'invalid', column: 'shadow', params: { reason: 'chief_shadow' } },
    { code: 'invalid', params: { reason: 'too_many_columns', cell: 'XFD2', max: 256 } },
    { code: 'invalid', params: { reason: 'formula', cell: 'B3' } },
    { code: 'invalid', column: 'bib', params: { reason: 'event_rule', path: 'contests[0].contestants[0].bib' } },
    { code: 'duplicate', column: 'bib', params: { reason: 'in_file', firstRow: 2 } },
    { code: 'duplicate', column: 'bib', params: { reason: 'in_contest' } },
    { code: 'duplicate', column: 'station', params: { reason: 'taken', holder: 'C001' } },
    { code: 'duplicate', column: 'code', params: { reason: 'other_contest', contest: 'rider' } },
    { code: 'unknown_organisation', column: 'organisation', params: { organisations: [SD], more: 3 } },
    { code: 'ambiguous_organisation', column: 'organisation', params: { organisations: [SD] } },
    { code: 'unknown_criterion', column: 'criteria', params: { criteria: ['exam', 'packing'] } },
  ].map((p) => ({ row: 2, column: '', value: 'x', message: 'English for logs', ...p }) as RosterProblem);

  it('has a wording of its own for every code and reason, in both languages, with every placeholder filled', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      i18n.locale = locale;
      const texts = ALL.map((p) => problemText(p, 'judges', { listOrganisations: true }));
      for (const text of texts) expect(text).not.toMatch(/[{}]|English for logs/);
      // A precise wording each: no two problems fall back to the same sentence.
      expect(new Set(texts).size).toBe(texts.length);
      if (locale === 'zh-CN') for (const text of texts) expect(text).not.toMatch(ENGLISH);
    }
  });

  it('names rows briefly, however many there are', () => {
    i18n.locale = 'zh-CN';
    expect(rowList([5, 9])).toBe('第 5、9 行');
    expect(rowList([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe('第 1、2、3、4、5、6、7、8 行等 2 行');
    i18n.locale = 'en';
    expect(rowList([5])).toBe('row 5');
  });
});

describe('new organisations panel', () => {
  const props = (over = {}) => ({
    proposals: [{ name: '京运快运', code: 'org-1', rows: [26, 27] }],
    listed: { organisations: event().organisations },
    existing: event().organisations,
    onadd: () => {},
    ...over,
  });

  it('offers each unknown name with its proposed code, its rows and the event’s organisations', () => {
    i18n.locale = 'zh-CN';
    const html = render(NewOrganisations, { props: props() }).body;
    for (const text of [
      '不在本赛事中的单位（1 个）',
      '京运快运',
      'value="org-1"',
      '第 26、27 行',
      '京运物流（jd）',
      '把这些单位加入赛事',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toMatch(/<button[^>]*disabled[^>]*data-testid="add-organisations"/);
  });

  it('words a code already taken next to it, and will not add until it is changed', () => {
    i18n.locale = 'en';
    const taken = props({ proposals: [{ name: '京运快运', code: 'jd', rows: [3] }] });
    const html = render(NewOrganisations, { props: taken }).body;
    expect(html).toContain('“jd” is already the code of “京运物流”.');
    expect(html).toMatch(/<button[^>]*disabled[^>]*data-testid="add-organisations"/);
    const [problem] = checkNewOrganisations(event().organisations, [{ code: 'x', name: '京运 物流' }]);
    expect(newOrganisationText(problem!)).toBe('“京运 物流” is the same name as the organisation “京运物流 (jd)”.');
  });
});
