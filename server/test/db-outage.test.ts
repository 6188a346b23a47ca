// PostgreSQL goes away while judges mark (every connection reset, new ones refused, through a TCP
// proxy between the server and the database), then comes back. Meanwhile every request that needs
// the database answers 503 with Retry-After in the error shape, quickly; /healthz says 503; the
// realtime sockets stay up. Afterwards the same process recovers by itself, and the judges'
// outboxes deliver everything exactly once. Without DATABASE_URL the test makes its own database
// on the local PostgreSQL (PG_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import { api, importAndOpen, startTestServer, uuid, type Reply, type TestServer } from './harness.ts';
import { TestScreen } from './live-screen.ts';
import { JUDGES, faultEvent, pinOf, planMarks, seeded } from './faults/fault-event.ts';
import { JudgeOutbox } from './faults/judge-outbox.ts';
import { startTcpProxy, type TcpProxy } from './faults/tcp-proxy.ts';
import { proveNothingLost } from './faults/verify-store.ts';
import { until } from './faults/wait.ts';
import { POSTGRES_URL, postgresServer, skipWithout } from './services-available.ts';

const SEED = Number(process.env.FAULT_SEED ?? 61_2026);
const PER_JUDGE = 30;
/** The longest any request may take while the database is away. */
const BOUNDED_MS = 6_000;
const skip = await skipWithout(import.meta.url, postgresServer());

let own: { admin: string; name: string } | null = null;
let proxy: TcpProxy;
let db: DbHandle;
let s: TestServer;
const screens: TestScreen[] = [];

beforeAll(async () => {
  let target = process.env.DATABASE_URL;
  if (!target) {
    const admin = POSTGRES_URL;
    const name = `jx_outage_${process.pid}_${uuid().slice(0, 6)}`;
    const sql = postgres(admin, { max: 1, onnotice: () => {} });
    await sql.unsafe(`CREATE DATABASE ${name}`);
    await sql.end();
    own = { admin, name };
    const url = new URL(admin);
    url.pathname = `/${name}`;
    target = url.toString();
  }
  proxy = await startTcpProxy(target);
  db = await createDb({ databaseUrl: proxy.url, maxConnections: 4 });
  s = await startTestServer({ db });
});

afterAll(async () => {
  for (const w of screens) w.close();
  await s?.stop();
  await db?.close();
  await proxy?.close();
  if (own) {
    const sql = postgres(own.admin, { max: 1, onnotice: () => {} });
    await sql.unsafe(`DROP DATABASE IF EXISTS ${own.name} WITH (FORCE)`);
    await sql.end();
  }
});

/** An organiser's screen following one contest with the product's follower. */
function watcher(contest: string): TestScreen {
  const w = new TestScreen({ url: s.url, contest, token: s.adminToken, ackTimeoutMs: BOUNDED_MS });
  screens.push(w);
  return w;
}

/** Resolves once a query gets through the pool again (the first ones after a reset may fail). */
async function poolAnswers(): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await Promise.race([
      db.db.execute(sql`select 1`).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000)),
    ]);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the pool did not answer again within 10 s');
  }
}

interface Probe {
  what: string;
  status: number;
  ms: number;
  retryAfter: string | null;
  body: unknown;
}

async function probe(what: string, run: () => Promise<Reply<unknown>>): Promise<Probe> {
  const started = performance.now();
  const r = await run();
  return {
    what,
    status: r.status,
    ms: performance.now() - started,
    retryAfter: r.headers.get('retry-after'),
    body: r.body,
  };
}

describe.skipIf(skip)('PostgreSQL out of reach while judges mark, then back', () => {
  it('answers 503 quickly, keeps sockets up, recovers without a restart and stores every mark once', async () => {
    const rand = seeded(SEED);
    const file = faultEvent(uuid().slice(0, 8));
    const ev = await importAndOpen(s, file);
    const contestId = ev.contestId('line');
    const w = watcher(contestId);
    expect(await w.watch()).toMatchObject({ contest: contestId, state: 'scoring' });

    const progress = new EventEmitter();
    const clients = JUDGES.map(
      (judge, i) =>
        new JudgeOutbox({
          base: s.url,
          judge,
          contestId,
          marks: planMarks(rand, PER_JUDGE),
          random: rand,
          batchSize: i % 3 === 0 ? 1 : 2 + Math.floor(rand() * 8),
          login: () => ev.judgeToken(judge),
          onProgress: () => progress.emit('progress'),
        }),
    );
    const total = clients.length * PER_JUDGE;
    const acked = () => clients.reduce((n, c) => n + c.acks.size, 0);
    const runs = clients.map((c) => c.run());
    await until(progress, 'progress', () => acked() >= total * 0.25, 'a quarter of the marks');

    // The database goes away in the middle of marking.
    const judge = api(s.url, await ev.judgeToken('j02'));
    const seen = clients.map((c) => c.answers.length);
    const cutAt = performance.now();
    proxy.cut();
    const inOutage = (c: JudgeOutbox, i: number) => c.answers.slice(seen[i]);
    // Every tablet still marking is refused twice (a first try and a retry after its backoff).
    await until(
      progress,
      'progress',
      () => clients.every((c, i) => c.done || inOutage(c, i).filter((a) => a.status === 503).length >= 2),
      'two 503s for every judge still marking',
      15_000,
    );

    const admin = api(s.url, s.adminToken);
    const mark = () => ({ contestant: 'F001', criterion: 'exam', value: 50, clientId: uuid() });
    const probes = await Promise.all([
      probe('POST marks', () => judge.post(`/contests/${contestId}/marks`, mark())),
      probe('POST marks/batch', () => judge.post(`/contests/${contestId}/marks/batch`, { marks: [mark(), mark()] })),
      probe('GET marks', () => admin.get(`/contests/${contestId}/marks`)),
      probe('GET leaderboard', () => admin.get(`/contests/${contestId}/leaderboard`)),
      probe('GET audit/verify', () => admin.get(`/events/${ev.id}/audit/verify`)),
      probe('POST state', () => admin.post(`/contests/${contestId}/state`, { to: 'review' })),
      probe('POST auth/judge', () => api(s.url).post('/auth/judge', { event: ev.id, judge: 'j03', pin: pinOf('j03') })),
      probe('POST auth/login', () => api(s.url).post('/auth/login', { username: 'admin', password: 'wrong-password' })),
      probe('GET healthz', async () => {
        const res = await fetch(`${s.url}/healthz`);
        return { status: res.status, body: await res.json(), headers: res.headers };
      }),
    ]);
    for (const p of probes) {
      expect({ what: p.what, status: p.status, retryAfter: Number(p.retryAfter) > 0 }).toEqual({
        what: p.what,
        status: 503,
        retryAfter: true,
      });
      expect(p.ms, `${p.what} answered within ${BOUNDED_MS} ms`).toBeLessThan(BOUNDED_MS);
      if (p.what === 'GET healthz') expect(p.body).toMatchObject({ ok: false });
      else expect(p.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    }
    // The screens stay connected; asking for a board gets an answer, not silence.
    const ack = await w.ask();
    expect(ack && ('error' in ack ? ack.error.code : 'board')).toMatch(/^(unavailable|board)$/);
    expect(w.socket.connected).toBe(true);
    const outageAnswers = clients.flatMap((c, i) => inOutage(c, i));

    // Back: the same process recovers by itself.
    const restoredAt = performance.now();
    proxy.restore();
    await vi.waitFor(async () => expect((await fetch(`${s.url}/healthz`)).status).toBe(200), {
      timeout: 15_000,
      interval: 25,
    });
    const recoverMs = performance.now() - restoredAt;
    await Promise.all(runs);
    const deliveredMs = performance.now() - restoredAt;

    const proof = await proveNothingLost({
      base: s.url,
      adminToken: s.adminToken,
      eventId: ev.id,
      contestId,
      file,
      clients,
    });
    const answers = clients.flatMap((c) => c.answers);
    expect(
      answers.filter((a) => a.status >= 500 && a.status !== 503),
      'no 5xx other than 503',
    ).toEqual([]);
    expect(
      answers.filter((a) => a.status === 503 && (!a.retryAfter || a.code !== 'unavailable')),
      '503s carry Retry-After and the error shape',
    ).toEqual([]);
    const slowest = Math.max(...outageAnswers.map((a) => a.ms));
    expect(slowest, 'no request hung while the database was away').toBeLessThan(BOUNDED_MS);

    // The screen that stayed connected through the outage ends on the board GET gives.
    await w.reach(proof.board.seq, 'the watcher to reach the final board', () => true, 10_000);
    expect(w.board!.seq).toBe(proof.board.seq);
    expect(w.board!.rows).toEqual(proof.board.rows);
    expect(w.disconnects).toBe(0);

    const refused503 = outageAnswers.filter((a) => a.status === 503).length + probes.length;
    console.log(
      `[db-outage] seed ${SEED}: ${total} marks by ${clients.length} judges; outage ${Math.round(restoredAt - cutAt)} ms with ` +
        `${refused503} requests answered 503 (slowest ${Math.round(Math.max(slowest, ...probes.map((p) => p.ms)))} ms); /healthz 200 again ` +
        `${Math.round(recoverMs)} ms after the database came back, every outbox empty after ${Math.round(deliveredMs)} ms; ${proof.stored} marks stored, each once`,
    );
  }, 90_000);

  it('a mark whose COMMIT reached the database but whose answer was lost: one copy, and the screens still show it', async () => {
    const file = faultEvent(uuid().slice(0, 8));
    const ev = await importAndOpen(s, file);
    const contestId = ev.contestId('line');
    const w = watcher(contestId);
    const before = await w.watch();
    expect(before).toMatchObject({ contest: contestId });

    const progress = new EventEmitter();
    const body = { contestant: 'F002', criterion: 'exam', value: 88, clientId: uuid() };
    const token = await ev.judgeToken('j01');
    const tablet = new JudgeOutbox({
      base: s.url,
      judge: 'j01',
      contestId,
      marks: [body],
      random: seeded(SEED),
      batchSize: 1,
      login: async () => token,
      onProgress: () => progress.emit('progress'),
    });
    // Fresh connections: postgres.js prepares "commit" once per connection, so the next one sends its text.
    proxy.cut();
    proxy.restore();
    await poolAnswers();
    const committed = proxy.cutAfterCommit();
    const run = tablet.run();
    await committed;
    await until(progress, 'progress', () => tablet.answers.length > 0, 'the answer to the mark', 10_000);
    expect(tablet.answers.map((a) => a.status)).toEqual([503]);
    proxy.restore();
    await run;
    // The retry finds the mark the lost COMMIT stored: a replay, not a second copy.
    expect(tablet.acks.get(body.clientId)?.status).toBe(200);
    const proof = await proveNothingLost({
      base: s.url,
      adminToken: s.adminToken,
      eventId: ev.id,
      contestId,
      file,
      clients: [tablet],
    });
    expect(proof.stored).toBe(1);
    // Nothing was announced when the commit seemed to fail; the screen must get the mark all the same.
    await w.reach(proof.board.seq, 'the watcher to show the stored mark', () => true, 10_000);
    expect(w.board!.seq).toBe(proof.board.seq);
    expect(w.board!.rows).toEqual(proof.board.rows);
  }, 60_000);
});
