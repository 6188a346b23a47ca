// The board follower against a fake socket: the order watches go out and answers come back, gaps,
// reconnections and unanswered watches, with nothing but the events a socket would give.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardFollower, type FollowerEvent, type LiveSocket } from './board-follower.ts';
import type { BoardUpdate, CompactBoardUpdate, DeltaBoardUpdate, WatchAck, WatchPayload } from '../realtime.ts';
import type { Leaderboard } from '../api.ts';
import type { BoardRow } from '../scoring/types.ts';

type Listener = (...args: never[]) => void;

/** A socket the test drives: it records emits and delivers what the test says the server sent. */
class FakeSocket implements LiveSocket {
  connected = false;
  readonly watches: { payload: WatchPayload; answer: (a: WatchAck) => void }[] = [];
  readonly unwatches: WatchPayload[] = [];
  readonly #listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener) {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event)!.add(listener);
    return this;
  }
  off(event: string, listener: Listener) {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }
  emit(event: 'watch' | 'unwatch', payload: WatchPayload, answer?: (a: WatchAck) => void) {
    if (event === 'watch') this.watches.push({ payload, answer: answer! });
    else this.unwatches.push(payload);
    return this;
  }
  #fire(event: string, ...args: unknown[]) {
    for (const l of [...(this.#listeners.get(event) ?? [])]) (l as (...a: unknown[]) => void)(...args);
  }
  connect() {
    this.connected = true;
    this.#fire('connect');
  }
  disconnect() {
    this.connected = false;
    this.#fire('disconnect', 'transport close');
  }
  send(update: BoardUpdate) {
    this.#fire('leaderboard', update);
  }
  /** Answers the oldest watch not answered yet. */
  answer(ack: WatchAck) {
    const w = this.watches.find((x) => !('done' in x));
    if (!w) throw new Error('no watch waiting');
    Object.assign(w, { done: true });
    w.answer(ack);
  }
  get waiting() {
    return this.watches.filter((x) => !('done' in x)).length;
  }
  listeners(event: string) {
    return this.#listeners.get(event)?.size ?? 0;
  }
}

const row = (bib: string, rank: number | null, total: number): BoardRow => ({
  bib,
  name: bib,
  organisation: 'o',
  rank,
  total,
  sections: {},
  complete: true,
  flagged: false,
  award: null,
  status: 'active',
});
const board = (seq: number, rows: BoardRow[], state: Leaderboard['state'] = 'scoring'): Leaderboard => ({
  contest: 'c1',
  seq,
  state,
  frozen: false,
  rows,
});
const B3 = board(3, [row('A', 1, 90), row('B', 2, 80), row('C', 3, 70)]);
/** B overtakes A: seq 4 after B3. */
const compact4: CompactBoardUpdate = {
  kind: 'compact',
  contest: 'c1',
  seq: 4,
  full: false,
  compact: true,
  prevSeq: 3,
  state: 'scoring',
  frozen: false,
  changed: [row('B', 1, 95)],
  at: [0],
  ranked: 3,
  ties: [],
};
const delta5: DeltaBoardUpdate = {
  kind: 'delta',
  contest: 'c1',
  seq: 5,
  full: false,
  prevSeq: 4,
  state: 'scoring',
  frozen: false,
  changed: [row('C', 1, 99), row('B', 2, 95), row('A', 3, 90)],
  order: ['C', 'B', 'A'],
};
const delta = (seq: number, prevSeq: number): DeltaBoardUpdate => ({ ...delta5, seq, prevSeq });

let so: FakeSocket;
let f: BoardFollower;
let events: FollowerEvent['type'][];

beforeEach(() => {
  so = new FakeSocket();
  f = new BoardFollower(so, 'c1', { ackTimeoutMs: 1_000, retryMs: 500 });
  events = [];
  f.subscribe((e) => events.push(e.type));
});
afterEach(() => {
  f.stop();
  vi.useRealTimers();
});

describe('BoardFollower', () => {
  it('watches once connected, asking for compact deltas, and holds the answer', () => {
    f.start();
    expect(so.watches).toHaveLength(0);
    so.connect();
    expect(so.watches.map((w) => w.payload)).toEqual([{ contest: 'c1', compact: true }]);
    so.answer(B3);
    expect(f.board).toEqual(B3);
    expect(events).toEqual(['board', 'answered']);
  });

  it('applies compact, contract and full updates in order, telling them apart by kind', () => {
    so.connect();
    f.start();
    so.answer(B3);
    so.send(compact4);
    expect(f.board!.rows.map((r) => [r.bib, r.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 3],
    ]);
    so.send(delta5);
    expect(f.board!.seq).toBe(5);
    expect(f.board!.rows.map((r) => r.bib)).toEqual(['C', 'B', 'A']);
    so.send({ kind: 'full', contest: 'c1', seq: 6, full: true, state: 'review', frozen: false, rows: B3.rows });
    expect(f.board).toMatchObject({ seq: 6, state: 'review', rows: B3.rows });
    // Stale, and another contest's: ignored.
    so.send(delta(5, 4));
    so.send({ ...delta(7, 6), contest: 'c2' });
    expect(f.board!.seq).toBe(6);
    expect(f.updates).toBe(4);
    expect(so.watches).toHaveLength(1);
    expect(f.resyncs).toBe(0);
  });

  it('keeps one watch in flight: a gap meanwhile asks again only when the answer is older than the update', () => {
    so.connect();
    f.start();
    // Updates before the first answer cannot be applied: a gap, but the watch is already on its way.
    so.send(compact4);
    expect(so.watches).toHaveLength(1);
    so.answer(board(4, compact4.changed.concat(B3.rows.filter((r) => r.bib !== 'B'))));
    expect(so.watches).toHaveLength(1); // the answer covers the update: no second watch
    so.send(delta(7, 6)); // a gap
    expect(so.watches).toHaveLength(2);
    expect(f.resyncs).toBe(1);
    so.send(delta(8, 7)); // still a gap, the watch is in flight: no second one
    expect(so.watches).toHaveLength(2);
    so.answer(board(7, delta5.changed));
    // The answer (seq 7) is older than the update seen (seq 8): once more.
    expect(f.board!.seq).toBe(7);
    expect(so.watches).toHaveLength(3);
    so.answer(board(8, delta5.changed));
    expect(f.board!.seq).toBe(8);
    expect(so.waiting).toBe(0);
    expect(f.resyncs).toBe(2);
    expect(events.filter((e) => e === 'gap')).toHaveLength(3);
  });

  it('after a reconnection the first board replaces the one held, even with a lower seq', () => {
    so.connect();
    f.start();
    so.answer(board(40, B3.rows));
    so.disconnect();
    so.connect();
    expect(so.watches).toHaveLength(2);
    so.answer(board(2, B3.rows)); // the server's data was reset
    expect(f.board!.seq).toBe(2);
    // Once an update was applied on this connection, an older answer is stale again.
    so.send(delta(3, 2));
    void f.refresh();
    so.answer(board(1, B3.rows));
    expect(f.board!.seq).toBe(3);
  });

  it('ignores an answer to a watch of an earlier connection', () => {
    so.connect();
    f.start();
    const first = so.watches[0]!;
    so.disconnect();
    so.connect();
    first.answer(board(9, B3.rows));
    expect(f.board).toBeNull();
    so.watches[1]!.answer(B3);
    expect(f.board!.seq).toBe(3);
  });

  it('asks again after an unanswered watch, and after a refusal when the rate limit says', () => {
    vi.useFakeTimers();
    so.connect();
    f.start();
    vi.advanceTimersByTime(999);
    expect(so.watches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['timeout']);
    vi.advanceTimersByTime(500); // retryMs
    expect(so.watches).toHaveLength(2);
    so.watches[0]!.answer(board(9, B3.rows)); // too late: ignored
    expect(f.board).toBeNull();
    so.watches[1]!.answer({ error: { code: 'rate_limited', message: 'slow down', params: { seconds: 3 } } });
    expect(events.at(-1)).toBe('refused');
    vi.advanceTimersByTime(2_999);
    expect(so.watches).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(so.watches).toHaveLength(3);
    so.watches[2]!.answer(B3);
    expect(f.board!.seq).toBe(3);
  });

  it('a refusal holds back every watch until its wait is over, also one asked for meanwhile', async () => {
    vi.useFakeTimers();
    so.connect();
    f.start();
    const asked = f.refresh(); // during the first watch
    so.answer({ error: { code: 'rate_limited', message: 'slow down', params: { seconds: 2 } } });
    so.send(delta(9, 8)); // a gap while refused: no watch either
    expect(so.watches).toHaveLength(1);
    vi.advanceTimersByTime(2_000);
    expect(so.watches).toHaveLength(2);
    so.answer(B3);
    await expect(asked).resolves.toEqual(B3);
  });

  it('refresh() resolves with the answer that covers it, also asked before connecting or during a watch', async () => {
    f.start();
    const early = f.refresh();
    so.connect();
    so.answer(B3);
    await expect(early).resolves.toEqual(B3);
    const first = f.refresh();
    const second = f.refresh(); // during the first: answered by the watch after it
    expect(so.watches).toHaveLength(2);
    so.answer(board(4, B3.rows));
    await expect(first).resolves.toMatchObject({ seq: 4 });
    expect(so.watches).toHaveLength(3);
    so.answer(board(5, B3.rows));
    await expect(second).resolves.toMatchObject({ seq: 5 });
    const lost = f.refresh();
    so.disconnect();
    await expect(lost).resolves.toBeNull();
  });

  it('stop() unwatches, lets go of the socket and sends nothing more', () => {
    so.connect();
    f.start();
    expect(so.listeners('leaderboard')).toBe(1);
    f.stop();
    expect(so.unwatches).toEqual([{ contest: 'c1' }]);
    expect(so.listeners('leaderboard') + so.listeners('connect') + so.listeners('disconnect')).toBe(0);
    so.connect();
    expect(so.watches).toHaveLength(1);
  });

  it('several followers share one socket, each keeping its own contest', () => {
    const other = new BoardFollower(so, 'c2').start();
    f.start();
    so.connect();
    expect(so.watches.map((w) => w.payload.contest)).toEqual(['c2', 'c1']);
    so.watches[0]!.answer({ ...B3, contest: 'c2' });
    so.watches[1]!.answer(B3);
    so.send({ ...compact4, contest: 'c2' });
    expect(other.board!.seq).toBe(4);
    expect(f.board!.seq).toBe(3);
    other.stop();
  });

  it('a contract follower asks for CONTRACT §8 deltas', () => {
    const contract = new BoardFollower(so, 'c1', { compact: false }).start();
    so.connect();
    expect(so.watches[0]!.payload).toEqual({ contest: 'c1' });
    contract.stop();
  });
});
