// Who may export: organisers everything; a contest's chief judge that contest's results.
import { refuse, unauthorized } from '../errors.ts';
import { requireOrganiser, type Actor } from '../domain/auth/auth.ts';
import type { Viewer } from './table.ts';

/** The viewer an export is made for; 401 when not signed in, 403 for any other judge. */
export function contestViewer(actor: Actor, contestId: string): Viewer {
  if (actor.role === 'anonymous') throw unauthorized();
  if (actor.role === 'organiser') return 'organiser';
  if (actor.chief && actor.contestId === contestId) return 'official';
  const message = 'only an organiser or the chief judge of this contest may export its results';
  throw refuse('forbidden:chief_or_organiser', message);
}

export function eventViewer(actor: Actor): Viewer {
  requireOrganiser(actor);
  return 'organiser';
}
