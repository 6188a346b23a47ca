// The organiser console's API under /api/v1: the event's live overview.
import { Hono } from 'hono';
import { eventOverview } from '../domain/boards/overview.ts';
import type { AppEnv } from '../http/types.ts';

export const adminRoutes = new Hono<AppEnv>().get('/events/:id/overview', async (c) =>
  c.json(await eventOverview(c.get('services'), c.get('actor'), c.req.param('id'))),
);
