// A mark's value and a refusal's reason as the judge reads them, in the current language.
import type { Criterion } from '$shared/event-file/schema.ts';
import { errorMessage, formatNumber, t, type Names } from '$lib/i18n/index.ts';
import type { SendError } from '$shared/judge-outbox/send.ts';
import { decimalsOf, stepOf, type MarkValue } from './values.ts';

export function formatValue(c: Criterion | undefined, value: MarkValue): string {
  if (typeof value === 'boolean') return value ? t('judge.sheet.pass') : t('judge.sheet.fail');
  if (c?.kind === 'deduction') return t('judge.sheet.violations', { count: value });
  return formatNumber(value, c ? Math.max(2, decimalsOf(stepOf(c))) : 2);
}

/** The points a mark earns (or takes, for a deduction; nothing taken reads "no points deducted", never "−0"). */
export function pointsText(c: Criterion, points: number): string {
  if (c.kind !== 'deduction') return t('judge.sheet.points', { points: formatNumber(points) });
  return points === 0 ? t('judge.sheet.deductsNone') : t('judge.sheet.deducts', { points: formatNumber(points) });
}

/**
 * The server's refusal in the judge's current language, worded when shown (the outbox keeps the
 * code and params, so a judge who switches language reads old refusals in the new one).
 */
export function refusalText(
  error: (SendError & { status?: number }) | undefined,
  criteria?: readonly Criterion[],
): string {
  const names: Names = { criterion: (code) => criteria?.find((c) => c.code === code)?.name ?? code };
  return errorMessage(error ?? 'unknown', names);
}
