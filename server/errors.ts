// Typed refusals of the domain: a key of the shared catalogue (shared/errors) with its params, and
// an English message for logs. The domain speaks codes; the HTTP edge (http/errors.ts) gives each
// code its status and writes the one error shape of CONTRACT §2.
import type { z } from 'zod';
import type { CertifyBlocker } from '../shared/api.ts';
import {
  codeOfKey,
  englishErrorMap,
  zodIssues,
  type ErrorCode,
  type ErrorKey,
  type ErrorParams,
  type WireIssue,
} from '../shared/errors/index.ts';

export type { ErrorCode, ErrorKey };

/**
 * An issue of a refusal as it goes out. Ours are built with shared/errors `issue()`, typed by their
 * code; a roster's problems carry the roster's own codes (shared/roster).
 */
export type Issue = WireIssue;

export interface ErrorExtra {
  issues?: Issue[];
  /** transition_blocked: each blocker in English (CONTRACT §5), and the same structured. */
  reasons?: string[];
  blockers?: CertifyBlocker[];
  /** seconds, sent as Retry-After */
  retryAfter?: number;
}

type ParamsArg<K extends ErrorKey> =
  {} extends ErrorParams<K>
    ? [params?: ErrorParams<K>, extra?: ErrorExtra]
    : [params: ErrorParams<K>, extra?: ErrorExtra];

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** The wire params: the refusal's reason (when its code covers several) and its values. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly extra: ErrorExtra;

  constructor(
    readonly key: ErrorKey,
    message: string,
    params: object = {},
    extra: ErrorExtra = {},
  ) {
    super(message);
    this.code = codeOfKey(key);
    const reason = key.includes(':') ? { reason: key.slice(key.indexOf(':') + 1) } : {};
    this.params = { ...reason, ...withoutUndefined(params) };
    this.extra = extra;
  }

  body() {
    const { issues, reasons, blockers } = this.extra;
    const params = Object.keys(this.params).length > 0 ? { params: this.params } : {};
    return {
      error: {
        code: this.code,
        message: this.message,
        ...params,
        ...(issues ? { issues } : {}),
        ...(reasons ? { reasons } : {}),
        ...(blockers ? { blockers } : {}),
      },
    };
  }
}

function withoutUndefined(params: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

/** A refusal: `refuse('not_found:contestant', 'unknown contestant "C001"', { bib: 'C001' })`. */
export function refuse<K extends ErrorKey>(key: K, message: string, ...rest: ParamsArg<K>): DomainError {
  return new DomainError(key, message, rest[0] ?? {}, rest[1]);
}

/** 400 with issues; `key` says what was refused when the issues alone do not. */
export function invalid(message: string, issues: Issue[], key: ErrorKey = 'validation_failed'): DomainError {
  return new DomainError(key, message, {}, { issues });
}

export const unauthorized = () => refuse('unauthorized', 'sign in first');
export const unknownEvent = () => refuse('not_found:event', 'unknown event');
export const unknownContest = () => refuse('not_found:contest', 'unknown contest');

export function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** A 400 for a body that does not fit its schema: every issue, coded (shared/errors/zod.ts). */
export function fromZod(err: z.ZodError, input: unknown): DomainError {
  const issues = zodIssues(input, err.issues);
  const first = issues[0];
  return invalid(first ? `${first.path || 'body'}: ${first.message}` : 'invalid input', issues);
}

/** The parsed body, or the 400 that lists everything wrong with it. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input, { error: englishErrorMap });
  if (!parsed.success) throw fromZod(parsed.error, input);
  return parsed.data;
}
