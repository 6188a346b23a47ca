// Scale-out (README "National deployment"): three real server processes on one PostgreSQL database
// and one Redis (REDIS_URL, a stream name of this run's own). Judges mark through one process or
// through all three, concurrently, with single and batch requests; board screens (socket.io-client,
// CONTRACT §8 rules) watch on the other processes. Every screen must end on exactly the board that
// GET /leaderboard gives on every process, which must equal a recomputation from the stored marks.
// Also: a freeze and a state change cross processes, an edit of a contest's definition makes the
// other processes forget what they cached, a process whose Redis connections are killed (CLIENT
// KILL, this run's connections only) misses nothing published meanwhile, and a process cut off from
// Redis for seconds (through a TCP proxy) keeps accepting marks and serving its own screens, and
// catches up with the others once Redis is back.
// Needs PostgreSQL (DATABASE_URL, or PG_ADMIN_URL / the local default) and Redis (REDIS_URL, default
// redis://127.0.0.1:6379). CLUSTER_SEED=<n> replays a run's plan of marks.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from 'redis';
import { ChangeFeed, type ClusterMessage } from '../realtime/change-feed.ts';
import type { Redis } from '../realtime/redis-client.ts';
import type { EventFile } from '../../shared/event-file/schema.ts';
import type { ImportResult, Leaderboard, MarkResponse, MarksResponse, SessionResponse } from '../../shared/api.ts';
import { ADMIN_PASSWORD, api, uuid } from './harness.ts';
import { expectBoardsMatchMarks } from './board-check.ts';
import { JUDGES, faultEvent, pinOf, planMarks, seeded } from './faults/fault-event.ts';
import { JudgeOutbox } from './faults/judge-outbox.ts';
import { BoardWatcher } from './cluster/watcher.ts';
import {
  freePortInRange,
  freshPostgres,
  redisAdmin,
  redisProxy,
  startClusterServer,
  stopClusterServer,
  type ClusterServer,
} from './cluster/cluster-processes.ts';
import { REDIS_URL, postgresServer, redisServer, skipWithout } from './services-available.ts';
import type { EventOverview } from '../../shared/admin-api.ts';

const SEED = Number(process.env.CLUSTER_SEED ?? 3_2025);
const PER_JUDGE = 30;
const skip = await skipWithout(import.meta.url, postgresServer(), redisServer());
const STREAM = `jiangxin-test-${process.pid}-${uuid().slice(0, 8)}`;

let db: Awaited<ReturnType<typeof freshPostgres>> | null = null;
let redis: Awaited<ReturnType<typeof redisAdmin>> | null = null;
/** Process B reaches Redis through this proxy, so a test can take Redis away from B alone. */
let proxy: Awaited<ReturnType<typeof redisProxy>> | null = null;
let servers: ClusterServer[] = [];
let adminToken = '';
const watchers: BoardWatcher[] = [];
const rand = seeded(SEED);

beforeAll(async () => {
  db = await freshPostgres();
  redis = await redisAdmin(REDIS_URL, STREAM);
  const ports = new Set<number>();
  proxy = await redisProxy(await freePortInRange(ports), REDIS_URL);
  const start = async (redisUrl = REDIS_URL) =>
    startClusterServer({ port: await freePortInRange(ports), databaseUrl: db!.url, redisUrl, stream: STREAM });
  // The first process creates the tables (migrations); the others start on them together.
  const a = await start();
  servers = [a];
  servers.push(...(await Promise.all([start(proxy.url), start()])));
  const login = await api(a.base).post<SessionResponse>('/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  expect(login.status).toBe(200);
  adminToken = login.body.token;
}, 120_000);

afterAll(async () => {
  for (const w of watchers) w.close();
  // SIGTERM: each process closes Socket.IO and its Redis connections and exits 0.
  const codes = await Promise.all(servers.map((s) => stopClusterServer(s)));
  await proxy?.close();
  await redis?.close();
  await db?.drop();
  expect(codes, servers.map((s) => s.stderr()).join('\n')).toEqual(servers.map(() => 0));
}, 60_000);

const admin = (s: ClusterServer) => api(s.base, adminToken);

async function importEvent(s: ClusterServer, open: boolean) {
  const file = faultEvent(uuid().slice(0, 8));
  const res = await admin(s).post<ImportResult>('/events', file);
  expect(res.status).toBe(201);
  const eventId = res.body.id;
  const contestId = res.body.contests[0]!.id;
  if (open) expect((await admin(s).post(`/contests/${contestId}/state`, { to: 'scoring' })).status).toBe(200);
  return { file, eventId, contestId };
}

function watch(s: ClusterServer, contestId: string, audience: 'organiser' | 'public'): BoardWatcher {
  const w = new BoardWatcher(s.base, contestId, audience === 'organiser' ? adminToken : undefined);
  watchers.push(w);
  return w;
}

/** Every judge's tablet sends its marks (a third one at a time, the rest in batches) to `serverOf(judge)`. */
async function markConcurrently(
  ev: { eventId: string; contestId: string },
  serverOf: (i: number) => ClusterServer,
  during?: () => Promise<void>,
) {
  const clients = JUDGES.map((judge, i) => {
    const base = serverOf(i).base;
    return new JudgeOutbox({
      base,
      judge,
      contestId: ev.contestId,
      marks: planMarks(rand, PER_JUDGE),
      random: rand,
      batchSize: i % 3 === 0 ? 1 : 2 + Math.floor(rand() * 10),
      login: async () => {
        const r = await api(base).post<SessionResponse>('/auth/judge', { event: ev.eventId, judge, pin: pinOf(judge) });
        if (r.status !== 200) throw new Error(`judge sign-in ${r.status}`);
        return r.body.token;
      },
    });
  });
  await Promise.all([...clients.map((c) => c.run()), during?.()]);
  for (const c of clients) {
    expect([...c.refused.values()], 'no mark refused').toEqual([]);
    expect(c.acks.size).toBe(PER_JUDGE);
    expect(
      c.answers.filter((a) => a.status !== 200 && a.status !== 201),
      'every request answered at once',
    ).toEqual([]);
  }
  return clients.length * PER_JUDGE;
}

/**
 * The end state: on every process GET /leaderboard equals the recomputation from the stored marks
 * and the other processes' boards; every watcher holds exactly its audience's board of its process.
 */
async function expectExactEverywhere(contestId: string, file: EventFile, screens: BoardWatcher[]) {
  const contest = file.contests[0]!;
  const boards = [];
  for (const s of servers) boards.push(await expectBoardsMatchMarks(s.base, adminToken, contestId, contest));
  for (const b of boards.slice(1)) {
    expect(b.organiser).toEqual(boards[0]!.organiser);
    expect(b.pub).toEqual(boards[0]!.pub);
  }
  for (const w of screens) {
    const want = (await api(w.base, w.token).get<Leaderboard>(`/contests/${contestId}/leaderboard`)).body;
    await w.reach(want.seq, `the watcher on ${w.base} reaching the final board`);
    expect(w.board).toEqual(want);
    expect(w.disconnects).toBe(0);
  }
  return boards[0]!;
}

describe.skipIf(skip)('three server processes sharing realtime through Redis', () => {
  it("starts each process in Redis mode on the run's own stream", () => {
    for (const s of servers) expect(s.stdout()).toContain(`realtime: Redis streams adapter at redis://`);
    for (const s of servers) expect(s.stdout()).toContain(`(stream "${STREAM}")`);
  });

  it('marks sent to one process reach the watchers on the two others, which end on the exact board', async () => {
    const [a, b, c] = servers as [ClusterServer, ClusterServer, ClusterServer];
    const ev = await importEvent(a, true);
    const screens = [
      watch(b, ev.contestId, 'public'),
      watch(b, ev.contestId, 'organiser'),
      watch(c, ev.contestId, 'public'),
      watch(c, ev.contestId, 'organiser'),
    ];
    await Promise.all(screens.map((w) => w.watch()));
    const started = performance.now();
    const total = await markConcurrently(ev, () => a);
    const final = await expectExactEverywhere(ev.contestId, ev.file, screens);
    const ms = performance.now() - started;
    expect(final.marks.length).toBe(total);
    // Boards arrived as they changed, not only once at the end; and each process sent only to its own
    // sockets: every delta followed the board its socket held (one relayed from another process,
    // computed against what that process last sent, would break the chain and force a resync).
    for (const w of screens) expect(w.updates.length).toBeGreaterThan(3);
    expect(screens.map((w) => w.resyncs)).toEqual(screens.map(() => 0));
    // The console on A counts the public screens of B and C.
    const overview = await admin(a).get<EventOverview>(`/events/${ev.eventId}/overview`);
    expect(overview.status).toBe(200);
    expect(overview.body.contests[0]!.screens).toBe(2);
    console.log(
      `[scale-out] ${total} marks to process A (seed ${SEED}) in ${Math.round(ms)} ms incl. the final check; ` +
        `updates per watcher on B/C: ${screens.map((w) => w.updates.length).join(', ')}; resyncs: ${screens.map((w) => w.resyncs).join(', ')}`,
    );
  }, 90_000);

  it('marks spread over all three processes, with watchers on all three: all end equal', async () => {
    const ev = await importEvent(servers[1]!, true);
    const screens = servers.flatMap((s) => [watch(s, ev.contestId, 'public'), watch(s, ev.contestId, 'organiser')]);
    await Promise.all(screens.map((w) => w.watch()));
    const total = await markConcurrently(ev, (i) => servers[i % 3]!);
    const final = await expectExactEverywhere(ev.contestId, ev.file, screens);
    expect(final.marks.length).toBe(total);
    expect(screens.map((w) => w.resyncs)).toEqual(screens.map(() => 0));
  }, 90_000);

  it('a freeze and a state change made on one process reach watchers on another', async () => {
    const [a, b] = servers as [ClusterServer, ClusterServer];
    const ev = await importEvent(a, true);
    const pub = watch(b, ev.contestId, 'public');
    const org = watch(b, ev.contestId, 'organiser');
    await Promise.all([pub.watch(), org.watch()]);
    const judge = (
      await api(a.base).post<SessionResponse>('/auth/judge', { event: ev.eventId, judge: 'j01', pin: pinOf('j01') })
    ).body.token;
    const mark = async (contestant: string, value: number) => {
      const r = await api(a.base, judge).post<MarkResponse>(`/contests/${ev.contestId}/marks`, {
        contestant,
        criterion: 'exam',
        value,
        clientId: uuid(),
      });
      expect(r.status).toBe(201);
      return r.body.seq as number;
    };
    const before = await mark('F001', 70);
    await pub.reach(before, 'the public board on B before the freeze');
    expect((await admin(a).post(`/contests/${ev.contestId}/freeze`, { frozen: true })).status).toBe(200);
    await pub.reach(before, 'the freeze on B', (board) => board.frozen === true);
    const after = await mark('F002', 90);
    await org.reach(after, 'the organiser board on B after the freeze');
    expect(pub.board!.seq).toBe(before); // the public board stays at the freeze
    expect((await admin(a).post(`/contests/${ev.contestId}/state`, { to: 'review' })).status).toBe(200);
    await pub.reach(before, 'the state change on B (public)', (board) => board.state === 'review');
    await org.reach(after, 'the state change on B (organiser)', (board) => board.state === 'review');
    await expectExactEverywhere(ev.contestId, ev.file, [pub, org]);
  }, 60_000);

  it('an edit of a contest in setup made on one process is seen by the others, which forget what they cached', async () => {
    const [a, b, c] = servers as [ClusterServer, ClusterServer, ClusterServer];
    const ev = await importEvent(a, false);
    const org = watch(b, ev.contestId, 'organiser');
    await org.watch();
    // C has the definition cached too (read once), without a watcher.
    expect((await admin(c).get<Leaderboard>(`/contests/${ev.contestId}/leaderboard`)).body.rows).toHaveLength(30);
    const edited = structuredClone(ev.file);
    const contest = edited.contests[0]!;
    contest.contestants[0]!.name = '改名选手';
    contest.contestants.push({
      bib: 'F031',
      name: '新增选手',
      organisation: 'o1',
    } as (typeof contest.contestants)[number]);
    const res = await admin(a).call('PUT', `/events/${ev.eventId}`, edited);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const renamed = (board: Leaderboard) =>
      board.rows.some((r) => r.bib === 'F001' && r.name === '改名选手') && board.rows.some((r) => r.bib === 'F031');
    await org.reach(0, 'the edit on the watcher on B', renamed);
    for (const s of servers)
      expect(renamed((await admin(s).get<Leaderboard>(`/contests/${ev.contestId}/leaderboard`)).body)).toBe(true);
    expect(org.board).toEqual((await admin(b).get<Leaderboard>(`/contests/${ev.contestId}/leaderboard`)).body);
  }, 60_000);

  it("a sign-out on one process closes that session's screens on another and ends it there at once", async () => {
    const [a, b, c] = servers as [ClusterServer, ClusterServer, ClusterServer];
    const ev = await importEvent(a, true);
    const login = await api(a.base).post<SessionResponse>('/auth/login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    const token = login.body.token;
    // C has the session cached (its cache would otherwise trust it for 5 s from now).
    const cachedAt = Date.now();
    expect((await api(c.base, token).get<MarksResponse>(`/contests/${ev.contestId}/marks`)).status).toBe(200);
    const screen = new BoardWatcher(b.base, ev.contestId, token);
    watchers.push(screen);
    await screen.watch();
    const closed = new Promise<string>((resolve) => screen.socket.once('disconnect', resolve));
    expect((await api(a.base, token).post('/auth/logout')).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    // Refused on C before its session cache would have expired (5 s after cachedAt).
    await vi.waitFor(
      async () =>
        expect((await api(c.base, token).get<MarksResponse>(`/contests/${ev.contestId}/marks`)).status).toBe(401),
      { timeout: Math.max(0, cachedAt + 4_000 - Date.now()), interval: 50 },
    );
  }, 60_000);

  it('a process whose Redis connections are killed mid-run misses nothing that was published meanwhile', async () => {
    const [a, b, c] = servers as [ClusterServer, ClusterServer, ClusterServer];
    const ev = await importEvent(a, true);
    const screens = [
      watch(b, ev.contestId, 'public'),
      watch(b, ev.contestId, 'organiser'),
      watch(c, ev.contestId, 'organiser'),
    ];
    await Promise.all(screens.map((w) => w.watch()));
    let kills = 0;
    const killWhileMarking = async () => {
      // B's connections five times while marks flow, A's (the sender's) twice.
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 150 + rand() * 250));
        kills += await redis!.killConnectionsOf(b.child.pid!);
        if (i % 2 === 1) kills += await redis!.killConnectionsOf(a.child.pid!);
      }
    };
    await markConcurrently(ev, () => a, killWhileMarking);
    // Last, with nothing after it to make up for a lost notice: B is cut off, then A commits a mark
    // and publishes it before B can be back (its first reconnection waits 100 ms).
    kills += await redis!.killConnectionsOf(b.child.pid!);
    const judge = (
      await api(a.base).post<SessionResponse>('/auth/judge', { event: ev.eventId, judge: 'j02', pin: pinOf('j02') })
    ).body.token;
    const last = await api(a.base, judge).post<MarkResponse>(`/contests/${ev.contestId}/marks`, {
      contestant: 'F030',
      criterion: 'exam',
      value: 99,
      clientId: uuid(),
    });
    expect(last.status).toBe(201);
    await screens[1]!.reach(last.body.seq, "B's organiser board after its Redis connections were killed");
    await expectExactEverywhere(ev.contestId, ev.file, screens);
    expect(kills).toBeGreaterThanOrEqual(6);
    expect(b.stdout()).toMatch(/\[realtime\] Redis at .+ connected again/);
    expect((await redis!.connectionsOf(b.child.pid!)).length).toBeGreaterThanOrEqual(4);
  }, 90_000);

  it('a process cut off from Redis keeps taking marks and serving its own screens, and catches up once Redis is back', async () => {
    const [a, b, c] = servers as [ClusterServer, ClusterServer, ClusterServer];
    const ev = await importEvent(a, true);
    const onB = watch(b, ev.contestId, 'organiser');
    const screens = [
      onB,
      watch(b, ev.contestId, 'public'),
      watch(a, ev.contestId, 'organiser'),
      watch(c, ev.contestId, 'public'),
    ];
    await Promise.all(screens.map((w) => w.watch()));
    const cutAt = b.stdout().length;
    proxy!.cut();
    const started = performance.now();
    // Half the judges mark through A, half through B, while B has no Redis at all.
    await markConcurrently(ev, (i) => (i % 2 ? a : b));
    const judge = (
      await api(b.base).post<SessionResponse>('/auth/judge', { event: ev.eventId, judge: 'j03', pin: pinOf('j03') })
    ).body.token;
    const mark = await api(b.base, judge).post<MarkResponse>(`/contests/${ev.contestId}/marks`, {
      contestant: 'F010',
      criterion: 'exam',
      value: 42,
      clientId: uuid(),
    });
    expect(mark.status).toBe(201);
    // B's own screens follow B's marks without Redis (and with them A's, read from the database by seq).
    await onB.reach(mark.body.seq, 'the organiser board on B while B is cut off from Redis');
    const overview = await admin(b).get<EventOverview>(`/events/${ev.eventId}/overview`);
    expect(overview.status).toBe(200);
    const outageMs = performance.now() - started;
    expect(b.stdout().slice(cutAt)).toMatch(/\[realtime\] Redis at .+; retrying/);
    expect(b.stdout().slice(cutAt)).not.toMatch(/connected again/);
    proxy!.restore();
    await expectExactEverywhere(ev.contestId, ev.file, screens);
    expect(b.stdout().slice(cutAt)).toMatch(/connected again/);
    console.log(
      `[scale-out] B without Redis for ${Math.round(outageMs)} ms: 361 marks through A and B, all screens exact after it came back`,
    );
  }, 90_000);
});

describe.skipIf(skip)('the change feed between processes', () => {
  it('skips a copy of an entry, and reports a gap when entries were trimmed away before it read them', async () => {
    const key = `${STREAM}:unit`;
    const cutOff = await redisProxy(await freePortInRange(new Set()), REDIS_URL);
    const clients: Redis[] = [];
    const client = async (url: string) => {
      const c: Redis = createClient({ url, socket: { reconnectStrategy: 50 } });
      c.on('error', () => {});
      await c.connect();
      clients.push(c);
      return c;
    };
    const got: ClusterMessage[] = [];
    let gaps = 0;
    const sender = new ChangeFeed(
      await client(REDIS_URL),
      await client(REDIS_URL),
      key,
      1000,
      { message: () => {}, gap: () => {} },
      () => {},
    );
    const receiver = new ChangeFeed(
      await client(REDIS_URL),
      await client(cutOff.url),
      key,
      1000,
      {
        message: (m) => void got.push(m),
        gap: () => void gaps++,
      },
      () => {},
    );
    const admin = await client(REDIS_URL);
    try {
      await Promise.all([sender.start(), receiver.start()]);
      const received = (n: number) => vi.waitFor(() => expect(got).toHaveLength(n), { timeout: 5000 });
      // publish() is fire and forget: wait until the entry is in the stream (what the cut receiver will miss).
      const stored = (n: number) => vi.waitFor(async () => expect(await admin.xLen(key)).toBe(n), { timeout: 5000 });
      sender.publish({ kind: 'changed', contest: 'c1' });
      await received(1);
      // The same entry again (as after an XADD whose reply was lost): skipped.
      const [entry] = await admin.xRevRange(key, '+', '-', { COUNT: 1 });
      await admin.xAdd(key, '*', { ...entry!.message });
      // The receiver is cut off while two entries are written and trimmed away, then one more.
      cutOff.cut();
      sender.publish({ kind: 'changed', contest: 'c2' });
      await stored(3);
      sender.publish({ kind: 'invalidated', contest: 'c3' });
      await stored(4);
      await admin.xTrim(key, 'MAXLEN', 0);
      sender.publish({ kind: 'session-ended', tokenHash: 'h4' });
      await stored(1);
      cutOff.restore();
      await received(2);
      expect(got).toEqual([
        { kind: 'changed', contest: 'c1' },
        { kind: 'session-ended', tokenHash: 'h4' },
      ]);
      expect(gaps).toBe(1);
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
      await admin.del(key);
      for (const c of clients) c.destroy();
      await Promise.all([sender.stopped(), receiver.stopped()]);
      await cutOff.close();
    }
  }, 30_000);
});
