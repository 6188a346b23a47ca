// Recusal: a judge with an organisation stands aside for that organisation's contestants. A marking
// judge may not mark them (marks.ts); a chief judge may not decide on their marks either: accepting
// a flag, asking for a re-mark and correcting a mark all fall to an organiser (or another chief).
import { refuse } from '../../errors.ts';
import type { Actor } from '../auth/auth.ts';

/** Whether `actor` must stand aside for a contestant of `organisation`. Organisers never do. */
export function isRecused(actor: Actor, organisation: string): boolean {
  return actor.role === 'judge' && !!actor.organisation && actor.organisation === organisation;
}

/** Refuses a chief judge's decision on a contestant of its own organisation. */
export function requireNotRecused(actor: Actor, contestant: { bib: string; organisation: string }): void {
  if (!isRecused(actor, contestant.organisation)) return;
  // No bib in the refusal: the desk of a blind contest names contestants by station only.
  const message = `contestant ${contestant.bib} is of your own organisation: an organiser decides on their marks`;
  throw refuse('forbidden:recused', message);
}
