// The mark writer's promises that only PostgreSQL can put to the test (several connections, and a
// database behind a TCP proxy that a test can cut): a clientId stored by another transaction after
// the writer's look-up is answered as a replay, not an error; a batch the database dropped is not
// split but refused to each caller at once, and announced as a possible change, which matters when
// the answer to its COMMIT was what got lost: the marks are stored and their retries replay them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createDb, type DbHandle } from '../../../db/create-db.ts';
import { isDatabaseDown } from '../../../db/errors.ts';
import { uuid } from '../../test/harness.ts';
import { freshPostgres } from '../../test/cluster/cluster-processes.ts';
import { startTcpProxy, type TcpProxy } from '../../test/faults/tcp-proxy.ts';
import { postgresServer, skipWithout } from '../../test/services-available.ts';
import { openEvent, outcome, pendingMark, writerWithLog, type OpenEvent } from '../../test/mark-writer-kit.ts';

const skip = await skipWithout(import.meta.url, postgresServer());

let database: Awaited<ReturnType<typeof freshPostgres>> | null = null;
let proxy: TcpProxy | null = null;
let handle: DbHandle;
/** Straight to the database (not through the proxy): to hold a lock, and to see who waits for one. */
let direct: postgres.Sql;
let first: OpenEvent;
let second: OpenEvent;

beforeAll(async () => {
  database = await freshPostgres();
  proxy = await startTcpProxy(database.url);
  handle = await createDb({ databaseUrl: proxy.url, maxConnections: 4 });
  direct = postgres(database.url, { max: 2, onnotice: () => {} });
  first = await openEvent(handle.db);
  second = await openEvent(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await direct?.end();
  await proxy?.close();
  await database?.drop();
});

/** Connections of this database waiting for a lock of this kind ('relation', 'transactionid'). */
async function waitingFor(lock: string): Promise<number> {
  const [row] = await direct`SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = ${lock}`;
  return row!.n as number;
}

/**
 * Makes every audit insert wait until the returned function is called: a writer's transaction then
 * stays open, its marks inserted, until then.
 */
async function holdAuditInserts(): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holding = direct.begin(async (tx) => {
    await tx`LOCK TABLE audit_log IN SHARE MODE`;
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await holding;
  };
}

/** After a cut: fresh connections through the proxy, once they answer. */
async function reconnected() {
  proxy!.restore();
  await expect
    .poll(
      async () =>
        handle.db.execute(sql`SELECT 1`).then(
          () => true,
          () => false,
        ),
      { timeout: 10_000 },
    )
    .toBe(true);
}

describe.skipIf(skip)('MarkWriter on PostgreSQL', () => {
  it('answers a clientId another transaction stored after its look-up (in another contest) as a replay', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const clientId = uuid();
    const release = await holdAuditInserts();
    const inFirst = writer.submit(pendingMark(first, { contestant: 'C001', clientId }));
    await expect.poll(() => waitingFor('relation')).toBe(1);
    // The second looks the clientId up (not committed: not found) and waits on the first's row.
    const inSecond = writer.submit(pendingMark(second, { contestant: 'C001', clientId }));
    await expect.poll(() => waitingFor('transactionid')).toBe(1);
    await release();

    const [a, b] = await Promise.all([inFirst, inSecond]);
    expect(outcome(a)).toBe('created');
    // Looked up again after the unique violation: the stored mark, another contest's, is a conflict.
    expect(outcome(b)).toBe('idempotency_conflict');
    expect(commits).toEqual([[first.contestIds[0], 1]]);
  });

  it('refuses every mark of a batch the database dropped, at once, and announces a possible change', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const contestId = first.contestIds[0]!;
    const release = await holdAuditInserts();
    const submitted = ['C002', 'C003', 'C004'].map((bib) => writer.submit(pendingMark(first, { contestant: bib })));
    // The batch's transaction is under way when the connection drops.
    await expect.poll(() => waitingFor('relation')).toBe(1);
    proxy!.cut();
    const settled = await Promise.allSettled(submitted);
    await release();
    await reconnected();
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect(isDatabaseDown((s as PromiseRejectedResult).reason)).toBe(true);
    }
    // One attempt for the batch (each mark alone would have announced once more each).
    expect(commits).toEqual([[contestId, 0]]);
  });

  it('announces a possible change when the answer to its COMMIT was lost; retries replay what it stored', async () => {
    const { writer, commits } = writerWithLog(handle.db);
    const contestId = first.contestIds[0]!;
    // Fresh connections: postgres.js prepares "commit" once per connection, so the next one sends its text.
    proxy!.cut();
    await reconnected();
    const committed = proxy!.cutAfterCommit();
    const marks = ['C005', 'C006'].map((bib) => pendingMark(first, { contestant: bib }));
    const settled = await Promise.allSettled(marks.map((m) => writer.submit(m)));
    await committed;
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(commits).toEqual([[contestId, 0]]);
    await reconnected();

    const again = await Promise.all(marks.map((m) => writer.submit(m)));
    expect(again.map(outcome)).toEqual(['replayed', 'replayed']);
    // A replay announces nothing: the announcement at the lost COMMIT was the one the boards needed.
    expect(commits).toEqual([[contestId, 0]]);
  });
});
