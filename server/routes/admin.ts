// The organiser console's API under /api/v1: the event's live overview. Mounted before the other
// API routes, so its middleware also notes every judge request (who is online).
import { Hono } from 'hono';
import { eventOverview, presenceOf } from '../domain/boards/overview.ts';
import type { AppEnv } from '../http/types.ts';

export const adminRoutes = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    const actor = c.get('actor');
    if (actor?.role === 'judge') presenceOf(c.get('services')).touch(actor.judgeId);
    await next();
  })
  .get('/events/:id/overview', async (c) => c.json(await eventOverview(c.get('services'), c.get('actor'), c.req.param('id'))));
