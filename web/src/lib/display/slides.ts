// Which screens a display shows, in order: contests (public once they left `setup`) and the team table.
import type { ContestSummary } from '$shared/api.ts';
import type { DisplayOptions } from './options.ts';

export type Slide =
  | { kind: 'contest'; key: string; contest: ContestSummary }
  | { kind: 'teams'; key: 'teams' }
  | { kind: 'missing'; key: string; code: string }; // ?contest= names no contest of the event

export const TEAMS: Slide = { kind: 'teams', key: 'teams' };

const contestSlide = (contest: ContestSummary): Slide => ({ kind: 'contest', key: `contest:${contest.id}`, contest });

export function buildSlides(contests: readonly ContestSummary[], options: DisplayOptions): Slide[] {
  if (options.teams) return [TEAMS];
  const chosen = options.contest ? contests.find((c) => c.code === options.contest) : undefined;
  if (options.rotate === null) {
    // One contest, whatever its state: the screen waits for it to open.
    if (!options.contest) return [];
    return [
      chosen ? contestSlide(chosen) : { kind: 'missing', key: `missing:${options.contest}`, code: options.contest },
    ];
  }
  const open = contests.filter((c) => c.state !== 'setup');
  if (open.length === 0) return [];
  return [...open.map(contestSlide), TEAMS];
}

/** Where a rotation starts: the chosen contest when it is in the list, else the first slide. */
export function startKey(
  slides: readonly Slide[],
  options: DisplayOptions,
  contests: readonly ContestSummary[],
): string | null {
  const chosen = options.contest ? contests.find((c) => c.code === options.contest) : undefined;
  const key = chosen ? `contest:${chosen.id}` : null;
  if (key && slides.some((s) => s.key === key)) return key;
  return slides[0]?.key ?? null;
}

/** The slide after `key`; the first one when `key` is gone (its contest went back to setup…). */
export function nextKey(slides: readonly Slide[], key: string | null): string | null {
  if (slides.length === 0) return null;
  const i = slides.findIndex((s) => s.key === key);
  return slides[(i + 1) % slides.length]?.key ?? null;
}

export function slideAt(slides: readonly Slide[], key: string | null): Slide | null {
  return slides.find((s) => s.key === key) ?? slides[0] ?? null;
}

/**
 * Whether a rotation turns to a board: only when someone on it has a rank (a counted mark, SCORING
 * §5.4) — a board of "—" rows says nothing yet. A team table has rows only for ranked contestants.
 */
export function anyRanked(rows: readonly { rank: number | null }[]): boolean {
  return rows.some((r) => r.rank !== null);
}
