// Several server processes on one PostgreSQL and one Redis (REDIS_URL), behind a load balancer.
//
// Socket.IO gets the Redis Streams adapter (@socket.io/redis-streams-adapter), not the Pub/Sub one
// (@socket.io/redis-adapter): Redis Pub/Sub drops every packet published while a server is
// disconnected from Redis, whereas the streams adapter reads its stream on from the last offset it
// saw after a reconnection, so no packet is lost (https://socket.io/docs/v4/redis-streams-adapter,
// "How it works"). Anything a process broadcasts beyond itself goes through that stream.
//
// Boards themselves do not travel through Redis. Each process serves its own watchers: its
// Broadcaster emits to local sockets only (nsp.local) and keeps, per room, the board it last sent,
// so deltas stay relative to what those sockets hold. Across processes only small notices travel
// (ChangeFeed, a Redis stream too): "contest X changed" makes each process that has watchers of X
// refresh its cached board from the database by seq and send them a delta; "contest X's definition
// changed" makes it forget its cached definition first; "session S ended" closes its sockets of S.
// Marks are ordered by the database (contests.seq), so every process ends on the same board
// whichever process accepted a mark.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { contests } from '../../db/schema/index.ts';
import type { AppServices } from '../services.ts';
import { ChangeFeed, type ClusterMessage } from './change-feed.ts';
import { closeSessionSockets } from './live.ts';
import { localWatchers, type Broadcaster } from './broadcaster.ts';
import { SCREENS_EVENT, type LiveNamespace } from './live-server.ts';
import { connectRedis, shownRedisUrl, watchConnection, type Redis } from './redis-client.ts';

export interface ClusterOptions {
  url: string;
  /** Names the adapter's stream and Pub/Sub channels, and (with ":changes") the change feed: one per deployment. */
  stream: string;
  log: (msg: string) => void;
}

/** Entries kept in the change feed (XADD MAXLEN ~): minutes of a busy contest day; a lagging reader that misses some resyncs. */
const FEED_MAX_LEN = 100_000;
/** Entries kept in the adapter's stream (its default). */
const ADAPTER_MAX_LEN = 10_000;
/** How long the organiser overview waits for other processes' screen counts. */
const SCREENS_WAIT_MS = 1_500;

/** What brings this process's watchers up to date after a change (its Broadcaster). */
type ChangeListener = Pick<Broadcaster, 'contestChanged'>;

export class RealtimeCluster {
  /** For `new Server(http, { adapter })`. */
  readonly adapter: ReturnType<typeof createAdapter>;
  readonly description: string;
  private feed: ChangeFeed | null = null;
  private nsp: LiveNamespace | null = null;

  private constructor(
    private readonly client: Redis,
    private readonly reader: Redis,
    private readonly opts: ClusterOptions,
  ) {
    this.adapter = createAdapter(client, {
      streamName: opts.stream,
      channelPrefix: opts.stream,
      maxLen: ADAPTER_MAX_LEN,
    });
    this.description = `Redis streams adapter at ${shownRedisUrl(opts.url)} (stream "${opts.stream}")`;
  }

  /** The command connection, shared with whatever else this process keeps in Redis (sign-in counters). */
  get redis(): Redis {
    return this.client;
  }

  /** Connects to Redis; throws a clear error when it cannot be reached (see connectRedis). */
  static async connect(opts: ClusterOptions): Promise<RealtimeCluster> {
    const client = await connectRedis(opts.url, `${opts.stream}:${process.pid}`, opts.log);
    // XREAD BLOCK holds its connection: the feed reads on a connection of its own.
    const reader = client.duplicate();
    watchConnection(reader, `Redis at ${shownRedisUrl(opts.url)} (change feed)`, opts.log);
    await reader.connect();
    return new RealtimeCluster(client, reader, opts);
  }

  /**
   * Wires the cluster into this process once /live and its Broadcaster exist: every change committed
   * here is told to the other processes, and theirs to the local broadcaster.
   */
  async join(nsp: LiveNamespace, services: AppServices, broadcaster: ChangeListener): Promise<void> {
    this.nsp = nsp;
    const { boards, auth } = services;
    const watched = (contest: string) =>
      localWatchers(nsp, contest, 'public') + localWatchers(nsp, contest, 'organiser') > 0;
    const feed = new ChangeFeed(
      this.client,
      this.reader,
      `${this.opts.stream}:changes`,
      FEED_MAX_LEN,
      {
        message: async (msg: ClusterMessage) => {
          if (msg.kind === 'changed') {
            // Without watchers here there is nothing to send; the cache catches up by seq on its next read.
            if (watched(msg.contest)) broadcaster.contestChanged(msg.contest);
          } else if (msg.kind === 'invalidated') {
            // As contestRedefined does: a refresh under way may put back the definition it read before.
            await boards.get(msg.contest).catch(() => null);
            boards.forget(msg.contest);
            if (watched(msg.contest)) broadcaster.contestChanged(msg.contest);
          } else {
            auth.forgetCachedSessions();
            closeSessionSockets(nsp, msg.tokenHash);
          }
        },
        gap: () => void this.resync(services, broadcaster, watched),
      },
      this.opts.log,
    );
    this.feed = feed;
    await feed.start();

    services.committed.on(({ contestId }) => feed.publish({ kind: 'changed', contest: contestId }));
    boards.invalidated.on((contest) => feed.publish({ kind: 'invalidated', contest }));
    auth.onSessionEnded((tokenHash) => feed.publish({ kind: 'session-ended', tokenHash }));
    nsp.on(SCREENS_EVENT, (ids, ack) => {
      if (typeof ack !== 'function' || !Array.isArray(ids)) return;
      ack(
        Object.fromEntries(
          ids.filter((id) => typeof id === 'string').map((id: string) => [id, localWatchers(nsp, id, 'public')]),
        ),
      );
    });
  }

  /**
   * Public screens watching each contest, in all processes. Another process that does not answer
   * within SCREENS_WAIT_MS (Redis away) is left out: the count is then this process's alone.
   */
  async screens(contestIds: readonly string[]): Promise<Map<string, number>> {
    const nsp = this.nsp;
    const counts = new Map(contestIds.map((id) => [id, nsp ? localWatchers(nsp, id, 'public') : 0]));
    if (!nsp || contestIds.length === 0) return counts;
    const answers = await new Promise<unknown[]>((resolve) => {
      const timer = setTimeout(() => resolve([]), SCREENS_WAIT_MS);
      const ack = (_err: unknown, responses: unknown) => {
        clearTimeout(timer);
        resolve(Array.isArray(responses) ? responses : []);
      };
      // The adapter itself, not nsp.serverSideEmit: that drops the adapter's promise, which rejects
      // when the Redis connection drops with its PUBSUB NUMSUB in flight (an unhandled rejection
      // would end the process).
      Promise.resolve(nsp.adapter.serverSideEmit([SCREENS_EVENT, contestIds, ack])).catch(() => ack(null, []));
    });
    for (const answer of answers) {
      if (!answer || typeof answer !== 'object') continue;
      for (const id of contestIds) {
        const n = (answer as Record<string, unknown>)[id];
        if (typeof n === 'number' && Number.isInteger(n) && n > 0) counts.set(id, counts.get(id)! + n);
      }
    }
    return counts;
  }

  /** After Socket.IO closed (its adapter stops reading): sends what is queued if Redis answers soon, then disconnects. */
  async close(): Promise<void> {
    await withTimeout(this.feed?.close(), 1_000);
    this.reader.destroy();
    await this.feed?.stopped();
    await withTimeout(
      this.client.close().catch(() => {}),
      2_000,
    );
    if (this.client.isOpen) this.client.destroy();
  }

  /**
   * Notices of another process were trimmed from the feed before this one read them: forget every
   * cached definition and refresh every contest watched here, as a process that just started would.
   */
  private async resync(
    services: AppServices,
    broadcaster: ChangeListener,
    watched: (contest: string) => boolean,
  ): Promise<void> {
    this.opts.log('[realtime] missed changes of another process: reloading the boards watched here');
    for (let attempt = 0; ; attempt++) {
      try {
        const all = await services.db.select({ id: contests.id }).from(contests);
        for (const { id } of all) {
          services.boards.forget(id);
          if (watched(id)) broadcaster.contestChanged(id);
        }
        return;
      } catch (err) {
        if (attempt >= 20) return this.opts.log(`[realtime] reloading the boards failed: ${(err as Error)?.message}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }
}

async function withTimeout(p: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
