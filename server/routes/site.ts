// The installation's public address (server/site/addresses.ts): GET /api/v1/site for every page,
// PUT/DELETE /api/v1/site/public-url for the organiser's choice. Mounted at /api/v1.
import { Hono, type Context } from 'hono';
import { publicUrlBody, type OrganiserSiteInfo, type SiteInfo } from '../../shared/site.ts';
import { actorName, requireOrganiser } from '../domain/auth/auth.ts';
import { parseInput } from '../errors.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';

async function siteInfo(c: Context<AppEnv>): Promise<SiteInfo | OrganiserSiteInfo> {
  const s = c.get('services');
  const found = await s.site.resolve(new URL(c.req.url).origin);
  const info: SiteInfo = { ...found, version: s.version };
  // Anyone may ask (screens print the address); only organisers see this machine's other addresses.
  if (c.get('actor').role !== 'organiser') return info;
  return { ...info, candidates: s.site.candidates(), chosen: await s.site.chosen(), editable: s.site.editable };
}

export const siteRoutes = new Hono<AppEnv>()
  .get('/site', async (c) => c.json(await siteInfo(c)))
  .put('/site/public-url', async (c) => {
    const actor = c.get('actor');
    requireOrganiser(actor);
    const { url } = parseInput(publicUrlBody, await readJson(c));
    await c.get('services').site.choose(url, actorName(actor));
    return c.json(await siteInfo(c));
  })
  .delete('/site/public-url', async (c) => {
    const actor = c.get('actor');
    requireOrganiser(actor);
    await c.get('services').site.choose(null, actorName(actor));
    return c.json(await siteInfo(c));
  });
