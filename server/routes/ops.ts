// Operations: /healthz for load balancers (public: it says only whether the database answers) and
// /metrics for Prometheus, which names routes, counts and timings: organisers, or a scraper holding
// METRICS_TOKEN as its bearer token (it needs no database, so it still reads during an outage).
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { sql } from 'drizzle-orm';
import { requireOrganiser } from '../domain/auth/auth.ts';
import { bearerOf, SESSION_COOKIE } from '../http/auth.ts';
import type { AppEnv } from '../http/types.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function opsRoutes(opts: { metricsToken?: string } = {}) {
  const scraper = opts.metricsToken ? digest(opts.metricsToken) : null;

  async function requireMetricsReader(c: Context<AppEnv>) {
    const bearer = bearerOf(c);
    // Compared as digests: equal lengths, and the time taken says nothing about the token.
    if (scraper && bearer && timingSafeEqual(digest(bearer), scraper)) return;
    requireOrganiser(await c.get('services').auth.resolve(bearer ?? getCookie(c, SESSION_COOKIE)));
  }

  return new Hono<AppEnv>()
    .get('/healthz', async (c) => {
      const s = c.get('services');
      try {
        // While the gate is closed the pool cannot connect: answer at once rather than queue behind it.
        if (!s.dbGate.open) throw new Error('database down');
        await s.db.execute(sql`select 1`);
      } catch {
        c.header('Retry-After', '5');
        return c.json({ ok: false, db: s.dbKind, version: s.version }, 503);
      }
      return c.json({ ok: true, db: s.dbKind, version: s.version });
    })
    .get('/metrics', async (c) => {
      await requireMetricsReader(c);
      const { registry } = c.get('services').metrics;
      return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
    });
}
