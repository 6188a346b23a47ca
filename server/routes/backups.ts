// Snapshots of the embedded database and event archives (organisers only).
// GET/POST /api/v1/backups, GET /api/v1/backups/:file,
// GET /api/v1/events/:id/archive, POST /api/v1/events/archive.
import { Hono } from 'hono';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { actorName, requireOrganiser } from '../domain/auth/auth.ts';
import { parseInput, refuse } from '../errors.ts';
import { archiveQuery } from '../../shared/backups-api.ts';
import type { AppEnv } from '../http/types.ts';
import { exportEventArchive } from '../backup/archive-export.ts';
import { importEventArchive } from '../backup/archive-import.ts';
import { readArchiveBody } from '../backup/archive-body.ts';
import { parseSnapshotName } from '../backup/names.ts';
import { OFF_NOTE, POSTGRES_NOTE } from '../backup/service.ts';

const gzipAsync = promisify(gzip);

export const backupRoutes = new Hono<AppEnv>()
  .get('/backups', async (c) => {
    requireOrganiser(c.get('actor'));
    const { backups, dbKind } = c.get('services');
    return c.json({
      enabled: backups.enabled,
      dir: backups.dir,
      ...(backups.enabled ? {} : { note: dbKind === 'postgres' ? POSTGRES_NOTE : OFF_NOTE }),
      snapshots: await backups.list(),
    });
  })
  .post('/backups', async (c) => {
    requireOrganiser(c.get('actor'));
    return c.json(await c.get('services').backups.takeNow(), 201);
  })
  .get('/backups/:file', async (c) => {
    requireOrganiser(c.get('actor'));
    const { backups } = c.get('services');
    const file = c.req.param('file');
    // Only names the server itself gives snapshots are opened: no separators, no "..", nothing else.
    if (!backups.dir || !parseSnapshotName(file)) throw refuse('not_found:snapshot', 'no such snapshot');
    const path = join(backups.dir, file);
    const size = await stat(path).then(
      (s) => (s.isFile() ? s.size : null),
      () => null,
    );
    if (size === null) throw refuse('not_found:snapshot', 'no such snapshot');
    const body = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream;
    return c.body(body, 200, {
      'Content-Type': 'application/gzip',
      'Content-Length': String(size),
      'Content-Disposition': `attachment; filename="${file}"`,
    });
  })
  .get('/events/:id/archive', async (c) => {
    requireOrganiser(c.get('actor'));
    const s = c.get('services');
    const id = c.req.param('id');
    const { pins } = parseInput(archiveQuery, c.req.query());
    const archive = await exportEventArchive(s.db, id, s.version, { pins: pins === 'include' });
    const bytes = await gzipAsync(JSON.stringify(archive));
    const name = `jiangxin-archive-${id.replace(/[^A-Za-z0-9_-]/g, '_')}-${archive.exportedAt.slice(0, 10)}.json.gz`;
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/gzip',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  })
  .post('/events/archive', async (c) => {
    const actor = c.get('actor');
    requireOrganiser(actor);
    const out = await importEventArchive(c.get('services').db, await readArchiveBody(c), actorName(actor));
    return c.json(out, 201);
  });
