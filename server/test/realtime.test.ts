// Realtime boards (CONTRACT §8) end to end: a server on a real database, judges marking over HTTP
// concurrently, socket.io-client watchers applying updates with the shared client rule. Whatever
// happens on the way (coalescing, dropped updates, reconnects), every watcher ends on the board
// that GET /leaderboard gives its audience, rows and seq alike.
import { describe, expect, it, vi } from 'vitest';
import { io } from 'socket.io-client';
import { sql } from 'drizzle-orm';
import { startTestServer, uuid, type TestServer } from './harness.ts';
import type { BoardUpdate } from '../../shared/realtime.ts';
import {
  Watcher,
  boardOf,
  connect,
  expectExact,
  expectWellFormed,
  liveSuite,
  setup,
  sleep,
  sockets,
} from './live-kit.ts';
import { BoardCache } from '../domain/boards/boards.ts';
import { rowsOf, type Db } from '../../db/create-db.ts';

let s: TestServer;
liveSuite((server) => (s = server));

describe('live boards under concurrent marking', () => {
  it('every watcher ends on the GET board after 150 concurrent marks by 3 judges', async () => {
    const { contestId, storm } = await setup('new-economy-contest', 'courier', ['c-timer', 'c-j2', 'c-j3']);
    const watchers = [new Watcher(contestId), new Watcher(contestId), new Watcher(contestId)];
    const organiser = new Watcher(contestId, s.adminToken);
    await Promise.all([...watchers, organiser].map((w) => w.watch()));
    expect(watchers[0]!.board).toEqual(await boardOf(contestId));

    const statuses = await storm(150);
    expect(statuses).toHaveLength(150);
    await expectExact(watchers, contestId);
    await expectExact([organiser], contestId, s.adminToken);
    const final = await boardOf(contestId);
    expect(final.seq).toBeGreaterThanOrEqual(151); // opened, then 150 marks
    for (const w of [...watchers, organiser]) {
      expect(w.updates.length).toBeGreaterThan(0);
      for (const u of w.updates) expectWellFormed(u, contestId, final.rows.length);
    }
  }, 90_000);

  it('watchers asking for compact deltas get them, small, and end on the GET board like the contract watchers, also after a gap', async () => {
    const { contestId, storm } = await setup('new-economy-contest', 'courier', ['c-timer', 'c-j2', 'c-j3']);
    const compact = [new Watcher(contestId, undefined, s, true), new Watcher(contestId, s.adminToken, s, true)];
    const contract = new Watcher(contestId);
    const gappy = new Watcher(contestId, undefined, s, true);
    await Promise.all([...compact, contract, gappy].map((w) => w.watch()));
    const running = storm(120);
    await vi.waitFor(() => expect(gappy.updates.length).toBeGreaterThanOrEqual(2));
    gappy.dropNext = 1;
    await running;
    await expectExact([compact[0]!, contract, gappy], contestId);
    await expectExact([compact[1]!], contestId, s.adminToken);
    expect(gappy.resyncs).toBeGreaterThan(0);
    const compactUpdates = compact[0]!.updates.filter((u) => 'compact' in u);
    expect(compactUpdates.length).toBeGreaterThan(0);
    expect(contract.updates.some((u) => 'compact' in u)).toBe(false);
    const bytes = (us: BoardUpdate[]) => us.reduce((n, u) => n + JSON.stringify(u).length, 0);
    const contractDeltas = contract.updates.filter((u) => !u.full);
    expect(bytes(compactUpdates) / compactUpdates.length).toBeLessThan(
      bytes(contractDeltas) / Math.max(1, contractDeltas.length),
    );
  }, 90_000);

  it('the first update after watchers join is a delta from the board their watch reply gave, not the whole board', async () => {
    const { contestId, storm } = await setup('new-economy-contest', 'courier', ['c-timer']);
    // Compact watchers: a contract delta of a small board may be whole when every rank moved.
    const watchers = [new Watcher(contestId, undefined, s, true), new Watcher(contestId, s.adminToken, s, true)];
    await Promise.all(watchers.map((w) => w.watch()));
    await storm(1);
    await expectExact(watchers.slice(0, 1), contestId);
    await expectExact(watchers.slice(1), contestId, s.adminToken);
    for (const w of watchers) {
      expect(w.updates.length).toBeGreaterThan(0);
      expect(w.updates[0]).toMatchObject({ full: false, compact: true });
      expect(w.resyncs).toBe(0);
    }
  }, 60_000);

  it('a watcher that disconnects mid-stream and watches again after reconnecting ends exact', async () => {
    const { contestId, storm } = await setup('new-economy-contest', 'courier', ['c-timer', 'c-j2', 'c-j3']);
    const steady = new Watcher(contestId);
    const flaky = new Watcher(contestId);
    await Promise.all([steady.watch(), flaky.watch()]);
    const running = storm(120);
    await vi.waitFor(() => expect(flaky.updates.length).toBeGreaterThanOrEqual(2));
    flaky.socket.disconnect();
    const missed = flaky.updates.length;
    // The storm goes on (the steady watcher gets two more updates); the disconnected one gets none of it.
    const steadyAt = steady.updates.length;
    await vi.waitFor(() => expect(steady.updates.length).toBeGreaterThanOrEqual(steadyAt + 2), { timeout: 10_000 });
    expect(flaky.updates.length).toBe(missed);
    flaky.socket.connect();
    await new Promise<void>((r) => flaky.socket.once('connect', () => r()));
    await flaky.watch();
    await Promise.all([running, storm(30)]);
    await expectExact([steady, flaky], contestId);
  }, 90_000);

  it('a watcher that misses two updates detects the gap by prevSeq, watches again and ends exact', async () => {
    const { contestId, judges } = await setup('new-economy-contest', 'courier', ['c-timer']);
    const w = new Watcher(contestId);
    await w.watch();
    const timer = judges[0]!.client;
    // The same value again is a new revision that changes no row: every such mark makes a delta.
    const remark = async () => {
      const before = w.updates.length;
      const res = await timer.post(`/contests/${contestId}/marks`, {
        contestant: 'C005',
        criterion: 'exam',
        value: 77,
        clientId: uuid(),
      });
      expect(res.status).toBe(201);
      await vi.waitFor(() => expect(w.updates.length).toBeGreaterThan(before));
    };
    await remark();
    w.dropNext = 2;
    await remark();
    await remark();
    expect(w.resyncs).toBe(0);
    await remark();
    const last = w.updates.at(-1)!;
    expect(last.full).toBe(false);
    expect(w.resyncs).toBe(1);
    await expectExact([w], contestId);
    for (const u of w.updates) expectWellFormed(u, contestId, w.board!.rows.length);
    expect(w.updates.filter((u) => !u.full).length).toBeGreaterThanOrEqual(3);
  });

  it('coalesces a burst of 100 marks into a few updates per second, and the final board is exact', async () => {
    // A server of its own on the same database, coalescing as CONTRACT §8 puts it: a few per second.
    const intervalMs = 250;
    const slow = await startTestServer({ db: s.db, boardIntervalMs: intervalMs });
    try {
      const { contestId, storm } = await setup('new-economy-contest', 'courier', ['c-timer', 'c-j2', 'c-j3'], slow);
      const watchers = [new Watcher(contestId, undefined, slow), new Watcher(contestId, undefined, slow)];
      await Promise.all(watchers.map((w) => w.watch()));
      const started = Date.now();
      await storm(100, 12);
      await expectExact(watchers, contestId, undefined, slow);
      const elapsed = Date.now() - started;
      for (const w of watchers) {
        expect(w.updates.length).toBeGreaterThan(0);
        expect(w.updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / intervalMs) + 1);
        expect(w.updates.length).toBeLessThan(25);
      }
    } finally {
      await slow.stop();
    }
  }, 90_000);
});

describe('who sees what', () => {
  it('a frozen contest sends public watchers no new rows while organisers follow live; unfreezing reveals', async () => {
    const { contestId, storm, ev } = await setup('new-economy-contest', 'courier', ['c-timer', 'c-j2', 'c-j3']);
    const pub = new Watcher(contestId);
    const org = new Watcher(contestId, s.adminToken);
    await Promise.all([pub.watch(), org.watch()]);
    await storm(30);
    await expectExact([pub], contestId);
    const frozen = await ev.admin.post(`/contests/${contestId}/freeze`, { frozen: true });
    expect(frozen.status).toBe(200);
    await expectExact([pub], contestId);
    const atFreeze = structuredClone(pub.board!);
    expect(atFreeze.frozen).toBe(true);
    const seen = pub.updates.length;
    await storm(60);
    await expectExact([org], contestId, s.adminToken);
    await expectExact([pub], contestId);
    expect(pub.updates.slice(seen)).toEqual([]);
    expect(pub.board!.rows).toEqual(atFreeze.rows);
    expect(org.board!.seq).toBeGreaterThan(atFreeze.seq + 60);
    expect(org.board!.rows).not.toEqual(atFreeze.rows);
    // Closing marking while frozen: the public learns the new state, still with the frozen rows.
    expect((await ev.admin.post(`/contests/${contestId}/state`, { to: 'review' })).status).toBe(200);
    await expectExact([pub], contestId);
    expect(pub.board!.state).toBe('review');
    expect(pub.board!.rows).toEqual(atFreeze.rows);
    expect(pub.board!.seq).toBe(atFreeze.seq);

    expect((await ev.admin.post(`/contests/${contestId}/freeze`, { frozen: false })).status).toBe(200);
    await expectExact([pub], contestId);
    await expectExact([org], contestId, s.adminToken);
    expect(pub.board!.rows).toEqual(org.board!.rows);
    expect(pub.board!.frozen).toBe(false);
  }, 90_000);

  it('a blind contest shows the public stations in place of names, organisers the names', async () => {
    const { contestId, storm, file } = await setup('wire-rope-contest', 'wet-drawing', [
      'w-qa',
      'w-j1',
      'w-j2',
      'w-j3',
    ]);
    const people = new Map(file.contests.find((c) => c.code === 'wet-drawing')!.contestants.map((p) => [p.bib, p]));
    const pub = new Watcher(contestId);
    const org = new Watcher(contestId, s.adminToken);
    await Promise.all([pub.watch(), org.watch()]);
    await storm(60);
    await expectExact([pub], contestId);
    await expectExact([org], contestId, s.adminToken);
    const byStation = new Set([...people.values()].map((p) => p.station));
    for (const r of pub.board!.rows) {
      expect(byStation.has(r.station)).toBe(true);
      expect(r).toMatchObject({ bib: r.station, name: r.station, organisation: r.station });
    }
    for (const r of org.board!.rows) {
      const p = people.get(r.bib)!;
      expect(r.name).toBe(p.name);
      expect(r.organisation).toBe(p.organisation);
    }
    const names = new Set([...people.values()].map((p) => p.name));
    for (const u of pub.updates) for (const r of u.full ? u.rows : u.changed) expect(names.has(r.name)).toBe(false);
  }, 90_000);
});

describe('the /live namespace refuses what it cannot use', () => {
  it('answers invalid watch and unwatch payloads with an error or ignores them, and keeps serving', async () => {
    const { contestId } = await setup('new-economy-contest', 'courier', []);
    const so = connect();
    await new Promise<void>((r) => so.once('connect', () => r()));
    const bad: unknown[] = [
      null,
      'string',
      123,
      [],
      {},
      { contest: 123 },
      { contest: '' },
      { contest: null },
      { contest: 'x'.repeat(50_000) },
      { contest: contestId, extra: 1 },
      { contest: { $ne: 1 } },
    ];
    for (const event of ['watch', 'unwatch']) {
      for (const payload of bad) {
        const ack = await so.timeout(2000).emitWithAck(event, payload);
        expect(ack.error.code).toBe('validation_failed');
        expect(typeof ack.error.message).toBe('string');
      }
      so.emit(event, { contest: contestId }); // no ack: nothing to answer
      so.emit(event); // neither payload nor ack
      so.emit(event, null, 'not a function');
    }
    so.emit('no-such-event', { contest: contestId });
    // A message beyond the size limit costs the sender its connection, nothing more.
    const big = connect();
    await new Promise<void>((r) => big.once('connect', () => r()));
    const gone = new Promise<string>((r) => big.once('disconnect', (reason) => r(reason)));
    big.emit('watch', { contest: 'y'.repeat(200_000) }, () => {});
    expect(await gone).toBeTruthy();

    expect((await so.timeout(2000).emitWithAck('watch', { contest: contestId })).seq).toBeGreaterThan(0);
    expect((await so.timeout(2000).emitWithAck('unwatch', { contest: contestId })).ok).toBe(true);
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect((await health.json()).ok).toBe(true);
  });

  it('answers a watch of an unknown contest with not_found', async () => {
    const so = connect();
    const ack = await so.timeout(2000).emitWithAck('watch', { contest: 'no-such-contest' });
    expect(ack).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('refuses a handshake with a token that is not valid', async () => {
    const so = io(`${s.url}/live`, { transports: ['websocket'], reconnection: false, auth: { token: 'not-a-token' } });
    sockets.push(so);
    const err = await new Promise<Error>((r) => so.once('connect_error', r));
    expect(err.message).toBeTruthy();
  });
});

describe('board cache freshness', () => {
  /**
   * The database, with the answers of the driver's queries held back `ms` after the query ran (the
   * board cache reads through the driver: postgres.js `unsafe`, PGlite `query`).
   */
  function slowAnswers(db: Db, ms: number): { db: Db; answered: () => number } {
    // postgres.js's client is a function (with begin and unsafe); PGlite's an object with query.
    type PostgresJs = ((...a: unknown[]) => unknown) & {
      begin: unknown;
      unsafe(...a: unknown[]): PromiseLike<unknown>;
    };
    type PGliteClient = { query(...a: unknown[]): PromiseLike<unknown> };
    const real = (db as unknown as { $client: PostgresJs | PGliteClient }).$client;
    let answered = 0;
    const delay = (p: PromiseLike<unknown>) => Promise.resolve(p).then((x) => (answered++, sleep(ms).then(() => x)));
    const client =
      typeof real === 'function'
        ? Object.assign((...a: unknown[]) => real(...a), {
            begin: real.begin,
            unsafe: (...a: unknown[]) => delay(real.unsafe(...a)),
          })
        : { query: (...a: unknown[]) => delay(real.query(...a)) };
    const proxied = new Proxy(db, { get: (t, key) => (key === '$client' ? client : Reflect.get(t, key)) });
    return { db: proxied, answered: () => answered };
  }

  it('a read that starts after a commit sees it, even while an older refresh is still running', async () => {
    const { contestId } = await setup('new-economy-contest', 'courier', []);
    const slow = slowAnswers(s.db.db, 40);
    const cache = new BoardCache(slow.db);
    const first = cache.get(contestId).then((c) => c!.seq); // reads the contest row now, hears the answer later
    await vi.waitFor(() => expect(slow.answered()).toBeGreaterThan(0), { interval: 1 }); // the row is read
    const [bumped] = rowsOf<{ seq: number }>(
      await s.db.db.execute(sql`UPDATE contests SET seq = seq + 1 WHERE id = ${contestId} RETURNING seq`),
    );
    const second = await cache.get(contestId);
    expect(await first).toBe(bumped!.seq - 1);
    expect(second!.seq).toBe(bumped!.seq);
  });
});
