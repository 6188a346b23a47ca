// A public board that paints fast on a weak connection: the page shows the board from one plain
// GET (started by the load function), while the realtime client (socket.io-client, the biggest
// part of the page's JavaScript) is fetched after first paint and then takes over (CONTRACT §8).
import type { ApiError, Leaderboard } from '$shared/api.ts';
import type { LiveBoard } from '$lib/live.svelte.ts';
import { ApiRequestError } from '$lib/api.ts';

const NO_BIBS: ReadonlySet<string> = new Set();

export class PublicBoard {
  /** The board from the first GET; the live board replaces it once the socket answers. */
  initial = $state.raw<Leaderboard | null>(null);
  live = $state.raw<LiveBoard | null>(null);
  loadError = $state.raw<ApiError['error'] | null>(null);

  readonly contestId: string;
  #stopped = false;
  #first: Promise<unknown>;

  constructor(contestId: string, first?: Promise<Leaderboard>) {
    this.contestId = contestId;
    this.#first = first?.catch(() => null) ?? Promise.resolve();
    first?.then(
      (board) => {
        if (!this.live?.board) this.initial = board;
      },
      (cause: unknown) => {
        this.loadError =
          cause instanceof ApiRequestError ? cause.body.error : { code: 'network_error', message: String(cause) };
      },
    );
  }

  get board(): Leaderboard | null {
    return this.live?.board ?? this.initial;
  }

  get connected(): boolean {
    return this.live?.connected ?? false;
  }

  get everConnected(): boolean {
    return this.live?.everConnected ?? false;
  }

  get changedBibs(): ReadonlySet<string> {
    return this.live?.changedBibs ?? NO_BIBS;
  }

  /** Why there is no board to show (not public yet, unknown…); null while one is shown or coming. */
  get error(): ApiError['error'] | null {
    if (this.board) return null;
    return this.live?.error ?? this.loadError;
  }

  /** Call from an $effect; the cleanup calls stop(). */
  start(): void {
    this.#stopped = false;
    // After the first board: on a slow link the board's JSON gets the bandwidth, the realtime client next.
    void this.#first
      .then(() => import('$lib/live.svelte.ts'))
      .then(({ LiveBoard }) => {
        if (this.#stopped || this.live) return;
        const live = new LiveBoard(this.contestId);
        live.start();
        this.live = live;
      })
      .catch(() => {
        // The realtime client's file did not arrive (a flaky link): try again; the board stays shown.
        setTimeout(() => {
          if (!this.#stopped && !this.live) this.start();
        }, 5_000);
      });
  }

  stop(): void {
    this.#stopped = true;
    this.live?.stop();
  }
}
