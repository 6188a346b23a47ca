import { Hono } from 'hono';
import { judgeSheet } from '../domain/boards/judge-sheet.ts';
import { contestProgress, requestRemark } from '../domain/boards/progress.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv } from '../http/types.ts';

/** The judges' tablet: GET /api/v1/judge/sheet. */
export const judgeRoutes = new Hono<AppEnv>().get('/sheet', async (c) =>
  c.json(await judgeSheet(c.get('services'), c.get('actor'))),
);

/** The chief judge's desk, under /api/v1/contests/:id. */
export const chiefRoutes = new Hono<AppEnv>()
  .get('/:id/progress', async (c) =>
    c.json(await contestProgress(c.get('services'), c.get('actor'), c.req.param('id'))),
  )
  .post('/:id/remarks', async (c) =>
    c.json(await requestRemark(c.get('services'), c.get('actor'), c.req.param('id'), await readJson(c)), 201),
  );
