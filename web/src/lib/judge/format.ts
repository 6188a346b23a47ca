// A mark's value and a refusal's reason as the judge reads them, in the current language.
import type { Criterion } from '$shared/event-file/schema.ts';
import type { MarkValueError } from '$shared/scoring/validate-mark.ts';
import { errorMessage, formatNumber, t } from '$lib/i18n/index.ts';
import { decimalsOf, stepOf, type MarkValue } from './values.ts';

export function formatValue(c: Criterion | undefined, value: MarkValue): string {
  if (typeof value === 'boolean') return value ? t('judge.sheet.pass') : t('judge.sheet.fail');
  if (c?.kind === 'deduction') return t('judge.sheet.violations', { count: value });
  return formatNumber(value, c ? Math.max(2, decimalsOf(stepOf(c))) : 2);
}

export function valueError(c: Criterion, e: MarkValueError): string {
  const open = c.kind === 'deduction' || (c.kind === 'measurement' && c.scale?.type === 'linear');
  if (e.code === 'out_of_range') return open ? t('judge.value.negative') : t('judge.value.out_of_range', { max: formatNumber(c.max) });
  if (e.code === 'off_step') return t('judge.value.off_step', { step: formatNumber(stepOf(c), 6) });
  return t(`judge.value.${e.code}`);
}

/** The server's refusal in the judge's language; its own words are kept as a detail. */
export function refusalText(error: { code: string; message: string } | undefined): { text: string; detail: string } {
  const text = errorMessage(error?.code, error?.message);
  const detail = error?.message && error.message !== text ? error.message : '';
  return { text, detail };
}
