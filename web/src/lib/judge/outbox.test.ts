// The outbox against a fake server: order, backoff, no double sends, acknowledgements, refusals, 401.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarkBody } from '$shared/api.ts';
import { openJudgeDb } from './idb.ts';
import { Outbox, type Credentials, type OutboxOptions } from '$shared/judge-outbox/outbox.ts';
import { IdbOutboxStore } from './outbox-store.ts';
import { refusalText } from './format.ts';
import { i18n } from '$lib/i18n/index.ts';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';
interface Call {
  url: string;
  marks: MarkBody[];
  token: string;
}

/** A scripted server: each call takes the next reply; by default it stores marks like the real one. */
function fakeServer() {
  const calls: Call[] = [];
  const stored = new Map<string, { id: string; revision: number }>();
  const script: ((call: Call) => Reply | Promise<Reply>)[] = [];
  const markOf = (b: MarkBody) => {
    const had = stored.get(b.clientId);
    const m = had ?? { id: String(stored.size + 1), revision: 1 };
    stored.set(b.clientId, m);
    return {
      status: had ? 200 : 201,
      mark: { ...b, ...m, judge: 'j1', receivedAt: new Date().toISOString() },
      seq: stored.size,
    };
  };
  const store = (call: Call): Reply => {
    if (call.url.endsWith('/batch')) {
      return { status: 200, body: { results: call.marks.map((b) => ({ clientId: b.clientId, ...markOf(b) })) } };
    }
    const { status, ...body } = markOf(call.marks[0]!);
    return { status, body };
  };
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body));
    const call: Call = {
      url: String(url),
      marks: body.marks ?? [body],
      token: String((init?.headers as Record<string, string>).authorization).replace('Bearer ', ''),
    };
    calls.push(call);
    const reply = await (script.shift() ?? store)(call);
    if (reply === 'network') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status: reply.status,
      headers: reply.headers,
    });
  });
  return {
    calls,
    stored,
    script,
    store,
    fetch: fetch as unknown as typeof globalThis.fetch,
    sentIds: () => calls.flatMap((c) => c.marks.map((m) => m.clientId)),
  };
}

let dbCount = 0;
let creds: Credentials | null;
const body = (contestant: string, value = 10, criterion = 'packing'): MarkBody => ({
  contestant,
  criterion,
  value,
  clientId: crypto.randomUUID(),
});

function makeOutbox(
  server: ReturnType<typeof fakeServer>,
  extra: Partial<OutboxOptions> = {},
  db = openJudgeDb(`test-${++dbCount}`),
) {
  const outbox = new Outbox({
    store: new IdbOutboxStore(db),
    credentials: () => creds,
    fetch: server.fetch,
    random: () => 1,
    lock: (fn) => fn(),
    ...extra,
  });
  const add = (b: MarkBody) => outbox.add({ contestId: 'c1', judge: 'j1', event: 'e1', body: b });
  const statuses = () => outbox.entries.map((e) => e.status);
  return { outbox, add, statuses, db };
}

beforeEach(() => {
  creds = { token: 't1', judge: 'j1', event: 'e1' };
});
afterEach(() => {
  vi.useRealTimers();
});

describe('outbox', () => {
  it('sends in creation order: one batch when several wait, one by one with batchSize 1', async () => {
    const server = fakeServer();
    creds = null; // not signed in yet: marks wait on the tablet
    const { outbox, add } = makeOutbox(server);
    const bodies = ['C003', 'C001', 'C002'].map((c) => body(c));
    for (const b of bodies) await add(b);
    await outbox.settled();
    expect(server.calls).toHaveLength(0);
    expect(outbox.phase).toBe('signin');
    creds = { token: 't1', judge: 'j1', event: 'e1' };
    await outbox.kick();
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.url).toMatch(/\/contests\/c1\/marks\/batch$/);
    expect(server.calls[0]!.marks.map((m) => m.contestant)).toEqual(['C003', 'C001', 'C002']);
    expect(outbox.entries.every((e) => e.status === 'received')).toBe(true);

    const single = fakeServer();
    creds = null;
    const two = makeOutbox(single, { batchSize: 1 });
    for (const b of bodies) await two.add(b);
    creds = { token: 't1', judge: 'j1', event: 'e1' };
    await two.outbox.kick();
    expect(single.calls.map((c) => [c.url.endsWith('/marks'), c.marks[0]!.contestant])).toEqual([
      [true, 'C003'],
      [true, 'C001'],
      [true, 'C002'],
    ]);
  });

  it('keeps a mark waiting through network errors, backing off exponentially up to the cap', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const server = fakeServer();
    for (let i = 0; i < 7; i++) server.script.push(() => 'network');
    const { outbox, add, statuses } = makeOutbox(server, { baseDelayMs: 1_000, maxDelayMs: 30_000 });
    await add(body('C001'));
    await outbox.settled();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      expect(statuses()).toEqual(['waiting']);
      expect(outbox.phase).toBe('retrying');
      expect(outbox.lastError?.code).toBe('network_error');
      const delay = outbox.nextAttemptAt! - Date.now();
      delays.push(delay);
      vi.advanceTimersByTime(delay - 1);
      expect(server.calls).toHaveLength(i + 1); // not before the delay is over
      vi.advanceTimersByTime(1);
      await outbox.settled();
      expect(server.calls).toHaveLength(i + 2);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(statuses()).toEqual(['received']);
    expect(outbox.entries[0]!.attempts).toBe(8);
    expect(outbox.phase).toBe('idle');
    outbox.dispose();
  });

  it('retries 5xx and 503 (honouring Retry-After) and tries at once when the network comes back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const server = fakeServer();
    server.script.push(() => ({ status: 500, body: { error: { code: 'internal', message: 'boom' } } }));
    server.script.push(() => ({
      status: 503,
      body: { error: { code: 'unavailable', message: 'db down' } },
      headers: { 'retry-after': '5' },
    }));
    const { outbox, add, statuses } = makeOutbox(server);
    await add(body('C001'));
    await outbox.settled();
    expect(statuses()).toEqual(['waiting']);
    await outbox.kick(); // e.g. the `online` event: no waiting for the backoff
    expect(server.calls).toHaveLength(2);
    expect(outbox.nextAttemptAt! - Date.now()).toBe(5_000); // Retry-After: 5 s, more than the backoff
    vi.advanceTimersByTime(5_000);
    await outbox.settled();
    expect(statuses()).toEqual(['received']);
  });

  it('a kick during a flight tries once more when that flight ends, without waiting for the backoff', async () => {
    const server = fakeServer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.script.push(async (): Promise<Reply> => {
      await gate;
      return 'network';
    });
    const { outbox, add, statuses } = makeOutbox(server, { baseDelayMs: 60_000, maxDelayMs: 60_000 });
    await add(body('C001'));
    await vi.waitFor(() => expect(server.calls).toHaveLength(1));
    const kicked = outbox.kick(); // the network came back while the first try hangs
    release();
    await kicked;
    expect(server.calls).toHaveLength(2);
    expect(statuses()).toEqual(['received']);
  });

  it('never sends the same entry twice at once, in one tab or across two tabs', async () => {
    const server = fakeServer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    server.script.push(async (call) => {
      await gate;
      return server.store(call);
    });
    const { outbox, add } = makeOutbox(server);
    const first = await add(body('C001'));
    for (let i = 0; i < 5; i++) void outbox.flush();
    await vi.waitFor(() => expect(server.calls).toHaveLength(1));
    for (let i = 0; i < 5; i++) void outbox.flush();
    const second = await add(body('C002')); // saved while the first is on its way
    expect(server.calls).toHaveLength(1);
    expect(outbox.entries.map((e) => e.status)).toEqual(['sending', 'waiting']);
    release();
    await outbox.settled();
    expect(server.sentIds()).toEqual([first.clientId, second.clientId]);
    expect(outbox.entries.map((e) => e.status)).toEqual(['received', 'received']);

    // Two tabs on one tablet: the same database and one lock (navigator.locks in a browser).
    const shared = fakeServer();
    let chain = Promise.resolve();
    const lock = (fn: () => Promise<void>) => {
      const run = chain.then(fn);
      chain = run.catch(() => undefined);
      return run;
    };
    creds = null;
    const db = openJudgeDb(`test-${++dbCount}`);
    const tabA = makeOutbox(shared, { lock }, db);
    const tabB = makeOutbox(shared, { lock }, db);
    for (let i = 0; i < 4; i++) await tabA.add(body(`C00${i}`));
    await tabB.outbox.load();
    creds = { token: 't1', judge: 'j1', event: 'e1' };
    await Promise.all([tabA.outbox.kick(), tabB.outbox.kick(), tabA.outbox.flush(), tabB.outbox.flush()]);
    const ids = shared.sentIds();
    expect(new Set(ids).size).toBe(4);
    expect(ids).toHaveLength(4);
  });

  it('counts a replay answered 200 as received, and a lost answer is resent harmlessly', async () => {
    const server = fakeServer();
    server.script.push((call) => {
      server.store(call); // stored, but the answer never arrives
      return 'network';
    });
    const { outbox, add, statuses } = makeOutbox(server);
    const e = await add(body('C001'));
    await outbox.settled();
    expect(statuses()).toEqual(['waiting']);
    await outbox.kick();
    expect(server.sentIds()).toEqual([e.clientId, e.clientId]);
    expect(statuses()).toEqual(['received']);
    expect(outbox.entries[0]!.response?.status).toBe(200);
    expect(server.stored.size).toBe(1);
  });

  it('leaves waiting only on a 201/200 that names the mark', async () => {
    const server = fakeServer();
    server.script.push(() => ({ status: 200, body: '<html>Wi-Fi login</html>' })); // a captive portal
    server.script.push(() => ({ status: 200, body: { mark: { id: '9', clientId: 'someone-else' }, seq: 1 } }));
    server.script.push(() => ({ status: 302 }));
    server.script.push(() => ({ status: 202, body: {} }));
    const { outbox, add, statuses } = makeOutbox(server);
    await add(body('C001'));
    await outbox.settled(); // the first try got the portal's page
    expect(statuses()).toEqual(['waiting']);
    for (let i = 0; i < 3; i++) {
      await outbox.kick();
      expect(statuses()).toEqual(['waiting']);
    }
    await outbox.kick();
    expect(statuses()).toEqual(['received']);
    expect(outbox.entries[0]!.response?.status).toBe(201);
  });

  it('keeps a refusal with the server reason until the judge dismisses or corrects it', async () => {
    const server = fakeServer();
    const closed = { error: { code: 'contest_closed', message: 'marking is closed: the contest is in review' } };
    server.script.push(() => ({ status: 409, body: closed }));
    server.script.push(() => ({ status: 409, body: closed }));
    const { outbox, add, statuses } = makeOutbox(server);
    const refused = await add(body('C001', 12));
    await outbox.settled();
    expect(statuses()).toEqual(['refused']);
    expect(outbox.entries[0]!.error).toMatchObject({
      code: 'contest_closed',
      message: closed.error.message,
      status: 409,
    });
    await outbox.kick();
    expect(server.calls).toHaveLength(1); // a refusal is never resent by itself
    await outbox.dismiss(refused.clientId);
    expect(outbox.entries).toHaveLength(0);

    await add(body('C002', 3));
    await outbox.settled();
    expect(statuses()).toEqual(['refused']);
    const fix = await add(body('C002', 4)); // the correction settles the refusal
    await outbox.settled();
    expect(outbox.entries.map((e) => [e.clientId, e.status])).toEqual([[fix.clientId, 'received']]);
  });

  it('keeps a refusal as its code and params, worded in the language the judge reads when shown', async () => {
    const server = fakeServer();
    const message = 'marking is closed: the contest is in review';
    const closed = { error: { code: 'contest_closed', message, params: { reason: 'review' } } };
    const range = {
      error: {
        code: 'validation_failed',
        message: 'value must be 0 to 25',
        issues: [{ path: 'value', code: 'value_range', params: { min: 0, max: 25 }, message: 'value must be 0 to 25' }],
      },
    };
    server.script.push(
      () => ({ status: 409, body: closed }),
      () => ({ status: 400, body: range }),
    );
    creds = null;
    const db = openJudgeDb(`test-${++dbCount}`);
    const tablet = makeOutbox(server, { batchSize: 1 }, db);
    await tablet.add(body('C001', 12));
    await tablet.add(body('C002', 26));
    creds = { token: 't1', judge: 'j1', event: 'e1' };
    await tablet.outbox.kick();
    await tablet.outbox.settled();
    // Read back from the tablet's storage, as after a restart.
    const again = makeOutbox(server, {}, db);
    await again.outbox.load();
    const errors = again.outbox.entries.map((e) => e.error);
    expect(errors).toMatchObject([
      { code: 'contest_closed', params: { reason: 'review' } },
      { code: 'validation_failed', issues: range.error.issues },
    ]);
    const packing = [{ code: 'packing', name: '包装规范', kind: 'judgement' as const, max: 25 }];
    i18n.locale = 'zh-CN';
    expect(errors.map((e) => refusalText(e, packing))).toEqual([
      '评分已截止：赛项正在审核，只有裁判长可以更正评分。',
      '分值：须在 0 到 25 之间',
    ]);
    i18n.locale = 'en';
    expect(errors.map((e) => refusalText(e, packing))).toEqual([
      'Marking is closed: the contest is in review, and only the chief judge may correct marks.',
      'Value: Must be between 0 and 25.',
    ]);
    i18n.locale = 'zh-CN';
  });

  it('judges each mark of a batch alone', async () => {
    const server = fakeServer();
    creds = null;
    const { outbox, add, statuses } = makeOutbox(server);
    const [a, b, c] = [body('C001'), body('C002'), body('C003')];
    for (const x of [a, b, c]) await add(x);
    await outbox.settled();
    server.script.push((call) => {
      const ok = (server.store({ ...call, url: '/marks', marks: [call.marks[0]!] }) as { body: object }).body;
      return {
        status: 200,
        body: {
          results: [
            { clientId: a.clientId, status: 201, ...ok },
            { clientId: b.clientId, status: 403, error: { code: 'forbidden', message: 'not yours' } },
          ],
        },
      };
    });
    creds = { token: 't1', judge: 'j1', event: 'e1' };
    await outbox.kick();
    expect(statuses()).toEqual(['received', 'refused', 'waiting']); // c was missing from the answer
  });

  it('keeps every entry on a 401 and sends them after the judge signs in again', async () => {
    const server = fakeServer();
    creds = null;
    const ended = vi.fn();
    const { outbox, add, statuses } = makeOutbox(server, { onSessionEnded: ended });
    await add(body('C001'));
    await add(body('C002'));
    await outbox.settled();
    server.script.push(() => ({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'your session has ended' } },
    }));
    creds = { token: 'old', judge: 'j1', event: 'e1' };
    await outbox.kick();
    expect(statuses()).toEqual(['waiting', 'waiting']);
    expect(outbox.phase).toBe('signin');
    expect(ended).toHaveBeenCalledWith(expect.objectContaining({ code: 'unauthorized' }));
    expect(outbox.nextAttemptAt).toBeNull();
    creds = { token: 'new', judge: 'j1', event: 'e1' };
    await outbox.kick();
    expect(statuses()).toEqual(['received', 'received']);
    expect(server.calls.map((c) => c.token)).toEqual(['old', 'new']);
  });

  it('sends a judge’s marks only with that judge’s session', async () => {
    const server = fakeServer();
    const { outbox } = makeOutbox(server);
    await outbox.add({ contestId: 'c1', judge: 'j2', event: 'e1', body: body('C001') });
    await outbox.settled();
    expect(server.calls).toHaveLength(0);
    expect(outbox.entries[0]!.status).toBe('waiting');
  });

  it('survives a reload: entries come back from IndexedDB, an interrupted send is resent', async () => {
    const server = fakeServer();
    const db = openJudgeDb(`test-${++dbCount}`);
    creds = null;
    const before = makeOutbox(server, {}, db);
    const e = await before.add(body('C001'));
    await new IdbOutboxStore(db).put([{ ...before.outbox.entries[0]!, status: 'sending', attempts: 1 }]); // the tab died mid-send
    const after = makeOutbox(server, {}, db);
    await after.outbox.load();
    expect(after.outbox.entries.map((x) => [x.clientId, x.status])).toEqual([[e.clientId, 'sending']]);
    creds = { token: 't1', judge: 'j1', event: 'e1' };
    await after.outbox.kick();
    expect(after.statuses()).toEqual(['received']);
    await after.outbox.prune(new Set([e.clientId]));
    expect(after.outbox.entries).toHaveLength(0);
  });
});
