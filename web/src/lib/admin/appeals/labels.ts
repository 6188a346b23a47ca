// Translated names the appeals panel shows: contest states and the people behind an appeal.
import { isMessageKey, t } from '$lib/i18n/index.ts';
import { actorOf } from './view.ts';

export function stateName(state: string): string {
  const key = `state.${state}`;
  return isMessageKey(key) ? t(key) : state;
}

/** "organiser:admin" → 组委会（admin）; "judge:J01" → 裁判 J01. */
export function actorLabel(name: string): string {
  const a = actorOf(name);
  if (a.kind === 'organiser') return t('appeals.who.organiser', { name: a.name });
  if (a.kind === 'judge') return t('appeals.who.judge', { name: a.name });
  return a.name;
}
