// A board screen on one server process, following CONTRACT §8 as the web app does: `watch` gives the
// full board, `leaderboard` updates are applied with shared/realtime.ts applyBoardUpdate, and a gap
// (a delta whose prevSeq is not the board held) makes it watch again.
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { applyBoardUpdate, type BoardUpdate } from '../../../shared/realtime.ts';
import type { Leaderboard } from '../../../shared/api.ts';
import { until } from '../faults/wait.ts';

export class BoardWatcher {
  readonly events = new EventEmitter();
  readonly socket: Socket;
  board: Leaderboard | null = null;
  updates = 0;
  resyncs = 0;
  disconnects = 0;
  private pending: Promise<void> | null = null;
  private newestSeen = 0;

  /** `token`: an organiser's (the organiser board); none: the public board. */
  constructor(readonly base: string, readonly contest: string, readonly token?: string) {
    this.socket = io(`${base}/live`, { transports: ['websocket'], reconnection: false, ...(token ? { auth: { token } } : {}) });
    this.socket.on('disconnect', () => this.disconnects++);
    this.socket.on('leaderboard', (u: BoardUpdate) => this.onUpdate(u));
  }

  private onUpdate(u: BoardUpdate) {
    this.updates++;
    this.newestSeen = Math.max(this.newestSeen, u.seq);
    const next = applyBoardUpdate(this.board, u);
    if (next !== 'resync') this.board = next;
    else void this.watch(true);
    this.events.emit('board');
  }

  /** Asks for the full board (never going back to an older seq); again if a newer update came meanwhile. */
  watch(resync = false): Promise<void> {
    if (resync) this.resyncs++;
    this.pending ??= (async () => {
      try {
        const ack = await this.socket.timeout(10_000).emitWithAck('watch', { contest: this.contest });
        if (ack?.error) throw new Error(`watch failed: ${JSON.stringify(ack)}`);
        const next = applyBoardUpdate(this.board, { ...(ack as Leaderboard), full: true });
        if (next !== 'resync') this.board = next;
      } finally {
        this.pending = null;
      }
      this.events.emit('board');
      if (this.board && this.board.seq < this.newestSeen) await this.watch(true);
    })();
    return this.pending;
  }

  /** Waits until the board held has reached `seq` (and `ready`, when given). */
  async reach(seq: number, what: string, ready: (b: Leaderboard) => boolean = () => true, timeoutMs = 20_000): Promise<void> {
    try {
      await until(this.events, 'board', () => !!this.board && this.board.seq >= seq && ready(this.board), what, timeoutMs);
    } catch (err) {
      (err as Error).message += ` (wanted seq ${seq}; holds seq ${this.board?.seq ?? 'none'}: ${JSON.stringify(this.board).slice(0, 200)})`;
      throw err;
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}
