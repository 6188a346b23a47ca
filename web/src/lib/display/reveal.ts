// The reveal ceremony's plan: ranked contestants from the bottom up, one per step.
import type { BoardRow } from '$shared/scoring/types.ts';
import type { RevealView } from '$shared/screens.ts';
import { rankedRows, revealOrder } from '$shared/reveal-order.ts';

export { rankedRows, revealOrder };

/** A slot not yet revealed: no contestant data at all, only a key of its own. */
const hiddenSlot = (i: number): BoardRow => ({
  bib: `slot:${i}`,
  name: '',
  organisation: '',
  rank: null,
  total: 0,
  sections: {},
  complete: false,
  flagged: false,
  award: null,
  status: 'active',
});

/** The reveal board's slots, best first, from what the server sent: the revealed rows in theirs. */
export function revealSlots(view: RevealView): BoardRow[] {
  return Array.from({ length: view.total }, (_, i) => view.revealed[view.total - 1 - i] ?? hiddenSlot(i));
}

export function clampStep(step: number, total: number): number {
  return Number.isFinite(step) ? Math.min(Math.max(0, Math.trunc(step)), total) : 0;
}

/** Bibs shown after `step` steps. */
export function revealedBibs(rows: readonly BoardRow[], step: number): Set<string> {
  return new Set(
    revealOrder(rows)
      .slice(0, step)
      .map((r) => r.bib),
  );
}

/** The slot (index in rankedRows) revealed last; the bottom slot before the first step. */
export function focusSlot(total: number, step: number): number {
  if (total === 0) return 0;
  return step === 0 ? total - 1 : total - clampStep(step, total);
}

export type Emphasis = 'plain' | 'award' | 'podium' | 'champion';

/** How much suspense a reveal gets: the winner most, then the podium, then other award winners. */
export function emphasisOf(row: BoardRow): Emphasis {
  if (row.rank === 1) return 'champion';
  if (row.rank !== null && row.rank <= 3) return 'podium';
  return row.award ? 'award' : 'plain';
}

/** The drumroll before the name shows, in ms. */
export const DRUMROLL_MS: Record<Emphasis, number> = { plain: 0, award: 900, podium: 1800, champion: 2800 };
