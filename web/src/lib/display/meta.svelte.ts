// The event and its contests' definitions for a display, fetched with retries and kept fresh.
// A display never gives up on a failure that can pass: a failed request is tried again with backoff,
// forever, and what was loaded before stays on screen meanwhile. An unknown event is not retried.
import { ApiRequestError, getJson, type ContestDetail, type EventDetail } from '$lib/api.ts';
import { backoffMillis } from './options.ts';

/** Contest states and new contests are picked up this often (the boards themselves are live). */
export const REFRESH_MS = 30_000;

/** GETs without the session cookie: a public screen shows the public view even where an organiser signed in. */
export const publicFetch: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'omit' });

export class EventMeta {
  event = $state.raw<EventDetail | null>(null);
  contests = $state.raw<Readonly<Record<string, ContestDetail>>>({});
  /** Code of the last failure (not_found, network_error…), null once a load succeeded. */
  error = $state<string | null>(null);

  readonly eventId: string;
  readonly #fetch: typeof fetch | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;
  #attempt = 0;

  constructor(eventId: string, options: { publicOnly?: boolean } = {}) {
    this.eventId = eventId;
    this.#fetch = options.publicOnly ? publicFetch : undefined;
  }

  start(): void {
    if (this.#controller) return;
    this.#controller = new AbortController();
    void this.#load();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = null;
  }

  /** Load again now (e.g. a board reported a new contest state). */
  refresh(): void {
    if (!this.#controller) return;
    clearTimeout(this.#timer);
    void this.#load();
  }

  async #load(): Promise<void> {
    const controller = this.#controller;
    if (!controller) return;
    const options = { signal: controller.signal, fetch: this.#fetch };
    try {
      const event = await getJson<EventDetail>(`/events/${encodeURIComponent(this.eventId)}`, options);
      if (controller !== this.#controller) return;
      // The event alone decides what shows; contest details (sections, awards) follow.
      this.event = event;
      this.error = null;
      const known = this.contests;
      const details = await Promise.all(
        event.contests.map((c) =>
          getJson<ContestDetail>(`/contests/${encodeURIComponent(c.id)}`, options).catch((cause: unknown) => {
            if (!(cause instanceof ApiRequestError)) throw cause;
            return known[c.id] ?? null;
          }),
        ),
      );
      if (controller !== this.#controller) return;
      const contests: Record<string, ContestDetail> = {};
      for (const d of details) if (d) contests[d.id] = d;
      this.contests = contests;
      const missing = details.some((d) => d === null);
      this.#attempt = missing ? this.#attempt + 1 : 0;
      this.#schedule(missing ? backoffMillis(this.#attempt) : REFRESH_MS);
    } catch (cause) {
      if (controller !== this.#controller || controller.signal.aborted) return;
      this.error = cause instanceof ApiRequestError ? cause.code : 'network_error';
      // An event the server does not know will not appear by retrying (ids are made at import): the
      // screen says so and stops, rather than passing a wrong address for a network problem.
      if (this.error === 'not_found' && !this.event) return;
      this.#schedule(backoffMillis(this.#attempt++));
    }
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#load(), ms);
  }
}
