// Numbers, dates and sorting in the current locale. Intl objects are cached per locale.
import { i18n } from './state.svelte.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const collators = new Map<string, Intl.Collator>();

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (!value) map.set(key, (value = make()));
  return value;
}

/** A score or any number: at most 2 decimals, grouped by the locale's rules. */
export function formatNumber(value: number, maxDecimals = 2): string {
  const locale = i18n.locale;
  return cached(
    numberFormats,
    `${locale}|${maxDecimals}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: maxDecimals }),
  ).format(value);
}

export function formatDateTime(value: string | number | Date, style: 'short' | 'medium' = 'medium'): string {
  const locale = i18n.locale;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return cached(
    dateFormats,
    `${locale}|${style}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeStyle: 'short' }),
  ).format(date);
}

/**
 * When a board changed, to the second ("14:03:12"); with the date when it was not today, so a page
 * opened the next day does not pass yesterday's time for today's.
 */
export function formatStamp(value: string | number | Date, now: Date = new Date()): string {
  const locale = i18n.locale;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const today = date.toDateString() === now.toDateString();
  return cached(dateFormats, `${locale}|stamp|${today}`, () =>
    today
      ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }),
  ).format(date);
}

/** Compares two strings as a person reading this locale expects (pinyin order in zh-CN). */
export function compareText(a: string, b: string): number {
  const locale = i18n.locale;
  return cached(collators, locale, () => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' })).compare(
    a,
    b,
  );
}
