// English counts agree with their numbers (Intl.PluralRules through message-format.ts): "1 mark has
// not…", "2 marks have not…", never "1 marks" nor "(s)".
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, t } from './index.ts';
import { en } from './en.ts';

afterEach(() => {
  i18n.locale = 'zh-CN';
});

describe('English plurals', () => {
  it('warns of one waiting mark in the singular and of two in the plural', () => {
    i18n.locale = 'en';
    expect(t('judge.signout.pending', { count: 1 })).toMatch(/^1 mark has not reached the server yet! .* it is lost\./);
    expect(t('judge.signout.pending', { count: 2 })).toMatch(
      /^2 marks have not reached the server yet! .* they are lost\./,
    );
    expect(t('judge.signout.discard', { count: 1 })).toBe('Discard 1 mark and sign out');
    expect(t('board.count', { total: 1 })).toBe('1 contestant');
    expect(t('board.count', { total: '1,500' })).toBe('1,500 contestants');
    expect(t('editor.roster.summaryBad', { rows: 1, problems: 2 })).toMatch(/^1 row, 2 problems — /);
  });

  it('leaves Chinese, which has one form, as written', () => {
    i18n.locale = 'zh-CN';
    expect(t('judge.signout.pending', { count: 1 })).toContain('1 条评分');
  });

  it('has no count before a plural noun outside a plural form', () => {
    const nouns =
      'marks|contestants|judges|rows|problems|entries|minutes|points|cards|contests|organisations|characters|columns';
    const bare = new RegExp(`\\{\\w+\\} (more )?(${nouns})\\b`);
    const plainText = (m: string) => m.replace(/\{\w+, plural,(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}/g, '#');
    const offenders = Object.entries(en).filter(([, m]) => bare.test(plainText(m)) || m.includes('(s)'));
    expect(offenders).toEqual([]);
  });
});
