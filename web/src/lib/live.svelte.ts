// A contest's live leaderboard over Socket.IO (CONTRACT §8). Use start()/stop() inside an $effect.
import { io, type Socket } from 'socket.io-client';
import {
  applyBoardUpdate,
  LIVE_NAMESPACE,
  type BoardUpdate,
  type LiveClientToServer,
  type LiveServerToClient,
  type WatchAck,
} from '$shared/realtime.ts';
import type { ApiError, Leaderboard } from '$shared/api.ts';
import { changedBibs } from './board-rows.ts';

type LiveSocket = Socket<LiveServerToClient, LiveClientToServer>;

export interface LiveBoardOptions {
  /** Server origin; the page's own origin when absent (tests pass one). */
  origin?: string;
  /** Organiser token, sent in the handshake: organisers also see boards hidden from the public. */
  token?: string | null;
  /** Always the public board, even when the browser holds an organiser's session cookie (big screen). */
  publicOnly?: boolean;
  /** How long changedBibs stays set after an update (ms); 0 keeps it until the next update. */
  highlightMs?: number;
  /** How long to wait for the `watch` acknowledgement before asking again (ms). */
  ackTimeoutMs?: number;
  /** Delay before asking again after a refused or unanswered `watch` (ms). */
  retryMs?: number;
}

export class LiveBoard {
  board = $state.raw<Leaderboard | null>(null);
  connected = $state(false);
  /** True once a connection has been made: tells "connecting" from "connection lost". */
  everConnected = $state(false);
  /** Bibs changed by the last update, for highlighting (cleared after highlightMs). */
  changedBibs = $state.raw<ReadonlySet<string>>(new Set());
  /** The last refusal of `watch` (not_found, forbidden…) or connection error; null when fine. */
  error = $state.raw<ApiError['error'] | null>(null);

  readonly contestId: string;
  readonly #options: Required<Omit<LiveBoardOptions, 'token' | 'origin'>> & { token: string | null; origin: string };
  #socket: LiveSocket | null = null;
  #watching = false; // a `watch` is waiting for its acknowledgement
  #watchAgain = false; // a resync was asked for meanwhile
  #updatesSinceConnect = 0;
  #connection = 0; // counts connections, so an answer from an earlier one is ignored
  #highlightTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(contestId: string, options: LiveBoardOptions = {}) {
    this.contestId = contestId;
    this.#options = {
      token: options.token ?? null,
      publicOnly: options.publicOnly ?? false,
      origin: options.origin ?? '',
      highlightMs: options.highlightMs ?? 2500,
      ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
      retryMs: options.retryMs ?? 5_000,
    };
  }

  start(): void {
    if (this.#socket) return;
    const token = this.#options.token;
    const socket: LiveSocket = io(this.#options.origin + LIVE_NAMESPACE, {
      transports: ['websocket', 'polling'],
      ...(token ? { auth: { token } } : this.#options.publicOnly ? { auth: { audience: 'public' } } : {}),
    });
    this.#socket = socket;

    // 'connect' fires on the first connection and after every reconnection: Socket.IO keeps
    // nothing for a disconnected client, so each time we ask for the full board again.
    socket.on('connect', () => {
      this.connected = true;
      this.everConnected = true;
      this.#updatesSinceConnect = 0;
      this.#connection++;
      this.#watchAgain = false;
      this.#watching = false;
      this.#watch();
    });
    socket.on('disconnect', (reason) => {
      this.connected = false;
      // The server closed this socket on purpose (e.g. a session it refuses): no automatic retry then.
      if (reason === 'io server disconnect') this.#retry(() => socket.connect());
    });
    socket.on('connect_error', (err) => {
      this.connected = false;
      if (!socket.active) {
        // Refused by a middleware (bad token…): no automatic retry, so schedule one.
        const data = (err as Error & { data?: { code?: string } }).data;
        this.error = { code: data?.code ?? 'network_error', message: err.message };
        this.#retry(() => socket.connect());
      }
    });
    socket.on('leaderboard', (update) => this.#onUpdate(update));
  }

  stop(): void {
    clearTimeout(this.#highlightTimer);
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      if (socket.connected) socket.emit('unwatch', { contest: this.contestId });
      socket.off();
      socket.disconnect();
    }
    this.connected = false;
    this.#watching = false;
    this.#watchAgain = false;
  }

  #retry(action: () => void, afterMs = this.#options.retryMs): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (this.#socket) action();
    }, afterMs);
  }

  /** Asks for the full board; one request at a time, a resync asked for meanwhile runs after it. */
  #watch(): void {
    const socket = this.#socket;
    if (!socket?.connected) return; // 'connect' will watch
    if (this.#watching) {
      this.#watchAgain = true;
      return;
    }
    this.#watching = true;
    const connection = this.#connection;
    socket.timeout(this.#options.ackTimeoutMs).emit('watch', { contest: this.contestId, compact: true }, (err, ack) => {
      if (this.#socket !== socket || this.#connection !== connection) return; // stopped or reconnected meanwhile
      this.#watching = false;
      if (err) {
        this.#retry(() => this.#watch());
        return;
      }
      this.#onAck(ack);
      if (this.#watchAgain) {
        this.#watchAgain = false;
        this.#watch();
      }
    });
  }

  #onAck(ack: WatchAck): void {
    if ('error' in ack) {
      // Asked too often (gap after gap on a bad link): the server says when to ask again. The board
      // held stays on screen meanwhile; the next update or that watch brings it up to date.
      const seconds = ack.error.code === 'rate_limited' ? Number(ack.error.params?.seconds) : NaN;
      const wait = Number.isFinite(seconds) ? seconds * 1000 : this.#options.retryMs;
      if (!this.board || !Number.isFinite(seconds)) this.error = ack.error;
      this.#retry(() => this.#watch(), wait); // e.g. not public yet: try again later, keep what we show
      return;
    }
    this.error = null;
    const full: BoardUpdate = { ...ack, full: true };
    // A first snapshot on a new connection replaces the board even if its seq is lower
    // (the server's data was reset); otherwise the usual rule drops stale snapshots.
    const next =
      this.board && ack.seq < this.board.seq && this.#updatesSinceConnect === 0
        ? applyBoardUpdate(null, full)
        : applyBoardUpdate(this.board, full);
    if (next !== 'resync') this.#setBoard(next, null);
  }

  #onUpdate(update: BoardUpdate): void {
    if (update.contest !== this.contestId) return;
    const next = applyBoardUpdate(this.board, update);
    if (next === 'resync') {
      this.#watch();
      return;
    }
    this.#updatesSinceConnect++;
    this.#setBoard(next, update.full ? null : update.changed.map((r) => r.bib));
  }

  #setBoard(next: Leaderboard, changed: string[] | null): void {
    const prev = this.board;
    if (next === prev) return;
    this.board = next;
    if (!prev) return; // the first board highlights nothing
    const bibs = changed ?? changedBibs(prev.rows, next.rows);
    if (bibs.length === 0) return;
    this.changedBibs = new Set(bibs);
    clearTimeout(this.#highlightTimer);
    if (this.#options.highlightMs > 0) {
      this.#highlightTimer = setTimeout(() => (this.changedBibs = new Set()), this.#options.highlightMs);
    }
  }
}
