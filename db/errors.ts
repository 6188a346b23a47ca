// Errors that mean the database is out of reach (not that a request was wrong).
const DB_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
  '08003',
  '08004',
]);

export function isDatabaseDown(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && DB_DOWN.has(e.code)) return true;
  }
  return false;
}

/** A UNIQUE constraint refused a row that another transaction committed first (PostgreSQL 23505). */
export function isUniqueViolation(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === '23505') return true;
  }
  return false;
}

/**
 * postgres.js 3.4.9 can write to a connection whose socket it has just dropped (a reset during an
 * outage): "Cannot read properties of null (reading 'write')", thrown from a timer in its
 * connection.js, so nothing of ours can catch it. The connection is already gone and the library
 * reconnects; the error itself is harmless and must not end the process.
 */
export function isPostgresClosedSocketRace(err: unknown): boolean {
  // Duck-typed: test runners hand it over serialised (stack as text, or parsed into `stacks`).
  const e = err as { message?: unknown; stack?: unknown; stacks?: { file?: unknown }[] } | null;
  if (!e || typeof e.message !== 'string' || !/null \(reading 'write'\)/.test(e.message)) return false;
  const where = [
    String(e.stack ?? ''),
    ...(Array.isArray(e.stacks) ? e.stacks.map((f) => String(f?.file ?? '')) : []),
  ].join('\n');
  return /postgres[\\/]src[\\/]connection\.js/.test(where);
}
