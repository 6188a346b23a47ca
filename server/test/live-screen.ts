// A board screen for tests: a socket.io-client socket on /live, followed by the product's board
// follower (shared/live/board-follower.ts), the code the web app runs. The test only watches it:
// what it received, how often it asked again, and waits for the board it should reach. A lossy
// view of the socket drops updates on the way (`dropNext`, `dropRate`), as a flaky network would.
import { io, type Socket } from 'socket.io-client';
import { BoardFollower, type LiveSocket } from '../../shared/live/board-follower.ts';
import {
  LIVE_NAMESPACE,
  PROTOCOL_VERSION,
  type BoardUpdate,
  type LiveHandshake,
  type WatchAck,
} from '../../shared/realtime.ts';
import type { Leaderboard } from '../../shared/api.ts';

export interface ScreenOptions {
  /** Server origin. */
  url: string;
  contest: string;
  /** An organiser's token: the organiser board; none: the public board. */
  token?: string;
  /** Compact deltas (what the web app asks for); false: CONTRACT §8's. */
  compact?: boolean;
  /** Where `dropRate` draws from (a seeded generator makes a run repeatable). */
  rnd?: () => number;
  /** How long a watch may go unanswered. */
  ackTimeoutMs?: number;
}

type UpdateListener = (update: BoardUpdate) => void;
/** A listener the follower gives the socket: for connect, disconnect (the reason) or leaderboard. */
type FollowerListener = (() => void) | ((reason: string) => void) | UpdateListener;

export class TestScreen {
  readonly socket: Socket;
  readonly follower: BoardFollower;
  readonly contest: string;
  /** Every update received, dropped ones included. */
  readonly updates: BoardUpdate[] = [];
  /** Connection errors, refused and (while connected) unanswered watches. */
  readonly errors: unknown[] = [];
  dropNext = 0;
  dropRate = 0;
  dropped = 0;
  connections = 0;
  disconnects = 0;
  readonly #rnd: () => number;
  readonly #checks = new Set<() => void>();

  constructor(o: ScreenOptions) {
    this.contest = o.contest;
    this.#rnd = o.rnd ?? Math.random;
    const auth: LiveHandshake = { protocol: PROTOCOL_VERSION, ...(o.token ? { token: o.token } : {}) };
    this.socket = io(`${o.url}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false, auth });
    this.follower = new BoardFollower(this.#lossy(), o.contest, {
      compact: o.compact ?? false,
      ...(o.ackTimeoutMs ? { ackTimeoutMs: o.ackTimeoutMs } : {}),
    });
    this.follower.subscribe((e) => {
      if (e.type === 'refused') this.errors.push(e.error);
      if (e.type === 'timeout' && this.socket.connected) this.errors.push(new Error('watch unanswered'));
      this.#changed();
    });
    this.follower.start();
    // After the follower's: when these run, its watch for the new connection is on its way.
    this.socket.on('connect', () => {
      this.connections++;
      this.#changed();
    });
    this.socket.on('disconnect', () => {
      this.disconnects++;
      this.#changed();
    });
    this.socket.on('connect_error', (err) => {
      this.errors.push(err);
      this.#changed();
    });
  }

  get board(): Leaderboard | null {
    return this.follower.board;
  }

  /** Watches that a gap asked for. */
  get resyncs(): number {
    return this.follower.resyncs;
  }

  /** Asks for the board (when connected) and resolves with the answer; throws on a refusal or none. */
  async watch(): Promise<Leaderboard> {
    const answer = await this.follower.refresh();
    if (!answer || 'error' in answer) throw new Error(`watch failed: ${JSON.stringify(answer)}`);
    return answer;
  }

  /** The raw answer to a watch, refusals included (null: none came). */
  ask(): Promise<WatchAck | null> {
    return this.follower.refresh();
  }

  /** Resolves once `test` holds, checked after everything that happens to the screen. */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!test()) return;
        this.#checks.delete(check);
        resolve();
      };
      this.#checks.add(check);
    });
  }

  /** Waits until the board held has reached `seq` (and `ready`, when given). */
  async reach(
    seq: number,
    what: string,
    ready: (b: Leaderboard) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const reached = () => !!this.board && this.board.seq >= seq && ready(this.board);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const held = `holds seq ${this.board?.seq ?? 'none'}: ${JSON.stringify(this.board).slice(0, 200)}`;
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (wanted seq ${seq}; ${held})`));
      }, timeoutMs);
    });
    try {
      await Promise.race([this.until(reached), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  /** Connects again; resolves once the board of the new connection arrived. */
  async reconnect(): Promise<void> {
    const before = this.connections;
    this.socket.connect();
    await this.until(() => this.connections > before && !this.follower.watching);
  }

  close(): void {
    this.follower.stop();
    this.socket.off();
    this.socket.disconnect();
  }

  #changed(): void {
    for (const check of [...this.#checks]) check();
  }

  #drop(update: BoardUpdate): boolean {
    if (this.dropNext > 0) {
      this.dropNext--;
      return true;
    }
    return !update.full && this.dropRate > 0 && this.#rnd() < this.dropRate;
  }

  /** The socket as the follower sees it: updates pass through the test's record and its losses. */
  #lossy(): LiveSocket {
    const socket = this.socket;
    const wrapped = new Map<UpdateListener, UpdateListener>();
    const on = (event: string, listener: FollowerListener) => {
      if (event !== 'leaderboard') return socket.on(event, listener);
      const inner = listener as UpdateListener;
      const outer: UpdateListener = (update) => {
        this.updates.push(update);
        if (this.#drop(update)) this.dropped++;
        else inner(update);
      };
      wrapped.set(inner, outer);
      return socket.on('leaderboard', outer);
    };
    const off = (event: string, listener: FollowerListener) => {
      if (event !== 'leaderboard') return socket.off(event, listener);
      const outer = wrapped.get(listener as UpdateListener);
      wrapped.delete(listener as UpdateListener);
      return outer ? socket.off('leaderboard', outer) : socket;
    };
    return {
      get connected() {
        return socket.connected;
      },
      on,
      off,
      emit: (event: string, ...args: unknown[]) => socket.emit(event, ...args),
    } as LiveSocket;
  }
}
