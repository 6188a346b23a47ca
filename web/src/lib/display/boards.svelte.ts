// The live boards a display needs: one LiveBoard per contest it shows, all on one socket; the others are closed.
import { SvelteMap } from 'svelte/reactivity';
import { LiveBoard, LiveConnection } from '$lib/live.svelte.ts';

/** How long a change stays highlighted (and listed under the board when it is on another page). */
export const HIGHLIGHT_MS = 5000;

export class BoardPool {
  readonly #boards = new SvelteMap<string, LiveBoard>();
  /** The one socket every board of the screen watches on (it closes with the last board). */
  readonly #connection: LiveConnection;

  /** `origin`: the server's, when not the page's (tests). */
  constructor(options: { publicOnly: boolean; origin?: string }) {
    this.#connection = new LiveConnection(options);
  }

  get(contestId: string): LiveBoard | undefined {
    return this.#boards.get(contestId);
  }

  /** Opens the boards of `ids` not open yet and closes the rest. Call from an $effect. */
  keep(ids: readonly string[]): void {
    const wanted = new Set(ids);
    // New boards first: the socket stays open while the rotation moves on to other contests.
    for (const id of wanted) {
      if (this.#boards.has(id)) continue;
      const board = new LiveBoard(id, { connection: this.#connection, highlightMs: HIGHLIGHT_MS });
      board.start();
      this.#boards.set(id, board);
    }
    for (const [id, board] of this.#boards) {
      if (!wanted.has(id)) {
        board.stop();
        this.#boards.delete(id);
      }
    }
  }

  stopAll(): void {
    this.keep([]);
  }
}
