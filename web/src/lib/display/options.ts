// What a display address asks for (CONTRACT §10): `/display/:eventId?contest=<code>&rotate=<s>&reveal`.
//
// - `?contest=X`            that contest alone; its board pages through every contestant.
// - `?rotate=S`             every open contest, then the team table, S seconds each.
// - `?contest=X&rotate=S`   the same rotation, starting at X.
// - neither                 rotation at DEFAULT_ROTATE_SECONDS: a screen opened with the bare event
//                           address still shows everything, and nobody has to fix the URL mid-contest.
// - `?reveal` (with contest) the organiser's reveal ceremony for that contest.
// A board longer than one screen pages; while rotating, a slide stays until all its pages were shown
// (each page at least MIN_PAGE_SECONDS), so every contestant is seen on every pass.

export const DEFAULT_ROTATE_SECONDS = 15;
export const MIN_ROTATE_SECONDS = 5;
export const MAX_ROTATE_SECONDS = 3600;
export const PAGE_SECONDS = 8;
export const MIN_PAGE_SECONDS = 5;

export interface DisplayOptions {
  contest: string | null;
  /** Seconds per slide, or null for a single contest that never rotates. */
  rotate: number | null;
  reveal: boolean;
}

export function parseDisplayOptions(params: URLSearchParams): DisplayOptions {
  const contest = params.get('contest')?.trim() || null;
  const reveal = params.has('reveal') && params.get('reveal') !== '0' && params.get('reveal') !== 'false';
  if (reveal && contest) return { contest, rotate: null, reveal: true };
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
  return { contest, rotate, reveal: false };
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
