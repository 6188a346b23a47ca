// The event's live overview (GET /events/:id/overview) kept fresh by polling while the page is
// visible. A few seconds is live enough for an organiser's desk and costs the venue network little.
import type { EventOverview } from '$shared/admin-api.ts';
import { getJson, failureOf, type Failure } from '$lib/api.ts';

export const OVERVIEW_POLL_MS = 3000;

export class OverviewState {
  data = $state.raw<EventOverview | null>(null);
  /** The last refusal (404 unknown event…); null when fine. */
  error = $state.raw<Failure | null>(null);
  /** False while the server cannot be reached; the last overview stays on screen. */
  online = $state(true);
  updatedAt = $state<Date | null>(null);

  readonly eventId: string;
  #timer: ReturnType<typeof setInterval> | undefined;
  #inflight: Promise<void> | null = null;

  constructor(eventId: string) {
    this.eventId = eventId;
  }

  start(): void {
    void this.refresh();
    this.#timer = setInterval(() => {
      if (!document.hidden) void this.refresh();
    }, OVERVIEW_POLL_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  refresh(): Promise<void> {
    this.#inflight ??= this.#load().finally(() => (this.#inflight = null));
    return this.#inflight;
  }

  async #load(): Promise<void> {
    try {
      this.data = await getJson<EventOverview>(`/events/${encodeURIComponent(this.eventId)}/overview`);
      this.error = null;
      this.online = true;
      this.updatedAt = new Date();
    } catch (cause) {
      const f = failureOf(cause);
      if (f.status === 0) this.online = false;
      else this.error = f;
    }
  }
}
