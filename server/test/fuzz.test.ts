// Property-based fuzzing of every endpoint (read from the app's own route table) and of every
// /live socket event, as an organiser, a chief judge, a judge and anonymously: no answer is a
// 500 or another error shape, none hangs, and afterwards the server is healthy and no board,
// mark, state, event file or audit entry of the event under attack changed. Fixed seeds: a
// failure prints the seed and the shrunk case, and reruns the same.
import fc from 'fast-check';
import { connect as netConnect } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  refusalOf,
  issuesOf,
} from './harness.ts';
import type {
  ApiError,
  BatchResponse,
  ContestDetail,
  Leaderboard,
  MarkResponse,
  MarksResponse,
  SessionResponse,
} from '../../shared/api.ts';
import { expectRefusal, expectSafe, send, sendOversized } from './fuzz/expect.ts';
import { bodyLimitOf, endpointsOf, fill, pathParams, templates, type Endpoint, type Ids } from './fuzz/routes.ts';
import { jsonText, nastyString, pathSegment, queryString } from './fuzz/values.ts';
import type { AuditVerification } from '../../shared/admin-api.ts';

const SEED = 6_2024;
const BODY_RUNS = 12; // per body route and role
const PATH_RUNS = 6; // per route and role

let s: TestServer;
let ev: Awaited<ReturnType<typeof importAndOpen>>;
let ids: Ids;
let roles: { name: string; token?: string; logoutToken?: string }[];
let before: unknown;
let cases = 0;
let victimTimer: ReturnType<typeof api>;

async function snapshot() {
  const admin = ev.admin;
  const out: Record<string, unknown> = {};
  for (const c of ev.contests) {
    out[c.code] = {
      organiser: (await admin.get<Leaderboard>(`/contests/${c.id}/leaderboard`)).body,
      public: (await api(s.url).get<Leaderboard>(`/contests/${c.id}/leaderboard`)).body,
      marks: (await admin.get<MarksResponse>(`/contests/${c.id}/marks`)).body,
      contest: (await admin.get<ContestDetail>(`/contests/${c.id}`)).body,
    };
  }
  out.file = (await admin.get(`/events/${ev.id}/file`)).body;
  out.audit = (await admin.get<AuditVerification>(`/events/${ev.id}/audit/verify`)).body;
  out.settings = (await admin.get(`/events/${ev.id}/settings`)).body;
  return out;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  '',
  'application/json; charset="\u00e9"',
];

beforeAll(async () => {
  s = await startTestServer();
  ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
  const victim = await importAndOpen(s, exampleEvent('new-economy-contest'));
  ids = {
    event: ev.id,
    contest: ev.contestId('courier'),
    victimEvent: victim.id,
    victimContest: victim.contestId('courier'),
  };
  victimTimer = api(s.url, await victim.judgeToken('c-timer'));
  const timer = api(s.url, await ev.judgeToken('c-timer'));
  for (const [bib, value] of [
    ['C001', 80],
    ['C002', 65.5],
  ] as const) {
    expect(
      (
        await timer.post<MarkResponse>(`/contests/${ids.contest}/marks`, {
          contestant: bib,
          criterion: 'exam',
          value,
          clientId: uuid(),
        })
      ).status,
    ).toBe(201);
  }
  // Sign-ins first: fuzzing /auth/* runs into the failed-attempt limit for this address.
  const login = async () =>
    (await api(s.url).post<SessionResponse>('/auth/login', { username: 'admin', password: 'test-admin-password' })).body
      .token;
  roles = [
    { name: 'organiser', token: s.adminToken, logoutToken: await login() },
    { name: 'chief judge', token: await ev.judgeToken('c-chief'), logoutToken: await ev.judgeToken('c-j3') },
    { name: 'judge', token: await ev.judgeToken('c-timer'), logoutToken: await ev.judgeToken('c-j4') },
    { name: 'anonymous' },
  ];
  before = await snapshot();
});
afterAll(async () => {
  console.log(`[fuzz] ${cases} fuzz cases ran (seed ${SEED})`);
  await s?.stop();
});

const bodyRoutes = () =>
  endpointsOf(s.services).filter((e) => e.method === 'POST' || e.method === 'PUT' || e.method === 'PATCH');
const keyOf = (e: Endpoint) => `${e.method} ${e.pattern}`;

describe('the route table', () => {
  it('every route that takes a body has a template to fuzz from', () => {
    const all = endpointsOf(s.services);
    expect(all.length).toBeGreaterThan(40);
    const missing = bodyRoutes()
      .map(keyOf)
      .filter((k) => !(k in templates(ids)));
    expect(missing, 'add a body template in server/test/fuzz/routes.ts').toEqual([]);
  });
});

describe('a batch with unstorable text in some entries (CONTRACT §6: each entry judged alone)', () => {
  it('refuses only those entries, with their path, and stores the others', async () => {
    const good = (bib: string) => ({ contestant: bib, criterion: 'exam', value: 70, clientId: uuid() });
    const entries = [
      good('C001'),
      { ...good('C002'), note: 'bad \u0000 note' },
      good('C003'),
      { ...good('C004'), contestant: 'C\ud800' },
      JSON.parse(
        '{"contestant": "C005", "criterion": "exam", "value": 1, "clientId": "' + uuid() + '", "x\\u0000": 1}',
      ),
      { ...good('C006'), note: '\udc00' },
    ];
    const r = await victimTimer.post<BatchResponse>(`/contests/${ids.victimContest}/marks/batch`, { marks: entries });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.results.map((x) => x.status)).toEqual([201, 400, 201, 400, 400, 400]);
    expect(r.body.results.map((x) => x.clientId)).toEqual(entries.map((e) => e.clientId));
    const unstorable = (path: string) => [{ path, code: 'unstorable', message: expect.stringMatching(/NUL/) }];
    expect(r.body.results[1]!.error).toMatchObject({ code: 'validation_failed', issues: unstorable('note') });
    expect(r.body.results[3]!.error!.issues).toEqual(unstorable('contestant'));
    expect(r.body.results[4]!.error!.issues).toEqual(unstorable('x\u0000'));
    expect(r.body.results[5]!.error!.issues).toEqual(unstorable('note'));
    const marks = (await api(s.url, s.adminToken).get<MarksResponse>(`/contests/${ids.victimContest}/marks`)).body
      .marks;
    expect(marks.map((m) => m.contestant).sort()).toEqual(['C001', 'C003']);
    // Outside the entries, unstorable text still refuses the whole body.
    const outer = await victimTimer.post<BatchResponse>(
      `/contests/${ids.victimContest}/marks/batch`,
      '{"marks": [], "x\\u0000": 1}',
    );
    expectRefusal(outer, 400);
    expect(issuesOf(outer)).toEqual(unstorable('x\u0000'));
    expectRefusal(
      await victimTimer.post<BatchResponse>(`/contests/${ids.victimContest}/marks/batch`, '{"marks": "\\u0000"}'),
      400,
    );
  });
});

describe('HTTP fuzzing', () => {
  it('random bodies and content types on every POST/PUT route, for every role', { timeout: 240_000 }, async () => {
    const tpl = templates(ids);
    let n = 0;
    for (const e of bodyRoutes()) {
      const path = fill(e.pattern, pathParams(e, ids));
      const keys = Object.keys(tpl[keyOf(e)] ?? {});
      for (const role of roles) {
        const token = e.pattern === '/api/v1/auth/logout' ? role.logoutToken : role.token;
        await fc.assert(
          fc.asyncProperty(jsonText(keys), fc.constantFrom(...CONTENT_TYPES), async (body, type) => {
            cases++;
            const r = await send(s.url, e.method, path, { token, body, headers: type ? { 'content-type': type } : {} });
            expectSafe(r);
          }),
          { numRuns: BODY_RUNS, seed: SEED + n++, endOnFailure: true },
        );
      }
    }
  });

  it('random path parameters and query strings on every route, for every role', { timeout: 240_000 }, async () => {
    const tpl = templates(ids);
    let n = 0;
    for (const e of endpointsOf(s.services)) {
      const names = [...e.pattern.matchAll(/:([a-z]+)/g)].map((m) => m[1]!);
      // A valid body plus one unknown field: never stored, whatever the address.
      const body = e.method === 'GET' ? undefined : JSON.stringify({ ...tpl[keyOf(e)], extra: 1 });
      for (const role of roles) {
        if (e.pattern === '/api/v1/auth/logout' && role.token) continue; // would sign the role out
        const segments = fc.tuple(...names.map(() => fc.oneof(pathSegment, fc.constant(''))));
        await fc.assert(
          fc.asyncProperty(segments, fc.option(queryString, { nil: undefined }), async (values, query) => {
            cases++;
            const params = {
              ...pathParams(e, ids),
              ...Object.fromEntries(names.map((k, i) => [k, values[i] || pathParams(e, ids)[k]!])),
            };
            const path = fill(e.pattern, params) + (query === undefined ? '' : `?${query}`);
            const r = await send(s.url, e.method, path, {
              token: role.token,
              body,
              headers: body ? { 'content-type': 'application/json' } : {},
            });
            expectSafe(r);
          }),
          { numRuns: names.length || e.method === 'GET' ? PATH_RUNS : 2, seed: SEED + 1000 + n++, endOnFailure: true },
        );
      }
    }
  });

  it(
    'bodies over the limit are 413 on every POST/PUT route (16 MB for files, 1 MB otherwise), before who is asking',
    { timeout: 120_000 },
    async () => {
      for (const e of bodyRoutes()) {
        const path = fill(e.pattern, pathParams(e, ids));
        const limit = bodyLimitOf(e);
        for (const token of [s.adminToken, undefined]) {
          cases++;
          const r = await sendOversized(s.url, e.method, path, limit + 1, token);
          expectRefusal(r, 413);
          expect(refusalOf(r).code).toBe('payload_too_large');
        }
        // Just under the limit is not refused for its size.
        if (limit === 1024 * 1024) {
          cases++;
          const token = e.pattern === '/api/v1/auth/logout' ? undefined : s.adminToken; // a signed-in logout would end the session
          const r = await send(s.url, e.method, path, {
            token,
            body: JSON.stringify({ pad: 'x'.repeat(limit - 100) }),
            headers: { 'content-type': 'application/json' },
          });
          expectSafe(r);
          expect(r.status).not.toBe(413);
        }
      }
      // Without a Content-Length (chunked) the limits hold too, for a small and a large route.
      for (const [path, limit] of [
        [`/api/v1/contests/${ids.contest}/marks`, 1024 * 1024],
        ['/api/v1/events', 16 * 1024 * 1024],
      ] as const) {
        cases++;
        const chunk = new TextEncoder().encode('x'.repeat(256 * 1024));
        let sent = 0;
        const stream = new ReadableStream({
          pull: (c) => (sent++ * chunk.length <= limit ? c.enqueue(chunk) : c.close()),
        });
        const res = await fetch(`${s.url}${path}`, {
          method: 'POST',
          body: stream,
          duplex: 'half',
          headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/json' },
          signal: AbortSignal.timeout(30_000),
        } as RequestInit);
        expectRefusal({ status: res.status, body: await res.json() }, 413);
      }
    },
  );
});

describe("requests that Node's HTTP parser refuses", () => {
  it('an address too long and malformed HTTP are answered in the error shape too', async () => {
    cases += 3;
    const long = await send(s.url, 'GET', `/api/v1/events?q=${'x'.repeat(20_000)}`);
    expectRefusal(long, 431);
    expect(refusalOf(long).code).toBe('payload_too_large');
    for (const raw of ['GET /api/v1/events HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'NOT-HTTP\r\n\r\n']) {
      const reply = await new Promise<string>((resolve, reject) => {
        const sock = netConnect(s.port, '127.0.0.1', () => sock.end(raw));
        let text = '';
        sock
          .on('data', (d) => (text += d.toString('utf8')))
          .on('end', () => resolve(text))
          .on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400 /);
      expectRefusal({ status: 400, body: JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) }, 400);
    }
  });
});

describe('realtime fuzzing (/live, CONTRACT §8)', () => {
  const connect = (auth?: Record<string, unknown>) =>
    io(`${s.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, ...(auth ? { auth } : {}) });
  const connected = (so: Socket) =>
    new Promise<boolean>((resolve) => {
      so.on('connect', () => resolve(true)).on('connect_error', () => resolve(false));
    });
  const isBoard = (a: unknown) => {
    const b = a as Partial<Leaderboard> | null;
    return !!b && typeof b.contest === 'string' && typeof b.seq === 'number' && Array.isArray(b.rows);
  };
  const isError = (a: unknown) => {
    const e = a as Partial<ApiError> | null;
    return (
      !!e &&
      !!e.error &&
      typeof e.error.code === 'string' &&
      typeof e.error.message === 'string' &&
      Object.keys(e).length === 1
    );
  };

  it(
    'random handshakes, events and payloads get a board or an error, never a crash',
    { timeout: 120_000 },
    async () => {
      const payload = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        nastyString,
        fc.record({ contest: fc.oneof(nastyString, fc.constantFrom(ids.contest, ids.victimContest, 'nope')) }),
        fc.record({ contest: fc.constant(ids.contest), extra: fc.jsonValue({ maxDepth: 1 }) }),
        fc.constantFrom(
          { __proto__: { contest: ids.contest } },
          JSON.parse('{"__proto__": {"contest": "x"}}'),
          Object.create(null),
        ),
      );
      const token = fc.oneof(
        fc.constantFrom(undefined, '', 'x'.repeat(10_000), 'a\u0000b', '\ud800', s.adminToken),
        fc.jsonValue({ maxDepth: 1 }),
      );
      const handshake = fc.record(
        { token, audience: fc.oneof(fc.constantFrom('public', 'organiser', undefined), nastyString) },
        { requiredKeys: [] },
      );
      const emit = fc.record({
        event: fc.oneof(
          fc.constantFrom('watch', 'unwatch', 'watch', 'leaderboard', 'disconnect', 'hasOwnProperty', '__proto__'),
          nastyString,
        ),
        payload,
        ack: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(handshake, fc.array(emit, { minLength: 1, maxLength: 6 }), async (auth, emits) => {
          const so = connect(auth);
          try {
            if (!(await connected(so))) {
              cases++;
              return; // a refused handshake (a bad token) is an answer too
            }
            for (const { event, payload: p, ack } of emits) {
              cases++;
              // Names socket.io reserves make the client throw: those never reach the server.
              if (
                ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'].includes(
                  event,
                )
              )
                continue;
              if (ack && (event === 'watch' || event === 'unwatch')) {
                const a = await so.timeout(5000).emitWithAck(event, p);
                expect(isBoard(a) || isError(a) || (event === 'unwatch' && a?.ok === true), JSON.stringify(a)).toBe(
                  true,
                );
              } else so.emit(event, p);
            }
            // The socket still serves a valid request after all that.
            const board = await so.timeout(5000).emitWithAck('watch', { contest: ids.contest });
            expect(isBoard(board), JSON.stringify(board)).toBe(true);
          } finally {
            so.close();
          }
        }),
        { numRuns: 60, seed: SEED + 2000, endOnFailure: true },
      );
    },
  );

  it(
    'malformed packets, deep nesting and oversized frames only cost the sender its connection',
    { timeout: 60_000 },
    async () => {
      const frames = [
        '42/live,[',
        '42/live,["watch"',
        '42/live,{"a":1}',
        '42/live,7["watch",' + '['.repeat(50_000) + ']'.repeat(50_000) + ']',
        '42/live,8["watch",{"contest":"' + 'x'.repeat(60_000) + '"}]',
        '42/live,9["watch",{"contest":"a\\u0000"}]',
        '4X',
        '9',
        '',
        '451-/live,["watch",{"_placeholder":true,"num":0}]',
        '42/live,99999999999999999999["watch",{"contest":"x"}]',
        '42/live,["watch",{"__proto__":{"contest":"' + ids.contest + '"}}]',
        '42/nope,["watch",{}]',
        '40/live,' + '{"token":'.repeat(1000),
      ];
      for (const frame of [...frames, 'x'.repeat(200_000)]) {
        cases++;
        const so = connect();
        expect(await connected(so)).toBe(true);
        const closed = new Promise<void>((resolve) => so.io.engine.on('close', () => resolve()));
        so.io.engine.write(frame);
        // Either the server answers nothing (ignored) or drops this connection; wait for a round trip.
        const alive = await Promise.race([
          so
            .timeout(3000)
            .emitWithAck('watch', { contest: ids.contest })
            .then(
              () => true,
              () => false,
            ),
          closed.then(() => false),
        ]);
        if (!alive) expect(so.connected).toBe(false);
        so.close();
      }
      // A new connection is served.
      const so = connect();
      expect(await connected(so)).toBe(true);
      expect(isBoard(await so.timeout(5000).emitWithAck('watch', { contest: ids.contest }))).toBe(true);
      so.close();
    },
  );
});

describe('afterwards', () => {
  it('the server is healthy, judges still signed in, and nothing of the event changed', async () => {
    const health = await send(s.url, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true });
    expect((await send(s.url, 'GET', '/metrics', { token: s.adminToken })).status).toBe(200);
    for (const role of roles.filter((r) => r.token))
      expect((await send(s.url, 'GET', '/api/v1/auth/me', { token: role.token })).status, role.name).toBe(200);
    expect(await snapshot()).toEqual(before);
  });
});
