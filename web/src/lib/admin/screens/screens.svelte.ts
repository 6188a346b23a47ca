// The console's screens page (issue 14): the event's big screens, polled while the page is visible
// (which are online, where a reveal stands), and the organiser's actions on them and on announcements.
import { failureOf, getJson, postJson, sendJson, type Failure } from '$lib/api.ts';
import type { Announcement, RevealAction, ScreenInfo, ScreenMode } from '$shared/screens.ts';

export const SCREENS_POLL_MS = 3000;

/** What the console sends for a mode: a reveal starts from the bottom (the server adds its step). */
export type ModeChoice = Exclude<ScreenMode, { kind: 'reveal' }> | { kind: 'reveal'; contest: string };

export class ScreensConsole {
  screens = $state.raw<ScreenInfo[] | null>(null);
  announcements = $state.raw<Announcement[]>([]);
  /** The last failure of a load or an action (worded where shown); null when fine. */
  error = $state.raw<Failure | null>(null);
  /** Screen ids with an action on its way (their buttons wait). */
  busy = $state.raw<ReadonlySet<string>>(new Set());

  readonly #base: string;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(eventId: string) {
    this.#base = `/events/${encodeURIComponent(eventId)}`;
  }

  start(): void {
    void this.refresh();
    this.#timer = setInterval(() => {
      if (!document.hidden) void this.refresh();
    }, SCREENS_POLL_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async refresh(): Promise<void> {
    try {
      const [{ screens }, { announcements }] = await Promise.all([
        getJson<{ screens: ScreenInfo[] }>(`${this.#base}/screens`),
        getJson<{ announcements: Announcement[] }>(`${this.#base}/announcements`),
      ]);
      this.screens = screens;
      this.announcements = announcements;
    } catch (cause) {
      this.error = failureOf(cause);
    }
  }

  setMode(id: string, mode: ModeChoice | null) {
    return this.#screen(id, () => sendJson<ScreenInfo>('PUT', `${this.#path(id)}/mode`, { mode }));
  }

  rename(id: string, name: string | null) {
    return this.#screen(id, () => sendJson<ScreenInfo>('PUT', `${this.#path(id)}/name`, { name }));
  }

  reveal(id: string, action: RevealAction) {
    return this.#screen(id, () => postJson<ScreenInfo>(`${this.#path(id)}/reveal`, { action }));
  }

  identify(id: string) {
    return this.#act(id, () => postJson(`${this.#path(id)}/identify`, {}));
  }

  forget(id: string) {
    return this.#act(id, async () => {
      await sendJson('DELETE', this.#path(id), {});
      this.screens = (this.screens ?? []).filter((s) => s.id !== id);
    });
  }

  /** Posts an announcement; true when it was. */
  async announce(text: string): Promise<boolean> {
    const ok = await this.#act('announce', () => postJson(`${this.#base}/announcements`, { text }));
    if (ok) await this.refresh();
    return ok;
  }

  async withdraw(id: string): Promise<void> {
    if (await this.#act(id, () => sendJson('DELETE', `${this.#base}/announcements/${encodeURIComponent(id)}`, {}))) {
      this.announcements = this.announcements.filter((a) => a.id !== id);
    }
  }

  #path(id: string): string {
    return `${this.#base}/screens/${encodeURIComponent(id)}`;
  }

  /** An action that answers with the screen: the list shows it at once. */
  #screen(id: string, send: () => Promise<ScreenInfo>) {
    return this.#act(id, async () => {
      const info = await send();
      this.screens = (this.screens ?? []).map((s) => (s.id === id ? info : s));
    });
  }

  async #act(key: string, run: () => Promise<unknown>): Promise<boolean> {
    this.busy = new Set([...this.busy, key]);
    try {
      await run();
      this.error = null;
      return true;
    } catch (cause) {
      this.error = failureOf(cause);
      return false;
    } finally {
      const next = new Set(this.busy);
      next.delete(key);
      this.busy = next;
    }
  }
}
