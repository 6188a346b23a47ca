// The installation's signing key and trusted installations (organisers; server/domain/certification/installation.ts):
// GET /api/v1/installation, POST /api/v1/installation/trusted-keys, DELETE …/trusted-keys/:key,
// GET /api/v1/events/:id/origin. Mounted at /api/v1.
import { Hono } from 'hono';
import { requireOrganiser } from '../domain/auth/auth.ts';
import { eventOrigin, installationInfo, trustKey, untrustKey } from '../domain/certification/installation.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';

export const installationRoutes = new Hono<AppEnv>()
  .get('/installation', async (c) => c.json(await installationInfo(c.get('services'), c.get('actor'))))
  .post('/installation/trusted-keys', async (c) => {
    const actor = c.get('actor');
    requireOrganiser(actor);
    return c.json(await trustKey(c.get('services'), actor, await readJson(c)));
  })
  .delete('/installation/trusted-keys/:key', async (c) =>
    c.json(await untrustKey(c.get('services'), c.get('actor'), c.req.param('key'))),
  )
  .get('/events/:id/origin', async (c) =>
    c.json(await eventOrigin(c.get('services'), c.get('actor'), c.req.param('id'))),
  );
