import { afterEach, describe, expect, it } from 'vitest';
import { ERRORS, ISSUES, type ParamSpec, type ParamsSpec } from '$shared/errors/index.ts';
import { i18n } from '../state.svelte.ts';
import { placeholderNames as placeholders } from '../message-format.ts';
import { CLIENT_ERRORS, PROBLEM_CATALOGUES, errorMessage, issueText, problemText } from './index.ts';

const HAN = /\p{Script=Han}/u;
// Three Latin words in a row is English prose; acronyms and codes (PIN, CSV, raw-asc:<code>) are not.
const ENGLISH_PROSE = /[A-Za-z]{2,}[\s,.’']+[A-Za-z]{2,}[\s,.’']+[A-Za-z]{2,}/;

/** A value of each kind, so every wording can be rendered. */
function sample(spec: ParamSpec): unknown {
  if (typeof spec !== 'string') return spec[0];
  switch (spec.replace(/\?$/, '')) {
    case 'number':
      return 1.5;
    case 'count':
      return 2;
    case 'boolean':
      return true;
    case 'state':
      return 'review';
    case 'time':
      return '2024-05-01T10:00:00.000Z';
    case 'type':
      return 'text';
    case 'types':
      return ['number'];
    case 'values':
    case 'list':
      return ['a1', 'b2'];
    default:
      return 'X1';
  }
}

const samples = (spec: ParamsSpec, optional: boolean) =>
  Object.fromEntries(
    Object.entries(spec)
      .filter(([, s]) => optional || typeof s !== 'string' || !s.endsWith('?'))
      .map(([k, s]) => [k, sample(s)]),
  );

/** Params to render a wording with: all optional params or none, and each word of a closed set. */
function variants(spec: ParamsSpec): Record<string, unknown>[] {
  const out = [samples(spec, true), samples(spec, false)];
  for (const [key, s] of Object.entries(spec))
    if (typeof s !== 'string') for (const word of s) out.push({ ...samples(spec, true), [key]: word });
  return out;
}

const ERROR_KEYS = [...Object.keys(ERRORS), ...CLIENT_ERRORS].sort();
const ISSUE_CODES = Object.keys(ISSUES).sort();

afterEach(() => {
  i18n.locale = 'zh-CN';
});

describe('the problem catalogues', () => {
  it.each(['zh-CN', 'en'] as const)('%s words every refusal and every issue, and nothing else', (locale) => {
    const c = PROBLEM_CATALOGUES[locale];
    expect(Object.keys(c.errors).sort()).toEqual(ERROR_KEYS);
    expect(Object.keys(c.issues).sort()).toEqual(ISSUE_CODES);
  });

  it.each(['zh-CN', 'en'] as const)('%s refers only to params the code carries', (locale) => {
    const c = PROBLEM_CATALOGUES[locale];
    for (const [key, text] of Object.entries(c.errors)) {
      const spec: ParamsSpec = (ERRORS as Record<string, ParamsSpec>)[key] ?? {};
      for (const name of placeholders(text)) expect(Object.keys(spec), `${locale} ${key}: {${name}}`).toContain(name);
    }
    for (const [code, text] of Object.entries(c.issues)) {
      const spec: ParamsSpec = (ISSUES as Record<string, ParamsSpec>)[code]!;
      for (const name of placeholders(text)) expect(Object.keys(spec), `${locale} ${code}: {${name}}`).toContain(name);
    }
  });

  it('zh-CN wordings are Chinese (no English sentence) and en wordings hold no Chinese', () => {
    for (const [kind, zh, en] of [
      ['errors', PROBLEM_CATALOGUES['zh-CN'].errors, PROBLEM_CATALOGUES.en.errors],
      ['issues', PROBLEM_CATALOGUES['zh-CN'].issues, PROBLEM_CATALOGUES.en.issues],
    ] as const) {
      for (const [key, text] of Object.entries(zh)) expect(text, `${kind} ${key}`).toMatch(HAN);
      for (const [key, text] of Object.entries(en)) expect(text, `${kind} ${key}`).not.toMatch(HAN);
    }
  });

  it.each(['zh-CN', 'en'] as const)('%s renders every key, with or without optional params, in itself', (locale) => {
    i18n.locale = locale;
    const inLanguage = (text: string, what: string) => {
      expect(text, what).not.toMatch(/[{}]|English for logs/);
      if (locale === 'zh-CN') expect(text, what).not.toMatch(ENGLISH_PROSE);
      else expect(text, what).not.toMatch(HAN);
    };
    for (const key of Object.keys(ERRORS) as (keyof typeof ERRORS)[]) {
      const [code, reason] = key.split(':');
      for (const params of variants(ERRORS[key]))
        inLanguage(problemText({ code, params: { ...params, ...(reason ? { reason } : {}) } }), key);
    }
    for (const code of ISSUE_CODES as (keyof typeof ISSUES)[])
      for (const params of variants(ISSUES[code]))
        inLanguage(issueText({ path: 'x', code, params, message: 'English for logs' }), code);
  });
});

describe('problemText', () => {
  it('says a wrong password is a wrong password, not "sign in first"', () => {
    const wrong = { code: 'unauthorized', params: { reason: 'wrong_password' }, status: 401 };
    expect(problemText(wrong)).toBe('用户名或密码错误。');
    expect(problemText({ code: 'unauthorized', status: 401 })).toBe('请先登录。');
    i18n.locale = 'en';
    expect(problemText(wrong)).toBe('Wrong user name or password.');
  });

  it('formats params: states through the glossary, numbers by locale, criteria by the names a screen knows', () => {
    const transition = { code: 'conflict', params: { reason: 'bad_transition', from: 'setup', to: 'certified' } };
    expect(problemText(transition)).toBe('赛项不能从“筹备中”变为“已确认”。');
    const names = { criterion: (code: string) => ({ packing: '包装规范' })[code] ?? code };
    const notYours = { code: 'forbidden', params: { reason: 'criterion_not_assigned', criterion: 'packing' } };
    expect(problemText(notYours, names)).toBe('评分项“包装规范”未分配给您。');
    i18n.locale = 'en';
    const blocked = (count: number) => problemText({ code: 'transition_blocked', params: { count } });
    expect(blocked(1)).toBe('Cannot certify yet: 1 problem to resolve.');
    expect(blocked(1200)).toBe('Cannot certify yet: 1,200 problems to resolve.');
    const closed = problemText({ code: 'contest_closed', params: { state: 'review' } });
    expect(closed).toBe('The contest is “In review”: no marks are accepted.');
  });

  it('words a validation refusal by its first issue, with the field named in the reader’s words', () => {
    const refused = {
      code: 'validation_failed',
      status: 400,
      issues: [
        { path: 'value', code: 'value_range', params: { min: 0, max: 20 }, message: 'value must be between 0 and 20' },
        { path: 'note', code: 'too_long', params: { max: 500 }, message: 'must be at most 500 characters' },
      ],
    };
    expect(problemText(refused)).toBe('分值：须在 0 到 20 之间（另有 1 个问题）');
    i18n.locale = 'en';
    expect(problemText(refused)).toBe('Value: Must be between 0 and 20. (and 1 more)');
  });

  it('never shows the server’s English: unknown codes and params fall back to the reader’s language', () => {
    const english = 'marking is closed: the contest is in review';
    // A newer server's reason: the code's own wording.
    const newer = problemText({ code: 'contest_closed', params: { reason: 'lunch_break', state: 'review' } });
    expect(newer).toBe('赛项当前为“审核中”，不接受评分。');
    // A code this app does not know: the sentence for its status, else a generic one.
    expect(problemText({ code: 'brand_new', status: 409 })).toBe(PROBLEM_CATALOGUES['zh-CN'].errors.conflict);
    expect(problemText({ code: 'brand_new' })).toBe(PROBLEM_CATALOGUES['zh-CN'].errors.unknown);
    // Params that do not fit the code: not worded with holes.
    expect(problemText({ code: 'not_found', params: { reason: 'contestant', bib: 42 } })).toBe('找不到所请求的内容。');
    expect(errorMessage({ code: 'brand_new', message: english, status: 0 })).not.toContain(english);
    expect(issueText({ path: 'x', code: 'roster_thing', message: english })).toBe('无效');
  });

  it('words what any part of the app holds: an API error, a stored refusal, a code', () => {
    const error = { code: 'contest_closed', message: 'x', params: { reason: 'review' } };
    const apiError = { status: 409, body: { error } };
    expect(errorMessage(apiError)).toBe('评分已截止：赛项正在审核，只有裁判长可以更正评分。');
    expect(errorMessage({ code: 'idempotency_conflict', message: 'x', status: 409 })).toBe(
      '这条评分已经用不同的内容提交过。',
    );
    expect(errorMessage('network_error')).toBe('无法连接服务器，请检查网络。');
    expect(errorMessage(new Error('boom'))).toBe(PROBLEM_CATALOGUES['zh-CN'].errors.unknown);
  });
});
