// Typed errors of the domain and their mapping to the one error shape of CONTRACT §2.
import type { ZodError } from 'zod';
import type { CertifyBlocker } from '../shared/api.ts';

export type ErrorCode =
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'contest_closed'
  | 'transition_blocked'
  | 'idempotency_conflict'
  | 'not_flagged'
  | 'appeal_window_closed'
  | 'public_url_fixed'
  | 'public_url_unconfirmed'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface Issue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: Issue[]; reasons?: string[]; blockers?: CertifyBlocker[]; retryAfter?: number } = {},
  ) {
    super(message);
  }

  body() {
    const { issues, reasons, blockers } = this.extra;
    return { error: { code: this.code, message: this.message, ...(issues ? { issues } : {}), ...(reasons ? { reasons } : {}), ...(blockers ? { blockers } : {}) } };
  }
}

export const invalid = (message: string, issues: Issue[]) => new DomainError(400, 'validation_failed', message, { issues });
export const unauthorized = (message = 'sign in first') => new DomainError(401, 'unauthorized', message);
export const forbidden = (message: string) => new DomainError(403, 'forbidden', message);
export const notFound = (message: string) => new DomainError(404, 'not_found', message);
export const conflict = (message: string, code: ErrorCode = 'conflict') => new DomainError(409, code, message);

export function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function fromZod(err: ZodError, prefix = ''): DomainError {
  const issues: Issue[] = [];
  for (const i of err.issues) {
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) issues.push({ path: pathOf([...i.path, k]), message: `unknown field "${k}"` });
    } else {
      issues.push({ path: pathOf(i.path), message: i.message });
    }
  }
  const withPrefix = prefix ? issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix })) : issues;
  const first = withPrefix[0];
  return invalid(first ? `${first.path || 'body'}: ${first.message}` : 'invalid input', withPrefix);
}
