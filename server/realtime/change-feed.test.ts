// The change feed's promises (change-feed.ts), on a real Redis (REDIS_URL, default 127.0.0.1:6379):
// entries numbered 1, 2, 3… per process; messages queued while an XADD is on its way sent together
// in the next entry, each once; receivers get the others' messages in order, never their own and
// nothing from before they started; a copy is skipped, a gap reported, anything malformed ignored;
// an XADD whose reply was lost is sent again, and what was published while Redis was away is sent
// once it is back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from 'redis';
import { randomUUID } from 'node:crypto';
import { ChangeFeed, type ClusterMessage } from './change-feed.ts';
import type { Redis } from './redis-client.ts';
import { REDIS_URL, redisServer, skipWithout } from '../test/services-available.ts';
import { freePortInRange, redisProxy } from '../test/cluster/cluster-processes.ts';

const skip = await skipWithout(import.meta.url, redisServer());

const clients: Redis[] = [];
const feeds: ChangeFeed[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  const closing = feeds.splice(0);
  await Promise.all(closing.map((f) => f.close()));
  for (const clean of cleanups.splice(0)) await clean();
  // Destroying a reader ends its blocked XREAD; the feed's loop then stops.
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(closing.map((f) => f.stopped()));
});

async function client(url = REDIS_URL): Promise<Redis> {
  const c: Redis = createClient({ url, socket: { reconnectStrategy: 50 } });
  c.on('error', () => {});
  await c.connect();
  clients.push(c);
  return c;
}

/** A stream of this test's own, removed after it. */
async function stream() {
  const key = `jiangxin-test-feed-${process.pid}-${randomUUID().slice(0, 8)}`;
  const admin = await client();
  cleanups.push(() => admin.del(key).catch(() => {}));
  const entries = async () => (await admin.xRange(key, '-', '+')).map((e) => e.message as Record<string, string>);
  return { key, admin, entries };
}

/** A process's feed on `key`: what it received (a gap as 'gap') and what it logged. */
async function peer(key: string, opts: { writer?: Redis; reader?: Redis; failOn?: string } = {}) {
  const got: (ClusterMessage | 'gap')[] = [];
  const logs: string[] = [];
  const feed = new ChangeFeed(
    opts.writer ?? (await client()),
    opts.reader ?? (await client()),
    key,
    1000,
    {
      message: (m) => {
        if ('contest' in m && m.contest === opts.failOn) throw new Error(`cannot apply ${m.contest}`);
        got.push(m);
      },
      gap: () => void got.push('gap'),
    },
    (msg) => void logs.push(msg),
  );
  feeds.push(feed);
  return { feed, got, logs };
}

const changed = (contest: string): ClusterMessage => ({ kind: 'changed', contest });
const waitFor = (check: () => unknown | Promise<unknown>) => vi.waitFor(check, { timeout: 5_000, interval: 20 });

describe.skipIf(skip)('ChangeFeed', () => {
  it('numbers its entries and sends what was queued during an XADD together in the next, each once', async () => {
    const { key, entries } = await stream();
    const sender = await peer(key);
    sender.feed.publish(changed('a'));
    // The first XADD is on its way: these wait for it, 'b' only once, where it was last queued.
    sender.feed.publish(changed('b'));
    sender.feed.publish(changed('a'));
    sender.feed.publish(changed('c'));
    sender.feed.publish(changed('b'));
    await waitFor(async () => expect(await entries()).toHaveLength(2));
    const [first, second] = await entries();
    expect(first!.o).toBe(second!.o);
    expect([first!.n, second!.n]).toEqual(['1', '2']);
    expect(JSON.parse(first!.m!)).toEqual([changed('a')]);
    expect(JSON.parse(second!.m!)).toEqual([changed('a'), changed('c'), changed('b')]);
  });

  it("gives each process the others' messages in order, never its own, nothing from before it started", async () => {
    const { key, entries } = await stream();
    const early = await peer(key);
    early.feed.publish(changed('before'));
    await waitFor(async () => expect(await entries()).toHaveLength(1));
    const one = await peer(key);
    const two = await peer(key);
    await Promise.all([one.feed.start(), two.feed.start()]);
    const fromOne = Array.from({ length: 40 }, (_, i) => changed(`one-${i}`));
    const fromTwo = [
      { kind: 'invalidated', contest: 'x' },
      { kind: 'session-ended', tokenHash: 'h' },
    ] as const;
    for (const m of fromOne) one.feed.publish(m);
    for (const m of fromTwo) two.feed.publish(m);
    await waitFor(() => expect(two.got).toHaveLength(fromOne.length));
    await waitFor(() => expect(one.got).toHaveLength(fromTwo.length));
    expect(two.got).toEqual(fromOne);
    expect(one.got).toEqual(fromTwo);
  });

  it('skips a copy, reports a gap before what follows it, and ignores malformed entries and messages', async () => {
    const { key, admin } = await stream();
    const receiver = await peer(key);
    await receiver.feed.start();
    const entry = (fields: Record<string, string>) => admin.xAdd(key, '*', fields);
    await entry({ o: 'p1', n: '1', m: JSON.stringify([changed('a')]) });
    await entry({ o: 'p1', n: '1', m: JSON.stringify([changed('a')]) }); // sent again after a lost reply
    await entry({ o: 'p1', n: '3', m: JSON.stringify([changed('b')]) }); // 2 was trimmed away unread
    await entry({ o: 'p1', n: 'x', m: JSON.stringify([changed('not numbered')]) });
    await entry({ n: '4', m: JSON.stringify([changed('no sender')]) });
    await entry({ o: 'p1', n: '4', m: 'not json' });
    const ended = { kind: 'session-ended', tokenHash: 'h' } as const;
    const mixed = [{ kind: 'changed' }, changed('c'), { kind: 'weird', contest: 'd' }, null, ended];
    await entry({ o: 'p1', n: '5', m: JSON.stringify(mixed) });
    await entry({ o: 'p2', n: '7', m: JSON.stringify([changed('first of p2')]) }); // the first heard of p2: no gap
    await waitFor(() => expect(receiver.got).toHaveLength(6));
    expect(receiver.got).toEqual([changed('a'), 'gap', changed('b'), changed('c'), ended, changed('first of p2')]);
  });

  it('logs a message it failed to apply and goes on with the next', async () => {
    const { key } = await stream();
    const sender = await peer(key);
    const receiver = await peer(key, { failOn: 'bad' });
    await receiver.feed.start();
    sender.feed.publish(changed('bad'));
    await waitFor(() => expect(receiver.logs).toHaveLength(1));
    sender.feed.publish(changed('good'));
    await waitFor(() => expect(receiver.got).toEqual([changed('good')]));
    expect(receiver.logs[0]).toMatch(/a change from another process failed here: cannot apply bad/);
  });

  it('sends an entry again when its reply was lost; the others take it once', async () => {
    const { key, entries } = await stream();
    const writer = await client();
    const xAdd = writer.xAdd.bind(writer);
    // The first XADD is stored, but its reply never comes back.
    vi.spyOn(writer, 'xAdd').mockImplementationOnce(async (...args: Parameters<typeof xAdd>) => {
      await xAdd(...args);
      throw new Error('the connection dropped before the reply');
    });
    const sender = await peer(key, { writer });
    const receiver = await peer(key);
    await receiver.feed.start();
    sender.feed.publish(changed('a'));
    sender.feed.publish(changed('b')); // waits for 'a' to be stored
    await waitFor(() => expect(receiver.got).toEqual([changed('a'), changed('b')]));
    expect((await entries()).map((e) => e.n)).toEqual(['1', '1', '2']);
    expect(sender.logs).toEqual([expect.stringMatching(/could not publish .*the connection dropped.*trying again/)]);
  });

  it('sends what was published while Redis was away once it is back, in order, the same message once', async () => {
    const { key, entries } = await stream();
    const proxy = await redisProxy(await freePortInRange(new Set()), REDIS_URL);
    cleanups.push(() => proxy.close());
    const sender = await peer(key, { writer: await client(proxy.url) });
    const receiver = await peer(key);
    await receiver.feed.start();
    proxy.cut();
    // However long Redis is away and however often a contest changes, little is queued.
    for (let i = 0; i < 1_000; i++) {
      sender.feed.publish(changed('c1'));
      sender.feed.publish(changed('c2'));
    }
    expect(await entries()).toEqual([]);
    proxy.restore();
    await waitFor(() => expect(receiver.got).toEqual([changed('c1'), changed('c1'), changed('c2')]));
    expect(new Set((await entries()).map((e) => e.n))).toEqual(new Set(['1', '2']));
  });
});
