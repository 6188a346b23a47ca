// Codes inside, statuses at the edge: every code of the shared catalogue has the status CONTRACT §2
// gives it, the same as before codes and statuses were parted (a change here breaks clients).
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_KEYS } from '../../shared/errors/index.ts';
import { refuse } from '../errors.ts';
import { STATUS_OF, statusOf } from './errors.ts';

// CONTRACT §2: 400 invalid input, 401 not signed in, 403 not allowed, 404 unknown, 409 conflicts
// with the current state, 413 too large, 429 too many attempts (and 503 while the database is away).
const CODES_BY_STATUS: Record<number, string[]> = {
  400: ['bad_request', 'invalid_json', 'validation_failed'],
  401: ['unauthorized'],
  403: ['forbidden'],
  404: ['not_found'],
  409: [
    'conflict',
    'contest_closed',
    'transition_blocked',
    'idempotency_conflict',
    'not_flagged',
    'appeal_window_closed',
    'public_url_fixed',
    'public_url_unconfirmed',
  ],
  413: ['payload_too_large'],
  429: ['rate_limited'],
  500: ['internal'],
  503: ['unavailable'],
};
const EXPECTED = Object.fromEntries(
  Object.entries(CODES_BY_STATUS).flatMap(([status, codes]) => codes.map((c) => [c, Number(status)])),
);

describe('code → HTTP status', () => {
  it('gives every wire code its status, and knows no other', () => {
    expect(STATUS_OF).toEqual(EXPECTED);
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives every refusal of the catalogue the status of its code', () => {
    for (const key of ERROR_KEYS) {
      const err = refuse(key as 'conflict', 'message');
      expect(err.code, key).toBe(key.split(':')[0]);
      expect(statusOf(err), key).toBe(EXPECTED[err.code]);
    }
  });

  it('sends a finer refusal as its code with the reason in params, and the English message for logs', () => {
    const err = refuse('conflict:bad_transition', 'cannot go from "setup" to "certified"', {
      from: 'setup',
      to: 'certified',
    });
    expect(err.body()).toEqual({
      error: {
        code: 'conflict',
        message: 'cannot go from "setup" to "certified"',
        params: { reason: 'bad_transition', from: 'setup', to: 'certified' },
      },
    });
    const plain = refuse('idempotency_conflict', 'x').body();
    expect(plain).toEqual({ error: { code: 'idempotency_conflict', message: 'x' } });
  });
});
