// No one where they do not belong: every HTTP endpoint the app registers, called as every kind of
// caller (authz/matrix.ts), gets exactly the answer the table gives; a refused caller changes
// nothing; and on the /live socket only organisers receive the boards the public must not see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../db/schema/index.ts';
import { createApp } from '../app.ts';
import type { BackupService } from '../backup/service.ts';
import { api, startTestServer, uuid, type TestServer } from './harness.ts';
import { ROLES, makeFixture, type Fixture, type Role, type Stage } from './authz/fixture.ts';
import { MATRIX, type Call, type Case, type Cells, type Outcome } from './authz/matrix.ts';
import type {
  ApiError,
  BatchResponse,
  ContestDetail,
  EventSummary,
  Leaderboard,
  MarkResponse,
  MarksResponse,
} from '../../shared/api.ts';
import type { AuditPage } from '../../shared/admin-api.ts';
import type { EventAppeals } from '../../shared/appeals-api.ts';
import type { BackupsResponse } from '../../shared/backups-api.ts';

let s: TestServer;
let backups: BackupService | null = null;
const backupDir = mkdtempSync(join(tmpdir(), 'jx-authz-'));
const shared = new Map<string, Promise<Fixture>>();
const sockets: Socket[] = [];

beforeAll(async () => {
  s = await startTestServer();
}, 60_000);
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await backups?.stop();
  await s?.stop();
  rmSync(backupDir, { recursive: true, force: true });
});

type FixtureStage = Case['stage'];

/** One fixture per stage for the calls that change nothing for good (and for every refused call). */
function sharedFixture(stage: FixtureStage): Promise<Fixture> {
  let f = shared.get(stage);
  if (!f) {
    f = build(stage);
    shared.set(stage, f);
  }
  return f;
}

async function build(stage: FixtureStage, roles: readonly Role[] = ROLES): Promise<Fixture> {
  if (stage === 'backups') {
    const f = { ...(await sharedFixture('certified')) };
    const opts = { dataDir: backupDir, intervalMs: 3_600_000, keep: 5, settleMs: 50, log: () => {} };
    backups ??= await s.services.backups.start(opts);
    if (backups.enabled) f.snapshot = (await backups.takeNow()).file;
    return f;
  }
  if (stage === 'archive') {
    // The archive of an event "from another machine": exported here, then removed from this database.
    const f = { ...(await sharedFixture('certified')) };
    const gone = await makeFixture(s, 'setup', []);
    const res = await fetch(`${s.url}/api/v1/events/${gone.eventId}/archive`, {
      headers: { authorization: `Bearer ${s.adminToken}` },
    });
    if (res.status !== 200) throw new Error(`archive: HTTP ${res.status}`);
    f.archive = new Uint8Array(await res.arrayBuffer());
    f.archivedEvent = gone.eventId;
    await s.db.db.delete(events).where(eq(events.id, gone.eventId));
    return f;
  }
  return makeFixture(s, stage as Stage, roles);
}

interface Reply {
  status: number;
  json: unknown;
}

async function send(method: string, call: Call, token: string | undefined): Promise<Reply> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let body: BodyInit | undefined;
  if (call.raw) {
    headers['content-type'] = call.raw.type;
    body = call.raw.bytes as BodyInit;
  } else if (call.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body);
  }
  const res = await fetch(`${s.url}${call.path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json };
}

/** What a refused call must not have changed, as an organiser sees it. */
async function stateOf(f: Fixture) {
  const admin = api(s.url, s.adminToken);
  const out: Record<string, unknown> = {};
  for (const id of [f.lathe, f.weld]) {
    const c = (await admin.get<ContestDetail>(`/contests/${id}`)).body;
    out[id] = {
      state: c.state,
      seq: c.seq,
      frozen: c.frozen,
      marks: (await admin.get<MarksResponse>(`/contests/${id}/marks`)).body.marks?.length,
    };
  }
  out.audit = (await admin.get<AuditPage>(`/events/${f.eventId}/audit`)).body.entries?.length;
  out.file = (await admin.get(`/events/${f.eventId}/file`)).body;
  out.appeals = (await admin.get<EventAppeals>(`/events/${f.eventId}/appeals`)).body.appeals?.map(
    (a) => `${a.id}:${a.status}`,
  );
  out.settings = (await admin.get(`/events/${f.eventId}/settings`)).body;
  // Other test files may share the database: only events this fixture's calls would have made count.
  out.events = (await admin.get<EventSummary[]>('/events')).body
    .filter((e) => e.name.includes(f.eventId) || e.id === f.archivedEvent)
    .map((e) => e.id);
  out.snapshots = (await admin.get<BackupsResponse>('/backups')).body.snapshots?.length;
  out.judgeSession = (await api(s.url, f.tokens.judge).get('/auth/me')).status; // PINs reset ends it
  return out;
}

const patternOf = (route: string) =>
  new RegExp(
    `^${route
      .split(' ')[1]!
      .replace(/:[a-z]+/g, '[^/]+')
      .replace(/\./g, '\\.')}$`,
  );

function problemOf(outcome: Outcome, r: Reply): string | null {
  const body = r.json as Partial<BatchResponse & ApiError> | null;
  if (outcome === 'ok')
    return r.status >= 200 && r.status < 300
      ? null
      : `expected 2xx, got ${r.status} ${JSON.stringify(r.json)?.slice(0, 200)}`;
  if (outcome === 'itemsRefused') {
    const results = body?.results ?? [];
    return r.status === 200 && results.length > 0 && results.every((x) => x.status === 403)
      ? null
      : `expected 200 with every entry refused (403), got ${r.status} ${JSON.stringify(r.json)?.slice(0, 200)}`;
  }
  if (r.status !== outcome) return `expected ${outcome}, got ${r.status} ${JSON.stringify(r.json)?.slice(0, 200)}`;
  // A refusal has the one error shape (CONTRACT §2).
  return typeof body?.error?.code === 'string' && typeof body?.error?.message === 'string'
    ? null
    : `refusal without the error shape: ${JSON.stringify(r.json)}`;
}

const registered = () =>
  createApp(s.services)
    // Middleware and the catch-all fallbacks are registered as ALL …/*; an endpoint is anything else.
    .routes.filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
    .map((r) => `${r.method} ${r.path}`);

describe('the authorization matrix', () => {
  it('has exactly one row for every registered route', () => {
    const routes = registered();
    const rows = MATRIX.map((r) => r.route);
    expect(new Set(rows).size, 'a route has two rows').toBe(rows.length);
    expect(
      routes.filter((r) => !rows.includes(r)),
      'registered routes without a row in authz/matrix.ts',
    ).toEqual([]);
    expect(
      rows.filter((r) => !routes.includes(r)),
      'rows naming a route the app no longer has',
    ).toEqual([]);
    for (const row of MATRIX)
      expect(row.route.startsWith('GET /') || row.route.split(' ')[1]!.startsWith('/api/'), row.route).toBe(true);
  });

  it('gives every role on every route exactly the answer in the table, and a refused call changes nothing', async () => {
    const problems: string[] = [];
    let cells = 0;
    // Snapshots are started for the last group only: they would otherwise follow every state change.
    const ordered = MATRIX.flatMap((row) => row.cases.map((c) => ({ row, c }))).sort(
      (a, b) => Number(a.c.stage === 'backups') - Number(b.c.stage === 'backups'),
    );
    for (const { row, c } of ordered) {
      const method = row.route.split(' ')[0]!;
      const expected: Cells = typeof c.cells === 'function' ? c.cells(s.services.dbKind) : c.cells;
      const refused = ROLES.filter((r) => expected[r] !== 'ok');
      const allowed = ROLES.filter((r) => expected[r] === 'ok');
      const label = (role: Role) => `${row.route} [${c.name}] as ${role}`;
      const run = async (f: Fixture, role: Role) => {
        const call = c.call(f, role);
        if (!patternOf(row.route).test(call.path.split('?')[0]!))
          problems.push(`${label(role)}: ${call.path} is not this route`);
        const token = c.freshSession ? await f.freshToken(role) : f.tokens[role];
        const problem = problemOf(expected[role], await send(method, call, token));
        if (problem) problems.push(`${label(role)}: ${problem}`);
        cells++;
      };
      // Refused callers first, on the stage's shared fixture: they must leave it exactly as it was.
      const base = await sharedFixture(c.stage);
      const before = method === 'GET' ? null : await stateOf(base);
      for (const role of refused) await run(base, role);
      if (before) {
        const after = await stateOf(base);
        const changed = Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
        // A refusal that is not 4xx may have acted (the organiser's 409 with snapshots off acts on nothing either).
        if (changed.length)
          problems.push(
            `${row.route} [${c.name}]: refused calls (${refused.join(', ')}) changed ${changed.join(', ')}`,
          );
      }
      for (const role of allowed) await run(c.fixture === 'fresh' ? await build(c.stage, [role]) : base, role);
    }
    const cases = ordered.length;
    console.log(
      `authorization matrix: ${MATRIX.length} routes (${cases} cases) × ${ROLES.length} roles = ${cells} cells`,
    );
    expect(cells).toBe(cases * ROLES.length);
    expect(problems).toEqual([]);
  }, 180_000);
});

// ---- the /live namespace (CONTRACT §8) ----

interface Audience {
  name: string;
  organiser: boolean; // expected to receive organisers' boards
  opts(f: Fixture): { auth?: Record<string, string>; cookie?: string };
}

const AUDIENCES: Audience[] = [
  { name: 'anonymous', organiser: false, opts: () => ({}) },
  ...(['judge', 'otherJudge', 'shadow', 'chief'] as const).map((role) => ({
    name: role,
    organiser: false,
    opts: (f: Fixture) => ({ auth: { token: f.tokens[role]! } }),
  })),
  { name: 'judge cookie', organiser: false, opts: (f: Fixture) => ({ cookie: `jx_session=${f.tokens.chief}` }) },
  { name: 'organiser', organiser: true, opts: () => ({ auth: { token: s.adminToken } }) },
  { name: 'organiser cookie', organiser: true, opts: () => ({ cookie: `jx_session=${s.adminToken}` }) },
  // The venue screen in a browser an organiser signed in on asks for the public board.
  {
    name: 'organiser cookie, public screen',
    organiser: false,
    opts: () => ({ cookie: `jx_session=${s.adminToken}`, auth: { audience: 'public' } }),
  },
];

function connect(o: { auth?: Record<string, string>; cookie?: string }): Socket {
  const so = io(`${s.url}/live`, {
    transports: ['websocket'],
    reconnection: false,
    ...(o.auth ? { auth: o.auth } : {}),
    ...(o.cookie ? { extraHeaders: { cookie: o.cookie } } : {}),
  });
  sockets.push(so);
  return so;
}

const watch = (so: Socket, contest: string) =>
  so.timeout(5000).emitWithAck('watch', { contest }) as Promise<Leaderboard & { error?: { code: string } }>;

describe('who gets which board on the /live socket', () => {
  it('gives organisers the live, named boards and everyone else the frozen public boards with stations; unwatch stops updates', async () => {
    const f = await makeFixture(s, 'scoring');
    const setup = await sharedFixture('setup');
    const admin = api(s.url, s.adminToken);
    // weld is blind: until certified, the public sees stations. Freeze it, then a mark the public must not see.
    expect((await admin.post(`/contests/${f.weld}/freeze`, { frozen: true })).status).toBe(200);
    expect(
      (
        await api(s.url, f.tokens.otherJudge).post(`/contests/${f.weld}/marks`, {
          contestant: 'B02',
          criterion: 'exam',
          value: 50,
          clientId: uuid(),
        })
      ).status,
    ).toBe(201);
    const organiserBoard = (await admin.get<Leaderboard>(`/contests/${f.weld}/leaderboard`)).body;
    const publicBoard = (await api(s.url).get<Leaderboard>(`/contests/${f.weld}/leaderboard`)).body;
    expect(organiserBoard.rows.find((r) => r.bib === 'B02')?.total).toBe(50);
    expect(publicBoard.rows.find((r) => r.bib === 'S-02')?.total).toBe(0);
    const hidden = ['赵强', '钱芳', '北方机械厂', '南方电气公司', 'north', 'south', 'B01', 'B02'];

    let cells = 0;
    const watchers: { a: Audience; so: Socket; got: Leaderboard[] }[] = [];
    for (const a of AUDIENCES) {
      const so = connect(a.opts(f));
      const got: Leaderboard[] = [];
      so.on('leaderboard', (u: Leaderboard) => got.push(u));
      const board = await watch(so, f.weld);
      if (a.organiser) {
        expect(board, a.name).toEqual(organiserBoard);
      } else {
        expect(board, a.name).toEqual(publicBoard);
        for (const word of hidden) expect(JSON.stringify(board), `${a.name} sees "${word}"`).not.toContain(word);
      }
      // A contest still in setup has no public board.
      const early = await watch(so, setup.lathe);
      if (a.organiser) expect(early.rows, a.name).toBeDefined();
      else expect(early, a.name).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      // Watching lathe then unwatching it: its updates stop.
      expect((await watch(so, f.lathe)).rows, a.name).toBeDefined();
      expect(await so.timeout(5000).emitWithAck('unwatch', { contest: f.lathe }), a.name).toEqual({ ok: true });
      watchers.push({ a, so, got });
      cells += 3;
    }
    const control = connect({});
    const controlUpdate = new Promise((r) => control.once('leaderboard', r));
    await watch(control, f.lathe);

    // A change on each contest: organisers see weld move; the public's frozen weld board does not; nobody who
    // unwatched lathe hears of it.
    const late = await api(s.url, f.tokens.otherJudge).post<MarkResponse>(`/contests/${f.weld}/marks`, {
      contestant: 'B01',
      criterion: 'exam',
      value: 75,
      clientId: uuid(),
    });
    expect(late.status).toBe(201);
    expect(
      (
        await api(s.url, f.tokens.judge).post(`/contests/${f.lathe}/marks`, {
          contestant: 'A02',
          criterion: 'exam',
          value: 64,
          clientId: uuid(),
        })
      ).status,
    ).toBe(201);
    await controlUpdate;
    for (const w of watchers.filter((x) => x.a.organiser)) {
      await received(
        w.so,
        w.got,
        (u) => u.contest === f.weld && u.seq >= late.body.seq,
        `${w.a.name} gets the live weld board`,
      );
    }
    // A round trip on each socket: anything the server sent before it has arrived.
    for (const w of watchers) await watch(w.so, f.weld);
    for (const w of watchers) {
      expect(
        w.got.filter((u) => u.contest === f.lathe),
        `${w.a.name} unwatched lathe`,
      ).toEqual([]);
      if (!w.a.organiser) {
        const text = JSON.stringify(w.got);
        for (const word of [...hidden, '"total":75']) expect(text, `${w.a.name} hears "${word}"`).not.toContain(word);
      }
    }
    console.log(
      `socket matrix: ${AUDIENCES.length} audiences × 3 (watch frozen blind board, watch a contest in setup, unwatch) = ${cells} cells`,
    );
  }, 60_000);
});

/** Resolves when the socket has received (or receives) an update that passes `pred`. */
function received(so: Socket, got: Leaderboard[], pred: (u: Leaderboard) => boolean, what: string): Promise<void> {
  if (got.some(pred)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), 5000);
    const on = (u: Leaderboard) => {
      if (!pred(u)) return;
      clearTimeout(timer);
      so.off('leaderboard', on);
      resolve();
    };
    so.on('leaderboard', on);
  });
}
