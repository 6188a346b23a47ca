// The built SvelteKit SPA: hashed assets cached forever, every other page gets index.html.
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AppEnv } from '../http/types.ts';

/** The built app's index.html (every page of the SPA), or null when the web app is not built. */
export function readIndex(webRoot: string): string | null {
  const indexFile = join(webRoot, 'index.html');
  return existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
}

export function webRoutes(webRoot: string, index = readIndex(webRoot)) {
  const root = relative(process.cwd(), webRoot) || '.';
  const app = new Hono<AppEnv>();
  app.use('/_app/immutable/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  // The build holds .br and .gz next to each file: phones on venue Wi-Fi get a third of the bytes.
  app.use('*', serveStatic({ root, precompressed: true }));
  app.get('*', (c) => {
    if (!index) return c.text('The web app is not built: run "npm run build".', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(index);
  });
  return app;
}
