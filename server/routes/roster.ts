// Preparing an event (organiser), under /api/v1/events: edit the event file, import contestants
// and judges from CSV/XLSX (with a preview first), new judge PINs for printing cards.
import { Hono, type Context } from 'hono';
import { requireOrganiser } from '../domain/auth.ts';
import { editEvent } from '../domain/edit-event.ts';
import { resetJudgePins } from '../domain/judge-pins.ts';
import { importRoster, previewRoster } from '../domain/roster.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';

/** Who may call is settled before the body is read: a stranger learns nothing from a 400. */
async function organiserBody(c: Context<AppEnv>, { optional = false } = {}): Promise<unknown> {
  requireOrganiser(c.get('actor'));
  if (optional && (await c.req.text()).trim() === '') return {};
  return readJson(c);
}

export const rosterRoutes = new Hono<AppEnv>()
  .put('/:id', async (c) => c.json(await editEvent(c.get('services'), c.get('actor'), c.req.param('id'), await organiserBody(c))))
  .post('/:id/roster/preview', async (c) =>
    c.json(await previewRoster(c.get('services'), c.get('actor'), c.req.param('id'), await organiserBody(c))))
  .post('/:id/roster/import', async (c) =>
    c.json(await importRoster(c.get('services'), c.get('actor'), c.req.param('id'), await organiserBody(c))))
  .post('/:id/judges/pins', async (c) =>
    c.json(await resetJudgePins(c.get('services'), c.get('actor'), c.req.param('id'), await organiserBody(c, { optional: true }))));
