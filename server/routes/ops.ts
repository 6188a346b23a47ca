import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../http/types.ts';
import { dbGateOf } from '../http/db-gate.ts';

export const opsRoutes = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    const s = c.get('services');
    try {
      // While the gate is closed the pool cannot connect: answer at once rather than queue behind it.
      if (!dbGateOf(s.db).open) throw new Error('database down');
      await s.db.execute(sql`select 1`);
    } catch {
      c.header('Retry-After', '5');
      return c.json({ ok: false, db: s.dbKind, version: s.version }, 503);
    }
    return c.json({ ok: true, db: s.dbKind, version: s.version });
  })
  .get('/metrics', async (c) => {
    const { registry } = c.get('services').metrics;
    return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
