// Sessions end when they should, everywhere: an expired or signed-out token opens neither the API
// nor the /live socket; the session cookie is HttpOnly and SameSite; a write carried by the cookie
// from another site is refused on every mutating endpoint the app registers (not one example), and
// a socket from another site's page is refused at the handshake.
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { ADMIN_PASSWORD, api, startTestServer, uuid, type TestServer } from './harness.ts';
import { JUDGE_OF, PINS, makeFixture, type Fixture } from './authz/fixture.ts';
import { MATRIX } from './authz/matrix.ts';
import type { ContestDetail, EventSummary, MarksResponse, SessionResponse } from '../../shared/api.ts';
import type { AuditPage } from '../../shared/admin-api.ts';
import type { EventAppeals } from '../../shared/appeals-api.ts';

let s: TestServer;
let f: Fixture;
const sockets: Socket[] = [];
beforeAll(async () => {
  s = await startTestServer();
  f = await makeFixture(s, 'certified');
}, 90_000);
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s?.stop();
});
afterEach(() => {
  vi.useRealTimers();
});

const anon = () => api(s.url);
const organiserLogin = () =>
  anon().post<SessionResponse>('/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
const judgeLogin = (judge: string) =>
  anon().post<SessionResponse>('/auth/judge', { event: f.eventId, judge, pin: PINS[judge] });
const cookieOf = (r: { headers: Headers }) => r.headers.get('set-cookie')!.split(';')[0]!;

/** Connects to /live; resolves with the socket once connected, or with the handshake's error. */
function handshake(
  o: { token?: string; cookie?: string; origin?: string; transport?: 'websocket' | 'polling' } = {},
): Promise<Socket | Error> {
  const headers: Record<string, string> = {
    ...(o.cookie ? { cookie: o.cookie } : {}),
    ...(o.origin ? { origin: o.origin } : {}),
  };
  const so = io(`${s.url}/live`, {
    transports: [o.transport ?? 'websocket'],
    reconnection: false,
    ...(o.token ? { auth: { token: o.token } } : {}),
    extraHeaders: headers,
  });
  sockets.push(so);
  return new Promise((resolve) => {
    so.once('connect', () => resolve(so));
    so.once('connect_error', (err) => {
      so.disconnect();
      resolve(err);
    });
  });
}

/** Whether a connected socket is served as an organiser: it gets the board of a contest still in setup. */
async function servedAsOrganiser(so: Socket | Error, contest: string): Promise<boolean> {
  if (so instanceof Error) throw so;
  const ack = (await so.timeout(5000).emitWithAck('watch', { contest })) as {
    rows?: unknown;
    error?: { code: string };
  };
  if (ack.error && ack.error.code !== 'forbidden') throw new Error(JSON.stringify(ack));
  return ack.rows !== undefined;
}

describe('session cookies', () => {
  it('are HttpOnly, SameSite=Strict, for the whole site, and end with the session, for organisers and judges', async () => {
    for (const res of [await organiserLogin(), await judgeLogin('a-judge')]) {
      expect(res.status).toBe(200);
      const header = res.headers.get('set-cookie')!;
      const attrs = header.split(';').map((p) => p.trim().toLowerCase());
      expect(attrs[0]).toBe(`jx_session=${res.body.token}`.toLowerCase());
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=strict');
      expect(attrs).toContain('path=/');
      const expires = attrs.find((a) => a.startsWith('expires='));
      expect(Math.abs(Date.parse(expires!.slice(8)) - Date.parse(res.body.expiresAt))).toBeLessThan(1000);
      expect(header.match(/jx_session=/g)).toHaveLength(1);
    }
  });
});

describe('cross-site writes with the session cookie', () => {
  it('are refused (403) on every mutating endpoint, for organiser and judge cookies, before anything changes', async () => {
    const routes = createApp(s.services)
      .routes.filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')) && r.method !== 'GET')
      .map((r) => `${r.method} ${r.path}`);
    // Signing in reads no session: a cookie sent along is not looked at (auth.test.ts), so there is nothing to forge.
    const signIn = ['POST /api/v1/auth/login', 'POST /api/v1/auth/judge'];
    expect(signIn.every((r) => routes.includes(r))).toBe(true);
    const writes = routes
      .filter((r) => !signIn.includes(r))
      .sort((a, b) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')));
    const cookies = { organiser: cookieOf(await organiserLogin()), chief: cookieOf(await judgeLogin(JUDGE_OF.chief)) };
    const foreign: Record<string, string>[] = [
      {}, // no Origin at all (an old browser, a form post that strips it)
      { origin: 'https://evil.example' },
      { origin: 'null' }, // sandboxed frames, file: pages
      { origin: s.url.replace('127.0.0.1', 'localhost') }, // same machine, another site
      { origin: `http://127.0.0.1:${s.port + 1}` }, // another port is another origin
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' }, // a sibling subdomain is not this site
      { origin: 'not a url' },
    ];
    const before = await stateOf();
    let refused = 0;
    const requestOf = (route: string) => {
      const row = MATRIX.find((r) => r.route === route);
      if (!row) throw new Error(`${route} has no row in authz/matrix.ts`);
      const call = row.cases[0]!.call(f, 'organiser');
      return {
        method: route.split(' ')[0]!,
        path: call.path,
        body: call.raw?.bytes ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
      };
    };
    const send = (route: string, headers: Record<string, string>) => {
      const { method, path, body } = requestOf(route);
      return fetch(`${s.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: body as BodyInit | undefined,
      });
    };
    const refusedCrossSite = {
      code: 'forbidden',
      message: 'cross-site request refused',
      params: { reason: 'cross_site' },
    };
    for (const route of writes) {
      for (const [who, cookie] of Object.entries(cookies)) {
        for (const headers of foreign) {
          const res = await send(route, { cookie, ...headers });
          const body = (await res.json()) as { error?: { code: string; message: string } };
          expect({ route, who, headers, status: res.status, body }).toEqual({
            route,
            who,
            headers,
            status: 403,
            body: { error: refusedCrossSite },
          });
          refused++;
        }
      }
    }
    expect(await stateOf()).toEqual(before);
    // The same requests from this site's own pages pass that check (whatever the endpoint then answers).
    for (const route of writes) {
      const res = await send(route, { cookie: cookies.organiser, origin: s.url });
      const body = (await res.json()) as { error?: { message: string } };
      expect(body.error?.message, route).not.toBe('cross-site request refused');
      expect(res.status, route).toBeLessThan(500);
    }
    console.log(
      `cross-site cookie writes refused: ${writes.length} endpoints × 2 cookies × ${foreign.length} origins = ${refused}`,
    );
  }, 90_000);
});

/** What a refused write must not change. */
async function stateOf() {
  const admin = api(s.url, s.adminToken);
  const out: Record<string, unknown> = {};
  for (const id of [f.lathe, f.weld]) {
    const c = (await admin.get<ContestDetail>(`/contests/${id}`)).body;
    out[id] = {
      state: c.state,
      seq: c.seq,
      frozen: c.frozen,
      marks: (await admin.get<MarksResponse>(`/contests/${id}/marks`)).body.marks.length,
    };
  }
  out.audit = (await admin.get<AuditPage>(`/events/${f.eventId}/audit`)).body.entries.length;
  // Other test files may share the database: only events made by calls on this fixture count.
  out.events = (await admin.get<EventSummary[]>('/events')).body.filter((e) => e.name.includes(f.eventId)).length;
  out.file = (await admin.get(`/events/${f.eventId}/file`)).body;
  out.appeals = (await admin.get<EventAppeals>(`/events/${f.eventId}/appeals`)).body.appeals.length;
  out.settings = (await admin.get(`/events/${f.eventId}/settings`)).body;
  return out;
}

describe('the /live handshake', () => {
  it("refuses another site's page and a token that is not valid; accepts this site, and callers without Origin", async () => {
    const setup = await makeFixture(s, 'setup', []);
    for (const transport of ['websocket', 'polling'] as const) {
      for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${s.port + 1}`, 'not a url']) {
        const r = await handshake({ origin, transport });
        expect(r, `${transport} from ${origin}`).toBeInstanceOf(Error);
      }
      // A page from another site cannot borrow the organiser's cookie for the organisers' boards either.
      expect(
        await handshake({ origin: 'https://evil.example', cookie: `jx_session=${s.adminToken}`, transport }),
      ).toBeInstanceOf(Error);
      expect(
        await servedAsOrganiser(
          await handshake({ origin: s.url, cookie: `jx_session=${s.adminToken}`, transport }),
          setup.lathe,
        ),
      ).toBe(true);
      expect(await servedAsOrganiser(await handshake({ transport }), setup.lathe)).toBe(false);
    }
    for (const token of ['not-a-token', s.adminToken.slice(0, -1), 'x'.repeat(300)]) {
      const r = await handshake({ token });
      expect(r).toBeInstanceOf(Error);
      expect((r as Error).message).toMatch(/session|unauthori/i);
    }
  });

  it('refuses a token after sign-out, after a PIN reset and after expiry; a stale organiser cookie gets the public board', async () => {
    const setup = await makeFixture(s, 'setup', []);
    const ev = await makeFixture(s, 'scoring');
    // Signed out: the API and the socket both refuse the token.
    const judge = (
      await anon().post<SessionResponse>('/auth/judge', {
        event: ev.eventId,
        judge: JUDGE_OF.judge,
        pin: PINS[JUDGE_OF.judge],
      })
    ).body.token;
    expect(await servedAsOrganiser(await handshake({ token: judge }), setup.lathe)).toBe(false);
    expect((await api(s.url, judge).post('/auth/logout')).status).toBe(200);
    expect(
      (
        await api(s.url, judge).post(`/contests/${ev.lathe}/marks`, {
          contestant: 'A02',
          criterion: 'exam',
          value: 1,
          clientId: uuid(),
        })
      ).status,
    ).toBe(401);
    expect(await handshake({ token: judge })).toBeInstanceOf(Error);
    const organiser = (await organiserLogin()).body.token;
    const open = await handshake({ token: organiser });
    expect(await servedAsOrganiser(open, setup.lathe)).toBe(true);
    // The connection opened with it ends with the session: no organiser boards after sign-out.
    const closed = new Promise<string>((resolve) => (open as Socket).once('disconnect', resolve));
    expect((await api(s.url, organiser).post('/auth/logout')).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect(await handshake({ token: organiser })).toBeInstanceOf(Error);
    // A signed-out cookie is no session: the screen keeps a public board, never the organisers'.
    expect(await servedAsOrganiser(await handshake({ cookie: `jx_session=${organiser}` }), setup.lathe)).toBe(false);

    // New PINs end the judge's sessions (the card was lost): its old token opens nothing.
    const chief = ev.tokens.chief!;
    expect(
      (await api(s.url, s.adminToken).post(`/events/${ev.eventId}/judges/pins`, { judges: [JUDGE_OF.chief] })).status,
    ).toBe(200);
    expect((await api(s.url, chief).get('/auth/me')).status).toBe(401);
    expect(await handshake({ token: chief })).toBeInstanceOf(Error);

    // Expired: past the organiser's 12 h, then past the judge's 24 h.
    const organiser2 = (await organiserLogin()).body.token;
    const judge2 = ev.tokens.shadow!;
    expect(await servedAsOrganiser(await handshake({ token: organiser2 }), setup.lathe)).toBe(true);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 12 * 3600_000 + 60_000);
    expect((await api(s.url, organiser2).get('/auth/me')).status).toBe(401);
    expect(await handshake({ token: organiser2 })).toBeInstanceOf(Error);
    expect(await servedAsOrganiser(await handshake({ cookie: `jx_session=${organiser2}` }), setup.lathe)).toBe(false);
    expect(await handshake({ token: judge2 })).not.toBeInstanceOf(Error);
    vi.setSystemTime(Date.now() + 12 * 3600_000);
    expect((await api(s.url, judge2).get('/judge/sheet')).status).toBe(401);
    expect(await handshake({ token: judge2 })).toBeInstanceOf(Error);
  });
});
