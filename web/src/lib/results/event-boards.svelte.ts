// The public boards of an event's open contests, fetched when someone starts a search (not before:
// most visitors only open a board) and again when they are older than `maxAgeMs`.
import type { Leaderboard } from '$shared/api.ts';
import { type EventDetail, getJson } from '$lib/api.ts';
import type { ContestRows } from './event-search.ts';

export class EventBoards {
  contests = $state.raw<ContestRows[] | null>(null);
  loading = $state(false);
  failed = $state(false);

  #event: EventDetail;
  #loadedAt = 0;
  #maxAgeMs: number;

  constructor(event: EventDetail, maxAgeMs = 30_000) {
    this.#event = event;
    this.#maxAgeMs = maxAgeMs;
  }

  /** Fetches the boards unless fresh ones are here or a fetch is under way. */
  async ensure(): Promise<void> {
    if (this.loading || Date.now() - this.#loadedAt < this.#maxAgeMs) return;
    this.loading = true;
    const open = this.#event.contests.filter((c) => c.state !== 'setup');
    const results = await Promise.allSettled(
      open.map((c) => getJson<Leaderboard>(`/contests/${encodeURIComponent(c.id)}/leaderboard`)),
    );
    const contests: ContestRows[] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') contests.push({ code: open[i]!.code, name: open[i]!.name, rows: r.value.rows });
    });
    this.failed = open.length > 0 && contests.length === 0;
    if (!this.failed) this.#loadedAt = Date.now();
    this.contests = contests;
    this.loading = false;
  }
}
