// Test files that need a PostgreSQL server or Redis (README "Tests that need PostgreSQL or Redis")
// ask here, once, whether it answers. Outside CI a missing service skips the file's tests with one
// line saying what to start; in CI (CI=true, .ci/run starts both) the file fails loudly instead.
//   const skip = await skipWithout(import.meta.url, postgresServer(), redisServer());
//   describe.skipIf(skip)('…', () => { … });
import { connect } from 'node:net';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shownRedisUrl } from '../realtime/redis-client.ts';

/** The PostgreSQL server tests make their own databases on (DATABASE_URL's server, else PG_ADMIN_URL). */
export const POSTGRES_URL =
  process.env.DATABASE_URL ?? process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

export interface Service {
  name: string;
  url: string;
  /** The setting that points the tests at another one. */
  setting: string;
  port: number;
}

export const postgresServer = (url = POSTGRES_URL, setting = 'DATABASE_URL or PG_ADMIN_URL'): Service => ({
  name: 'PostgreSQL',
  url,
  setting,
  port: 5432,
});

export const redisServer = (url = REDIS_URL): Service => ({ name: 'Redis', url, setting: 'REDIS_URL', port: 6379 });

/**
 * Whether the calling file's tests must be skipped: true (after printing why) when a service does
 * not answer and this is not CI. In CI a missing service throws, failing the file.
 */
export async function skipWithout(fileUrl: string, ...services: Service[]): Promise<boolean> {
  const causes = await Promise.all(services.map(unreachable));
  const missing = services.flatMap((s, i) => (causes[i] ? [{ ...s, cause: causes[i] }] : []));
  if (missing.length === 0) return false;
  const file = relative(process.cwd(), fileURLToPath(fileUrl));
  const what = `${file} needs ${missing.map((s) => `${s.name} at ${shownRedisUrl(s.url)} (${s.cause})`).join(' and ')}`;
  if (inCi()) throw new Error(`${what}: CI must provide it`);
  const hint = missing.map((s) => `start ${s.name} or set ${s.setting}`).join('; ');
  console.warn(`[skipped] ${what}: ${hint} (README "Tests that need PostgreSQL or Redis")`);
  return true;
}

const inCi = () => !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

/** Why nothing answers at the service's address (a TCP connection within 2 s), or null. */
function unreachable(s: Service): Promise<string | null> {
  let host: string;
  let port: number;
  try {
    const u = new URL(s.url);
    host = u.hostname || '127.0.0.1';
    port = Number(u.port || s.port);
  } catch {
    return Promise.resolve('not a valid URL');
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    const done = (cause: string | null) => {
      socket.destroy();
      resolve(cause);
    };
    socket.once('connect', () => done(null));
    socket.once('timeout', () => done('no answer within 2 s'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}
