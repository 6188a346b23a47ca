// The event file may change only while every contest is in setup (marks refer to its codes).
import { t } from '$lib/i18n/index.ts';
import type { ContestSummary } from '$shared/api.ts';

/** Why the event cannot be edited now, or null when it can. */
export function lockReason(contests: readonly ContestSummary[]): string | null {
  const started = contests.filter((c) => c.state !== 'setup');
  if (started.length === 0) return null;
  return t('editor.locked', {
    contests: started.map((c) => `${c.name} (${t(`state.${c.state}`)})`).join(t('editor.listSeparator')),
  });
}
