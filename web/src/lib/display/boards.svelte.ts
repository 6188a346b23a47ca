// The live boards a display needs: one LiveBoard (and socket) per contest it shows; the others are closed.
import { SvelteMap } from 'svelte/reactivity';
import { LiveBoard } from '$lib/live.svelte.ts';

/** How long a change stays highlighted (and listed under the board when it is on another page). */
export const HIGHLIGHT_MS = 5000;

export class BoardPool {
  readonly #boards = new SvelteMap<string, LiveBoard>();
  readonly #publicOnly: boolean;

  constructor(options: { publicOnly: boolean }) {
    this.#publicOnly = options.publicOnly;
  }

  get(contestId: string): LiveBoard | undefined {
    return this.#boards.get(contestId);
  }

  /** Opens the boards of `ids` not open yet and closes the rest. Call from an $effect. */
  keep(ids: readonly string[]): void {
    const wanted = new Set(ids);
    for (const [id, board] of this.#boards) {
      if (!wanted.has(id)) {
        board.stop();
        this.#boards.delete(id);
      }
    }
    for (const id of wanted) {
      if (this.#boards.has(id)) continue;
      const board = new LiveBoard(id, { publicOnly: this.#publicOnly, highlightMs: HIGHLIGHT_MS });
      board.start();
      this.#boards.set(id, board);
    }
  }

  stopAll(): void {
    this.keep([]);
  }
}
