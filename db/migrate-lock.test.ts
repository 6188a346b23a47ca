// Several server processes starting together on one new PostgreSQL database (a national
// deployment): each runs the migrations on open; the advisory lock lets one migrate while the
// others wait, so none fails on a half-created schema.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDb, rowsOf } from './create-db.ts';
import { sql } from 'drizzle-orm';
import { postgresServer, skipWithout } from '../server/test/services-available.ts';

const BASE = (process.env.TEST_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const skip = await skipWithout(import.meta.url, postgresServer(`${BASE}/postgres`, 'TEST_PG_BASE'));

describe.skipIf(skip)('migrations on PostgreSQL', () => {
  it('four pools opening one new database at once all open it, with the schema migrated once', async () => {
    const name = `jx_miglock_${randomBytes(4).toString('hex')}`;
    const admin = postgres(`${BASE}/postgres`, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    try {
      const handles = await Promise.all(
        [1, 2, 3, 4].map(() => createDb({ databaseUrl: `${BASE}/${name}`, maxConnections: 2 })),
      );
      try {
        const [row] = rowsOf<{ n: string | number }>(
          await handles[3]!.db.execute(sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`),
        );
        const files = (await import('node:fs'))
          .readdirSync(new URL('./migrations', import.meta.url))
          .filter((f) => f.endsWith('.sql'));
        expect(Number(row!.n)).toBe(files.length);
        for (const h of handles) expect(rowsOf(await h.db.execute(sql`SELECT count(*) FROM marks`))).toHaveLength(1);
      } finally {
        for (const h of handles) await h.close();
      }
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);
});
