import { describe, expect, it } from 'vitest';
import { formatMessage } from './message-format.ts';

const show = (_name: string, raw: unknown) => (typeof raw === 'number' ? raw.toLocaleString('en') : String(raw));
const fmt = (template: string, params: Record<string, unknown>, locale = 'en') =>
  formatMessage(template, params, locale, show);

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fmt('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('chooses plural forms by the locale’s rules, with exact matches and # for the number', () => {
    const t = '{n, plural, =0 {no marks} one {# mark} other {# marks}}';
    expect([0, 1, 2, 1500].map((n) => fmt(t, { n }))).toEqual(['no marks', '1 mark', '2 marks', '1,500 marks']);
    // Chinese has one form: "other".
    expect(fmt('{n, plural, other {# 个问题}}', { n: 1 }, 'zh-CN')).toBe('1 个问题');
  });

  it('selects by value, with `none` for a missing one, and nests', () => {
    const t = '{state, select, none {closed} other {closed in {state}{n, plural, one { (# mark)} other { (# marks)}}}}';
    expect(fmt(t, {})).toBe('closed');
    expect(fmt(t, { state: 'review', n: 3 })).toBe('closed in review (3 marks)');
    expect(fmt('{k, select, judges {judge} other {contestant}} list', { k: 'judges' })).toBe('judge list');
  });
});
