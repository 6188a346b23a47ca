// The event's team table for the display, polled while it is on screen (retries with backoff).
import { getJson } from '$lib/api.ts';
import type { TeamsResponse } from '$shared/api.ts';
import { backoffMillis } from './options.ts';
import { publicFetch } from './meta.svelte.ts';

export const TEAMS_REFRESH_MS = 10_000;

export class TeamsData {
  data = $state.raw<TeamsResponse | null>(null);
  failed = $state(false);
  readonly #eventId: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;
  #attempt = 0;

  constructor(eventId: string) {
    this.#eventId = eventId;
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

  async #load(): Promise<void> {
    const controller = this.#controller;
    if (!controller) return;
    let wait = TEAMS_REFRESH_MS;
    try {
      // Always the public table: while a contest is frozen, organisers' tables would give it away.
      const data = await getJson<TeamsResponse>(`/events/${encodeURIComponent(this.#eventId)}/teams`, {
        signal: controller.signal,
        fetch: publicFetch,
      });
      if (controller !== this.#controller) return;
      this.data = data;
      this.failed = false;
      this.#attempt = 0;
    } catch {
      if (controller !== this.#controller) return;
      this.failed = true;
      wait = backoffMillis(this.#attempt++);
    }
    this.#timer = setTimeout(() => void this.#load(), wait);
  }
}
