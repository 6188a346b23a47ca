// What a display address asks for (CONTRACT §10): `/display/:eventId?contest=<code>&rotate=<s>`.
//
// - `?contest=X`            that contest alone; its board pages through every contestant.
// - `?rotate=S`             every open contest, then the team table, S seconds each.
// - `?contest=X&rotate=S`   the same rotation, starting at X.
// - neither                 rotation at DEFAULT_ROTATE_SECONDS: a screen opened with the bare event
//                           address still shows everything, and nobody has to fix the URL mid-contest.
// A screen the organiser gave a mode in the console (admin/events/:id/screens) shows that instead
// (modes.ts); the reveal ceremony is run from there too, never with a password on the big screen, so
// `?reveal` is not read any more: such an address shows the contest's public (frozen) board.
// A board longer than one screen pages; while rotating, a slide stays until all its pages were shown
// (each page at least MIN_PAGE_SECONDS), so every contestant is seen on every pass.

import { MAX_ROTATE_SECONDS, MIN_ROTATE_SECONDS } from '$shared/screens.ts';

export { MAX_ROTATE_SECONDS, MIN_ROTATE_SECONDS };
export const DEFAULT_ROTATE_SECONDS = 15;
export const PAGE_SECONDS = 8;
export const MIN_PAGE_SECONDS = 5;

export interface DisplayOptions {
  contest: string | null;
  /** Seconds per slide, or null for a single contest that never rotates. */
  rotate: number | null;
  /** The team table alone (a mode the console sets; no address asks for it). */
  teams?: boolean;
}

export function parseDisplayOptions(params: URLSearchParams): DisplayOptions {
  const contest = params.get('contest')?.trim() || null;
  const raw = params.get('rotate');
  let rotate: number | null = null;
  if (raw !== null) {
    const n = Number(raw);
    rotate =
      raw.trim() !== '' && Number.isFinite(n)
        ? Math.min(MAX_ROTATE_SECONDS, Math.max(MIN_ROTATE_SECONDS, n))
        : DEFAULT_ROTATE_SECONDS;
  } else if (!contest) {
    rotate = DEFAULT_ROTATE_SECONDS;
  }
  return { contest, rotate };
}

/**
 * Milliseconds each page of a slide stays: a fixed PAGE_SECONDS for a single contest; while
 * rotating, the slide's time shared among its pages, but never under MIN_PAGE_SECONDS a page.
 */
export function pageMillis(rotate: number | null, pages: number): number {
  if (rotate === null) return PAGE_SECONDS * 1000;
  return Math.max(MIN_PAGE_SECONDS, rotate / Math.max(1, pages)) * 1000;
}

/** Delay before the next attempt of a failed request: 1 s doubling to 30 s, with ±20 % jitter. */
export function backoffMillis(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + random() * 0.4));
}
