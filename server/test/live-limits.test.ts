// Issue 12, point 2: what one realtime socket may ask of the server. Watches come at a bounded
// rate (refused with rate_limited beyond it, and a socket that keeps on is cut), a socket watches a
// bounded number of contests (unwatch frees a slot, so a rotating big screen is never refused),
// a repeated watch is answered from memory with the board encoded once for everyone, unknown
// contest ids cost no query, and a connection that does not read is cut once its backlog passes the
// bound while one that reads slowly stays and ends on the exact board.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { exampleEvent, importAndOpen, startTestServer, uuid, type TestServer } from './harness.ts';
import { boardOf, connect, expectExact, judgesOf, liveSuite, markStorm, setup, Watcher } from './live-kit.ts';
import { deafSocket } from './watch-flood-kit.ts';
import { slowLink, type SlowLink } from './slow-link.ts';
import { LIVE_LIMITS } from '../realtime/socket-limits.ts';
import { backlogOf } from '../realtime/backlog.ts';
import { syntheticEvent } from '../../bench/lib/synthetic.ts';

let s: TestServer;
liveSuite((started) => (s = started));
const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

async function server(limits: Partial<typeof LIVE_LIMITS>) {
  const started = await startTestServer({ liveLimits: { ...LIVE_LIMITS, ...limits } });
  servers.push(started);
  return started;
}

const connected = async (so: Socket) => {
  if (!so.connected) await new Promise<void>((r) => so.once('connect', () => r()));
  return so;
};
const watch = (so: Socket, contest: string, compact = false) =>
  so.timeout(5_000).emitWithAck('watch', { contest, ...(compact ? { compact: true } : {}) });

/** Counts the statements the server sends its database from now on. */
function countQueries(server: TestServer) {
  const client = (server.db.db as unknown as { $client: Record<string, (...a: unknown[]) => unknown> }).$client;
  const spy = vi.spyOn(client, 'unsafe' in client ? 'unsafe' : 'query');
  let counted: number | null = null;
  return {
    count: () => counted ?? spy.mock.calls.length,
    stop() {
      counted ??= spy.mock.calls.length; // restoring clears the calls
      spy.mockRestore();
    },
  };
}

async function cuts(server: TestServer, reason: 'flood' | 'backlog') {
  const { values } = await server.services.metrics.liveCuts.get();
  return values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

describe('one socket’s watches', () => {
  it('are answered up to the burst, then refused with rate_limited and the seconds to wait, and a socket that keeps on is cut', async () => {
    const { contestId } = await setup('new-economy-contest', 'courier', []);
    const so = await connected(connect());
    // Sent together, so no time passes between them for the allowance to grow.
    const answers = await Promise.all(Array.from({ length: LIVE_LIMITS.burst + 5 }, () => watch(so, contestId)));
    const refusals = answers.filter((a) => 'error' in a);
    expect(answers.length - refusals.length).toBeGreaterThanOrEqual(LIVE_LIMITS.burst);
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    for (const a of refusals) {
      expect(a).toEqual({
        error: { code: 'rate_limited', message: expect.any(String), params: { reason: 'watch', seconds: 1 } },
      });
    }
    const gone = new Promise<string>((r) => so.once('disconnect', (reason) => r(reason)));
    for (let i = 0; i < LIVE_LIMITS.refusals + 5; i++) so.emit('watch', { contest: contestId }, () => {});
    expect(await gone).toBe('transport close');
    expect(await cuts(s, 'flood')).toBe(1);
    // The cut costs that connection only.
    const next = await connected(connect());
    expect((await watch(next, contestId)).seq).toBe((await boardOf(contestId)).seq);
  });

  it('of a contest the socket holds are answered with the current board, from memory', async () => {
    const { contestId, storm } = await setup('new-economy-contest', 'courier', ['c-timer', 'c-j2']);
    const watcher = new Watcher(contestId, undefined, s, true);
    await connected(watcher.socket);
    await watcher.watch();
    await storm(30);
    await expectExact([watcher], contestId);
    const queries = countQueries(s);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await watch(watcher.socket, contestId, true));
    answers.push(...(await Promise.all(Array.from({ length: 10 }, () => watch(watcher.socket, contestId, true)))));
    queries.stop();
    expect(queries.count()).toBe(0);
    const board = await boardOf(contestId);
    for (const a of answers) expect(a).toEqual(board);
  });
});

describe('the contests one socket watches', () => {
  it('are bounded; unwatch frees a slot, so a screen rotating through contests is never refused', async () => {
    const limited = await server({ contests: 2 });
    const events = [
      await importAndOpen(limited, exampleEvent('new-economy-contest')),
      await importAndOpen(limited, exampleEvent('wire-rope-contest')),
    ];
    const ids = events.flatMap((e) => e.contests.map((c) => c.id));
    expect(ids).toHaveLength(4);
    const so = await connected(connect(undefined, limited));
    expect((await watch(so, ids[0]!)).contest).toBe(ids[0]);
    expect((await watch(so, ids[1]!)).contest).toBe(ids[1]);
    expect(await watch(so, ids[2]!)).toEqual({
      error: { code: 'rate_limited', message: expect.any(String), params: { reason: 'watch_contests', limit: 2 } },
    });
    expect((await watch(so, ids[0]!)).contest).toBe(ids[0]); // one it holds: still answered
    expect((await watch(so, 'no-such-contest')).error.code).toBe('not_found');
    // A big screen showing two contests at a time, moving on one contest at a time.
    for (let step = 2; step < 14; step++) {
      expect(await so.timeout(5_000).emitWithAck('unwatch', { contest: ids[(step - 2) % 4]! })).toEqual({ ok: true });
      const next = ids[step % 4]!;
      expect(await watch(so, next, true)).toEqual(await boardOf(next, undefined, limited));
    }
  });
});

describe('watches of contest ids that do not exist', () => {
  it('cost no database query, however many and however made up', async () => {
    const flooders = await Promise.all(Array.from({ length: 10 }, () => connected(connect())));
    await watch(flooders[0]!, `warm-${uuid()}`); // the list of contests, read once
    const queries = countQueries(s);
    const answers = await Promise.all(
      flooders.flatMap((so) => Array.from({ length: LIVE_LIMITS.burst - 1 }, () => watch(so, `made-up-${uuid()}`))),
    );
    queries.stop();
    expect(answers).toHaveLength(390);
    for (const a of answers) expect(a).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    // At most the list of contests, read again (once a second at most).
    expect(queries.count()).toBeLessThanOrEqual(2);
    // A contest created since is found at once.
    const { contestId } = await setup('wire-rope-contest', 'stranding', []);
    expect((await watch(await connected(connect()), contestId)).contest).toBe(contestId);
  });
});

describe('a connection that does not read', () => {
  const BOUND = 256 * 1024;
  let limited: TestServer;
  let link: SlowLink | undefined;
  let file: ReturnType<typeof syntheticEvent>;
  let ev: Awaited<ReturnType<typeof importAndOpen>>;
  let contestId = '';
  beforeAll(async () => {
    // Rates that never refuse, so that only what waits to be sent decides.
    limited = await server({ burst: 10_000, perSecond: 10_000, backlogBytes: BOUND, sweepMs: 50 });
    file = syntheticEvent({ contestants: 400, judges: 3 });
    ev = await importAndOpen(limited, file);
    contestId = ev.contestId('main');
  });
  afterAll(async () => link?.close());

  /** The largest backlog any socket of `limited` had, sampled until stopped. */
  function largestBacklog() {
    const seen = { bytes: 0, stop: () => clearInterval(timer) };
    const timer = setInterval(() => {
      for (const so of limited.io.of('/live').sockets.values()) seen.bytes = Math.max(seen.bytes, backlogOf(so));
    }, 5);
    return seen;
  }

  it('is cut when it asks for boards faster than it reads, before its backlog passes the bound and one board', async () => {
    const boardBytes = JSON.stringify(await boardOf(contestId, undefined, limited)).length;
    const seen = largestBacklog();
    const deaf = await deafSocket(limited.url);
    for (let i = 0; i < 400; i++) deaf.socket.emit('watch', { contest: contestId }, () => {});
    await vi.waitFor(async () => expect(await cuts(limited, 'backlog')).toBe(1), { timeout: 20_000, interval: 20 });
    seen.stop();
    deaf.raw.destroy();
    expect(seen.bytes).toBeLessThanOrEqual(BOUND + boardBytes + 4096);
  });

  it('is cut when updates pile up for it, while a phone on a slow link stays and ends on the exact board', async () => {
    const { judges } = await judgesOf(ev, file, 'main', ['j1', 'j2', 'j3'], limited);
    const cutBefore = await cuts(limited, 'backlog');
    // A phone on a link of 40 KB/s: the whole board alone takes two seconds to arrive.
    link = await slowLink(limited.port, 40_000);
    const phone = new Watcher(contestId, undefined, { ...limited, url: link.url }, true);
    await connected(phone.socket);
    await phone.watch();
    // A socket that watches, then stops reading: once the operating system's buffers are full,
    // every update waits in the server.
    const deaf = await deafSocket(limited.url);
    const held = [...limited.io.of('/live').sockets.values()].find((so) => so.id === deaf.socket.id)!;
    for (let i = 0; i < 500 && backlogOf(held) === 0; i++) {
      const answered = new Promise<void>((r) => held.conn.once('packetCreate', () => r()));
      deaf.socket.emit('watch', { contest: contestId }, () => {});
      await answered;
    }
    expect(backlogOf(held)).toBeGreaterThan(0);
    expect(backlogOf(held)).toBeLessThan(BOUND);
    await markStorm(contestId, file, 'main', judges, 150, 2);
    await vi.waitFor(async () => expect(await cuts(limited, 'backlog')).toBe(cutBefore + 1), { timeout: 20_000 });
    expect(held.connected).toBe(false);
    deaf.raw.destroy();

    await expectExact([phone], contestId, undefined, limited);
    expect(phone.socket.connected).toBe(true);
    expect(await cuts(limited, 'backlog')).toBe(cutBefore + 1);
    expect(await cuts(limited, 'flood')).toBe(0);
    expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
