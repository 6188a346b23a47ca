// i18n entry point: t(), errorMessage() and the locale formatters. See README.md.
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';
import { i18n } from './state.svelte.ts';
import { formatMessage } from './message-format.ts';
import type { Locale } from './locale.ts';

export type MessageKey = keyof typeof zhCN;
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export { i18n };
export { LOCALES, type Locale } from './locale.ts';
export { formatNumber, formatDateTime, formatStamp, compareText } from './format.ts';
export { errorMessage, issueText, problemOf, problemText, type Names, type Problem } from './problems/index.ts';

/**
 * The message for `key` in the current locale, with {name} placeholders filled from params and
 * {count, plural, one {…} other {…}} / {x, select, …} chosen (see message-format.ts).
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const message = catalogues[i18n.locale][key] ?? zhCN[key] ?? key;
  if (!params) return message;
  // Callers format numbers themselves (formatNumber): params are shown as given.
  return formatMessage(message, params, i18n.locale, (_name, raw) => String(raw));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}
