// Appeals (申诉) and event settings, mounted at /api/v1: the routes span contests, events and appeals.
import { Hono } from 'hono';
import {
  decideAppeal,
  getEventSettings,
  listContestAppeals,
  listEventAppeals,
  putEventSettings,
  submitAppeal,
} from '../domain/lifecycle/appeals.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';

export const appealRoutes = new Hono<AppEnv>()
  .post('/contests/:id/appeals', async (c) =>
    c.json(await submitAppeal(c.get('services'), c.get('actor'), c.req.param('id'), await readJson(c)), 201),
  )
  .get('/contests/:id/appeals', async (c) =>
    c.json(await listContestAppeals(c.get('services'), c.get('actor'), c.req.param('id'))),
  )
  .get('/events/:id/appeals', async (c) =>
    c.json(await listEventAppeals(c.get('services'), c.get('actor'), c.req.param('id'))),
  )
  .post('/appeals/:id/decision', async (c) =>
    c.json(await decideAppeal(c.get('services'), c.get('actor'), c.req.param('id'), await readJson(c))),
  )
  .get('/events/:id/settings', async (c) =>
    c.json(await getEventSettings(c.get('services'), c.get('actor'), c.req.param('id'))),
  )
  .put('/events/:id/settings', async (c) =>
    c.json(await putEventSettings(c.get('services'), c.get('actor'), c.req.param('id'), await readJson(c))),
  );
