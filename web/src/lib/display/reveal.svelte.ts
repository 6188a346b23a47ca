// The reveal ceremony on a big screen follows the console (shared/screens.ts RevealView): each time
// the organiser reveals one more contestant, an award winner gets a drumroll, then the spotlight.
import type { BoardRow } from '$shared/scoring/types.ts';
import type { RevealView } from '$shared/screens.ts';
import { DRUMROLL_MS, emphasisOf, type Emphasis } from './reveal.ts';

export interface Spotlight {
  row: BoardRow;
  emphasis: Emphasis;
  /** False during the drumroll, true once the name is shown. */
  shown: boolean;
}

export class RevealFollower {
  spotlight = $state.raw<Spotlight | null>(null);
  #step: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Takes the view the server sent; one step forward from the last one shown starts a spotlight. */
  follow(view: RevealView): void {
    const previous = this.#step;
    this.#step = view.step;
    if (previous === view.step) return; // the same step again (the screen was renamed…): nothing moves
    clearTimeout(this.#timer);
    this.spotlight = null;
    const row = view.revealed[view.step - 1];
    // A screen opened (or reloaded) mid-ceremony shows where it is, without a drumroll.
    if (previous === null || view.step !== previous + 1 || !row) return;
    const emphasis = emphasisOf(row);
    const ms = DRUMROLL_MS[emphasis];
    if (ms === 0) return;
    this.spotlight = { row, emphasis, shown: false };
    this.#timer = setTimeout(() => {
      if (this.spotlight?.row.bib === row.bib) this.spotlight = { row, emphasis, shown: true };
    }, ms);
  }

  /** The row in the spotlight's drumroll: hidden from the list until its name is shown. */
  rolling(): string | null {
    return this.spotlight && !this.spotlight.shown ? this.spotlight.row.bib : null;
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
