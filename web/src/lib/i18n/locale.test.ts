import { describe, expect, it } from 'vitest';
import { placeholderNames } from './message-format.ts';
import { parseLocale, resolveLocale } from './locale.ts';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

describe('resolveLocale', () => {
  it('prefers ?lang, then the saved choice, then the browser, then zh-CN', () => {
    expect(resolveLocale('en', 'zh-CN', ['zh-CN'])).toBe('en');
    expect(resolveLocale(null, 'en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('fr', null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(resolveLocale(null, null, ['de-DE'])).toBe('zh-CN');
    expect(resolveLocale(null, 'garbage', [])).toBe('zh-CN');
  });

  it('maps language tags to the supported locales', () => {
    expect(parseLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(parseLocale('EN')).toBe('en');
    expect(parseLocale('ja')).toBeNull();
  });
});

describe('catalogues', () => {
  it('have the same keys and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const message of [...Object.values(en), ...Object.values(zhCN)]) expect(message.trim()).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholderNames(en[key]), key).toEqual(placeholderNames(zhCN[key]));
    }
  });
});
