// Codes inside, statuses at the edge: every code of the shared catalogue has the status CONTRACT §2
// gives it, the same as before codes and statuses were parted (a change here breaks clients).
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_KEYS } from '../../shared/errors/index.ts';
import { refuse } from '../errors.ts';
import { STATUS_OF, statusOf } from './errors.ts';

const EXPECTED: Record<string, number> = {
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
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

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
    const err = refuse('conflict:bad_transition', 'cannot go from "setup" to "certified"', { from: 'setup', to: 'certified' });
    expect(err.body()).toEqual({
      error: {
        code: 'conflict',
        message: 'cannot go from "setup" to "certified"',
        params: { reason: 'bad_transition', from: 'setup', to: 'certified' },
      },
    });
    expect(refuse('idempotency_conflict', 'x').body()).toEqual({ error: { code: 'idempotency_conflict', message: 'x' } });
  });
});
