// Fresh databases for one benchmark run, and the raw-INSERT baseline on the same kind of database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { PGlite } from '@electric-sql/pglite';
import { createDb, type DbHandle } from '../../db/create-db.ts';

export type DbKind = 'pglite' | 'postgres';

export interface FreshDb {
  kind: DbKind;
  handle: DbHandle;
  url?: string;
  version: string;
  /** Closes the handle and removes the database. */
  dispose(): Promise<void>;
}

export async function openFresh(kind: DbKind, pgBase: string): Promise<FreshDb> {
  if (kind === 'pglite') {
    // On disk, as on an organiser's laptop; memory:// would flatter the embedded database.
    const dir = mkdtempSync(join(tmpdir(), 'jx-bench-'));
    const db = await openPglite(dir);
    return {
      ...db,
      dispose: async () => {
        await db.dispose();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `jx_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(`${pgBase}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = `${pgBase}/${name}`;
  try {
    const handle = await createDb({ databaseUrl: url });
    const [row] = await admin`show server_version`;
    return {
      kind,
      handle,
      url,
      version: String(row!.server_version),
      dispose: async () => {
        await handle.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  } catch (err) {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    throw err;
  }
}

/** An embedded database in `dir` (created and migrated if new); dispose closes it and leaves the directory. */
export async function openPglite(dir: string): Promise<FreshDb> {
  const handle = await createDb({ dataDir: dir });
  const [row] = (await pgliteOf(handle).query<{ v: string }>("select current_setting('server_version') as v")).rows;
  return { kind: 'pglite', handle, version: row!.v, dispose: () => handle.close() };
}

const pgliteOf = (h: DbHandle) => (h.db as unknown as { $client: PGlite }).$client;

export const RAW_INSERT = `INSERT INTO marks (contest_id, contestant, criterion, judge, value, revision, client_id, fingerprint, note, reason, shadow, seq)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12)`;

export type RawRow = [string, string, string, string, string, number, string, string, null, null, boolean, number];

/** One single-row INSERT per call, autocommit: PGlite's one embedded connection, or a pool of `connections`. */
export function rawInserter(
  db: FreshDb,
  connections: number,
): { insert(row: RawRow): Promise<void>; close(): Promise<void> } {
  if (db.kind === 'pglite') {
    const client = pgliteOf(db.handle);
    return { insert: async (row) => void (await client.query(RAW_INSERT, row)), close: async () => {} };
  }
  const sql = postgres(db.url!, { max: connections, onnotice: () => {} });
  return {
    insert: async (row) => void (await sql.unsafe(RAW_INSERT, row, { prepare: true })),
    close: () => sql.end({ timeout: 5 }),
  };
}
