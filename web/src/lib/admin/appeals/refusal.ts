// A server refusal of an appeal request, in the organiser's language. The appeal endpoints answer
// several different conflicts with one code, so the server's message tells them apart.
import { ApiRequestError } from '$lib/api.ts';
import { errorMessage, formatDateTime, i18n, t } from '$lib/i18n/index.ts';

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/;

export function refusalText(cause: unknown, knownDeadline: string | null = null): string {
  if (!(cause instanceof ApiRequestError)) return errorMessage(null, cause instanceof Error ? cause.message : String(cause));
  const { code, message } = cause.body.error;
  if (code === 'appeal_window_closed') {
    const deadline = message.match(ISO_TIME)?.[0] ?? knownDeadline;
    return t('appeals.error.windowClosed', { deadline: deadline ? formatDateTime(deadline) : t('common.none') });
  }
  if (code === 'conflict') {
    if (/reopen/i.test(message)) return t('appeals.error.reopenFirst');
    if (/decided/i.test(message)) return t('appeals.error.decided');
    if (/not out yet/i.test(message)) return t('appeals.error.notOut');
  }
  // Validation details are in English: worth adding for English readers only.
  const detail = i18n.locale === 'en' && cause.status === 400 ? ` (${message})` : '';
  return errorMessage(code, message) + detail;
}
