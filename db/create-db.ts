// One way to open the database: PostgreSQL through postgres.js when a URL is given,
// otherwise embedded PostgreSQL (PGlite) in a directory. Migrations run on open.
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DbHandle {
  db: Db;
  kind: 'embedded' | 'postgres';
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string;
  /** Directory of the embedded database; 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  maxConnections?: number;
}

/** Key of the advisory lock held while migrating (any fixed number; "jiangxin" in ASCII, shortened). */
const MIGRATION_LOCK = 0x6a69616e67;

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function createDb(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.maxConnections ?? 10);
  return openEmbedded(opts.dataDir ?? './data/db');
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  // postgres.js waits 3^n/100 s (up to 20 s) between connection attempts after failures: after an
  // outage the first query would wait that long for a database that is already back. At most 0.5 s.
  const backoff = (retries: number) => Math.min(0.05 * 2 ** retries, 0.5);
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 5, backoff });
  const db = drizzle({ client, schema });
  // Several server processes may start together on one new database: one migrates, the others wait
  // for it (a session lock, on one reserved connection, released when the migrations are done).
  const lock = await client.reserve();
  try {
    await lock`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder });
  } finally {
    await lock`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    lock.release();
  }
  return { db: db as unknown as Db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openEmbedded(dataDir: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: 'embedded', close: () => client.close() };
}

/** Rows of a raw `db.execute()` result, whichever driver ran it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
