// Restoring a snapshot into DATA_DIR/db: refuse while a server uses the data directory, unpack and
// open the snapshot beside the current database, and only then move the current one aside
// (DATA_DIR/db-before-restore-<time>, never deleted) and put the restored one in its place.
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb, rowsOf, type DbHandle } from '../../db/create-db.ts';
import { liveLock } from './lock.ts';

export interface RestoreSummary {
  events: {
    id: string;
    name: string;
    contests: { id: string; code: string; name: string; state: string; marks: number }[];
  }[];
}

export interface RestoreResult {
  restored: string;
  /** Where the database that was in DATA_DIR/db now is (null: there was none). */
  movedAside: string | null;
  summary: RestoreSummary;
}

export class RestoreRefused extends Error {}

const stamp = (d = new Date()) => d.toISOString().replace(/[:.]/g, '-');

/** The snapshot a command-line argument names: a path, or a file name in DATA_DIR/backups. */
export function resolveSnapshot(dataDir: string, arg: string): string {
  const direct = isAbsolute(arg) ? arg : resolve(arg);
  if (existsSync(direct)) return direct;
  const inBackups = join(dataDir, 'backups', basename(arg));
  if (existsSync(inBackups)) return inBackups;
  throw new RestoreRefused(`no snapshot "${arg}" (looked at ${direct} and ${inBackups})`);
}

/** Refuses while a server has this data directory open (its lock file) or one answers on the port. */
export async function assertNoServer(dataDir: string, port?: number): Promise<void> {
  const lock = liveLock(dataDir);
  if (lock) {
    throw new RestoreRefused(
      `a Jiangxin server (process ${lock.pid}${lock.port ? `, port ${lock.port}` : ''}) is using ${dataDir}; stop it first`,
    );
  }
  if (port === undefined) return;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1500) });
    const body = (await res.json().catch(() => null)) as { db?: string } | null;
    if (body?.db === 'embedded')
      throw new RestoreRefused(`a Jiangxin server answers on port ${port}; stop it before restoring`);
  } catch (err) {
    if (err instanceof RestoreRefused) throw err;
    // Nothing listens there: fine.
  }
}

export async function restoreSnapshot(opts: { dataDir: string; file: string; port?: number }): Promise<RestoreResult> {
  const { dataDir, file } = opts;
  await assertNoServer(dataDir, opts.port);
  const now = stamp();
  const staging = join(dataDir, `db-restoring-${now}`);
  let summary: RestoreSummary;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const bytes = await readFile(file);
    const loaded = await PGlite.create(staging, { loadDataDir: new Blob([new Uint8Array(bytes)]) });
    await loaded.close();
    // Opening it the way the server does also applies migrations newer than the snapshot.
    const handle = await createDb({ dataDir: staging });
    try {
      summary = await summarize(handle);
    } finally {
      await handle.close();
    }
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw new RestoreRefused(
      `the snapshot ${basename(file)} could not be opened (${(err as Error).message}); nothing was changed`,
    );
  }
  const current = join(dataDir, 'db');
  let movedAside: string | null = null;
  if (existsSync(current)) {
    movedAside = join(dataDir, `db-before-restore-${now}`);
    await rename(current, movedAside);
  }
  await rename(staging, current);
  return { restored: current, movedAside, summary };
}

/** Events and contests with their states and numbers of mark revisions. */
export async function summarize(handle: DbHandle): Promise<RestoreSummary> {
  const rows = rowsOf<{
    event_id: string;
    event_name: string;
    id: string | null;
    code: string | null;
    name: string | null;
    state: string | null;
    marks: number | string;
  }>(
    await handle.db.execute(sql`
      SELECT e.id AS event_id, e.name AS event_name, c.id, c.code, c.name, c.state,
             (SELECT count(*) FROM marks m WHERE m.contest_id = c.id) AS marks
      FROM events e LEFT JOIN contests c ON c.event_id = e.id
      ORDER BY e.created_at, e.id, c.position`),
  );
  const byEvent = new Map<string, RestoreSummary['events'][number]>();
  for (const r of rows) {
    let ev = byEvent.get(r.event_id);
    if (!ev) byEvent.set(r.event_id, (ev = { id: r.event_id, name: r.event_name, contests: [] }));
    if (r.id) ev.contests.push({ id: r.id, code: r.code!, name: r.name!, state: r.state!, marks: Number(r.marks) });
  }
  return { events: [...byEvent.values()] };
}
