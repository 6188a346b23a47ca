// Following one contest's board over /live (CONTRACT §8), written once for every client: the web
// app's screens, the server's tests and the benchmark viewers. It takes the socket it is given (as
// tldraw's sync client takes its socket) and never opens, closes or reconnects it: whoever owns the
// socket does, and several followers may share one socket (a big screen showing several contests).
//
// The rules: on every connection it watches (Socket.IO keeps nothing for a disconnected client), one
// watch in flight at a time; the first board after a (re)connection replaces the one held even when
// its seq is lower (the server's data was reset); updates are applied by their `kind`; a gap makes
// it watch again, and once more after the answer only if that answer is older than an update seen
// meanwhile; an unanswered or refused watch is asked again later (a rate limit says when).
import { applyBoardUpdate, fullUpdateOf, type BoardUpdate, type WatchAck, type WatchPayload } from '../realtime.ts';
import type { ApiError, Leaderboard } from '../api.ts';

/** What a follower needs of a socket on the /live namespace; socket.io-client's Socket has it. */
export interface LiveSocket {
  readonly connected: boolean;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'leaderboard', listener: (update: BoardUpdate) => void): unknown;
  off(event: 'connect', listener: () => void): unknown;
  off(event: 'disconnect', listener: (reason: string) => void): unknown;
  off(event: 'leaderboard', listener: (update: BoardUpdate) => void): unknown;
  emit(event: 'watch', payload: WatchPayload, ack: (answer: WatchAck) => void): unknown;
  emit(event: 'unwatch', payload: WatchPayload): unknown;
}

export type Refusal = ApiError['error'];

export type FollowerEvent =
  /** The board held changed; `update` is what changed it (a watch reply as a full update). */
  | { type: 'board'; board: Leaderboard; previous: Leaderboard | null; update: BoardUpdate }
  /** An update of this contest arrived (before it is applied). */
  | { type: 'update'; update: BoardUpdate }
  /** An update did not follow the board held: the whole board is asked for. */
  | { type: 'gap'; update: BoardUpdate }
  /** A watch was answered with a board (whether or not it changed the one held). */
  | { type: 'answered'; board: Leaderboard }
  /** A watch was answered with a refusal (unknown contest, not public yet, rate limited…). */
  | { type: 'refused'; error: Refusal }
  /** A watch went unanswered for ackTimeoutMs while connected. */
  | { type: 'timeout' };

export interface FollowerOptions {
  /** Ask for compact deltas (CONTRACT v1.1), as screens should; false: CONTRACT §8's deltas. */
  compact?: boolean;
  /** How long to wait for a watch's answer before asking again (ms). */
  ackTimeoutMs?: number;
  /** Delay before asking again after a refused or unanswered watch (ms). */
  retryMs?: number;
  /** How an update is applied to the board held; the benchmark shares results between viewers. */
  apply?: (board: Leaderboard | null, update: BoardUpdate) => Leaderboard | 'resync';
}

/** How long a refusal asks the client to wait (a rate limit's seconds), or null. */
export function retryAfterMs(error: Refusal): number | null {
  const seconds = error.code === 'rate_limited' ? Number(error.params?.seconds) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

type Waiter = (answer: WatchAck | null) => void;

export class BoardFollower {
  board: Leaderboard | null = null;
  /** Updates of this contest received; watches sent, and those of them a gap asked for. */
  updates = 0;
  watches = 0;
  resyncs = 0;

  readonly #o: Required<FollowerOptions>;
  readonly #listeners = new Set<(event: FollowerEvent) => void>();
  #started = false;
  #request = 0;
  #inFlight = 0; // the request waiting for its answer, 0 when none
  /** After the answer: watch again if it is older than an update seen ('gap'), or anyway ('asked'). */
  #again: 'gap' | 'asked' | null = null;
  #updatesSinceConnect = 0;
  #newestSeen = 0;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** A rate limit said when to ask again: nothing is asked before (its timer will). */
  #held = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Callers of refresh() waiting for the watch in flight, and for the one after it. */
  #current: Waiter[] = [];
  #next: Waiter[] = [];

  constructor(
    readonly socket: LiveSocket,
    readonly contest: string,
    options: FollowerOptions = {},
  ) {
    this.#o = { compact: true, ackTimeoutMs: 10_000, retryMs: 5_000, apply: applyBoardUpdate, ...options };
  }

  /** Whether a watch is waiting for its answer. */
  get watching(): boolean {
    return this.#inFlight !== 0;
  }

  subscribe(listener: (event: FollowerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts following: watches now if the socket is connected, else when it connects. */
  start(): this {
    if (this.#started) return this;
    this.#started = true;
    this.socket.on('connect', this.#onConnect);
    this.socket.on('disconnect', this.#onDisconnect);
    this.socket.on('leaderboard', this.#onUpdate);
    if (this.socket.connected) this.#onConnect();
    return this;
  }

  /** Stops following (unwatching when connected); the socket stays open for its owner. */
  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.socket.off('connect', this.#onConnect);
    this.socket.off('disconnect', this.#onDisconnect);
    this.socket.off('leaderboard', this.#onUpdate);
    this.#reset();
    if (this.socket.connected) this.socket.emit('unwatch', { contest: this.contest });
  }

  /**
   * Asks for the whole board now (after the watch in flight, if any). Resolves with the answer
   * that covers this call, or null when there was none (unanswered, disconnected, stopped).
   */
  refresh(): Promise<WatchAck | null> {
    return new Promise<WatchAck | null>((resolve) => {
      if (!this.#started) return resolve(null);
      if (this.#inFlight || !this.socket.connected) {
        // A watch on its way may have been read before this call: the next one answers it.
        if (this.#inFlight) this.#again = 'asked';
        this.#next.push(resolve);
        return;
      }
      this.#next.push(resolve);
      this.#watch();
    });
  }

  #emit(event: FollowerEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  #onConnect = (): void => {
    this.#reset(false);
    this.#updatesSinceConnect = 0;
    this.#newestSeen = 0;
    this.#watch();
  };

  /** 'connect' watches again; what was waiting for an answer on this connection gets none. */
  #onDisconnect = (): void => this.#reset(false);

  /** Forgets the watch in flight and the timers, answering its callers with null (`all`: every caller). */
  #reset(all = true): void {
    clearTimeout(this.#ackTimer);
    clearTimeout(this.#retryTimer);
    this.#held = false;
    this.#inFlight = 0;
    this.#again = null;
    const waiting = all ? [...this.#current, ...this.#next] : this.#current;
    this.#current = [];
    if (all) this.#next = [];
    this.#settle(waiting, null);
  }

  #settle(waiters: Waiter[], answer: WatchAck | null): void {
    for (const w of waiters) w(answer);
  }

  #watch(gap = false): void {
    if (!this.#started || !this.socket.connected) return; // 'connect' will watch
    if (this.#held) return; // the rate limit's timer will
    if (this.#inFlight) {
      if (gap) this.#again ??= 'gap';
      return;
    }
    clearTimeout(this.#retryTimer);
    const request = ++this.#request;
    this.#inFlight = request;
    this.#current = this.#next;
    this.#next = [];
    this.watches++;
    if (gap) this.resyncs++;
    this.#ackTimer = setTimeout(() => this.#answered(request, null), this.#o.ackTimeoutMs);
    const payload: WatchPayload = { contest: this.contest, ...(this.#o.compact ? { compact: true } : {}) };
    this.socket.emit('watch', payload, (answer) => this.#answered(request, answer));
  }

  #answered(request: number, answer: WatchAck | null): void {
    if (this.#inFlight !== request) return; // stopped, reconnected or timed out meanwhile
    clearTimeout(this.#ackTimer);
    this.#inFlight = 0;
    const waiting = this.#current;
    this.#current = [];
    const again = this.#again;
    this.#again = null;
    if (answer === null) {
      this.#emit({ type: 'timeout' });
      this.#retryLater(this.#o.retryMs);
    } else if ('error' in answer) {
      this.#emit({ type: 'refused', error: answer.error });
      // The board held stays meanwhile; the next update or that watch brings it up to date.
      const wait = retryAfterMs(answer.error);
      this.#retryLater(wait ?? this.#o.retryMs, wait !== null);
    } else {
      const full = fullUpdateOf(answer);
      // A first board on a new connection replaces the one held even if its seq is lower.
      const fresh = this.board && answer.seq < this.board.seq && this.#updatesSinceConnect === 0;
      const next = this.#o.apply(fresh ? null : this.board, full);
      if (next !== 'resync') this.#setBoard(next, full);
      this.#emit({ type: 'answered', board: answer });
    }
    this.#settle(waiting, answer);
    if (answer === null || 'error' in answer) return; // the retry asks again, for the callers waiting too
    const behind = !this.board || this.board.seq < this.#newestSeen;
    if (again === 'gap' && behind) this.#watch(true);
    else if (again === 'asked' || this.#next.length > 0) this.#watch();
  }

  #retryLater(ms: number, hold = false): void {
    clearTimeout(this.#retryTimer);
    this.#held = hold;
    this.#retryTimer = setTimeout(() => {
      this.#held = false;
      this.#watch();
    }, ms);
  }

  #onUpdate = (update: BoardUpdate): void => {
    if (update.contest !== this.contest) return;
    this.updates++;
    this.#newestSeen = Math.max(this.#newestSeen, update.seq);
    this.#emit({ type: 'update', update });
    const next = this.#o.apply(this.board, update);
    if (next === 'resync') {
      this.#emit({ type: 'gap', update });
      this.#watch(true);
      return;
    }
    this.#updatesSinceConnect++;
    this.#setBoard(next, update);
  };

  #setBoard(next: Leaderboard, update: BoardUpdate): void {
    const previous = this.board;
    if (next === previous) return;
    this.board = next;
    this.#emit({ type: 'board', board: next, previous, update });
  }
}
