// Snapshots of the embedded database (PGlite): the whole data directory as a gzipped tar.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import type { DbHandle } from '../../db/create-db.ts';

const gzipAsync = promisify(gzip);

/** The PGlite instance under an embedded handle (Drizzle keeps its client as `$client`). */
export function pgliteOf(handle: Pick<DbHandle, 'db' | 'kind'>): PGlite | null {
  if (handle.kind !== 'embedded') return null;
  return (handle.db as unknown as { $client?: PGlite }).$client ?? null;
}

/**
 * dumpDataDir holds PGlite's query lock while it copies the files, so nothing is written halfway
 * through (the copy is what a crash at that instant would leave, which PostgreSQL recovers from).
 * It is asked for the plain tar and compressed here in libuv's thread pool: dumpDataDir('gzip')
 * gives the same bytes but keeps the lock, and every request waiting on it, about twice as long.
 */
export async function dumpDataDirGzip(client: PGlite): Promise<Buffer> {
  const tar = await client.dumpDataDir('none');
  return gzipAsync(new Uint8Array(await tar.arrayBuffer()));
}
