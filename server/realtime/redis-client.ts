// The Redis connection of a server process running beside others (REDIS_URL). node-redis reconnects
// by itself; here its errors are logged once per outage instead of thrown, and a Redis that cannot
// be reached when the process starts fails the start with a clear message after a few tries.
import { createClient, type RedisClientType } from 'redis';

export type Redis = RedisClientType;

/** Tries at start before giving up (about 5 s in all). After the first connection it retries forever. */
const START_ATTEMPTS = 10;
const START_RETRY_MS = 500;
/** Longest wait between two reconnection attempts once running. */
const MAX_RETRY_MS = 2_000;

/** The URL without its password, for logs. */
export function shownRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'the REDIS_URL given';
  }
}

/**
 * Connects to Redis. `name` is set with CLIENT SETNAME on this connection and on every duplicate
 * (the adapter's), so an operator can tell them apart in CLIENT LIST.
 */
export async function connectRedis(url: string, name: string, log: (msg: string) => void): Promise<Redis> {
  let started = false;
  const client: Redis = createClient({
    url,
    name,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries, cause) => {
        if (!started && retries >= START_ATTEMPTS) return cause;
        return started ? Math.min(100 * 2 ** retries, MAX_RETRY_MS) : START_RETRY_MS;
      },
    },
  });
  watchConnection(client, `Redis at ${shownRedisUrl(url)}`, log);
  try {
    await client.connect();
  } catch (err) {
    if (client.isOpen) client.destroy();
    throw new Error(
      `REDIS_URL is set but ${shownRedisUrl(url)} cannot be reached (${(err as Error)?.message || String(err)}): start Redis, or unset REDIS_URL to run a single process`,
    );
  }
  started = true;
  return client;
}

/** Logs the first error of an outage and the reconnection, never throws ('error' has a listener). */
export function watchConnection(client: Pick<Redis, 'on'>, what: string, log: (msg: string) => void): void {
  let down = false;
  client.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    log(`[realtime] ${what}: ${(err as Error)?.message || String(err)}; retrying`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log(`[realtime] ${what}: connected again`);
  });
}
