// One error shape for every failure (CONTRACT §2). Anything a client sent maps to a 4xx;
// a database that is down is a 503 with Retry-After; only our own bugs are 500s, and they are logged.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../errors.ts';

const DB_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', 'CONNECTION_DESTROYED', '57P01', '57P02', '57P03', '08006', '08001', '08003', '08004']);

export function isDatabaseDown(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && DB_DOWN.has(e.code)) return true;
  }
  return false;
}

export function errorResponse(err: unknown, c: Context, log: (err: unknown) => void) {
  if (err instanceof DomainError) {
    if (err.extra.retryAfter) c.header('Retry-After', String(err.extra.retryAfter));
    return c.json(err.body(), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 400 ? 'validation_failed' : 'conflict';
    return c.json({ error: { code, message: err.message || 'request refused' } }, status);
  }
  if (isDatabaseDown(err)) {
    c.header('Retry-After', '2');
    return c.json({ error: { code: 'unavailable', message: 'the database is not reachable; your request was not stored, try again shortly' } }, 503);
  }
  log(err);
  return c.json({ error: { code: 'internal', message: 'internal error; nothing was stored' } }, 500);
}
