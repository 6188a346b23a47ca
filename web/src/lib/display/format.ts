// Totals on the big screen always carry two decimals, so a column of scores lines up by the point.
import { i18n } from '$lib/i18n/index.ts';

const formats = new Map<string, Intl.NumberFormat>();

export function formatTotal(value: number): string {
  const locale = i18n.locale;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formats.set(locale, format);
  }
  return format.format(value);
}
