// Signing in and who may do what (CONTRACT §3): organiser and judge logins, rate limits,
// expiry and logout, roles, anonymous callers, and the web app's session cookie.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { hashSecret } from '../domain/auth/auth.ts';
import {
  ADMIN_PASSWORD,
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  type Reply,
  refusalOf,
} from './harness.ts';
import type { ContestDetail, SessionResponse } from '../../shared/api.ts';

let s: TestServer;
let ev: Awaited<ReturnType<typeof importAndOpen>>;
let courier: string;
beforeAll(async () => {
  s = await startTestServer();
  ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
  courier = ev.contestId('courier');
});
afterAll(async () => s?.stop());
afterEach(() => {
  vi.useRealTimers();
});

const anon = () => api(s.url);
const login = (username: string, password: string) =>
  anon().post<SessionResponse>('/auth/login', { username, password });
const judgeLogin = (judge: string, pin: string, event = ev.id) =>
  anon().post<SessionResponse>('/auth/judge', { event, judge, pin });
/** 401 in the error shape; `reason` (CONTRACT §2 v1.1 params) tells a wrong secret from a missing session. */
const expect401 = (r: Reply<unknown>, reason?: string) => {
  expect(r.status).toBe(401);
  const { params, ...rest } = refusalOf(r);
  expect(rest).toEqual({ code: 'unauthorized', message: expect.any(String) });
  if (reason) expect(params).toEqual({ reason });
};
async function newOrganiser() {
  const username = `org-${uuid().slice(0, 8)}`;
  await s.db.db.insert(users).values({ username, passwordHash: await hashSecret('pass-word') });
  return username;
}

describe('sign-in', () => {
  it('signs an organiser in, and refuses a wrong password or an unknown user with 401', async () => {
    const ok = await login('admin', ADMIN_PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ token: expect.any(String), role: 'organiser', expiresAt: expect.any(String) });
    expect(new Date(ok.body.expiresAt).toISOString()).toBe(ok.body.expiresAt);
    expect(Date.parse(ok.body.expiresAt)).toBeGreaterThan(Date.now());
    expect((await api(s.url, ok.body.token).get('/auth/me')).body).toMatchObject({
      role: 'organiser',
      username: 'admin',
    });
    expect401(await login('admin', 'not-the-password'), 'wrong_password');
    expect401(await login('nobody-here', ADMIN_PASSWORD), 'wrong_password');
  });

  it('signs a judge in with event, code and PIN, and refuses a wrong one with 401', async () => {
    const ok = await judgeLogin('c-chief', '486692');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      token: expect.any(String),
      role: 'judge',
      expiresAt: expect.any(String),
      judge: { code: 'c-chief', name: '高军', chief: true },
    });
    const j = await judgeLogin('c-j2', '453642');
    expect(j.body.judge).toMatchObject({ code: 'c-j2', name: '姚秀兰', chief: false });
    expect401(await judgeLogin('c-j2', '453643'), 'wrong_pin');
    expect401(await judgeLogin('c-nobody', '453642'), 'wrong_pin');
    expect401(await judgeLogin('c-j2', '453642', 'e-nope'), 'wrong_pin');
  });

  it('answers 429 with Retry-After after repeated failures for one account, even with the right secret', async () => {
    let status = 0;
    let tries = 0;
    for (; tries < 10 && status !== 429; tries++) status = (await judgeLogin('c-j3', '000000')).status;
    expect(status).toBe(429);
    expect(tries).toBeGreaterThan(3); // a few mistakes are allowed
    const locked = await judgeLogin('c-j3', '847376');
    expect(locked.status).toBe(429);
    expect(refusalOf(locked).code).toBe('rate_limited');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
    expect((await judgeLogin('c-j4', '278064')).status).toBe(200); // other accounts are not locked
    const username = await newOrganiser();
    for (let i = 0; i < tries - 1; i++) expect401(await login(username, 'wrong'), 'wrong_password');
    const organiserLocked = await login(username, 'pass-word');
    expect(organiserLocked.status).toBe(429);
    expect(Number(organiserLocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('sessions', () => {
  it('refuses a token that is invalid, malformed or expired with 401', async () => {
    for (const token of ['not-a-token', 'x'.repeat(500), s.adminToken.slice(0, -2)]) {
      expect401(await api(s.url, token).get('/auth/me'));
      expect401(await api(s.url, token).get(`/events/${ev.id}/file`));
    }
    // A malformed Authorization header is no sign-in at all.
    expect401(await anon().call('GET', `/events/${ev.id}/file`, undefined, { authorization: 'Basic YWRtaW46eA==' }));
    const organiser = (await login('admin', ADMIN_PASSWORD)).body.token;
    const judge = (await judgeLogin('c-j1', '374656')).body.token;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 12 * 3600_000 + 60_000); // past the organiser session
    expect401(await api(s.url, organiser).get('/auth/me'));
    expect((await api(s.url, judge).get('/auth/me')).status).toBe(200);
    vi.setSystemTime(Date.now() + 12 * 3600_000); // past the judge session too
    expect401(await api(s.url, judge).get('/auth/me'));
  });

  it('revokes the token on logout', async () => {
    for (const token of [
      (await login('admin', ADMIN_PASSWORD)).body.token,
      (await judgeLogin('c-j1', '374656')).body.token,
    ]) {
      const me = api(s.url, token);
      expect((await me.get('/auth/me')).status).toBe(200);
      expect(await me.post('/auth/logout')).toMatchObject({ status: 200, body: { ok: true } });
      expect401(await me.get('/auth/me'));
      expect401(await me.get(`/contests/${courier}/marks`));
      expect401(await me.post('/auth/logout'));
    }
    expect((await api(s.url, s.adminToken).get('/auth/me')).status).toBe(200); // other sessions live on
  });
});

describe('roles', () => {
  it('keeps judges from organiser work with 403', async () => {
    for (const code of ['c-j2', 'c-chief']) {
      const judge = api(s.url, await ev.judgeToken(code));
      expect((await judge.post('/events', exampleEvent('wire-rope-contest'))).status).toBe(403);
      expect((await judge.post(`/contests/${ev.contestId('rider')}/state`, { to: 'review' })).status).toBe(403);
      expect((await judge.post(`/contests/${courier}/freeze`, { frozen: true })).status).toBe(403);
      expect((await judge.get(`/events/${ev.id}/audit`)).status).toBe(403);
      expect((await judge.get(`/events/${ev.id}/audit/verify`)).status).toBe(403);
      expect((await judge.get(`/events/${ev.id}/file`)).status).toBe(403);
    }
    const j2 = api(s.url, await ev.judgeToken('c-j2'));
    expect((await j2.post(`/contests/${courier}/state`, { to: 'review' })).status).toBe(403);
    expect((await j2.get(`/contests/${courier}/marks`)).status).toBe(403);
    expect(
      (
        await j2.post(`/contests/${ev.contestId('rider')}/marks`, {
          contestant: 'R001',
          criterion: 'exam',
          value: 1,
          clientId: uuid(),
        })
      ).status,
    ).toBe(403);
    expect((await api(s.url, await ev.judgeToken('c-chief')).get(`/contests/${courier}/marks`)).status).toBe(200);
    expect((await ev.admin.get(`/contests/${courier}`)).body).toMatchObject({ state: 'scoring', frozen: false });
  });

  it('asks anonymous callers to sign in (401) for everything but the public reads', async () => {
    const mark = { contestant: 'C001', criterion: 'exam', value: 1, clientId: uuid() };
    const writes: [string, unknown][] = [
      ['/events', exampleEvent('wire-rope-contest')],
      [`/contests/${courier}/state`, { to: 'review' }],
      [`/contests/${courier}/flags`, { contestant: 'C001', criterion: 'packing', reason: 'r' }],
      [`/contests/${courier}/freeze`, { frozen: true }],
      [`/contests/${courier}/marks`, mark],
      [`/contests/${courier}/marks/batch`, { marks: [mark] }],
      ['/auth/logout', {}],
    ];
    for (const [path, body] of writes) expect401(await anon().post(path, body));
    for (const path of [
      `/contests/${courier}/marks`,
      `/events/${ev.id}/file`,
      `/events/${ev.id}/audit`,
      `/events/${ev.id}/audit/verify`,
      '/auth/me',
    ]) {
      expect401(await anon().get(path));
    }
    for (const path of [
      '/events',
      `/events/${ev.id}`,
      `/events/${ev.id}/teams`,
      `/contests/${courier}`,
      `/contests/${courier}/leaderboard`,
    ]) {
      expect((await anon().get(path)).status, path).toBe(200);
    }
  });
});

describe('session cookie', () => {
  it('works for reads, and refuses a cookie-authenticated write without a same-site Origin (403)', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^jx_session=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    const withCookie = (headers: Record<string, string> = {}) => ({ cookie, ...headers });
    expect((await anon().call('GET', '/auth/me', undefined, withCookie())).body).toMatchObject({ role: 'organiser' });
    expect((await anon().call('GET', `/events/${ev.id}/file`, undefined, withCookie())).status).toBe(200);
    const freeze = (headers: Record<string, string>) =>
      anon().post(`/contests/${courier}/freeze`, { frozen: true }, withCookie(headers));
    const crossSite: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const r = await freeze(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(refusalOf(r).code).toBe('forbidden');
    }
    expect((await ev.admin.get<ContestDetail>(`/contests/${courier}`)).body.frozen).toBe(false);
    expect((await freeze({ origin: s.url })).status).toBe(200);
    expect((await ev.admin.get<ContestDetail>(`/contests/${courier}`)).body.frozen).toBe(true);
    await ev.admin.post(`/contests/${courier}/freeze`, { frozen: false });
    // A judge's cookie is held to the same rule.
    const jc = (await judgeLogin('c-timer', '977148')).headers.get('set-cookie')!.split(';')[0]!;
    const m = { contestant: 'C001', criterion: 'exam', value: 50, clientId: uuid() };
    expect((await anon().post(`/contests/${courier}/marks`, m, { cookie: jc })).status).toBe(403);
    expect((await anon().post(`/contests/${courier}/marks`, m, { cookie: jc, origin: s.url })).status).toBe(201);
    const out = await anon().post('/auth/logout', undefined, { cookie, origin: s.url });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/jx_session=;/);
    expect401(await anon().call('GET', '/auth/me', undefined, withCookie()));
  });

  it('limits failures from one client across accounts (429)', async () => {
    // Runs last: it uses up this client's failures for the rest of the file's server.
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) status = (await login(`ghost-${i}`, 'x')).status;
    expect(status).toBe(429);
    const r = await login('admin', ADMIN_PASSWORD);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
