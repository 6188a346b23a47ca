// Sign-in limits (issue 12, items 1, 8 and 10): every attempt is counted before its secret is checked,
// in a store all server instances share, so simultaneous guesses are limited like sequential ones;
// an attack slows the attacker without keeping out the account's holder (trusted devices, backoff
// that ends); TRUST_PROXY decides whether X-Forwarded-For tells clients apart; unknown accounts take
// an argon2 verification too. `auth.secretChecks` counts real verifications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_POLICY } from '../domain/auth/sign-in-guard.ts';
import { hashSecret } from '../domain/auth/auth.ts';
import { newDeviceCookie, trustedDevice } from '../domain/auth/trusted-device.ts';
import { clientOf, parseTrustProxy } from '../http/proxy-trust.ts';
import { readConfig } from '../config.ts';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import {
  ADMIN_PASSWORD,
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  refusalOf,
} from './harness.ts';
import { freshPostgres, redisAdmin } from './cluster/cluster-processes.ts';

/**
 * Secret checks one account allows within `ms`: the free attempts, then one at a time with a doubling
 * wait between them (6 for a burst answered within the first wait).
 */
function allowedWithin(ms: number): number {
  const { freeAttempts, backoffSeconds, maxBackoffSeconds } = SIGN_IN_POLICY;
  let allowed = freeAttempts + 1;
  for (let at = 0, k = 0; (at += Math.min(backoffSeconds * 2 ** k, maxBackoffSeconds) * 1000) <= ms; k++) allowed++;
  return allowed;
}
const PIN_J2 = '453642';

let s: TestServer;
let plain: TestServer;
let ev: Awaited<ReturnType<typeof importAndOpen>>;
beforeAll(async () => {
  // Behind one trusted proxy: X-Forwarded-For says which client each request is from.
  s = await startTestServer({ trustProxy: parseTrustProxy('1') });
  ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
  plain = await startTestServer({ db: s.db });
});
afterAll(async () => {
  await plain?.stop();
  await s?.stop();
});

let nextAddress = 1;
/** A client address of its own (documentation ranges, never contacted: only written in headers). */
const newClient = () => `198.51.${100 + Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
const from = (client: string, cookie?: string) => ({ 'x-forwarded-for': client, ...(cookie ? { cookie } : {}) });

const judgeLogin = (server: TestServer, judge: string, pin: string, headers: Record<string, string> = {}) =>
  api(server.url).post('/auth/judge', { event: ev.id, judge, pin }, headers);
const adminLogin = (password: string, headers: Record<string, string> = {}) =>
  api(s.url).post('/auth/login', { username: 'admin', password }, headers);

type Answer = { status: number; headers: Headers };

async function secretChecksDuring(servers: TestServer[], attack: () => Promise<Answer[]>) {
  const before = servers.reduce((n, x) => n + x.services.auth.secretChecks, 0);
  const started = performance.now();
  const answers = await attack();
  const allowed = allowedWithin(performance.now() - started);
  const checked = servers.reduce((n, x) => n + x.services.auth.secretChecks, 0) - before;
  return { checked, allowed, answers };
}

function expectRefusedWithRetryAfter(answers: Answer[], checked: number) {
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((st) => st === 401).length).toBe(checked);
  expect(statuses.filter((st) => st === 429).length).toBe(answers.length - checked);
  for (const a of answers.filter((x) => x.status === 429)) {
    expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
  }
}

describe('attempts are counted before the secret is checked', () => {
  // From one address, and from 400 addresses (phones on the venue Wi-Fi).
  const attackers = [
    ['c-j1', 'one address', () => '203.0.113.7'],
    ['c-j2', '400 addresses', newClient],
  ] as const;
  for (const [judge, clients, address] of attackers) {
    it(`checks only the allowed number of 400 simultaneous wrong PINs for one judge, from ${clients}`, async () => {
      const { checked, allowed, answers } = await secretChecksDuring([s], () =>
        Promise.all(Array.from({ length: 400 }, (_, i) => judgeLogin(s, judge, String(100000 + i), from(address())))),
      );
      expect(checked).toBeLessThanOrEqual(allowed);
      expect(checked).toBeGreaterThan(0);
      expectRefusedWithRetryAfter(answers, checked);
    }, 120_000);
  }

  it('checks only the allowed number of 60 simultaneous wrong passwords; a trusted device signs in', async () => {
    const device = await adminLogin(ADMIN_PASSWORD, from(newClient()));
    expect(device.status).toBe(200);
    const cookie = device.headers
      .getSetCookie()
      .find((c) => c.startsWith('jx_device_'))!
      .split(';')[0]!;
    const { checked, allowed, answers } = await secretChecksDuring([s], () =>
      Promise.all(Array.from({ length: 60 }, (_, i) => adminLogin(`guess-${i}`, from(newClient())))),
    );
    expect(checked).toBeLessThanOrEqual(allowed);
    expectRefusedWithRetryAfter(answers, checked);
    // During the attack: the holder's device signs in; a stranger with the right password waits.
    expect((await adminLogin(ADMIN_PASSWORD, from(newClient(), cookie))).status).toBe(200);
    // The attack goes on (this guess takes the account's turn if the burst outlasted the last wait).
    expect([401, 429]).toContain((await adminLogin('guess-more', from(newClient()))).status);
    const stranger = newClient();
    const waiting = await adminLogin(ADMIN_PASSWORD, from(stranger));
    expect(waiting.status).toBe(429);
    expect(refusalOf(waiting)).toMatchObject({ code: 'rate_limited', params: { seconds: expect.any(Number) } });
    const wait = Number(waiting.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_POLICY.maxBackoffSeconds);
    // Once the backoff has passed, the stranger with the right password is let in.
    await expect
      .poll(async () => (await adminLogin(ADMIN_PASSWORD, from(stranger))).status, {
        timeout: (wait + 5) * 1000,
        interval: 500,
      })
      .toBe(200);
    // That sign-in ended the backoff: the next one is let in at once.
    expect((await adminLogin(ADMIN_PASSWORD, from(newClient()))).status).toBe(200);
  });
});

describe('device cookies', () => {
  it('mark a device only for the account whose secret signed them, and only while that secret holds', async () => {
    const hash = await hashSecret('right-password');
    const cookie = newDeviceCookie(hash, 'user:admin');
    expect(trustedDevice(hash, 'user:admin', cookie)).toBe(cookie.split('.')[0]);
    const forged = `${cookie.slice(0, -4)}AAAA`;
    for (const [secretHash, account, value] of [
      [hash, 'user:admin', forged],
      [hash, 'user:other', cookie],
      [await hashSecret('new-password'), 'user:admin', cookie],
      [hash, 'user:admin', undefined],
      [hash, 'user:admin', 'not a cookie'],
    ] as const) {
      expect(trustedDevice(secretHash, account, value)).toBeUndefined();
    }
  });
});

describe('limits shared by server instances', () => {
  /** 400 wrong PINs for one judge, spread over the instances, from 400 addresses. */
  async function spreadAttack(servers: TestServer[], event: string, judge: string) {
    const guess = (i: number) =>
      api(servers[i % servers.length]!.url).post('/auth/judge', { event, judge, pin: `${2e5 + i}` }, from(newClient()));
    const attack = () => Promise.all(Array.from({ length: 400 }, (_, i) => guess(i)));
    const { checked, allowed, answers } = await secretChecksDuring(servers, attack);
    expect(checked).toBeLessThanOrEqual(allowed);
    expectRefusedWithRetryAfter(answers, checked);
  }

  it('hold across two instances on one PostgreSQL database', async () => {
    const pg = await freshPostgres();
    const open = () => createDb({ databaseUrl: pg.url, maxConnections: 4 });
    const handles = [await open(), await open()];
    const namespace = `deployment-${uuid()}`;
    const trustProxy = parseTrustProxy('1');
    const start = (db: DbHandle) => startTestServer({ db, trustProxy, signInNamespace: namespace });
    const servers = await Promise.all(handles.map(start));
    try {
      await spreadAttack(servers, (await importAndOpen(servers[0]!, exampleEvent('new-economy-contest'))).id, 'c-j2');
    } finally {
      for (const server of servers) await server.stop();
      for (const db of handles) await db.close();
      await pg.drop();
    }
  }, 120_000);

  it('hold across two instances sharing Redis', async () => {
    const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
    const namespace = `jiangxin-test-${process.pid}-${uuid().slice(0, 8)}`;
    const redis = await redisAdmin(url, namespace);
    const options = { db: s.db, redisUrl: url, signInNamespace: namespace, trustProxy: parseTrustProxy('1') };
    const servers = await Promise.all([0, 1].map(() => startTestServer(options)));
    try {
      await spreadAttack(servers, ev.id, 'c-chief');
    } finally {
      for (const server of servers) await server.stop();
      await redis.close();
    }
  }, 120_000);
});

describe('TRUST_PROXY', () => {
  /** Wrong PINs for accounts that do not exist, from one client, until that client is refused. */
  async function exhaust(server: TestServer, client: string) {
    let status = 0;
    for (let i = 0; i < SIGN_IN_POLICY.addressFailures + 5 && status !== 429; i++) {
      status = (await judgeLogin(server, `ghost-${uuid().slice(0, 8)}`, '000000', from(client))).status;
    }
    return status;
  }

  it('gives two clients behind the trusted proxy separate buckets', async () => {
    const [a, b] = [newClient(), newClient()];
    expect(await exhaust(s, a)).toBe(429);
    expect((await judgeLogin(s, 'c-j3', '000000', from(a))).status).toBe(429);
    expect((await judgeLogin(s, 'c-j3', '000000', from(b))).status).toBe(401);
    expect((await judgeLogin(s, 'c-j3', '847376', from(b))).status).toBe(200);
  });

  it('is off by default: X-Forwarded-For is ignored and the connection address counts', async () => {
    expect(await exhaust(plain, newClient())).toBe(429);
    const other = await judgeLogin(plain, 'c-j4', '278064', from(newClient()));
    expect(other.status).toBe(429);
  });
});

describe('TRUST_PROXY setting', () => {
  it("is a number of hops or the proxies' addresses; anything else stops the start", () => {
    expect(readConfig({}).trustProxy).toBeUndefined();
    expect(readConfig({ TRUST_PROXY: '0' }).trustProxy).toBeUndefined();
    const chain = '192.0.2.9, 203.0.113.5, 10.0.0.7';
    expect(clientOf(readConfig({ TRUST_PROXY: '1' }).trustProxy, '10.0.0.2', chain)).toBe('10.0.0.7');
    expect(clientOf(readConfig({ TRUST_PROXY: '2' }).trustProxy, '10.0.0.2', chain)).toBe('203.0.113.5');
    const listed = readConfig({ TRUST_PROXY: '10.0.0.0/24, ::1' }).trustProxy;
    expect(clientOf(listed, '::ffff:10.0.0.2', chain)).toBe('203.0.113.5');
    expect(clientOf(listed, '198.51.100.4', chain)).toBe('198.51.100.4'); // not from a listed proxy
    expect(clientOf(undefined, '198.51.100.4', chain)).toBe('198.51.100.4');
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0.1/8/1', '99']) {
      expect(() => readConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('unknown accounts', () => {
  it('are checked against a stand-in hash, so an unknown judge code takes as long as a wrong PIN', async () => {
    const time = async (judge: string) => {
      const before = s.services.auth.secretChecks;
      const started = performance.now();
      const r = await judgeLogin(s, judge, '000000', from(newClient()));
      const ms = performance.now() - started;
      expect(r.status).toBe(401);
      expect(s.services.auth.secretChecks - before, judge).toBe(1);
      return ms;
    };
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time('c-timer'));
      unknown.push(await time(`c-nobody-${i}`));
    }
    // argon2 takes ~20 ms or more; a skipped verification answers in a few.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});
