// Preparing an event (organiser), under /api/v1/events: edit the event file, import contestants
// and judges from CSV/XLSX (with a preview first), new judge PINs for printing cards.
import { Hono, type Context } from 'hono';
import { requireOrganiser } from '../domain/auth/auth.ts';
import { editEvent } from '../domain/events/edit-event.ts';
import { resetJudgePins } from '../domain/auth/judge-pins.ts';
import { importRoster, previewRoster } from '../domain/roster/roster.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';

/** Who may call is settled before the body is read: a stranger learns nothing from a 400. */
async function organiserBody(c: Context<AppEnv>, { optional = false } = {}): Promise<unknown> {
  requireOrganiser(c.get('actor'));
  if (optional && (await c.req.text()).trim() === '') return {};
  return readJson(c);
}

// Editing the event, importing judges and new PINs may end judges' sessions: the session cache
// of this process forgets them at once (see AuthService.forgetCachedSessions).
export const rosterRoutes = new Hono<AppEnv>()
  .put('/:id', async (c) => {
    const out = await editEvent(c.get('services'), c.get('actor'), c.req.param('id'), await organiserBody(c));
    c.get('services').auth.forgetCachedSessions();
    return c.json(out);
  })
  .post('/:id/roster/preview', async (c) =>
    c.json(await previewRoster(c.get('services'), c.get('actor'), c.req.param('id'), await organiserBody(c))),
  )
  .post('/:id/roster/import', async (c) => {
    const out = await importRoster(c.get('services'), c.get('actor'), c.req.param('id'), await organiserBody(c));
    c.get('services').auth.forgetCachedSessions();
    return c.json(out);
  })
  .post('/:id/judges/pins', async (c) => {
    const out = await resetJudgePins(
      c.get('services'),
      c.get('actor'),
      c.req.param('id'),
      await organiserBody(c, { optional: true }),
    );
    c.get('services').auth.forgetCachedSessions();
    return c.json(out);
  });
