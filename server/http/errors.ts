// One error shape for every failure (CONTRACT §2). Anything a client sent maps to a 4xx;
// a database that is down is a 503 with Retry-After; only our own bugs are 500s, and they are logged.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../errors.ts';
import { isDatabaseDown } from '../../db/errors.ts';
import { dbGateOf, unavailable } from './db-gate.ts';

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
    const services = c.get('services');
    if (services) dbGateOf(services.db).close();
    return errorResponse(unavailable(), c, log);
  }
  log(err);
  return c.json({ error: { code: 'internal', message: 'internal error; nothing was stored' } }, 500);
}
