// The driver itself, under Drizzle, for the few statements on the marks path (thousands a second).
// Drizzle sends every query as an unnamed statement, which postgres.js runs in two round trips
// (parse and describe, then bind and execute); here each statement is prepared once per connection
// and then costs one round trip, and statements issued together are pipelined.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Sql, TransactionSql } from 'postgres';
import type { Db } from './create-db.ts';

export interface HotSql {
  /** Rows of one statement ($1, $2… parameters). Issue several before awaiting to pipeline them. */
  query<T>(text: string, params: unknown[]): Promise<T[]>;
}

type Client = { kind: 'postgres'; sql: Sql } | { kind: 'embedded'; pg: PGlite };

function clientOf(db: Db): Client {
  const client = (db as unknown as { $client: Sql | PGlite }).$client;
  return 'begin' in client && typeof client.begin === 'function' && 'unsafe' in client
    ? { kind: 'postgres', sql: client as Sql }
    : { kind: 'embedded', pg: client as PGlite };
}

/** Runs `fn` in one transaction of the database behind `db`; it commits when `fn` resolves. */
export async function hotTransaction<R>(db: Db, fn: (q: HotSql) => Promise<R>): Promise<R> {
  const c = clientOf(db);
  if (c.kind === 'postgres') {
    return (await c.sql.begin((tx: TransactionSql) =>
      fn({
        query: <T>(text: string, params: unknown[]) =>
          tx.unsafe(text, params as never[], { prepare: true }) as unknown as Promise<T[]>,
      }),
    )) as R;
  }
  return c.pg.transaction((tx: Transaction) =>
    fn({ query: async <T>(text: string, params: unknown[]) => (await tx.query<T>(text, params)).rows }),
  );
}

/** One statement outside a transaction, prepared once per connection. */
export async function hotQuery<T>(db: Db, text: string, params: unknown[]): Promise<T[]> {
  const c = clientOf(db);
  if (c.kind === 'postgres') return (await c.sql.unsafe(text, params as never[], { prepare: true })) as unknown as T[];
  return (await c.pg.query<T>(text, params)).rows;
}
