// One error shape for every failure (CONTRACT §2). Anything a client sent maps to a 4xx;
// a database that is down is a 503 with Retry-After; only our own bugs are 500s, and they are logged.
// The domain's refusals carry codes; this is the one place that gives each code its HTTP status.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, refuse, type ErrorCode } from '../errors.ts';
import { isDatabaseDown } from '../../db/errors.ts';
import { unavailable } from './db-gate.ts';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;

export const STATUS_OF: Readonly<Record<ErrorCode, ErrorStatus>> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  contest_closed: 409,
  transition_blocked: 409,
  idempotency_conflict: 409,
  not_flagged: 409,
  appeal_window_closed: 409,
  public_url_fixed: 409,
  public_url_unconfirmed: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export const statusOf = (err: DomainError): ErrorStatus => STATUS_OF[err.code];

export function errorResponse(err: unknown, c: Context, log: (err: unknown) => void) {
  if (err instanceof DomainError) {
    if (err.extra.retryAfter) c.header('Retry-After', String(err.extra.retryAfter));
    return c.json(err.body(), statusOf(err));
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const refusal =
      status === 413
        ? refuse('payload_too_large', err.message || 'the request body is too large')
        : status === 400
          ? refuse('validation_failed', err.message || 'request refused')
          : refuse('conflict', err.message || 'request refused');
    return c.json(refusal.body(), status);
  }
  if (isDatabaseDown(err)) {
    const services = c.get('services');
    if (services) services.dbGate.close();
    return errorResponse(unavailable(), c, log);
  }
  log(err);
  return c.json(refuse('internal', 'internal error; nothing was stored').body(), 500);
}
