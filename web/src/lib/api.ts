// The web app's one HTTP client for the API (CONTRACT §2–§7), same origin under /api/v1: JSON
// requests with a timeout, refusals as ApiRequestError (with Retry-After), and Failure for screens.
import type { ApiError } from '$shared/api.ts';
import { codeForStatus } from '$shared/errors/status-code.ts';

export const API_BASE = '/api/v1';
const TIMEOUT_MS = 15_000;

export type { ContestDetail, EventDetail } from '$shared/api.ts';

/** A refused or failed request. `status` is 0 when the server was not reached. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiError;
  /** Seconds the server asked to wait (Retry-After), when it said so. */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ApiError, retryAfter?: number) {
    super(body.error.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  get code(): string {
    return this.body.error.code;
  }
}

export interface RequestOptions {
  token?: string | null;
  signal?: AbortSignal;
  /** SvelteKit's `fetch` inside load functions; the global one otherwise. */
  fetch?: typeof fetch;
  /** Give up after this long (default 15 s); 0 waits as long as the network does (uploads). */
  timeoutMs?: number;
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function bodyFor(code: string, message: string): ApiError {
  return { error: { code, message } };
}

/** What a request sends: JSON, or a file's bytes as they are. */
type Outgoing = { json: unknown } | { file: Blob; type: string } | undefined;

async function request<T>(method: string, path: string, outgoing: Outgoing, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (outgoing) headers['content-type'] = 'json' in outgoing ? 'application/json' : outgoing.type;
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  // One controller for the caller's signal and the timeout (AbortSignal.any is too new for older phones).
  const controller = new AbortController();
  let timedOut = false;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  const forward = () => controller.abort();
  options.signal?.addEventListener('abort', forward, { once: true });
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(API_BASE + path, {
      method,
      headers,
      body: outgoing === undefined ? undefined : 'json' in outgoing ? JSON.stringify(outgoing.json) : outgoing.file,
      signal: controller.signal,
    });
    text = await response.text();
  } catch (cause) {
    if (options.signal?.aborted) throw cause; // the caller cancelled: not an API error
    throw new ApiRequestError(0, bodyFor(timedOut ? 'timeout' : 'network_error', String(cause)));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forward);
  }

  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed as T;
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  if (isApiError(parsed)) throw new ApiRequestError(response.status, parsed, retryAfter);
  throw new ApiRequestError(
    response.status,
    bodyFor(codeForStatus(response.status), `HTTP ${response.status}`),
    retryAfter,
  );
}

/** A busy server (503 with Retry-After: public reads wait their turn behind judges) is asked again this often. */
const BUSY_RETRIES = 4;
const MAX_BUSY_WAIT_S = 10;

function pause(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** GET `/api/v1${path}`; a 503 that says when to come back is tried again then (a few times). */
export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request<T>('GET', path, undefined, options);
    } catch (err) {
      const busy = err instanceof ApiRequestError && err.status === 503 && err.retryAfter !== undefined;
      if (!busy || attempt >= BUSY_RETRIES || options.signal?.aborted) throw err;
      await pause(Math.min(err.retryAfter!, MAX_BUSY_WAIT_S), options.signal);
      if (options.signal?.aborted) throw err;
    }
  }
}

/** POST `/api/v1${path}` with a JSON body. */
export function postJson<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return request<T>('POST', path, body === undefined ? undefined : { json: body }, options);
}

/** PUT, PATCH or DELETE `/api/v1${path}` with a JSON body. */
export function sendJson<T>(
  method: 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  return request<T>(method, path, { json: body }, options);
}

/** POST `/api/v1${path}` with a file's bytes as the body, of the given content type; no timeout by default. */
export function postFile<T>(path: string, file: Blob, type: string, options: RequestOptions = {}): Promise<T> {
  return request<T>('POST', path, { file, type }, { timeoutMs: 0, ...options });
}

/** Failure details a screen shows: the API's code, message and issues, the HTTP status (0: not reached). */
export type Failure = ApiError['error'] & { status: number; retryAfter?: number };

export function failureOf(cause: unknown): Failure {
  if (cause instanceof ApiRequestError) {
    const failure: Failure = { ...cause.body.error, status: cause.status };
    return cause.retryAfter === undefined ? failure : { ...failure, retryAfter: cause.retryAfter };
  }
  return { code: 'unknown', message: String(cause), status: 0 };
}
