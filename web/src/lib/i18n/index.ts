// i18n entry point: t(), errorMessage() and the locale formatters. See README.md.
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';
import { i18n } from './state.svelte.ts';
import type { Locale } from './locale.ts';

export type MessageKey = keyof typeof zhCN;
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export { i18n };
export { LOCALES, type Locale } from './locale.ts';
export { formatNumber, formatDateTime, compareText } from './format.ts';

/** The message for `key` in the current locale, with {name} placeholders filled from params. */
export function t(key: MessageKey, params?: MessageParams): string {
  const message = catalogues[i18n.locale][key] ?? zhCN[key] ?? key;
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/**
 * A refusal in the user's language: the translation of the error code when there is one
 * (CONTRACT §2 codes, plus network_error and timeout from the client), else the server's message.
 */
export function errorMessage(code: string | null | undefined, fallbackMessage?: string): string {
  const key = `error.${code ?? ''}`;
  if (code && isMessageKey(key)) return t(key);
  return fallbackMessage || t('error.unknown');
}
