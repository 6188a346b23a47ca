// The venue's big screens and announcements (issue 14), mounted at /api/v1. Organisers list the
// screens, set each one's mode, name and identify it, step a reveal and forget a screen; they post
// and withdraw announcements, which anyone may read (phones that open a page later).
import { Hono, type Context } from 'hono';
import {
  announcementBody,
  modeOf,
  revealActionBody,
  screenId as screenIdSchema,
  screenModeChange,
  screenRename,
} from '../../shared/screens-schema.ts';
import type { ScreenInfo } from '../../shared/screens.ts';
import { actorName, requireOrganiser } from '../domain/auth/auth.ts';
import { getEvent } from '../domain/boards/queries.ts';
import { activeAnnouncements, announce, withdrawAnnouncement } from '../domain/screens/announcements.ts';
import { revealTotal, screenStateOf } from '../domain/screens/reveal-view.ts';
import {
  forgetScreen,
  listScreens,
  readScreen,
  renameScreen,
  setScreenMode,
  stepReveal,
  type ScreenRow,
} from '../domain/screens/screens.ts';
import { parseInput, refuse } from '../errors.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';

/** The organiser, and the event and screen the address names (a malformed screen id names none). */
async function organiserAt(c: Context<AppEnv>) {
  const actor = c.get('actor');
  requireOrganiser(actor);
  const services = c.get('services');
  const eventId = c.req.param('id') ?? '';
  await getEvent(services, eventId);
  const raw = c.req.param('screen');
  if (raw !== undefined && !screenIdSchema.safeParse(raw).success) throw refuse('not_found:screen', 'unknown screen');
  return { services, eventId, screenId: raw ?? '', actor: actorName(actor) };
}

type Services = AppEnv['Variables']['services'];

/** A screen as the console lists it; in reveal mode with the ceremony's progress. */
async function infoOf(services: Services, eventId: string, row: ScreenRow, online: boolean): Promise<ScreenInfo> {
  const info: ScreenInfo = {
    id: row.id,
    number: row.number,
    name: row.name,
    mode: row.mode,
    online,
    lastSeen: row.lastSeen.toISOString(),
  };
  if (row.mode?.kind !== 'reveal') return info;
  const { reveal } = await screenStateOf(services, eventId, row);
  return reveal ? { ...info, reveal: { step: reveal.step, total: reveal.total, ready: reveal.ready } } : info;
}

/** Tells the screen its new state and answers the console with it. */
async function pushed(c: Context<AppEnv>, services: Services, eventId: string, row: ScreenRow) {
  const state = await screenStateOf(services, eventId, row);
  services.screenHub.screen(eventId, state);
  const online = (await services.screenHub.online(eventId)).has(row.id);
  return c.json(await infoOf(services, eventId, row, online));
}

export const screenRoutes = new Hono<AppEnv>()
  .get('/events/:id/screens', async (c) => {
    const { services, eventId } = await organiserAt(c);
    const [rows, online] = await Promise.all([listScreens(services.db, eventId), services.screenHub.online(eventId)]);
    const screens = await Promise.all(rows.map((r) => infoOf(services, eventId, r, online.has(r.id))));
    return c.json({ screens });
  })
  .put('/events/:id/screens/:screen/mode', async (c) => {
    const { services, eventId, screenId, actor } = await organiserAt(c);
    const { mode } = parseInput(screenModeChange, await readJson(c));
    const row = await setScreenMode(services.db, eventId, screenId, mode ? modeOf(mode) : null, actor);
    return pushed(c, services, eventId, row);
  })
  .put('/events/:id/screens/:screen/name', async (c) => {
    const { services, eventId, screenId } = await organiserAt(c);
    const { name } = parseInput(screenRename, await readJson(c));
    return pushed(c, services, eventId, await renameScreen(services.db, eventId, screenId, name));
  })
  .post('/events/:id/screens/:screen/reveal', async (c) => {
    const { services, eventId, screenId } = await organiserAt(c);
    const { action } = parseInput(revealActionBody, await readJson(c));
    const total = (code: string) => revealTotal(services, eventId, code);
    return pushed(c, services, eventId, await stepReveal(services.db, eventId, screenId, action, total));
  })
  .post('/events/:id/screens/:screen/identify', async (c) => {
    const { services, eventId, screenId } = await organiserAt(c);
    await readScreen(services.db, eventId, screenId);
    services.screenHub.identify(eventId, screenId);
    return c.json({ ok: true });
  })
  .delete('/events/:id/screens/:screen', async (c) => {
    const { services, eventId, screenId } = await organiserAt(c);
    await forgetScreen(services.db, eventId, screenId);
    services.screenHub.forget(eventId, screenId);
    return c.json({ ok: true });
  })
  .get('/events/:id/announcements', async (c) => {
    const services = c.get('services');
    const eventId = c.req.param('id');
    await getEvent(services, eventId);
    return c.json({ announcements: await activeAnnouncements(services.db, eventId) });
  })
  .post('/events/:id/announcements', async (c) => {
    const { services, eventId, actor } = await organiserAt(c);
    const { text } = parseInput(announcementBody, await readJson(c));
    const made = await announce(services.db, eventId, text, actor);
    services.screenHub.announcements(eventId, await activeAnnouncements(services.db, eventId));
    return c.json(made, 201);
  })
  .delete('/events/:id/announcements/:announcement', async (c) => {
    const { services, eventId, actor } = await organiserAt(c);
    await withdrawAnnouncement(services.db, eventId, c.req.param('announcement'), actor);
    services.screenHub.announcements(eventId, await activeAnnouncements(services.db, eventId));
    return c.json({ ok: true });
  });
