// Rank arrows on the big screen: how many places each contestant moved, net, over the last few
// seconds. Marks often land together (three judges submit within a second): each update moves a
// contestant a little, and the hall should read the whole move (5th → 1st is ▲4, and each of the
// four passed shows ▼1), not only the last step, and not only for the rows whose scores changed.
import type { BoardRow } from '$shared/scoring/types.ts';

/** An arrow lasts this long after its contestant's last change of rank (ms). */
export const MOVE_WINDOW_MS = 5000;

interface Burst {
  /** The rank before the first change of the burst. */
  from: number;
  /** When the rank last changed. */
  last: number;
}

export class RankMoves {
  #ranks = new Map<string, number | null>();
  #bursts = new Map<string, Burst>();

  constructor(readonly windowMs = MOVE_WINDOW_MS) {}

  /**
   * Takes a board seen at `now` (ms) and returns the arrows to show: bib → places moved, net, since
   * before its burst of changes (positive: up). A change within the window of the previous one
   * extends the burst; a contestant who ends where it started, or has no rank, shows none.
   */
  update(rows: readonly Pick<BoardRow, 'bib' | 'rank'>[], now: number): ReadonlyMap<string, number> {
    for (const r of rows) {
      const before = this.#ranks.get(r.bib);
      if (r.rank === null) this.#bursts.delete(r.bib);
      else if (before != null && before !== r.rank) {
        const burst = this.#bursts.get(r.bib);
        if (burst && now - burst.last <= this.windowMs) burst.last = now;
        else this.#bursts.set(r.bib, { from: before, last: now });
      }
    }
    this.#ranks = new Map(rows.map((r) => [r.bib, r.rank] as const));
    return this.current(now);
  }

  /** The arrows at `now`, forgetting bursts older than the window. */
  current(now: number): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const [bib, burst] of this.#bursts) {
      const rank = this.#ranks.get(bib);
      if (rank == null || now - burst.last > this.windowMs) this.#bursts.delete(bib);
      else if (burst.from !== rank) out.set(bib, burst.from - rank);
    }
    return out;
  }

  /** Milliseconds from `now` until the next arrow goes, or null when none is shown. */
  nextExpiry(now: number): number | null {
    let soonest: number | null = null;
    for (const burst of this.#bursts.values()) {
      const left = Math.max(0, burst.last + this.windowMs - now);
      if (soonest === null || left < soonest) soonest = left;
    }
    return soonest === null ? null : soonest + 1;
  }
}
