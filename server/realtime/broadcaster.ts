// Pushes boards to watchers after changes are committed. Per contest, updates are coalesced
// (at most one per `intervalMs`, the first one at once) and computed per room (audience × delta
// format) as a delta against what that room last received, so nothing is lost and idle rooms cost
// nothing. Each update is encoded once per room, whatever the number of watchers in it.
import type { LiveNamespace } from './live-server.ts';
import { boardFor, type Audience, type BoardCache } from '../domain/boards/boards.ts';
import type { Leaderboard } from '../../shared/api.ts';
import type { Metrics } from '../metrics.ts';
import { compactUpdateFor, rememberBoard, updateFor, type SentBoard } from './delta.ts';

interface ContestState {
  timer: NodeJS.Timeout | null;
  flushing: boolean;
  dirty: boolean;
  lastFlushAt: number;
  sent: Map<string, SentBoard>;
  /** Watches that joined a room and have not yet been answered, per room. */
  joining: Map<string, number>;
}

/** CONTRACT §8's deltas, or the compact ones (shared/realtime.ts) the web app asks for. */
export type DeltaFormat = 'contract' | 'compact';

export const roomOf = (contestId: string, audience: Audience, format: DeltaFormat = 'contract') =>
  format === 'contract' ? `board:${audience}:${contestId}` : `board:${audience}:${format}:${contestId}`;
/** Sockets of this process watching a contest as one audience, in either format. */
export const localWatchers = (nsp: LiveNamespace, contestId: string, audience: Audience) =>
  FORMATS.reduce((n, f) => n + (nsp.adapter.rooms.get(roomOf(contestId, audience, f))?.size ?? 0), 0);
const AUDIENCES: Audience[] = ['public', 'organiser'];
const FORMATS: DeltaFormat[] = ['contract', 'compact'];

export class Broadcaster {
  private readonly contests = new Map<string, ContestState>();
  private closed = false;

  constructor(
    private readonly nsp: LiveNamespace,
    private readonly boards: BoardCache,
    private readonly intervalMs: number,
    private readonly metrics: Metrics,
    private readonly log: (err: unknown) => void,
  ) {}

  contestChanged(contestId: string): void {
    if (this.closed) return;
    const st = this.stateOf(contestId);
    if (st.timer || st.flushing) {
      st.dirty = true;
      return;
    }
    const delay = Math.max(0, st.lastFlushAt + this.intervalMs - Date.now());
    st.timer = setTimeout(() => void this.flush(contestId, st), delay);
  }

  /**
   * A watch is about to join a room and read the board for its reply. Until it is answered (the
   * returned function is called), a flush does not send the whole board to that room for want of a
   * record: it waits an interval for the reply's board to become the record, then sends a delta.
   */
  joining(contestId: string, audience: Audience, format: DeltaFormat): () => void {
    const st = this.stateOf(contestId);
    const room = roomOf(contestId, audience, format);
    st.joining.set(room, (st.joining.get(room) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (st.joining.get(room) ?? 1) - 1;
      if (left > 0) st.joining.set(room, left);
      else st.joining.delete(room);
    };
  }

  /**
   * A watch reply gave a room's new watcher this board. A room that has no board on record (no
   * watchers until now) takes it as what it holds, so its next update is a delta, not the whole
   * board to every watcher (10,000 phones × 200 KB). A watcher that got a newer board than the
   * room's record ignores or resyncs on the next delta, as CONTRACT §8 says.
   */
  watched(contestId: string, audience: Audience, format: DeltaFormat, board: Leaderboard): void {
    const st = this.stateOf(contestId);
    const room = roomOf(contestId, audience, format);
    if (!st.sent.has(room)) st.sent.set(room, rememberBoard(board));
  }

  /** Whether every change of the contest this process heard of has been sent to its watchers. */
  settled(contestId: string): boolean {
    const st = this.contests.get(contestId);
    return !st || (!st.timer && !st.flushing && !st.dirty);
  }

  close(): void {
    this.closed = true;
    for (const st of this.contests.values()) if (st.timer) clearTimeout(st.timer);
  }

  private stateOf(contestId: string): ContestState {
    let st = this.contests.get(contestId);
    if (!st) {
      st = { timer: null, flushing: false, dirty: false, lastFlushAt: 0, sent: new Map(), joining: new Map() };
      this.contests.set(contestId, st);
    }
    return st;
  }

  private async flush(contestId: string, st: ContestState): Promise<void> {
    st.timer = null;
    st.flushing = true;
    st.dirty = false;
    try {
      const c = await this.boards.get(contestId);
      if (!c) return;
      for (const audience of AUDIENCES) {
        let lb: ReturnType<typeof boardFor> | null = null;
        for (const format of FORMATS) {
          const room = roomOf(contestId, audience, format);
          if (!this.nsp.adapter.rooms.get(room)?.size) {
            st.sent.delete(room);
            continue;
          }
          lb ??= boardFor(c, audience);
          const prev = st.sent.get(room) ?? null;
          if (!prev && st.joining.has(room)) {
            // A watch reply is on its way and becomes the record: send its delta a little later.
            st.dirty = true;
            continue;
          }
          const update = format === 'compact' ? compactUpdateFor(prev, lb) : updateFor(prev, lb);
          if (!update) continue;
          this.nsp.local.to(room).emit('leaderboard', update);
          this.metrics.broadcasts.inc({ kind: update.full ? 'full' : 'compact' in update ? 'compact' : 'delta' });
          st.sent.set(room, rememberBoard(lb));
        }
      }
    } catch (err) {
      // The database may be briefly away; the next change (or this retry) brings watchers up to date.
      st.dirty = true;
      this.log(err);
    } finally {
      st.flushing = false;
      st.lastFlushAt = Date.now();
      if (st.dirty && !this.closed) {
        st.dirty = false;
        this.contestChanged(contestId);
      }
    }
  }
}
