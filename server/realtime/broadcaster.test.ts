// The broadcaster's promises (broadcaster.ts), on fake timers: the first change of a contest is sent
// at once and the changes after it at most once per interval, however many; a change that comes
// while a board is being read, or a read that fails, is sent by a later flush, not lost; a room with
// no board on record gets the whole board, then deltas in its own format; each audience and format
// is a room of its own, and every room ends holding exactly its audience's board.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Namespace } from 'socket.io';
import { ContestBoard } from '../../shared/scoring/board.ts';
import { applyBoardUpdate, type BoardUpdate } from '../../shared/realtime.ts';
import type { Leaderboard } from '../../shared/api.ts';
import { boardFor, type Audience, type BoardCache, type CachedContest } from '../domain/boards/boards.ts';
import type { ContestMeta } from '../domain/boards/contest-meta.ts';
import { Metrics } from '../metrics.ts';
import { Broadcaster, roomOf, type DeltaFormat } from './broadcaster.ts';
import { contestantsC, oneCriterionDef } from './one-criterion-contest.ts';

const INTERVAL = 20;
const CONTEST = 'c1';
const def = oneCriterionDef;
const people = contestantsC(10);

/** One contest's board, marked by hand; `get` answers as BoardCache does, as of the moment it is asked. */
function contestSource() {
  const board = new ContestBoard(def, people);
  const contest: CachedContest = {
    meta: { id: CONTEST, def, shownAs: new Map() } as unknown as ContestMeta,
    board,
    seq: 0,
    state: 'scoring',
    changedAt: null,
    stateAt: null,
    certifiedAt: null,
    frozenSeq: null,
    frozen: null,
  };
  const revisions = new Map<string, number>();
  const source = {
    contest,
    /** When each read was asked for (fake time). */
    reads: [] as number[],
    /** Makes the next reads fail (the database briefly away). */
    failing: 0,
    /** Holds the next read until the returned function is called. */
    hold: null as null | Promise<void>,
    /** Marks every contestant, C00n with 10 × n: C010 leads, C001 is last, no ties. */
    markAll() {
      people.forEach((p, i) => source.mark(p.bib, 10 * (i + 1)));
    },
    mark(bib: string, value: number) {
      const revision = (revisions.get(bib) ?? 0) + 1;
      revisions.set(bib, revision);
      board.apply({ contestant: bib, criterion: 'k', judge: 'j1', value, revision, order: ++contest.seq });
    },
    async get(contestId: string): Promise<CachedContest | null> {
      source.reads.push(Date.now());
      const rows = board.rows();
      const asOfNow = { ...contest, board: { rows: () => rows } as unknown as ContestBoard };
      if (source.hold) await source.hold;
      if (source.failing > 0) {
        source.failing--;
        throw new Error('database away');
      }
      return contestId === CONTEST ? asOfNow : null;
    },
  };
  return source;
}

/** What the broadcaster uses of a Socket.IO namespace: its rooms, and sending to one (recorded). */
function namespace() {
  const rooms = new Map<string, Set<string>>();
  const sent: { room: string; update: BoardUpdate }[] = [];
  const to = (room: string) => ({ emit: (_event: string, update: BoardUpdate) => void sent.push({ room, update }) });
  return {
    nsp: { adapter: { rooms }, local: { to } } as unknown as Namespace,
    sent,
    join(audience: Audience, format: DeltaFormat, ...sockets: string[]) {
      const room = roomOf(CONTEST, audience, format);
      rooms.set(room, new Set([...(rooms.get(room) ?? []), ...sockets]));
      return room;
    },
    empty(room: string) {
      rooms.delete(room);
    },
    /** The updates sent to one room. */
    to(room: string) {
      return sent.filter((s) => s.room === room).map((s) => s.update);
    },
  };
}

let source: ReturnType<typeof contestSource>;
let ns: ReturnType<typeof namespace>;
let errors: unknown[];
let broadcaster: Broadcaster;
let start: number;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  start = Date.now();
  source = contestSource();
  ns = namespace();
  errors = [];
  const boards = source as unknown as BoardCache;
  broadcaster = new Broadcaster(ns.nsp, boards, INTERVAL, new Metrics(), (e) => errors.push(e));
});

afterEach(() => {
  broadcaster.close();
  vi.useRealTimers();
});

/** Lets fake time pass, running the flushes due meanwhile to their end. */
const pass = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const now = () => Date.now() - start;
const current = (audience: Audience) => boardFor(source.contest, audience);

/** The board a watcher of the room holds after applying every update sent to it, from `held`. */
function heldBy(room: string, held: Leaderboard | null = null): Leaderboard | null {
  let board = held;
  for (const u of ns.to(room)) {
    const next = applyBoardUpdate(board, u);
    if (next === 'resync') throw new Error(`${room}: an update did not follow the board it held`);
    board = next;
  }
  return board;
}

describe('Broadcaster', () => {
  it('sends the first change at once and coalesces every later change into one flush per interval', async () => {
    const room = ns.join('organiser', 'contract', 's1', 's2', 's3');
    for (let i = 0; i < 30; i++) {
      source.mark(people[i % 10]!.bib, i);
      broadcaster.contestChanged(CONTEST);
    }
    expect(broadcaster.settled(CONTEST)).toBe(false);
    await pass(0);
    expect(source.reads).toEqual([start]);
    expect(ns.to(room)).toHaveLength(1); // one send for the room, whatever the number of its watchers
    expect(broadcaster.settled(CONTEST)).toBe(true);

    // A change every millisecond for 200 ms: one read (and one send) every 20 ms, never closer.
    for (let t = 1; t <= 200; t++) {
      await pass(1);
      source.mark(people[t % 10]!.bib, t % 100);
      broadcaster.contestChanged(CONTEST);
    }
    await pass(INTERVAL);
    // The change of the last millisecond came just after the flush at 200 read the board.
    const times = source.reads.map((t) => t - start);
    expect(times).toEqual(Array.from({ length: 12 }, (_, i) => i * INTERVAL));
    expect(ns.to(room)).toHaveLength(12);
    expect(heldBy(room)).toEqual(current('organiser'));
    expect(broadcaster.settled(CONTEST)).toBe(true);
  });

  it('waits out the interval after a flush before sending a change that comes alone', async () => {
    const room = ns.join('public', 'contract', 's1');
    broadcaster.contestChanged(CONTEST);
    await pass(5);
    source.mark('C001', 50);
    broadcaster.contestChanged(CONTEST);
    await pass(INTERVAL - 5 - 1);
    expect(source.reads).toHaveLength(1);
    await pass(1);
    expect(source.reads.map((t) => t - start)).toEqual([0, INTERVAL]);
    // Long after the last flush, a change is sent at once again.
    await pass(1_000);
    source.mark('C002', 60);
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    expect(source.reads.map((t) => t - start)).toEqual([0, INTERVAL, INTERVAL + 1_000]);
    expect(heldBy(room)).toEqual(current('public'));
  });

  it('sends a change that came while the board was being read with the next flush, an interval after', async () => {
    const room = ns.join('organiser', 'contract', 's1');
    let release!: () => void;
    source.hold = new Promise((r) => (release = r));
    source.mark('C001', 50);
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    expect(source.reads).toHaveLength(1);
    // Read under way (as of seq 1); another mark commits meanwhile.
    await pass(7);
    source.mark('C002', 70);
    broadcaster.contestChanged(CONTEST);
    source.hold = null;
    release();
    await pass(0);
    expect(ns.to(room).map((u) => u.seq)).toEqual([1]);
    expect(broadcaster.settled(CONTEST)).toBe(false);
    await pass(INTERVAL);
    expect(source.reads.map((t) => t - start)).toEqual([0, 7 + INTERVAL]);
    expect(ns.to(room).map((u) => u.seq)).toEqual([1, 2]);
    expect(heldBy(room)).toEqual(current('organiser'));
    expect(broadcaster.settled(CONTEST)).toBe(true);
  });

  it('tries again an interval after a failed read, so the watchers still get the change', async () => {
    const room = ns.join('organiser', 'contract', 's1');
    source.failing = 2;
    source.mark('C001', 50);
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    expect(errors).toHaveLength(1);
    expect(ns.to(room)).toEqual([]);
    expect(broadcaster.settled(CONTEST)).toBe(false);
    await pass(INTERVAL);
    await pass(INTERVAL);
    expect(errors.map((e) => (e as Error).message)).toEqual(['database away', 'database away']);
    expect(source.reads.map((t) => t - start)).toEqual([0, INTERVAL, 2 * INTERVAL]);
    expect(heldBy(room)).toEqual(current('organiser'));
    expect(broadcaster.settled(CONTEST)).toBe(true);
  });

  it('sends the whole board to a room with none on record, then deltas; nothing when nothing changed', async () => {
    const room = ns.join('organiser', 'contract', 's1');
    source.markAll();
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    source.mark('C001', 35); // passes C002 and C003: three ranks change
    broadcaster.contestChanged(CONTEST);
    await pass(INTERVAL);
    // A change that moved no board (e.g. a shadow mark) sends nothing.
    broadcaster.contestChanged(CONTEST);
    await pass(INTERVAL);
    expect(source.reads).toHaveLength(3);
    const updates = ns.to(room);
    expect(updates.map((u) => [u.full, u.seq])).toEqual([
      [true, 10],
      [false, 11],
    ]);
    expect(updates[1]).toMatchObject({ prevSeq: 10 });
    const changed = (updates[1] as { changed: { bib: string }[] }).changed.map((r) => r.bib);
    expect(changed.sort()).toEqual(['C001', 'C002', 'C003']);
    expect(heldBy(room)).toEqual(current('organiser'));

    // Once its last watcher left, the room's board is forgotten: a new watcher gets it whole again.
    ns.empty(room);
    source.mark('C002', 25);
    broadcaster.contestChanged(CONTEST);
    await pass(INTERVAL);
    ns.join('organiser', 'contract', 's2');
    source.mark('C003', 33);
    broadcaster.contestChanged(CONTEST);
    await pass(INTERVAL);
    expect(ns.to(room).map((u) => [u.full, u.seq])).toEqual([
      [true, 10],
      [false, 11],
      [true, 13],
    ]);
  });

  it("takes the board a watch reply gave as the room's record, so its next update is a delta", async () => {
    source.markAll();
    const room = ns.join('public', 'contract', 's1');
    const given = current('public');
    broadcaster.watched(CONTEST, 'public', 'contract', given);
    source.mark('C001', 35);
    // A later watcher of the same room got a newer board: the room keeps the record it had.
    broadcaster.watched(CONTEST, 'public', 'contract', current('public'));
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    const [update] = ns.to(room);
    expect(update).toMatchObject({ full: false, prevSeq: given.seq, seq: given.seq + 1 });
    expect(heldBy(room, given)).toEqual(current('public'));
  });

  it('waits for a joining watch reply instead of sending the whole board to its room, then sends a delta', async () => {
    source.markAll();
    // A watch joined the room and is still reading the board for its reply when a change is flushed.
    const answered = broadcaster.joining(CONTEST, 'public', 'compact');
    const room = ns.join('public', 'compact', 's1');
    source.mark('C001', 35);
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    expect(ns.to(room)).toEqual([]); // no whole board for want of a record
    const given = current('public'); // the reply, read after the change
    broadcaster.watched(CONTEST, 'public', 'compact', given);
    answered();
    source.mark('C002', 45);
    broadcaster.contestChanged(CONTEST);
    await pass(INTERVAL);
    const updates = ns.to(room);
    expect(updates.map((u) => u.full)).toEqual([false]);
    expect(updates[0]).toMatchObject({ prevSeq: given.seq });
    expect(heldBy(room, given)).toEqual(current('public'));
  });

  it('still sends a room whose watch was never answered the whole board, an interval later', async () => {
    source.markAll();
    const answered = broadcaster.joining(CONTEST, 'public', 'contract');
    const room = ns.join('public', 'contract', 's1');
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    expect(ns.to(room)).toEqual([]);
    answered(); // the reply failed (the database was away): nothing became the room's record
    await pass(INTERVAL);
    expect(ns.to(room).map((u) => u.full)).toEqual([true]);
    expect(heldBy(room)).toEqual(current('public'));
  });

  it('keeps each audience and format apart: own deltas, own freeze, each ending on exactly its board', async () => {
    source.markAll();
    const rooms = {
      publicContract: ns.join('public', 'contract', 'p1', 'p2'),
      publicCompact: ns.join('public', 'compact', 'p3'),
      organiserContract: ns.join('organiser', 'contract', 'o1'),
      organiserCompact: ns.join('organiser', 'compact', 'o2'),
    };
    expect(new Set(Object.values(rooms)).size).toBe(4);
    const held = {
      publicContract: current('public'),
      publicCompact: current('public'),
      organiserContract: current('organiser'),
      organiserCompact: current('organiser'),
    };
    broadcaster.watched(CONTEST, 'public', 'contract', held.publicContract);
    broadcaster.watched(CONTEST, 'public', 'compact', held.publicCompact);
    broadcaster.watched(CONTEST, 'organiser', 'contract', held.organiserContract);
    broadcaster.watched(CONTEST, 'organiser', 'compact', held.organiserCompact);

    // The last climbs past two others: a contract delta carries every row whose rank moved and
    // the order of all, a compact one the rows whose content changed and where they now stand.
    source.mark('C001', 35);
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    for (const room of [rooms.publicContract, rooms.organiserContract]) {
      const [u] = ns.to(room);
      expect(u).toMatchObject({ full: false, seq: 11 });
      expect(u).toHaveProperty('order');
      expect(u).not.toHaveProperty('at');
    }
    for (const room of [rooms.publicCompact, rooms.organiserCompact]) {
      const [u] = ns.to(room);
      expect(u).toMatchObject({ full: false, seq: 11, changed: [expect.objectContaining({ bib: 'C001' })], at: [7] });
    }

    // Frozen at seq 11: the public keeps that board while the organisers follow every mark.
    const c = source.contest;
    c.frozenSeq = c.seq;
    const frozen = { seq: c.seq, rows: c.board.rows(), changedAt: null, since: null };
    c.frozen = frozen;
    broadcaster.contestChanged(CONTEST);
    await pass(INTERVAL);
    source.mark('C002', 31);
    broadcaster.contestChanged(CONTEST);
    await pass(INTERVAL);
    const seqs = (room: string) => ns.to(room).map((u) => u.seq);
    expect(seqs(rooms.publicContract)).toEqual([11, 11]);
    expect(seqs(rooms.publicCompact)).toEqual([11, 11]);
    expect(seqs(rooms.organiserContract)).toEqual([11, 11, 12]);
    expect(seqs(rooms.organiserCompact)).toEqual([11, 11, 12]);
    for (const [name, room] of Object.entries(rooms)) {
      const audience: Audience = name.startsWith('public') ? 'public' : 'organiser';
      expect(heldBy(room, held[name as keyof typeof held]), name).toEqual(current(audience));
    }
    expect(current('public').rows).toEqual(frozen.rows);
    expect(current('organiser').rows).not.toEqual(frozen.rows);
  });

  it('reads nothing for changes after close, and drops the flush it had scheduled', async () => {
    ns.join('organiser', 'contract', 's1');
    broadcaster.contestChanged(CONTEST);
    await pass(0);
    broadcaster.contestChanged(CONTEST);
    broadcaster.close();
    broadcaster.contestChanged(CONTEST);
    await pass(10 * INTERVAL);
    expect(source.reads).toHaveLength(1);
    expect(now()).toBe(10 * INTERVAL);
  });
});
