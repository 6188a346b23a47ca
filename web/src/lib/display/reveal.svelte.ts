// The reveal ceremony's progress: how many contestants are revealed, and the spotlight with its
// drumroll for award winners. Kept in sessionStorage so a reload mid-ceremony resumes where it was.
import type { BoardRow } from '$shared/scoring/types.ts';
import { clampStep, DRUMROLL_MS, emphasisOf, type Emphasis } from './reveal.ts';

export interface Spotlight {
  row: BoardRow;
  emphasis: Emphasis;
  /** False during the drumroll, true once the name is shown. */
  shown: boolean;
}

export type RevealAction = 'next' | 'back' | 'reset' | 'end';

/** Keys that presentation clickers and keyboards send. */
export function actionOf(key: string): RevealAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case ' ':
    case 'PageDown':
    case 'Enter':
      return 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return 'back';
    case 'Home':
      return 'reset';
    case 'End':
      return 'end';
    default:
      return null;
  }
}

export class RevealSteps {
  #step = $state(0);
  spotlight = $state.raw<Spotlight | null>(null);
  readonly #storageKey: string;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(contestId: string) {
    this.#storageKey = `jiangxin.reveal.${contestId}`;
    try {
      this.#step = clampStep(Number(sessionStorage.getItem(this.#storageKey) ?? 0), Number.MAX_SAFE_INTEGER);
    } catch {
      this.#step = 0;
    }
  }

  /** The step within the current number of contestants (a late change may shorten the list). */
  step(total: number): number {
    return clampStep(this.#step, total);
  }

  /** Applies an action; `order` is the reveal order (last place first). */
  act(action: RevealAction, order: readonly BoardRow[]): void {
    const total = order.length;
    const current = this.step(total);
    const next = action === 'next' ? current + 1 : action === 'back' ? current - 1 : action === 'reset' ? 0 : total;
    this.#set(clampStep(next, total));
    clearTimeout(this.#timer);
    this.spotlight = null;
    const row = order[next - 1];
    if (action !== 'next' || next > total || !row) return;
    const emphasis = emphasisOf(row);
    const ms = DRUMROLL_MS[emphasis];
    if (ms === 0) return;
    this.spotlight = { row, emphasis, shown: false };
    this.#timer = setTimeout(() => {
      if (this.spotlight?.row.bib === row.bib) this.spotlight = { row, emphasis, shown: true };
    }, ms);
  }

  /** The row now in the spotlight, with its latest data; hidden from the list during its drumroll. */
  rolling(): string | null {
    return this.spotlight && !this.spotlight.shown ? this.spotlight.row.bib : null;
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  #set(step: number): void {
    this.#step = step;
    try {
      sessionStorage.setItem(this.#storageKey, String(step));
    } catch {
      // not kept: a reload starts again from the bottom
    }
  }
}
