// Hostile input on every endpoint of CONTRACT §3–§9: nothing a client sends gives a 500, every
// refusal has the one error shape (§2), and afterwards the server is healthy and no board changed.
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  exampleEvent,
  importAndOpen,
  startTestServer,
  uuid,
  type TestServer,
  issuesOf,
  refusalOf,
} from './harness.ts';
import type { ContestDetail, Leaderboard, MarksResponse, BatchResponse, ImportResult } from '../../shared/api.ts';
import { expectRefusal, expectSafe } from './fuzz/expect.ts';

let s: TestServer;
let ev: Awaited<ReturnType<typeof importAndOpen>>;
let courier: string;
let rider: string;
let before: Awaited<ReturnType<typeof snapshot>>;

/** What a contest looks like to the organiser and the public. */
interface ContestSeen {
  rows: Leaderboard['rows'];
  publicRows: Leaderboard['rows'];
  marks: MarksResponse['marks'];
  state: ContestDetail['state'];
}

async function snapshot() {
  const out: Record<string, ContestSeen> = {};
  for (const id of [courier, rider]) {
    const organiser = await ev.admin.get<Leaderboard>(`/contests/${id}/leaderboard`);
    const pub = await api(s.url).get<Leaderboard>(`/contests/${id}/leaderboard`);
    const marks = await ev.admin.get<MarksResponse>(`/contests/${id}/marks`);
    const contest = await ev.admin.get<ContestDetail>(`/contests/${id}`);
    out[id] = {
      rows: organiser.body.rows,
      publicRows: pub.body.rows,
      marks: marks.body.marks,
      state: contest.body.state,
    };
  }
  return out;
}

// Every POST endpoint with a template body that is well-formed but changes nothing
// (wrong password, unknown contestant, refused transition, already unfrozen, not flagged).
function posts() {
  const mark = { contestant: 'C999', criterion: 'exam', value: 80, clientId: uuid(), note: 'n' };
  return [
    { path: '/auth/login', template: { username: 'nobody', password: 'x' } as Record<string, unknown> },
    { path: '/auth/judge', template: { event: ev.id, judge: 'c-j2', pin: '0000' } },
    { path: '/events', template: exampleEvent('wire-rope-contest') as unknown as Record<string, unknown> },
    { path: `/contests/${courier}/state`, template: { to: 'setup', reason: 'r' } },
    { path: `/contests/${courier}/flags`, template: { contestant: 'C001', criterion: 'packing', reason: 'r' } },
    { path: `/contests/${courier}/freeze`, template: { frozen: false } },
    { path: `/contests/${courier}/marks`, template: mark },
    { path: `/contests/${courier}/marks/batch`, template: { marks: [mark] } },
    { path: `/contests/${courier}/remarks`, template: { contestant: 'C999', criterion: 'packing', reason: 'r' } }, // beyond the contract
  ];
}
const wrongType = (v: unknown) =>
  typeof v === 'string' ? 12345 : typeof v === 'number' ? '12' : typeof v === 'boolean' ? 'yes' : 'x';
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

beforeAll(async () => {
  s = await startTestServer();
  ev = await importAndOpen(s, exampleEvent('new-economy-contest'));
  courier = ev.contestId('courier');
  rider = ev.contestId('rider');
  const timer = api(s.url, await ev.judgeToken('c-timer'));
  for (const [bib, value] of [
    ['C001', 80],
    ['C002', 65.5],
  ] as const) {
    expect(
      (await timer.post(`/contests/${courier}/marks`, { contestant: bib, criterion: 'exam', value, clientId: uuid() }))
        .status,
    ).toBe(201);
  }
  before = await snapshot();
});
afterAll(async () => s?.stop());

describe('every POST endpoint refuses bad bodies with 4xx and the error shape', () => {
  it('malformed JSON, an empty body, non-objects and arrays', async () => {
    for (const { path, template } of posts()) {
      for (const raw of ['{"a": ', '{a:1}', "{'a':1}", '[1,]', '\u0000', ''])
        expectRefusal(await ev.admin.post(path, raw), 400);
      expect(refusalOf(await ev.admin.post(path, '')).code).toBe('invalid_json');
      expect(refusalOf(await ev.admin.post(path, '  \n ')).code).toBe('invalid_json');
      for (const body of ['null', '42', '"text"', 'true', '[]', JSON.stringify([template]), JSON.stringify({})]) {
        expectRefusal(await ev.admin.post(path, body), 400);
      }
    }
  });

  it('wrong types and unknown fields name the offending path', async () => {
    for (const { path, template } of posts()) {
      for (const [field, value] of Object.entries(template)) {
        const r = await ev.admin.post(path, { ...template, [field]: wrongType(value) });
        expectRefusal(r, 400);
        expect(
          issuesOf(r).map((i) => i.path),
          path,
        ).toContain(field);
      }
      const extra = await ev.admin.post(path, { ...template, extra: 1 });
      expectRefusal(extra, 400);
      expect(issuesOf(extra).map((i) => i.path)).toContain('extra');
      expectRefusal(await ev.admin.post(path, '{"__proto__": {"admin": true}, "constructor": {"prototype": 1}}'), 400);
    }
  });

  it('huge strings under the limit are 400; bodies over the limit are 413', async () => {
    for (const { path, template } of posts()) {
      const huge = 'x'.repeat(path === '/events' ? 3_000_000 : 900_000);
      for (const [field, value] of Object.entries(template)) {
        if (typeof value === 'string') expectRefusal(await ev.admin.post(path, { ...template, [field]: huge }), 400);
      }
      const limit = path === '/events' ? 16 * 1024 * 1024 : 1024 * 1024;
      const tooBig = await ev.admin.post(path, JSON.stringify({ pad: 'x'.repeat(limit) }));
      expectRefusal(tooBig, 413);
      expect(refusalOf(tooBig).code).toBe('payload_too_large');
      // The unread rest of the body must not spoil the next request of this client.
      expectRefusal(await ev.admin.post(path, '{}'), 400);
    }
    expectRefusal(await api(s.url).post('/auth/logout', 'x'.repeat(1024 * 1024 + 1)), 413);
    // Without a Content-Length (chunked), the limit holds too.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream({ pull: (c) => (sent++ < 40 ? c.enqueue(chunk) : c.close()) });
    const res = await fetch(`${s.url}/api/v1/contests/${courier}/marks`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/json' },
    } as RequestInit);
    expectRefusal({ status: res.status, body: await res.json() }, 413);
  });

  it('deep nesting is refused, never a stack overflow', async () => {
    for (const { path, template } of posts()) {
      expectRefusal(await ev.admin.post(path, deep(100_000)), 400);
      const field = Object.keys(template)[0]!;
      if (!path.endsWith('/batch')) expectRefusal(await ev.admin.post(path, `{"${field}": ${deep(50_000)}}`), 400);
      expectRefusal(await ev.admin.post(path, `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`), 400);
    }
    const batch = await ev.admin.post<BatchResponse>(
      `/contests/${courier}/marks/batch`,
      `{"marks": [${deep(50_000)}]}`,
    );
    expect(batch.status).toBe(200);
    expect(batch.body.results).toEqual([
      { clientId: null, status: 400, error: expect.objectContaining({ code: 'validation_failed' }) },
    ]);
  });

  it('NUL and unpaired surrogates are refused with their path; other unicode is handled', async () => {
    for (const { path, template } of posts()) {
      for (const [field, value] of Object.entries(template)) {
        if (typeof value !== 'string') continue;
        for (const bad of ['a\u0000b', 'a\ud800b', '\udc00']) {
          const r = await ev.admin.post(path, { ...template, [field]: bad });
          expectRefusal(r, 400);
          expect(issuesOf(r)).toEqual([{ path: field, code: 'unstorable', message: expect.stringMatching(/NUL/) }]);
        }
        for (const odd of ['\u0001\u001f\u007f', '\u202e\u200b', '裁判👩‍🔧', ' '])
          expectSafe(await ev.admin.post(path, { ...template, [field]: odd }));
      }
      expectRefusal(await ev.admin.post(path, '{"a\\u0000": 1}'), 400);
    }
    const nested = exampleEvent('wire-rope-contest');
    nested.contests[0]!.contestants[3]!.name = '张\u0000三';
    const r = await ev.admin.post<ImportResult>('/events', nested);
    expectRefusal(r, 400);
    expect(issuesOf(r)[0]!.path).toBe('contests[0].contestants[3].name');
  });
});

describe('unknown ids and addresses', () => {
  const ids = [
    'nope',
    'a%00b',
    '%F0%9F%91%8D',
    '%E2%80%AE',
    'x'.repeat(5000),
    `'%3B%20drop%20table%20events%3B--`,
    '..%2F..%2Fetc',
  ];
  it('every GET with an unknown id is 404', async () => {
    for (const id of ids) {
      for (const p of [
        `/events/${id}`,
        `/events/${id}/file`,
        `/events/${id}/teams`,
        `/events/${id}/audit`,
        `/events/${id}/audit/verify`,
        `/contests/${id}`,
        `/contests/${id}/leaderboard`,
        `/contests/${id}/marks`,
        `/contests/${id}/progress`,
      ]) {
        expectRefusal(await ev.admin.get(p), 404);
      }
    }
  });

  it('every POST with an unknown contest is 404', async () => {
    const bodies: Record<string, unknown> = {
      state: { to: 'review' },
      flags: { contestant: 'C001', criterion: 'exam', reason: 'r' },
      freeze: { frozen: true },
      marks: { contestant: 'C001', criterion: 'exam', value: 1, clientId: uuid() },
      'marks/batch': { marks: [{ contestant: 'C001', criterion: 'exam', value: 1, clientId: uuid() }] },
    };
    for (const id of ids)
      for (const [p, body] of Object.entries(bodies))
        expectRefusal(await ev.admin.post(`/contests/${id}/${p}`, body), 404);
  });

  it('unknown endpoints and methods are 404; bad audit queries are 400', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH'])
      expectRefusal(await ev.admin.call(method, `/contests/${courier}/marks`, {}), 404);
    expectRefusal(await ev.admin.get('/nothing/here'), 404);
    for (const q of [
      'after=-1',
      'after=abc',
      'after=1.5',
      'after=99999999999',
      'after=1e400',
      'limit=0',
      'limit=100000',
      'limit=%00',
    ]) {
      expectRefusal(await ev.admin.get(`/events/${ev.id}/audit?${q}`), 400);
    }
  });
});

describe('realtime (§8) payloads', () => {
  it('answers every bad watch with an error and keeps serving', async () => {
    const sock = io(`${s.url}/live`, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => sock.on('connect', resolve).on('connect_error', reject));
    for (const p of [
      null,
      5,
      'x',
      [],
      {},
      { contest: 5 },
      { contest: '' },
      { contest: 'x'.repeat(65) },
      { contest: courier, extra: 1 },
    ]) {
      expect(await sock.timeout(2000).emitWithAck('watch', p)).toEqual({
        error: { code: 'validation_failed', message: expect.any(String) },
      });
    }
    expect(await sock.timeout(2000).emitWithAck('watch', { contest: 'nope' })).toEqual({
      error: { code: 'not_found', message: expect.any(String) },
    });
    expect(await sock.timeout(2000).emitWithAck('unwatch', 42)).toMatchObject({ error: { code: 'validation_failed' } });
    sock.emit('watch', { contest: courier }); // no acknowledgement callback
    sock.emit('no-such-event', { a: 1 });
    const ack = await sock.timeout(2000).emitWithAck('watch', { contest: courier });
    expect(ack.rows).toEqual(before[courier]!.publicRows);
    sock.close();
  });
});

describe('random bodies (fast-check)', () => {
  it('never gives a 500 or another error shape on any POST endpoint', async () => {
    const anon = api(s.url);
    const targets = [...posts(), { path: '/auth/logout', template: { token: 'x' } as Record<string, unknown> }];
    for (const { path, template } of targets) {
      const client = path === '/auth/logout' ? anon : ev.admin;
      // Near-valid values reach deeper checks; no valid clientId or target state, so nothing can change.
      const nasty = fc.constantFrom('a\u0000b', '\ud800', '\u202e', '', 'C001', 'exam', 'packing', ev.id);
      const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary' }), nasty);
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        fc.dictionary(fc.constantFrom(...Object.keys(template), 'extra'), value).map((v) => JSON.stringify(v)),
        fc.string({ unit: 'binary', maxLength: 200 }),
      );
      await fc.assert(
        fc.asyncProperty(body, async (text) => {
          const r = await client.post(path, text);
          expectSafe(r);
        }),
        { numRuns: 50 },
      );
    }
  });
});

describe('afterwards', () => {
  it('the server is healthy and no board changed', async () => {
    await ev.admin.post(`/contests/${courier}/freeze`, { frozen: false }); // random bodies may have frozen it
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    const metrics = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    expect(metrics.status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });
});
