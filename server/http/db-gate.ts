// While the database is out of reach, requests that need it are answered 503 at once instead of
// waiting in the connection pool: postgres.js keeps a queued query until a connection opens, and
// while the server is away it opens one attempt at a time, so queued requests would hang for as
// long as the outage lasts. The first "database down" error closes the gate; a probe every PROBE_MS
// opens it again as soon as a query succeeds. A probe that gets no answer (a query can wait on a
// connection attempt for up to connect_timeout) does not hold the next one back.
import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../../db/create-db.ts';
import { refuse } from '../errors.ts';
import type { AppEnv } from './types.ts';

const PROBE_MS = 250;
const PROBE_WAIT_MS = 1_000;

export class DbGate {
  private closedAt: number | null = null;

  constructor(private readonly db: Db) {}

  get open(): boolean {
    return this.closedAt === null;
  }

  /** A request found the database down: refuse the next ones at once until a probe gets through. */
  close(): void {
    if (this.closedAt !== null) return;
    this.closedAt = Date.now();
    this.probeLater();
  }

  private probeLater(): void {
    setTimeout(() => {
      let settled = false;
      const next = () => {
        if (settled) return;
        settled = true;
        if (this.closedAt !== null) this.probeLater();
      };
      setTimeout(next, PROBE_WAIT_MS).unref();
      this.db.execute(sql`select 1`).then(
        () => {
          this.closedAt = null;
          settled = true;
        },
        (err: { code?: unknown }) => {
          // An ended pool (the server is stopping) never comes back: stop probing.
          if (err?.code === 'CONNECTION_ENDED') settled = true;
          else next();
        },
      );
    }, PROBE_MS).unref();
  }
}

export const unavailable = () => {
  const message = 'the database is not reachable; your request was not stored, try again shortly';
  return refuse('unavailable', message, {}, { retryAfter: 2 });
};

export const requireDatabase: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('services').dbGate.open) throw unavailable();
  await next();
};
