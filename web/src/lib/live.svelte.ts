// Live leaderboards over Socket.IO (CONTRACT §8) for Svelte: $state mirrors of the shared board
// follower (shared/live/board-follower.ts), which holds every rule of the protocol. A LiveConnection
// is one socket to /live, which any number of boards share (a big screen shows several contests on
// one socket); a LiveBoard without one opens its own. Use start()/stop() inside an $effect.
import { io, type Socket } from 'socket.io-client';
import { BoardFollower, retryAfterMs, type FollowerEvent } from '$shared/live/board-follower.ts';
import {
  LIVE_NAMESPACE,
  PROTOCOL_VERSION,
  type LiveClientToServer,
  type LiveHandshake,
  type LiveServerToClient,
} from '$shared/realtime.ts';
import type { ApiError, Leaderboard } from '$shared/api.ts';
import { changedBibs } from './board-rows.ts';

type LiveSocket = Socket<LiveServerToClient, LiveClientToServer>;
type Refusal = ApiError['error'];

export interface ConnectionOptions {
  /** Server origin; the page's own origin when absent (tests pass one). */
  origin?: string;
  /** Organiser token, sent in the handshake: organisers also see boards hidden from the public. */
  token?: string | null;
  /** Always the public board, even when the browser holds an organiser's session cookie (big screen). */
  publicOnly?: boolean;
  /** Delay before connecting again after the server refused or closed the connection (ms). */
  retryMs?: number;
}

export interface LiveBoardOptions extends ConnectionOptions {
  /** The socket to share with other boards; absent: the board opens one of its own. */
  connection?: LiveConnection;
  /** How long changedBibs stays set after an update (ms); 0 keeps it until the next update. */
  highlightMs?: number;
  /** How long to wait for the `watch` acknowledgement before asking again (ms). */
  ackTimeoutMs?: number;
}

/** A refusal of the handshake that asks for a reload, not for another try. */
const isOutdated = (e: Refusal | null) => e?.code === 'bad_request' && e.params?.reason === 'protocol_version';

/** One socket to /live; open() and close() count the boards using it, the last one closes it. */
export class LiveConnection {
  connected = $state(false);
  /** True once a connection has been made: tells "connecting" from "connection lost". */
  everConnected = $state(false);
  /** Why the handshake was refused (a bad token, an outdated page…), or the network error; null when fine. */
  error = $state.raw<Refusal | null>(null);

  readonly #o: ConnectionOptions;
  #socket: LiveSocket | null = null;
  #users = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ConnectionOptions = {}) {
    this.#o = options;
  }

  open(): LiveSocket {
    this.#users++;
    if (this.#socket) return this.#socket;
    const auth: LiveHandshake = { protocol: PROTOCOL_VERSION };
    if (this.#o.token) auth.token = this.#o.token;
    else if (this.#o.publicOnly) auth.audience = 'public';
    const url = (this.#o.origin ?? '') + LIVE_NAMESPACE;
    const socket: LiveSocket = io(url, { transports: ['websocket', 'polling'], auth });
    this.#socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.everConnected = true;
      this.error = null;
    });
    socket.on('disconnect', (reason) => {
      this.connected = false;
      // The server closed this socket on purpose (e.g. a session it refuses): no automatic retry then.
      if (reason === 'io server disconnect') this.#retry();
    });
    socket.on('connect_error', (err) => {
      this.connected = false;
      if (socket.active) return; // Socket.IO tries again by itself
      // Refused by a middleware (bad token, outdated page…): no automatic retry.
      const data = (err as Error & { data?: Partial<Refusal> }).data;
      this.error = { ...data, code: data?.code ?? 'network_error', message: err.message };
      if (!isOutdated(this.error)) this.#retry();
    });
    return socket;
  }

  close(): void {
    if (--this.#users > 0) return;
    this.#users = 0;
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#socket = null;
    socket?.off();
    socket?.disconnect();
    this.connected = false;
  }

  #retry(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#socket?.connect(), this.#o.retryMs ?? 5_000);
  }
}

export class LiveBoard {
  /** Bibs changed by the last update, for highlighting (cleared after highlightMs). */
  changedBibs = $state.raw<ReadonlySet<string>>(new Set());

  readonly contestId: string;
  readonly #connection: LiveConnection;
  readonly #o: LiveBoardOptions;
  #board = $state.raw<Leaderboard | null>(null);
  #refusal = $state.raw<Refusal | null>(null);
  #follower: BoardFollower | null = null;
  #unsubscribe: (() => void) | null = null;
  #highlightTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(contestId: string, options: LiveBoardOptions = {}) {
    this.contestId = contestId;
    this.#o = options;
    this.#connection = options.connection ?? new LiveConnection(options);
  }

  /** The board held; none on an outdated page, which then says to reload rather than show a board that stopped. */
  get board(): Leaderboard | null {
    return this.outdated ? null : this.#board;
  }

  get connected(): boolean {
    return this.#connection.connected;
  }

  get everConnected(): boolean {
    return this.#connection.everConnected;
  }

  /** The last refusal of `watch` (not_found, forbidden…) or of the connection; null when fine. */
  get error(): Refusal | null {
    return this.#refusal ?? this.#connection.error;
  }

  /** The server speaks a newer protocol than this copy of the app: reload. */
  get outdated(): boolean {
    return isOutdated(this.#connection.error);
  }

  start(): void {
    if (this.#follower) return;
    const socket = this.#connection.open();
    const follower = new BoardFollower(socket, this.contestId, {
      compact: true,
      ackTimeoutMs: this.#o.ackTimeoutMs ?? 10_000,
      retryMs: this.#o.retryMs ?? 5_000,
    });
    this.#follower = follower;
    this.#unsubscribe = follower.subscribe((e) => this.#on(e));
    follower.start();
  }

  stop(): void {
    clearTimeout(this.#highlightTimer);
    if (!this.#follower) return;
    this.#unsubscribe?.();
    this.#follower.stop();
    this.#follower = null;
    this.#connection.close();
  }

  #on(e: FollowerEvent): void {
    if (e.type === 'refused') {
      // Asked too often (gap after gap on a bad link): the board held stays on screen meanwhile.
      if (!this.board || retryAfterMs(e.error) === null) this.#refusal = e.error;
    } else if (e.type === 'answered') {
      this.#refusal = null;
    } else if (e.type === 'board') {
      this.#setBoard(e.board, e.previous, e.update.kind === 'full' ? null : e.update.changed.map((r) => r.bib));
    }
  }

  #setBoard(next: Leaderboard, prev: Leaderboard | null, changed: string[] | null): void {
    this.#board = next;
    if (!prev) return; // the first board highlights nothing
    const bibs = changed ?? changedBibs(prev.rows, next.rows);
    if (bibs.length === 0) return;
    this.changedBibs = new Set(bibs);
    clearTimeout(this.#highlightTimer);
    if ((this.#o.highlightMs ?? 2500) > 0) {
      this.#highlightTimer = setTimeout(() => (this.changedBibs = new Set()), this.#o.highlightMs ?? 2500);
    }
  }
}
