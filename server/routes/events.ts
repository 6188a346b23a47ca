import { Hono } from 'hono';
import { importEvent } from '../domain/events/import-event.ts';
import { eventTeams, getEvent, getEventFile, listEvents } from '../domain/boards/queries.ts';
import { verifyAudit } from '../domain/audit/audit.ts';
import { readAuditFiltered } from '../domain/audit/audit-query.ts';
import { auditQuery } from '../../shared/admin-api.ts';
import { requireOrganiser } from '../domain/auth/auth.ts';
import { parseInput, unknownEvent } from '../errors.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';
import type { EventDetail, ImportResult } from '../../shared/api.ts';

export const eventRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    requireOrganiser(c.get('actor')); // before the body is read: a stranger learns nothing from a 400
    const out = await importEvent(c.get('services'), c.get('actor'), await readJson(c));
    return c.json(out satisfies ImportResult, 201);
  })
  .get('/', async (c) => c.json(await listEvents(c.get('services'))))
  .get('/:id', async (c) => {
    const event: EventDetail = await getEvent(c.get('services'), c.req.param('id'));
    return c.json(event);
  })
  .get('/:id/file', async (c) => c.json(await getEventFile(c.get('services'), c.get('actor'), c.req.param('id'))))
  .get('/:id/teams', async (c) => c.json(await eventTeams(c.get('services'), c.get('actor'), c.req.param('id'))))
  .get('/:id/audit', async (c) => {
    requireOrganiser(c.get('actor'));
    const q = parseInput(auditQuery, c.req.query());
    const { db } = c.get('services');
    await getEvent(c.get('services'), c.req.param('id'));
    const entries = await readAuditFiltered(db, c.req.param('id'), q);
    return c.json({ event: c.req.param('id'), entries });
  })
  .get('/:id/audit/verify', async (c) => {
    requireOrganiser(c.get('actor'));
    const v = await verifyAudit(c.get('services').db, c.req.param('id'));
    if (v.problem === 'unknown event') throw unknownEvent();
    return c.json(v);
  });
